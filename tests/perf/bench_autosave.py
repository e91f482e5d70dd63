"""Autosave, backup and revision-growth figures for "never lose work".

Run ``python -m tests.perf.bench_autosave`` for the full figures (a 1 GB database to back up,
a minute or two) or ``--quick`` (20 MB). It prints figures and never fails on timing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from desktop.article import Article
from desktop.store import Store
from desktop.store.backup import backup_now, restore_backup
from desktop.store.revisions import RevisionReason
from tests.perf.corpus import body


class FakeClock:
    """A clock that moves only when told, so 1,000 edits can span days."""

    def __init__(self) -> None:
        self.now = dt.datetime(2026, 1, 5, 8, 0)

    def __call__(self) -> dt.datetime:
        return self.now


def file_size(store: Store) -> int:
    """Return the database's size once the WAL is folded in, in bytes."""
    store.database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    return store.path.stat().st_size


def bench_autosave(folder: Path, repeat: int) -> None:
    """Time autosaves of a 10,000-character article, with and without a revision kept."""
    rng = random.Random(3)
    with Store.open(folder / "autosave.db") as store:
        text = body(rng, 10_000)[:10_000]
        article = store.add_article(Article(title="自动保存测试", body=text))
        times: list[float] = []
        kept: list[float] = []
        for n in range(repeat):
            article.body = article.body[:-1] + "工会职"[n % 3]
            start = time.perf_counter()
            article = store.save_article(article, reason=RevisionReason.AUTOSAVE)
            times.append((time.perf_counter() - start) * 1000)
        for n in range(max(5, repeat // 4)):
            article.body = article.body[:-1] + "会议"[n % 2]
            start = time.perf_counter()
            article = store.save_article(article, reason=RevisionReason.SAVE)
            kept.append((time.perf_counter() - start) * 1000)
    print(
        f"autosave of a {len(text):,}-character article: median {statistics.median(times):.1f} ms"
        f" (max {max(times):.1f} ms); with a revision kept: median "
        f"{statistics.median(kept):.1f} ms"
    )


def build_large(path: Path, megabytes: int) -> None:
    """Fill a database to about ``megabytes`` with revisions of generated articles."""
    rng = random.Random(11)
    with Store.open(path) as store:
        article = store.add_article(Article(title="大库", body=body(rng, 2000)))
    texts = [body(rng, 30_000) for _ in range(40)]  # about 90 KB of UTF-8 each
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = wal")
    conn.execute("BEGIN")
    written, n = 0, 0
    while written < megabytes * 1024 * 1024:
        text = texts[n % len(texts)] + str(n)
        conn.execute(
            "INSERT INTO revision (article_id, created_at, reason, version, status, title, size,"
            " digest, fields, body) VALUES (?, '2026-01-01 08:00:00', 'save', ?, 'draft',"
            " '大库', ?, ?, '{}', ?)",
            (article.id, n + 1, len(text), f"{n:064d}", text),
        )
        written += len(text.encode("utf-8"))
        n += 1
    conn.execute("COMMIT")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def bench_backup(folder: Path, megabytes: int) -> None:
    """Time the online backup and restore of a large database, and opening it (quick check)."""
    db = folder / "large.db"
    start = time.perf_counter()
    build_large(db, megabytes)
    size = db.stat().st_size / 1024 / 1024
    print(f"built a {size:,.0f} MB database in {time.perf_counter() - start:.1f} s")

    start = time.perf_counter()
    Store.open(db).close()
    print(
        f"open of the {size:,.0f} MB database (with its quick check): "
        f"{time.perf_counter() - start:.2f} s"
    )

    start = time.perf_counter()
    copy = backup_now(db, folder / "large-backup.db", verify=False)
    copy_s = time.perf_counter() - start
    copy.unlink()
    start = time.perf_counter()
    copy = backup_now(db, folder / "large-backup.db")
    checked_s = time.perf_counter() - start
    print(
        f"backup of the {size:,.0f} MB database: {copy_s:.2f} s copy only "
        f"({size / copy_s:,.0f} MB/s), {checked_s:.2f} s with its check"
    )
    start = time.perf_counter()
    restore_backup(copy, db)
    print(
        f"restore of the {size:,.0f} MB backup (full check, copy, swap): "
        f"{time.perf_counter() - start:.2f} s"
    )


def bench_growth(folder: Path, edits: int) -> None:
    """Measure how the file grows over many edits of one article, with pruning."""
    rng = random.Random(5)
    scenarios = [
        ("autosave every 30 s", dt.timedelta(seconds=30), RevisionReason.AUTOSAVE),
        ("explicit save every 2.4 h (100 days)", dt.timedelta(hours=2.4), RevisionReason.SAVE),
    ]
    for label, step, reason in scenarios:
        clock = FakeClock()
        path = folder / f"growth-{reason.value}.db"
        with Store.open(path, clock=clock) as store:
            article = store.add_article(Article(title="一千次修改", body=body(rng, 10_000)))
            before = file_size(store)
            for _ in range(edits):
                at = rng.randrange(len(article.body))
                article.body = article.body[:at] + "改" + article.body[at + 1 :]
                article = store.save_article(article, reason=reason)
                clock.now += step
            store.prune_revisions()
            after = file_size(store)
            kept = len(store.revisions(article.id))
        print(
            f"store growth over {edits:,} edits of a 10,000-character article ({label}): "
            f"{(after - before) / edits:,.0f} bytes per edit, {kept} revisions kept, "
            f"{after / 1024 / 1024:.1f} MB in all"
        )


def main() -> None:
    """Print every figure."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="20 MB instead of 1 GB")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        bench_autosave(folder, repeat=30 if args.quick else 200)
        bench_growth(folder, edits=1000)
        bench_backup(folder, megabytes=20 if args.quick else 1024)


if __name__ == "__main__":
    main()
