"""Slow work off the GUI thread: the one idiom (desktop/gui/work.py), and no other in the GUI."""

from __future__ import annotations

import ast
import threading
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtWidgets import QWidget

from desktop.gui.work import Job, JobCancelled, JobContext, WorkQueue

GUI = Path(__file__).resolve().parents[2] / "desktop" / "gui"
WAIT_MS = 10_000


class Seen:
    """Everything a job told the GUI thread, with the thread it arrived on."""

    def __init__(self, job: Job) -> None:
        self.events: list[tuple[str, Any]] = []
        self.threads: set[int] = set()
        for name in ("progressed", "produced", "asked", "succeeded", "failed"):
            getattr(job, name).connect(lambda *args, name=name: self._add(name, args))
        job.cancelled.connect(lambda: self._add("cancelled", ()))
        job.ended.connect(lambda: self._add("ended", ()))

    def _add(self, name: str, args: tuple[Any, ...]) -> None:
        self.threads.add(threading.get_ident())
        self.events.append((name, args[0] if len(args) == 1 else args))

    def names(self) -> list[str]:
        return [name for name, _ in self.events]

    def ended(self) -> bool:
        return "ended" in self.names()


def test_progress_items_and_the_result_arrive_in_order_on_the_gui_thread(qtbot) -> None:
    queue = WorkQueue()
    worker_threads: list[int] = []

    def work(context: JobContext) -> str:
        worker_threads.append(threading.get_ident())
        for done in range(1, 4):
            context.send(f"file {done}")
            context.report(done, 3, f"file {done}")
        return "three files"

    job = queue.start(work)
    seen = Seen(job)
    qtbot.waitUntil(seen.ended, timeout=WAIT_MS)
    assert seen.events == [
        ("produced", "file 1"),
        ("progressed", (1, 3, "file 1")),
        ("produced", "file 2"),
        ("progressed", (2, 3, "file 2")),
        ("produced", "file 3"),
        ("progressed", (3, 3, "file 3")),
        ("succeeded", "three files"),
        ("ended", ()),
    ]
    assert worker_threads and worker_threads[0] != threading.get_ident()
    assert seen.threads == {threading.get_ident()}
    assert not job.is_running() and not queue.busy()


def test_a_failure_is_delivered_not_raised(qtbot) -> None:
    queue = WorkQueue()

    def work(context: JobContext) -> None:
        raise OSError("the disk is full")

    job = queue.start(work)
    seen = Seen(job)
    qtbot.waitUntil(seen.ended, timeout=WAIT_MS)
    assert seen.names() == ["failed", "ended"]
    error = seen.events[0][1]
    assert isinstance(error, OSError) and "disk is full" in str(error)


def test_cancelling_stops_a_running_job_and_skips_a_queued_one(qtbot) -> None:
    queue = WorkQueue()  # one thread: the second job waits for the first
    started, ran_second = threading.Event(), threading.Event()

    def long_work(context: JobContext) -> int:
        started.set()
        steps = 0
        while True:
            context.check_cancelled()
            steps += 1
            context.report(steps, 0)
            threading.Event().wait(0.005)

    def second(context: JobContext) -> None:
        ran_second.set()

    first = queue.start(long_work)
    queued = queue.start(second)
    seen_first, seen_queued = Seen(first), Seen(queued)
    assert started.wait(WAIT_MS / 1000)
    assert first.is_running() and queue.busy()
    queue.cancel_all()
    qtbot.waitUntil(lambda: seen_first.ended() and seen_queued.ended(), timeout=WAIT_MS)
    assert seen_first.names()[-2:] == ["cancelled", "ended"]
    assert seen_queued.names() == ["cancelled", "ended"]
    assert not ran_second.is_set()
    assert first.is_cancelled() and first.wait(0)


def test_a_job_can_ask_the_gui_thread_and_go_on_with_the_answer(qtbot) -> None:
    queue = WorkQueue()

    def work(context: JobContext) -> str:
        answer = context.ask("export despite 2 serious problems?")
        return f"answered {answer}"

    job = queue.start(work)
    seen = Seen(job)
    job.asked.connect(lambda question: job.answer(True))
    qtbot.waitUntil(seen.ended, timeout=WAIT_MS)
    assert seen.events[0] == ("asked", "export despite 2 serious problems?")
    assert seen.events[1] == ("succeeded", "answered True")


def test_cancelling_wakes_a_job_waiting_for_an_answer(qtbot) -> None:
    queue = WorkQueue()
    job = queue.start(lambda context: context.ask("go on?"))
    seen = Seen(job)
    qtbot.waitUntil(lambda: seen.names() == ["asked"], timeout=WAIT_MS)
    job.cancel()  # the user closed the window instead of answering
    qtbot.waitUntil(seen.ended, timeout=WAIT_MS)
    assert seen.names() == ["asked", "cancelled", "ended"]


def test_deleting_the_queue_waits_for_the_running_job(qtbot) -> None:
    owner = QWidget()
    queue = WorkQueue(owner)
    release = threading.Event()
    finished: list[bool] = []

    def work(context: JobContext) -> None:
        release.wait(WAIT_MS / 1000)
        finished.append(True)

    queue.start(work)
    threading.Timer(0.3, release.set).start()
    owner.deleteLater()  # the window closing while a job still runs
    seen_after: list[list[bool]] = []

    def deleted() -> bool:
        if not shiboken6.isValid(queue):
            seen_after.append(list(finished))
        return bool(seen_after)

    qtbot.waitUntil(deleted, timeout=WAIT_MS)
    assert seen_after == [[True]]  # deleting blocked until the job had run to its end


def test_job_cancelled_is_the_only_way_a_function_ends_as_cancelled(qtbot) -> None:
    queue = WorkQueue()

    def work(context: JobContext) -> None:
        raise JobCancelled

    seen = Seen(queue.start(work))
    qtbot.waitUntil(seen.ended, timeout=WAIT_MS)
    assert seen.names() == ["cancelled", "ended"]


# One idiom --------------------------------------------------------------------------------------

#: What runs code on another thread; only desktop/gui/work.py may use these.
THREAD_NAMES = {"QThread", "QRunnable", "QThreadPool", "moveToThread", "threading"}
IDIOM = GUI / "work.py"


def thread_uses(source: str, label: str = "") -> list[str]:
    """Where a module's source names a thread class, moveToThread, or the threading module."""
    found: list[str] = []
    for node in ast.walk(ast.parse(source, label or "<source>")):
        names: list[str] = []
        if isinstance(node, ast.Name):
            names = [node.id]
        elif isinstance(node, ast.Attribute):
            names = [node.attr]
        elif isinstance(node, ast.Import | ast.ImportFrom):
            module = getattr(node, "module", None) or ""
            names = [module.split(".")[0], *(a.name.split(".")[0] for a in node.names)]
        for name in names:
            # ``threading.Thread`` and ``from threading import Thread`` count as ``threading``.
            if name in THREAD_NAMES:
                found.append(f"{label}:{getattr(node, 'lineno', 0)}: {name}")
    return found


def test_no_gui_module_but_the_work_queue_starts_threads() -> None:
    offenders = [
        use
        for path in sorted(GUI.rglob("*.py"))
        if path != IDIOM
        for use in thread_uses(path.read_text(encoding="utf-8"), str(path.relative_to(GUI)))
    ]
    assert offenders == []
    assert thread_uses(IDIOM.read_text(encoding="utf-8"), "work.py")  # it sees them there


@pytest.mark.parametrize(
    "source",
    [
        "import threading\n",
        "from threading import Thread\n",
        "from PySide6.QtCore import QThread\n",
        "from PySide6.QtCore import QRunnable, QThreadPool\n",
        "worker.moveToThread(thread)\n",
        "t = threading.Thread(target=run)\n",
    ],
)
def test_the_check_catches_each_idiom(source: str) -> None:
    assert thread_uses(source, "probe.py")
