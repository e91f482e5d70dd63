"""Edits to a server database kept on this PC until the server has confirmed them.

In team mode every save the editor makes goes here first (an SQLite file beside the server's
other local files, in the user's data folder, one per server and database), then to the
server; the entry is cleared when the server confirms. While the server cannot be reached the
editor goes on saving here only, and what is kept survives the app being killed: the next
window on that server saves it, with the version check against the version it was based on.
One entry per article, the newest text: older unsent texts of it add nothing.

The journal belongs to one process at a time: a lock file beside it (``journal.lock``) is
held with an OS lock (``fcntl.flock`` on POSIX, ``msvcrt.locking`` on Windows) for as long
as a journal of that process is open, and the OS lets it go when the process ends, killed
too. A second copy of Newsroom on this PC for the same server database is refused
(``JournalBusy``) before it reads or writes anything: it would otherwise save, or forget,
the first copy's kept edits.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import sys
from pathlib import Path
from typing import IO

from desktop.article import ARTICLE_FIELDS, EDITED_FIELDS, Article, from_json_value, to_json_value
from desktop.i18n import tr
from desktop.store.errors import StoreError
from desktop.store.location import ServerAddress

#: The journal's file name, beside the other files this PC keeps for a server database.
JOURNAL_NAME = "journal.db"
#: The file whose OS lock says which process owns the journal beside it.
LOCK_NAME = "journal.lock"


class JournalBusy(StoreError):
    """Another process on this PC (another copy of Newsroom) owns the journal."""


#: The journal locks this process holds: the open lock file and how many journals use it.
_held: dict[Path, tuple[IO[bytes], int]] = {}


def _os_lock(handle: IO[bytes]) -> bool:
    """Take the lock on ``handle`` without waiting; whether it was free."""
    try:
        if sys.platform == "win32":
            import msvcrt

            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _claim(lock: Path) -> None:
    """Own the journal guarded by ``lock`` for this process, or raise JournalBusy."""
    if lock in _held:
        handle, users = _held[lock]
        _held[lock] = (handle, users + 1)
        return
    try:
        lock.parent.mkdir(parents=True, exist_ok=True)
        # Held open, since the lock lasts as long as the file is; never removed, since
        # removing a lock file lets two processes lock two different files.
        handle = open(lock, "a+b")  # noqa: SIM115
    except OSError as exc:
        raise StoreError(
            tr("cannot keep edits on this PC in {path}: {exc}", path=lock, exc=exc)
        ) from exc
    if not _os_lock(handle):
        handle.close()
        raise JournalBusy(
            tr(
                "Newsroom is already open for this server database on this PC "
                "(the edits it keeps here are its own)"
            )
        )
    _held[lock] = (handle, 1)


def _release(lock: Path) -> None:
    """One journal of this process is closed: let the lock go with the last one."""
    handle, users = _held.pop(lock, (None, 0))
    if handle is None:
        return
    if users > 1:
        _held[lock] = (handle, users - 1)
        return
    handle.close()  # closing the file lets the OS lock go


def same_content(a: Article, b: Article) -> bool:
    """Whether two copies of an article hold the same text and fields (versions aside)."""
    return all(getattr(a, spec.name) == getattr(b, spec.name) for spec in EDITED_FIELDS)


class EditJournal:
    """The unsent edits of one server database, in an fsynced SQLite file on this PC."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._lock = self.path.parent / LOCK_NAME
        _claim(self._lock)  # JournalBusy: another copy of Newsroom has it
        self._closed = False
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # Autocommit, WAL (one fsync per entry) and FULL sync: each entry is on the disk before
            # the server is even asked, so a kill or a power cut right after keeps it.
            self._conn = sqlite3.connect(self.path, isolation_level=None)
            self._conn.execute("PRAGMA journal_mode = WAL")
            self._conn.execute("PRAGMA synchronous = FULL")
            self._conn.execute(
                "CREATE TABLE IF NOT EXISTS pending_edit ("
                "article_id INTEGER PRIMARY KEY, base_version INTEGER NOT NULL, "
                "fields TEXT NOT NULL, kept_at TEXT NOT NULL)"
            )
        except (OSError, sqlite3.Error) as exc:
            _release(self._lock)
            raise StoreError(
                tr("cannot keep edits on this PC in {path}: {exc}", path=self.path, exc=exc)
            ) from exc

    @classmethod
    def beside(cls, companion: Path) -> EditJournal:
        """The journal in the folder this PC keeps for a server database (``Store.path``)."""
        return cls(Path(companion).parent / JOURNAL_NAME)

    @classmethod
    def for_server(cls, address: ServerAddress) -> EditJournal:
        """The journal of a database on a server, found by its address (the store not open)."""
        from desktop.store.store import _server_companion

        return cls.beside(_server_companion(address))

    def keep(self, article: Article) -> None:
        """Keep ``article`` (its version: the one it is based on) until the server confirms."""
        if article.id is None:
            return  # a new article is written to the server at once, never journaled
        fields = {
            spec.name: to_json_value(spec, getattr(article, spec.name)) for spec in ARTICLE_FIELDS
        }
        try:
            self._conn.execute(
                "INSERT OR REPLACE INTO pending_edit (article_id, base_version, fields, kept_at) "
                "VALUES (?, ?, ?, ?)",
                (
                    article.id,
                    article.version,
                    json.dumps(fields, ensure_ascii=False),
                    dt.datetime.now().isoformat(sep=" ", timespec="seconds"),
                ),
            )
        except sqlite3.Error as exc:
            raise StoreError(
                tr("cannot keep edits on this PC in {path}: {exc}", path=self.path, exc=exc)
            ) from exc

    def confirm(self, article_id: int) -> None:
        """The server has the article's text: forget the kept copy."""
        try:
            self._conn.execute("DELETE FROM pending_edit WHERE article_id = ?", (article_id,))
        except sqlite3.Error as exc:
            raise StoreError(
                tr("cannot keep edits on this PC in {path}: {exc}", path=self.path, exc=exc)
            ) from exc

    def kept(self, article_id: int) -> Article | None:
        """Return the kept copy of one article, if there is one."""
        row = self._conn.execute(
            "SELECT base_version, fields FROM pending_edit WHERE article_id = ?", (article_id,)
        ).fetchone()
        return None if row is None else _article(row[0], row[1])

    def pending(self) -> list[Article]:
        """Return every kept article, the oldest kept first."""
        rows = self._conn.execute(
            "SELECT base_version, fields FROM pending_edit ORDER BY kept_at, article_id"
        ).fetchall()
        return [_article(version, fields) for version, fields in rows]

    def count(self) -> int:
        """How many articles have edits the server has not confirmed."""
        return int(self._conn.execute("SELECT count(*) FROM pending_edit").fetchone()[0])

    def close(self) -> None:
        """Close the file (its entries stay for the next window on this server)."""
        self._conn.close()
        if not self._closed:
            self._closed = True
            _release(self._lock)


def _article(version: int, fields_json: str) -> Article:
    values = json.loads(fields_json)
    fields = {
        spec.name: from_json_value(spec, values[spec.name])
        for spec in ARTICLE_FIELDS
        if spec.name in values
    }
    fields["version"] = version
    return Article(**fields)
