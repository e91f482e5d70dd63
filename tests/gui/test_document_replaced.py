"""A new article after a long one: the editor shows a new document and lets go of the old one.

Clearing the document of a 2,000-row table stopped the window for 150-200 ms, so the editor
shows the next body in a new document and the old one is deleted off the window's thread
(``desktop/gui/editor/document_disposal.py``). These tests check what a user would notice:
the new article holds nothing of the old one, its undo history is its own, and typing,
saving, underlines, the problems panel and the preview follow the new document. No clock
here (tests/perf/bench_window.py measures the stalls).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtGui import QTextBlockUserData, QTextCursor, QTextDocument
from PySide6.QtTest import QTest

from desktop.article import Article
from desktop.demo import open_store
from desktop.gui.editor.document_disposal import DocumentDisposal
from desktop.gui.editor.rich_editor import FRESH_DOCUMENT_BLOCKS, RichTextEditor
from desktop.gui.main_window import MainWindow
from desktop.store import Store
from tests.gui.conftest import shown_window
from tests.gui.test_long_tables import roster
from tests.gui.test_main_window import page_text

#: A sentence with a half-width comma between Chinese words: the typography check finds it.
COMMA_TEXT = "会议要求各级工会,抓好职工技能培训。"


@pytest.fixture
def window(qtbot, db_path: Path, tmp_path: Path) -> Iterator[MainWindow]:
    store: Store = open_store(db_path, demo_if_new=True)
    with shown_window(qtbot, store, tmp_path) as opened:
        yield opened
    store.close()


def open_roster(window: MainWindow, qtbot, rows: int) -> int:
    """Open a stored article holding a long table; return its id once the window settled."""
    stored = window.store.add_article(Article(title="全市工会会员名册", body=roster(rows)))
    assert stored.id is not None
    window.list_pane.model.refresh()
    assert window.open_article(stored.id)
    qtbot.waitUntil(window.is_settled, timeout=120_000)
    return stored.id


def test_a_new_article_after_a_long_table_is_edited_in_a_document_of_its_own(window, qtbot) -> None:
    """The table's document goes (deleted on another thread); the new article's text, undo
    history, save, underlines, panel and preview are the new document's alone."""
    open_roster(window, qtbot, 400)
    rich = window.editor.rich
    old = rich.document()
    assert old.blockCount() > FRESH_DOCUMENT_BLOCKS
    old_highlighter = window.proofreading.rich_highlighter
    deleted_on: list[int] = []
    old.destroyed.connect(lambda *_: deleted_on.append(threading.get_ident()))

    window.new_article()
    qtbot.waitUntil(window.is_settled, timeout=60_000)
    qtbot.waitUntil(lambda: rich.disposal.pending() == 0, timeout=60_000)

    assert rich.document() is not old
    assert deleted_on and deleted_on[0] != threading.get_ident()  # not on the window's thread
    assert not shiboken6.isValid(old)
    assert rich.toPlainText() == "" and window.editor.body_markdown() == ""
    assert not rich.document().isUndoAvailable()

    rich.setFocus()
    cursor = rich.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    rich.setTextCursor(cursor)
    rich.insertPlainText(COMMA_TEXT)
    assert window.session.dirty  # the pane hears the new document's edits
    qtbot.waitUntil(window.is_settled, timeout=60_000)

    # Saved: the stored body is the new text, nothing of the table.
    current = window.session.current
    assert current is not None and current.id is not None
    stored = window.store.get_article(current.id)
    assert stored.body == COMMA_TEXT + "\n"
    assert "职工1号" not in stored.body
    # Underlined in the new document, listed in the panel.
    highlighter = window.proofreading.rich_highlighter
    assert highlighter is not old_highlighter
    assert highlighter.document() is rich.document()
    block = rich.document().firstBlock()
    assert [p.text for p in highlighter.problems_in_block(block)] == [","]
    assert any(p.text == "," for p in window.proofreading.panel.problems())
    # The preview shows the new text.
    text = page_text(window, qtbot)
    assert "会议要求各级工会" in text and "职工1号" not in text

    # Undo takes back the typing, and no further: the table is not in this history.
    rich.undo()
    assert rich.toPlainText() == ""
    assert not rich.document().isUndoAvailable()
    assert "职工" not in window.editor.body_markdown()


def test_typing_while_the_old_document_is_let_go_of_lands_in_the_new_article(window, qtbot) -> None:
    """Keys typed at once after the switch, while the old blocks are still being dropped, go
    into the new article and count as its edit."""
    open_roster(window, qtbot, 400)
    rich = window.editor.rich
    window.new_article()
    assert rich.disposal.pending() == 1  # being let go of, a slice at a time
    rich.setFocus()
    QTest.keyClicks(rich, "abc")
    assert rich.toPlainText() == "abc"
    assert window.session.dirty
    qtbot.waitUntil(lambda: rich.disposal.pending() == 0, timeout=60_000)
    qtbot.waitUntil(window.is_settled, timeout=60_000)
    current = window.session.current
    assert current is not None and current.id is not None
    assert window.store.get_article(current.id).body == "abc\n"


def test_the_long_table_opens_again_whole_after_the_new_article(window, qtbot) -> None:
    """Back to the table from the list: every row is there, and nothing counts as edited."""
    table_id = open_roster(window, qtbot, 400)
    window.new_article()
    qtbot.waitUntil(window.is_settled, timeout=60_000)
    assert window.open_article(table_id)
    qtbot.waitUntil(window.is_settled, timeout=120_000)
    assert window.editor.body_markdown() == roster(400)
    assert not window.session.dirty
    assert not window.editor.rich.document().isUndoAvailable()


def test_a_short_body_keeps_the_document(qtbot) -> None:
    """Only a long document is let go of: a short one is cleared as before."""
    editor = RichTextEditor()
    qtbot.addWidget(editor)
    editor.set_markdown("第一段。\n\n第二段。\n")
    document = editor.document()
    editor.set_markdown("另一篇。\n")
    assert editor.document() is document
    assert editor.disposal.handed_over == 0
    assert editor.markdown() == "另一篇。\n"


class _Kept(QTextBlockUserData):
    """Python data on a block, as the Markdown reader keeps it."""


def test_the_disposal_drops_block_data_in_steps_and_deletes_on_another_thread(qtbot) -> None:
    """Python data on 2,000 blocks goes a slice at a time here; the document itself is
    deleted on a thread of its own, which then ends."""
    disposal = DocumentDisposal()
    document = QTextDocument()
    cursor = QTextCursor(document)
    for number in range(2000):
        cursor.insertText(f"第{number}段")
        cursor.block().setUserData(_Kept())
        cursor.insertBlock()
    deleted_on: list[int] = []
    document.destroyed.connect(lambda *_: deleted_on.append(threading.get_ident()))

    disposal.dispose(document)
    assert disposal.pending() == 1 and shiboken6.isValid(document)
    qtbot.waitUntil(lambda: disposal.pending() == 0, timeout=30_000)
    assert disposal.steps > 1  # not in one go
    assert deleted_on and deleted_on[0] != threading.get_ident()
    disposal.close()


def test_closing_the_disposal_deletes_what_it_still_holds(qtbot) -> None:
    """A document handed over just before the window closes is deleted all the same."""
    disposal = DocumentDisposal()
    document = QTextDocument()
    QTextCursor(document).insertText("段落\n" * 3000)
    disposal.dispose(document)
    disposal.close()
    assert not shiboken6.isValid(document)
    assert disposal.pending() == 0
