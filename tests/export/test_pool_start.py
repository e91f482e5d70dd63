"""How render workers start: forked from a process with no other thread, spawned otherwise."""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys

import pytest

from tests.conftest import REPO

# Run in a process of its own: the tests' process may hold other tests' threads (Qt's).
SCRIPT = """
import _thread, os, threading, time
from desktop.export.pool import start_method

def until_one_thread():
    for _ in range(500):  # the system's thread ends a moment after Python's join
        if len(os.listdir("/proc/self/task")) == 1:
            return
        time.sleep(0.01)

print("alone", start_method())
release = threading.Event()
other = threading.Thread(target=release.wait)  # as the window's work queue would be
other.start()
print("python thread", start_method())
release.set()
other.join()
until_one_thread()
print("alone again", start_method())

# Qt's threads (the window's work queue, its web engine) are not in threading's books.
started, stop = _thread.allocate_lock(), _thread.allocate_lock()
started.acquire()
stop.acquire()

def native():
    started.release()
    stop.acquire()

_thread.start_new_thread(native, ())
started.acquire()
print("native thread", threading.active_count(), start_method())
stop.release()
"""


@pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods() or not os.path.isdir("/proc/self/task"),
    reason="fork, and threads counted by the system (Linux)",
)
def test_workers_fork_only_while_the_process_runs_no_other_thread() -> None:
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert result.stdout.splitlines() == [
        "alone fork",
        "python thread spawn",
        "alone again fork",
        "native thread 1 spawn",  # threading sees one thread; the system two
    ], result.stdout + result.stderr
