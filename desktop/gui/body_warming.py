"""The window's side of the body warmer: start it when idle, pause it while typing, stop it.

The warmer (``desktop/render/warming.py``) is a process of its own at the lowest priority;
this object only starts it, opens and closes its gate and stops it with the window, so the
window's process does no rendering for it at all. It runs on a database file on this PC
only: a server's database (team mode) or a file on a network folder, held for one PC, is
not opened a second time for it (their bodies are still cached by the preview and the export).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.gui.work import WorkQueue
from desktop.i18n import current_language
from desktop.store import Store


@dataclass(frozen=True)
class WarmingSettings:
    """When the warmer runs and how low its priority is."""

    #: Quiet time (no typing) before the warmer starts, or goes on after a pause.
    idle_ms: int = 3000
    #: The warmer process's niceness (19: the lowest priority).
    niceness: int = 19
    #: Whether the window runs a warmer at all.
    enabled: bool = True


#: The settings windows start their warmer with (tests replace them).
SETTINGS = WarmingSettings()
#: How often the window looks whether the warmer's pass has ended.
_WATCH_MS = 500
#: How long closing the window waits for the warmer to stop by itself before ending it.
_STOP_WAIT_S = 0.5


class BodyWarming(QObject):
    """Runs passes of the body warmer while the window is idle; stopped when it closes."""

    #: A pass ended (every body looked at, or stopped).
    finished = Signal()

    def __init__(
        self, store: Store, parent: QObject | None = None, settings: WarmingSettings | None = None
    ) -> None:
        super().__init__(parent)
        self.settings = settings or SETTINGS
        local = store.address is None and store.network is None and str(store.path) != ":memory:"
        self._location: Path | None = Path(store.path) if local else None
        self._process: Any = None  # the running pass's multiprocessing process
        self._go_on: Any = None  # its gate: set while it may work
        self._stop: Any = None
        self._due = self.settings.enabled and self._location is not None
        self._closed = False
        self._launching = False  # a pass's process is being started on the worker
        self._launched: _Pass | None = None
        self._starter = WorkQueue(self, name="body warmer")
        #: Passes started (tests read it).
        self.passes = 0
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.setInterval(self.settings.idle_ms)
        self._idle.timeout.connect(self._on_idle)
        self._watch = QTimer(self)
        self._watch.setInterval(_WATCH_MS)
        self._watch.timeout.connect(self._look)
        if self._due:
            self._idle.start()

    @property
    def pid(self) -> int | None:
        """The running pass's process id, or None."""
        return self._process.pid if self._process is not None else None

    def is_running(self) -> bool:
        """Whether a pass's process is alive."""
        return self._process is not None and self._process.is_alive()

    def is_paused(self) -> bool:
        """Whether a running pass is held back (the user is typing)."""
        return self._go_on is not None and not self._go_on.is_set()

    def edited(self) -> None:
        """The user typed: hold the warmer back until the next quiet time."""
        if self._closed:
            return
        if self._go_on is not None and self._go_on.is_set():
            self._go_on.clear()
        if self._process is not None or self._due or self._launching:
            self._idle.start()

    def again(self) -> None:
        """New bodies came in (an import): run another pass at the next quiet time."""
        if self._closed or not self.settings.enabled or self._location is None:
            return
        self._due = True
        if not self._idle.isActive() and self._process is None:
            self._idle.start()

    def _on_idle(self) -> None:
        if self._process is not None:
            self._go_on.set()
        elif self._due:
            self._start()

    def _start(self) -> None:
        self._due = False
        self._launching = True
        location, niceness, language = self._location, self.settings.niceness, current_language()

        def launch(_context: object) -> _Pass | None:
            # On a worker: the first process of a kind imports multiprocessing's parts and
            # starts its semaphore tracker, tens of milliseconds the window's thread keeps.
            launched = _launch(location, language, niceness) if location is not None else None
            self._launched = launched  # for stop(), which may wait for this before delivery
            return launched

        job = self._starter.start(launch)
        job.succeeded.connect(self._started)
        job.failed.connect(lambda _error: self._started(None))

    def _started(self, launched: _Pass | None) -> None:
        self._launching = False
        self._launched = None
        if launched is None or self._process is not None or self._closed:
            return  # closed: stop() has waited for this start and ended the pass
        self._process, self._go_on, self._stop = launched
        self.passes += 1
        if self._idle.isActive():
            self._go_on.clear()  # typed while it started: wait for the quiet time
        self._watch.start()

    def _look(self) -> None:
        if self._process is not None and not self._process.is_alive():
            self._end()
            if self._due and not self._idle.isActive():
                self._idle.start()  # an import came in during the pass: one more
            self.finished.emit()

    def _end(self) -> None:
        self._watch.stop()
        process, self._process = self._process, None
        self._go_on = self._stop = None
        if process is not None:
            process.join(0)
            process.close()

    def stop(self) -> None:
        """Stop the warmer for good (the window closes): no pass runs after this returns."""
        self._closed = True
        self._idle.stop()
        self._due = False
        if self._launching:
            self._starter.wait()
            launched, self._launched = self._launched, None
            if launched is not None and self._process is None:
                _end_pass(launched)
        if self._process is not None:
            _end_pass((self._process, self._go_on, self._stop))
        self._end()


#: A running pass: its process, its go-on gate and its stop gate.
_Pass = tuple[Any, Any, Any]


def _launch(location: Path, language: str, niceness: int) -> _Pass | None:
    """Start a pass of the warmer over the database at ``location``; None if it cannot start."""
    from desktop.render.body_cache import default_path
    from desktop.render.warming import warm_database

    # "spawn": a forked copy of a process running Qt threads can deadlock.
    context = multiprocessing.get_context("spawn")
    go_on, stop = context.Event(), context.Event()
    go_on.set()
    process = context.Process(
        target=warm_database,
        args=(location, default_path(), go_on, stop, language, niceness),
        name="newsroom body warmer",
        daemon=True,
    )
    try:
        process.start()
    except OSError:
        return None  # no process (a frozen app): the export renders the bodies itself
    if hasattr(os, "setpriority") and process.pid is not None:
        # Lowered at once, not only by the process itself after its start-up imports.
        with contextlib.suppress(OSError):
            os.setpriority(os.PRIO_PROCESS, process.pid, niceness)
    return process, go_on, stop


def _end_pass(running: _Pass) -> None:
    """Stop a pass: ask it, and end its process if it does not stop at once."""
    process, go_on, stop = running
    stop.set()
    go_on.set()  # a paused pass wakes to see the stop
    process.join(_STOP_WAIT_S)
    if process.is_alive():
        # Rendering at the lowest priority it may not get a core soon; the cache is an
        # SQLite file, safe however a process ends.
        process.terminate()
        process.join(2)
        if process.is_alive():
            process.kill()
            process.join()
