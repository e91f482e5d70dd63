"""Tools → Site self-check… and Tools → Check links… through the real main window."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QTableWidget

from desktop.article import Article, Status
from desktop.demo import open_store
from desktop.gui.dialogs import Dialogs
from desktop.gui.i18n import install_translators, remove_translators
from desktop.gui.main_window import MainWindow
from desktop.gui.selfcheck_dialog import ColumnWindowsDialog
from desktop.proofread.selfcheck import FindingKind
from desktop.proofread.selfcheck_store import column_windows, last_link_results
from desktop.store import Store
from tests.gui.conftest import dispose
from tests.gui.test_i18n import assert_no_english, shown_texts
from tests.proofread.linkserver import LinkServer, link_server

COPY_TITLE = "县总工会召开十届五次全委（扩大）会议"


@pytest.fixture
def server(tmp_path: Path) -> Iterator[LinkServer]:
    with link_server(tmp_path) as running:
        yield running


@pytest.fixture
def chinese(qapp: QApplication) -> Iterator[None]:
    translators = install_translators(qapp, "zh_CN")
    try:
        yield
    finally:
        remove_translators(qapp, translators)


@pytest.fixture
def window(qtbot, db_path: Path, tmp_path: Path, server: LinkServer) -> Iterator[MainWindow]:
    """The window on the demo site plus a copied report and an article with a dead link."""
    store: Store = open_store(db_path, demo_if_new=True)
    original = store.get_article(1)
    body = original.body.replace("澜江", "青石").replace("周明远", "李文华")
    store.add_article(
        Article(
            title=COPY_TITLE,
            column=original.column,
            body=body,
            status=Status.APPROVED,
            published_at=dt.datetime.now() - dt.timedelta(days=1),
        )
    )
    store.add_article(
        Article(
            title="职工书屋推荐书目",
            column="工会动态",
            body=f"书目见[市图书馆]({server.url('/missing')})和[职工之家]({server.url('/ok')})。",
            status=Status.PUBLISHED,
            published_at=dt.datetime.now() - dt.timedelta(days=2),
        )
    )
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    main = MainWindow(store, settings)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    qtbot.waitUntil(lambda: main.session.current is not None)
    try:
        yield main
    finally:
        main.session.forget_changes()
        dispose(qtbot, main)
        store.close()


def double_click_row(table: QTableWidget, row: int) -> None:
    """Double-click a row as a person would."""
    item = table.item(row, 1)
    assert item is not None
    table.scrollToItem(item)
    centre = QPoint(table.visualItemRect(item).center())
    QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    QTest.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=centre)


def row_of(table: QTableWidget, text: str) -> int:
    for row in range(table.rowCount()):
        cells = [table.item(row, c).text() for c in range(table.columnCount())]  # type: ignore[union-attr]
        if any(text in cell for cell in cells):
            return row
    raise AssertionError(f"no row with {text!r}")


def test_the_self_check_lists_findings_and_opens_their_article(
    window: MainWindow, qtbot, chinese: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.selfcheck_action.trigger()
    dialog = window.self_check
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=60_000)
    summary = [dialog.summary.item(r, 0).text() for r in range(dialog.summary.rowCount())]  # type: ignore[union-attr]
    assert "疑似重复内容" in summary and "栏目更新不及时" in summary
    row = row_of(dialog.table, COPY_TITLE)
    assert dialog.table.item(row, 0).text() == "疑似重复内容"  # type: ignore[union-attr]
    assert "与第1号文章" in dialog.table.item(row, 3).text()  # type: ignore[union-attr]
    grab = tmp_path / "selfcheck-zh_CN.png"
    assert dialog.grab().save(str(grab))
    double_click_row(dialog.table, row)
    qtbot.waitUntil(lambda: window.session.current is not None and window.current_id() != 1)
    current = window.session.current
    assert current is not None and current.title == COPY_TITLE
    assert window.editor.form.title_edit.text() == COPY_TITLE

    saved = tmp_path / "报告.html"
    monkeypatch.setattr(Dialogs, "choose_report_path", classmethod(lambda cls, p, s: saved))
    dialog.save_button.click()
    page = saved.read_text(encoding="utf-8")
    assert "网站自查报告" in page and COPY_TITLE in page and "<script" not in page


def test_checking_links_lists_the_dead_one_and_opens_its_article(
    window: MainWindow, qtbot, server: LinkServer
) -> None:
    window.links_action.trigger()
    dialog = window.link_check
    assert dialog is not None
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: not dialog.is_running(), timeout=60_000)
    assert dialog.table.rowCount() == 1  # the live link is not listed
    assert dialog.table.item(0, 2).text() == server.url("/missing")  # type: ignore[union-attr]
    assert dialog.table.item(0, 1).text() == "404"  # type: ignore[union-attr]
    assert "2 address(es) checked: 1 dead." in dialog.status_label.text()
    assert [r.result.url for r in last_link_results(window.store, dead_only=True)] == [
        server.url("/missing")
    ]
    double_click_row(dialog.table, 0)
    qtbot.waitUntil(
        lambda: (
            window.session.current is not None
            and window.session.current.title == "职工书屋推荐书目"
        )
    )
    # The self-check now reports it from the stored result, without going on the network.
    requests = len(server.requests)
    window.selfcheck_action.trigger()
    report_dialog = window.self_check
    assert report_dialog is not None
    qtbot.waitUntil(lambda: report_dialog.report is not None, timeout=60_000)
    assert report_dialog.report is not None
    dead = report_dialog.report.of_kind(report_dialog.report.findings[0].kind.DEAD_LINK)
    assert [f.data["url"] for f in dead] == [server.url("/missing")]
    assert len(server.requests) == requests


def test_cancelling_the_link_check_stops_it(window: MainWindow, qtbot, server: LinkServer) -> None:
    window.links_action.trigger()
    dialog = window.link_check
    assert dialog is not None
    dialog.cancel_button.click()
    qtbot.waitUntil(lambda: not dialog.is_running(), timeout=30_000)
    assert not dialog.cancel_button.isEnabled()


def test_a_columns_window_is_changed_from_the_self_check(
    window: MainWindow, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.selfcheck_action.trigger()
    dialog = window.self_check
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=60_000)
    assert dialog.report is not None
    stale = {f.column for f in dialog.report.of_kind(FindingKind.STALE_COLUMN)}
    assert "劳模风采" in stale
    first = dialog.report

    def edit(cls, parent, store):  # what a person does in the window, without its event loop
        editor = ColumnWindowsDialog(store, parent)
        qtbot.addWidget(editor)
        row = next(i for i, c in enumerate(editor.columns) if c.name == "劳模风采")
        assert editor.spins[row].value() == 0 and "14" in editor.spins[row].text()
        editor.spins[row].setValue(400)
        editor.accept()
        return True

    monkeypatch.setattr(Dialogs, "edit_column_windows", classmethod(edit))
    dialog.windows_button.click()
    qtbot.waitUntil(
        lambda: dialog.report is not first and dialog.report is not None, timeout=60_000
    )
    assert dialog.report is not None
    stale = {f.column for f in dialog.report.of_kind(FindingKind.STALE_COLUMN)}
    assert "劳模风采" not in stale and "职工维权" in stale
    column = next(c for c in window.store.columns() if c.name == "劳模风采")
    assert column_windows(window.store) == {column.id: 400}


def test_the_checks_speak_chinese(window: MainWindow, qtbot, chinese: None) -> None:
    window.selfcheck_action.trigger()
    report = window.self_check
    assert report is not None
    qtbot.waitUntil(lambda: report.report is not None, timeout=60_000)
    window.links_action.trigger()
    links = window.link_check
    assert links is not None
    qtbot.waitUntil(lambda: not links.is_running(), timeout=60_000)
    windows = ColumnWindowsDialog(window.store, window)
    qtbot.addWidget(windows)
    for dialog, where in ((report, "self-check"), (links, "link check"), (windows, "windows")):
        texts = shown_texts(dialog)
        assert_no_english(texts, where)
    assert report.windowTitle() == "网站自查" and links.windowTitle() == "检查链接"
    assert "共检查 2 个网址：1 个无法访问。" in links.status_label.text()
    assert windows.spins[0].text() == "默认（14天）"
    assert report.table.item(0, 3).text().startswith("栏目“")  # type: ignore[union-attr]


def test_the_self_check_shows_progress_and_can_be_cancelled(window: MainWindow, qtbot) -> None:
    window.selfcheck_action.trigger()
    dialog = window.self_check
    assert dialog is not None and dialog.job is not None
    steps: list[tuple[int, int]] = []
    # Reports reach the GUI thread as queued events: connecting now misses none.
    dialog.job.progressed.connect(lambda done, total, _detail: steps.append((done, total)))
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=60_000)
    assert dialog.report is not None
    assert steps == [(n, dialog.report.articles) for n in range(dialog.report.articles)]

    window.selfcheck_action.trigger()  # again, and stopped at once
    again = window.self_check
    assert again is not None and again is not dialog
    again.cancel_button.click()
    qtbot.waitUntil(lambda: not again.is_running(), timeout=60_000)
    assert again.report is None and again.status_label.text() == "Cancelled."
    assert not again.save_button.isEnabled() and not again.cancel_button.isEnabled()
