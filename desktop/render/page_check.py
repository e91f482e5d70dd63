"""The last look at every page before it is shown or written: nothing in it runs or redirects.

The templates escape every value and the body has passed the sanitiser, so a finished page
should never fail this check; it exists so that a mistake in either (or in whatever comes
between them) is refused loudly, naming the article, instead of reaching visitors. The page is
split into elements and attributes by a strict tokenizer that knows the one shape our pages
have (every attribute value in double quotes, no raw ``<`` in text): anything else — a ``<``
it cannot read as a whole tag, an attribute glued on with ``/`` — is itself a refusal, so
markup a browser might read differently never passes. It is refused if

* an element outside the page vocabulary appears (script, frames, forms, objects, ``base``…),
  or ``meta``, ``link``, ``title`` or ``style`` stand anywhere but in the head;
* any element carries an event handler (``on…``) or an attribute that loads or submits
  (``srcdoc``, ``srcset``, ``formaction``, ``ping``…), or a ``style`` attribute;
* a ``href`` or ``src`` uses a scheme outside the allow-list (the sanitiser's own rule);
* the head holds a ``meta http-equiv`` other than the one Content-Security-Policy (a
  ``refresh`` would send every visitor elsewhere), a ``meta`` other than the known names and
  OpenGraph properties, or a ``link`` other than the stylesheet and the canonical address;
* a ``download`` attribute stands anywhere but on a link to one of the site's attachments
  (``files/<sha256>.<type>`` by relative URL), the one place the template writes it;
* there is markup the tokenizer cannot read as a tag (processing instructions, CDATA), or a
  comment other than the server's hit-counter slot.
"""

from __future__ import annotations

import re
from html import unescape

from desktop.i18n import tr
from desktop.render.sanitise import ALLOWED_TAGS, url_allowed

#: Elements of the page frame (the templates) besides those a body may hold.
FRAME_TAGS = frozenset(
    {
        "html", "head", "body", "header", "nav", "main", "footer", "article", "section",
        "time", "h1", "meta", "title", "link", "style",
    }
)  # fmt: skip
#: Elements allowed only in the head, and the only ones allowed there.
HEAD_TAGS = frozenset({"meta", "title", "link", "style"})
#: ``<meta name=…>`` values a page may carry.
META_NAMES = frozenset({"viewport", "referrer", "description", "keywords", "generator"})
#: Attributes that load, submit or run something; none of our pages needs one.
FORBIDDEN_ATTRIBUTES = frozenset(
    {
        "srcdoc", "srcset", "formaction", "action", "ping", "background", "poster", "data",
        "dynsrc", "lowsrc", "xlink:href", "codebase", "archive", "manifest", "is", "nonce",
    }
)  # fmt: skip
#: Comments a page may carry: the slot where the web server writes the hit count.
ALLOWED_COMMENTS = frozenset({"newsroom:hits"})
_OPEN_GRAPH = re.compile(r"og:[a-z_]{1,20}(?::[a-z_]{1,20})?")
_WEB_ADDRESS = re.compile(r"https?://[^\s\"'<>\\]+")
_DATA_PICTURE = re.compile(r"data:image/(?:png|jpeg|gif|webp);base64,[A-Za-z0-9+/=\s]*")


class UnsafePage(ValueError):
    """A rendered page failed the final safety check; it must not be shown or written."""


# One piece of markup: a tag (attributes in double quotes only), a comment, a declaration.
_MARKUP = re.compile(
    r"<(?P<end>/)?(?P<tag>[a-zA-Z][a-zA-Z0-9]*)"
    r'(?P<attrs>(?:\s+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:="[^"]*")?)*)\s*(?P<close>/)?>'
    r"|<!--(?P<comment>.*?)-->"
    r"|<!(?P<decl>[a-zA-Z][^<>]*)>",
    re.DOTALL,
)
_ATTRIBUTE = re.compile(r'([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:="([^"]*)")?')
# Body elements that may stand without attributes and need no more than that.
_PLAIN = frozenset(ALLOWED_TAGS | FRAME_TAGS) - HEAD_TAGS - {"html", "head", "body", "style"}
# Attribute names that always need the full look (handlers, loaders, styles), and URL values
# that are plainly within the policy: a relative path, or an http(s)/mailto address, with no
# entity, space or control that could hide a scheme.
_SUSPECT_NAME = re.compile(
    r"\s(?:on|srcdoc|srcset|formaction|action|ping|background|poster|data|dynsrc|lowsrc"
    r"|xlink|codebase|archive|manifest|is|nonce|style)[-a-zA-Z0-9_:.]*(?:=|\s|$)",
    re.IGNORECASE,
)
_URL_VALUE = re.compile(r'\s(?:href|src|cite|longdesc)="([^"]*)"', re.IGNORECASE)
_PLAIN_URL = re.compile(r"(?:(?![/\\])[-\w./#%~+]*|(?:https?://|mailto:)[^\s&\\\x00-\x1f]*)")
# Where a download= may point: an attachment of the site, by relative URL.
_ATTACHMENT_URL = re.compile(r"(?:\.\./)*files/[0-9a-f]{64}\.[a-z]{2,4}")
_STYLE_END = re.compile(r"</style\s*>", re.IGNORECASE)
# Attribute names a plain body tag may carry with any double-quoted value: none of them runs,
# loads or submits anything, and the full look would find nothing to say about them.
_SAFE_NAMES = (
    "class", "id", "title", "alt", "rel", "lang", "role", "datetime", "colspan", "rowspan",
    "align", "start", "width", "height", "hreflang", r"aria-[a-z]+", "data-newsroom-slot",
)  # fmt: skip
# Elements a plain run may also pass outside the head: the page's own ``html`` and ``body``
# carry nothing the full look would refuse once their attributes are safe names, and outside
# the head a ``body`` changes nothing (inside it, it ends the head: read in full there).
_PLAIN_FRAME = frozenset({"html", "body"})
# An http(s) address with nothing in it that a browser would drop or read as an entity.
_PLAIN_ADDRESS = r'https?://[^\s"\'<>\\&\x00-\x1f\x7f]++'

# A run of text and markup that needs no closer look: end tags other than </head> (an end
# tag only matters for where the head ends) and start tags of body elements whose
# attributes are all safe names or plain addresses (never an img src: the full check decides
# pictures). One C-level match replaces a Python step per tag; anything else it stops at
# goes through the full reading below, so the run accepts nothing that reading would refuse.
_PLAIN_RUN = re.compile(
    r"(?:[^<]++"
    r"|</(?![hH][eE][aA][dD]\s*>)[a-zA-Z][a-zA-Z0-9]*+\s*>"
    r"|<!--newsroom:hits-->"
    r"|<(?:" + "|".join(sorted(_PLAIN | _PLAIN_FRAME, key=lambda t: (-len(t), t))) + r")(?=[\s/>])"
    r"(?:\s+(?:(?:" + "|".join(_SAFE_NAMES) + r')="[^"]*+"'
    r'|(?:href|cite|longdesc)="(?:(?![/\\])[-\w./#%~+]*+|(?:https?://|mailto:)[^\s&\\\x00-\x1f"]*+)"'
    r"))*+\s*/?>"
    r")*+"
)

# The same in the head, where every tag used to be read in full (19 on an exported page, two
# thirds of the check's time): the title, end tags other than </head>, the charset, ``meta``
# elements that are exactly an allowed name (or an OpenGraph property whose value is plain
# text) with their content, and the canonical link, og:url and og:image when their value is a
# plain http(s) address. None of them counts for the policy, loads or redirects; every other
# head tag (the policy, the stylesheet, anything with another attribute or value) is read in
# full.
_PLAIN_HEAD_RUN = re.compile(
    r"(?:[^<]++"
    r"|</(?![hH][eE][aA][dD]\s*>)[a-zA-Z][a-zA-Z0-9]*+\s*>"
    r"|<title>"
    r'|<meta charset="utf-8">'
    r'|<meta (?:name="(?:' + "|".join(sorted(META_NAMES)) + r')"'
    r'|property="og:(?:site_name|type|title|description)") content="[^"]*+">'
    r'|<meta property="og:(?:url|image)" content="' + _PLAIN_ADDRESS + r'">'
    r'|<link rel="canonical" href="' + _PLAIN_ADDRESS + r'">'
    r")*+"
)


def _plainly_fine(match: re.Match[str]) -> bool:
    """Say whether a body tag's attributes need no closer look (the common case, made fast)."""
    attrs = match.group("attrs")
    if not attrs:
        return True
    if _SUSPECT_NAME.search(attrs) or " download" in attrs:
        return False
    if match.group("tag") == "img" and " src=" in attrs:
        return False  # pictures allow fewer schemes: the full check decides
    return all(_PLAIN_URL.fullmatch(value) for value in _URL_VALUE.findall(attrs))


class _PageReader:
    """Collect every reason a page is unsafe, from the page's elements and attributes."""

    def __init__(self, csp: str, *, inline_style: bool, data_pictures: bool) -> None:
        self.csp = csp
        self.inline_style = inline_style
        self.data_pictures = data_pictures
        self.in_head = False
        self.policies = 0
        self.loaded_before_policy = False
        self.problems: list[str] = []

    def feed(self, html: str) -> None:
        """Read a whole page: every ``<`` must start markup of the one shape our pages have."""
        position = 0
        while True:
            if not self.in_head:
                position = _PLAIN_RUN.match(html, position).end()  # type: ignore[union-attr]
            else:
                position = _PLAIN_HEAD_RUN.match(html, position).end()  # type: ignore[union-attr]
            start = html.find("<", position)
            if start < 0:
                return
            match = _MARKUP.match(html, start)
            if match is None:
                self.problems.append(
                    tr(
                        "markup that cannot be read as a tag {text!r}",
                        text=html[start : start + 40],
                    )
                )
                position = start + 1
                continue
            position = match.end()
            if match.group("comment") is not None:
                self.handle_comment(match.group("comment"))
            elif match.group("decl") is not None:
                self.handle_decl(match.group("decl"))
            elif match.group("end"):
                if match.group("attrs"):
                    self.problems.append(
                        tr("attributes on the end tag </{tag}>", tag=match.group("tag"))
                    )
                self.handle_endtag(match.group("tag").lower())
            elif not self.in_head and match.group("tag") in _PLAIN and _plainly_fine(match):
                continue  # <p>, <a href="../x.html">…: allowed, and no attribute to look at
            else:
                tag = match.group("tag").lower()
                attrs = [
                    (found.group(1).lower(), unescape(found.group(2) or ""))
                    for found in _ATTRIBUTE.finditer(match.group("attrs"))
                ]
                self.handle_starttag(tag, attrs)
                if tag == "style":  # raw text up to its end tag, as a browser reads it
                    end = _STYLE_END.search(html, position)
                    position = end.start() if end else len(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str]]) -> None:
        """Check an element and its attributes."""
        if tag == "head":
            self.in_head = True
            return
        if tag == "body":
            self.in_head = False
        if tag not in FRAME_TAGS and tag not in ALLOWED_TAGS:
            self.problems.append(tr("element <{tag}>", tag=tag))
        elif (tag in HEAD_TAGS) != self.in_head and tag not in ("html", "head"):
            if self.in_head:
                self.problems.append(tr("element <{tag}> in the head", tag=tag))
            else:
                self.problems.append(tr("element <{tag}> outside the head", tag=tag))
        if tag == "style" and not self.inline_style:
            self.problems.append(tr("a <style> element"))
        values: dict[str, str] = {}
        for name, value in attrs:
            self._check_attribute(tag, name, value)
            values[name] = value
        if "download" in values and (
            tag != "a" or not _ATTACHMENT_URL.fullmatch(values.get("href", ""))
        ):
            self.problems.append(
                tr("a download= on <{tag}> that is not a link to an attachment", tag=tag)
            )
        if tag == "meta":
            self._check_meta(values)
        elif tag == "style" and self.policies == 0:
            self.loaded_before_policy = True
        if tag == "link":
            self._check_link(values)

    def handle_endtag(self, tag: str) -> None:
        """Note where the head ends."""
        if tag == "head":
            self.in_head = False

    def handle_comment(self, data: str) -> None:
        """Only the hit-counter slot may be a comment."""
        if data.strip() not in ALLOWED_COMMENTS:
            self.problems.append(tr("a comment {text!r}", text=data[:40]))

    def handle_decl(self, decl: str) -> None:
        """Only the doctype."""
        if decl.strip().lower() != "doctype html":
            self.problems.append(tr("a declaration {text!r}", text=decl[:40]))

    def _check_attribute(self, tag: str, name: str, value: str) -> None:
        if name.startswith("on"):
            self.problems.append(tr("an event handler {name}= on <{tag}>", name=name, tag=tag))
        elif name in FORBIDDEN_ATTRIBUTES:
            self.problems.append(tr("a {name}= attribute on <{tag}>", name=name, tag=tag))
        elif name == "style" and not self.inline_style:
            self.problems.append(tr("a style= attribute on <{tag}>", tag=tag))
        elif name in ("href", "src", "cite", "longdesc"):
            picture = tag == "img" and name == "src"
            if picture and self.data_pictures and _DATA_PICTURE.fullmatch(value):
                return
            if not url_allowed(value, image=picture):
                self.problems.append(
                    tr("a {name}= outside the allowed schemes on <{tag}>", name=name, tag=tag)
                )

    def _check_link(self, values: dict[str, str]) -> None:
        rel = values.get("rel", "").strip().lower()
        if rel == "stylesheet":
            if self.policies == 0:
                self.loaded_before_policy = True
        elif rel == "canonical":
            # Only names the page's public address; a browser fetches nothing for it.
            if not _WEB_ADDRESS.fullmatch(values.get("href", "")):
                self.problems.append(tr("a canonical link that is not an http(s) address"))
        else:
            self.problems.append(f"<link rel={values.get('rel', '')!r}>")

    def _check_meta(self, values: dict[str, str]) -> None:
        if "http-equiv" in values:
            kind = values["http-equiv"].strip().lower()
            if kind != "content-security-policy":
                self.problems.append(f"<meta http-equiv={values['http-equiv']!r}>")
            elif values.get("content", "") != self.csp:
                self.problems.append(tr("a Content-Security-Policy other than the site's"))
            else:
                self.policies += 1
        elif "name" in values:
            if values["name"].strip().lower() not in META_NAMES:
                self.problems.append(f"<meta name={values['name']!r}>")
        elif "property" in values:
            if not _OPEN_GRAPH.fullmatch(values["property"]):
                self.problems.append(f"<meta property={values['property']!r}>")
            elif values["property"] in ("og:url", "og:image") and not _WEB_ADDRESS.fullmatch(
                values.get("content", "")
            ):
                self.problems.append(
                    tr("a {name} that is not an http(s) address", name=values["property"])
                )
        elif set(values) != {"charset"}:
            self.problems.append(f"<meta {' '.join(sorted(values))}>")


def page_problems(
    html: str, *, csp: str, inline_style: bool = False, data_pictures: bool = False
) -> list[str]:
    """Return every reason the page is unsafe (empty when it is fine).

    ``csp`` is the one Content-Security-Policy the page must carry, before anything loads;
    ``inline_style`` and ``data_pictures`` allow what a self-contained single page needs.
    """
    reader = _PageReader(csp, inline_style=inline_style, data_pictures=data_pictures)
    reader.feed(html)
    problems = reader.problems
    if reader.policies != 1:
        problems.append(
            tr("{policies} Content-Security-Policy meta elements, not 1", policies=reader.policies)
        )
    elif reader.loaded_before_policy:
        problems.append(tr("a stylesheet before the Content-Security-Policy"))
    return problems


def check_page(
    html: str, *, what: str, csp: str, inline_style: bool = False, data_pictures: bool = False
) -> None:
    """Raise ``UnsafePage`` naming ``what`` (an article's title and id) if the page is unsafe."""
    problems = page_problems(html, csp=csp, inline_style=inline_style, data_pictures=data_pictures)
    if problems:
        shown = "; ".join(dict.fromkeys(problems))
        raise UnsafePage(
            tr("{what}: the finished page was refused as unsafe ({shown})", what=what, shown=shown)
        )


def check_fragment(html: str, *, what: str) -> None:
    """Raise ``UnsafePage`` if a body fragment (copied for a web back office) is unsafe.

    A fragment has no head; its elements carry the inline styles we add, nothing else.
    """
    reader = _PageReader("", inline_style=True, data_pictures=False)
    reader.feed(html)
    problems = [p for p in reader.problems if not p.startswith("element <style>")]
    if reader.policies or any(tag in html for tag in ("<meta", "<link", "<title")):
        problems.append(tr("head elements in a fragment"))
    if problems:
        shown = "; ".join(dict.fromkeys(problems))
        raise UnsafePage(
            tr("{what}: the copied HTML was refused as unsafe ({shown})", what=what, shown=shown)
        )
