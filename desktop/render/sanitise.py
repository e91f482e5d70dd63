"""The allow-list that every piece of HTML passes before it can reach a public page.

Policy (enforced by nh3, the Rust ``ammonia`` sanitiser, plus a small attribute filter):

* elements: paragraphs, line breaks, rules, headings ``h2``–``h6`` (``h1`` is the page
  title, so a body ``<h1>`` is unwrapped to its text), inline emphasis, links, images,
  figures, quotes, lists, tables, code, definition lists, abbreviations, ``span``/``div``;
* no ``script``/``style``/``iframe``/``object``/``embed``/``svg``/``math``/``template``
  (removed together with their content), no ``form``/``input``/``base``/``meta``/``link``;
* no ``style`` attribute and no event handler: only the attributes listed in
  ``_ATTRIBUTES`` survive, ``class`` only with the names in ``ALLOWED_CLASSES`` and ``id``
  only for Python-Markdown footnotes (``fn:…``, ``fnref:…``);
* links: ``http``, ``https``, ``mailto`` or relative; images: ``http``, ``https`` or
  relative; protocol-relative ``//host`` is refused because a page opened from a folder
  would resolve it to ``file://host/…`` (a network share on Windows);
* every link gets ``rel="noopener noreferrer"`` (harmless on in-page footnote links).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

import nh3

#: Elements kept (anything else is unwrapped: its text stays, the tag goes).
ALLOWED_TAGS = frozenset(
    {
        "p", "br", "hr", "h2", "h3", "h4", "h5", "h6",
        "strong", "em", "b", "i", "del", "s", "u", "sub", "sup", "abbr",
        "a", "img", "figure", "figcaption", "blockquote",
        "ul", "ol", "li", "dl", "dt", "dd",
        "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td",
        "code", "pre", "span", "div",
    }
)  # fmt: skip

#: Elements removed together with everything inside them.
REMOVED_WITH_CONTENT = frozenset(
    {
        "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet",
        "svg", "math", "template", "noscript", "noembed", "noframes", "textarea",
        "select", "title", "xmp",
    }
)  # fmt: skip

#: Class names an author may use; the page stylesheet styles exactly these.
ALLOWED_CLASSES: dict[str, set[str]] = {
    "div": {"footnote", "text-center", "text-right"},
    "p": {"text-center", "text-right"},
    "span": {"text-center", "text-right"},
    "a": {"footnote-ref", "footnote-backref"},
}

_ATTRIBUTES: dict[str, set[str]] = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "abbr": {"title"},
    "ol": {"start"},
    "li": {"id"},
    "sup": {"id"},
    "th": {"colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
}

# Table cell alignment comes from Markdown tables as align="…" (no style attributes).
_ALIGN = {"left", "center", "right"}
_ATTRIBUTE_VALUES: dict[str, dict[str, set[str]]] = {
    "th": {"align": _ALIGN},
    "td": {"align": _ALIGN},
}

_LINK_SCHEMES = {"http", "https", "mailto"}
_IMAGE_SCHEMES = ("http:", "https:")

_FOOTNOTE_ID = re.compile(r"fn(?:ref\d*)?:[^\s\"'<>]{1,64}")
_WHOLE_NUMBER = re.compile(r"\d{1,4}")
_LIST_START = re.compile(r"-?\d{1,6}")
# A scheme as a browser reads it: letters first, then letters, digits, "+", "-" or ".".
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.\-]*):")
# Browsers drop tabs and newlines anywhere in a URL and controls and spaces at its ends; we
# drop every control and space anywhere, which is stricter and costs no legitimate URL.
_URL_NOISE = re.compile(r"[\x00-\x20\x7f]+")


def _normalised_url(value: str) -> str:
    """Return a URL squeezed of whitespace and controls, to read its scheme safely."""
    return _URL_NOISE.sub("", value)


def url_allowed(url: str, *, image: bool = False) -> bool:
    """Say whether a link (or, with ``image``, an image source) URL is within the policy."""
    cleaned = _normalised_url(url)
    # "//host" and "\\host" (browsers treat "\" like "/") would leave the bundle's folder.
    if cleaned[:2].replace("\\", "/") == "//":
        return False
    match = _SCHEME.match(cleaned)
    if match is None:
        return True  # relative: a path, a query or a fragment of this site
    scheme = match.group(1).lower() + ":"
    if image:
        return scheme in _IMAGE_SCHEMES
    return scheme[:-1] in _LINK_SCHEMES


def forward_slashes(url: str) -> str:
    """Return a URL with backslashes before its query turned into ``/``, as browsers read it.

    A browser takes ``a\\b`` in a web page's link as ``a/b``; writing it that way keeps the link
    working and keeps every later step (re-pointing links, the page check) on plain paths.
    """
    path, mark, rest = url.partition("?")
    if "\\" not in path:
        return url
    return path.replace("\\", "/") + mark + rest


def _filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    """Narrow what nh3 already allows: URL shapes, footnote ids and numeric sizes."""
    if attribute in ("href", "src"):
        if not url_allowed(value, image=tag == "img"):
            return None  # refused before the slashes turn: a leading \\ is read as //
        return forward_slashes(value)
    if attribute == "id":
        return value if _FOOTNOTE_ID.fullmatch(value) else None
    if attribute in ("width", "height", "colspan", "rowspan"):
        return value if _WHOLE_NUMBER.fullmatch(value.strip()) else None
    if attribute == "start":
        return value if _LIST_START.fullmatch(value.strip()) else None
    return value


def _new_cleaner(attribute_filter: Callable[[str, str, str], str | None]) -> nh3.Cleaner:
    return nh3.Cleaner(
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(REMOVED_WITH_CONTENT),
        attributes={tag: set(names) for tag, names in _ATTRIBUTES.items()},
        attribute_filter=attribute_filter,
        strip_comments=True,
        link_rel="noopener noreferrer",
        tag_attribute_values={tag: dict(values) for tag, values in _ATTRIBUTE_VALUES.items()},
        url_schemes=set(_LINK_SCHEMES),
        allowed_classes={tag: set(names) for tag, names in ALLOWED_CLASSES.items()},
    )


@cache
def _cleaner() -> nh3.Cleaner:
    """Build the one sanitiser (immutable, so it is safe to share between threads)."""
    return _new_cleaner(_filter_attribute)


def sanitise_html(html: str, rewrite_url: Callable[[str], str | None] | None = None) -> str:
    """Return ``html`` reduced to the newsroom allow-list; nothing in it can run or load.

    ``rewrite_url`` re-points every ``href`` and ``src`` that passed the policy (``None``
    drops it); what it returns is checked against the policy again.
    """
    if rewrite_url is None:
        return _cleaner().clean(html)

    def rewriting_filter(tag: str, attribute: str, value: str) -> str | None:
        kept = _filter_attribute(tag, attribute, value)
        if kept is None or attribute not in ("href", "src"):
            return kept
        rewritten = rewrite_url(kept)
        if rewritten is None:
            return None
        return _filter_attribute(tag, attribute, rewritten)

    return _new_cleaner(rewriting_filter).clean(html)
