"""A timer for work that follows typing: after a pause, and at the latest after a deadline."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal


class TypingTimer(QObject):
    """Fires after a pause in typing, or at the latest a deadline after the first edit."""

    #: The pause or the deadline has come: do the work now.
    due = Signal()

    def __init__(self, pause_ms: int, max_wait_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._deadline = QTimer(self)
        self._deadline.setSingleShot(True)
        self.set_intervals(pause_ms, max_wait_ms)
        self._pause.timeout.connect(self._fire)
        self._deadline.timeout.connect(self._fire)

    def set_intervals(self, pause_ms: int, max_wait_ms: int) -> None:
        """Change the pause and the deadline (a running wait restarts with the new ones)."""
        self._pause.setInterval(pause_ms)
        self._deadline.setInterval(max_wait_ms)

    def intervals(self) -> tuple[int, int]:
        """Return the pause and the deadline in milliseconds."""
        return self._pause.interval(), self._deadline.interval()

    def edited(self) -> None:
        """Something was typed: wait for a pause, but not past the deadline."""
        self._pause.start()
        if not self._deadline.isActive():
            self._deadline.start()

    def is_waiting(self) -> bool:
        """Whether an edit is waiting for the pause or the deadline."""
        return self._pause.isActive() or self._deadline.isActive()

    def cancel(self) -> None:
        """Forget the waiting edit (the work was done some other way)."""
        self._pause.stop()
        self._deadline.stop()

    def _fire(self) -> None:
        self.cancel()
        self.due.emit()
