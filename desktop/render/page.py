"""Whole HTML pages from articles and site settings: the one path for preview and export.

The templates live in ``resources/templates``: ``base.html`` (head, header, columns bar,
footer), ``article.html`` and ``list.html`` extend it. Pages link to each other and to the
stylesheet with relative URLs only, so an exported folder works wherever it is opened and
the preview can serve the same paths through an app URL scheme.
"""

from __future__ import annotations

import copy
import hashlib
import os
import posixpath
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

import jinja2
from markupsafe import Markup, escape

from desktop.article import Article, Column
from desktop.config import cache_dir
from desktop.i18n import tr
from desktop.media_paths import thumbnail_path  # the picture library (PIL) is not needed
from desktop.render import urls
from desktop.render.body_cache import BodySource, edition_body
from desktop.render.editions import SIMPLIFIED, Edition, other_editions
from desktop.render.page_check import check_page
from desktop.render.sanitise import sanitise_html
from desktop.resources import resource_path
from desktop.site import Site
from desktop.traditional import Variant, convert_characters, convert_text

#: The Content-Security-Policy of every page: no script of any kind, no inline style, no
#: frames, forms or plugins; styles and images from the site itself (``file:`` too, so a
#: bundle opened from a local folder keeps its stylesheet in every browser), pictures also
#: from the web. ``frame-ancestors`` is ignored in a meta tag: the web server should send it.
CSP = (
    "default-src 'none'; style-src 'self' file:; img-src 'self' file: https: http:; "
    "base-uri 'none'; form-action 'none'"
)

#: Where the footer's ICP number links: the national registry of the MIIT.
ICP_REGISTRY = "https://beian.miit.gov.cn/"

#: Size of a cover thumbnail in the lists (the stored thumbnails are 320×240, drawn at half
#: size so they stay sharp on high-density screens).
THUMB_SIZE = (160, 120)

_SPACES = re.compile(r"\s+")
_PARENTHESISED = re.compile(r"^[（(](.*)[)）]$", re.DOTALL)


@dataclass(frozen=True)
class NavLink:
    """One entry of the columns bar: name, relative URL and whether it is the current column."""

    name: str
    url: str
    current: bool


@dataclass(frozen=True)
class ListEntry:
    """One article in a list page: title, relative URL, date, summary and cover thumbnail."""

    title: str
    url: str
    date: str
    summary: str
    thumbnail: str = ""  # relative URL of the cover thumbnail, "" without a cover


@dataclass(frozen=True)
class EditionLink:
    """A header link from a page to its counterpart in another edition."""

    label: str
    url: str
    lang: str


@dataclass(frozen=True)
class SiteLink:
    """A link to another page of the site by its simplified path: a tag, a month, a parent."""

    name: str
    path: str


@dataclass(frozen=True)
class Neighbour:
    """Another article an article page links to: title, simplified page path and date."""

    title: str
    path: str
    date: str

    @classmethod
    def of(cls, article: Article) -> Neighbour:
        """Return the neighbour entry of a stored article."""
        return cls(_one_line(article.title), urls.article_path(article), article.date_text)


@dataclass(frozen=True)
class ArticleNavigation:
    """What an exported article page links to: 上一篇/下一篇 in its column, 相关文章."""

    newer: Neighbour | None = None  # listed above it in the column (上一篇)
    older: Neighbour | None = None  # listed below it (下一篇)
    related: tuple[Neighbour, ...] = ()


class _ConvertingLoader(jinja2.BaseLoader):
    """Load the page templates with their own text (labels such as 发布时间) in 繁體 characters."""

    def __init__(self, variant: Variant) -> None:
        self.variant = variant
        self.inner = jinja2.FileSystemLoader(resource_path("templates"))

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str | None, Callable[[], bool] | None]:
        """Return the template's source converted; Jinja's syntax is ASCII and stays as it is."""
        source, filename, uptodate = self.inner.get_source(environment, template)
        return convert_characters(source, self.variant), filename, uptodate


@lru_cache(maxsize=4096)
def _converted(text: str, variant: Variant) -> str:
    # The same short texts (site name, column names, footer lines) recur on every page.
    return convert_text(text, variant)


def _converting_finalize(variant: Variant) -> Callable[[Any], Any]:
    """Return Jinja's ``finalize`` for a 繁體 edition: every plain text value is converted.

    ``Markup`` values are already final (the body, converted from its Markdown; the label
    of the link back to the simplified edition) and pass unchanged.
    """

    def finalize(value: Any) -> Any:
        if isinstance(value, str) and not isinstance(value, Markup):
            return _converted(value, variant)
        return value

    return finalize


@cache
def environment(variant: Variant | None = None) -> jinja2.Environment:
    """Return the Jinja2 environment of an edition: simplified (``None``) or one 繁體 variant.

    A page is rendered in one pass: every value reaches the template as a value (escaped by
    the template engine, or ``Markup`` when it is sanitised HTML), never through markers in
    the text that a later step replaces, so nothing an author types can move into an
    attribute. The 繁體 environment converts the templates' text and every plain value.
    """
    options: dict[str, Any] = {
        "autoescape": True,
        "undefined": jinja2.StrictUndefined,
        "trim_blocks": True,
        "lstrip_blocks": True,
        "keep_trailing_newline": True,
        "auto_reload": False,
    }
    options["bytecode_cache"] = _CompiledTemplates(options, variant)
    if variant is None:
        return jinja2.Environment(
            loader=jinja2.FileSystemLoader(resource_path("templates")), **options
        )
    return jinja2.Environment(
        loader=_ConvertingLoader(variant), finalize=_converting_finalize(variant), **options
    )


class _CompiledTemplates(jinja2.FileSystemBytecodeCache):
    """The templates compiled by an earlier run, in the user's cache folder.

    Compiling the page templates costs a re-export of one page tens of milliseconds. Jinja2
    keys a compiled template by its name and source (and its own and Python's version), not
    by the environment's options, which shape the code too: each set of options and edition
    has a folder of its own.
    """

    def __init__(self, options: dict[str, Any], variant: Variant | None) -> None:
        shape = repr((sorted(options.items()), variant.value if variant else None))
        folder = cache_dir() / "templates" / hashlib.sha256(shape.encode()).hexdigest()[:16]
        super().__init__(str(folder))

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        """Read a compiled template if there is one; an unreadable cache means compiling."""
        try:
            super().load_bytecode(bucket)
        except (OSError, EOFError, ValueError):
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        """Keep a compiled template; a cache folder that cannot be written only costs time."""
        try:
            os.makedirs(self.directory, exist_ok=True)
            super().dump_bytecode(bucket)
        except OSError:
            pass


def find_column(name_or_slug: str, columns: Sequence[Column]) -> Column | None:
    """Return the column an article names (by slug first, then by name), or None."""
    wanted = name_or_slug.strip()
    if not wanted:
        return None
    for column in columns:
        if column.slug == wanted:
            return column
    for column in columns:
        if column.name.strip() == wanted:
            return column
    return None


def byline_text(author: str) -> str:
    """Return the byline in full-width parentheses, e.g. ``（市总工会组宣部）``, or ""."""
    text = author.strip()
    match = _PARENTHESISED.match(text)
    if match:
        text = match.group(1).strip()  # authors often type the parentheses themselves
    return f"（{text}）" if text else ""


def _one_line(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def copyright_text(site: Site) -> str:
    """Return the copyright line: the setting, or ``版权所有 © <主办单位>`` when it is empty."""
    if site.copyright.strip():
        return site.copyright.strip()
    return f"版权所有 © {site.sponsor.strip()}" if site.sponsor.strip() else ""


@dataclass
class _SiteFrame:
    """What the frame of every page takes from the site settings and columns alone, and the
    columns bar of each folder: an export's thousands of pages share a few dozen of them.

    Kept for the last settings and columns seen, which each page compares with its own (a
    preview may render pages of settings changed in between).
    """

    site: Site  # copies, compared by value
    columns: list[Column]
    ordered: list[Column]
    base: str | None
    copyright: str
    conac_url: str
    bars: dict[tuple[str, str, tuple[bool, ...]], tuple[NavLink, ...]]

    @classmethod
    def of(cls, site: Site, columns: Sequence[Column]) -> _SiteFrame:
        """Return the frame of these settings and columns, the last one when they are the same."""
        global _last_frame
        last = _last_frame
        if last is not None and last.site == site and last.columns == list(columns):
            return last
        kept = [copy.copy(column) for column in columns]
        _last_frame = cls(
            copy.copy(site),
            kept,
            sorted(kept, key=lambda c: (c.position, c.name)),
            urls.public_base(site),
            copyright_text(site),
            site.conac_url.strip() if urls.is_web_address(site.conac_url) else "",
            {},
        )
        return _last_frame

    def columns_bar(
        self, page_path: str, edition: Edition, current_column: Column | None
    ) -> tuple[NavLink, ...]:
        """Return the columns bar of a page (``page_path`` checked by the caller's links)."""
        current = tuple(current_column is not None and c == current_column for c in self.ordered)
        folder, slash, _name = page_path.rpartition("/")
        key = (folder + slash, edition.prefix, current)  # a relative URL depends on the folder
        bar = self.bars.get(key)
        if bar is None:
            bar = self.bars[key] = tuple(
                NavLink(
                    name=column.name,
                    url=urls.relative_url(page_path, edition.path(urls.column_path(column))),
                    current=here,
                )
                for column, here in zip(self.ordered, current, strict=True)
            )
        return bar


_last_frame: _SiteFrame | None = None


def page_context(
    site: Site,
    columns: Sequence[Column],
    page_path: str,
    *,
    current_column: Column | None = None,
    column_is_page: bool = False,
    edition: Edition = SIMPLIFIED,
    counterpart: str = "",
) -> dict[str, Any]:
    """Return what ``base.html`` needs for the page at ``page_path`` (header, bar, footer).

    ``column_is_page`` marks the current column's link ``aria-current="page"`` (its own list
    page) rather than ``"true"`` (an article inside it). ``page_path`` is where the page is
    written (``zh-hant/…`` or ``elder/…`` in those editions); ``counterpart`` is the simplified
    path of the same page, for the links to the other editions and the canonical address ("" for
    a page with no counterpart).
    """

    def link(to_path: str) -> str:
        return urls.relative_url(page_path, to_path)

    frame = _SiteFrame.of(site, columns)
    stylesheet_url = link(urls.STYLESHEET)  # checks page_path before the bar is looked up
    base = frame.base
    canonical = ""
    if base and counterpart:
        # The 长辈版 is the same text as the ordinary page; the 繁體 page is a page of its own.
        canonical = base + (page_path if edition.variant is not None else counterpart)
    return {
        "site": site,
        "csp": Markup(CSP),  # a constant of ours; plain quotes read better than &#39;
        "lang": edition.lang,
        "elder": edition.elder,
        "logo_mark": site.name.strip()[:1],
        "stylesheet_url": stylesheet_url,
        "home_url": link(edition.path(urls.home_path())),
        "sitemap_url": link(urls.SITEMAP),
        "self_url": link(page_path),
        "nav": frame.columns_bar(page_path, edition, current_column),
        "nav_current": "page" if column_is_page else "true",
        "edition_links": [
            # Markup: a label names its edition in that edition's script ("简体" stays simplified).
            EditionLink(
                escape(other.label_from(edition)), link(other.path(counterpart)), other.lang
            )
            for other in (other_editions(site, edition) if counterpart else [])
        ],
        "copyright": frame.copyright,
        "icp_registry": ICP_REGISTRY,
        "conac_url": frame.conac_url,
        "conac_image": _site_file_url(page_path, site.conac_image),
        "canonical": canonical,
        "open_graph": [],
        "description": "",
        "keywords": "",
    }


def _site_file_url(page_path: str, site_path: str) -> str:
    """Return the relative URL of a file of the site (a stored picture), "" if it is none."""
    path = site_path.strip()
    if not path or ":" in path:
        return ""
    try:
        return urls.relative_url(page_path, path)
    except ValueError:
        return ""


def open_graph(
    site: Site, context: dict[str, Any], kind: str, title: str, description: str, image: str = ""
) -> list[tuple[str, str]]:
    """Return a page's OpenGraph properties (for sharing), or none without a public address."""
    if not context["canonical"]:
        return []
    base = urls.public_base(site) or ""
    properties = [
        ("og:site_name", _one_line(site.name)),
        ("og:type", kind),
        ("og:title", title),
        ("og:url", context["canonical"]),
    ]
    if description:
        properties.append(("og:description", description))
    if image:
        properties.append(("og:image", base + image))
    return properties


@cache
def _template(variant: Variant | None, name: str) -> jinja2.Template:
    # Jinja's own lookup (loader, cache key, globals) cost 2 % of an export's page.
    return environment(variant).get_template(name)


def render_page(template: str, context: dict[str, Any], edition: Edition, what: str) -> str:
    """Render one page template in one pass and check the result before anyone sees it.

    ``what`` names the page (an article's title and id) in the error if the check fails.
    """
    html = _template(edition.variant, template).render(context)
    check_page(html, what=what, csp=CSP)
    return html


def rebase_url(url: str, from_path: str, to_path: str) -> str | None:
    """Return a body's relative URL to a file re-pointed from ``from_path``'s page to ``to_path``'s.

    Links to other pages (``.html``), absolute URLs and in-page links stay as they are; a URL
    that cannot be re-pointed to a place inside the site is dropped (``None``).
    """
    target, hash_mark, fragment = url.partition("#")
    if not target or ":" in target or target.startswith("/") or target.endswith(".html"):
        return url
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(from_path), target))
    if joined.startswith("..") or joined == ".":
        return url
    try:
        return f"{urls.relative_url(to_path, joined)}{hash_mark}{fragment}"
    except ValueError:
        return None  # not a path of this site: a harmless missing link beats a failed export


def rebase_body(body: str, from_path: str, to_path: str) -> str:
    """Re-point a sanitised body's relative URLs to files (pictures, downloads) for ``to_path``.

    Links to other pages (``.html``) keep their text, so from a 繁體 page they lead to the
    繁體 counterpart, which sits at the same place relative to it. The body is read by the
    sanitiser's HTML parser, never by patterns over its text.
    """
    if posixpath.dirname(from_path) == posixpath.dirname(to_path):
        return body
    return sanitise_html(body, rewrite_url=lambda url: rebase_url(url, from_path, to_path))


def _attachment_items(article: Article, page_path: str) -> list[dict[str, str]]:
    """Return the attachment list's rows of an article's page (none: an empty list)."""
    if not article.attachments:
        return []
    # Imported here: a re-export rendering a page without attachments does not load it.
    from desktop.attachments.library import download_name, size_text, type_label

    return [
        {
            "name": _one_line(a.name),
            "url": urls.relative_url(page_path, a.path),
            "download": download_name(a),
            "type": type_label(a),
            "size": size_text(a.size),
        }
        for a in article.attachments
    ]


def render_article_page(
    article: Article,
    site: Site,
    columns: Sequence[Column],
    *,
    edition: Edition = SIMPLIFIED,
    navigation: ArticleNavigation | None = None,
    bodies: BodySource = edition_body,
) -> str:
    """Return the full HTML page of ``article``, to be written at ``article_path(article)``.

    ``navigation`` (上一篇/下一篇 and related articles) comes from the export, which knows
    the whole site; the preview of one article has none. The cover picture (标题图) is not
    repeated above the body: it is the list thumbnail (and the picture shown when the page is
    shared), and an author who wants it in the article places it in the body. ``bodies``
    gives the body's HTML (the export's :class:`~desktop.render.body_cache.BodyCache`).
    """
    simplified = urls.article_path(article)
    page_path = edition.path(simplified)
    column = find_column(article.column, columns)
    context = page_context(
        site, columns, page_path, current_column=column, edition=edition, counterpart=simplified
    )

    def link(to_path: str) -> str:
        return urls.relative_url(page_path, edition.path(to_path))

    def entry(neighbour: Neighbour | None) -> ListEntry | None:
        if neighbour is None:
            return None
        return ListEntry(neighbour.title, link(neighbour.path), neighbour.date, "")

    body = bodies(article.body, edition.variant)  # sanitised, converted from its Markdown
    if edition.prefix:
        body = rebase_body(body, simplified, page_path)
    title = _one_line(article.title)
    summary = _one_line(article.summary)
    context.update(
        article=article,
        title=title,
        kicker=_one_line(article.kicker),
        subtitle=_one_line(article.subtitle),
        column_name=column.name if column else _one_line(article.column),
        column_url=link(urls.column_path(column)) if column else "",
        date=article.date_text,
        source=_one_line(article.source),
        byline=byline_text(article.author),
        # The body is converted from its Markdown (code and URLs kept), not with the frame.
        body=Markup(body),
        description=summary,
        keywords=",".join(k.strip() for k in article.keywords if k.strip()),
        # Every edition links the one copy of each file, at its simplified-site path.
        attachments=_attachment_items(article, page_path),
        tags=[
            NavLink(name=_one_line(k), url=link(urls.tag_path(k)), current=False)
            for k in dict.fromkeys(k.strip() for k in article.keywords)
            if k
        ],
        navigation=(
            None
            if navigation is None
            else {
                "newer": entry(navigation.newer),
                "older": entry(navigation.older),
                "related": [entry(n) for n in navigation.related],
            }
        ),
    )
    thumbnail = thumbnail_path(article.cover) if article.cover else ""
    context["open_graph"] = open_graph(site, context, "article", title, summary, thumbnail)
    return render_page("article.html", context, edition, f"“{title}” (id {article.id})")


@lru_cache(maxsize=8192)
def _archive_month(url: str, name: str, current: bool, variant: Variant | None) -> Markup:
    """Return one month of a column's archive list, as ``archive_month.html`` renders it, and
    the end of its line.

    Every page of a column and of its months lists the column's hundred months or more: the
    link from a month's page to another month is the same from every month's folder, so the
    template runs once per distinct link, not a hundred times per page.
    """
    html = _template(variant, "archive_month.html").render(
        url=url, name=_one_line(name), current=current
    )
    return Markup(html + "\n")  # the template escaped (and in 繁體 converted) every value


def render_list_page(
    title: str,
    articles: Sequence[Article],
    site: Site,
    columns: Sequence[Column],
    page_path: str,
    page: int = 1,
    pages: int = 1,
    *,
    current_column: Column | None = None,
    edition: Edition = SIMPLIFIED,
    parent: SiteLink | None = None,
    archive: Sequence[SiteLink] = (),
    tag_cloud: Sequence[SiteLink] = (),
) -> str:
    """Return a list page (home, column, month archive, tag): dated title links with summaries.

    ``page_path`` is this page's own path in the simplified edition (``edition`` puts it
    under its folder); the other pages of the list are its siblings (``index.html``,
    ``index_2.html``, … in the same folder). Articles with a cover show its thumbnail.
    ``parent`` is the breadcrumb step between the home page and this list (a month's column),
    ``archive`` the column's months, ``tag_cloud`` the keywords a tags index lists.
    """
    if not 1 <= page <= max(pages, 1):
        raise ValueError(tr("page {page} is outside 1..{pages}", page=page, pages=pages))
    simplified = page_path
    page_path = edition.path(simplified)
    context = page_context(
        site,
        columns,
        page_path,
        current_column=current_column,
        column_is_page=True,
        edition=edition,
        counterpart=simplified,
    )

    def thumbnail_url(article: Article) -> str:
        thumbnail = thumbnail_path(article.cover) if article.cover else ""
        return urls.relative_url(page_path, thumbnail) if thumbnail else ""

    def page_url(number: int) -> str:
        return urls.relative_url(page_path, urls.list_page_path(page_path, number))

    def link(to: SiteLink, current: bool = False) -> NavLink:
        return NavLink(
            _one_line(to.name), urls.relative_url(page_path, edition.path(to.path)), current
        )

    first_page = urls.list_page_path(simplified, 1)
    context.update(
        title=_one_line(title),
        parent=link(parent) if parent is not None else None,
        # The months' links, each a line of its own (one value: a loop over a hundred
        # rendered lines cost the template more than the lines themselves).
        archive=Markup(
            "".join(
                _archive_month(
                    urls.relative_url(page_path, edition.path(month.path)),
                    month.name,
                    month.path == first_page,
                    edition.variant,
                )
                for month in archive
            )
        ),
        tag_cloud=[link(tag) for tag in tag_cloud],
        entries=[
            ListEntry(
                title=_one_line(a.title),
                url=urls.relative_url(page_path, edition.path(urls.article_path(a))),
                date=a.date_text,
                summary=_one_line(a.summary),
                thumbnail=thumbnail_url(a),
            )
            for a in articles
        ],
        page=page,
        pages=max(pages, 1),
        previous_url=page_url(page - 1) if page > 1 else "",
        next_url=page_url(page + 1) if page < pages else "",
        description=_one_line(f"{title} - {site.name}"),
        thumb_width=THUMB_SIZE[0],
        thumb_height=THUMB_SIZE[1],
    )
    context["open_graph"] = open_graph(
        site, context, "website", _one_line(title), context["description"]
    )
    return render_page("list.html", context, edition, f"the list page {page_path}")
