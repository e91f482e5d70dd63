"""Starting the window: Qt application, translations, the store, and the main window."""

from __future__ import annotations

import gc
import os
import signal
import socket
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QCoreApplication,
    QObject,
    QProcess,
    QSettings,
    QSocketNotifier,
    Qt,
    Signal,
)
from PySide6.QtGui import QGuiApplication, QIcon, QSessionManager
from PySide6.QtWidgets import QApplication

from desktop.config import DB_ENV, database_path
from desktop.demo import open_store
from desktop.gui.dialogs import Dialogs
from desktop.gui.i18n import choose_language, install_translators
from desktop.gui.preview import register_preview_scheme
from desktop.gui.team import starting_location
from desktop.gui.upgrade_dialog import open_server_store
from desktop.resources import resource_path
from desktop.store import Store, StoreError
from desktop.store.backup import newest_good_backup, restore_backup
from desktop.store.errors import DamagedDatabase, ServerUnreachable
from desktop.store.integrity import READ_FAILURES, read_failure
from desktop.store.journal import EditJournal, JournalBusy
from desktop.store.location import ServerAddress

if TYPE_CHECKING:
    from desktop.gui.main_window import MainWindow

ORGANISATION = "Newsroom"
APPLICATION = "Newsroom"
#: The setting holding the database file the window moved to last (the office's own).
REMEMBERED_DATABASE = "database/path"
#: How long a thread may run Python before one waiting for the lock gets it (Python's
#: default is 5 ms). Work beside the window (saving, counting, checking) runs on threads,
#: and the window's thread takes the lock again after each call into Qt: at 5 ms a refresh
#: of a long article waited ten times longer than its own work.
SWITCH_INTERVAL_S = 0.0005


def _show_open_error(exc: StoreError) -> None:
    Dialogs.show_error(
        None,
        QCoreApplication.translate("App", "Cannot open the database"),
        QCoreApplication.translate("App", "Newsroom could not open its database.\n\n%1").replace(
            "%1", str(exc)
        ),
    )


def open_or_recover(
    db_path: Path, *, check_pages: bool = True, thorough: bool = False
) -> Store | None:
    """Open the store; for a damaged file offer the newest good backup. None means give up."""
    try:
        return open_store(db_path, demo_if_new=True, check_pages=check_pages, thorough=thorough)
    except DamagedDatabase as exc:
        return _recover(db_path, exc)
    except StoreError as exc:
        _show_open_error(exc)
        return None


def _recover(db_path: Path, exc: DamagedDatabase) -> Store | None:
    """Offer the newest good backup for a damaged database; the store restored, or None."""
    from desktop.gui.backup_dialogs import DamagedChoice

    # The damaged file has not been written to; restoring keeps it as *.before-restore.
    choice, backup = Dialogs.ask_damaged_database(None, exc)
    if choice is not DamagedChoice.RESTORE or backup is None:
        return None
    try:
        restore_backup(backup, db_path)
        return open_store(db_path)
    except StoreError as again:
        _show_open_error(again)
        return None


def _open_server_window(url: str, settings: QSettings) -> MainWindow | None:
    """Open the main window on a database on a PostgreSQL server (team mode)."""
    from desktop.gui.connection import unreachable_text
    from desktop.gui.main_window import MainWindow

    # The edits kept on this PC belong to one copy of Newsroom: a second copy for the same
    # server database would save or forget the first's, so it stops before touching them.
    try:
        claimed: EditJournal | None = EditJournal.for_server(ServerAddress.parse(url))
    except JournalBusy:
        _show_already_open()
        return None
    except (StoreError, ValueError):
        claimed = None  # Store.open says what is wrong with the address or the folder
    try:
        while True:
            try:
                # An upgrade of the server's schema can take minutes: shown as it goes.
                store = open_server_store(url)
                break
            except ServerUnreachable as exc:
                # Edits kept on this PC by a window that lost the server wait for it: say so,
                # and open as soon as the user finds the server back.
                if not Dialogs.ask_retry_server(None, unreachable_text(url, str(exc))):
                    return None
            except StoreError as exc:
                _show_open_error(exc)
                return None
        # The server looks after its own pages: no file check to wait for before saving.
        return MainWindow(store, settings)
    finally:
        if claimed is not None:
            claimed.close()  # the window's own journal holds the claim from here on


def _show_already_open() -> None:
    Dialogs.show_error(
        None,
        QCoreApplication.translate("App", "Newsroom is already open"),
        QCoreApplication.translate(
            "App",
            "Newsroom is already open for this server on this PC. Carry on in that window: "
            "the edits it keeps on this PC are its own, and a second window would save or "
            "lose them.",
        ),
    )


def _show_network_folder(window: MainWindow) -> None:
    """Say in the status bar, for as long as the window is open, why nobody else can open it."""
    from PySide6.QtWidgets import QLabel

    label = QLabel(QCoreApplication.translate("App", "Network folder: this PC only"), window)
    label.setToolTip(
        QCoreApplication.translate(
            "App",
            "The database lies on a network folder. Two PCs working on one database file "
            "there would damage it, so Newsroom keeps it for this PC while it is open: another "
            "PC that opens it is told who has it. For several PCs at once, move the database "
            "to a PostgreSQL server (team mode, see the README).",
        )
    )
    window.statusBar().addPermanentWidget(label)


def open_window(db_path: Path | str, settings: QSettings) -> MainWindow | None:
    """Open the store and the main window on it, with the page check ready to start.

    Every page of the file is checked in the background once the window is up (about 0.3 s
    for 100,000 articles) and the window saves nothing until the check has passed. If the
    window cannot even read what it shows first, the check runs at once instead, so a damaged
    file still gets the offer of its newest good backup.
    """
    from desktop.gui.main_window import MainWindow
    from desktop.gui.startup_check import PageCheck

    sys.setswitchinterval(SWITCH_INTERVAL_S)
    if isinstance(db_path, str):
        return _open_server_window(db_path, settings)
    store = open_or_recover(db_path, check_pages=False)
    if store is None:
        return None
    try:
        window = MainWindow(store, settings)
    except READ_FAILURES:
        store.close()
        store = open_or_recover(db_path, thorough=True)
        if store is None:
            return None
        try:
            window = MainWindow(store, settings)
        except READ_FAILURES as exc:
            # Damage no check can see (a text that is no longer text): still a damaged file.
            store.close()
            problem = read_failure(db_path, exc, newest_good_backup(db_path))
            if not isinstance(problem, DamagedDatabase):
                _show_open_error(problem)  # busy in another program: not damage
                return None
            store = _recover(db_path, problem)
            if store is None:
                return None
            window = MainWindow(store, settings)
    if store.network is not None:
        _show_network_folder(window)
    window.session.hold_until_checked()
    window.page_check = PageCheck(store.path, window)
    window.page_check.passed.connect(window.session.database_checked)
    window.page_check.failed.connect(window.database_damaged)
    # What start-up made (every imported module, Qt's wrappers, the list's first page) stays
    # for good: frozen, the collector no longer walks it. A full collection, run by whichever
    # thread allocates past the threshold, held the Python lock 140 ms walking it, and the
    # window's thread waited (the one stall over 100 ms typing in a table).
    gc.freeze()
    # The paste's reader starts now, at its lower priority, rather than when a 2,000-row
    # table is pasted: its start and imports then no longer compete with the paste.
    window.editor.rich.paste_process.start()
    return window


def remembered_database(db_path: Path | str, settings: QSettings) -> Path | str:
    """Return the database to open: the one the window moved to last, unless ``--db`` or
    NEWSROOM_DB named another (or that file is gone)."""
    if not isinstance(db_path, Path) or os.environ.get(DB_ENV) or db_path != database_path():
        return db_path
    value = settings.value(REMEMBERED_DATABASE)
    remembered = Path(str(value)) if value else None
    return remembered if remembered is not None and remembered.exists() else db_path


class WindowHost(QObject):
    """Holds the app's main window; another database opens in a new window in its place."""

    #: The window now showing (after a move to another database).
    switched = Signal(object)

    def __init__(self, settings: QSettings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.window: MainWindow | None = None

    def open(self, db_path: Path | str) -> MainWindow | None:
        """Open the main window on a database (not shown yet); None when it cannot open."""
        window = open_window(db_path, self.settings)
        if window is not None:
            # Queued: the window asking has returned from its own slot before it is closed.
            window.database_requested.connect(self.switch_to, Qt.ConnectionType.QueuedConnection)
            self.window = window
        return window

    def start(self, window: MainWindow) -> None:
        """Show the window and start its background work: the page check, the daily backup."""
        window.show()
        if window.page_check is not None:
            window.page_check.start()
        store = window.store
        window.backups.start_daily(store if store.is_server else store.path)

    def switch_to(self, path: Path | str) -> bool:
        """Move to the database at ``path`` (or a server URL): a window on it opens, the old
        one closes, and the next start opens it too. Whether it opened."""
        old = self.window
        new = self.open(path)
        if new is None:
            self.window = old
            return False
        if isinstance(path, Path):
            # A server is remembered (without its password) by the team connector.
            self.settings.setValue(REMEMBERED_DATABASE, str(path))
            self.settings.sync()
        self.start(new)
        if old is not None:
            store, journal = old.store, old.session.journal
            # The old store closes with its window, once nothing of the window can use it; so
            # does its journal, which another copy of Newsroom may then own.
            old.destroyed.connect(lambda *_: _close_old(store, journal))
            old.close()
            old.deleteLater()
        self.switched.emit(new)
        return True


def _close_old(store: Store, journal: EditJournal | None) -> None:
    store.close()
    if journal is not None:
        journal.close()


def run_app(db_path: Path | str, lang: str | None = None, argv: list[str] | None = None) -> int:
    """Open the main window on the database at ``db_path`` (or a server URL) until it closes."""
    # The preview's URL scheme must be known before the application object exists.
    register_preview_scheme()
    app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("新闻编辑室" if choose_language(lang) == "zh_CN" else "Newsroom")
    icon = resource_path("icons", "newsroom.svg")
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    translators = install_translators(app, choose_language(lang))
    settings = QSettings()
    host = WindowHost(settings)
    # A server remembered by File → Connect to a server… first, then a file moved to.
    window = host.open(remembered_database(starting_location(db_path, settings), settings))
    if window is None:
        return 1
    ending = SessionEnd(app, host)
    # The daily backup runs in the background once the window is up; opening stays fast.
    host.start(window)
    try:
        code = app.exec()
    finally:
        ending.uninstall()
        window = host.window or window
        window.store.close()
        del translators
    if window.restore_requested is not None and not window.store.is_server:
        return _restore_and_restart(window.restore_requested, window.store.path, lang)
    return code


#: Signals that ask Newsroom to stop: a normal end, so the text is saved and the window closes.
STOP_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGHUP", "SIGINT") if hasattr(signal, name)
)


class SessionEnd(QObject):
    """Turns SIGTERM, logging out and shutting down into a normal close that saves first.

    Python runs a signal handler only between bytecodes, never while Qt's event loop waits in
    C++; so the handler's wake-up byte goes down a socket pair that a QSocketNotifier watches,
    and the window is closed from the event loop. The desktop session's end (commit data,
    and on Windows the end-session message, which Qt turns into the same signal and a quit)
    saves the text as well.
    """

    def __init__(self, app: QGuiApplication, window: MainWindow | WindowHost) -> None:
        super().__init__(app)
        # A host's window changes when the app moves to another database: ask it each time.
        self._window = window
        self._reader, self._writer = socket.socketpair()
        self._reader.setblocking(False)
        self._writer.setblocking(False)
        self._previous_fd = signal.set_wakeup_fd(self._writer.fileno(), warn_on_full_buffer=False)
        self._previous = {number: signal.signal(number, _wake_only) for number in STOP_SIGNALS}
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._on_wake)
        app.commitDataRequest.connect(self._commit_data)
        app.aboutToQuit.connect(self._quitting)

    def _current(self) -> MainWindow | None:
        if isinstance(self._window, WindowHost):
            return self._window.window
        return self._window

    def _quitting(self) -> None:
        window = self._current()
        if window is not None:
            window.quitting()

    def _on_wake(self) -> None:
        try:
            numbers = self._reader.recv(64)
        except (BlockingIOError, InterruptedError):
            return
        window = self._current()
        if any(number in STOP_SIGNALS for number in numbers) and window is not None:
            window.end_session()

    def _commit_data(self, manager: QSessionManager) -> None:
        # The session may still be cancelled: save now, close only when the app is told to quit.
        window = self._current()
        if window is not None:
            window.session.autosave()

    def uninstall(self) -> None:
        """Give the signals back to their previous handlers."""
        self._notifier.setEnabled(False)
        for number, handler in self._previous.items():
            signal.signal(number, handler)
        signal.set_wakeup_fd(self._previous_fd)
        self._reader.close()
        self._writer.close()


def _wake_only(number: int, frame: object) -> None:
    """Do nothing in Python: the wake-up byte already told the event loop (see SessionEnd)."""


def _restore_and_restart(backup: Path, db_path: Path, lang: str | None) -> int:
    """Replace the closed database with ``backup`` and start Newsroom again on it."""
    try:
        kept = restore_backup(backup, db_path)
    except StoreError as exc:
        Dialogs.show_error(None, QCoreApplication.translate("App", "Restore failed"), str(exc))
        return 1
    Dialogs.show_info(
        None,
        QCoreApplication.translate("App", "Backup restored"),
        QCoreApplication.translate(
            "App", "The backup was restored. The database it replaced was kept as %1."
        ).replace("%1", str(kept)),
    )
    arguments = ["-m", "desktop", "--db", str(db_path)]
    if lang:
        arguments += ["--lang", lang]
    QProcess.startDetached(sys.executable, arguments)
    return 0
