"""The site's path layout; every link between pages is relative so a bundle works anywhere.

Layout (paths are POSIX, relative to the site root, ASCII only)::

    index.html, index_2.html, …             home list, page 1, 2, …
    columns/<slug>/index.html, index_2.html column list pages
    news/<yyyy>/<mm>/<id>.html              article pages (publication date and article id)
    static/site.css                         the stylesheet
    sitemap.xml                             the sitemap

Nothing in a path comes from a title: a title such as ``../../etc/passwd`` or ``CON`` cannot
change where a page goes. Column slugs are lowercase ASCII letters, digits and hyphens.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from functools import lru_cache
from urllib.parse import urlsplit

from desktop.article import Article, Column
from desktop.i18n import tr
from desktop.site import Site

#: The stylesheet every page links to.
STYLESHEET = "static/site.css"
#: The sitemap the footer links to (written by the export).
SITEMAP = "sitemap.xml"
#: What the export tells search engines (allowed everywhere; where the sitemap is).
ROBOTS = "robots.txt"
#: The page listing every keyword (关键词) with a link to its own list.
TAGS_INDEX = "tags/index.html"

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_MAX_SLUG = 64
# Names Windows refuses as file or folder names, whatever the extension.
_WINDOWS_RESERVED = frozenset(
    {"con", "prn", "aux", "nul"} | {f"com{n}" for n in range(10)} | {f"lpt{n}" for n in range(10)}
)


def is_valid_slug(text: str) -> bool:
    """Say whether ``text`` can be used as a column folder name as it is."""
    return (
        len(text) <= _MAX_SLUG
        and _SLUG.fullmatch(text) is not None
        and text not in _WINDOWS_RESERVED
    )


# Every page's columns bar and list entries ask for the same few columns' folders.
@lru_cache(maxsize=4096)
def make_slug(text: str, fallback: str) -> str:
    """Turn text into a valid column folder name (a-z, 0-9, -), or ``fallback`` if none is left."""
    slug = _NOT_SLUG.sub("-", text.strip().lower()).strip("-")[:_MAX_SLUG].strip("-")
    return slug if is_valid_slug(slug) else fallback


def safe_slug(column: Column) -> str:
    """Return the column's folder name: its slug made safe, or ``c<id>`` when nothing is left."""
    return make_slug(column.slug, f"c{column.id}" if column.id is not None else "column")


def _page_file(page: int) -> str:
    if isinstance(page, bool) or not isinstance(page, int) or page < 1:
        raise ValueError(tr("page must be a whole number of at least 1, not {page!r}", page=page))
    return "index.html" if page == 1 else f"index_{page}.html"


def home_path(page: int = 1) -> str:
    """Return the path of a home list page: ``index.html``, ``index_2.html``, …."""
    return _page_file(page)


def column_path(column_slug: str | Column, page: int = 1) -> str:
    """Return the path of a column list page, e.g. ``columns/union-news/index_2.html``."""
    if isinstance(column_slug, Column):
        slug = safe_slug(column_slug)
    else:
        slug = column_slug
        if not is_valid_slug(slug):
            raise ValueError(
                tr("not a valid column slug: {slug!r} (use a-z, 0-9 and -)", slug=slug)
            )
    return f"columns/{slug}/{_page_file(page)}"


def list_page_path(first_page: str, page: int) -> str:
    """Return page ``page`` of the list whose first page is ``first_page`` (same folder)."""
    folder = posixpath.dirname(first_page)
    return posixpath.join(folder, _page_file(page)) if folder else _page_file(page)


def article_path(article: Article) -> str:
    """Return an article's page path, e.g. ``news/2024/05/123.html`` (``draft`` if unsaved)."""
    stamp = article.published_at
    ident = article.id
    if ident is None:
        name = "draft"  # only the preview renders an unsaved article; depth stays the same
    elif isinstance(ident, bool) or not isinstance(ident, int) or ident < 0:
        raise ValueError(tr("article id must be a whole number, not {ident!r}", ident=ident))
    else:
        name = str(ident)
    return f"news/{stamp.year:04d}/{stamp.month:02d}/{name}.html"


def archive_path(column: Column, year: int, month: int, page: int = 1) -> str:
    """Return a column's month archive page, e.g. ``columns/union-news/2026-05/index.html``."""
    if not (1 <= month <= 12 and 1 <= year <= 9999):
        raise ValueError(tr("not a month: {year}-{month}", year=year, month=month))
    return f"columns/{safe_slug(column)}/{year:04d}-{month:02d}/{_page_file(page)}"


def tag_id(keyword: str) -> str:
    """Return the ASCII folder name of a keyword's page: a short hash of the keyword itself."""
    return hashlib.sha256(" ".join(keyword.split()).encode("utf-8")).hexdigest()[:12]


def tag_path(keyword: str, page: int = 1) -> str:
    """Return the path of a keyword's list page, e.g. ``tags/3f9a0c1b2d4e/index.html``."""
    return f"tags/{tag_id(keyword)}/{_page_file(page)}"


def is_web_address(url: str) -> bool:
    """Say whether ``url`` is an absolute http(s) address with a host."""
    parts = urlsplit(url.strip())
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def public_base(site: Site) -> str | None:
    """Return the site's public address ending in ``/``, or None when it is not http(s)."""
    url = site.url.strip()
    if not is_web_address(url):
        return None
    return url if url.endswith("/") else url + "/"


def _check_site_path(path: str) -> None:
    parts = path.split("/")
    if not path or path.startswith("/") or "\\" in path or ".." in parts or "" in parts[:-1]:
        raise ValueError(tr("not a site path: {path!r}", path=path))


def relative_url(from_path: str, to_path: str) -> str:
    """Return the relative URL from the page at ``from_path`` to ``to_path`` (both site paths).

    ``to_path`` may end in ``#fragment``; a link to a folder (ending in ``/``) keeps the slash.
    """
    if to_path.startswith("#"):
        return to_path  # in-page link
    folder, slash, name = from_path.rpartition("/")
    if not from_path or name == ".." or "\\" in name:
        _check_site_path(from_path)  # refuses it
    if folder and not to_path.startswith(folder) and "./" not in to_path + from_path:
        # A link that does not lead into the page's own folder is the same from every folder
        # beside it: the month pages of a column, or the article months of a year, share the
        # links of their hundred-month archive list and of their columns bar. (A path with a
        # "." part is compared part by part below.)
        _folder_parts(folder + slash)  # the page's folder, checked (cached)
        parent, up, _ = folder.rpartition("/")
        return _relative_from_beside(parent + up, to_path)
    return _relative_from(folder + slash, to_path)


@lru_cache(maxsize=4096)
def _folder_parts(folder: str) -> tuple[str, ...]:
    """Return the parts of a page's folder (ending in ``/``, or ""), checked as a site path."""
    _check_site_path(folder + "x")  # the page's path but its name, checked by relative_url
    return tuple(part for part in folder.split("/")[:-1] if part != ".")


@lru_cache(maxsize=65536)
def _target_parts(target: str) -> tuple[tuple[str, ...], int]:
    """Return a link target's parts, checked as a site path, and how many name folders."""
    _check_site_path(target)
    parts = tuple(part for part in target.split("/") if part != ".")
    return parts, len(parts) - 1 if parts and parts[-1] == "" else len(parts)  # a folder's "/"


# The URL depends only on the page's folder: the pages of one folder (an article month, a
# column's list) share it, so a site of thousands of pages computes a few thousand pairs.
@lru_cache(maxsize=65536)
def _relative_from(folder: str, to_path: str) -> str:
    """Return the relative URL from a page in ``folder`` (ending in ``/``, or "") to ``to_path``."""
    return _relative(_folder_parts(folder), to_path)


@lru_cache(maxsize=65536)
def _relative_from_beside(parent: str, to_path: str) -> str:
    """Return the relative URL to ``to_path`` from a page in any folder just inside ``parent``
    (ending in ``/``, or ""), for a ``to_path`` that does not lead into that folder."""
    # The page's folder, compared with the target's parts, matches none of them: ``to_path``
    # does not start with it, so the two paths part at the latest in that folder.
    return _relative((*_folder_parts(parent), None), to_path)


def _relative(start: tuple[str | None, ...], to_path: str) -> str:
    """Return the relative URL from a page in the folder of parts ``start`` to ``to_path``."""
    target, hash_mark, fragment = to_path.partition("#")
    if not target and hash_mark:
        return f"#{fragment}"  # in-page link
    # By the parts of the two paths (posixpath.relpath asks the working folder, a tenth of
    # the time of an export of thousands of list pages), each path checked and split once.
    parts, last = _target_parts(target)
    common, most = 0, min(len(start), last)
    while common < most and start[common] == parts[common]:
        common += 1
    relative = "/".join(("..",) * (len(start) - common) + parts[common:])
    if relative in ("", "/"):
        relative = "./" if target.endswith("/") else "."
    return f"{relative}{hash_mark}{fragment}"
