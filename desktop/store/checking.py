"""SQLite's check of every page, run beside a command's reading instead of before it.

Checking every page of a database file costs a fifth of a second at 10,000 articles, which a
re-export that changes one page paid before it started. A command that reads for a while
before it writes anything (``newsroom export``) opens its database with ``check_pages=False``
and starts a :class:`CheckBeside`: SQLite runs the check on a read-only connection of its own
in a thread (it releases the GIL), while the command reads. The command calls
:meth:`CheckBeside.passed` before its first write, to the database or anywhere else, so damage
is reported with the newest good backup before anything is written, as when the check ran at
opening; a failure while the check runs is answered by the check's verdict first.
"""

from __future__ import annotations

import threading
from pathlib import Path

from desktop.i18n import tr
from desktop.store.backup import newest_good_backup
from desktop.store.errors import DamagedDatabase, StoreError
from desktop.store.integrity import check_database


class CheckBeside:
    """The check of a database file's pages, running in a thread from construction."""

    def __init__(self, path: Path, *, thorough: bool = True) -> None:
        self.path = path
        self._error: BaseException | None = None
        self._thread = threading.Thread(
            target=self._run, args=(thorough,), name="newsroom-page-check", daemon=True
        )
        self._thread.start()

    def _run(self, thorough: bool) -> None:
        try:
            check_database(self.path, thorough=thorough)
        except BaseException as exc:  # handed to the command's thread by passed()
            self._error = exc

    def passed(self) -> None:
        """Wait for the check; raise ``DamagedDatabase`` (naming the newest good backup)
        or ``StoreError`` when it failed."""
        self._thread.join()
        exc = self._error
        if exc is None:
            return
        if isinstance(exc, DamagedDatabase):
            raise DamagedDatabase(
                exc.path, exc.damage, exc.detail, newest_good_backup(self.path)
            ) from exc
        if isinstance(exc, OSError):
            raise StoreError(
                tr("{path} is not a usable Newsroom database: {exc}", path=self.path, exc=exc)
            ) from exc
        raise exc
