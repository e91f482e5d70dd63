"""One article on its own: its body as HTML with inline styles for pasting into a web back
office ("Copy article HTML"), and its page as one self-contained file ("Export this article").

Both start from the one rendering path (``render_body``, ``render_article_page``); they only
restyle or re-link what it produced, never add content of their own.
"""

from __future__ import annotations

import base64
import mimetypes
import re
from collections.abc import Sequence
from html import escape, unescape
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from desktop.article import Article, Column
from desktop.export.feeds import site_base_url
from desktop.export.options import MediaSource
from desktop.export.paths import site_path_of
from desktop.export.plan import stylesheet_bytes
from desktop.render import urls
from desktop.render.markdown import render_body
from desktop.render.page import CSP, byline_text, render_article_page
from desktop.render.page_check import check_fragment, check_page
from desktop.site import Site

#: The policy of a self-contained page: its one inline stylesheet and embedded pictures
#: are allowed; still no script, frame, form or plugin.
SINGLE_PAGE_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data: https: http:; "
    "base-uri 'none'; form-action 'none'"
)

# Inline styles matching resources/css/site.css's .article-body rules, element by element.
_STYLES: dict[str, str] = {
    "p": "margin:0 0 1em;line-height:1.9;text-indent:2em",
    "h2": "margin:1.4em 0 0.8em;line-height:1.5;font-size:20px;font-weight:bold",
    "h3": "margin:1.4em 0 0.8em;line-height:1.5;font-size:18px;font-weight:bold",
    "h4": "margin:1.4em 0 0.8em;line-height:1.5;font-size:17px;font-weight:bold",
    "h5": "margin:1.4em 0 0.8em;line-height:1.5;font-size:17px;font-weight:bold",
    "h6": "margin:1.4em 0 0.8em;line-height:1.5;font-size:17px;font-weight:bold",
    "img": "max-width:100%;height:auto",
    "figure": "margin:1.2em auto;text-align:center",
    "figcaption": "margin-top:0.4em;color:#666;font-size:15px",
    "ul": "margin:0 0 1em;padding-left:2.5em",
    "ol": "margin:0 0 1em;padding-left:2.5em",
    "li": "line-height:1.9",
    "blockquote": "margin:1em 0;padding:0.5em 1em;border-left:4px solid #b2141c;"
    "background:#fbeeee;color:#444",
    "table": "width:100%;margin:1em 0;border-collapse:collapse;font-size:15px;line-height:1.6",
    "th": "padding:6px 10px;border:1px solid #bbb;text-align:left;vertical-align:top;"
    "background:#f5f0f0;font-weight:bold",
    "td": "padding:6px 10px;border:1px solid #bbb;text-align:left;vertical-align:top",
    "caption": "padding:0.4em;color:#666",
    "pre": "overflow-x:auto;padding:0.8em 1em;background:#f7f7f7;border:1px solid #e5e5e5;"
    "line-height:1.5;white-space:pre-wrap",
    "code": 'font-family:Consolas,"Courier New",monospace;font-size:0.92em',
    "hr": "border:0;border-top:1px solid #ddd",
    "del": "color:#666",
    "s": "color:#666",
}
_FOOTNOTES_STYLE = "margin-top:2em;border-top:1px solid #ddd;font-size:15px;color:#666"
_BYLINE_STYLE = "margin:1em 0 0;text-align:right;line-height:1.9"
# Paragraphs inside these are not indented (lists, tables, figures, quotes, footnotes).
_NO_INDENT_INSIDE = {"li", "td", "th", "figure", "blockquote", "footnote"}
_ALIGN_CLASSES = {"text-center": "center", "text-right": "right"}
_VOID = {"br", "hr", "img"}


class _InlineStyler(HTMLParser):
    """Re-serialise sanitised HTML with a style attribute on each element and no classes."""

    def __init__(self, base_url: str | None) -> None:
        super().__init__(convert_charrefs=True)
        self.base_url = base_url
        self.out: list[str] = []
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        classes = values.pop("class", "").split()
        style = _STYLES.get(tag, "")
        marker = tag
        if "footnote" in classes:
            style, marker = _FOOTNOTES_STYLE, "footnote"
        if tag == "p" and (
            _NO_INDENT_INSIDE & set(self.open) or _ALIGN_CLASSES.keys() & set(classes)
        ):
            style = style.replace(";text-indent:2em", "")
        for name in classes:
            if name in _ALIGN_CLASSES:
                style += f";text-align:{_ALIGN_CLASSES[name]}"
        if tag in ("td", "th") and values.get("align") in ("left", "center", "right"):
            style += f";text-align:{values['align']}"
        for name in ("href", "src"):
            if name in values and self.base_url is not None:
                values[name] = _absolute(self.base_url, values[name])
        if style:
            values["style"] = style.lstrip(";")
        rendered = "".join(f' {name}="{escape(value)}"' for name, value in values.items())
        self.out.append(f"<{tag}{rendered}>")
        if tag not in _VOID:
            self.open.append(marker)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        if self.open:
            self.open.pop()
        self.out.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        self.out.append(escape(data, quote=False))


def _absolute(base_url: str, url: str) -> str:
    """Return a relative link made absolute on the live site; in-page and absolute ones stay."""
    if not url or url.startswith("#") or urlsplit(url).scheme:
        return url
    return urljoin(base_url, url)


def article_fragment_html(article: Article, site: Site | None = None) -> str:
    """Return the article's body and byline as clean HTML with inline styles, for pasting.

    No classes, no script, nothing the sanitiser would not allow apart from the styles we add.
    With ``site``, relative links and pictures become absolute URLs under the site's address,
    since a back office shows the text at another address than the article's page.
    """
    body = render_body(article.body)
    byline = byline_text(article.author)
    base = site_base_url(site) + urls.article_path(article) if site is not None else None
    styler = _InlineStyler(base)
    styler.feed(body)
    styler.close()
    html = "".join(styler.out).strip()
    if byline:
        html += f'\n<p style="{_BYLINE_STYLE}">{escape(byline, quote=False)}</p>'
    check_fragment(html, what=_what(article))
    return html + "\n"


def _what(article: Article) -> str:
    return f"“{' '.join(article.title.split())}” (id {article.id})"


# Our pages quote every attribute value with double quotes (Jinja and nh3 both do), so a tag
# can be matched whole even when a value holds ">".
_LINK_TAG = re.compile(r'<(a|img)((?:\s+[^\s=>/"]+(?:="[^"]*")?)*)\s*>')
_URL_ATTRIBUTE = re.compile(r'(\s)(href|src)="([^"]*)"')
_STYLESHEET_LINK = re.compile(r'<link rel="stylesheet" href="[^"]*">')


def single_article_page(
    article: Article,
    site: Site,
    columns: Sequence[Column],
    media: MediaSource | None = None,
) -> str:
    """Return the article's page as one self-contained file: stylesheet inlined, pictures
    embedded when ``media`` has them, and links to other pages pointing at the live site."""
    page_path = urls.article_path(article)
    base = site_base_url(site) + page_path
    html = render_article_page(article, site, columns)
    csp_attribute = f'content="{CSP}"'
    if html.count(csp_attribute) != 1:
        raise RuntimeError("the page template no longer carries the Content-Security-Policy")
    html = html.replace(csp_attribute, f'content="{SINGLE_PAGE_CSP}"')
    css = stylesheet_bytes().decode("utf-8").replace("</", "<\\/")  # cannot end the element
    html = _STYLESHEET_LINK.sub(lambda _m: f"<style>\n{css}</style>", html, count=1)

    def relink(tag_match: re.Match[str]) -> str:
        tag = tag_match.group(1)

        def one(match: re.Match[str]) -> str:
            space, name, value = match.groups()
            url = unescape(value)
            if tag == "img" and name == "src":
                embedded = _embedded_picture(page_path, url, media)
                url = embedded or _absolute(base, url)
            else:
                url = _absolute(base, url)
            return f'{space}{name}="{escape(url)}"'

        return f"<{tag}{_URL_ATTRIBUTE.sub(one, tag_match.group(2))}>"

    html = _LINK_TAG.sub(relink, html)
    check_page(
        html, what=_what(article), csp=SINGLE_PAGE_CSP, inline_style=True, data_pictures=True
    )
    return html


def _embedded_picture(page_path: str, url: str, media: MediaSource | None) -> str | None:
    """Return a ``data:`` URI of a relative picture the media source has, else None."""
    path = site_path_of(page_path, url)
    if media is None or path is None:
        return None
    kind = mimetypes.guess_type(path)[0]
    if kind is None or not kind.startswith("image/"):
        return None
    data = media(path)
    if data is None:
        return None
    return f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}"
