"""Whole HTML pages from articles and site settings: the one path for preview and export.

The templates live in ``resources/templates``: ``base.html`` (head, header, columns bar,
footer), ``article.html`` and ``list.html`` extend it. Pages link to each other and to the
stylesheet with relative URLs only, so an exported folder works wherever it is opened and
the preview can serve the same paths through an app URL scheme.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import jinja2
from markupsafe import Markup

from desktop.article import Article, Column
from desktop.render import urls
from desktop.render.markdown import render_body
from desktop.resources import resource_path
from desktop.site import Site

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
    """One article in a list page: title, relative URL, date and summary."""

    title: str
    url: str
    date: str
    summary: str


@cache
def environment() -> jinja2.Environment:
    """Return the shared Jinja2 environment (templates are immutable, so one is enough)."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(resource_path("templates")),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )


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


def page_context(
    site: Site,
    columns: Sequence[Column],
    page_path: str,
    *,
    current_column: Column | None = None,
    column_is_page: bool = False,
) -> dict[str, Any]:
    """Return what ``base.html`` needs for the page at ``page_path`` (header, bar, footer).

    ``column_is_page`` marks the current column's link ``aria-current="page"`` (its own list
    page) rather than ``"true"`` (an article inside it).
    """

    def link(to_path: str) -> str:
        return urls.relative_url(page_path, to_path)

    ordered = sorted(columns, key=lambda c: (c.position, c.name))
    nav = [
        NavLink(
            name=column.name,
            url=link(urls.column_path(column)),
            current=current_column is not None and column == current_column,
        )
        for column in ordered
    ]
    return {
        "site": site,
        "csp": Markup(CSP),  # a constant of ours; plain quotes read better than &#39;
        "logo_mark": site.name.strip()[:1],
        "stylesheet_url": link(urls.STYLESHEET),
        "home_url": link(urls.home_path()),
        "sitemap_url": link(urls.SITEMAP),
        "self_url": link(page_path),
        "nav": nav,
        "nav_current": "page" if column_is_page else "true",
        "copyright": copyright_text(site),
        "icp_registry": ICP_REGISTRY,
        "description": "",
        "keywords": "",
    }


def render_article_page(article: Article, site: Site, columns: Sequence[Column]) -> str:
    """Return the full HTML page of ``article``, to be written at ``article_path(article)``."""
    page_path = urls.article_path(article)
    column = find_column(article.column, columns)
    context = page_context(site, columns, page_path, current_column=column)
    context.update(
        article=article,
        title=_one_line(article.title),
        kicker=_one_line(article.kicker),
        subtitle=_one_line(article.subtitle),
        column_name=column.name if column else _one_line(article.column),
        column_url=urls.relative_url(page_path, urls.column_path(column)) if column else "",
        date=article.date_text,
        source=_one_line(article.source),
        byline=byline_text(article.author),
        body=Markup(render_body(article.body)),  # sanitised by render_body
        description=_one_line(article.summary),
        keywords=",".join(k.strip() for k in article.keywords if k.strip()),
    )
    return environment().get_template("article.html").render(context)


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
) -> str:
    """Return a list page (a column's or the home list): dated title links with summaries.

    ``page_path`` is this page's own path; the other pages of the list are its siblings
    (``index.html``, ``index_2.html``, … in the same folder).
    """
    if not 1 <= page <= max(pages, 1):
        raise ValueError(f"page {page} is outside 1..{pages}")
    context = page_context(
        site, columns, page_path, current_column=current_column, column_is_page=True
    )

    def page_url(number: int) -> str:
        return urls.relative_url(page_path, urls.list_page_path(page_path, number))

    context.update(
        title=_one_line(title),
        entries=[
            ListEntry(
                title=_one_line(a.title),
                url=urls.relative_url(page_path, urls.article_path(a)),
                date=a.date_text,
                summary=_one_line(a.summary),
            )
            for a in articles
        ],
        page=page,
        pages=max(pages, 1),
        previous_url=page_url(page - 1) if page > 1 else "",
        next_url=page_url(page + 1) if page < pages else "",
        description=_one_line(f"{title} - {site.name}"),
    )
    return environment().get_template("list.html").render(context)
