"""The sanitiser: nothing executable or loading from elsewhere survives, known-good HTML does."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.render.markdown import render_body
from desktop.render.sanitise import sanitise_html, url_allowed
from tests.render.xss_corpus import CORPUS

# The policy written out again, independently of desktop/render/sanitise.py, as the oracle.
POLICY_ATTRIBUTES: dict[str, set[str]] = {
    "p": {"class"},
    "br": set(),
    "hr": set(),
    **{f"h{n}": set() for n in range(2, 7)},
    **{t: set() for t in ("strong", "em", "b", "i", "del", "s", "u", "sub", "blockquote")},
    "sup": {"id"},
    "abbr": {"title"},
    "a": {"href", "title", "class", "rel"},
    "img": {"src", "alt", "title", "width", "height"},
    "figure": set(),
    "figcaption": set(),
    "ul": set(),
    "ol": {"start"},
    "li": {"id"},
    "dl": set(),
    "dt": set(),
    "dd": set(),
    **{t: set() for t in ("table", "caption", "thead", "tbody", "tfoot", "tr")},
    "th": {"colspan", "rowspan", "align"},
    "td": {"colspan", "rowspan", "align"},
    "code": set(),
    "pre": set(),
    "span": {"class"},
    "div": {"class"},
}
POLICY_CLASSES = {"footnote", "footnote-ref", "footnote-backref", "text-center", "text-right"}
LINK_SCHEMES = ("http:", "https:", "mailto:")
IMAGE_SCHEMES = ("http:", "https:")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")


def _violations_of_url(tag: str, value: str) -> list[str]:
    # Read the URL the way a browser does: no whitespace or controls anywhere, any case.
    squeezed = re.sub(r"[\x00-\x20\x7f]", "", value).lower()
    if squeezed.replace("\\", "/").startswith("//"):
        return [f"<{tag}> protocol-relative URL {value!r}"]
    match = _SCHEME.match(squeezed)
    if not match:
        return []
    allowed = IMAGE_SCHEMES if tag == "img" else LINK_SCHEMES
    if match.group(0) not in allowed:
        return [f"<{tag}> URL scheme {match.group(0)!r} in {value!r}"]
    return []


class PolicyChecker(HTMLParser):
    """Collect every tag, attribute, URL, comment or declaration outside the policy."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.violations: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in POLICY_ATTRIBUTES:
            self.violations.append(f"element <{tag}>")
            return
        for name, raw in attrs:
            value = raw or ""
            if name.startswith("on") or name == "style" or name not in POLICY_ATTRIBUTES[tag]:
                self.violations.append(f"attribute {name}={value!r} on <{tag}>")
            elif name in ("href", "src"):
                self.violations.extend(_violations_of_url(tag, value))
            elif name == "class" and not set(value.split()) <= POLICY_CLASSES:
                self.violations.append(f"class {value!r} on <{tag}>")
            elif name == "id" and not re.fullmatch(r"fn(ref\d*)?:\S+", value):
                self.violations.append(f"id {value!r} on <{tag}>")
            elif name == "rel" and value != "noopener noreferrer":
                self.violations.append(f"rel {value!r}")

    handle_startendtag = handle_starttag

    def handle_comment(self, data: str) -> None:
        self.violations.append(f"comment {data!r}")

    def handle_decl(self, decl: str) -> None:
        self.violations.append(f"declaration {decl!r}")

    def unknown_decl(self, data: str) -> None:
        self.violations.append(f"declaration {data!r}")

    def handle_pi(self, data: str) -> None:
        self.violations.append(f"processing instruction {data!r}")


def policy_violations(html: str) -> list[str]:
    """Return everything in ``html`` that the policy does not allow."""
    checker = PolicyChecker()
    checker.feed(html)
    checker.close()
    return checker.violations


def test_corpus_is_big_enough() -> None:
    assert len(CORPUS) >= 40
    assert len({name for name, _ in CORPUS}) == len(CORPUS)


@pytest.mark.parametrize(
    "bad",
    [
        "<script>x</script>",
        '<img src="x" onerror="y">',
        '<a href=" JAVA\tSCRIPT:x">a</a>',
        '<a href="//evil.example">a</a>',
        '<img src="mailto:x@y">',
        '<p style="x">a</p>',
        '<div class="evil">a</div>',
        "<h1>a</h1>",
        "<!-- c -->",
        '<p id="content">a</p>',
    ],
)
def test_the_checker_itself_catches_violations(bad: str) -> None:
    assert policy_violations(bad), bad


@pytest.mark.parametrize(("name", "text"), CORPUS, ids=[name for name, _ in CORPUS])
def test_corpus_through_markdown(name: str, text: str) -> None:
    html = render_body(text)
    assert policy_violations(html) == [], html
    assert "<script" not in html.lower()


@pytest.mark.parametrize(("name", "text"), CORPUS, ids=[name for name, _ in CORPUS])
def test_corpus_as_raw_html(name: str, text: str) -> None:
    html = sanitise_html(text)
    assert policy_violations(html) == [], html
    assert "<script" not in html.lower()


@pytest.mark.parametrize(("name", "text"), CORPUS, ids=[name for name, _ in CORPUS])
def test_sanitising_is_idempotent(name: str, text: str) -> None:
    once = sanitise_html(text)
    assert sanitise_html(once) == once


def test_script_content_is_removed_not_shown() -> None:
    assert sanitise_html("<script>alert(1)</script>安全") == "安全"
    assert sanitise_html("<style>p{}</style><svg><text>矢量</text></svg>正文") == "正文"


def test_known_good_markup_survives() -> None:
    good = (
        '<p class="text-center"><strong>粗</strong><em>斜</em><del>删</del><s>划</s><u>下</u>'
        'H<sub>2</sub>O m<sup>2</sup><br><a href="https://example.org/a?b=1" title="t">外链</a>'
        '<a href="../index.html">内链</a><a href="mailto:a@b.example">信</a></p>'
        '<figure><img src="media/a.jpg" alt="图" width="600" height="400">'
        "<figcaption>图注</figcaption></figure>"
        '<ol start="3"><li>三</li></ol>'
        '<table><tr><th colspan="2" align="center">表</th></tr></table>'
    )
    html = sanitise_html(good)
    assert policy_violations(html) == []
    for piece in (
        '<p class="text-center">',
        "<del>删</del>",
        'href="https://example.org/a?b=1"',
        'href="../index.html"',
        'href="mailto:a@b.example"',
        'src="media/a.jpg"',
        "<figcaption>图注</figcaption>",
        '<ol start="3">',
        'colspan="2"',
        'align="center"',
    ):
        assert piece in html, piece


def test_external_links_get_noopener_noreferrer() -> None:
    html = sanitise_html('<a href="https://example.org/">x</a>')
    assert 'rel="noopener noreferrer"' in html


def test_h1_is_unwrapped_and_other_headings_kept() -> None:
    assert sanitise_html("<h1>大标题</h1><h2>小标题</h2>") == "大标题<h2>小标题</h2>"


@pytest.mark.parametrize(
    ("url", "image", "allowed"),
    [
        ("https://example.org/a.png", True, True),
        ("HTTP://example.org/a.png", True, True),
        ("media/a.png", True, True),
        ("../a.png", True, True),
        ("?page=2", False, True),
        ("#fn:1", False, True),
        ("mailto:a@b.example", False, True),
        ("mailto:a@b.example", True, False),
        ("javascript:alert(1)", False, False),
        ("\x01 java\nscript:alert(1)", False, False),
        ("data:image/png;base64,AAAA", True, False),
        ("//evil.example/a.png", True, False),
        ("/\\evil.example/a.png", True, False),  # browsers read "\" as "/": protocol-relative
        ("j a v a s c r i p t:alert(1)", False, False),
        ("\\\\evil.example\\a.png", True, False),
        ("file:///etc/passwd", False, False),
        ("tel:12351", False, False),
    ],
)
def test_url_allowed(url: str, image: bool, allowed: bool) -> None:
    assert url_allowed(url, image=image) is allowed


_FRAGMENTS = st.sampled_from(
    [
        "<", ">", '"', "'", "=", "/", ":", "&", "#", ";", " ", "\t", "\n", "**", "~~", "[", "]",
        "(", ")", "{:", "}", "`", "!", "<a href=", "<img src=", "javascript", "data", "vbscript",
        "onerror", "onload", "script", "style", "svg", "iframe", "&#x3A;", "&colon;", "&#106;",
        "alert(1)", "//", "\\", "markdown=\"1\"", "<div ", "</div>", "[^1]", "[^1]: ", "文字",
    ]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(_FRAGMENTS, max_size=40).map("".join))
def test_random_hostile_text_stays_within_policy(text: str) -> None:
    assert policy_violations(render_body(text)) == []
    assert policy_violations(sanitise_html(text)) == []
