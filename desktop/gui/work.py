"""The one way the window runs slow work off the GUI thread: jobs on a work queue.

A ``WorkQueue`` owns a thread pool (one thread unless asked for more) and runs ``Job``s on
it. The job's function gets a ``JobContext`` to report progress, send items as it goes, ask
the GUI thread a question and see whether it was cancelled; it never touches a widget.
Everything it reports reaches the GUI thread through one queued signal of the queue, in the
order it was reported, and is handed to the job's callbacks there: exactly one outcome
(``succeeded``, ``failed`` or ``cancelled``), then ``ended``. CPU-heavy work still fans out
to process pools in the core (export rendering, Word reading); a job only drives them.
A ``Deletion`` deletes a QObject nothing uses any more on a thread of its own, for an object
whose destruction is long (a huge document).

Jobs are plain Python objects rather than one QObject each: a render per keystroke would
otherwise create and destroy a QObject per keystroke across two threads, and the queue's own
QObjects live exactly as long as the queue.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, Qt, QThread, QThreadPool, Signal, Slot

__all__ = ["Deletion", "Job", "JobCancelled", "JobContext", "JobSignal", "WorkQueue"]

#: How long a job's thread may keep Python's lock while the GUI thread waits for it. At
#: Python's 5 ms the GUI thread waits that long each time Qt calls back into Python (a
#: signal, an event, a highlighter's block) while a job converts a long body: a keystroke
#: in a 2,000-row table made of tens of such calls stalled for 100-300 ms.
SWITCH_INTERVAL_S = 0.001


class JobCancelled(Exception):
    """Raised inside a job's function to end it as cancelled."""


class JobSignal:
    """A job's callback list: ``connect`` a callable, called on the GUI thread."""

    def __init__(self) -> None:
        self._slots: list[Callable[..., object]] = []

    def connect(self, slot: Callable[..., object]) -> None:
        """Call ``slot`` with the signal's arguments each time it is emitted."""
        self._slots.append(slot)

    def emit(self, *args: object) -> None:
        """Call every connected slot, in the order they were connected."""
        for slot in list(self._slots):
            slot(*args)

    def clear(self) -> None:
        """Forget every slot (once the job has ended, so nothing stays alive through it)."""
        self._slots.clear()


_PROGRESS, _ITEM, _QUESTION = "progress", "item", "question"
_SUCCEEDED, _FAILED, _CANCELLED = "succeeded", "failed", "cancelled"


class JobContext:
    """What a job's function may use on the worker thread: progress, items, cancellation."""

    def __init__(self, job: Job, relay: _Relay) -> None:
        self._job = job
        self._relay = relay

    def report(self, done: int, total: int, detail: object = None) -> None:
        """Tell the GUI thread how far the work is (``done`` of ``total``, and what)."""
        self._relay.delivered.emit(self._job, _PROGRESS, (done, total, detail))

    def send(self, item: object) -> None:
        """Hand one finished piece of the work to the GUI thread (``produced``)."""
        self._relay.delivered.emit(self._job, _ITEM, item)

    def ask(self, question: object) -> object:
        """Put ``question`` to the GUI thread (``asked``) and wait for ``Job.answer``.

        Raises ``JobCancelled`` if the job is cancelled instead of answered.
        """
        job = self._job
        job._answered.clear()
        self.check_cancelled()  # cancelling also sets ``_answered``: checked after clearing
        self._relay.delivered.emit(job, _QUESTION, question)
        job._answered.wait()
        self.check_cancelled()
        return job._answer

    def cancelled(self) -> bool:
        """Whether the GUI thread asked the job to stop (safe to call often)."""
        return self._job._cancel.is_set()

    def check_cancelled(self) -> None:
        """Raise ``JobCancelled`` if the job was asked to stop."""
        if self._job._cancel.is_set():
            raise JobCancelled


#: A job's function: runs on the worker thread, returns the job's result.
Work = Callable[[JobContext], Any]


class Job:
    """One piece of slow work; its signals are emitted on the GUI thread."""

    def __init__(self, work: Work) -> None:
        self._work: Work | None = work
        self._cancel = threading.Event()
        self._done = threading.Event()
        self._answered = threading.Event()
        self._answer: object = None
        self._ended = False
        #: done, total, detail (whatever the function reported with them, or None).
        self.progressed = JobSignal()
        #: One item sent by the function while it runs.
        self.produced = JobSignal()
        #: The function waits for ``answer`` to this question (e.g. "export despite problems?").
        self.asked = JobSignal()
        #: The function returned this value.
        self.succeeded = JobSignal()
        #: The function raised this exception (never ``JobCancelled``).
        self.failed = JobSignal()
        #: The job was cancelled before or while it ran.
        self.cancelled = JobSignal()
        #: Last of all, after the outcome.
        self.ended = JobSignal()

    def cancel(self) -> None:
        """Ask the job to stop; ``cancelled`` follows once its function has noticed."""
        self._cancel.set()
        self._answered.set()  # a function waiting on a question wakes up and stops

    def answer(self, value: object) -> None:
        """Answer the question the function is waiting on; it goes on with ``value``."""
        self._answer = value
        self._answered.set()

    def is_cancelled(self) -> bool:
        """Whether cancelling was asked for."""
        return self._cancel.is_set()

    def is_running(self) -> bool:
        """Whether the job has not ended yet (queued, running, or its outcome not delivered)."""
        return not self._ended

    def wait(self, timeout_ms: int = 30_000) -> bool:
        """Block until the function has returned (closing the app); whether it did in time."""
        return self._done.wait(timeout_ms / 1000)

    def _run(self, relay: _Relay) -> None:
        # On the worker thread: nothing here may touch a widget or raise into the pool.
        work, self._work = self._work, None  # the closure is not kept once it has run
        try:
            if self._cancel.is_set() or work is None:
                raise JobCancelled
            result = work(JobContext(self, relay))
        except JobCancelled:
            relay.delivered.emit(self, _CANCELLED, None)
        except Exception as exc:
            relay.delivered.emit(self, _FAILED, exc)
        else:
            relay.delivered.emit(self, _SUCCEEDED, result)
        finally:
            self._done.set()

    def _deliver(self, kind: str, payload: Any) -> None:
        # On the GUI thread, in the order the function reported.
        if self._ended:
            return
        if kind == _PROGRESS:
            self.progressed.emit(*payload)
        elif kind == _ITEM:
            self.produced.emit(payload)
        elif kind == _QUESTION:
            self.asked.emit(payload)
        else:
            self._ended = True
            try:
                if kind == _SUCCEEDED:
                    self.succeeded.emit(payload)
                elif kind == _FAILED:
                    self.failed.emit(payload)
                else:
                    self.cancelled.emit()
            finally:
                try:
                    self.ended.emit()
                finally:
                    for signal in (
                        self.progressed,
                        self.produced,
                        self.asked,
                        self.succeeded,
                        self.failed,
                        self.cancelled,
                        self.ended,
                    ):
                        signal.clear()


class _Relay(QObject):
    """Carries what jobs report from the worker thread to the GUI thread."""

    delivered = Signal(object, str, object)  # job, kind, payload


class _Runnable(QRunnable):
    def __init__(self, job: Job, relay: _Relay) -> None:
        super().__init__()
        self._job = job
        self._relay = relay

    def run(self) -> None:
        """Run the job on the pool's thread."""
        self._job._run(self._relay)


class WorkQueue(QObject):
    """Runs jobs in the background, one at a time unless given more threads.

    Deleting the queue waits for the job that is running: its pool is its first child, and
    Qt destroys children in creation order, so no job outlives the relay it reports through.
    """

    def __init__(self, parent: QObject | None = None, *, threads: int = 1, name: str = "") -> None:
        super().__init__(parent)
        if sys.getswitchinterval() > SWITCH_INTERVAL_S:
            sys.setswitchinterval(SWITCH_INTERVAL_S)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max(1, threads))
        self._relay = _Relay(self)
        self._relay.delivered.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        if name:
            self.setObjectName(name)
        self._jobs: list[Job] = []

    def start(self, work: Work) -> Job:
        """Queue ``work`` and return its job (connect to its signals right away)."""
        job = Job(work)
        self._jobs.append(job)
        self._pool.start(_Runnable(job, self._relay))
        return job

    def cancel_all(self) -> None:
        """Cancel every job that has not ended (queued ones end as cancelled without running)."""
        for job in list(self._jobs):
            job.cancel()

    def busy(self) -> bool:
        """Whether a job is queued, running, or still delivering its outcome."""
        return bool(self._jobs)

    def wait(self, timeout_ms: int = 30_000) -> bool:
        """Block until every queued and running job's function has returned."""
        return self._pool.waitForDone(timeout_ms)

    @Slot(object, str, object)
    def _deliver(self, job: Job, kind: str, payload: object) -> None:
        if kind not in (_PROGRESS, _ITEM, _QUESTION) and job in self._jobs:
            self._jobs.remove(job)
        job._deliver(kind, payload)


class Deletion:
    """A QObject deleted on a thread of its own, which ends once the object is gone.

    For an object nothing uses any more whose destruction is long (a document of 10,000
    blocks): Qt's text classes are reentrant, so such an object may be deleted on any one
    thread. It must have no parent. Python's wrapper is kept here until Qt has deleted the
    object: the last reference dropped on the GUI thread would delete it there, or twice.
    """

    def __init__(self, doomed: QObject, name: str = "deletion") -> None:
        self._doomed = doomed
        self._thread = QThread()
        self._thread.setObjectName(name)
        doomed.moveToThread(self._thread)
        # Qt deletes it as the thread's event loop starts, then the loop ends.
        doomed.deleteLater()
        doomed.destroyed.connect(self._thread.quit, Qt.ConnectionType.DirectConnection)
        self._thread.start()

    def deleted(self) -> bool:
        """Whether Qt has deleted the object."""
        return not shiboken6.isValid(self._doomed)

    def finished(self) -> bool:
        """Whether the object is deleted and its thread has ended."""
        return self._thread.isFinished()

    def wait(self) -> None:
        """Block until the object is deleted and its thread has ended."""
        self._thread.wait()
