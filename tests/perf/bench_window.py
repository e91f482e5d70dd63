"""Main window benchmark: start-up to a painted window and to the first preview, keystroke to
preview (single keystrokes, and non-stop typing), and memory, on a database of generated articles.

Run ``python -m tests.perf.bench_window`` (100,000 articles; the database is built once and
kept with ``--db FILE``) or ``--quick``. It prints figures and never fails on timing. Each
start-up is measured in a fresh process, from just before the process is spawned.

Then a heartbeat (a 10 ms timer on the GUI thread, ``tests/perf/stall_scenario.py``) measures
how long the window stops answering while a 2,000-row table and 300,000 characters of Word
text are pasted, typed in, saved and proofread: the worst gap between two ticks and the 99th
percentile, per phase (``--rows``, ``--chars`` and ``--typed`` change the sizes).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from desktop.store import Store
from tests.perf.corpus import articles
from tests.perf.stall_tracer import print_stalls

CHILD = r"""
import dataclasses, json, os, sys, time
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication
from desktop.gui.preview import register_preview_scheme
register_preview_scheme()
app = QApplication([])
from desktop.gui.app import open_window
marks = {}
def mark(name):
    marks.setdefault(name, time.time())
class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            mark("painted")
        return False
settings = QSettings(sys.argv[2], QSettings.Format.IniFormat)
# As the app starts: the page check of the database runs in the background.
window = open_window(__import__("pathlib").Path(sys.argv[1]), settings)
painter = FirstPaint()
window.list_pane.table.viewport().installEventFilter(painter)
window.preview.rendered.connect(lambda g: mark("preview"))
window.show()
window.page_check.start()
latencies = []
def type_once(n=[0]):
    rich = window.editor.rich
    cursor = rich.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    rich.setTextCursor(cursor)
    start = time.perf_counter()
    def shown(generation):
        window.preview.rendered.disconnect(shown)
        latencies.append((time.perf_counter() - start) * 1000)
        if len(latencies) < int(sys.argv[3]):
            QTimer.singleShot(30, type_once)
        else:
            QTimer.singleShot(300, type_continuously)
    window.preview.rendered.connect(shown)
    rich.insertPlainText("字")
# Non-stop typing: a keystroke every 30 ms; which keystrokes each refresh shows, and when.
keys, requested, refreshes, continuous, saves = [], {}, [], [], []
def type_continuously():
    total = int(sys.argv[4])
    real_show = window.preview.show_article
    def show_article(article, site, columns):
        generation = real_show(article, site, columns)
        requested[generation] = len(keys)
        return generation
    window.preview.show_article = show_article
    real_save = window.store.save_article
    def timed_save(*args, **kwargs):
        started = time.perf_counter()
        try:
            return real_save(*args, **kwargs)
        finally:
            saves.append((time.perf_counter() - started) * 1000)
    window.store.save_article = timed_save
    shown_upto = [0]
    def rendered(generation):
        count = requested.get(generation)
        if count is None:
            return
        now = time.perf_counter()
        if len(keys) < total:
            refreshes.append(now)
        continuous.extend((now - t) * 1000 for t in keys[shown_upto[0]:count])
        shown_upto[0] = max(shown_upto[0], count)
        if shown_upto[0] >= total:
            window.preview.rendered.disconnect(rendered)
            finish()
    window.preview.rendered.connect(rendered)
    rich = window.editor.rich
    def key():
        started = time.perf_counter()
        rich.insertPlainText("字")
        keys.append(started)
        if len(keys) >= total:
            timer.stop()
    timer = QTimer(window)
    timer.setInterval(30)
    timer.timeout.connect(key)
    timer.start()
def finish():
    # Put the article back as it was: every run types into the same article.
    stored = window.store.get_article(original[0].id)
    window.store.save_article(dataclasses.replace(original[0], version=stored.version))
    rss = 0
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS"):
                rss = int(line.split()[1]) // 1024
    typing = [keys[0], *refreshes] if keys else []
    gaps = sorted((b - a) * 1000 for a, b in zip(typing, typing[1:]))
    print(json.dumps({"marks": marks, "latencies": latencies, "rss_mb": rss,
                      "continuous": continuous, "gap_ms": max(gaps, default=0.0),
                      "gaps_over_300": sum(gap > 300 for gap in gaps),
                      "saves": saves,
                      "refreshes": len(refreshes), "typed": len(keys),
                      "typing_ms": (keys[-1] - keys[0]) * 1000 if keys else 0.0,
                      "rows": window.list_pane.model.rowCount(),
                      "chars": original[1]}))
    window.session.forget_changes()
    app.quit()
original = []
def start_typing():
    if "preview" not in marks or not window.session.is_checked():
        QTimer.singleShot(20, start_typing)
        return
    original.extend([window.session.current, len(window.editor.rich.toPlainText())])
    type_once()
QTimer.singleShot(0, start_typing)
app.exec()
"""


def build(db: Path, count: int) -> None:
    """Create a database of ``count`` generated articles, the newest with a long body."""
    with Store.open(db) as store:
        generated = articles(count - 1)
        remaining = count - 1
        while remaining > 0:
            batch = [next(generated) for _ in range(min(5000, remaining))]
            store.add_articles(batch)
            remaining -= len(batch)
        long = next(articles(1, seed=99, body_chars=4000))
        long.published_at = long.published_at.replace(year=2030)
        long.title = "四千字长文：全市工会工作年度总结"
        store.add_article(long)


def run(db: Path, runs: int, keystrokes: int, typed: int) -> None:
    """Start the window ``runs`` times and print the medians."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QTWEBENGINE_DISABLE_SANDBOX": "1"}
    painted, preview, latencies, rss = [], [], [], []
    continuous: list[float] = []
    gaps: list[float] = []
    saves: list[float] = []
    result: dict = {}
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as folder:
            settings = str(Path(folder) / "settings.ini")
            start = time.time()
            out = subprocess.run(
                [sys.executable, "-c", CHILD, str(db), settings, str(keystrokes), str(typed)],
                capture_output=True,
                text=True,
                env=env,
                timeout=300,
            )
        lines = [line for line in out.stdout.splitlines() if line.startswith("{")]
        if not lines:
            print(out.stderr[-2000:])
            raise SystemExit("the window did not report its figures")
        result = json.loads(lines[-1])
        painted.append((result["marks"]["painted"] - start) * 1000)
        preview.append((result["marks"]["preview"] - start) * 1000)
        latencies += result["latencies"]
        continuous += result["continuous"]
        gaps.append(result["gap_ms"])
        saves += result["saves"]
        rss.append(result["rss_mb"])
    count = Store.open(db).count_articles()
    print(f"main window on {count:,} articles ({runs} cold starts, medians):")
    print(f"  process start to painted window with the list: {statistics.median(painted):6.0f} ms")
    print(f"  process start to the first preview on screen:  {statistics.median(preview):6.0f} ms")
    print(
        f"  keystroke to preview, {result['chars']:,}-character article: "
        f"median {statistics.median(latencies):.0f} ms, "
        f"max {max(latencies):.0f} ms over {len(latencies)} keystrokes"
    )
    print(
        f"  non-stop typing, {typed} characters at 30 ms each "
        f"(took {result['typing_ms'] / 1000:.1f} s, {result['refreshes']} refreshes meanwhile): "
        f"keystroke to preview median {statistics.median(continuous):.0f} ms, "
        f"max {max(continuous):.0f} ms; largest gap between refreshes {max(gaps):.0f} ms "
        f"(each run: {', '.join(f'{gap:.0f}' for gap in gaps)} ms)"
    )
    if saves:
        print(
            f"  autosaves while typing: {len(saves)}, "
            f"median {statistics.median(saves):.0f} ms, longest {max(saves):.0f} ms"
        )
    print(f"  memory in use (RSS) after typing: {statistics.median(rss):.0f} MB")


def run_stalls(chars: int, rows: int, typed: int, trace_ms: float = 0.0) -> None:
    """Drive the window under a heartbeat in a fresh process and print each phase's stalls."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QTWEBENGINE_DISABLE_SANDBOX": "1"}
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "stalls.db"
        with Store.open(db) as store:
            store.add_articles(list(articles(20)))
        out = subprocess.run(
            [
                sys.executable,
                "-m",
                "tests.perf.stall_scenario",
                str(db),
                str(Path(folder) / "settings.ini"),
                str(chars),
                str(rows),
                str(typed),
                str(trace_ms),
            ],
            capture_output=True,
            text=True,
            env=env,
            timeout=3600,
        )
    lines = [line for line in out.stdout.splitlines() if line.startswith("{")]
    if not lines:
        print(out.stderr[-2000:])
        raise SystemExit("the window did not report its heartbeat")
    result = json.loads(lines[-1])
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
    print(
        f"heartbeat every 10 ms: a {result['rows']:,}-row table and {result['chars']:,} "
        f"characters of Word text ({result['html_bytes'] / 1e6:.1f} MB of HTML), "
        f"{typed} keystrokes each, load average {load:.1f}:"
    )
    every: list[float] = []
    for phase in result["phases"]:
        gaps = sorted(phase["gaps"]) or [0.0]
        every += gaps
        print(
            f"  {phase['name']}: worst stall {gaps[-1]:.0f} ms, p99 {percentile(gaps, 99):.0f} ms, "
            f"{sum(gap > 100 for gap in gaps)} stalls over 100 ms ({phase['seconds']:.1f} s)"
        )
        if "stalls" in phase:
            print_stalls(phase["stalls"], phase["started"])
    every.sort()
    print(f"  all phases: worst stall {every[-1]:.0f} ms, p99 {percentile(every, 99):.0f} ms")


def percentile(ordered: list[float], share: float) -> float:
    """The value below which ``share`` percent of the sorted values lie."""
    return ordered[min(len(ordered) - 1, int(len(ordered) * share / 100))]


def main() -> None:
    """Parse arguments, build the database if needed, and measure."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="2,000 articles, one start (CI)")
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--db", type=Path, help="keep the generated database in this file")
    parser.add_argument("--rows", type=int, help="rows of the pasted table (2,000)")
    parser.add_argument("--chars", type=int, help="characters of the pasted text (300,000)")
    parser.add_argument("--typed", type=int, help="keystrokes in each (100)")
    parser.add_argument("--stalls-only", action="store_true", help="only the heartbeat run")
    parser.add_argument(
        "--trace",
        type=float,
        default=0.0,
        metavar="MS",
        help="show the GUI thread's stacks during each stall longer than MS milliseconds",
    )
    args = parser.parse_args()
    count = 2000 if args.quick else args.articles
    runs, keystrokes, typed = (1, 5, 40) if args.quick else (5, 20, 300)
    if not args.stalls_only:
        with tempfile.TemporaryDirectory() as folder:
            db = args.db or Path(folder) / "bench.db"
            if not db.exists():
                build(db, count)
            run(db, runs, keystrokes, typed)
    sizes = (3_000, 100, 5) if args.quick else (300_000, 2_000, 100)
    run_stalls(args.chars or sizes[0], args.rows or sizes[1], args.typed or sizes[2], args.trace)


if __name__ == "__main__":
    main()
