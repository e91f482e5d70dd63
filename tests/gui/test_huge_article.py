"""A huge article in the real window: what each edit costs the GUI thread, and that it is right.

No test here looks at a clock (tests/perf/bench_window.py measures the stalls); they count the
work done on the GUI thread after an edit and check that conversion, paste and proofreading
give what the whole-document code gives.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QSettings
from PySide6.QtGui import QTextCursor

from desktop.article import Article
from desktop.config import PreviewTiming, SaveTiming
from desktop.demo import open_store
from desktop.gui import main_window as main_window_module
from desktop.gui.editor.markdown_document import document_to_markdown
from desktop.gui.main_window import MainWindow
from desktop.proofread import ProblemKind
from desktop.proofread import process as check_process_module
from desktop.store import Store
from tests.gui.conftest import dispose, shown_window
from tests.perf.corpus import body
from tests.perf.stall_scenario import word_html

#: A paragraph with a half-width comma inside Chinese text: the typography check finds it.
COMMA_PARAGRAPH = "全市各级工会组织职工参赛,突破300人。"


@pytest.fixture
def window(qtbot, db_path: Path, tmp_path: Path) -> Iterator[MainWindow]:
    store: Store = open_store(db_path, demo_if_new=True)
    with shown_window(qtbot, store, tmp_path) as opened:
        yield opened
    store.close()


def open_body(window: MainWindow, qtbot, markdown: str) -> None:
    """Open a new article holding ``markdown`` and wait until the window has settled."""
    stored = window.store.add_article(Article(title="全市工会工作年度总结", body=markdown))
    assert stored.id is not None
    window.list_pane.model.refresh()
    assert window.open_article(stored.id)
    qtbot.waitUntil(window.is_settled, timeout=120_000)


def type_at_end(window: MainWindow, text: str) -> None:
    rich = window.editor.rich
    cursor = rich.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    rich.setTextCursor(cursor)
    rich.insertPlainText(text)


def test_an_edit_in_a_long_article_reads_only_the_block_typed_in(window, qtbot) -> None:
    """After one keystroke the preview, autosave and check read one block of 100,000 chars."""
    markdown = body(random.Random(11), 100_000)
    open_body(window, qtbot, markdown)
    reader = window.editor.rich.reader
    assert window.edited_article().body == markdown  # type: ignore[union-attr]
    read_before, converted_before = reader.blocks_read, reader.conversions

    type_at_end(window, "字")
    qtbot.waitUntil(window.is_settled, timeout=60_000)

    assert reader.blocks_read - read_before <= 2  # the block typed in, not the document
    saved = window.store.get_article(window.current_id())  # type: ignore[arg-type]
    assert saved.body == markdown[:-1] + "字\n"
    # What was saved is what reading the whole document again gives.
    assert saved.body == document_to_markdown(window.editor.rich.document())
    # The preview, the autosave and the panel's check shared one conversion.
    assert reader.conversions - converted_before == 1


def test_typing_in_a_long_table_reads_only_its_row(window, qtbot) -> None:
    """A keystroke in a cell re-reads that row of the table, and the Markdown stays exact."""
    rows = "\n".join(
        f"| {i} | 第{i % 37 + 1}分会 | 职工{i}号 | {i % 90 + 10}场 |" for i in range(600)
    )
    markdown = "| 序号 | 分会 | 姓名 | 活动 |\n| --- | --- | --- | --- |\n" + rows + "\n"
    open_body(window, qtbot, markdown)
    reader = window.editor.rich.reader
    assert window.edited_article().body == markdown  # type: ignore[union-attr]
    read_before = reader.blocks_read

    rich = window.editor.rich
    cursor = rich.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    cursor.movePosition(QTextCursor.MoveOperation.PreviousBlock)  # into the last cell
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
    rich.setTextCursor(cursor)
    rich.insertPlainText("号")
    qtbot.waitUntil(window.is_settled, timeout=60_000)

    assert reader.blocks_read - read_before <= 4  # one row of four cells
    body_now = window.edited_article().body  # type: ignore[union-attr]
    assert body_now.endswith("| 599 | 第8分会 | 职工599号 | 69场号 |\n")
    assert body_now == document_to_markdown(rich.document())


def test_a_huge_paste_is_cleaned_off_the_gui_thread_and_undone_in_one_step(
    window, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """5 MB from Word: read in its own process, inserted in steps, one Ctrl+Z removes it."""
    open_body(window, qtbot, "")
    html, _chars = word_html(40_000)
    html = html.replace("</body>", f"<p>{COMMA_PARAGRAPH}</p></body>")
    rich = window.editor.rich
    mime = QMimeData()
    mime.setHtml(html)
    with qtbot.waitSignal(rich.pasteFinished, timeout=120_000):
        rich.insertFromMimeData(mime)
        assert rich.is_pasting() and rich.isReadOnly()  # nothing typed lands in the paste
    qtbot.waitUntil(window.is_settled, timeout=120_000)

    assert window.editor.rich.paste_process.read == 1  # not on the window's thread at all
    assert rich.paste_step_count > 2  # inserted a step at a time
    pasted = window.edited_article().body  # type: ignore[union-attr]
    assert pasted.startswith("**二是") and pasted.endswith(COMMA_PARAGRAPH + "\n")
    assert pasted == document_to_markdown(rich.document())
    assert pasted == window.store.get_article(window.current_id()).body  # type: ignore[arg-type]
    # The underlines and the panel found the comma at the very end of the paste.
    last = rich.document().lastBlock()
    assert [p.text for p in window.proofreading.rich_highlighter.problems_in_block(last)] == [","]
    found = [p for p in window.proofreading.panel.problems() if p.text == ","]
    assert found and found[0].kind is ProblemKind.HALF_WIDTH_PUNCTUATION

    rich.undo()
    assert window.editor.body_markdown() == ""


def test_the_panel_check_runs_off_the_gui_thread_once_at_a_time_dropping_stale_results(
    window, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An edit during a check drops its result; the newer text is checked next, never two."""
    release = threading.Event()
    running: list[int] = []
    most = [0]
    threads: list[threading.Thread] = []
    real_check: Callable = check_process_module.check_article

    def slow_check(article, settings):
        threads.append(threading.current_thread())
        running.append(1)
        most[0] = max(most[0], len(running))
        release.wait(30)
        try:
            return real_check(article, settings)
        finally:
            running.pop()

    open_body(window, qtbot, "会议要求各级工会再接再厉。\n")
    proofreading = window.proofreading
    monkeypatch.setattr(check_process_module, "check_article", slow_check)
    started, dropped = proofreading.checks_started, proofreading.checks_dropped

    proofreading.check_now()  # held on the worker until released
    type_at_end(window, COMMA_PARAGRAPH)
    proofreading.check_now()
    proofreading.check_now()  # asked again while one runs: it waits
    assert proofreading.checks_started == started + 1
    release.set()
    qtbot.waitUntil(window.is_settled, timeout=60_000)

    assert proofreading.checks_dropped == dropped + 1
    assert proofreading.checks_started == started + 2
    assert most[0] == 1 and threading.main_thread() not in threads
    assert [p.text for p in proofreading.panel.problems() if p.text == ","] == [","]


def test_a_long_new_text_is_underlined_a_slice_at_a_time(window, qtbot) -> None:
    """Opening a long article underlines it between events, and every problem ends up marked."""
    paragraphs = [f"（{i}）会议要求,各级工会要进一步健全服务体系。" for i in range(2000)]
    open_body(window, qtbot, "\n\n".join(paragraphs) + "\n")
    highlighter = window.proofreading.rich_highlighter
    assert highlighter.deferred_blocks > 0  # not all checked in the event that loaded it
    document = window.editor.rich.document()
    block = document.begin()
    underlined = 0
    while block.isValid():
        layout = block.layout()
        underlined += any(f.format.underlineStyle().value for f in layout.formats())
        block = block.next()
    assert underlined == len(paragraphs)


class RecordedWrites:
    """The store's saves as they happened: on which thread, and how many at once."""

    def __init__(self, store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
        self.threads: list[threading.Thread] = []
        self.bodies: list[str] = []
        self.most_at_once = 0
        self.hold = threading.Event()
        self.hold.set()
        self._running = 0
        self._lock = threading.Lock()
        real_save = store.save_article

        def recording_save(article, *args, **kwargs):
            with self._lock:
                self._running += 1
                self.most_at_once = max(self.most_at_once, self._running)
            self.threads.append(threading.current_thread())
            self.bodies.append(article.body)
            try:
                self.hold.wait(60)
                return real_save(article, *args, **kwargs)
            finally:
                with self._lock:
                    self._running -= 1

        monkeypatch.setattr(store, "save_article", recording_save)


def test_a_long_article_is_written_beside_the_window_one_save_at_a_time(
    window, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Autosaves and Ctrl+S of 300,000 characters write on a worker, never two at once."""
    markdown = body(random.Random(12), 300_000)
    open_body(window, qtbot, markdown)
    window.session.set_timing(SaveTiming(pause_ms=30, max_wait_ms=200))
    writes = RecordedWrites(window.store, monkeypatch)
    for word in ("全", "市", "工", "会"):
        type_at_end(window, word)
        window.save_action.trigger()  # while the previous write may still run
        qtbot.wait(40)
    qtbot.waitUntil(window.is_settled, timeout=120_000)

    assert writes.threads and threading.main_thread() not in writes.threads
    assert writes.most_at_once == 1
    expected = markdown[:-1] + "全市工会\n"
    stored = window.store.get_article(window.current_id())  # type: ignore[arg-type]
    assert stored.body == expected == window.editor.body_markdown()
    assert not window.session.dirty and not window.isWindowModified()
    # Every write was based on the version the one before it made: no conflict was raised.
    assert stored.version == window.session.current.version  # type: ignore[union-attr]


def test_text_typed_during_a_long_save_is_saved_by_the_next_one(
    window, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The write takes a copy: what is typed meanwhile stays unsaved, then is written too."""
    markdown = body(random.Random(13), 60_000)
    open_body(window, qtbot, markdown)
    window.session.set_timing(SaveTiming(pause_ms=30, max_wait_ms=200))
    writes = RecordedWrites(window.store, monkeypatch)
    writes.hold.clear()  # the first write waits on the worker
    type_at_end(window, "一")
    # Until the write has reached the store on the worker (queued is not yet writing).
    qtbot.waitUntil(lambda: window.session.is_saving() and bool(writes.bodies), timeout=10_000)
    type_at_end(window, "二")  # typed while the first write runs
    window.save_action.trigger()  # asked for meanwhile: it waits for the first
    assert writes.most_at_once == 1 and len(writes.bodies) == 1
    writes.hold.set()
    qtbot.waitUntil(
        lambda: not window.session.is_saving() and len(writes.bodies) >= 2, timeout=60_000
    )
    qtbot.waitUntil(window.is_settled, timeout=60_000)

    assert writes.bodies[0].endswith("一\n") and writes.bodies[-1].endswith("一二\n")
    stored = window.store.get_article(window.current_id())  # type: ignore[arg-type]
    assert stored.body == markdown[:-1] + "一二\n" and not window.session.dirty


def test_opening_another_article_waits_for_the_long_save(
    window, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Switching articles while a long text is written loses nothing and raises no conflict."""
    markdown = body(random.Random(14), 60_000)
    open_body(window, qtbot, markdown)
    first = window.current_id()
    other = window.store.add_article(Article(title="另一篇稿件", body="另一篇的正文。\n"))
    window.session.set_timing(SaveTiming(pause_ms=30, max_wait_ms=200))
    writes = RecordedWrites(window.store, monkeypatch)
    writes.hold.clear()
    type_at_end(window, "尾")
    qtbot.waitUntil(window.session.is_saving, timeout=10_000)
    threading.Timer(0.3, writes.hold.set).start()  # the write ends while the window waits
    assert other.id is not None and window.open_article(other.id)

    assert window.current_id() == other.id and not window.session.is_saving()
    assert window.store.get_article(first).body == markdown[:-1] + "尾\n"  # type: ignore[arg-type]
    assert window.editor.body_markdown() == "另一篇的正文。\n"


def test_after_a_slow_page_the_preview_rests_before_the_next(
    qtbot, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Typing on after a page that was slow to show waits a rest, then shows every keystroke."""
    monkeypatch.setattr(main_window_module, "PreviewTiming", lambda: PreviewTiming(rest_after_ms=0))
    store: Store = open_store(db_path, demo_if_new=True)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    opened = MainWindow(store, settings)  # deleted by dispose below, not by qtbot
    opened.show()
    qtbot.waitUntil(lambda: opened.session.current is not None)
    try:
        open_body(opened, qtbot, "会议要求各级工会再接再厉。\n")
        requested: list[str] = []
        real_show = opened.preview.show_article

        def show_article(article, site, columns):
            requested.append(article.body)
            return real_show(article, site, columns)

        monkeypatch.setattr(opened.preview, "show_article", show_article)
        type_at_end(opened, "一")
        qtbot.waitUntil(lambda: len(requested) == 1, timeout=10_000)
        type_at_end(opened, "二")  # while that page is on its way
        with qtbot.waitSignal(opened.preview.rendered, timeout=30_000):
            pass
        # The page is shown and the newer text waits out the rest instead of rendering at once.
        assert len(requested) == 1 and not opened.preview.is_updating()
        assert not opened.is_settled()
        qtbot.waitUntil(opened.is_settled, timeout=60_000)
        assert requested[-1].endswith("再接再厉。一二\n") and len(requested) == 2
    finally:
        opened.session.forget_changes()
        dispose(qtbot, opened)
        store.close()


def test_a_long_article_page_is_rendered_in_its_own_process(window, qtbot) -> None:
    """The page of 120,000 characters is rendered by the worker process, a short one here."""
    pages = window.preview.page_process
    open_body(window, qtbot, "会议要求各级工会再接再厉。\n")
    assert pages.rendered == 0
    markdown = body(random.Random(15), 120_000)
    open_body(window, qtbot, markdown)
    type_at_end(window, "终")
    qtbot.waitUntil(window.is_settled, timeout=120_000)
    assert pages.rendered >= 2  # the article as opened, then as typed in


def test_a_long_article_is_checked_in_its_own_process_and_its_problems_listed(
    window, qtbot
) -> None:
    """The panel's check of 100,000 characters and more runs beside the window's process."""
    proofreading = window.proofreading
    open_body(window, qtbot, body(random.Random(5), 110_000) + "\n" + COMMA_PARAGRAPH + "\n")
    assert proofreading.check_process.checked >= 1
    assert [p.text for p in proofreading.panel.problems() if p.text == ","] == [","]
    before = proofreading.check_process.checked
    type_at_end(window, "再接再厉,继续推进。")
    qtbot.waitUntil(window.is_settled, timeout=120_000)
    assert proofreading.check_process.checked > before
    assert [p.text for p in proofreading.panel.problems() if p.text == ","] == [",", ","]
