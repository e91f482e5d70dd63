"""Starting the window: Qt application, translations, the store, and the main window."""

from __future__ import annotations

import signal
import socket
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QProcess, QSettings, QSocketNotifier
from PySide6.QtGui import QGuiApplication, QIcon, QSessionManager
from PySide6.QtWidgets import QApplication

from desktop.demo import open_store
from desktop.gui.dialogs import Dialogs
from desktop.gui.i18n import choose_language, install_translators
from desktop.gui.preview import register_preview_scheme
from desktop.resources import resource_path
from desktop.store import Store, StoreError
from desktop.store.backup import newest_good_backup, restore_backup
from desktop.store.errors import DamagedDatabase, ServerUnreachable
from desktop.store.integrity import READ_FAILURES, read_failure

if TYPE_CHECKING:
    from desktop.gui.main_window import MainWindow

ORGANISATION = "Newsroom"
APPLICATION = "Newsroom"


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
    from desktop.gui.main_window import MainWindow

    try:
        store = Store.open(url)
    except ServerUnreachable as exc:
        _show_unreachable(url, exc)
        return None
    except StoreError as exc:
        _show_open_error(exc)
        return None
    # The server looks after its own pages: no file check to wait for before saving.
    return MainWindow(store, settings)


def _show_unreachable(url: str, exc: ServerUnreachable) -> None:
    """The server is away at start: say so, and that the edits kept on this PC are safe."""
    from desktop.gui.connection import unreachable_text

    Dialogs.show_error(
        None,
        QCoreApplication.translate("App", "Cannot reach the server"),
        unreachable_text(url, str(exc)),
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
    return window


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
    window = open_window(db_path, QSettings())
    if window is None:
        return 1
    store = window.store
    ending = SessionEnd(app, window)
    window.show()
    if window.page_check is not None:
        window.page_check.start()
    # The daily backup runs in the background once the window is up; opening stays fast.
    window.backups.start_daily(store if store.is_server else store.path)
    try:
        code = app.exec()
    finally:
        ending.uninstall()
        store.close()
        del translators
    if window.restore_requested is not None and isinstance(db_path, Path):
        return _restore_and_restart(window.restore_requested, db_path, lang)
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

    def __init__(self, app: QGuiApplication, window: MainWindow) -> None:
        super().__init__(app)
        self._window = window
        self._reader, self._writer = socket.socketpair()
        self._reader.setblocking(False)
        self._writer.setblocking(False)
        self._previous_fd = signal.set_wakeup_fd(self._writer.fileno(), warn_on_full_buffer=False)
        self._previous = {number: signal.signal(number, _wake_only) for number in STOP_SIGNALS}
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._on_wake)
        app.commitDataRequest.connect(self._commit_data)
        app.aboutToQuit.connect(window.quitting)

    def _on_wake(self) -> None:
        try:
            numbers = self._reader.recv(64)
        except (BlockingIOError, InterruptedError):
            return
        if any(number in STOP_SIGNALS for number in numbers):
            self._window.end_session()

    def _commit_data(self, manager: QSessionManager) -> None:
        # The session may still be cancelled: save now, close only when the app is told to quit.
        self._window.session.autosave()

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
