"""Article list benchmark: opening, filtering, sorting and scrolling the list at newsroom scale.

Run ``python -m tests.perf.bench_article_list`` for the full figures (100,000 articles; building
the database takes about a minute) or ``--quick`` for 3,000. ``--db FILE`` reuses (or keeps) a
database between runs. It prints figures and never fails on timing.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from itertools import islice
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt
from PySide6.QtWidgets import QApplication

from desktop.article import Status
from desktop.gui.article_list import ArticleListPane
from desktop.gui.article_list_model import ArticleTableModel, ListColumn
from desktop.store import Store
from tests.perf.corpus import COLUMNS, articles

#: The filter-and-sort target of the issue, in milliseconds.
TARGET_MS = 100.0


def rss_mb() -> float:
    """Return the resident memory of this process now, in MB (peak where /proc is missing)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024 if sys.platform == "darwin" else 1024)


def build(db: Path, total: int) -> None:
    """Fill a new database with ``total`` generated articles, 5,000 per transaction."""
    store = Store.open(db)
    generated = articles(total)
    start = time.perf_counter()
    while batch := list(islice(generated, 5000)):
        store.add_articles(batch)
    seconds = time.perf_counter() - start
    print(f"built {total:,} articles in {seconds:.1f} s ({total / seconds:,.0f}/s)")
    store.close()


def timed(action: Callable[[], object]) -> float:
    """Return the wall time of one call of ``action`` in milliseconds."""
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def median_ms(action: Callable[[], object], undo: Callable[[], object], repeat: int) -> float:
    """Return the median time of ``action``, calling ``undo`` (untimed) after each run."""
    times = []
    for _ in range(repeat):
        times.append(timed(action))
        undo()
    return statistics.median(times)


def report(label: str, ms: float, extra: str = "") -> None:
    """Print one figure, flagged when it misses the target."""
    flag = "" if ms <= TARGET_MS else "  (over the 100 ms target)"
    print(f"  {label:44} {ms:8.1f} ms{flag}{'  ' + extra if extra else ''}")


def run(db: Path, repeat: int = 5) -> None:
    """Measure the list over the database at ``db``."""
    app = QApplication.instance() or QApplication([])
    store = Store.open(db)
    count = store.count_articles()
    print(f"\narticle list over {count:,} articles (median of {repeat} runs where repeated):")
    rss_start = rss_mb()

    model: ArticleTableModel | None = None

    def create() -> None:
        nonlocal model
        model = ArticleTableModel(store)

    report("model creation + first page (200 rows)", timed(create))
    assert model is not None
    rss_model = rss_mb()
    pane: ArticleListPane | None = None

    def open_pane() -> None:
        nonlocal pane
        pane = ArticleListPane(ArticleTableModel(store))
        pane.resize(1000, 700)
        pane.show()
        QCoreApplication.processEvents()
        pane.grab()  # forces the first paint

    report("pane creation + show + first paint", timed(open_pane))
    assert pane is not None
    report("count of all articles (store)", timed(store.count_articles))

    def clear() -> None:
        model.set_filter()

    filters: list[tuple[str, dict[str, Any]]] = [
        ("filter: text 工会 (2 chars, common)", {"text": "工会"}),
        ("filter: text 鹭洲湾 (rare)", {"text": "鹭洲湾"}),
        ("filter: status approved", {"status": Status.APPROVED}),
        (f"filter: column {COLUMNS[2]}", {"column": COLUMNS[2]}),
        (
            "filter: 工会 + approved + column",
            {"text": "工会", "status": Status.APPROVED, "column": COLUMNS[2]},
        ),
    ]
    for label, wanted in filters:
        apply = partial(model.set_filter, **wanted)
        ms = median_ms(apply, clear, repeat)
        apply()
        count_ms = median_ms(lambda: store.count_articles(model.query), lambda: None, repeat)
        report(label, ms, f"(count {model.total():,} takes {count_ms:.1f} ms)")
    model.set_filter()

    def by(column: ListColumn, order: Qt.SortOrder) -> Callable[[], None]:
        return lambda: model.sort(column, order)

    back_to_date = by(ListColumn.PUBLISHED, Qt.SortOrder.DescendingOrder)
    sorts = [
        ("sort: title A to Z", by(ListColumn.TITLE, Qt.SortOrder.AscendingOrder)),
        ("sort: title Z to A", by(ListColumn.TITLE, Qt.SortOrder.DescendingOrder)),
        ("sort: updated, newest first", by(ListColumn.UPDATED, Qt.SortOrder.DescendingOrder)),
        ("sort: published, oldest first", by(ListColumn.PUBLISHED, Qt.SortOrder.AscendingOrder)),
    ]
    for label, action in sorts:
        report(label, median_ms(action, back_to_date, repeat))
    model.set_filter(status=Status.REVIEW)
    report(
        "sort: title with status filter",
        median_ms(by(ListColumn.TITLE, Qt.SortOrder.AscendingOrder), back_to_date, repeat),
    )
    model.set_filter(text="工会")
    report(
        "sort: title with text filter 工会 (all sorted)",
        median_ms(by(ListColumn.TITLE, Qt.SortOrder.AscendingOrder), back_to_date, repeat),
    )
    model.set_filter()

    def scroll() -> None:
        while model.rowCount() < 10_000 and model.canFetchMore(QModelIndex()):
            model.fetchMore(QModelIndex())

    ms = timed(scroll)
    pages = model.rowCount() // 200
    print(
        f"  {'scroll to row 10,000 via fetchMore':44} {ms:8.1f} ms  "
        f"({pages} pages, {ms / max(pages, 1):.1f} ms a page)"
    )
    rss_10k = rss_mb()

    middle = model.rowCount() // 2
    summary = model.summary(middle)
    article = store.get_article(summary.id)
    saved = store.save_article(replace(article, title=article.title + "（修订）"))
    edited = replace(summary, title=saved.title, updated_at=saved.updated_at or summary.updated_at)
    report(
        f"update_article after a save (row {middle:,})", timed(lambda: model.update_article(edited))
    )
    report(
        f"remove_article (row {middle:,})",
        timed(lambda: model.remove_article(model.article_id(middle))),
    )
    report(f"refresh with {model.rowCount():,} rows fetched", timed(model.refresh))

    view_model = pane.model

    def scroll_view() -> None:
        for _ in range(20):
            pane.table.scrollToBottom()
            QCoreApplication.processEvents()

    ms = timed(scroll_view)
    print(
        f"  {'view: 20 scrolls to the bottom + paint':44} {ms:8.1f} ms  "
        f"({view_model.rowCount():,} rows fetched by the view)"
    )

    print("\nmemory (RSS):")
    print(f"  before the model                             {rss_start:8.1f} MB")
    print(f"  after the first page                         {rss_model:8.1f} MB")
    print(f"  with 10,000 rows fetched (+ pane)            {rss_10k:8.1f} MB")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  peak                                         {peak:8.1f} MB")
    pane.close()
    pane.deleteLater()
    store.close()
    del app


def main(argv: list[str] | None = None) -> None:
    """Build (or reuse) a database and print the list's figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="3,000 articles instead of 100,000")
    parser.add_argument("-n", type=int, default=None, help="number of articles")
    parser.add_argument("--db", type=Path, help="database to reuse, or to create and keep")
    parser.add_argument("--repeat", type=int, default=5, help="runs per repeated figure")
    args = parser.parse_args(argv)
    total = args.n or (3000 if args.quick else 100_000)
    if args.db is not None:
        if not args.db.exists():
            build(args.db, total)
        run(args.db, args.repeat)
        return
    with tempfile.TemporaryDirectory(prefix="newsroom-bench-") as folder:
        db = Path(folder) / "bench.db"
        build(db, total)
        run(db, args.repeat)


if __name__ == "__main__":
    main()
