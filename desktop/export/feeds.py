"""The bundle's machine-readable files: ``sitemap.xml`` and the RSS 2.0 feed ``feed.xml``.

Both need absolute URLs, so they are the only files that use the site's public address.
Nothing in them depends on when the export ran: dates come from the articles.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Sequence

from desktop.article import Article
from desktop.export.options import ExportError
from desktop.i18n import tr
from desktop.render import urls
from desktop.site import Site

#: The feed file, at the root of the bundle.
FEED = "feed.xml"
#: How many of the newest articles the feed carries.
FEED_ITEMS = 20
# The sites are Chinese organisations and the store keeps local times without a zone.
_CHINA_OFFSET = "+0800"
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
# Characters XML 1.0 cannot carry at all; a stray one from a bad paste would break the file.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def escape(data: str) -> str:
    """Return ``data`` with ``&``, ``<`` and ``>`` escaped, as ``xml.sax.saxutils.escape``.

    Written out, with :func:`quoteattr`, because importing ``xml.sax.saxutils`` imports
    ``urllib.request`` with ``http.client``, ``email`` and ``ssl``: tens of milliseconds every
    export paid.
    """
    return data.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")


def quoteattr(data: str) -> str:
    """Return ``data`` as a quoted XML attribute value, as ``xml.sax.saxutils.quoteattr``:
    escaped, line breaks and tabs as character references, in the quotes it does not hold."""
    data = escape(data).replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
    if '"' not in data:
        return f'"{data}"'
    if "'" not in data:
        return f"'{data}'"
    return '"{}"'.format(data.replace('"', "&quot;"))


def _text(value: str) -> str:
    """Return one line of text for a feed element, escaped twice: as HTML, then as XML.

    Feed readers take the text of ``<title>`` and ``<description>`` as HTML once the XML is
    read, so escaping only for XML would hand them any markup a summary holds. Escaped as HTML
    first, a summary such as ``<img src=x onerror=…>`` reaches the reader as text; characters
    XML forbids are dropped.
    """
    return escape(html.escape(" ".join(_NOT_XML.sub("", value).split()), quote=False))


def site_base_url(site: Site) -> str:
    """Return the site's public address ending in ``/``, or raise if it is not http(s)."""
    url = site.url.strip()
    base = urls.public_base(site)
    if base is None:
        raise ExportError(
            tr(
                "the site address {url!r} must start with http:// or https:// "
                "(set it with: newsroom site --set url=https://…/)",
                url=url,
            )
        )
    return base


def absolute_url(base: str, path: str) -> str:
    """Return the public URL of a bundle path; the home page is the site address itself."""
    return base if path == urls.home_path() else base + path


def rfc822(moment: dt.datetime) -> str:
    """Return a date as RSS wants it (English names whatever the locale), in China time."""
    return (
        f"{_DAYS[moment.weekday()]}, {moment.day:02d} {_MONTHS[moment.month - 1]} "
        f"{moment.year:04d} {moment:%H:%M:%S} {_CHINA_OFFSET}"
    )


def sitemap_xml(
    base: str,
    list_paths: Sequence[str],
    articles: Sequence[Article],
    traditional_prefix: str = "",
) -> str:
    """Return ``sitemap.xml``: the first page of every list, then every article with its date.

    With a 繁體 edition (``traditional_prefix`` such as ``"zh-hant/"``) every page is listed in
    both editions, each entry naming the other as its ``hreflang`` alternate.
    """
    lines = ['<?xml version="1.0" encoding="UTF-8"?>']
    if not traditional_prefix:
        lines.append('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">')
    else:
        lines.append(
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            'xmlns:xhtml="http://www.w3.org/1999/xhtml">'
        )
    pages = [(p, "") for p in list_paths]
    pages += [(urls.article_path(a), a.date_text) for a in articles]
    for path, date in pages:
        lastmod = f"<lastmod>{date}</lastmod>" if date else ""
        simplified = escape(absolute_url(base, path))
        if not traditional_prefix:
            lines.append(f"<url><loc>{simplified}</loc>{lastmod}</url>")
            continue
        traditional = escape(absolute_url(base + traditional_prefix, path))
        alternates = (
            f'<xhtml:link rel="alternate" hreflang="zh-CN" href="{simplified}"/>'
            f'<xhtml:link rel="alternate" hreflang="zh-Hant" href="{traditional}"/>'
        )
        lines.append(f"<url><loc>{simplified}</loc>{lastmod}{alternates}</url>")
        lines.append(f"<url><loc>{traditional}</loc>{lastmod}{alternates}</url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def robots_txt(base: str) -> str:
    """Return ``robots.txt``: every page may be indexed, and where the sitemap is."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {base}{urls.SITEMAP}\n"


def feed_xml(base: str, site: Site, newest: Sequence[Article]) -> str:
    """Return the RSS 2.0 feed of the newest articles (title, link, date, summary, column)."""
    name = _text(site.name)
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">',
        "<channel>",
        f"<title>{name}</title>",
        f"<link>{escape(base)}</link>",
        f"<description>{name} 最新文章</description>",
        "<language>zh-CN</language>",
        f'<atom:link href={quoteattr(base + FEED)} rel="self" type="application/rss+xml"/>',
    ]
    if newest:
        lines.append(f"<pubDate>{rfc822(newest[0].published_at)}</pubDate>")
    for article in newest:
        link = escape(absolute_url(base, urls.article_path(article)))
        lines.append("<item>")
        lines.append(f"<title>{_text(article.title)}</title>")
        lines.append(f"<link>{link}</link>")
        lines.append(f'<guid isPermaLink="true">{link}</guid>')
        lines.append(f"<pubDate>{rfc822(article.published_at)}</pubDate>")
        if article.column.strip():
            lines.append(f"<category>{_text(article.column)}</category>")
        if article.summary.strip():
            lines.append(f"<description>{_text(article.summary)}</description>")
        lines.append("</item>")
    lines.extend(["</channel>", "</rss>"])
    return "\n".join(lines) + "\n"
