"""Main window benchmark: start-up to a painted window and to the first preview, keystroke to
preview, and memory, on a database of generated articles.

Run ``python -m tests.perf.bench_window`` (100,000 articles; the database is built once and
kept with ``--db FILE``) or ``--quick``. It prints figures and never fails on timing. Each
start-up is measured in a fresh process, from just before the process is spawned.
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

CHILD = r"""
import json, os, sys, time
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
            finish()
    window.preview.rendered.connect(shown)
    rich.insertPlainText("字")
def finish():
    rss = 0
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS"):
                rss = int(line.split()[1]) // 1024
    print(json.dumps({"marks": marks, "latencies": latencies, "rss_mb": rss,
                      "rows": window.list_pane.model.rowCount(),
                      "chars": len(window.editor.rich.toPlainText())}))
    window.session.forget_changes()
    app.quit()
def start_typing():
    if "preview" not in marks:
        QTimer.singleShot(20, start_typing)
        return
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


def run(db: Path, runs: int, keystrokes: int) -> None:
    """Start the window ``runs`` times and print the medians."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QTWEBENGINE_DISABLE_SANDBOX": "1"}
    painted, preview, latencies, rss = [], [], [], []
    result: dict = {}
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as folder:
            settings = str(Path(folder) / "settings.ini")
            start = time.time()
            out = subprocess.run(
                [sys.executable, "-c", CHILD, str(db), settings, str(keystrokes)],
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
    print(f"  memory in use (RSS) after typing: {statistics.median(rss):.0f} MB")


def main() -> None:
    """Parse arguments, build the database if needed, and measure."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="2,000 articles, one start (CI)")
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--db", type=Path, help="keep the generated database in this file")
    args = parser.parse_args()
    count = 2000 if args.quick else args.articles
    runs, keystrokes = (1, 5) if args.quick else (5, 20)
    with tempfile.TemporaryDirectory() as folder:
        db = args.db or Path(folder) / "bench.db"
        if not db.exists():
            build(db, count)
        run(db, runs, keystrokes)


if __name__ == "__main__":
    main()
