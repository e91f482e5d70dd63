"""Nothing an author types can splice markup into a page: fields, body, every edition.

The finished pages are read back with lxml (libxml2's HTML parser, not the tokenizer the page
check itself uses), so these tests do not take the renderer's word for it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import lxml.html
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.article import Article, Column, Status
from desktop.export.fragment import article_fragment_html, single_article_page
from desktop.render.editions import SIMPLIFIED, traditional_edition
from desktop.render.page import CSP, render_article_page, render_list_page
from desktop.render.page_check import UnsafePage, check_page, page_problems
from desktop.site import Site
from desktop.traditional import Variant

SITE = Site(name="澜江工会网", url="https://union.example.cn/", sponsor="澜江市总工会")
COLUMNS = [Column(id=1, name="工会动态", slug="news", position=1)]
# Characters that earlier renderers used as in-band markers, and their neighbours.
PRIVATE_USE = "".join(chr(c) for c in range(0xE000, 0xE010))
SPLICE = '<section>0;url=https://evil.example/phish" http-equiv="refresh" x="</section>'
#: What a page's head may hold: (tag, identifying attribute, its value or None for any).
HEAD_ALLOWED = {
    ("meta", "charset"),
    ("meta", "http-equiv"),
    ("meta", "name"),
    ("meta", "property"),
    ("title", None),
    ("link", "rel"),
}


def article(**fields: object) -> Article:
    values: dict[str, object] = {
        "id": 7,
        "title": "市总工会召开全委会议",
        "body": "**一是抓学习。**会议要求，全市各级工会突破300个服务站点。\n",
        "column": "工会动态",
        "published_at": dt.datetime(2026, 5, 6, 9, 30),
        "status": Status.PUBLISHED,
    }
    values.update(fields)
    return Article(**values)  # type: ignore[arg-type]


def head_and_handlers(html: str) -> tuple[list[tuple[str, dict[str, str]]], list[str]]:
    """Return the head's elements and every event-handler attribute of the page."""
    tree = lxml.html.document_fromstring(html)
    head = [(el.tag, dict(el.attrib)) for el in tree.head if isinstance(el.tag, str)]
    handlers = [
        f"{el.tag} {name}"
        for el in tree.iter()
        if isinstance(el.tag, str)
        for name in el.attrib
        if name.lower().startswith("on")
    ]
    return head, handlers


def head_problems(html: str) -> list[str]:
    """Return what is wrong with the page's head and attributes, read by lxml."""
    head, handlers = head_and_handlers(html)
    problems = list(handlers)
    for tag, attrs in head:
        if tag == "meta" and "http-equiv" in attrs:
            if attrs["http-equiv"].lower() != "content-security-policy":
                problems.append(f"meta http-equiv={attrs['http-equiv']}")
            elif attrs.get("content") != CSP:
                problems.append("another CSP")
        elif tag == "link" and attrs.get("rel") not in ("stylesheet", "canonical"):
            problems.append(f"link rel={attrs.get('rel')}")
        elif (
            tag == "link" and attrs["rel"] == "canonical" and not attrs["href"].startswith("https:")
        ):
            problems.append("canonical link off the site")
        elif tag == "meta" and "property" in attrs and not attrs["property"].startswith("og:"):
            problems.append(f"meta property={attrs['property']}")
        elif not any(tag == t and (a is None or a in attrs) for t, a in HEAD_ALLOWED):
            problems.append(f"<{tag}> in the head")
    if sum(1 for tag, attrs in head if "http-equiv" in attrs) != 1:
        problems.append("not exactly one CSP")
    return problems


EDITIONS = [SIMPLIFIED, traditional_edition(Variant.TAIWAN)]
TRADITIONAL_SITE = dataclasses.replace(SITE, traditional="yes")


@pytest.mark.parametrize("edition", EDITIONS, ids=["simplified", "traditional"])
@pytest.mark.parametrize("slot", ["\ue001", "\ue002", PRIVATE_USE])
@pytest.mark.parametrize("field", ["summary", "keywords", "title", "source", "author", "kicker"])
def test_a_private_use_character_in_a_field_cannot_pull_the_body_into_the_head(
    edition, slot, field
):
    value: object = [f"关键词{slot}"] if field == "keywords" else f"文字{slot}尾"
    page = render_article_page(
        article(body=SPLICE, **{field: value}), TRADITIONAL_SITE, COLUMNS, edition=edition
    )
    assert head_problems(page) == []
    assert "evil.example" not in lxml.html.document_fromstring(page).head.text_content()
    # The would-be attribute text is still there, as text of the body.
    assert "http-equiv" in lxml.html.document_fromstring(page).body.text_content()


@pytest.mark.parametrize("edition", EDITIONS, ids=["simplified", "traditional"])
def test_a_private_use_character_in_the_body_cannot_turn_a_title_into_a_handler(edition):
    body = '<abbr title="\ue001 onerror=alert(1) x=">缩写</abbr><img src="x.png">\ue001\ue002'
    page = render_article_page(article(body=body), TRADITIONAL_SITE, COLUMNS, edition=edition)
    assert head_problems(page) == []
    abbr = lxml.html.document_fromstring(page).body.xpath("//abbr")[0]
    assert abbr.get("title") == "\ue001 onerror=alert(1) x="


def test_the_single_page_and_the_copied_html_are_safe_too():
    hostile = article(summary="摘要\ue001", body=SPLICE + '<abbr title="\ue001 onerror=x">a</abbr>')
    page = single_article_page(hostile, SITE, COLUMNS)
    tree = lxml.html.document_fromstring(page)
    assert [m.get("http-equiv") for m in tree.head.iter("meta") if m.get("http-equiv")] == [
        "Content-Security-Policy"
    ]
    assert head_and_handlers(page)[1] == []
    fragment = lxml.html.fragment_fromstring(
        article_fragment_html(hostile, SITE), create_parent="div"
    )
    assert not [
        name for el in fragment.iter() for name in el.attrib if name.lower().startswith("on")
    ]
    assert not fragment.xpath("//meta|//script|//link")


def test_list_pages_keep_titles_and_summaries_as_text():
    hostile = article(title="标题\ue001\ue002", summary=f"摘要\ue001{SPLICE}")
    for edition in EDITIONS:
        page = render_list_page(
            "工会动态",
            [hostile],
            TRADITIONAL_SITE,
            COLUMNS,
            "columns/news/index.html",
            edition=edition,
        )
        assert head_problems(page) == []


# Any character (every private-use and control character among them), and pieces of markup.
field_text = st.lists(
    st.one_of(
        st.characters(codec="utf-8", exclude_categories=("Cs",)),
        st.sampled_from(list(PRIVATE_USE + "\x00\x01\x1b\x7f\x85\u202e\ufeff\"'<>&=/ ")),
        st.sampled_from(['" onerror="alert(1)', "http-equiv=refresh", "<meta ", "-->", "<!--"]),
    ),
    max_size=40,
).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    title=field_text,
    kicker=field_text,
    subtitle=field_text,
    summary=field_text,
    source=field_text,
    author=field_text,
    keywords=st.lists(field_text, max_size=3),
    body=field_text,
    traditional=st.booleans(),
)
def test_any_text_in_any_field_leaves_the_head_as_designed(
    title, kicker, subtitle, summary, source, author, keywords, body, traditional
):
    hostile = article(
        title=title or "标题",
        kicker=kicker,
        subtitle=subtitle,
        summary=summary,
        source=source,
        author=author,
        keywords=keywords,
        body=body + "\n\n" + SPLICE,
    )
    edition = EDITIONS[1] if traditional else SIMPLIFIED
    page = render_article_page(hostile, TRADITIONAL_SITE, COLUMNS, edition=edition)
    assert head_problems(page) == []


# --- the page check ---------------------------------------------------------------------

GOOD = render_article_page(article(), SITE, COLUMNS)


def test_the_rendered_pages_pass_the_check():
    assert page_problems(GOOD, csp=CSP) == []


@pytest.mark.parametrize(
    "bad",
    [
        ("<head>", '<head><meta http-equiv="refresh" content="0;url=https://evil.example/">'),
        ('<p class="meta">', '<p class="meta" onmouseover="alert(1)">'),
        ("<main", "<script>alert(1)</script><main"),
        ("<main", '<iframe src="https://evil.example/"></iframe><main'),
        ("<main", '<form action="https://evil.example/"></form><main'),
        ("<head>", '<head><link rel="preconnect" href="https://evil.example/">'),
        ("<head>", '<head><base href="https://evil.example/">'),
        ('href="#top"', 'href="javascript:alert(1)"'),
        ('href="#top"', 'href="#top" style="color:red"'),
        ("<main", '<img src="x" srcset="https://evil.example/a.png 1x"><main'),
        ("<main", "<!-- a comment --><main"),
        ("<main", '<meta name="description" content="x"><main'),
        (f'content="{CSP}"', 'content="default-src *"'),
        # Shapes a browser reads but our pages never have: refused as unreadable markup.
        ("<main", "<img/src=x/onerror=alert(1)><main"),
        ("<main", "<?xml-stylesheet href='https://evil.example/x.xsl'?><main"),
        ("<main", "<![CDATA[<img src=x onerror=alert(1)>]]><main"),
        ("<main", "<img src=x onerror=alert(1)><main"),
        ("<main", "<svg><script>alert(1)</script></svg><main"),
        ("<main", "<a href='javascript:alert(1)'>x</a><main"),
        ('href="#top"', 'href="java&#115;cript:alert(1)"'),
    ],
)
def test_the_check_refuses_what_must_never_be_on_a_page(bad):
    old, new = bad
    assert old in GOOD
    page = GOOD.replace(old, new, 1)
    assert page_problems(page, csp=CSP) != []
    with pytest.raises(UnsafePage, match="市总工会召开全委会议"):
        check_page(page, what="“市总工会召开全委会议” (id 7)", csp=CSP)


def test_the_traditional_pages_labels_are_news_terms_not_software_ones():
    page = render_article_page(article(), TRADITIONAL_SITE, COLUMNS, edition=EDITIONS[1])
    meta = lxml.html.document_fromstring(page).xpath("//p[@class='meta']")[0].text_content()
    assert "發佈時間" in meta and "點擊量" in meta
    assert "釋出" not in page and "點選量" not in page
