"""Tables with merged cells keep their structure: on paste, in .docx files and on the page."""

from __future__ import annotations

from pathlib import Path

from docx import Document

from desktop.body.blocks import MAX_SPAN, Run, Table
from desktop.body.dialect import article_markdown, markdown_to_blocks
from desktop.importing import html_to_markdown, read_import_file
from desktop.render.markdown import render_body

# A Chinese office table: 项目 spans two rows, 完成情况 two columns over 计划/完成.
WORD_TABLE = (
    "<table class=MsoTableGrid border=1><tr><td rowspan=2 style='width:100pt'><p class=MsoNormal>"
    "<b style='mso-bidi-font-weight:normal'>项目</b></p></td><td colspan=2><p class=MsoNormal>"
    "完成情况</p></td></tr><tr><td><p class=MsoNormal>计划</p></td><td><p class=MsoNormal>完成"
    "</p></td></tr><tr><td>服务站点</td><td>300个</td><td><b>320</b>个</td></tr></table>"
)
MARKDOWN = (
    "<table>\n"
    '<tr><th rowspan="2">项目</th><th colspan="2">完成情况</th></tr>\n'
    "<tr><td>计划</td><td>完成</td></tr>\n"
    "<tr><td>服务站点</td><td>300个</td><td><strong>320</strong>个</td></tr>\n"
    "</table>\n"
)


def test_a_pasted_table_with_merged_cells_keeps_its_columns() -> None:
    assert html_to_markdown(WORD_TABLE) == MARKDOWN
    (table,) = markdown_to_blocks(MARKDOWN)
    assert isinstance(table, Table)
    assert table.spans == {(0, 0): (2, 1), (0, 1): (1, 2)}
    assert [[run.text for run in cell] for cell in table.rows[0]] == [[], ["计划"], ["完成"]]
    assert article_markdown([table]) == MARKDOWN


def test_the_page_shows_the_merged_cells() -> None:
    page = render_body(MARKDOWN)
    assert '<th rowspan="2">项目</th><th colspan="2">完成情况</th>' in page
    assert "<td><strong>320</strong>个</td>" in page


def test_a_table_without_merges_stays_a_pipe_table() -> None:
    html = "<table><tr><td>项目</td><td>数量</td></tr><tr><td>站点</td><td>300个</td></tr></table>"
    assert html_to_markdown(html) == "| 项目 | 数量 |\n| --- | --- |\n| 站点 | 300个 |\n"


def test_cell_text_is_escaped_as_html() -> None:
    table = Table(
        header=[[Run("a<b>&c")], []],
        rows=[[[Run("链接", href="https://example.org/?a=1&b=2")], [Run("*星*")]]],
        spans={(0, 0): (1, 2)},
    )
    markdown = article_markdown([table])
    assert '<th colspan="2">a&lt;b&gt;&amp;c</th>' in markdown
    assert '<a href="https://example.org/?a=1&amp;b=2">链接</a>' in markdown
    assert markdown_to_blocks(markdown) == [table]


def test_hostile_spans_are_bounded() -> None:
    html = "<table><tr><td rowspan=99999 colspan=99999>大</td></tr><tr><td>小</td></tr></table>"
    (table,) = markdown_to_blocks(html_to_markdown(html))
    assert isinstance(table, Table)
    assert table.columns <= MAX_SPAN + 1 and len(table.rows) == 1


def test_a_word_table_with_merged_cells_imports_with_them(tmp_path: Path) -> None:
    document = Document()
    document.add_paragraph("统计表")
    grid = document.add_table(rows=3, cols=3)
    grid.cell(0, 0).merge(grid.cell(1, 0)).text = "项目"
    grid.cell(0, 1).merge(grid.cell(0, 2)).text = "完成情况"
    for column, text in enumerate(["", "计划", "完成"]):
        if text:
            grid.cell(1, column).text = text
    for column, text in enumerate(["服务站点", "300个", "320个"]):
        grid.cell(2, column).text = text
    document.save(tmp_path / "统计.docx")
    body = read_import_file(tmp_path / "统计.docx").article.body
    assert body == MARKDOWN.replace("<strong>320</strong>", "320")


def test_the_full_page_passes_the_page_check(store) -> None:  # type: ignore[no-untyped-def]
    from desktop.render.page import render_article_page
    from tests.conftest import make_article

    (article,) = store.add_articles([make_article(body=MARKDOWN)])
    page = render_article_page(article, store.site(), store.columns())
    assert '<th rowspan="2">项目</th>' in page
