"""SQLite's page check of the database, run in the background once the window is up."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, Signal

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
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Start the check on a thread of its own (its own read-only connection)."""
        self._thread = threading.Thread(target=self._run, name="page-check", daemon=True)
        self._thread.start()

    def wait(self, timeout: float = 30.0) -> None:
        """Wait for the check to end (for tests and for closing)."""
        if self._thread is not None:
            self._thread.join(timeout)

    def _run(self) -> None:
        try:
            check_database(self.path)
        except DamagedDatabase as exc:
            self.failed.emit(
                DamagedDatabase(exc.path, exc.damage, exc.detail, newest_good_backup(self.path))
            )
            return
        except OSError as exc:
            self.failed.emit(
                DamagedDatabase(self.path, Damage.CORRUPT, f"the database cannot be read: {exc}")
            )
            return
        self.passed.emit()
