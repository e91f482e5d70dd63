"""What the GUI thread was doing during each stall: its Python stack, sampled from another thread.

``tests/perf/stall_scenario.py`` starts a ``StallTracer`` when asked (``bench_window
--stalls-only --trace MS``): a thread that every few milliseconds takes the GUI thread's
Python stack from ``sys._current_frames()`` and the thread's CPU run and run-queue wait times
from ``/proc/self/task/TID/schedstat`` (Linux). After the run, ``explain`` matches the samples
to each gap of the heartbeat longer than the threshold: how long the thread ran and waited for a
processor in it, and which stacks it was seen in (innermost first). A sample can only be taken
while the sampler holds the Python lock, so a long call into Qt that keeps the lock shows as a
hole in the samples, reported as such.
"""

from __future__ import annotations

import itertools
import os
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import TextIO

#: Frames kept of each stack, innermost first.
DEPTH = 14
#: The scenario's main(), in its event loop: below it every stack is the same.
_LOOP = "tests/perf/stall_scenario.py:"
#: The repository's root: frames are named by their path below it.
_ROOT = str(Path(__file__).resolve().parents[2]) + "/"


@dataclass(frozen=True)
class Sample:
    """The GUI thread at one moment: when, its CPU and wait times so far (ns), its stack."""

    at: float
    run_ns: int
    wait_ns: int
    stack: tuple[str, ...]
    #: Every thread's CPU time so far (ns), by thread id: who ran while the GUI thread did not.
    threads: dict[int, int]


class StallTracer:
    """Samples one thread's stack and scheduler times every ``interval`` seconds."""

    def __init__(self, interval: float = 0.005) -> None:
        self.interval = interval
        self.samples: list[Sample] = []
        self._target = threading.get_ident()
        self._schedstat = f"/proc/self/task/{threading.get_native_id()}/schedstat"
        self._names: dict[tuple[object, int], str] = {}
        self._stop = threading.Event()
        self._gui_tid = threading.get_native_id()
        #: Thread names by id, as last seen (Python's names, else the system's).
        self.names: dict[int, str] = {}
        self._last_threads: dict[int, int] = {}
        self._thread = threading.Thread(target=self._run, name="stall-tracer", daemon=True)

    def start(self) -> None:
        """Start sampling the thread that calls this."""
        self._thread.start()

    def stop(self) -> None:
        """Stop sampling and wait for the sampler."""
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            frame = sys._current_frames().get(self._target)
            stack: list[str] = []
            while frame is not None and len(stack) < DEPTH:
                stack.append(self._name(frame))
                frame = frame.f_back
            run_ns, wait_ns = self._sched()
            # Every thread's times every fourth sample: reading them all costs the sampler.
            threads = self._threads() if len(self.samples) % 4 == 0 else self._last_threads
            self._last_threads = threads
            self.samples.append(Sample(time.perf_counter(), run_ns, wait_ns, tuple(stack), threads))

    def _name(self, frame: FrameType) -> str:
        code = frame.f_code
        key = (code, frame.f_lineno)
        name = self._names.get(key)
        if name is None:
            path = code.co_filename.removeprefix(_ROOT)
            if "site-packages/" in path:
                path = path.split("site-packages/", 1)[1]
            name = f"{path}:{frame.f_lineno} {code.co_name}"
            self._names[key] = name
        return name

    def _threads(self) -> dict[int, int]:
        """Every thread's CPU time so far; names noted for threads not seen before."""
        found: dict[int, int] = {}
        try:
            tids = [int(tid) for tid in os.listdir("/proc/self/task")]
        except OSError:
            return found
        for tid in tids:
            if tid == self._gui_tid:
                continue
            try:
                with open(f"/proc/self/task/{tid}/schedstat") as stat:
                    found[tid] = int(stat.read().split()[0])
            except (OSError, ValueError, IndexError):
                continue
            if tid not in self.names:
                self.names[tid] = self._thread_name(tid)
        return found

    @staticmethod
    def _thread_name(tid: int) -> str:
        for thread in threading.enumerate():
            if thread.native_id == tid:
                return thread.name
        try:
            with open(f"/proc/self/task/{tid}/comm") as comm:
                return comm.read().strip()
        except OSError:
            return str(tid)

    def _sched(self) -> tuple[int, int]:
        try:
            with open(self._schedstat) as stat:
                run, wait, *_ = stat.read().split()
            return int(run), int(wait)
        except (OSError, ValueError):
            return 0, 0


def explain(
    samples: list[Sample], ticks: list[float], over_ms: float, names: dict[int, str] | None = None
) -> list[dict]:
    """For each gap between ticks over ``over_ms``: its length, the thread's run and wait time
    in it, the other threads that ran most meanwhile, the longest hole in the samples, and the
    stacks seen (most often first)."""
    names = names or {}
    found = []
    index = 0
    for before, after in itertools.pairwise(ticks):
        gap = (after - before) * 1000
        if gap <= over_ms:
            continue
        while index < len(samples) and samples[index].at < before:
            index += 1
        inside = []
        probe = index
        while probe < len(samples) and samples[probe].at <= after:
            inside.append(samples[probe])
            probe += 1
        edges = samples[max(0, index - 1) : probe + 1]
        run = wait = 0.0
        others: list[tuple[str, float]] = []
        if len(edges) >= 2:
            run = (edges[-1].run_ns - edges[0].run_ns) / 1e6
            wait = (edges[-1].wait_ns - edges[0].wait_ns) / 1e6
            first, last = edges[0].threads, edges[-1].threads
            ran = {tid: (last[tid] - first.get(tid, 0)) / 1e6 for tid in last}
            others = [
                (names.get(tid, str(tid)), ms)
                for tid, ms in sorted(ran.items(), key=lambda item: -item[1])[:4]
                if ms >= 1
            ]
        stamps = [before, *(sample.at for sample in inside), after]
        hole = max((b - a) * 1000 for a, b in itertools.pairwise(stamps))
        stacks = Counter(sample.stack for sample in inside)
        found.append(
            {
                "at": before,
                "gap_ms": gap,
                "run_ms": run,
                "wait_ms": wait,
                "samples": len(inside),
                "hole_ms": hole,
                "others": others,
                "stacks": [
                    {"count": count, "stack": list(stack)} for stack, count in stacks.most_common(4)
                ],
            }
        )
    return found


def print_stalls(stalls: list[dict], started: float, out: TextIO = sys.stdout) -> None:
    """Print what ``explain`` found, one stall after another."""
    for stall in stalls:
        print(
            f"    stall of {stall['gap_ms']:.0f} ms at {stall['at'] - started:.2f} s: "
            f"GUI thread ran {stall['run_ms']:.0f} ms, waited for a processor "
            f"{stall['wait_ms']:.0f} ms; {stall['samples']} samples, longest hole "
            f"{stall['hole_ms']:.0f} ms",
            file=out,
        )
        if stall.get("others"):
            ran = ", ".join(f"{name} {ms:.0f} ms" for name, ms in stall["others"])
            print(f"      other threads ran: {ran}", file=out)
        for seen in stall["stacks"]:
            print(f"      {seen['count']} x", file=out)
            for frame in seen["stack"]:
                if frame.startswith(_LOOP) and frame.endswith(" main"):
                    print("          (the event loop)", file=out)
                    break
                print(f"          {frame}", file=out)
