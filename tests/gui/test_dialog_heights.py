"""Every dialog of the window fits a 1366×768 laptop screen, in both languages.

Each dialog is opened the way a user opens it (its menu action; the import and conflict
dialogs as the window makes them), and measured as it shows: no taller than what the screen
leaves (768 px less a taskbar and the dialog's title bar), no wider than 1366 px, and every
control in it at least as tall as it needs and inside the dialog (nothing cut off).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QRect, QSettings
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QWidget,
)

from desktop.demo import open_store
from desktop.export.options import ExportSummary
from desktop.gui import screen_fit
from desktop.gui.backup_dialogs import DamagedDatabaseDialog
from desktop.gui.conflict_dialog import ConflictDialog
from desktop.gui.dialogs import Dialogs
from desktop.gui.export_dialog import ExportSummaryDialog
from desktop.gui.export_gate import ExportGateDialog
from desktop.gui.import_dialog import ImportDialog
from desktop.gui.main_window import MainWindow
from desktop.gui.selfcheck_dialog import ColumnWindowsDialog
from desktop.gui.upgrade_dialog import UpgradeDialog
from desktop.gui.upload_dialog import UploadDialog
from desktop.proofread import ProofreadSettings, check_article
from desktop.proofread.gate import ArticleFindings
from desktop.store.errors import Damage, DamagedDatabase
from desktop.store.migrations import UpgradeProgress
from tests.gui.conftest import dispose
from tests.proofread.helpers import id_number

SCREEN_WIDTH, SCREEN_HEIGHT = 1366, 768
#: What a 1366×768 screen leaves a window: all but a Windows taskbar (40 px).
AVAILABLE = QRect(0, 0, SCREEN_WIDTH, SCREEN_HEIGHT - 40)
#: The height a dialog's contents may take there, below its title bar.
ROOM = AVAILABLE.height() - screen_fit.TITLE_BAR


@pytest.fixture(autouse=True)
def laptop_screen(monkeypatch: pytest.MonkeyPatch) -> None:
    """Dialogs see the room a 1366×768 screen leaves (the test screen is another size)."""
    monkeypatch.setattr(screen_fit, "available_room", lambda _widget: QRect(AVAILABLE))


@pytest.fixture
def window(qtbot, language: str, db_path: Path, tmp_path: Path) -> Iterator[MainWindow]:
    store = open_store(db_path, demo_if_new=True)
    opened = MainWindow(store, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    opened.resize(SCREEN_WIDTH, SCREEN_HEIGHT)
    opened.show()
    qtbot.waitExposed(opened)
    qtbot.waitUntil(lambda: opened.session.current is not None, timeout=10_000)
    yield opened
    if shiboken6.isValid(opened.session):
        opened.session.forget_changes()
    dispose(qtbot, opened)
    store.close()


def _cut(dialog: QWidget) -> list[str]:
    """The visible controls of a dialog that are shorter than they need or stick out of it."""
    bounds = QRect(0, 0, dialog.width(), dialog.height())
    cut = []
    for child in dialog.findChildren(QWidget):
        if not child.isVisible() or not child.isVisibleTo(dialog):
            continue
        if not isinstance(child, (QAbstractButton, QLineEdit, QComboBox, QLabel, QAbstractSpinBox)):
            continue
        if isinstance(child.parentWidget(), (QAbstractSpinBox, QComboBox)):
            continue  # the box's own editor, measured as the box
        if any(isinstance(p, QAbstractScrollArea) for p in _ancestors(child, dialog)):
            continue  # inside a scroll area: scrolled to, never cut
        needed = child.minimumSizeHint().height()
        where = QRect(child.mapTo(dialog, child.rect().topLeft()), child.size())
        name = child.objectName() or type(child).__name__
        text = getattr(child, "text", lambda: "")()
        if needed > 0 and child.height() < needed:
            cut.append(f"{name} {text!r}: {child.height()} px of {needed}")
        elif not bounds.contains(where):
            cut.append(f"{name} {text!r}: at {where.getRect()} outside {bounds.getRect()}")
    return cut


def _ancestors(child: QWidget, top: QWidget) -> Iterator[QWidget]:
    parent = child.parentWidget()
    while parent is not None and parent is not top:
        yield parent
        parent = parent.parentWidget()


class Measured:
    """What each dialog measured as it showed."""

    def __init__(self) -> None:
        self.sizes: dict[str, tuple[int, int, int]] = {}
        self.cut: dict[str, list[str]] = {}

    def take(self, qtbot, dialog: QWidget, name: str) -> None:
        """Show ``dialog`` as it opens, measure it and close it."""
        dialog.show()
        qtbot.waitExposed(dialog)
        QApplication.processEvents()
        self.sizes[name] = (dialog.width(), dialog.height(), dialog.minimumSizeHint().height())
        self.cut[name] = _cut(dialog)
        dialog.close()


def test_every_dialog_fits_a_laptop_screen(
    qtbot, window: MainWindow, language: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    measured = Measured()
    opened: list[str] = []

    def exec_measured(self: QDialog) -> int:
        name = self.objectName() or type(self).__name__
        opened.append(name)
        measured.take(qtbot, self, name)
        return int(QDialog.DialogCode.Rejected)

    monkeypatch.setattr(QDialog, "exec", exec_measured)
    monkeypatch.setattr(Dialogs, "show_error", classmethod(lambda cls, p, t, m: None))
    monkeypatch.setattr(Dialogs, "show_info", classmethod(lambda cls, p, t, m: None))
    for action in (
        window.site_action,
        window.export_action,
        window.history_action,
        window.trash_action,
        window.wordlist_action,
        window.sheet_action,
        window.connect_server_action,
        window.picture_action,
        window.restore_action,
    ):
        before = len(opened)
        action.trigger()
        try:
            qtbot.waitUntil(lambda before=before: len(opened) > before, timeout=10_000)
        except Exception as exc:
            raise AssertionError(f"{action.objectName()} opened no dialog") from exc
    # The site self-check and the link check stay open beside the window (not modal).
    window.selfcheck_action.trigger()
    assert window.self_check is not None
    measured.take(qtbot, window.self_check, "SelfCheckDialog")
    window.self_check.cancel()
    window.links_action.trigger()
    assert window.link_check is not None
    measured.take(qtbot, window.link_check, "LinkCheckDialog")
    window.link_check.cancel()
    # The upload dialog (its action first asks for an export), the import's progress and
    # report, and the conflict dialog, as the window makes them.
    measured.take(qtbot, UploadDialog(window.site, "", window), "UploadDialog")
    importing = ImportDialog(window, window.store, [])
    measured.take(qtbot, importing, "ImportDialog")
    current = window.session.current
    assert current is not None
    theirs = replace(current, body=current.body + "\n\n另一台电脑上补充的一段话。\n" * 8)
    measured.take(qtbot, ConflictDialog(current, theirs, window), "ConflictDialog")

    assert len(measured.sizes) >= 14, sorted(measured.sizes)
    too_tall = {n: s for n, s in measured.sizes.items() if s[2] > ROOM or s[1] > ROOM}
    too_wide = {n: s for n, s in measured.sizes.items() if s[0] > SCREEN_WIDTH}
    print({n: s for n, s in sorted(measured.sizes.items())})
    assert too_tall == {}, f"taller than the {ROOM} px a 768 px screen leaves: {too_tall}"
    assert too_wide == {}, too_wide
    cut = {n: c for n, c in measured.cut.items() if c}
    assert cut == {}, cut


def test_the_dialogs_that_come_with_an_event_fit_a_laptop_screen(
    qtbot, window: MainWindow, language: str, tmp_path: Path
) -> None:
    """The export's report and gate, the column windows, a damaged file, a server upgrade."""
    measured = Measured()
    current = window.session.current
    assert current is not None
    number = id_number("33010219800514002")
    flawed = replace(current, body=f"报名时请带好身份证（{number}）。\n" * 12)
    findings = [ArticleFindings(flawed, check_article(flawed, ProofreadSettings()))] * 6
    assert findings[0].problems
    many = tuple(f"news/2026/05/{n}.html" for n in range(40))
    summary = ExportSummary(
        target=tmp_path / "site",
        as_zip=False,
        written=40,
        unchanged=300,
        removed=40,
        articles=340,
        files=380,
        bytes=12_345_678,
        written_paths=many,
        removed_paths=many,
        missing_media=tuple(f"media/{n}.jpg" for n in range(12)),
    )
    measured.take(qtbot, ExportSummaryDialog(summary, findings, window), "ExportSummaryDialog")
    measured.take(qtbot, ExportGateDialog(findings, window), "ExportGateDialog")
    measured.take(qtbot, ColumnWindowsDialog(window.store, window), "ColumnWindowsDialog")
    damaged = DamagedDatabase(
        tmp_path / "办公室" / "newsroom.db",
        Damage.CORRUPT,
        "database disk image is malformed",
        tmp_path / "备份" / "newsroom-2026-11-30.db",
    )
    measured.take(qtbot, DamagedDatabaseDialog(damaged, window), "DamagedDatabaseDialog")
    upgrade = UpgradeDialog()
    upgrade.show_step(UpgradeProgress(13, "search index", 4_000, 10_000))
    measured.take(qtbot, upgrade, "UpgradeDialog")

    assert len(measured.sizes) == 5, sorted(measured.sizes)
    too_tall = {n: s for n, s in measured.sizes.items() if s[2] > ROOM or s[1] > ROOM}
    too_wide = {n: s for n, s in measured.sizes.items() if s[0] > SCREEN_WIDTH}
    assert too_tall == {}, f"taller than the {ROOM} px a 768 px screen leaves: {too_tall}"
    assert too_wide == {}, too_wide
    cut = {n: c for n, c in measured.cut.items() if c}
    assert cut == {}, cut
