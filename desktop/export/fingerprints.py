"""Fingerprints of what pages are made from, light enough for a re-export that renders nothing.

Equal inputs give equal fingerprints; the plan (:mod:`desktop.export.plan`) and the quick
re-export (:mod:`desktop.export.quick`) both compute page sources with these, so a page
planned either way has the same source in the manifest. Nothing here imports the renderer.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from desktop import __version__
from desktop.article import Article, Column
from desktop.media_paths import thumbnail_path
from desktop.render import urls
from desktop.resources import library_versions, resource_path
from desktop.site import Site

if TYPE_CHECKING:
    from desktop.render.page import ArticleNavigation

# Article fields that never show on a page: saving without a change must not redo a page.
_NOT_RENDERED = {"version", "created_at", "updated_at", "status"}
_ARTICLE_FIELDS = dataclasses.fields(Article)


def fingerprint(*parts: object) -> str:
    """Return a SHA-256 of JSON-able parts: equal inputs give equal fingerprints."""
    text = json.dumps(parts, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


@cache
def renderer_fingerprint() -> str:
    """Return a fingerprint of the rendering code, templates, stylesheet and libraries.

    Kept in the manifest: when it differs from the previous export's, a "changed only"
    export redoes every page, as a new template or Markdown version requires.
    """
    digest = hashlib.sha256(__version__.encode())
    package = Path(__file__).resolve().parent.parent
    sources = [
        *sorted((package / "render").glob("*.py")),
        *sorted((package / "export").glob("*.py")),
        *sorted(resource_path("templates").glob("*.html")),
        resource_path("css", "site.css"),
    ]
    for source in sources:
        digest.update(source.name.encode())
        digest.update(source.read_bytes())
    for library, version in library_versions(("markdown", "nh3", "jinja2", "markupsafe")):
        digest.update(f"{library} {version}".encode() if version else library.encode())
    return digest.hexdigest()


def article_fingerprint(article: Article) -> str:
    """Return the fingerprint of everything of ``article`` its page shows (body included)."""
    return fingerprint(_article_inputs(article))


def _article_inputs(article: Article) -> dict[str, object]:
    # Built by hand: dataclasses.asdict deep-copies and costs a tenth of a second per 1,000.
    return {
        f.name: getattr(article, f.name) for f in _ARTICLE_FIELDS if f.name not in _NOT_RENDERED
    }


def frame_fingerprint(site: Site, columns: Sequence[Column]) -> str:
    """Return the fingerprint of what every page shares: page settings and columns."""
    return fingerprint(site.page_settings(), [(c.id, c.name, c.slug, c.position) for c in columns])


def listing_key(article: Article) -> str:
    """Return the fingerprint of what shows of an article beyond its own page.

    Lists, the sitemap, keyword pages, 上一篇/下一篇 and related links read only these fields:
    while they stay the same, an edit redoes only the article's own pages (and the feed when
    it shows the article). The status shows only in the manifest (approved or published).
    """
    return fingerprint(
        _entry_key(article),
        article.column,
        list(article.keywords),
        article.published_at.isoformat(),
    )


def _entry_key(article: Article) -> str:
    """Return the fingerprint of what a list page shows of an article."""
    return fingerprint(
        article.title,
        urls.article_path(article),
        article.date_text,
        article.summary,
        thumbnail_path(article.cover),
    )


def _navigation_key(navigation: ArticleNavigation | None) -> object:
    """Return what a page's navigation shows as plain data (a dataclass repr costs more)."""
    if navigation is None:
        return None
    newer, older = navigation.newer, navigation.older
    return (
        newer and (newer.title, newer.path, newer.date),
        older and (older.title, older.path, older.date),
        [(n.title, n.path, n.date) for n in navigation.related],
    )
