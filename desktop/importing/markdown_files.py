"""Markdown article files whose pictures are files beside them: pictures go into the store."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from urllib.parse import unquote

from desktop.article import Article
from desktop.article_file import ArticleFileError, read_article_file
from desktop.i18n import tr
from desktop.importing.html import PendingPictures
from desktop.pictures import PictureError

# ![alt](target "title") and <img … src="target" …>; targets in <…> may hold spaces.
_MD_IMAGE = re.compile(r"(!\[[^\]\n]*\]\(\s*)(<[^>\n]*>|[^)\s]+)")
_HTML_IMAGE = re.compile(r"(<img\b[^>]*?\bsrc\s*=\s*[\"'])([^\"'>]+)", re.I)
_STORED = re.compile(r"media/[0-9a-f]{64}\.(?:jpg|png)")
_SCHEME = re.compile(r"[a-zA-Z][a-zA-Z0-9+.\-]*:")


def _is_local(target: str) -> bool:
    """Whether a picture address names a file beside the article (not a URL or stored picture)."""
    return not (
        not target
        or _SCHEME.match(target)
        or target.startswith(("/", "\\", "#"))
        or _STORED.fullmatch(target)
    )


def read_markdown_article(
    path: Path, pictures: PendingPictures, *, root: Path | None = None, encoding: str | None = None
) -> Article:
    """Read a Markdown article; its relative pictures (inside ``root``) become stored pictures.

    root: the folder pictures may come from (default: the article's own folder), so that an
    article cannot pull in files from elsewhere on the disk. encoding: the user's choice
    (otherwise detected).
    """
    article = read_article_file(path, encoding=encoding)
    base = (root or path.parent).resolve()
    cache: dict[str, str] = {}

    def store(target: str) -> str:
        if target in cache:
            return cache[target]
        name = unquote(target[1:-1] if target.startswith("<") else target)
        file = (path.parent / name).resolve()
        if not file.is_relative_to(base):
            raise ArticleFileError(
                path, tr("picture {name} is outside the folder being imported", name=name)
            )
        try:
            data = file.read_bytes()
        except OSError:
            raise ArticleFileError(
                path, tr("picture {name} cannot be found or read", name=name)
            ) from None
        try:
            stored = pictures.add(data, name)
        except PictureError as exc:
            raise ArticleFileError(path, str(exc)) from None
        cache[target] = stored
        return stored

    def rewrite(match: re.Match[str]) -> str:
        target = match.group(2)
        return match.group(1) + store(target) if _is_local(target) else match.group(0)

    body = _HTML_IMAGE.sub(rewrite, _MD_IMAGE.sub(rewrite, article.body))
    cover = store(article.cover) if _is_local(article.cover) else article.cover
    return replace(article, body=body, cover=cover)
