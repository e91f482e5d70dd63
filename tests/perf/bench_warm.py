"""Time the export of a database after the window's body warmer went over it, beside cold.

Run ``python -m tests.perf.bench_warm [--quick] [--articles 1000]``. On generated articles
(as ``bench_export``: about 3,000 characters, bold lead-ins, a list; all published), with a
cache folder of the run's own:

1. ``newsroom export`` from process start with an empty cache (cold);
2. the window opened on the database (offscreen, in a process of its own, as the app opens
   it) and left idle until its warmer's pass ends; a 10 ms heartbeat on the window's thread
   gives the worst gap and the 99th percentile meanwhile, the pass's time and the cache's
   entries are printed;
3. ``newsroom export`` from process start again, to a new folder: the bodies the window
   warmed are read from the cache.

The load average is printed beside each figure: the warmer runs at nice 19, so on a busy
machine its pass takes as long as the other work leaves it. It only reports; it never fails
on timing.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from tests.perf.bench_export import (  # noqa: E402
    build_store,
    child_environment,
    newsroom_export,
    summary_value,
)

WINDOW = r"""
import json, os, resource, statistics, sys, time
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
from pathlib import Path
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication
from desktop.gui.preview import register_preview_scheme
register_preview_scheme()
app = QApplication([])
from desktop.gui.app import open_window
window = open_window(Path(sys.argv[1]), QSettings(sys.argv[2], QSettings.Format.IniFormat))
window.show()
window.page_check.start()
limit = float(sys.argv[3])
marks = {"opened": time.perf_counter()}
gaps = []
late = []
last = [time.perf_counter()]
def beat():
    now = time.perf_counter()
    if "started" in marks and "finished" not in marks:
        gaps.append((now - last[0]) * 1000)
        if gaps[-1] > 110:
            late.append((round(now - marks["started"], 2), round(gaps[-1] - 10)))
    last[0] = now
heart = QTimer()
heart.setInterval(10)
heart.timeout.connect(beat)
heart.start()
def look():
    if time.perf_counter() - marks["opened"] > limit:
        marks["gave_up"] = time.perf_counter()
        app.quit()
watch = QTimer()
watch.setInterval(50)
watch.timeout.connect(look)
watch.start()
def finished():
    marks["finished"] = time.perf_counter()
    app.quit()
window.body_warming.finished.connect(finished)
start_pass = window.body_warming._start
def timed_start():
    marks["started"] = begun = time.perf_counter()
    start_pass()
    marks["start_ms"] = (time.perf_counter() - begun) * 1000
window.body_warming._start = timed_start
app.exec()
window.session.forget_changes()
window.close()
gaps.sort()
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({
    "pass_s": marks.get("finished", marks.get("gave_up", 0)) - marks.get("started", 0),
    "finished": "finished" in marks,
    "worst_ms": max(gaps) - 10 if gaps else 0,
    "p99_ms": gaps[int(len(gaps) * 0.99)] - 10 if gaps else 0,
    "children_cpu_s": usage.ru_utime + usage.ru_stime,
    "start_ms": marks.get("start_ms", 0),
    "late": late,
}))
"""


def cache_entries(cache: Path) -> int:
    """Return how many bodies the cache file under ``cache`` holds."""
    path = cache / "Newsroom" / "rendered-bodies.sqlite3"
    if not path.exists():
        return 0
    with sqlite3.connect(path) as db:
        return int(db.execute("SELECT count(*) FROM bodies").fetchone()[0])


def _load() -> float:
    return os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")


def bench(count: int, folder: Path, limit: float) -> None:
    """Print the figures for one database size."""
    db = folder / f"bench-{count}.db"
    build_store(db, count).close()
    cache = folder / "user-cache"
    os.environ["XDG_CACHE_HOME"] = os.environ["LOCALAPPDATA"] = str(cache)
    print(f"\n{count} published articles of about 3,000 characters; load average {_load():.1f}")

    load = _load()
    cold = newsroom_export(db, "--out", str(folder / "cold"))
    print(
        f"  full export, cold:             {cold.seconds:6.2f} s, CPU {cold.cpu:.2f} s "
        f"(with workers), {summary_value(cold.output, 'files')} files; "
        f"load average {load:.1f} before, {_load():.1f} after"
    )
    (cache / "Newsroom" / "rendered-bodies.sqlite3").unlink()
    for extra in ("-wal", "-shm"):
        (cache / "Newsroom" / f"rendered-bodies.sqlite3{extra}").unlink(missing_ok=True)

    load = _load()
    result = subprocess.run(
        [sys.executable, "-c", WINDOW, str(db), str(folder / "settings.ini"), str(limit)],
        env=child_environment(),
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"the window failed:\n{result.stdout}\n{result.stderr}")
    window = json.loads(result.stdout.strip().splitlines()[-1])
    how = "ended" if window["finished"] else f"stopped unfinished after {limit:.0f} s"
    print(
        f"  the window's warmer pass:      {window['pass_s']:6.2f} s ({how}), "
        f"{cache_entries(cache)} bodies cached, CPU {window['children_cpu_s']:.2f} s "
        f"(its processes); the window's thread: {window['start_ms']:.0f} ms to start it, "
        f"from then to the pass's end worst gap "
        f"{window['worst_ms']:.0f} ms, p99 {window['p99_ms']:.0f} ms; "
        f"load average {load:.1f} before, {_load():.1f} after"
        + (
            "; gaps over 100 ms (s after the start: ms): "
            + ", ".join(f"{at}: {ms}" for at, ms in window["late"])
            if window["late"]
            else ""
        )
    )

    load = _load()
    warm = newsroom_export(db, "--out", str(folder / "warmed"))
    print(
        f"  full export after the window:  {warm.seconds:6.2f} s, CPU {warm.cpu:.2f} s "
        f"(with workers), {summary_value(warm.output, 'files')} files; "
        f"load average {load:.1f} before, {_load():.1f} after; "
        f"{warm.seconds / cold.seconds:.2f} of the cold export's time"
    )


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="60 articles (CI)")
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument(
        "--limit", type=float, default=1800, help="seconds the window waits for its warmer"
    )
    args = parser.parse_args(argv)
    count = 60 if args.quick else args.articles
    with tempfile.TemporaryDirectory(prefix="newsroom-bench-warm-") as folder:
        bench(count, Path(folder), args.limit)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
