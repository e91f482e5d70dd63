"""Team mode in the window: connecting to the office's server, and what other PCs change.

``TeamConnector`` is File → Connect to a server… and File → Use a local file…: it checks a
connection on a work queue (a server that does not answer takes seconds to say so), says why
one failed, remembers the server (never its password: that goes to the system keychain) and
asks the app to reopen the window on it. ``starting_location`` does the same at start.
``LiveUpdates`` listens to the server's notices on a connection of its own, as a job on a work
queue, and ``LiveDesk`` turns them into what the window shows: list rows, the read-only view,
who is editing what (read from the lock table on a work queue of its own).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QSettings, QTimer, Signal
from PySide6.QtWidgets import QWidget

from desktop.config import DB_ENV, data_dir, database_path
from desktop.gui.dialogs import Dialogs
from desktop.gui.work import Job, WorkQueue
from desktop.store import ListQuery, Store, StoreError
from desktop.store.live import LiveFeed, Notice
from desktop.store.location import ServerAddress, is_server_url
from desktop.store.locks import EditLock, EditLocks
from desktop.store.server_login import (
    ConnectionRefused,
    LoginProblem,
    ServerLogin,
    check_connection,
    forget_password,
    remember_password,
    remembered_url,
    stored_password,
)
from desktop.upload.passwords import keychain_available

#: The settings key of the remembered server (its URL without the password).
SERVER_KEY = "team/server"
#: Notices arriving this close together are handled as one batch.
GATHER_MS = 30
#: A batch naming more articles than this reads the list again instead.
MANY_NOTICES = 40


def remembered_server(settings: QSettings) -> ServerAddress | None:
    """The server the window was last connected to, if it was not sent back to a file."""
    url = str(settings.value(SERVER_KEY, "") or "")
    if not is_server_url(url):
        return None
    try:
        return ServerAddress.parse(url)
    except ValueError:
        return None


def remember_server(settings: QSettings, address: ServerAddress) -> None:
    """Remember the server for the next start, without its password."""
    settings.setValue(SERVER_KEY, remembered_url(address))
    settings.sync()


def forget_server(settings: QSettings) -> None:
    """Start on the file on this PC again next time."""
    settings.remove(SERVER_KEY)
    settings.sync()


def is_default_location(location: str | Path) -> bool:
    """Whether the app was started without ``--db`` or ``NEWSROOM_DB`` pointing anywhere."""
    return (
        isinstance(location, Path)
        and not os.environ.get(DB_ENV)
        and location == data_dir() / "newsroom.db"
    )


def _refused_text(exc: BaseException) -> str:
    return str(exc) if isinstance(exc, StoreError) else repr(exc)


def login_at_start(address: ServerAddress) -> str | None:
    """Connect to the remembered server, asking for the password when no keychain has it.

    Returns the URL to open (with the password, kept in memory only), or None to open the
    file on this PC instead (the reason was shown).
    """
    password = stored_password(address)
    for _attempt in range(4):
        trial = replace(address, password=password)
        try:
            check_connection(trial)
        except ConnectionRefused as exc:
            if exc.problem in (LoginProblem.PASSWORD_NEEDED, LoginProblem.WRONG_PASSWORD):
                if password is not None and exc.problem is LoginProblem.WRONG_PASSWORD:
                    forget_password(address)
                password = Dialogs.ask_server_password(None, str(address), str(exc))
                if password is None:
                    return None
                continue
            if exc.problem is LoginProblem.UNREACHABLE:
                # The edits this PC keeps for the server are named: they wait for it.
                from desktop.gui.connection import unreachable_text

                exc = ConnectionRefused(exc.problem, unreachable_text(trial.url(), str(exc)))
            _tell_refused(None, exc, at_start=True)
            return None
        if password:
            remember_password(address, password)
        return trial.url()
    return None


def starting_location(location: str | Path, settings: QSettings) -> str | Path:
    """Where the window opens: the remembered server, unless told to open something else."""
    if not is_default_location(location):
        return location
    address = remembered_server(settings)
    if address is None:
        return location
    return login_at_start(address) or location


def _tell_refused(parent: QWidget | None, exc: BaseException, *, at_start: bool) -> None:
    after = (
        QCoreApplication.translate("Team", "Newsroom opens the database on this PC instead.")
        if at_start
        else QCoreApplication.translate("Team", "The database open now stays open.")
    )
    Dialogs.show_error(
        parent,
        QCoreApplication.translate("Team", "Cannot connect to the server"),
        f"{_refused_text(exc)}\n\n{after}",
    )


class TeamConnector(QObject):
    """File → Connect to a server… and File → Use a local file…."""

    #: Open the window again on this database (a server URL, or a file's path).
    switch_requested = Signal(object)

    def __init__(self, settings: QSettings, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.store = store
        self._queue = WorkQueue(self, name="server connection")
        self._job: Job | None = None

    def busy(self) -> bool:
        """Whether a connection is being tried."""
        return self._queue.busy()

    def connect_to_server(self, parent: QWidget | None) -> None:
        """Ask for the server and the login, try them, and switch to the server if they work."""
        if self.busy():
            return
        known = self.store.address or remembered_server(self.settings)
        initial = ServerLogin.of(replace(known, password=None)) if known is not None else None
        asked = Dialogs.ask_server_connection(parent, initial, keychain_available())
        if asked is None:
            return
        address = asked.address()
        if not address.password:
            address = replace(address, password=stored_password(address))
        self._job = self._queue.start(lambda _context: check_connection(address))
        self._job.succeeded.connect(lambda _result: self._connected(address, asked.remember))
        self._job.failed.connect(lambda exc: _tell_refused(parent, exc, at_start=False))

    def _connected(self, address: ServerAddress, remember: bool) -> None:
        remember_server(self.settings, address)
        if remember and address.password:
            remember_password(address, address.password)
        self.switch_requested.emit(address.url())

    def use_local_file(self) -> None:
        """Go back to the database file on this PC (and start there next time)."""
        forget_server(self.settings)
        self.switch_requested.emit(database_path(None))

    def wait(self) -> None:
        """Let a connection being tried finish (closing the window)."""
        self._queue.wait()


class LiveUpdates(QObject):
    """The server's notices, gathered into batches on the GUI thread."""

    #: A list of ``Notice``s that arrived together.
    arrived = Signal(list)

    def __init__(self, address: ServerAddress, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.address = address
        self._queue = WorkQueue(self, name="live updates")
        self._job: Job | None = None
        self._pending: list[Notice] = []
        self._gather = QTimer(self)
        self._gather.setSingleShot(True)
        self._gather.setInterval(GATHER_MS)
        self._gather.timeout.connect(self._deliver)
        #: When the last batch was handed over (time.monotonic), for the benchmark.
        self.last_delivery = 0.0

    def start(self) -> None:
        """Start listening (on a connection of its own, on the work queue)."""
        if self._job is not None:
            return
        feed = LiveFeed(self.address)

        def listen(context) -> None:
            for notice in feed.notices(context.cancelled):
                context.send(notice)

        self._job = self._queue.start(listen)
        self._job.produced.connect(self._received)

    def is_listening(self) -> bool:
        """Whether the listening job runs."""
        return self._job is not None and self._job.is_running()

    def stop(self) -> None:
        """Stop listening and wait for the connection to close."""
        if self._job is not None:
            self._job.cancel()
            self._job = None
        self._gather.stop()
        self._queue.wait(10_000)

    def _received(self, notice: object) -> None:
        if isinstance(notice, Notice):
            self._pending.append(notice)
            if not self._gather.isActive():
                self._gather.start()

    def _deliver(self) -> None:
        batch, self._pending = self._pending, []
        if batch:
            self.last_delivery = time.monotonic()
            self.arrived.emit(batch)


class LiveDesk(QObject):
    """Reads what a batch of notices names and says what the window should show."""

    #: What the list shows of an article changed elsewhere (an ``ArticleSummary``).
    summary_updated = Signal(object)
    #: An article left the list (trashed, deleted).
    article_removed = Signal(int)
    #: An article changed elsewhere (saved, signed): its id; the editor may show it again.
    article_changed = Signal(int)
    #: Too much changed, or notices were missed: read the list again.
    list_stale = Signal()
    #: Who else is editing what: article id → "name (PC)".
    editing_changed = Signal(object)
    #: The lock of this article changed hands.
    lock_changed = Signal(int)

    def __init__(self, store: Store, locks: EditLocks, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.locks = locks
        #: Whether a notice only repeats what this window already shows (its own save): the
        #: article id and version; the window sets it.
        self.already_shown: Callable[[int, int | None], bool] = lambda _id, _version: False
        self._expiry = QTimer(self)
        self._expiry.setSingleShot(True)
        self._expiry.timeout.connect(self.read_locks)
        self._queue = WorkQueue(self, name="who edits what")
        self._reading: Job | None = None
        self._read_again = False

    def handle(self, batch: list[Notice]) -> None:
        """Act on notices that arrived together: one read of the rows they name."""
        ids = {n.article_id for n in batch if n.article_id is not None}
        if any(n.changes_list for n in batch) or len(ids) > MANY_NOTICES:
            self.list_stale.emit()
            self.read_locks()
            return
        changed: dict[int, int | None] = {}
        locks_moved = False
        for notice in batch:
            if notice.article_id is None:
                continue
            if notice.kind == "lock":
                locks_moved = True
                self.lock_changed.emit(notice.article_id)
            else:
                changed[notice.article_id] = notice.version
        wanted = [i for i, version in changed.items() if not self.already_shown(i, version)]
        if wanted:
            try:
                page = self.store.list_articles(ListQuery(ids=tuple(wanted), limit=len(wanted)))
            except StoreError:
                page = None  # the server is away: the reconnect reads the list again
            if page is not None:
                found = {summary.id for summary in page.items}
                for summary in page.items:
                    self.summary_updated.emit(summary)
                for article_id in wanted:
                    if article_id not in found:
                        self.article_removed.emit(article_id)
                    else:
                        self.article_changed.emit(article_id)
        if locks_moved:
            self.read_locks()

    def read_locks(self) -> None:
        """Read who is editing what (the lock table: a row per open editor), on a work queue.

        A read asked for while one is on its way is made once more after it, so the last
        notice is always followed by a read that saw it.
        """
        if not self.locks.active:
            return
        if self._reading is not None and self._reading.is_running():
            self._read_again = True
            return
        locks = self.locks

        def read(_context: object) -> dict[int, EditLock]:
            try:
                return locks.held()
            finally:
                # Peewee connections are per thread: this closes only the worker's own one.
                if not locks.store.database.is_closed():
                    locks.store.database.close()

        job = self._queue.start(read)
        self._reading = job
        job.succeeded.connect(self._locks_read)
        job.failed.connect(self._read_failed)
        job.ended.connect(lambda: self._read_ended(job))

    def wait(self) -> None:
        """Let a read under way finish (closing the window)."""
        self._queue.wait()

    def _read_failed(self, exc: Exception) -> None:
        if not isinstance(exc, StoreError):
            raise exc  # the server away: the reconnect reads again

    def _read_ended(self, job: Job) -> None:
        if self._reading is job:
            self._reading = None
        if self._read_again:
            self._read_again = False
            self.read_locks()

    def _locks_read(self, held: dict[int, EditLock]) -> None:
        others = {i: lock for i, lock in held.items() if not self.locks.is_mine(lock)}
        self.editing_changed.emit({i: f"{lock.person} ({lock.host})" for i, lock in others.items()})
        if others:
            # A PC that stops beating sends no notice: look again when its lock would expire.
            soonest = min(self.locks.timing.expires_s - lock.age_s for lock in others.values())
            self._expiry.start(max(1000, int(soonest * 1000) + 500))
        else:
            self._expiry.stop()
