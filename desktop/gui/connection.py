"""Is the server there? The window's connection state in team mode, and what it refuses offline.

``ServerConnection`` asks the server ``SELECT 1`` on a connection of its own (never reading a
table) every few seconds on a work queue, and is told at once when a save found the server
gone. Offline it tries again with a growing pause (backoff) and says so when the server
answers again; the session then saves what it kept on this PC, with the version check.
``ConnectionLabel`` shows the state in the status bar: 在线 / 离线, the server, and how many
articles have edits kept on this PC only.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel, QWidget

from desktop.gui.dialogs import Dialogs
from desktop.gui.work import WorkQueue
from desktop.store.errors import StoreError
from desktop.store.journal import EditJournal
from desktop.store.location import ServerAddress
from desktop.store.postgres import ServerProbe

#: While online, the server is asked this often whether it is still there.
CHECK_MS = 5_000
#: Offline, the pauses between attempts to reach it again (the last one repeats).
BACKOFF_MS = (1_000, 2_000, 4_000, 8_000, 15_000)


class ServerConnection(QObject):
    """Whether the server answers, checked on its own connection, reconnecting with backoff."""

    #: The server became reachable (True) or unreachable (False).
    online_changed = Signal(bool)

    def __init__(
        self,
        address: ServerAddress,
        parent: QObject | None = None,
        *,
        check_ms: int = CHECK_MS,
        backoff_ms: tuple[int, ...] = BACKOFF_MS,
    ) -> None:
        super().__init__(parent)
        self.address = address
        self._probe = ServerProbe(address)
        self._queue = WorkQueue(self, name="server check")
        self._check_ms = check_ms
        self._backoff = backoff_ms
        self._attempt = 0
        self._online = True
        self._checking = False
        self._stopped = False
        #: Why the server was last found unreachable, as the server or the network said it.
        self.last_error = ""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.check_now)

    @property
    def online(self) -> bool:
        """Whether the server answered the last time it was asked."""
        return self._online

    def set_intervals(self, check_ms: int, backoff_ms: tuple[int, ...]) -> None:
        """Change how often the server is asked, online and offline (tests ask often)."""
        self._check_ms = check_ms
        self._backoff = backoff_ms
        if self._timer.isActive():
            self._timer.start(self._check_ms if self._online else self._backoff[0])

    def is_checking(self) -> bool:
        """Whether a question to the server is on its way."""
        return self._checking

    def start(self) -> None:
        """Start the periodic check."""
        self._stopped = False
        self._timer.start(self._check_ms)

    def lost(self, message: str = "") -> None:
        """A store call found the server gone: go offline now and start reconnecting."""
        self.last_error = message or self.last_error
        self._set_online(False)
        if not self._checking and not self._stopped:
            self._timer.start(self._pause())

    def check_now(self) -> None:
        """Ask the server now (on the work queue); the answer arrives as a state change."""
        if self._checking or self._stopped:
            return
        self._checking = True
        job = self._queue.start(lambda _context: self._probe.check())
        job.succeeded.connect(lambda _result: self._answered(None))
        job.failed.connect(self._answered)
        job.cancelled.connect(lambda: setattr(self, "_checking", False))

    def stop(self) -> None:
        """Stop checking and close the check's connection (the window is closing)."""
        self._stopped = True
        self._timer.stop()
        self._queue.cancel_all()
        self._queue.wait()
        self._probe.close()

    def _answered(self, error: object) -> None:
        self._checking = False
        if error is None:
            self._attempt = 0
            self._set_online(True)
            if not self._stopped:
                self._timer.start(self._check_ms)
            return
        self.last_error = str(error)
        self._set_online(False)
        if not self._stopped:
            self._timer.start(self._pause())

    def _pause(self) -> int:
        pause = self._backoff[min(self._attempt, len(self._backoff) - 1)]
        self._attempt += 1
        return pause

    def _set_online(self, online: bool) -> None:
        if online != self._online:
            self._online = online
            self.online_changed.emit(online)


class ConnectionLabel(QLabel):
    """The status bar's connection state: online or offline, and edits kept on this PC."""

    def __init__(self, address: ServerAddress, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("connection_label")
        self._host = address.host or "localhost"
        self.show_state(True, 0)

    def show_state(self, online: bool, pending: int, reason: str = "") -> None:
        """Show whether the server is reachable and how many articles wait to be saved there."""
        if online:
            text = self.tr("Online · connected to %1").replace("%1", self._host)
        else:
            text = self.tr("Offline · reconnecting…")
        if pending:
            text += " · " + self.tr("%1 unsaved on the server, kept on this PC").replace(
                "%1", str(pending)
            )
        self.setText(text)
        self.setToolTip(
            reason
            if not online and reason
            else self.tr("Edits are kept on this PC until the server confirms them.")
        )


def refuse_offline(parent: QWidget | None, message: str) -> None:
    """Say that what was asked needs the server, which cannot be reached now."""
    Dialogs.show_error(
        parent,
        QCoreApplication.translate("ServerConnection", "Not possible while offline"),
        message
        + "\n\n"
        + QCoreApplication.translate(
            "ServerConnection",
            "The server cannot be reached. What you type is kept on this PC and saved "
            "there as soon as the server is back.",
        ),
    )


def unreachable_text(url: str, reason: str) -> str:
    """What to say when the server is away at start, naming the edits kept on this PC."""
    text = QCoreApplication.translate(
        "ServerConnection", "Newsroom cannot reach its server.\n\n%1"
    ).replace("%1", reason)
    try:
        journal = EditJournal.for_server(ServerAddress.parse(url))
        kept = journal.pending()
        journal.close()
    except (StoreError, ValueError):
        kept = []
    if kept:
        titles = "\n".join(f"· {article.title}" for article in kept)
        text += "\n\n" + QCoreApplication.translate(
            "ServerConnection",
            "Edits to these articles are kept on this PC and are saved on the server as "
            "soon as Newsroom can open it again:\n%1",
        ).replace("%1", titles)
    return text
