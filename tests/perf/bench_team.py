"""Live updates between two PCs: from one process's save to the other window's list row.

Run ``python -m tests.perf.bench_team`` (a throwaway server, 1,000 articles, 50 saves) or
``--quick``; ``--url`` uses an existing empty server database instead. A second process
(``tests.team_peer``) saves an article's title; the window here (offscreen, the real main
window) waits until its list row shows the new title. The time runs from the moment the
other process's commit returned to the moment the row changed, both read from this PC's clock.
It also times the same for a lock taken in the other process (the pencil in the list). It
prints the median and the maximum and never fails on timing.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--disable-gpu --no-sandbox")

from PySide6.QtCore import QCoreApplication, QEventLoop, QSettings
from PySide6.QtWidgets import QApplication

from desktop.gui.main_window import MainWindow
from desktop.gui.preview_web import register_preview_scheme
from desktop.store import Store
from tests.perf.corpus import articles
from tests.pg_server import ThrowawayServer
from tests.team_peer import Peer


def _spin_until(done, timeout: float = 10.0) -> float:
    """Run the event loop until ``done()``; return the wall-clock time it became true."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
        if done():
            return time.time()
    raise TimeoutError("the window never showed the other PC's change")


def _send(peer: Peer, **command: object) -> None:
    assert peer.process.stdin is not None
    peer.process.stdin.write(json.dumps(command, ensure_ascii=False) + "\n")
    peer.process.stdin.flush()


def run(url: str, total: int, saves: int) -> None:
    """Fill the database, open the window, and time ``saves`` saves made by another process."""
    with Store.open(url) as store:
        remaining = total
        generated = articles(total)
        while remaining > 0:
            batch = [next(generated) for _ in range(min(2000, remaining))]
            store.add_articles(batch)
            remaining -= len(batch)
    register_preview_scheme()
    _app = QApplication.instance() or QApplication([])  # kept alive for the whole run
    settings_dir = Path(tempfile.mkdtemp(prefix="bench-team-"))
    settings = QSettings(str(settings_dir / "settings.ini"), QSettings.Format.IniFormat)
    store = Store.open(url)
    window = MainWindow(store, settings)
    window.show()
    assert window.live is not None
    _spin_until(lambda: window.session.current is not None and window.live.is_listening())
    model = window.list_pane.model
    peer = Peer(url, "王芳", "wangfang", "PC-03")
    try:
        # The article on the list's first page that the window does not have open.
        target = next(
            model.article_id(row)
            for row in range(model.rowCount())
            if model.article_id(row) != window.current_id()
        )
        row_title = lambda: model.summary(model.row_of(target)).title  # noqa: E731
        waits: list[float] = []
        for n in range(saves):
            title = f"县总工会第{n + 1}次修改的标题"
            _send(peer, op="save", id=target, title=title)
            seen = _spin_until(lambda title=title: row_title() == title)
            committed = peer._answer()["t"]
            waits.append((seen - committed) * 1000)
        locks: list[float] = []
        for _ in range(max(3, saves // 5)):
            _send(peer, op="take", id=target)
            seen = _spin_until(lambda: target in model.editing())
            locks.append((seen - peer._answer()["t"]) * 1000)
            _send(peer, op="release", id=target)
            seen = _spin_until(lambda: target not in model.editing())
            locks.append((seen - peer._answer()["t"]) * 1000)
    finally:
        peer.close()
        window.session.forget_changes()
        window.close()  # releases its lock and stops listening; the process ends right after
        store.close()
    print(f"at {total:,} articles, another process's change reaching this window's list:")
    print(
        f"  save → list row     median {statistics.median(waits):7.1f} ms"
        f"   max {max(waits):7.1f} ms   ({len(waits)} saves)"
    )
    print(
        f"  lock → list pencil  median {statistics.median(locks):7.1f} ms"
        f"   max {max(locks):7.1f} ms   ({len(locks)} lock changes)"
    )


def main() -> None:
    """Parse the options, start a throwaway server unless given one, and run."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="a small run (for the tests)")
    parser.add_argument("--url", help="an empty server database to use instead")
    args = parser.parse_args()
    total, saves = (200, 10) if args.quick else (1_000, 50)
    if args.url:
        run(args.url, total, saves)
        return
    server = ThrowawayServer().start()
    try:
        run(server.database("bench_team"), total, saves)
    finally:
        server.stop()


if __name__ == "__main__":
    main()
    # The figures are out: leave without the interpreter's teardown, where the web engine of
    # a window already deleted can still fault on this offscreen machine.
    sys.stdout.flush()
    os._exit(0)
