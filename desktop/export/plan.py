"""The render context of a bundle: every file it will hold, planned before anything is written.

Each planned file knows its path, a fingerprint of everything it is made from (``source``)
and how to render itself. Rendering is deferred so the writer can skip files whose inputs
did not change ("changed only") and so memory holds one page at a time, not the whole site.
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib.metadata
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from desktop import __version__
from desktop.article import Article, Column
from desktop.export import feeds
from desktop.export.manifest import ArticleRecord
from desktop.export.options import ExportError
from desktop.pictures.library import thumbnail_path
from desktop.render import urls
from desktop.render.editions import SIMPLIFIED, Edition, site_editions
from desktop.render.page import find_column, page_context, render_list_page, render_page
from desktop.render.page import render_article_page as render_article
from desktop.render.page_check import UnsafePage
from desktop.resources import resource_path
from desktop.site import Site

#: The page a web server shows for a missing URL (configure it as the server's 404 page).
NOT_FOUND = "404.html"
#: Title of the home list.
HOME_TITLE = "最新文章"
# Article fields that never show on a page: saving without a change must not redo a page.
_NOT_RENDERED = {"version", "created_at", "updated_at", "status"}
_ARTICLE_FIELDS = dataclasses.fields(Article)


@dataclass(frozen=True)
class PageJob:
    """A page to render, as plain data, so that another process can render it too."""

    edition: Edition
    article: Article | None = None  # an article page; otherwise a list page:
    title: str = ""
    members: tuple[Article, ...] = ()
    path: str = ""  # the list page's simplified path
    page: int = 1
    pages: int = 1
    column: Column | None = None

    def render(self, site: Site, columns: Sequence[Column]) -> bytes:
        """Return the page's bytes; a page refused by the safety check stops the export."""
        try:
            return self._render(site, columns)
        except UnsafePage as exc:
            raise ExportError(str(exc)) from None

    def _render(self, site: Site, columns: Sequence[Column]) -> bytes:
        if self.article is not None:
            return _utf8(render_article(self.article, site, columns, edition=self.edition))
        return _utf8(
            render_list_page(
                self.title,
                self.members,
                site,
                columns,
                self.path,
                self.page,
                self.pages,
                current_column=self.column,
                edition=self.edition,
            )
        )


@dataclass(frozen=True)
class PlannedFile:
    """One file of the bundle to be: path, fingerprint of its inputs, and how to render it."""

    path: str
    source: str
    render: Callable[[], bytes]
    job: PageJob | None = None  # set for pages, which may be rendered in another process


@dataclass
class BundlePlan:
    """Everything an export writes, decided up front: articles, list pages, feeds, static files."""

    site: Site
    columns: list[Column]
    articles: list[Article]  # newest first, as the lists show them
    files: list[PlannedFile]

    def article_records(self) -> list[ArticleRecord]:
        """Return the manifest's list of articles."""
        return [
            ArticleRecord(
                id=a.id or 0,
                title=a.title,
                date=a.date_text,
                path=urls.article_path(a),
                column=a.column,
                status=a.status.value,
            )
            for a in self.articles
        ]


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
    for library in ("markdown", "nh3", "jinja2", "markupsafe"):
        try:
            digest.update(f"{library} {importlib.metadata.version(library)}".encode())
        except importlib.metadata.PackageNotFoundError:
            digest.update(library.encode())
    return digest.hexdigest()


def _article_inputs(article: Article) -> dict[str, object]:
    # Built by hand: dataclasses.asdict deep-copies and costs a tenth of a second per 1,000.
    return {
        f.name: getattr(article, f.name) for f in _ARTICLE_FIELDS if f.name not in _NOT_RENDERED
    }


def newest_first(articles: Sequence[Article]) -> list[Article]:
    """Return articles in list order: newest publication first, then highest id."""
    return sorted(articles, key=lambda a: (a.published_at, a.id or 0), reverse=True)


def stylesheet_bytes() -> bytes:
    """Return the site stylesheet as shipped."""
    return resource_path("css", "site.css").read_bytes()


def render_not_found_page(site: Site, columns: Sequence[Column]) -> str:
    """Return the 404 page: the site frame with a short message and a way home."""
    context = page_context(site, columns, NOT_FOUND)
    context.update(title="页面不存在", description=f"页面不存在 - {site.name}")
    return render_page("404.html", context, SIMPLIFIED, "the 404 page")


def plan_bundle(articles: Sequence[Article], site: Site, columns: Sequence[Column]) -> BundlePlan:
    """Plan every file of the bundle for these articles, site settings and columns.

    With ``site.traditional`` on, every list and article page is planned a second time in the
    繁體 edition under ``zh-hant/``; the stylesheet, 404 page, sitemap and feed are shared.
    """
    base = feeds.site_base_url(site)
    columns = list(columns)
    ordered = newest_first(articles)
    frame = fingerprint(site.to_dict(), [(c.id, c.name, c.slug, c.position) for c in columns])
    files: list[PlannedFile] = []
    editions = site_editions(site)

    def add(path: str, source: str, render: Callable[[], bytes]) -> None:
        files.append(PlannedFile(path, source, render))

    def add_page(path: str, source: str, job: PageJob) -> None:
        files.append(PlannedFile(path, source, lambda: job.render(site, columns), job))

    css = stylesheet_bytes()
    add(urls.STYLESHEET, fingerprint(css.hex()), lambda: css)
    add(
        NOT_FOUND,
        fingerprint(frame, NOT_FOUND),
        lambda: _utf8(render_not_found_page(site, columns)),
    )

    sorted_columns = sorted(columns, key=lambda c: (c.position, c.name))
    members = {
        column.id: [a for a in ordered if find_column(a.column, columns) == column]
        for column in sorted_columns
    }
    list_firsts = [urls.home_path(), *(urls.column_path(c) for c in sorted_columns)]
    for edition in editions:
        key = edition.key()
        _plan_list(add_page, frame, key, HOME_TITLE, ordered, site, urls.home_path(), None, edition)
        for column in sorted_columns:
            first = urls.column_path(column)
            _plan_list(
                add_page, frame, key, column.name, members[column.id], site, first, column, edition
            )
        for article in ordered:
            add_page(
                edition.path(urls.article_path(article)),
                fingerprint(frame, key, _article_inputs(article)),
                PageJob(edition, article),
            )

    prefix = editions[-1].prefix if len(editions) > 1 else ""
    sitemap_inputs = [(urls.article_path(a), a.date_text) for a in ordered]
    add(
        urls.SITEMAP,
        fingerprint(frame, base, list_firsts, sitemap_inputs, prefix),
        lambda: _utf8(feeds.sitemap_xml(base, list_firsts, ordered, prefix)),
    )
    newest = ordered[: feeds.FEED_ITEMS]
    add(
        feeds.FEED,
        fingerprint(frame, base, [_article_inputs(a) for a in newest]),
        lambda: _utf8(feeds.feed_xml(base, site, newest)),
    )
    _check_unique(files)
    return BundlePlan(site=site, columns=columns, articles=ordered, files=files)


def _plan_list(
    add_page: Callable[[str, str, PageJob], None],
    frame: str,
    key: str,
    title: str,
    members: list[Article],
    site: Site,
    first: str,
    column: Column | None,
    edition: Edition,
) -> None:
    """Plan every page of one list (the home list or a column's); an empty list has one page."""
    size = max(1, site.page_size)
    pages = max(1, -(-len(members) // size))
    for page in range(1, pages + 1):
        chunk = tuple(members[(page - 1) * size : page * size])
        path = urls.list_page_path(first, page)
        entries = [
            (a.title, urls.article_path(a), a.date_text, a.summary, thumbnail_path(a.cover))
            for a in chunk
        ]
        source = fingerprint(frame, key, title, path, page, pages, column and column.id, entries)
        job = PageJob(edition, None, title, chunk, path, page, pages, column)
        add_page(edition.path(path), source, job)


def _utf8(text: str) -> bytes:
    return text.encode("utf-8")


def _check_unique(files: Sequence[PlannedFile]) -> None:
    seen: set[str] = set()
    for planned in files:
        if planned.path in seen:
            raise ExportError(f"two files of the bundle would have the same path {planned.path!r}")
        seen.add(planned.path)
