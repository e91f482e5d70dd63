"""SQLite's check of every page, run beside a command's reading instead of before it.

Checking every page of a database file costs a fifth of a second at 10,000 articles, which a
re-export that changes one page paid before it started. A command that reads for a while
before it writes anything (``newsroom export``) opens its database with ``check_pages=False``
and starts a :class:`CheckBeside`: SQLite runs the check on a read-only connection of its own
in a thread (it releases the GIL), while the command reads. The command calls
:meth:`CheckBeside.passed` before its first write, to the database or anywhere else, so damage
is reported with the newest good backup before anything is written, as when the check ran at
opening; a failure while the check runs is answered by the check's verdict first.

Started with ``uncompared=("article",)`` the check leaves out what takes most of its time at
10,000 articles, the comparison of the article table's nine indexes with its rows (every
page still gets SQLite's quick check, every other table the full one), and
:meth:`CheckBeside.thoroughly` adds it once the command learns it will read every row: a
re-export pieced together from ids and versions reads a few articles and compares those with
their indexes itself (``integrity.rows_off_their_indexes``), and goes the whole way, with the
full check, when one does not match.

``log_checked`` leaves out the comparison of the write-ahead log with its index, which
``Store.open`` has just made (it reads every frame of the log, in Python, holding the
interpreter's lock that the command's reading needs too).

``then`` runs once the check has passed, before the command's first write: ``newsroom export``
passes :meth:`Store.pages_checked`, which opens the read-write connection that a store opened
with ``read_first`` (on a log another program is writing) put off until every page is sound.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Collection
from pathlib import Path

from desktop.i18n import tr
from desktop.store.backup import newest_good_backup
from desktop.store.errors import DamagedDatabase, StoreError
from desktop.store.integrity import check_database


class CheckBeside:
    """The check of a database file's pages, running in a thread from construction."""

    def __init__(
        self,
        path: Path,
        *,
        thorough: bool = True,
        uncompared: Collection[str] = (),
        log_checked: bool = False,
        then: Callable[[], None] | None = None,
    ) -> None:
        self.path = path
        self.thorough = thorough
        self._log = not log_checked
        self._then = then
        self._error: BaseException | None = None
        self._threads: list[threading.Thread] = []
        self._uncompared = tuple(uncompared)
        self._start(self._uncompared)

    def _start(self, uncompared: tuple[str, ...]) -> None:
        thread = threading.Thread(
            target=self._run, args=(uncompared,), name="newsroom-page-check", daemon=True
        )
        self._threads.append(thread)
        thread.start()

    def _run(self, uncompared: tuple[str, ...]) -> None:
        try:
            check_database(self.path, thorough=self.thorough, uncompared=uncompared, log=self._log)
        except BaseException as exc:  # handed to the command's thread by passed()
            if self._error is None:
                self._error = exc

    def thoroughly(self) -> None:
        """Add the comparison of the tables left ``uncompared`` with their indexes (SQLite's
        full check), for a command that is about to read every row."""
        if self.thorough and self._uncompared:
            self._uncompared = ()
            self._start(())

    def passed(self) -> None:
        """Wait for the checks; raise ``DamagedDatabase`` (naming the newest good backup)
        or ``StoreError`` when one failed."""
        for thread in self._threads:
            thread.join()
        exc = self._error
        if exc is None:
            then, self._then = self._then, None
            if then is not None:
                then()
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
