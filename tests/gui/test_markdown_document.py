"""The rich editor's QTextDocument adapter of the body model, and the editor widget's Markdown."""

from __future__ import annotations

import pytest
from hypothesis import given
from PySide6.QtGui import QTextDocument, QTextTable

from desktop.body.blocks import Block, Run, Table, TextBlock, normalise_blocks
from desktop.body.dialect import article_markdown, markdown_to_blocks
from desktop.gui.editor.markdown_document import (
    blocks_to_document,
    document_blocks,
    document_to_markdown,
    markdown_to_document,
)
from tests.body.documents import ROUND_TRIP_SETTINGS, documents, markdown_bodies

pytestmark = pytest.mark.usefixtures("qapp")


def load(markdown: str) -> QTextDocument:
    """A new document holding the Markdown."""
    document = QTextDocument()
    markdown_to_document(markdown, document)
    return document


# ---- The document holds exactly the body model's blocks ----------------------------------


@ROUND_TRIP_SETTINGS
@given(model=documents())
def test_editor_to_markdown_to_editor_keeps_the_article(model: list[Block]) -> None:
    """Editor → Markdown → editor changes nothing; the document saves what the model writes."""
    first = QTextDocument()
    blocks_to_document(model, first)
    assert document_blocks(first) == normalise_blocks(model)

    markdown_1 = document_to_markdown(first)
    assert markdown_1 == article_markdown(model)
    second = load(markdown_1)
    assert document_to_markdown(second) == markdown_1
    assert document_blocks(second) == document_blocks(first)


@ROUND_TRIP_SETTINGS
@given(markdown=markdown_bodies())
def test_loading_markdown_shows_the_blocks_the_preview_renders(markdown: str) -> None:
    """What the editor shows of hand-written Markdown is what the body model reads from it."""
    document = load(markdown)
    assert document_blocks(document) == markdown_to_blocks(markdown)
    assert document_to_markdown(document) == article_markdown(markdown_to_blocks(markdown))


def test_bold_lead_in_and_table_cells_survive_the_document() -> None:
    """Bold lead-ins and cell formatting are kept by the QTextDocument itself."""
    source = (
        "**“凝心聚力”。**全市各级工会要突破300个服务站点。\n\n"
        "| 单位 | 人数 |\n| --- | --- |\n| **市总** \\| 机关 | ~~12~~ |\n"
    )
    lead, table = document_blocks(load(source))
    assert isinstance(lead, TextBlock) and lead.runs[0] == Run("“凝心聚力”。", bold=True)
    assert table == Table(
        header=[[Run("单位")], [Run("人数")]],
        rows=[[[Run("市总", bold=True), Run(" | 机关")], [Run("12", strike=True)]]],
    )
    assert document_to_markdown(load(source)) == source


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


def test_a_4000_character_article_loads_and_saves_unchanged() -> None:
    """A typical report survives loading into the editor and saving, byte for byte.

    How long the two directions take is measured by tests/perf/bench_render.py.
    """
    source = _article()
    document = QTextDocument()
    markdown_to_document(source, document)
    markdown_to_document(source, document)  # reloading the same document object works too
    assert document_to_markdown(document) == source
    assert sum(isinstance(block, Table) for block in document_blocks(document)) >= 1


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


def test_tab_moves_between_table_cells_and_adds_a_row_after_the_last(qtbot) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from desktop.gui.editor.rich_editor import RichTextEditor

    editor = RichTextEditor()
    qtbot.addWidget(editor)
    editor.set_markdown("| 项目 | 数量 |\n| --- | --- |\n| 竞赛 | 24项 |\n")
    table = editor.document().rootFrame().childFrames()[0]
    editor.setTextCursor(table.cellAt(0, 0).firstCursorPosition())  # in the first cell, 项目

    def cell_text() -> str:
        return editor.textCursor().selectedText()

    QTest.keyClick(editor, Qt.Key.Key_Tab)
    assert cell_text() == "数量"  # the next cell, selected as Word does
    QTest.keyClick(editor, Qt.Key.Key_Tab)
    assert cell_text() == "竞赛"
    QTest.keyClick(editor, Qt.Key.Key_Backtab)
    assert cell_text() == "数量"
    QTest.keyClick(editor, Qt.Key.Key_Tab)
    QTest.keyClick(editor, Qt.Key.Key_Tab)
    assert "\t" not in editor.toPlainText()
    QTest.keyClick(editor, Qt.Key.Key_Tab)  # past the last cell: a new row
    editor.insertPlainText("讲座")  # as an input method commits it
    assert editor.markdown().splitlines()[-1].replace(" ", "") == "|讲座||"


def test_merged_cells_are_merged_in_the_editor_and_saved_so() -> None:
    markdown = (
        "<table>\n"
        '<tr><th rowspan="2">项目</th><th colspan="2">完成情况</th></tr>\n'
        "<tr><td>计划</td><td>完成</td></tr>\n"
        "</table>\n"
    )
    document = load(markdown)
    (table,) = [f for f in document.rootFrame().childFrames() if isinstance(f, QTextTable)]
    assert (table.cellAt(0, 0).rowSpan(), table.cellAt(0, 1).columnSpan()) == (2, 2)
    assert table.cellAt(1, 0).row() == 0  # covered by 项目
    assert document_to_markdown(document) == markdown
