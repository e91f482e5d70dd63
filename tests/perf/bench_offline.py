"""Figures for working while the server is away (team mode): the journal and reconnecting.

Run ``python -m tests.perf.bench_offline`` (or ``--quick``). It prints, never fails on timing:
how long keeping an edit on this PC takes (the fsynced journal write every save makes before
the server is asked), how long a save takes to find the server gone, and the first save once
it is back (a new connection included), on a throwaway PostgreSQL server.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from desktop.article import Article
from desktop.store import Store
from desktop.store.errors import ServerUnreachable
from desktop.store.journal import EditJournal
from desktop.store.revisions import RevisionReason
from tests.perf.corpus import body
from tests.pg_server import ServerUnavailable, ThrowawayServer


def bench_journal(folder: Path, repeat: int) -> None:
    """Time the journal's keep (one fsynced SQLite write) for a usual and a huge article."""
    rng = random.Random(15)
    journal = EditJournal(folder / "journal.db")
    for size in (10_000, 300_000):
        text = body(rng, size)[:size]
        article = Article(title="离线暂存测试", body=text, id=1, version=3)
        times: list[float] = []
        for n in range(repeat):
            article = replace(article, body=article.body[:-1] + "工会职"[n % 3])
            start = time.perf_counter()
            journal.keep(article)
            times.append((time.perf_counter() - start) * 1000)
        print(
            f"keeping a {size:,}-character article on this PC: median "
            f"{statistics.median(times):.1f} ms, slowest {max(times):.1f} ms"
        )
    journal.close()


def bench_server(repeat: int) -> None:
    """Time a save meeting a stopped server, and the first save after it is back."""
    server = ThrowawayServer()
    try:
        server.start()
    except ServerUnavailable as exc:
        server.stop()
        print(f"server figures: no PostgreSQL server here ({exc})")
        return
    try:
        store = Store.open(server.database("offline"))
        article = store.add_article(Article(title="断网测试", body="正文。\n"))
        failed: list[float] = []
        back: list[float] = []
        for n in range(repeat):
            article = store.save_article(replace(article, body=f"第{n}次。\n"))
            server.halt()
            start = time.perf_counter()
            try:
                store.save_article(replace(article, body=f"第{n}次，断网后。\n"))
            except ServerUnreachable:
                failed.append((time.perf_counter() - start) * 1000)
            server.resume()
            start = time.perf_counter()
            article = store.save_article(
                replace(article, body=f"第{n}次，恢复后。\n"), reason=RevisionReason.AUTOSAVE
            )
            back.append((time.perf_counter() - start) * 1000)
        store.close()
        print(
            f"a save finding the server stopped: median {statistics.median(failed):.1f} ms "
            f"({len(failed)} of {repeat} raised ServerUnreachable)"
        )
        print(
            f"the first save after the server is back (a new connection): median "
            f"{statistics.median(back):.1f} ms"
        )
    finally:
        server.stop()


def main() -> None:
    """Print the offline figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="a few repeats only")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        bench_journal(Path(folder), 10 if args.quick else 200)
    bench_server(2 if args.quick else 10)


if __name__ == "__main__":
    main()
