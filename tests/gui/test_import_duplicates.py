"""Importing a file twice in the window asks through the Dialogs seam: skip, update or keep."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QSettings

from desktop.gui.dialogs import Dialogs
from desktop.gui.main_window import MainWindow
from desktop.importing.duplicates import DuplicatePolicy
from desktop.store import Store
from tests.gui.conftest import dispose

NOTICE = "---\ntitle: 关于举办书法作品展的通知\ncolumn: 通知公告\n---\n\n{body}\n"


@pytest.fixture
def window(qtbot, store: Store, tmp_path: Path) -> Iterator[MainWindow]:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    shown = MainWindow(store, settings)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    yield shown
    if shiboken6.isValid(shown.session):
        shown.session.forget_changes()
    dispose(qtbot, shown)


def import_and_wait(qtbot, window: MainWindow, path: Path, reports: list) -> None:
    count = len(reports)
    window.import_paths([str(path)])
    qtbot.waitUntil(lambda: len(reports) > count, timeout=30_000)


@pytest.mark.parametrize(
    ("answer", "articles", "body"),
    [
        (DuplicatePolicy.SKIP, 1, "展期一周。"),
        (DuplicatePolicy.UPDATE, 1, "展期两周。"),
        (DuplicatePolicy.KEEP, 2, "展期两周。"),
    ],
)
def test_a_file_imported_again_is_asked_about(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch, answer, articles, body
) -> None:
    reports: list = []
    asked: list = []
    monkeypatch.setattr(
        Dialogs, "show_import_report", classmethod(lambda c, p, r: reports.append(r))
    )
    monkeypatch.setattr(
        Dialogs,
        "ask_duplicate_import",
        classmethod(lambda c, p, duplicate: asked.append(duplicate) or answer),
    )
    notice = tmp_path / "书法展通知.md"
    notice.write_text(NOTICE.format(body="展期一周。"), "utf-8")
    import_and_wait(qtbot, window, notice, reports)
    assert not asked and window.store.count_articles() == 1
    notice.write_text(NOTICE.format(body="展期两周。"), "utf-8")  # the office sent a correction
    import_and_wait(qtbot, window, notice, reports)
    assert len(asked) == 1 and "new version of article #1" in asked[0].describe()
    assert window.store.count_articles() == articles
    newest = window.store.get_article(articles)
    assert body in newest.body
    assert window.list_pane.model.rowCount() == articles
    if answer is DuplicatePolicy.SKIP:
        assert "skipped" in reports[-1].failed[0].error
