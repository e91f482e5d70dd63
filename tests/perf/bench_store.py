"""Store benchmark: import speed, search and first-page latency, database size.

Run ``python -m tests.perf.bench_store`` for the full figures (100,000 articles, a few minutes)
or ``--quick`` for a small run. It prints figures and never fails on timing.
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from desktop.article_file import format_article, read_article_file
from desktop.store import ListQuery, Sort, Store
from tests.perf.corpus import RARE, articles

QUERIES = [
    ("1 char, common", "会"),
    ("1 char, rare", RARE[1][0]),
    ("2 chars, common", "职工"),
    ("2 chars, rare", RARE[1][:2]),
    ("4 chars, common", "技能竞赛"),
    ("4 chars, rare", "在" + RARE[0]),
    ("4 chars, rare phrase of common chars", "会工会职"),
]


def median_ms(action, repeat: int = 15) -> float:
    """Return the median wall time of ``action`` in milliseconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def run(total: int, imported: int, folder: Path) -> None:
    """Build a store of ``total`` articles, the first ``imported`` through file import."""
    db = folder / "bench.db"
    source = folder / "files"
    source.mkdir()
    generated = articles(total)
    for n in range(imported):
        (source / f"{n:06d}.md").write_text(format_article(next(generated)), encoding="utf-8")

    store = Store.open(db)
    start = time.perf_counter()
    parsed = [read_article_file(p) for p in sorted(source.glob("*.md"))]
    store.add_articles(parsed)
    seconds = time.perf_counter() - start
    print(
        f"import of {imported:,} Markdown files: {seconds:.1f} s, "
        f"{imported / seconds:,.0f} articles/s"
    )

    start = time.perf_counter()
    remaining = total - imported
    while remaining > 0:
        batch = [next(generated) for _ in range(min(5000, remaining))]
        store.add_articles(batch)
        remaining -= len(batch)
    if total > imported:
        seconds = time.perf_counter() - start
        print(
            f"bulk add of {total - imported:,} more: {(total - imported) / seconds:,.0f} articles/s"
        )

    print(f"\nat {total:,} articles (median of 15 runs, first page of 100 results, newest first):")
    for label, query in QUERIES:
        hits = store.count_articles(ListQuery(text=query))
        ms = median_ms(lambda q=query: store.search(q, limit=100))
        print(f"  search {label:32} {query!r:14} {ms:7.2f} ms  ({hits:,} matches)")
    like = (
        "SELECT id FROM article WHERE deleted_at IS NULL AND (title LIKE ? OR body LIKE ?) "
        "ORDER BY published_at DESC LIMIT 100"
    )
    rare = f"%{RARE[0]}%"
    baseline = median_ms(lambda: store.database.execute_sql(like, (rare, rare)).fetchall(), 3)
    print(f"  (baseline: a LIKE '%…%' scan for a rare word takes {baseline:.0f} ms)")
    print(f"  first list page (100 rows)        {median_ms(lambda: store.list_articles()):7.2f} ms")
    by_title = ListQuery(sort=Sort.TITLE)
    title_ms = median_ms(lambda: store.list_articles(by_title))
    print(f"  first page by title               {title_ms:7.2f} ms")
    print(f"  count of all articles             {median_ms(store.count_articles):7.2f} ms")
    store.close()

    with_index = db.stat().st_size
    copy = folder / "no-index.db"
    shutil.copy(db, copy)
    conn = sqlite3.connect(copy)
    conn.execute("DROP TABLE article_search")
    conn.commit()
    conn.execute("VACUUM")
    conn.close()
    plain = copy.stat().st_size
    print(
        f"\ndatabase size: {with_index / 1e6:,.1f} MB with the search index, "
        f"{plain / 1e6:,.1f} MB without ({(with_index - plain) / total:,.0f} bytes/article)"
    )


def main() -> None:
    """Parse arguments and run the benchmark in a temporary folder."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="2,000 articles (for CI)")
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--import", dest="imported", type=int, default=10_000)
    args = parser.parse_args()
    total, imported = (
        (2000, 500) if args.quick else (args.articles, min(args.imported, args.articles))
    )
    with tempfile.TemporaryDirectory() as folder:
        run(total, imported, Path(folder))


if __name__ == "__main__":
    main()
