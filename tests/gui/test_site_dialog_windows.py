"""Column update windows in the site settings dialog, through the real window and dialog."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit, QScrollArea

from desktop.article import EXPORTABLE
from desktop.demo import open_store
from desktop.gui.dialogs import Dialogs
from desktop.gui.main_window import MainWindow
from desktop.gui.site_dialog import SiteDialog, WindowEditor
from desktop.proofread.selfcheck import FindingKind, column_findings
from desktop.proofread.selfcheck_store import column_windows, set_column_window
from desktop.proofread.update_window import WindowUnit
from tests.gui.conftest import dispose


@pytest.fixture
def window(qtbot, db_path: Path, tmp_path: Path) -> Iterator[MainWindow]:
    store = open_store(db_path, demo_if_new=True)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    shown = MainWindow(store, settings)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitUntil(lambda: shown.session.current is not None, timeout=10_000)
    yield shown
    shown.session.forget_changes()
    dispose(qtbot, shown)
    store.close()


def row_of(dialog: SiteDialog, name: str) -> int:
    return next(
        row
        for row in range(dialog.columns_table.rowCount())
        if (item := dialog.columns_table.item(row, 0)) is not None and item.text() == name
    )


def shown(editor: WindowEditor) -> tuple[int, str]:
    return editor.amount.value(), editor.unit.currentText()


def stale_columns(window: MainWindow) -> set[str]:
    store = window.store
    findings = column_findings(
        store.columns(),
        list(store.iter_articles(EXPORTABLE)),
        column_windows(store),
        dt.datetime.now(),
    )
    return {f.column for f in findings if f.kind is FindingKind.STALE_COLUMN}


def test_the_site_dialog_shows_and_saves_each_columns_update_window(
    window: MainWindow, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    notices = next(c for c in window.store.columns() if "通知" in c.name)
    assert notices.id is not None
    set_column_window(window.store, notices.id, 91)  # set earlier in the self-check window
    assert "劳模风采" in stale_columns(window)
    opened: list[SiteDialog] = []

    def edit(cls, parent, site, columns, windows=None):  # what a person does in the dialog
        dialog = SiteDialog(site, columns, parent, windows)
        qtbot.addWidget(dialog)
        opened.append(dialog)
        news = dialog.window_editor(row_of(dialog, "工会动态"))
        assert shown(news) == (2, "weeks")  # the default of a news column
        assert shown(dialog.window_editor(row_of(dialog, notices.name))) == (3, "months")
        models = dialog.window_editor(row_of(dialog, "劳模风采"))
        models.amount.setValue(24)
        models.unit.setCurrentIndex(models.unit.findData(WindowUnit.MONTHS.value))
        models.unit.activated.emit(models.unit.currentIndex())
        # A new notices column shows its kind's default once named; left alone, it follows it.
        dialog.add_column()
        new_row = dialog.columns_table.rowCount() - 1
        item = dialog.columns_table.item(new_row, 0)
        assert item is not None
        item.setText("公示公告")
        assert shown(dialog.window_editor(new_row)) == (6, "months")
        return dialog.result_values()

    monkeypatch.setattr(Dialogs, "edit_site", classmethod(edit))
    window.site_action.trigger()
    assert opened
    columns = {c.name: c.id for c in window.store.columns()}
    assert column_windows(window.store) == {columns["劳模风采"]: 730, notices.id: 91}
    # The self-check reads the same windows: 劳模风采 is no longer late.
    assert "劳模风采" not in stale_columns(window)


def test_moving_a_column_moves_its_window_and_a_default_is_not_stored(
    window: MainWindow, qtbot
) -> None:
    dialog = SiteDialog(window.site, window.columns, window, column_windows(window.store))
    qtbot.addWidget(dialog)
    first = dialog.columns_table.item(0, 0)
    assert first is not None
    name = first.text()
    editor = dialog.window_editor(0)
    editor.amount.setValue(10)
    editor.unit.setCurrentIndex(editor.unit.findData(WindowUnit.DAYS.value))
    dialog.columns_table.setCurrentCell(0, 0)
    dialog.move_selected(1)
    assert shown(dialog.window_editor(1)) == (10, "days")
    second = dialog.columns_table.item(0, 0)
    assert second is not None
    other = second.text()
    back = dialog.window_editor(0)
    back.amount.setValue(2)
    back.unit.setCurrentIndex(back.unit.findData(WindowUnit.WEEKS.value))
    windows = dialog.update_windows()
    assert windows[name] == 10
    assert windows[other] is None  # two weeks is a news column's default: nothing to store


def test_every_column_name_shows_whole_beside_its_window(window: MainWindow, qtbot) -> None:
    dialog = SiteDialog(window.site, window.columns, window, column_windows(window.store))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    table = dialog.columns_table
    metrics = table.fontMetrics()
    for row in range(table.rowCount()):
        item = table.item(row, 0)
        assert item is not None
        assert table.columnWidth(0) > metrics.horizontalAdvance(item.text()), item.text()
    editor = dialog.window_editor(0)
    assert table.columnWidth(2) >= editor.sizeHint().width()


def test_the_dialog_fits_a_laptop_screen_and_its_fields_scroll(window: MainWindow, qtbot) -> None:
    """All the header and footer fields are taller than 768 pixels: they scroll, so the dialog
    and its OK button stay on the screen."""
    dialog = SiteDialog(window.site, window.columns, window, column_windows(window.store))
    qtbot.addWidget(dialog)
    assert dialog.minimumSizeHint().height() < 600
    dialog.show()
    qtbot.waitExposed(dialog)
    screen = dialog.screen().availableGeometry()
    assert dialog.height() <= screen.height()
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    assert ok.isVisible() and ok.geometry().bottom() < dialog.height()
    fields = dialog.findChild(QScrollArea, "site_fields")
    last = list(dialog.findChildren(QLineEdit))[-1]
    fields.ensureWidgetVisible(last)
    qtbot.waitUntil(lambda: last.visibleRegion().isEmpty() is False, timeout=5_000)
