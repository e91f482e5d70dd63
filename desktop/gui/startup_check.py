"""SQLite's page check of the database, run in the background once the window is up."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal

from desktop.gui.work import Job, JobContext, WorkQueue
from desktop.store.backup import newest_good_backup
from desktop.store.errors import Damage, DamagedDatabase
from desktop.store.integrity import check_database


class PageCheck(QObject):
    """Checks every page of the database file without writing to it; reports on the GUI thread.

    Opening the window does not wait for it (it takes about 0.3 s for 100,000 articles); the
    window saves nothing until it has passed.
    """

    passed = Signal()
    failed = Signal(object)  # a DamagedDatabase naming the newest good backup

    def __init__(self, path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = Path(path)
        self._queue = WorkQueue(self, name="page-check")
        self._job: Job | None = None

    def start(self) -> None:
        """Start the check on a worker thread (its own read-only connection)."""
        self._job = self._queue.start(self._run)
        self._job.succeeded.connect(self._on_checked)

    def wait(self, timeout: float = 30.0) -> None:
        """Wait for the check to end (for tests and for closing)."""
        self._queue.wait(int(timeout * 1000))

    def _run(self, _context: JobContext) -> DamagedDatabase | None:
        try:
            # The full check: it also compares every index with its table, so a title or
            # date changed by damage is found before anything is saved on top of it.
            check_database(self.path, thorough=True)
        except DamagedDatabase as exc:
            return DamagedDatabase(exc.path, exc.damage, exc.detail, newest_good_backup(self.path))
        except OSError as exc:
            return DamagedDatabase(self.path, Damage.CORRUPT, f"the database cannot be read: {exc}")
        return None

    def _on_checked(self, damage: DamagedDatabase | None) -> None:
        if damage is None:
            self.passed.emit()
        else:
            self.failed.emit(damage)
