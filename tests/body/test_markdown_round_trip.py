"""The article body's Markdown ⇄ blocks conversion: round trips, escaping, bold lead-ins."""

from __future__ import annotations

import pytest
from hypothesis import given

from desktop.body.blocks import LINE_BREAK, Block, Run, Table, TextBlock, normalise_blocks
from desktop.body.dialect import article_markdown, markdown_to_blocks, markdown_to_html
from tests.body.documents import ROUND_TRIP_SETTINGS, documents, html_structure, markdown_bodies


def round_trip(markdown: str) -> str:
    """Markdown → blocks → Markdown."""
    return article_markdown(markdown_to_blocks(markdown))


# ---- Properties --------------------------------------------------------------------------


@ROUND_TRIP_SETTINGS
@given(model=documents())
def test_blocks_to_markdown_to_blocks_keeps_the_article(model: list[Block]) -> None:
    """Blocks → Markdown → blocks changes nothing, and the Markdown is a fixed point."""
    markdown_1 = article_markdown(model)
    assert markdown_to_blocks(markdown_1) == normalise_blocks(model)
    assert round_trip(markdown_1) == markdown_1


@ROUND_TRIP_SETTINGS
@given(markdown=markdown_bodies())
def test_markdown_to_blocks_to_markdown_keeps_the_rendered_page(markdown: str) -> None:
    """Reading hand-written Markdown and writing it renders to the same HTML structure."""
    markdown_1 = round_trip(markdown)
    assert round_trip(markdown_1) == markdown_1
    assert markdown_to_blocks(markdown_1) == markdown_to_blocks(markdown)
    assert html_structure(markdown_to_html(markdown_1)) == html_structure(
        markdown_to_html(markdown)
    )


# ---- Examples ----------------------------------------------------------------------------


def paragraph_runs(markdown: str) -> list[Run]:
    """The runs of the only paragraph the Markdown holds."""
    (block,) = markdown_to_blocks(markdown)
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
    saved = article_markdown([TextBlock(runs=[Run(literal)])])
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
    assert article_markdown([TextBlock(runs=[Run(line)])]) == saved + "\n"
    assert paragraph_runs(saved) == [Run(line)]


def test_line_break_continuations_are_escaped_too() -> None:
    """After a hard line break, "===" or "- x" must not turn the paragraph into something else."""
    runs = [Run("标题"), Run(LINE_BREAK), Run("==="), Run(LINE_BREAK), Run("- 项")]
    saved = article_markdown([TextBlock(runs=runs)])
    assert saved == "标题  \n&#61;==  \n\\- 项\n"
    assert paragraph_runs(saved) == [Run(f"标题{LINE_BREAK}==={LINE_BREAK}- 项")]


def test_table_with_bold_cells_and_a_pipe() -> None:
    """Cells keep inline formatting; a pipe in a cell is escaped."""
    source = "| 单位 | 人数 |\n| --- | --- |\n| **市总** \\| 机关 | 300 |\n| *区工会* | ~~12~~ |\n"
    (table,) = markdown_to_blocks(source)
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
    blocks = markdown_to_blocks(source)
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
    blocks = markdown_to_blocks(source)
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
    assert [b.heading for b in markdown_to_blocks(source)] == [1, 2, 3, 4, 6]  # type: ignore[union-attr]
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
        saved = article_markdown([TextBlock(runs=runs)])
        assert saved == expected
        assert paragraph_runs(saved) == runs


def test_whitespace_is_normalised() -> None:
    """Blank paragraphs vanish; spaces collapse; formatting moves off edge spaces."""
    blocks: list[Block] = [
        TextBlock(runs=[Run("  前 ", bold=True), Run("后  文")]),
        TextBlock(runs=[Run("   ")]),
        TextBlock(runs=[Run("末")]),
    ]
    assert article_markdown(blocks) == "**前** 后 文\n\n末\n"


def test_empty_document_is_empty_markdown() -> None:
    """No content, no text at all."""
    assert round_trip("") == ""
    assert round_trip("\n\n  \n") == ""


def test_the_body_model_reads_headings_unshifted() -> None:
    """The body's converter keeps "#" as level 1 even when the page renderer shifts it."""
    assert markdown_to_html("# 标题").startswith("<h1>")
