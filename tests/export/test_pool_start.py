"""How render workers start: forked from a process with no other thread, spawned otherwise."""

from __future__ import annotations

import multiprocessing
import threading

import pytest

from desktop.export.pool import start_method


@pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(), reason="no fork on this platform"
)
def test_workers_fork_only_while_no_other_thread_runs() -> None:
    assert threading.active_count() == 1, "the test needs a process with one thread"
    assert start_method() == "fork"
    release = threading.Event()
    other = threading.Thread(target=release.wait)  # as the window's work queue would be
    other.start()
    try:
        assert start_method() == "spawn"
    finally:
        release.set()
        other.join()
    assert start_method() == "fork"
