"""Time the website export on generated articles: full export, re-exports, zip, peak memory.

Run ``python -m tests.perf.bench_export [--quick] [--sizes 1000 10000]``. Targets (on the
2-core reference machine): a full export of 1,000 articles under 1.5 s, a re-export after one
article changed under 0.5 s. The script only reports; it never fails on timing.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

# Runnable as a plain script from any folder: make the checkout importable.
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from desktop.article import Status
from desktop.export import ExportOptions, ExportSummary, run_export
from desktop.store import Store
from tests.perf.corpus import articles

FULL_TARGET_S = 1.5  # for 1,000 articles
CHANGE_TARGET_S = 0.5
_BATCH = 5000


def build_store(path: Path, count: int) -> Store:
    """Create a store holding ``count`` published generated articles, in batches."""
    store = Store.open(path)
    batch = []
    for article in articles(count):
        batch.append(replace(article, status=Status.PUBLISHED))
        if len(batch) == _BATCH:
            store.add_articles(batch)
            batch = []
    if batch:
        store.add_articles(batch)
    return store


def timed(action: Callable[[], ExportSummary]) -> tuple[float, ExportSummary]:
    """Run an export and return (seconds, summary)."""
    start = time.perf_counter()
    summary = action()
    return time.perf_counter() - start, summary


def peak_rss_mb() -> float:
    """Return the process's peak resident memory so far, in MB (Linux reports KB)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 if sys.platform != "darwin" else peak / 2**20


def bench(count: int, folder: Path, traced: bool) -> None:
    """Print the figures for one corpus size."""
    start = time.perf_counter()
    store = build_store(folder / f"bench-{count}.db", count)
    print(f"\n{count} articles (store built in {time.perf_counter() - start:.1f} s)")
    site = folder / f"site-{count}"

    seconds, summary = timed(lambda: run_export(store, ExportOptions(site)))
    verdict = ""
    if count == 1000:
        verdict = (
            f" ({'within' if seconds < FULL_TARGET_S else 'OVER'} the {FULL_TARGET_S} s target)"
        )
    print(
        f"  full export:        {seconds:6.2f} s, {summary.articles / seconds:7.0f} articles/s, "
        f"{summary.files} files, {summary.bytes / 2**20:.1f} MB{verdict}"
    )
    seconds, summary = timed(lambda: run_export(store, ExportOptions(site)))
    print(f"  re-export, same:    {seconds:6.2f} s, written {summary.written}")

    def change_one(text: str) -> None:
        article = store.get_article(count // 2)
        store.save_article(replace(article, body=article.body + text))

    for changed_only in (False, True):
        change_one(f"\n补充内容{int(changed_only)}。\n")
        seconds, summary = timed(
            lambda: run_export(store, ExportOptions(site, changed_only=changed_only))  # noqa: B023
        )
        label = "update package, 1 change:" if changed_only else "re-export, 1 change:"
        mark = "within" if seconds < CHANGE_TARGET_S else "over"
        print(
            f"  {label:<28}{seconds:6.2f} s, written {summary.written}, "
            f"unchanged {summary.unchanged} ({mark} the {CHANGE_TARGET_S} s target)"
        )

    seconds, summary = timed(
        lambda: run_export(store, ExportOptions(folder / f"{count}.zip", as_zip=True))
    )
    size = (folder / f"{count}.zip").stat().st_size
    print(f"  zip export:         {seconds:6.2f} s, {size / 2**20:.1f} MB zip")
    print(f"  peak RSS so far:    {peak_rss_mb():6.0f} MB")

    if traced:
        shutil.rmtree(site)
        tracemalloc.start()
        run_export(store, ExportOptions(site))
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(f"  full export peak Python allocation (tracemalloc): {peak / 2**20:.1f} MB")
    store.close()


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a small corpus, for a smoke test")
    parser.add_argument("--sizes", type=int, nargs="+", default=None, help="corpus sizes")
    parser.add_argument("--no-trace", action="store_true", help="skip the tracemalloc pass")
    args = parser.parse_args(argv)
    sizes = args.sizes or ([200] if args.quick else [1000, 10000])
    with tempfile.TemporaryDirectory(prefix="newsroom-bench-export-") as folder:
        for count in sizes:
            bench(count, Path(folder), traced=not args.no_trace)
    return 0


if __name__ == "__main__":
    sys.exit(main())
