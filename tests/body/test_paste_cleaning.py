"""Cleaning pasted and imported HTML into article Markdown: sources, styling, bad markup."""

from __future__ import annotations

import base64
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from desktop.body.dialect import article_markdown, markdown_to_blocks, markdown_to_html
from desktop.body.html_reader import blocks_from_html
from desktop.importing.html import html_to_markdown, pasted_picture_resolver
from desktop.pictures import add_picture, picture_bytes
from desktop.store import Store
from tests.body.clipboard import MEDIA, NAMES, expected_markdown, fixture_html
from tests.pictures.images import photo


def paste(html: str, store: Store | None = None, problems: list[str] | None = None) -> str:
    """Clean clipboard HTML as a paste does, pictures going into the store when there is one."""
    resolver = None
    if store is not None:
        resolver = pasted_picture_resolver(
            lambda data, name: add_picture(store, data, name),
            problems if problems is not None else [],
        )
    return article_markdown(blocks_from_html(html, pasted=True, resolve_image=resolver))


def test_there_is_a_fixture_for_each_source() -> None:
    assert {"word_windows", "wps_office", "chrome_news_site", "firefox_lists", "edge_table"} <= set(
        NAMES
    )


@pytest.mark.parametrize("name", NAMES)
def test_paste_fixture_gives_expected_markdown(name: str, store: Store, tmp_path: Path) -> None:
    markdown = paste(fixture_html(name, tmp_path), store)
    assert MEDIA.sub("media/PICTURE", markdown) == expected_markdown(name)
    for path in re.findall(r"media/[0-9a-f]{64}\.(?:jpg|png)", markdown):
        assert picture_bytes(store, path)  # embedded pictures became stored pictures


@pytest.mark.parametrize("name", NAMES)
def test_nothing_of_the_source_styling_survives(name: str, store: Store, tmp_path: Path) -> None:
    markdown = paste(fixture_html(name, tmp_path), store).replace("<br>", "")  # table cells
    for leftover in ("mso", "font", "style", "color", "<", "Wingdings", "\u3000", "\xa0", "file:"):
        assert leftover not in markdown, leftover


def test_an_imported_document_reads_as_the_same_paste(store: Store, tmp_path: Path) -> None:
    """The import path's reader and the paste give the same Markdown."""
    html = fixture_html("word_windows", tmp_path)
    sink = pasted_picture_resolver(lambda data, name: add_picture(store, data, name), [])
    assert html_to_markdown(html, sink) == paste(html, store)


def test_without_a_picture_store_embedded_pictures_are_dropped(tmp_path: Path) -> None:
    markdown = paste(fixture_html("wps_office", tmp_path))
    assert "data:" not in markdown and "![" not in markdown


def test_a_broken_embedded_picture_is_reported_and_dropped(store: Store) -> None:
    broken = "data:image/png;base64," + base64.b64encode(b"not a picture").decode()
    problems: list[str] = []
    assert paste(f'<p>文字<img src="{broken}"></p>', store, problems) == "文字\n"
    assert len(problems) == 1 and "pasted picture" in problems[0]


def test_local_files_outside_the_clipboard_folder_are_not_read(
    store: Store, tmp_path: Path
) -> None:
    private = tmp_path / "Pictures" / "private.jpg"
    private.parent.mkdir()
    private.write_bytes(photo(200, 100))
    assert "![" not in paste(f'<p>文字<img src="{private.as_uri()}"></p>', store)


# ---- Bad markup never stops a paste ------------------------------------------------------


def test_a_declaration_pythons_parser_cannot_read_still_pastes() -> None:
    """``<![>`` made html.parser raise "expected name token" inside the paste."""
    html = '<![><img src="]>…'
    assert paste(html) == '&lt;img src="\\]>…\n'
    assert html_to_markdown(html) == '&lt;img src="\\]>…\n'
    assert blocks_from_html(html)  # the reader of our own Markdown's HTML too


@pytest.mark.parametrize(
    ("html", "markdown"),
    [
        ("<![ ]>会议<b>要求</b>", "会议**要求**\n"),
        ("<p>前</p><![x]><p>后</p>", "前\n\n后\n"),
        ("<p>前<![if !supportLists]>·<![endif]>后</p><![>", "前后\n"),
        ('<ol start="²"><li>一</li></ol>', "1. 一\n"),
        ('<ol start="99999999999999999999"><li>一</li></ol>', "1. 一\n"),
        (
            '<p style="mso-list:l0 level999999999 lfo1"><span style="mso-list:Ignore">·</span>项',
            "- 项\n",
        ),
    ],
)
def test_markup_a_browser_reads_keeps_its_text(html: str, markdown: str) -> None:
    """What a browser shows of bad markup arrives; what it hides stays hidden."""
    assert paste(html) == markdown


def test_a_failing_picture_store_is_not_mistaken_for_bad_markup() -> None:
    """Only the markup's faults are forgiven: a resolver's own error still reaches the caller."""

    def broken(src: str) -> str | None:
        raise RuntimeError("store gone")

    with pytest.raises(RuntimeError, match="store gone"):
        blocks_from_html('<![><p><img src="https://a.cn/x.jpg">', pasted=True, resolve_image=broken)


NASTY = [
    "<![", "<!", "</", "<?", "<!--", "-->", "<![CDATA[", "]]>", "<![>", "<![ ]>", "<![x]>",
    "<![if !supportLists]>", "<![endif]>", "<!DOCTYPE html>", "<?xml version='1.0'?>",
    '<img src="', '"', "'", ">", "<", "&", "&#", "&#x", ";", "<p>", "</p>", "<b>", "</b>",
    "<i>", "<ul>", '<ol start="3">', '<ol start="²">', "<li>", "<table>", "<tr>", "<td>",
    "<th>", "<br>", "<hr>", "<h2>", "<blockquote>", '<a href="https://a.cn/">', "</a>",
    "<figure>", "<figcaption>", "<script>", "</script>", "<style>", "<o:p>", "<del>",
    '<span style="font-weight:bold">', '<p style="mso-list:l0 level2 lfo1">',
    "<span style='mso-list:Ignore'>", '<img src="https://a.cn/x.jpg" alt="图">',
    "\n", " ", "\u3000", "\xa0", "\u2028", "\x00", "\x0b", "文字", "，", "**", "*", "_", "#",
    "- ", "1. ", "|", "~~", "\\", "`",
]  # fmt: skip
markup = st.one_of(
    st.text(),
    st.lists(st.one_of(st.sampled_from(NASTY), st.text(max_size=4)), max_size=30).map("".join),
)
ARTICLE_TAGS = {
    "p", "strong", "em", "del", "a", "img", "br", "h1", "h2", "h3", "h4", "h5", "h6", "ul",
    "ol", "li", "blockquote", "hr", "table", "thead", "tbody", "tr", "th", "td", "figure",
    "figcaption",
}  # fmt: skip
ANY_MARKUP = settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])


class _Markup(HTMLParser):
    """Everything in rendered HTML that is not an element of an article body."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.foreign: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ARTICLE_TAGS:
            self.foreign.append(tag)

    def handle_comment(self, data: str) -> None:
        self.foreign.append(f"<!--{data}-->")

    def handle_decl(self, decl: str) -> None:
        self.foreign.append(f"<!{decl}>")

    def unknown_decl(self, data: str) -> None:
        self.foreign.append(f"<![{data}]>")

    def handle_pi(self, data: str) -> None:
        self.foreign.append(f"<?{data}>")


def assert_clean(markdown: str) -> None:
    """Canonical article Markdown whose page holds nothing but an article body's elements."""
    assert article_markdown(markdown_to_blocks(markdown)) == markdown
    found = _Markup()
    found.feed(markdown_to_html(markdown))
    found.close()
    assert found.foreign == []


@ANY_MARKUP
@given(html=markup)
@example(html="<IMG SRC=\x03>")  # a control character for an address
def test_any_clipboard_html_pastes_as_clean_markdown(html: str) -> None:
    assert_clean(paste(html))


@ANY_MARKUP
@given(html=markup)
def test_any_converted_document_imports_as_clean_markdown(html: str) -> None:
    assert_clean(html_to_markdown(html))


@ANY_MARKUP
@given(html=markup)
def test_any_html_reads_into_blocks_that_write_clean_markdown(html: str) -> None:
    assert_clean(article_markdown(blocks_from_html(html)))
