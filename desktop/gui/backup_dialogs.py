"""Backups in the window: taking one with progress, choosing one to restore, and start-up damage."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from enum import Enum
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QObject, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QProgressDialog,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.gui.dialogs import Dialogs
from desktop.gui.screen_fit import fit_to_screen
from desktop.gui.work import Job as WorkJob
from desktop.gui.work import JobCancelled, JobContext, WorkQueue
from desktop.store import Store
from desktop.store.backup import (
    BackupInfo,
    BackupKind,
    Progress,
    backup_folder,
    backup_now,
    check_backup,
    daily_backup,
    list_backups,
    restore_backup,
)
from desktop.store.errors import BackupCancelled, BackupError, Damage, DamagedDatabase

TIME_FORMAT = "%Y-%m-%d %H:%M"

#: A piece of backup work: given a progress callback, return its path (or None).
Job = Callable[[Progress], "Path | None"]


def backup_kind_label(kind: BackupKind) -> str:
    """Return the translated kind of a backup, as lists show it."""
    names = {
        BackupKind.DAILY: QCoreApplication.translate("BackupKind", "Daily"),
        BackupKind.MANUAL: QCoreApplication.translate("BackupKind", "Made by hand"),
        BackupKind.MIGRATION: QCoreApplication.translate("BackupKind", "Before an upgrade"),
    }
    return names[BackupKind(kind)]


def data_size_text(size: int) -> str:
    """Return a file size as "1.5 MB" in the user's locale."""
    return QLocale().formattedDataSize(size, 1, QLocale.DataSizeFormat.DataSizeTraditionalFormat)


def _run_job(job: Job, context: JobContext) -> Path | None:
    """Run a backup job on the worker thread; it stops at its next progress report if asked."""

    def progress(done: int, total: int) -> bool:
        context.report(done, total)
        return not context.cancelled()

    try:
        return job(progress)
    except BackupCancelled:
        raise JobCancelled from None


class BackupRunner(QObject):
    """Takes or restores backups on a worker thread, with a progress dialog that can cancel."""

    #: The job succeeded: the new backup's path (None when a daily backup was not due; for a
    #: restore, where the replaced database file was kept, or None if there was none).
    finished = Signal(object)
    #: The job failed; the message says why (the database itself was not changed).
    failed = Signal(str)
    #: The user cancelled; nothing was left behind.
    cancelled = Signal()
    #: Pages copied so far and in all.
    progressed = Signal(int, int)

    def __init__(self, parent: QObject | None = None, *, show_progress: bool = True) -> None:
        super().__init__(parent)
        self.show_progress = show_progress
        self.progress_dialog: QProgressDialog | None = None
        self._queue = WorkQueue(self, name="backup")
        self._job: WorkJob | None = None

    def is_running(self) -> bool:
        """Whether a job is under way."""
        return self._job is not None

    def start_backup(
        self,
        source: Store | str | Path,
        path: str | Path | None = None,
        *,
        kind: BackupKind = BackupKind.MANUAL,
    ) -> bool:
        """Back up the database (into its backups folder unless ``path``); False if busy."""
        label = QCoreApplication.translate("BackupRunner", "Making a backup of the database…")
        server = _server_url(source)
        if server is not None:
            return self._start(
                lambda progress: _on_own_connection(
                    server, lambda own: backup_now(own, path, kind=kind, progress=progress)
                ),
                label,
            )
        db_path = _database_path(source)
        return self._start(
            lambda progress: backup_now(db_path, path, kind=kind, progress=progress), label
        )

    def start_daily(self, source: Store | str | Path, *, now: dt.datetime | None = None) -> bool:
        """Take today's backup if it is due, then rotate old ones; False if busy."""
        label = QCoreApplication.translate("BackupRunner", "Making today's backup…")
        server = _server_url(source)
        if server is not None:
            return self._start(
                lambda progress: _on_own_connection(
                    server, lambda own: daily_backup(own, now=now, progress=progress)
                ),
                label,
            )
        db_path = _database_path(source)
        return self._start(
            lambda progress: daily_backup(db_path, now=now, progress=progress), label
        )

    def start_restore(self, backup: str | Path, db_path: str | Path) -> bool:
        """Replace the (closed) database with a backup; False if busy."""
        label = QCoreApplication.translate("BackupRunner", "Restoring the backup…")
        return self._start(
            lambda progress: restore_backup(backup, db_path, progress=progress), label
        )

    def _start(self, job: Job, label: str) -> bool:
        if self._job is not None:
            return False
        work = self._queue.start(lambda context: _run_job(job, context))
        work.progressed.connect(self._on_progress)
        work.succeeded.connect(lambda path: self._end(lambda: self.finished.emit(path)))
        work.failed.connect(
            lambda exc: self._end(lambda: self.failed.emit(str(exc) or type(exc).__name__))
        )
        work.cancelled.connect(lambda: self._end(self.cancelled.emit))
        self._job = work
        if self.show_progress:
            parent = self.parent()
            dialog = QProgressDialog(
                label,
                QCoreApplication.translate("BackupRunner", "Cancel"),
                0,
                0,
                parent if isinstance(parent, QWidget) else None,
            )
            dialog.setWindowTitle(QCoreApplication.translate("BackupRunner", "Backup"))
            dialog.setWindowModality(Qt.WindowModality.WindowModal)
            dialog.setAutoClose(False)
            dialog.setAutoReset(False)
            # Quick backups finish before the dialog would flash up.
            dialog.setMinimumDuration(400)
            dialog.canceled.connect(self.cancel)
            self.progress_dialog = dialog
        return True

    @Slot()
    def cancel(self) -> None:
        """Stop the running job at its next step; ``cancelled`` follows."""
        if self._job is not None:
            self._job.cancel()

    def wait(self, milliseconds: int = 30_000) -> bool:
        """Block until the job ends (closing the app); True if nothing is running any more."""
        return self._job is None or self._job.wait(milliseconds)

    @Slot(int, int, object)
    def _on_progress(self, done: int, total: int, _detail: object = None) -> None:
        if self.progress_dialog is not None and self._job is not None:
            self.progress_dialog.setMaximum(max(total, 1))
            self.progress_dialog.setValue(min(done, max(total, 1)))
        self.progressed.emit(done, total)

    def _end(self, outcome: Callable[[], None]) -> None:
        # Cleared first: closing the progress dialog emits its canceled signal.
        self._job = None
        if self.progress_dialog is not None:
            self.progress_dialog.close()
            self.progress_dialog.deleteLater()
            self.progress_dialog = None
        outcome()


def _server_url(source: Store | str | Path) -> str | None:
    """The URL (password included) of a store on a server, for a worker's own connection."""
    if isinstance(source, str | Path) or source.address is None:
        return None
    return source.address.url()


def _on_own_connection(url: str, job: Callable[[Store], Path | None]) -> Path | None:
    """Run ``job`` on a store of its own on the server (the window's belongs to its thread)."""
    with Store.open(url) as own:
        return job(own)


def _database_path(source: Store | str | Path) -> Path:
    # The worker gets a path, never the store: its connection belongs to the GUI thread.
    return Path(source) if isinstance(source, str | Path) else Path(source.path)


def backup_is_usable(path: Path) -> bool:
    """Whether a backup file is a Newsroom database this version can open (quick check)."""
    try:
        check_backup(path)
    except BackupError:
        return False
    return True


class RestoreBackupDialog(QDialog):
    """Lists a database's backups with their check; returns the one to restore."""

    def __init__(self, db_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db_path = Path(db_path)
        self.chosen_path: Path | None = None
        self.setWindowTitle(self.tr("Restore a backup"))
        fit_to_screen(self, 640, 400)

        intro = QLabel(
            self.tr(
                "Choose the backup to bring back. The database as it is now is kept beside it "
                "(its name ends in “.before-restore”)."
            )
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("backup_table")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Taken"), self.tr("Kind"), self.tr("Size"), self.tr("Check")]
        )
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.backups: list[BackupInfo] = list_backups(self.db_path)
        #: Whether each listed backup passed its check, in list order.
        self.usable: list[bool] = []
        for info in self.backups:
            self._append(info)
        self.table.resizeColumnsToContents()
        self.none_label = QLabel(self.tr("No backups were found beside the database."))
        self.none_label.setVisible(not self.backups)

        self.restore_button = QPushButton(self.tr("Restore"))
        self.restore_button.setObjectName("backup_restore")
        self.restore_button.setEnabled(False)
        self.other_button = QPushButton(self.tr("Other file…"))
        self.other_button.setObjectName("backup_other")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.other_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.restore_button.clicked.connect(self._restore_selected)
        self.other_button.clicked.connect(self._choose_file)
        buttons.rejected.connect(self.reject)
        self.table.itemSelectionChanged.connect(self._selection_changed)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.none_label)
        layout.addWidget(buttons)
        for row, good in enumerate(self.usable):
            if good:
                self.table.selectRow(row)
                break

    def _append(self, info: BackupInfo) -> None:
        good = backup_is_usable(info.path)
        self.usable.append(good)
        row = self.table.rowCount()
        self.table.insertRow(row)
        cells = (
            info.taken_at.strftime(TIME_FORMAT),
            backup_kind_label(info.kind),
            data_size_text(info.size),
            self.tr("Good") if good else self.tr("Damaged: cannot be restored"),
        )
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setToolTip(str(info.path))
            if not good:
                item.setForeground(Qt.GlobalColor.darkRed)
            self.table.setItem(row, column, item)

    def selected_backup(self) -> Path | None:
        """Return the selected backup if it passed its check."""
        rows = self.table.selectionModel().selectedRows()
        if not rows or not self.usable[rows[0].row()]:
            return None
        return self.backups[rows[0].row()].path

    def _selection_changed(self) -> None:
        self.restore_button.setEnabled(self.selected_backup() is not None)

    def _restore_selected(self) -> None:
        chosen = self.selected_backup()
        if chosen is not None:
            self.chosen_path = chosen
            self.accept()

    def _choose_file(self) -> None:
        path = Dialogs.choose_backup_file(self, backup_folder(self.db_path))
        if path is None:
            return
        if not backup_is_usable(path):
            Dialogs.show_error(
                self,
                self.tr("Cannot use this file"),
                self.tr("“%1” is not a Newsroom backup that can be restored.").replace(
                    "%1", path.name
                ),
            )
            return
        self.chosen_path = path
        self.accept()


class DamagedChoice(Enum):
    """What to do about a damaged database at start-up."""

    RESTORE = "restore"  # restore the path returned with it
    QUIT = "quit"


def backup_time(backup: Path, db_path: Path) -> dt.datetime | None:
    """Return when a backup beside ``db_path`` was taken, from its name or its file time."""
    for info in list_backups(db_path):
        if info.path == backup:
            return info.taken_at
    try:
        return dt.datetime.fromtimestamp(backup.stat().st_mtime).replace(microsecond=0)
    except OSError:
        return None


class DamagedDatabaseDialog(QDialog):
    """At start-up: the database is damaged and untouched; restore a backup or quit."""

    def __init__(self, error: DamagedDatabase, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.error = error
        self.choice = DamagedChoice.QUIT
        self.chosen_path: Path | None = None
        self.setWindowTitle(self.tr("The database is damaged"))
        self.setMinimumWidth(560)  # room for a backup's full path without a wall of wrapping

        self.headline = QLabel(self.tr("Newsroom cannot open its database."))
        self.headline.setObjectName("damaged_headline")
        font = self.headline.font()
        font.setBold(True)
        self.headline.setFont(font)
        self.explanation = QLabel(self._explanation())
        self.explanation.setObjectName("damaged_explanation")
        self.explanation.setWordWrap(True)
        self.untouched = QLabel(
            self.tr("The file was not changed: Newsroom only read it, and keeps it as it is.")
        )
        self.untouched.setObjectName("damaged_untouched")
        self.untouched.setWordWrap(True)
        self.backup_label = QLabel(self._backup_text())
        self.backup_label.setObjectName("damaged_backup")
        self.backup_label.setWordWrap(True)
        self.backup_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        details = QLabel(
            self.tr("File: %1\nDetails: %2")
            .replace("%1", str(error.path))
            .replace("%2", error.detail)
        )
        details.setObjectName("damaged_details")
        details.setWordWrap(True)
        details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        details.setEnabled(False)  # greyed: for whoever helps, not the first thing to read

        self.restore_button = QPushButton(self.tr("Restore the backup"))
        self.restore_button.setObjectName("damaged_restore")
        self.restore_button.setEnabled(error.backup is not None)
        self.other_button = QPushButton(self.tr("Choose another backup…"))
        self.other_button.setObjectName("damaged_other")
        self.quit_button = QPushButton(self.tr("Quit"))
        self.quit_button.setObjectName("damaged_quit")
        buttons = QDialogButtonBox()
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.other_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.quit_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.restore_button.clicked.connect(self._restore_newest)
        self.other_button.clicked.connect(self._choose_other)
        self.quit_button.clicked.connect(self.reject)
        if error.backup is not None:
            self.restore_button.setDefault(True)
        else:
            self.other_button.setDefault(True)

        layout = QVBoxLayout(self)
        for widget in (self.headline, self.explanation, self.untouched, self.backup_label):
            layout.addWidget(widget)
        layout.addWidget(details)
        layout.addWidget(buttons)

    def _explanation(self) -> str:
        if self.error.damage is Damage.FOREIGN:
            return self.tr("The database file belongs to another program, not to Newsroom.")
        if self.error.damage is Damage.NOT_SQLITE:
            return self.tr("The database file is damaged: it is not a database any more.")
        return self.tr(
            "The database file is damaged, perhaps by a power cut or a failing disk or USB stick."
        )

    def _backup_text(self) -> str:
        backup = self.error.backup
        if backup is None:
            return self.tr(
                "No good backup was found beside it. If you keep backups elsewhere, "
                "choose one with “Choose another backup…”."
            )
        when = backup_time(backup, self.error.path)
        when_text = when.strftime(TIME_FORMAT) if when else "?"
        return (
            self.tr(
                "The newest good backup was taken on %1:\n%2\nRestoring it brings back "
                "everything as it was then; the damaged file is kept beside it."
            )
            .replace("%1", when_text)
            .replace("%2", str(backup))
        )

    def _restore_newest(self) -> None:
        if self.error.backup is not None:
            self.choice, self.chosen_path = DamagedChoice.RESTORE, self.error.backup
            self.accept()

    def _choose_other(self) -> None:
        chosen = Dialogs.choose_backup(self, self.error.path)
        if chosen is not None:
            self.choice, self.chosen_path = DamagedChoice.RESTORE, chosen
            self.accept()
