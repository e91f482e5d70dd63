"""The rich editor's Markdown ⇄ QTextDocument conversion: round trips, escaping, speed."""

from __future__ import annotations

import os
import re
import time
from html.parser import HTMLParser

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtGui import QTextDocument

from desktop.body.blocks import (
    LINE_BREAK,
    OBJECT_CHAR,
    Block,
    ListLevel,
    Run,
    Table,
    TextBlock,
    normalise_blocks,
)
from desktop.body.dialect import markdown_to_blocks, markdown_to_html
from desktop.gui.editor.markdown_document import (
    blocks_to_document,
    document_blocks,
    document_to_markdown,
    markdown_to_document,
)

pytestmark = pytest.mark.usefixtures("qapp")

ROUND_TRIP_SETTINGS = settings(
    max_examples=int(os.environ.get("NEWSROOM_ROUND_TRIP_EXAMPLES", "300")),
    deadline=None,
    report_multiple_bugs=False,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


def load(markdown: str) -> QTextDocument:
    """A new document holding the Markdown."""
    document = QTextDocument()
    markdown_to_document(markdown, document)
    return document


def round_trip(markdown: str) -> str:
    """Markdown → document → Markdown."""
    return document_to_markdown(load(markdown))


# ---- A structural view of rendered HTML, independent of the editor's own reader ----------

_BLOCK_TAGS = {
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "hr",
    "table", "thead", "tbody", "tr", "th", "td", "figure", "figcaption",
}  # fmt: skip
_MARK_TAGS = {"strong": "b", "em": "i", "del": "s"}
BR = "\N{RETURN SYMBOL}"  # a <br>, kept apart from newlines in the HTML source


class _Tree(HTMLParser):
    """HTML → nested (tag, attrs, children) with inline content as (text, marks, href) runs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root: list[object] = []
        self.stack: list[list[object]] = [self.root]
        self.marks: list[str] = []
        self.href: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK_TAGS:
            children: list[object] = []
            kept = tuple(sorted((k, v) for k, v in attrs if k == "start"))
            self.stack[-1].append((tag, kept, children))
            if tag != "hr":
                self.stack.append(children)
        elif tag in _MARK_TAGS:
            self.marks.append(_MARK_TAGS[tag])
        elif tag == "a":
            self.href.append(dict(attrs).get("href") or "")
        elif tag == "br":
            self.stack[-1].append((BR, frozenset(), ""))
        elif tag == "img":
            attributes = dict(attrs)
            self.stack[-1].append(
                (
                    f"[img {attributes.get('src')} {attributes.get('alt')} "
                    f"{attributes.get('title')}]",
                    frozenset(),
                    "",
                )
            )

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCK_TAGS and tag != "hr":
            self.stack.pop()
        elif tag in _MARK_TAGS:
            self.marks.remove(_MARK_TAGS[tag])
        elif tag == "a":
            self.href.pop()

    def handle_data(self, data: str) -> None:
        self.stack[-1].append((data, frozenset(self.marks), self.href[-1] if self.href else ""))


def _canonical(children: list[object]) -> list[object]:
    """Merge inline runs per character style, collapse whitespace as a browser does."""
    result: list[object] = []
    inline: list[tuple[str, frozenset[str], str]] = []

    def flush() -> None:
        text_runs: list[tuple[str, frozenset[str], str]] = []
        for text, marks, href in inline:
            text = re.sub(r"[ \t\n\r\f]+", " ", text)
            if text_runs and text_runs[-1][1:] == (marks, href):
                text_runs[-1] = (text_runs[-1][0] + text, marks, href)
            elif text:
                text_runs.append((text, marks, href))
        joined = "".join(run[0] for run in text_runs).strip(" ")
        if joined:
            result.append(("inline", tuple(text_runs)))
        inline.clear()

    for child in children:
        if isinstance(child, tuple) and len(child) == 3 and isinstance(child[2], list):
            flush()
            tag, attrs, grand = child
            result.append((tag, attrs, _canonical(grand)))
        else:
            inline.append(child)  # type: ignore[arg-type]
    flush()
    return result


def _strip_edges(tree: list[object]) -> list[object]:
    """Drop whitespace at the edges of inline content and the styles of lone spaces."""
    cleaned: list[object] = []
    for node in tree:
        if node[0] == "inline":  # type: ignore[index]
            runs = [list(run) for run in node[1]]  # type: ignore[index]
            runs[0][0] = runs[0][0].lstrip(" ")
            runs[-1][0] = runs[-1][0].rstrip(" ")
            for run in runs:
                run[0] = run[0].replace(" " + BR, BR).replace(BR + " ", BR)
            merged: list[tuple[object, ...]] = []
            for text, marks, href in runs:
                if not text.strip():
                    marks = frozenset()  # formatting on a space is invisible
                if merged and merged[-1][1:] == (marks, href):
                    merged[-1] = (merged[-1][0] + text, marks, href)  # type: ignore[operator]
                elif text:
                    merged.append((text, marks, href))
            cleaned.append(("inline", tuple(merged)))
        else:
            tag, attrs, children = node  # type: ignore[misc]
            cleaned.append((tag, attrs, _strip_edges(children)))
    return cleaned


def html_structure(html: str) -> list[object]:
    """The structure of rendered HTML: blocks, text and the styles of every character."""
    parser = _Tree()
    parser.feed(html)
    parser.close()
    return _strip_edges(_canonical(parser.root))


# ---- Strategies: documents built from every supported element, in Chinese -----------------

CJK = "新闻工会职工全市各级会议要求学习服务站点建设劳动模范凝心聚力突破创新发展澜江区"
PUNCTUATION = "，。：；！？“”（）、《》"
SPECIAL = [
    "*", "_", "#", "[", "]", "\\", "`", "<", ">", "&", "|", "~", "{", "}", "-", "+",
    ".", "!", ":", "=", "(", ")", "1. ", "- ", "&amp;", "~~", "**", "# ", "> ", "<b>",
]  # fmt: skip
WORDS = ["Word", "WPS", "AI", "ok", "2023", "300", "7月6日"]
LINKS = [
    "https://www.example.cn/news/1.html",
    "https://例子.中国/路径?a=1&b=2",
    "mailto:office@example.cn",
    "https://example.cn/a_b(c)",
]

piece = st.one_of(
    st.sampled_from(CJK),
    st.sampled_from(CJK),
    st.sampled_from(PUNCTUATION),
    st.sampled_from(["——", "……"]),
    st.sampled_from(WORDS),
    st.sampled_from(SPECIAL),
    st.just(" "),
    st.just("\u3000"),
)
text = st.lists(piece, min_size=1, max_size=8).map("".join)


#: A stored picture's path, as the picture library writes it.
MEDIA = "media/" + "ab12" * 16 + ".jpg"
#: Captions as staff type them, with what a Markdown title cannot hold as such.
CAPTION_SPECIAL = ['"', '"现场"', "\\", "`", "|", "&amp;", "&#126;", ")", "(", "  ", LINE_BREAK]
caption = st.one_of(
    st.just(""),
    st.just(""),
    st.lists(st.one_of(piece, st.sampled_from(CAPTION_SPECIAL)), min_size=1, max_size=6).map(
        "".join
    ),
)


@st.composite
def pictures(draw: st.DrawFn) -> Run:
    """A picture run: a stored or relative picture, alt text and maybe a caption."""
    return Run(
        OBJECT_CHAR,
        image_src=draw(st.sampled_from([MEDIA, "images/合影.jpg"])),
        image_alt=draw(text),
        image_title=draw(caption),
    )


@st.composite
def runs(draw: st.DrawFn, breaks: bool = True, images: bool = True) -> list[Run]:
    """A paragraph's worth of styled runs."""
    result: list[Run] = []
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.integers(0, 19))
        if kind == 0 and breaks:
            result.append(Run(LINE_BREAK))
        elif kind == 1 and images:
            result.append(draw(pictures()))
        else:
            result.append(
                Run(
                    draw(text),
                    bold=draw(st.booleans()),
                    italic=draw(st.integers(0, 3)) == 0,
                    strike=draw(st.integers(0, 5)) == 0,
                    href=draw(st.sampled_from(["", "", "", *LINKS])),
                )
            )
    return result


@st.composite
def list_items(draw: st.DrawFn, quote: int = 0) -> list[Block]:
    """A list, nested up to three levels, with bullets and numbers mixed."""
    items: list[Block] = []
    path: list[ListLevel] = []
    for _ in range(draw(st.integers(1, 6))):
        depth = draw(st.integers(1, len(path) + 1 if len(path) < 3 else 3))
        level = ListLevel(numbered=draw(st.booleans()), start=draw(st.sampled_from([1, 1, 3])))
        path = [*path[: depth - 1], level]
        items.append(TextBlock(runs=draw(runs()), lists=tuple(path), quote=quote))
    return items


@st.composite
def tables(draw: st.DrawFn) -> Table:
    """A table: a header row and a few body rows of inline-formatted cells."""
    columns = draw(st.integers(1, 4))
    cell = st.one_of(st.just([]), runs(breaks=True, images=False))
    header = [draw(cell) for _ in range(columns)]
    rows = [[draw(cell) for _ in range(columns)] for _ in range(draw(st.integers(0, 3)))]
    return Table(header=header, rows=rows)


@st.composite
def documents(draw: st.DrawFn) -> list[Block]:
    """An article body mixing every element the editor supports."""
    blocks: list[Block] = []
    for _ in range(draw(st.integers(1, 8))):
        kind = draw(
            st.sampled_from(["p", "p", "p", "lead", "h", "list", "quote", "hr", "table", "fig"])
        )
        if kind == "fig":
            # A captioned picture alone in its paragraph: a <figure> on the page.
            blocks.append(TextBlock(runs=[draw(pictures())]))
        elif kind == "p":
            blocks.append(TextBlock(runs=draw(runs())))
        elif kind == "lead":
            # The report style: a bold lead-in ending in full-width punctuation, then text.
            lead = draw(st.sampled_from(["“凝心聚力”。", "一是抓学习。", "“学习”。", "坚持——"]))
            blocks.append(TextBlock(runs=[Run(lead, bold=True), Run(draw(text))]))
        elif kind == "h":
            blocks.append(TextBlock(runs=draw(runs(breaks=False)), heading=draw(st.integers(1, 6))))
        elif kind == "list":
            blocks.extend(draw(list_items()))
        elif kind == "quote":
            for _ in range(draw(st.integers(1, 3))):
                inner = draw(st.sampled_from(["p", "p", "list", "h", "hr"]))
                if inner == "list":
                    blocks.extend(draw(list_items(quote=1)))
                elif inner == "h":
                    blocks.append(TextBlock(runs=draw(runs()), heading=2, quote=1))
                elif inner == "hr":
                    blocks.append(TextBlock(rule=True, quote=1))
                else:
                    blocks.append(TextBlock(runs=draw(runs()), quote=1))
        elif kind == "hr":
            blocks.append(TextBlock(rule=True))
        else:
            blocks.append(draw(tables()))
    return blocks


# ---- Markdown text written by hand in the dialect (not by the editor's writer) ------------

plain_md = st.lists(
    st.one_of(
        st.sampled_from(CJK),
        st.sampled_from(PUNCTUATION),
        st.sampled_from(WORDS),
        st.sampled_from(["\\*", "\\_", "\\#", "\\[", "\\]", "&lt;", "&amp;", "1.5", " "]),
    ),
    min_size=1,
    max_size=6,
).map(lambda parts: "".join(parts).strip() or "文")


@st.composite
def inline_md(draw: st.DrawFn) -> str:
    """A line of inline Markdown as staff's Markdown-writing colleagues would write it."""
    parts = []
    for _ in range(draw(st.integers(1, 5))):
        word = draw(plain_md)
        form = draw(st.sampled_from(["", "", "**{}**", "*{}*", "***{}***", "~~{}~~", "[{}]({})"]))
        if form == "[{}]({})":
            parts.append(form.format(word, draw(st.sampled_from(LINKS[:3]))))
        elif form:
            parts.append(form.format(word))
        else:
            parts.append(word)
        # Delimiters that touch confuse Python-Markdown itself: keep a character between.
        parts.append(draw(st.sampled_from([" ", "，", "。", "文"])))
    return "".join(parts).strip() or "文"


@st.composite
def markdown_bodies(draw: st.DrawFn) -> str:
    """A Markdown body in the article dialect with every supported block kind."""
    chunks = []
    for _ in range(draw(st.integers(1, 7))):
        kind = draw(
            st.sampled_from(["p", "lead", "h", "ul", "ol", "nested", "quote", "hr", "t", "fig"])
        )
        if kind == "fig":
            alt, title = draw(plain_md), draw(plain_md)
            chunks.append(f'![{alt}]({MEDIA} "{title}")')
            if draw(st.booleans()):
                chunks[-1] += f' {draw(inline_md())} ![{alt}]({MEDIA} "{title}")'
        elif kind == "p":
            chunks.append(draw(inline_md()))
        elif kind == "lead":
            chunks.append("**“凝心聚力”。**全市" + draw(inline_md()))
        elif kind == "h":
            chunks.append("#" * draw(st.integers(1, 6)) + " " + draw(plain_md))
        elif kind == "ul":
            chunks.append(
                "\n".join("- " + draw(inline_md()) for _ in range(draw(st.integers(1, 3))))
            )
        elif kind == "ol":
            chunks.append(
                "\n".join(f"{n}. " + draw(inline_md()) for n in range(1, draw(st.integers(2, 4))))
            )
        elif kind == "nested":
            chunks.append(
                f"- {draw(inline_md())}\n    1. {draw(inline_md())}\n- {draw(inline_md())}"
            )
        elif kind == "quote":
            chunks.append(f"> {draw(inline_md())}\n>\n> {draw(inline_md())}")
        elif kind == "hr":
            chunks.append("---")
        else:
            cell = st.one_of(plain_md, inline_md().filter(lambda s: "**" not in s))
            chunks.append(
                f"| {draw(plain_md)} | {draw(plain_md)} |\n| --- | --- |\n"
                f"| {draw(cell)} | {draw(inline_md())} |"
            )
        if kind in ("ul", "ol", "nested"):
            # Two lists of one kind in a row would be one loose list in Markdown.
            chunks.append(draw(inline_md()))
    return "\n\n".join(chunks) + "\n"


# ---- Properties --------------------------------------------------------------------------


@ROUND_TRIP_SETTINGS
@given(model=documents())
def test_editor_to_markdown_to_editor_keeps_the_article(model: list[Block]) -> None:
    """Editor → Markdown → editor changes nothing, and the Markdown is a fixed point."""
    first = QTextDocument()
    blocks_to_document(model, first)
    assert document_blocks(first) == normalise_blocks(model)

    markdown_1 = document_to_markdown(first)
    second = load(markdown_1)
    markdown_2 = document_to_markdown(second)

    assert markdown_1 == markdown_2
    assert document_blocks(second) == document_blocks(first)
    # What the preview renders from the saved Markdown is what the editor showed.
    assert markdown_to_blocks(markdown_1) == document_blocks(first)


@ROUND_TRIP_SETTINGS
@given(markdown=markdown_bodies())
def test_markdown_to_editor_to_markdown_keeps_the_rendered_page(markdown: str) -> None:
    """Loading hand-written Markdown and saving it renders to the same HTML structure."""
    first = load(markdown)
    markdown_1 = document_to_markdown(first)
    second = load(markdown_1)

    assert document_to_markdown(second) == markdown_1
    assert document_blocks(second) == document_blocks(first)
    assert html_structure(markdown_to_html(markdown_1)) == html_structure(
        markdown_to_html(markdown)
    )


# ---- Examples ----------------------------------------------------------------------------


def paragraph_runs(markdown: str) -> list[Run]:
    """The runs of the only paragraph the Markdown holds."""
    (block,) = document_blocks(load(markdown))
    assert isinstance(block, TextBlock)
    return block.runs


def test_bold_lead_in_ending_in_full_width_stop_stays_bold() -> None:
    """Python-Markdown's reading wins over CommonMark's flanking rules."""
    source = "**“凝心聚力”。**全市各级工会要突破300个服务站点。\n"
    assert paragraph_runs(source) == [
        Run("“凝心聚力”。", bold=True),
        Run("全市各级工会要突破300个服务站点。"),
    ]
    assert round_trip(source) == source


@pytest.mark.parametrize(
    "source",
    [
        "**“学习”。**后文\n",
        "*强调*，后文\n",
        "前文***粗斜***后文\n",
        "**粗*粗斜***后文\n",
        "~~删除~~，保留\n",
        "[市总工会官网](https://例子.中国/首页?a=1&b=2)，欢迎访问。\n",
        "第一行  \n第二行\n",
    ],
)
def test_markdown_in_canonical_form_is_a_fixed_point(source: str) -> None:
    """Canonical Markdown survives load and save byte for byte."""
    assert round_trip(source) == source


def test_special_characters_are_escaped_once_and_read_back_literally() -> None:
    """Text that looks like Markdown stays text; Chinese punctuation is never escaped."""
    literal = "1. 第*一*条_备注_ # [见附件] `代码` <b>粗</b> a&amp;b ~~不删~~ |竖线| {x} ——，。"
    document = QTextDocument()
    blocks_to_document([TextBlock(runs=[Run(literal)])], document)
    saved = document_to_markdown(document)
    assert saved == (
        "1\\. 第\\*一\\*条\\_备注\\_ # \\[见附件\\] \\`代码\\` &lt;b>粗&lt;/b> a&amp;amp;b "
        "&#126;&#126;不删&#126;&#126; |竖线| \\{x} ——，。\n"
    )
    assert paragraph_runs(saved) == [Run(literal)]


@pytest.mark.parametrize(
    ("line", "saved"),
    [
        ("# 不是标题", "\\# 不是标题"),
        ("- 不是列表", "\\- 不是列表"),
        ("+ 不是列表", "\\+ 不是列表"),
        ("2023. 不是编号", "2023\\. 不是编号"),
        ("> 不是引用", "\\> 不是引用"),
        (": 不是定义", "&#58; 不是定义"),
        ("---", "\\---"),
    ],
)
def test_line_starts_that_would_open_a_block_are_escaped(line: str, saved: str) -> None:
    """A paragraph beginning like block syntax stays a paragraph."""
    document = QTextDocument()
    blocks_to_document([TextBlock(runs=[Run(line)])], document)
    assert document_to_markdown(document) == saved + "\n"
    assert paragraph_runs(saved) == [Run(line)]


def test_line_break_continuations_are_escaped_too() -> None:
    """After a hard line break, "===" or "- x" must not turn the paragraph into something else."""
    runs = [Run("标题"), Run(LINE_BREAK), Run("==="), Run(LINE_BREAK), Run("- 项")]
    document = QTextDocument()
    blocks_to_document([TextBlock(runs=runs)], document)
    saved = document_to_markdown(document)
    assert saved == "标题  \n&#61;==  \n\\- 项\n"
    assert paragraph_runs(saved) == [Run(f"标题{LINE_BREAK}==={LINE_BREAK}- 项")]


def test_table_with_bold_cells_and_a_pipe() -> None:
    """Cells keep inline formatting; a pipe in a cell is escaped."""
    source = "| 单位 | 人数 |\n| --- | --- |\n| **市总** \\| 机关 | 300 |\n| *区工会* | ~~12~~ |\n"
    (table,) = document_blocks(load(source))
    assert table == Table(
        header=[[Run("单位")], [Run("人数")]],
        rows=[
            [[Run("市总", bold=True), Run(" | 机关")], [Run("300")]],
            [[Run("区工会", italic=True)], [Run("12", strike=True)]],
        ],
    )
    assert round_trip(source) == source


def test_header_cells_and_headings_are_bold_already() -> None:
    """Bold inside a heading or a header cell is implied, so it is not written."""
    source = "## **重要**通知\n\n| **列** |\n| --- |\n| 值 |\n"
    assert round_trip(source) == "## 重要通知\n\n| 列 |\n| --- |\n| 值 |\n"


def test_nested_lists_keep_levels_kinds_and_start() -> None:
    """Bullets and numbers nest; a numbered list may start anywhere."""
    source = "- 一\n    1. 甲\n    2. 乙\n        - 子\n- 二\n\n3. 三\n4. 四\n"
    blocks = document_blocks(load(source))
    assert [(len(b.lists), b.lists[-1].numbered, b.text) for b in blocks] == [  # type: ignore[union-attr]
        (1, False, "一"),
        (2, True, "甲"),
        (2, True, "乙"),
        (3, False, "子"),
        (1, False, "二"),
        (1, True, "三"),
        (1, True, "四"),
    ]
    assert round_trip(source) == source


def test_loose_list_items_become_one_block_each() -> None:
    """A loose list (blank lines between items) is saved tight: same items, same text."""
    assert round_trip("- 一\n\n- 二\n") == "- 一\n- 二\n"


def test_quote_with_two_paragraphs_rule_and_link() -> None:
    """Quotes keep their paragraphs; rules and links survive."""
    source = "> 第一段。\n>\n> 第二段，见[通知](https://www.example.cn/a.html)。\n\n---\n\n正文\n"
    blocks = document_blocks(load(source))
    assert [(b.quote, b.rule, b.text) for b in blocks] == [  # type: ignore[union-attr]
        (1, False, "第一段。"),
        (1, False, "第二段，见通知。"),
        (0, True, ""),
        (0, False, "正文"),
    ]
    assert round_trip(source) == source


def test_heading_levels_one_to_six_are_kept() -> None:
    """The editor keeps the levels written in Markdown; the page renderer may shift them."""
    source = "# 一级\n\n## 二级\n\n### 三级\n\n#### 四级\n\n###### 六级 \\#\n"
    assert [b.heading for b in document_blocks(load(source))] == [1, 2, 3, 4, 6]  # type: ignore[union-attr]
    assert round_trip(source) == source


def test_images_pass_through() -> None:
    """Pictures in the body are kept with their alternative text."""
    source = "![职工合影](images/合影.jpg)\n\n会后合影。\n"
    assert round_trip(source) == source


def test_touching_emphasis_falls_back_to_tags_only_when_needed() -> None:
    """Runs whose delimiters Python-Markdown would misread are written as HTML tags."""
    misread = [Run("甲", bold=True), Run("乙", italic=True), Run("丙", bold=True, italic=True)]
    nested = [Run("删", strike=True, bold=True), Run("粗", bold=True, italic=True)]
    for runs, expected in [
        (misread, "<strong>甲</strong><em>乙<strong>丙</strong></em>\n"),
        (nested, "**~~删~~*粗***\n"),
    ]:
        document = QTextDocument()
        blocks_to_document([TextBlock(runs=runs)], document)
        saved = document_to_markdown(document)
        assert saved == expected
        assert paragraph_runs(saved) == runs


def test_whitespace_is_normalised() -> None:
    """Blank paragraphs vanish; spaces collapse; formatting moves off edge spaces."""
    document = QTextDocument()
    blocks_to_document(
        [
            TextBlock(runs=[Run("  前 ", bold=True), Run("后  文")]),
            TextBlock(runs=[Run("   ")]),
            TextBlock(runs=[Run("末")]),
        ],
        document,
    )
    assert document_to_markdown(document) == "**前** 后 文\n\n末\n"


def test_empty_document_is_empty_markdown() -> None:
    """No content, no text at all."""
    assert document_to_markdown(load("")) == ""
    assert document_to_markdown(load("\n\n  \n")) == ""


def test_editor_reads_headings_unshifted() -> None:
    """The editor's converter keeps "#" as level 1 even when the page renderer shifts it."""
    assert markdown_to_html("# 标题").startswith("<h1>")


# ---- Speed -------------------------------------------------------------------------------


def _article(characters: int = 4000) -> str:
    """A realistic 4,000-character report with lead-ins, a list, a quote and a table."""
    paragraph = (
        "**“凝心聚力”。**全市各级工会认真学习会议精神，*突出重点*，推动服务站点突破300个，"
        "惠及职工2.3万人次；[详见通知](https://www.example.cn/news/1.html)。"
    )
    chunks = ["## 一、总体情况"]
    while sum(len(chunk) for chunk in chunks) < characters:
        chunks.append(paragraph)
        if len(chunks) % 6 == 0:
            chunks.append("- 建设职工之家\n- 开展劳动竞赛\n    1. 技能比武\n    2. 岗位练兵")
        if len(chunks) % 9 == 0:
            chunks.append("> 引用领导讲话：~~旧提法~~新要求。")
        if len(chunks) % 11 == 0:
            chunks.append("| 单位 | 人数 |\n| --- | --- |\n| **市总** | 300 |\n| 区工会 | 120 |")
    return "\n\n".join(chunks) + "\n"


def test_a_4000_character_article_converts_fast_both_ways() -> None:
    """Both directions stay well under the 30 ms target for a typical report."""
    source = _article()
    document = QTextDocument()
    markdown_to_document(source, document)  # warm up imports and caches
    loads, saves = [], []
    for _ in range(10):
        started = time.perf_counter()
        markdown_to_document(source, document)
        loads.append(time.perf_counter() - started)
        started = time.perf_counter()
        saved = document_to_markdown(document)
        saves.append(time.perf_counter() - started)
    load_ms, save_ms = min(loads) * 1000, min(saves) * 1000
    print(
        f"\n{len(source)} characters: Markdown → document {load_ms:.1f} ms, "
        f"document → Markdown {save_ms:.1f} ms (best of 10)"
    )
    assert saved == source
    assert load_ms < 30
    assert save_ms < 30


# ---- The rich editor widget --------------------------------------------------------------


@pytest.fixture
def editor(qtbot):  # type: ignore[no-untyped-def]
    """A RichTextEditor holding one paragraph."""
    from desktop.gui.editor.rich_editor import RichTextEditor

    widget = RichTextEditor()
    qtbot.addWidget(widget)
    widget.set_markdown("会议要求全市各级工会抓好落实。\n")
    return widget


def _select(editor, start: int, end: int) -> None:  # type: ignore[no-untyped-def]
    cursor = editor.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(end, cursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)


def test_editor_formats_selection_as_markdown(editor) -> None:  # type: ignore[no-untyped-def]
    """Bold, italic, strike on selections come out as the dialect's Markdown."""
    _select(editor, 0, 4)
    editor.toggle_bold()
    _select(editor, 4, 6)
    editor.toggle_italic()
    _select(editor, 6, 8)
    editor.toggle_strike()
    assert editor.markdown() == "**会议要求***全市*~~各级~~工会抓好落实。\n"
    _select(editor, 0, 4)
    editor.clear_formatting()
    assert editor.markdown().startswith("会议要求*全市*")


def test_editor_block_operations(editor) -> None:  # type: ignore[no-untyped-def]
    """Headings, lists, quotes and back to a paragraph."""
    editor.set_heading(2)
    assert editor.markdown() == "## 会议要求全市各级工会抓好落实。\n"
    editor.set_paragraph()
    assert editor.markdown() == "会议要求全市各级工会抓好落实。\n"
    editor.toggle_bullet_list()
    assert editor.markdown() == "- 会议要求全市各级工会抓好落实。\n"
    editor.toggle_numbered_list()
    assert editor.markdown() == "1. 会议要求全市各级工会抓好落实。\n"
    editor.toggle_numbered_list()
    assert editor.markdown() == "会议要求全市各级工会抓好落实。\n"
    editor.toggle_quote()
    assert editor.markdown() == "> 会议要求全市各级工会抓好落实。\n"
    editor.toggle_quote()
    assert editor.markdown() == "会议要求全市各级工会抓好落实。\n"


def test_editor_inserts_links_rules_and_tables(editor, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Insert operations produce the dialect's links, rules and tables; links are signalled."""
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    with qtbot.waitSignal(editor.linkInserted) as signal:
        editor.insert_link("https://www.example.cn/", "详见官网")
    assert signal.args == ["https://www.example.cn/"]
    editor.insert_horizontal_rule()
    editor.insert_table(2, 2)
    editor.insert_table_column()
    editor.insert_table_row()
    assert editor.markdown() == (
        "会议要求全市各级工会抓好落实。[详见官网](https://www.example.cn/)\n\n---\n\n"
        "|  |  |  |\n| --- | --- | --- |\n|  |  |  |\n|  |  |  |\n"
    )
    editor.remove_table_column()
    (table,) = editor.document().rootFrame().childFrames()
    editor.remove_table_row()  # the header row stays
    editor.setTextCursor(table.cellAt(1, 0).firstCursorPosition())
    editor.remove_table_row()
    assert editor.markdown().endswith("---\n\n|  |  |\n| --- | --- |\n|  |  |\n")


def test_paste_from_word_is_cleaned(editor) -> None:  # type: ignore[no-untyped-def]
    """Fonts, colours and sizes are dropped; bold, lists and tables stay."""
    from PySide6.QtCore import QMimeData

    word_html = (
        "<html><head><style>p.MsoNormal{font-size:16pt}</style></head><body>"
        '<p class=MsoNormal style="text-indent:2em"><span style="font-family:仿宋;color:red">'
        '<b style="font-weight:bold">“凝心聚力”。</b>全市<span style="font-size:20pt">工会</span>'
        "</span><o:p></o:p></p>"
        "<ul><li><span style='font-weight:700'>要点</span>一</li></ul>"
        "<script>alert(1)</script></body></html>"
    )
    mime = QMimeData()
    mime.setHtml(word_html)
    editor.set_markdown("")
    editor.insertFromMimeData(mime)
    assert editor.markdown() == "**“凝心聚力”。**全市工会\n\n- **要点**一\n"


def test_copy_and_paste_inside_the_editor_keeps_markdown(editor) -> None:  # type: ignore[no-untyped-def]
    """A selection copies as article Markdown and pastes back unchanged."""
    editor.set_markdown("> **引用**文字\n\n- 甲\n- 乙\n")
    editor.selectAll()
    mime = editor.createMimeDataFromSelection()
    assert bytes(mime.data("text/markdown").data()).decode() == "> **引用**文字\n\n- 甲\n- 乙\n"
    editor.set_markdown("")
    editor.insertFromMimeData(mime)
    assert editor.markdown() == "> **引用**文字\n\n- 甲\n- 乙\n"


def test_tab_and_shift_tab_move_list_items_in_and_out(qtbot) -> None:
    """Word users indent list items with Tab; the Markdown follows the nesting."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QTextCursor
    from PySide6.QtTest import QTest

    from desktop.gui.editor.rich_editor import RichTextEditor

    editor = RichTextEditor()
    qtbot.addWidget(editor)
    expected = RichTextEditor()
    qtbot.addWidget(expected)
    expected.set_markdown("- 开展培训\n    - 技能竞赛\n- 走访慰问\n")
    editor.set_markdown("- 开展培训\n- 技能竞赛\n- 走访慰问\n")
    cursor = editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.Start)
    cursor.movePosition(QTextCursor.MoveOperation.NextBlock)
    editor.setTextCursor(cursor)
    QTest.keyClick(editor, Qt.Key.Key_Tab)
    assert editor.markdown() == expected.markdown()
    assert "    - 技能竞赛" in editor.markdown() or "  - 技能竞赛" in editor.markdown()
    QTest.keyClick(editor, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert editor.markdown() == "- 开展培训\n- 技能竞赛\n- 走访慰问\n"
    editor.undo()
    assert editor.markdown() == expected.markdown()
