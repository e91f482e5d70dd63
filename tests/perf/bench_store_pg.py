"""Store benchmark on a PostgreSQL server: search, first list page, a save's round trip, size.

Run ``python -m tests.perf.bench_store_pg`` for the full figures (100,000 articles on a
throwaway server started for the run, a few minutes) or ``--quick`` for a small run; ``--url``
measures an existing (empty) server database instead. It prints figures and never fails on
timing. The queries are those of the SQLite benchmark beside it (bench_store.py).
"""

from __future__ import annotations

import argparse
import os
import shutil
import time
from pathlib import Path

from desktop.store import ListQuery, Sort, Store
from tests.conftest import make_article
from tests.perf.bench_store import QUERIES, median_ms
from tests.perf.corpus import articles
from tests.pg_server import ThrowawayServer, _program


class KeptServer(ThrowawayServer):
    """A benchmark server whose cluster stays in ``folder`` between runs (``--keep``)."""

    def __init__(self, folder: Path) -> None:
        super().__init__()
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder = folder
        port_file = folder / "port"
        if port_file.exists():
            self.port = int(port_file.read_text())

    def start(self) -> KeptServer:
        """Start the kept cluster, creating it (and its database) the first time."""
        if not (self.folder / "data").exists():
            self.folder.mkdir(parents=True, exist_ok=True)
            super().start()
            (self.folder / "port").write_text(str(self.port))
            self.admin('CREATE DATABASE "bench"')
            return self
        self._run_as = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        self._run(
            [
                _program("pg_ctl"),
                "-D",
                str(self.folder / "data"),
                "-o",
                f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off "
                "-c synchronous_commit=off -c full_page_writes=off",
                "-l",
                str(self.folder / "log"),
                "-w",
                "-t",
                "60",
                "start",
            ]
        )
        self.started = True
        return self

    def stop(self) -> None:
        """Stop the server and keep its folder."""
        if self.started:
            self.started = False
            self._run([_program("pg_ctl"), "-D", str(self.folder / "data"), "-w", "stop"])


def fill(store: Store, total: int) -> None:
    """Add generated articles until the store holds ``total`` (none when a kept one does)."""
    have = store.count_articles()
    if have >= total:  # with the round-trip articles of earlier runs
        print(f"kept database: {total:,} articles already there")
        return
    if have:
        raise SystemExit(f"the database holds {have:,} articles, not {total:,}: use a new folder")
    start = time.perf_counter()
    generated = articles(total)
    remaining = total
    while remaining > 0:
        batch = [next(generated) for _ in range(min(5000, remaining))]
        store.add_articles(batch)
        remaining -= len(batch)
    seconds = time.perf_counter() - start
    print(f"bulk add of {total:,} articles: {total / seconds:,.0f} articles/s")
    store.database.execute_sql("VACUUM ANALYZE")  # what autovacuum does soon after a bulk load


def _load() -> str:
    """The machine's load average over 1, 5 and 15 minutes (the figures depend on it)."""
    return " ".join(f"{n:.1f}" for n in os.getloadavg())


def run(url: str, total: int) -> None:
    """Fill the server database at ``url`` with ``total`` articles and print the figures."""
    start = time.perf_counter()
    store = Store.open(url)
    opened = time.perf_counter() - start
    print(f"opening the store (and bringing its schema up to date): {opened:.1f} s")
    fill(store, total)
    print(f"load average before measuring: {_load()}")

    print(f"\nat {total:,} articles (median of 15 runs, first page of 100 results, newest first):")
    for label, query in QUERIES:
        hits = store.count_articles(ListQuery(text=query))
        ms = median_ms(lambda q=query: store.search(q, limit=100))
        print(f"  search {label:32} {query!r:14} {ms:7.2f} ms  ({hits:,} matches)")
    by_title = ListQuery(text="职工", sort=Sort.TITLE)
    sorted_ms = median_ms(lambda: store.list_articles(by_title))
    print(f"  search '职工' sorted by title       {sorted_ms:7.2f} ms")
    print(f"  first list page (100 rows)        {median_ms(lambda: store.list_articles()):7.2f} ms")
    first = store.list_articles()
    assert first.next_cursor is not None
    second = ListQuery(after=first.next_cursor)
    next_ms = median_ms(lambda: store.list_articles(second))
    print(f"  next list page (by key)           {next_ms:7.2f} ms")
    title_ms = median_ms(lambda: store.list_articles(ListQuery(sort=Sort.TITLE)))
    print(f"  first page by title               {title_ms:7.2f} ms")
    print(f"  count of all articles             {median_ms(store.count_articles):7.2f} ms")
    common = ListQuery(text="会")
    count_ms = median_ms(lambda: store.count_articles(common), 5)
    # Not on the list's path: the window counts on a worker thread, after the first page.
    print(f"  count of the matches of '会'       {count_ms:7.2f} ms")

    article = store.add_article(make_article(body="往返测试的正文。\n"))

    def save() -> None:
        nonlocal article
        article.body += "又一句。"
        article = store.save_article(article)

    print(f"  a save's round trip (autosave)    {median_ms(save, 30):7.2f} ms")
    load_ms = median_ms(lambda: store.get_article(article.id))
    print(f"  loading an article                {load_ms:7.2f} ms")

    print(f"load average after measuring: {_load()}")
    size = store.database.execute_sql(
        "SELECT pg_database_size(current_database()), pg_total_relation_size('article_search')"
    ).fetchone()
    print(
        f"\ndatabase size: {size[0] / 1e6:,.1f} MB, of which the search index "
        f"{size[1] / 1e6:,.1f} MB ({size[1] / total:,.0f} bytes/article)"
    )
    store.close()


def main() -> None:
    """Parse arguments and run the benchmark on a throwaway server (or the one given)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="2,000 articles (for CI)")
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--url", help="an empty server database to fill (default: a new server)")
    parser.add_argument(
        "--keep",
        type=Path,
        metavar="FOLDER",
        help="keep the server and its generated articles in FOLDER and reuse them next run",
    )
    args = parser.parse_args()
    total = 2000 if args.quick else args.articles
    if args.url:
        run(args.url, total)
        return
    if args.keep:
        kept = KeptServer(args.keep.resolve()).start()
        try:
            run(kept.url("bench"), total)
        finally:
            kept.stop()
        return
    server = ThrowawayServer().start()
    try:
        run(server.database("bench"), total)
    finally:
        server.stop()


if __name__ == "__main__":
    main()
