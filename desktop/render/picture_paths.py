"""Where a store picture is, seen from an article page: ``media/…`` in Markdown, rebased.

Store pictures are written ``media/<hash>.<ext>`` (relative to the site root) in Markdown;
article pages live at ``news/YYYY/MM/<id>.html``, so their ``src`` is ``../../../media/…``.
Apart from the figures' extension (``desktop.render.figures``) so that a plain body
(``plain_body``) rebases its pictures without importing Python-Markdown.
"""

from __future__ import annotations

from desktop.article import Article
from desktop.render.urls import article_path

#: How article pages reach the site root: one "../" per folder of ``article_path``.
MEDIA_BASE = "../" * article_path(Article(title="x")).count("/")


def page_picture_src(src: str) -> str:
    """Return the ``src`` an article page uses for a picture written ``src`` in Markdown."""
    return MEDIA_BASE + src if src.startswith("media/") else src


def site_picture_src(src: str) -> str:
    """Undo :func:`page_picture_src`: the path to write back into Markdown."""
    if src.startswith(MEDIA_BASE + "media/"):
        return src[len(MEDIA_BASE) :]
    return src
