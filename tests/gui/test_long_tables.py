"""Long tables in the real window: held as chunks of rows, read, edited and copied as one table.

Qt lays a whole QTextTable out again on every change inside it, so the editor keeps a long
table as several small QTextTables (``desktop/gui/editor/table_chunks.py``). These tests
check what a user would notice: the stored Markdown, the page and the copy are those of one
table, and Tab, rows, columns, undo and proofreading work across the chunks. No clock here
(tests/perf/bench_window.py measures the stalls).
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QSettings, Qt
from PySide6.QtGui import QInputMethodEvent, QTextTable
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from desktop.article import Article
from desktop.body.dialect import article_markdown
from desktop.body.html_reader import blocks_from_html
from desktop.demo import open_store
from desktop.gui import app
from desktop.gui.editor.markdown_document import document_to_markdown
from desktop.gui.editor.table_chunks import is_continuation, rows_per_chunk
from desktop.gui.main_window import MainWindow
from desktop.proofread import ProblemKind
from desktop.render.page import render_article_page
from desktop.store import Store
from desktop.wordcount import count_words
from tests.gui.conftest import dispose, shown_window
from tests.perf.corpus import articles
from tests.perf.stall_scenario import table_html

HEADER = "| 序号 | 分会 | 姓名 | 活动 |\n| --- | --- | --- | --- |\n"


def roster(rows: int, special: dict[int, str] | None = None) -> str:
    """A union roster as stored Markdown: a header and ``rows`` body rows."""
    special = special or {}
    lines = [
        f"| {i} | 第{i % 37 + 1}分会 | {special.get(i, f'职工{i}号')} | {i % 90 + 10}场 |"
        for i in range(rows)
    ]
    return (
        "前言：全市工会会员名册如下。\n\n"
        + HEADER
        + "\n".join(lines)
        + "\n\n以上名单如有出入请联系组织部。\n"
    )


@pytest.fixture
def window(qtbot, db_path: Path, tmp_path: Path) -> Iterator[MainWindow]:
    store: Store = open_store(db_path, demo_if_new=True)
    with shown_window(qtbot, store, tmp_path) as opened:
        yield opened
    store.close()


def open_body(window: MainWindow, qtbot, markdown: str) -> None:
    """Open a new article holding ``markdown`` and wait until the window has settled."""
    stored = window.store.add_article(Article(title="全市工会会员名册", body=markdown))
    assert stored.id is not None
    window.list_pane.model.refresh()
    assert window.open_article(stored.id)
    qtbot.waitUntil(window.is_settled, timeout=180_000)


def tables(window: MainWindow) -> list[QTextTable]:
    frames = window.editor.rich.document().rootFrame().childFrames()
    return [frame for frame in frames if isinstance(frame, QTextTable)]


def cell_text(window: MainWindow) -> str:
    return window.editor.rich.textCursor().selectedText()


def put_cursor(window: MainWindow, table: QTextTable, row: int, column: int) -> None:
    window.editor.rich.setTextCursor(table.cellAt(row, column).lastCursorPosition())


def test_a_pasted_2000_row_table_is_held_as_chunks_and_stored_as_one_table(window, qtbot) -> None:
    """Pasting 2,000 rows: chunks of a few rows in the editor, one pipe table in the body."""
    open_body(window, qtbot, "")
    rich = window.editor.rich
    html = table_html(2000)
    expected = article_markdown(blocks_from_html(html, pasted=True))
    mime = QMimeData()
    mime.setHtml(html)
    rich.setFocus()
    frozen = gc.get_freeze_count()
    with qtbot.waitSignal(rich.pasteFinished, timeout=180_000):
        rich.insertFromMimeData(mime)
        assert rich.is_pasting()
        assert not gc.isenabled()  # no full collection over the rows while they go in
        # Typed while the rows go in (keys, then an input method's 完): it waits, then lands.
        QTest.keyClicks(rich, "ok")
        commit = QInputMethodEvent()
        commit.setCommitString("完")
        QApplication.sendEvent(rich, commit)
    qtbot.waitUntil(window.is_settled, timeout=180_000)

    chunks = tables(window)
    assert len(chunks) > 10
    assert all(table.rows() <= rows_per_chunk(5) for table in chunks)
    assert [is_continuation(table) for table in chunks] == [False] + [True] * (len(chunks) - 1)
    body = window.editor.body_markdown()
    assert body == expected + "\nok完\n"  # what was typed during the paste, after the table
    assert body == document_to_markdown(rich.document())
    assert window.store.get_article(window.current_id()).body == body
    assert rich.paste_step_count >= len(chunks)  # a chunk per step, between events
    assert rich.paste_process.read == 1  # read by the paste's process, not in the window's
    # Collection is back on, and what the paste made is frozen: no full collection walks it.
    assert gc.isenabled() and gc.get_freeze_count() > frozen + 10_000

    rich.undo()  # what was typed after the paste
    rich.undo()  # the whole paste, one step
    assert window.editor.body_markdown() == ""
    assert tables(window) == []


def test_the_window_starts_the_paste_reader_that_reads_a_2000_row_paste(
    qtbot, tmp_path: Path
) -> None:
    """The paste's process is running once the window is open, and reads the table."""
    db = tmp_path / "名册.db"
    with Store.open(db) as store:
        store.add_articles(list(articles(3)))
    opened = app.open_window(db, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    assert opened is not None
    try:
        rich = opened.editor.rich
        spare = rich.paste_process.pid
        assert spare is not None  # started with the window, before any paste
        opened.show()
        qtbot.waitUntil(lambda: opened.session.current is not None)
        opened.new_article()
        mime = QMimeData()
        mime.setHtml(table_html(2000))
        with qtbot.waitSignal(rich.pasteFinished, timeout=180_000):
            rich.insertFromMimeData(mime)
        assert rich.paste_process.read == 1 and rich.paste_process.pid == spare
        assert sum(table.rows() for table in tables(opened)) == 2001
    finally:
        opened.session.forget_changes()
        dispose(qtbot, opened)
        opened.store.close()
    assert rich.paste_process.pid is None  # stopped with the editor


def test_opening_a_saved_2000_row_table_goes_in_a_chunk_at_a_time(window, qtbot) -> None:
    """The article opens at once and fills between events; nothing counts as edited."""
    markdown = roster(2000)
    stored = window.store.add_article(Article(title="全市工会会员名册", body=markdown))
    window.list_pane.model.refresh()
    assert window.open_article(stored.id)
    rich = window.editor.rich
    assert rich.is_loading() and rich.isReadOnly()
    assert len(tables(window)) < 10  # the first rows are in, the rest is on its way
    assert window.editor.body_markdown() == markdown  # the body, whole, even meanwhile
    qtbot.waitUntil(window.is_settled, timeout=180_000)

    assert not rich.is_loading() and not rich.isReadOnly()
    chunks = tables(window)
    assert len(chunks) == -(-2001 // rows_per_chunk(4))
    assert window.editor.body_markdown() == markdown
    assert document_to_markdown(rich.document()) == markdown
    assert not window.session.dirty
    assert not rich.document().isUndoAvailable()
    count = count_words(rich.toPlainText())
    assert str(count) in window.words_label.text().replace(",", "")
    # The page shows one table with every row.
    article = window.edited_article()
    assert article is not None
    page = render_article_page(article, window.site, window.columns)
    assert page.count("<table") == 1 and page.count("<tr") == 2001


def test_tab_and_the_arrow_keys_cross_from_chunk_to_chunk(window, qtbot) -> None:
    """Tab, Shift+Tab and the arrows go on into the next chunk; Tab after the last cell adds a
    row; nothing typed lands between two chunks."""
    open_body(window, qtbot, roster(120))
    rich = window.editor.rich
    first, second = tables(window)[:2]
    row = first.rows() - 1  # body row ``row`` is the first row of the second chunk
    put_cursor(window, first, first.rows() - 1, 3)
    QTest.keyClick(rich, Qt.Key.Key_Tab)
    assert cell_text(window) == str(row)  # the next row's 序号, in the next chunk
    QTest.keyClick(rich, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert cell_text(window) == f"{(row - 1) % 90 + 10}场"

    def where() -> tuple[int, int, int]:
        cursor = rich.textCursor()
        frame = cursor.currentFrame()
        assert isinstance(frame, QTextTable)  # never the empty block between two chunks
        cell = frame.cellAt(cursor)
        index = [t.firstPosition() for t in tables(window)].index(frame.firstPosition())
        return index, cell.row(), cell.column()

    put_cursor(window, first, first.rows() - 1, 2)
    QTest.keyClick(rich, Qt.Key.Key_Down)
    assert where() == (1, 0, 2)
    QTest.keyClick(rich, Qt.Key.Key_Up)
    assert where() == (0, first.rows() - 1, 2)
    put_cursor(window, first, first.rows() - 1, 3)  # at the end of the chunk's last cell
    QTest.keyClick(rich, Qt.Key.Key_Right)
    assert where() == (1, 0, 0)
    rich.insertPlainText("第")
    QTest.keyClick(rich, Qt.Key.Key_Left)
    QTest.keyClick(rich, Qt.Key.Key_Left)
    assert where() == (0, first.rows() - 1, 3)
    rich.insertPlainText("共")
    body = window.editor.body_markdown()
    assert f"| 第{row} | 第{row % 37 + 1}分会 |" in body
    assert f"| {(row - 1) % 90 + 10}场共 |" in body
    assert len(tables(window)) == -(-121 // rows_per_chunk(4))
    assert second.rows() == rows_per_chunk(4)

    last = tables(window)[-1]
    put_cursor(window, last, last.rows() - 1, 3)
    QTest.keyClick(rich, Qt.Key.Key_Tab)
    rich.insertPlainText("新增")
    lines = window.editor.body_markdown().splitlines()
    assert lines[-3].replace(" ", "") == "|新增||||"
    assert lines[-4].startswith("| 119 |")


def test_rows_and_columns_change_across_every_chunk(window, qtbot) -> None:
    """A column is added to (and removed from) every chunk; a row goes in the chunk it is in."""
    markdown = roster(120)
    open_body(window, qtbot, markdown)
    rich = window.editor.rich
    assert rich.horizontalScrollBar().maximum() == 0
    third = tables(window)[2]
    put_cursor(window, third, 3, 1)
    rich.insert_table_column()
    widths = {
        tuple(round(w.rawValue(), 3) for w in t.format().columnWidthConstraints())
        for t in tables(window)
    }
    assert len(widths) == 1 and len(next(iter(widths))) == 5  # every chunk, same widths
    rows = [line for line in window.editor.body_markdown().splitlines() if line.startswith("|")]
    assert len(rows) == 122 and all(line.count("|") == 6 for line in rows)
    assert rich.horizontalScrollBar().maximum() == 0  # the chunks fit the editor's width
    rich.remove_table_column()
    assert window.editor.body_markdown() == markdown

    third = tables(window)[2]
    put_cursor(window, third, 3, 1)
    rich.insert_table_row()
    put_cursor(window, third, 4, 1)  # into the new row
    lines = window.editor.body_markdown().splitlines()
    at = lines.index(next(line for line in lines if line.startswith("| 0 |")))
    body_row = 2 * (rows_per_chunk(4)) - 1 + 3  # the third chunk's fourth row
    assert lines[at + body_row].startswith(f"| {body_row} |")
    assert lines[at + body_row + 1].replace(" ", "") == "|||||"
    rich.remove_table_row()
    assert window.editor.body_markdown() == markdown
    rich.undo()
    rich.undo()
    rich.undo()
    rich.undo()
    assert window.editor.body_markdown() == markdown


def test_proofreading_finds_and_fixes_a_problem_in_a_later_chunk(window, qtbot) -> None:
    """A half-width comma in row 1,500: listed, underlined in its cell, fixed in place."""
    markdown = roster(1600, {1500: "王某,李某"})
    open_body(window, qtbot, markdown)
    window.proofreading.check_now()
    qtbot.waitUntil(window.is_settled, timeout=120_000)
    found = [p for p in window.proofreading.panel.problems() if p.text == ","]
    assert found and found[0].kind is ProblemKind.HALF_WIDTH_PUNCTUATION
    places = [
        (index, row)
        for index, table in enumerate(tables(window))
        for row in range(table.rows())
        if "王某" in table.cellAt(row, 2).firstCursorPosition().block().text()
    ]
    assert len(places) == 1 and places[0][0] > 10  # far into the table, in a later chunk
    index, row = places[0]
    block = tables(window)[index].cellAt(row, 2).firstCursorPosition().block()
    highlighter = window.proofreading.rich_highlighter
    assert [p.text for p in highlighter.problems_in_block(block)] == [","]

    assert window.proofreading.fix(found[0])
    qtbot.waitUntil(window.is_settled, timeout=120_000)
    assert window.editor.body_markdown() == markdown.replace("王某,李某", "王某，李某")


def test_copying_a_whole_chunked_table_gives_one_table(window, qtbot) -> None:
    """Select all and copy: one table in the Markdown and the HTML; pasting it back is exact."""
    markdown = roster(150)
    open_body(window, qtbot, markdown)
    rich = window.editor.rich
    rich.selectAll()
    mime = rich.createMimeDataFromSelection()
    assert bytes(mime.data("text/markdown").data()).decode("utf-8") == markdown
    assert len(re.findall(r"<table", mime.html())) == 1
    assert mime.html().count("<tr") == 151

    open_body(window, qtbot, "")
    with qtbot.waitSignal(rich.pasteFinished, timeout=120_000):
        rich.insertFromMimeData(mime)
    qtbot.waitUntil(window.is_settled, timeout=120_000)
    assert window.editor.body_markdown() == markdown
    assert len(tables(window)) > 1


def test_tab_past_a_full_chunk_starts_a_new_one(window, qtbot) -> None:
    """A table typed row by row with Tab grows by chunks, and saves as one table."""
    full = rows_per_chunk(4) - 1  # body rows that fill one QTextTable with its header
    markdown = roster(full)
    open_body(window, qtbot, markdown)
    rich = window.editor.rich
    (table,) = tables(window)
    put_cursor(window, table, table.rows() - 1, 3)
    QTest.keyClick(rich, Qt.Key.Key_Tab)
    rich.insertPlainText("续一")
    chunks = tables(window)
    assert len(chunks) == 2 and is_continuation(chunks[1]) and chunks[1].rows() == 1
    shares = [[round(w.rawValue(), 3) for w in t.format().columnWidthConstraints()] for t in chunks]
    assert shares[0] == shares[1] and len(shares[0]) == 4
    body = window.editor.body_markdown()
    assert body == markdown.replace("\n\n以上名单", "\n| 续一 |  |  |  |\n\n以上名单")
    assert body == document_to_markdown(rich.document())
    rich.undo()
    rich.undo()
    assert window.editor.body_markdown() == markdown and len(tables(window)) == 1


def test_a_long_merged_table_is_never_split_inside_a_merged_cell(window, qtbot) -> None:
    """Groups of 分会 merged over their rows: chunks end between groups, the HTML is exact."""
    rows = []
    for group in range(30):
        for member in range(7):
            head = f'<td rowspan="7">第{group + 1}分会</td>' if member == 0 else ""
            rows.append(f"<tr>{head}<td>职工{group * 7 + member}号</td></tr>\n")
    markdown = "<table>\n<tr><th>分会</th><th>姓名</th></tr>\n" + "".join(rows) + "</table>\n"
    open_body(window, qtbot, markdown)
    chunks = tables(window)
    assert len(chunks) > 1
    for table in chunks:
        for row in range(table.rows()):
            cell = table.cellAt(row, 0)
            assert cell.row() + cell.rowSpan() <= table.rows()  # within its own chunk
    assert window.editor.body_markdown() == markdown
    assert document_to_markdown(window.editor.rich.document()) == markdown


def test_a_long_table_gets_the_same_columns_whether_sized_in_the_background_or_here(qtbot) -> None:
    """The widths worked out with the paste's reading are those the chunks get otherwise."""
    from PySide6.QtGui import QTextCursor, QTextDocument

    from desktop.body.dialect import markdown_to_blocks
    from desktop.gui.editor.markdown_document import (
        document_blocks,
        insert_blocks_in_steps,
        prepare_blocks,
    )
    from desktop.gui.editor.table_chunks import chain_shares, whole_chain

    blocks = markdown_to_blocks(roster(300, {7: "工会主席兼组织部部长"}))
    documents = []
    for given in (blocks, prepare_blocks(blocks)):
        document = QTextDocument()
        for _ in insert_blocks_in_steps(QTextCursor(document), given, fresh_block=True):
            pass
        documents.append(document)
    assert document_blocks(documents[0]) == document_blocks(documents[1])
    shares = []
    for document in documents:
        first = next(f for f in document.rootFrame().childFrames() if isinstance(f, QTextTable))
        chain = whole_chain(document, first)
        assert len(chain) > 1
        shares.append([chain_shares([chunk]) for chunk in chain])
    assert shares[0] == shares[1]
    assert shares[0][0] is not None and shares[0][0][2] > shares[0][0][0]  # the long name


def test_a_2000_row_table_is_counted_rendered_and_checked_beside_the_window(window, qtbot) -> None:
    """Its paragraphs are counted right, its page and its check come from worker processes."""
    pages = window.preview.page_process
    open_body(window, qtbot, roster(2000))
    assert pages.rendered >= 1
    assert window.proofreading.check_process.checked >= 1
    # 4 header cells, 2,000 rows of 4 cells and the two paragraphs around the table.
    assert window.proofreading.statistics.paragraphs.text() == str(4 + 2000 * 4 + 2)


def test_the_read_ahead_picks_up_an_edit_made_while_it_was_under_way(qtbot) -> None:
    """Read ahead a step at a time, edited in a later chunk half-way: the Markdown is the
    whole table's as converted afresh, with the edit."""
    from PySide6.QtGui import QTextCursor, QTextDocument

    from desktop.body.dialect import markdown_to_blocks
    from desktop.gui.editor.markdown_document import DocumentReader, insert_blocks

    document = QTextDocument()
    document.documentLayout()  # as in the editor: without a layout Qt reports no change
    insert_blocks(QTextCursor(document), markdown_to_blocks(roster(400)), fresh_block=True)
    reader = DocumentReader(document)
    assert not reader.read_ahead(60)
    assert not reader.read_ahead(60)
    chunks = [f for f in document.rootFrame().childFrames() if isinstance(f, QTextTable)]
    later, earlier = chunks[-2], chunks[1]
    for chunk, text in ((later, "（已调出）"), (earlier, "（新会员）")):
        cursor = chunk.cellAt(1, 2).lastCursorPosition()
        cursor.insertText(text)
    steps = 0
    while not reader.read_ahead(60):
        steps += 1
        assert steps < 1000
    markdown = reader.markdown()
    assert markdown == document_to_markdown(document)
    assert "（已调出）" in markdown and "（新会员）" in markdown
    assert reader.conversions == 1


def test_an_editor_closed_during_a_paste_turns_the_collector_back_on(qtbot) -> None:
    """The collector is held off only while a paste goes in, even if the editor goes first."""
    import shiboken6

    from desktop.gui.editor.rich_editor import RichTextEditor

    editor = RichTextEditor()
    mime = QMimeData()
    mime.setHtml(table_html(2000))
    editor.insertFromMimeData(mime)
    assert editor.is_pasting() and not gc.isenabled()
    process = editor.paste_process
    shiboken6.delete(editor)
    assert gc.isenabled()
    assert process.pid is None  # its reader stopped too
