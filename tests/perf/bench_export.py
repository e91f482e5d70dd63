"""Time the website export on generated articles, from process start, beside Pelican.

Run ``python -m tests.perf.bench_export [--quick] [--sizes 1000 10000] [--no-pelican]``.
Every export is ``newsroom export`` run as a subprocess, so the figures include starting
Python and importing the application, as a user's click or a cron job pays them. Articles are
realistic (about 3,000 characters, bold lead-ins, a list). Pelican gets the same articles as
Markdown files and runs from its own environment (a venv this script creates once under the cache
folder with ``pip install pelican markdown``); ``--quick`` and a registry out of reach skip it,
saying so. The first full export of each size is cold (a cache folder of its own, empty:
every body goes through Markdown), the second, to another folder, warm (every body's HTML from
the cache of rendered bodies, as at an office's next export); both print the load average
beside them, since the figures mean little on a busy machine, and the header what creating a
file costs in the benchmark's folder (see ``creation_cost``). Targets (2-core reference
machine): a full export of 1,000 articles at 0.30 of Pelican's time or better, 10,000 articles
under 12 s, a re-export after one change at 10,000 under 0.3 s, peak memory at 10,000 under
300 MB. The script only reports; it never fails on timing.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

# Runnable as a plain script from any folder: make the checkout importable.
REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from desktop.article import Article, Status  # noqa: E402
from desktop.export import ExportOptions, run_export  # noqa: E402
from desktop.store import Store  # noqa: E402
from tests.perf.corpus import articles  # noqa: E402
from tests.review.helpers import sign_off  # noqa: E402

RATIO_TARGET = 0.30  # our full export of 1,000 articles against Pelican's
FULL_10K_TARGET_S = 12.0
CHANGE_TARGET_S = 0.3  # at 10,000 articles
MEMORY_TARGET_MB = 300
BODY_CHARS = 3000
_BATCH = 2000


@dataclass(frozen=True)
class Run:
    """One timed subprocess: wall seconds, CPU seconds of it and its workers, its output."""

    seconds: float
    cpu: float
    peak_mb: float
    output: str


def with_list(article: Article) -> Article:
    """Return the article with a list after its second paragraph, as reports often have."""
    paragraphs = article.body.split("\n\n")
    items = "\n".join(f"- {text}" for text in article.summary.split("，")[:4] if text)
    return replace(article, body="\n\n".join([*paragraphs[:2], items, *paragraphs[2:]]))


def build_store(path: Path, count: int) -> Store:
    """Create a store holding ``count`` published generated articles, in batches."""
    store = Store.open(path)
    batch = []
    for article in articles(count, body_chars=BODY_CHARS):
        batch.append(replace(with_list(article), status=Status.PUBLISHED))
        if len(batch) == _BATCH:
            store.add_articles(batch)
            batch = []
    if batch:
        store.add_articles(batch)
    return store


def child_environment() -> dict[str, str]:
    """Return the environment of the timed processes: the checkout importable, and compiled
    modules kept (in the benchmark's cache folder) as an installed program has them."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(_PYCACHE)
    return env


def run_timed(command: list[str], cwd: Path | None = None) -> Run:
    """Run ``command`` to the end; its time from process start, CPU and peak memory."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    env = child_environment()
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise RuntimeError(f"{command[:3]} failed:\n{result.stdout}\n{result.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    # ru_maxrss of children is the largest single child so far (Linux reports KB).
    peak = after.ru_maxrss / 1024 if sys.platform != "darwin" else after.ru_maxrss / 2**20
    return Run(seconds, cpu, peak, result.stdout)


def newsroom_export(db: Path, *args: str) -> Run:
    """Run ``newsroom export`` on ``db`` as a new process."""
    return run_timed([sys.executable, "-m", "desktop.cli", "--db", str(db), "export", *args])


def summary_value(output: str, key: str) -> str:
    """Return a value of the export's summary lines (``written 2``), or '?'."""
    for line in output.splitlines():
        words = line.split()
        if key in words and words.index(key) + 1 < len(words):
            return words[words.index(key) + 1].rstrip(",")
    return "?"


def pelican_python(cache: Path) -> tuple[Path | None, str]:
    """Return Pelican's environment's python (creating it once), or None and why not."""
    venv = cache / "pelican-venv"
    python = venv / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")
    if python.exists() and (venv / ".installed").exists():
        return python, ""
    try:
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, capture_output=True)
        subprocess.run(
            [str(python), "-m", "pip", "install", "-q", "pelican", "markdown"],
            check=True,
            capture_output=True,
            timeout=600,
        )
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as exc:
        return None, f"pip could not install pelican ({type(exc).__name__})"
    (venv / ".installed").write_text("pelican markdown\n")
    return python, ""


def pelican_site(folder: Path, store: Store, page_size: int) -> Path:
    """Write the store's articles as a Pelican project: Markdown with metadata, a config."""
    content = folder / "content"
    content.mkdir(parents=True)
    for article in store.iter_articles():
        (content / f"a{article.id}.md").write_text(pelican_markdown(article), "utf-8")
    (folder / "pelicanconf.py").write_text(
        "SITENAME = '澜江市总工会'\nSITEURL = ''\nTIMEZONE = 'Asia/Shanghai'\n"
        "DEFAULT_LANG = 'zh'\nRELATIVE_URLS = True\n"
        f"DEFAULT_PAGINATION = {page_size}\n"
        "FEED_ALL_ATOM = 'feeds/all.atom.xml'\nCATEGORY_FEED_ATOM = None\n"
        "ARTICLE_URL = 'news/{slug}.html'\nARTICLE_SAVE_AS = 'news/{slug}.html'\n",
        "utf-8",
    )
    return folder


def pelican_markdown(article: Article) -> str:
    """Return one article as a Pelican Markdown file (metadata lines, a blank line, the body)."""
    keywords = ", ".join(article.keywords)
    return (
        f"Title: {article.title}\nDate: {article.published_at:%Y-%m-%d %H:%M}\n"
        f"Category: {article.column}\nTags: {keywords}\nAuthor: {article.author}\n"
        f"Slug: a{article.id}\nSummary: {article.summary}\n\n{article.body}"
    )


def bench(count: int, folder: Path, traced: bool, pelican: Path | None, why_not: str) -> None:
    """Print the figures for one corpus size."""
    start = time.perf_counter()
    db = folder / f"bench-{count}.db"
    # Closed and opened again, as a database is after the import that filled it: closing
    # checkpoints the write-ahead log, which the bulk adds left at 16 MB (an export reading
    # through such a log cost 4.5 s more CPU at 1,000 articles).
    build_store(db, count).close()
    store = Store.open(db)
    load = _load()
    print(
        f"\n{count} articles of about {BODY_CHARS} characters "
        f"(store built in {time.perf_counter() - start:.1f} s; load average {load:.1f}; "
        f"creating a file here {creation_cost(folder):.0f} µs)"
    )
    site = folder / f"site-{count}"
    # A cache folder of this run's own: the first export finds no rendered body (cold), the
    # second, to another folder, finds every one (warm), as an office's next export would.
    cache = folder / "user-cache"
    os.environ["XDG_CACHE_HOME"] = os.environ["LOCALAPPDATA"] = str(cache)

    full = newsroom_export(db, "--out", str(site))
    files = summary_value(full.output, "files")
    print(
        f"  full export, cold:  {full.seconds:6.2f} s, {count / full.seconds:7.0f} articles/s, "
        f"{files} files, CPU {full.cpu:.2f} s (with workers), peak RSS {full.peak_mb:.0f} MB"
        + (
            f" ({'within' if full.seconds < FULL_10K_TARGET_S else 'OVER'} the 12 s target)"
            if count == 10000
            else ""
        )
        + f"; load average {_load():.1f} after it"
    )
    theirs: Run | None = None
    if pelican is not None:
        project = pelican_site(folder / f"pelican-{count}", store, store.site().page_size)
        theirs = run_timed(
            [
                str(pelican),
                "-m",
                "pelican",
                "content",
                "-o",
                "output",
                "-s",
                "pelicanconf.py",
                "-q",
            ],
            cwd=project,
        )
        ratio = full.seconds / theirs.seconds
        mark = "within" if ratio <= RATIO_TARGET else "OVER"
        print(
            f"  Pelican, same articles: {theirs.seconds:6.2f} s, CPU {theirs.cpu:.2f} s; "
            f"ratio (cold) {ratio:.2f} ({mark} the {RATIO_TARGET} target), "
            f"CPU ratio {full.cpu / theirs.cpu:.2f}"
        )
    else:
        print(f"  Pelican: skipped ({why_not})")
    load = _load()
    warm = newsroom_export(db, "--out", str(folder / f"site-{count}-warm"))
    print(
        f"  full export, warm:  {warm.seconds:6.2f} s, {count / warm.seconds:7.0f} articles/s "
        f"(every body's HTML from the cache), CPU {warm.cpu:.2f} s (with workers), "
        f"peak RSS {warm.peak_mb:.0f} MB; load average {load:.1f} before it, {_load():.1f} after"
        + (f"; ratio to Pelican {warm.seconds / theirs.seconds:.2f}" if theirs is not None else "")
    )

    same = newsroom_export(db, "--out", str(site))
    print(
        f"  re-export, nothing changed (after the warm export into another folder): "
        f"{same.seconds:6.2f} s, "
        f"written {summary_value(same.output, 'written')}, "
        f"pages rendered {summary_value(same.output, 'rendered')}, CPU {same.cpu:.2f} s"
    )
    change_one(store, count // 2)
    one = newsroom_export(db, "--out", str(site))
    mark = "within" if one.seconds < CHANGE_TARGET_S else "over"
    print(
        f"  re-export, 1 change: {one.seconds:6.2f} s, written "
        f"{summary_value(one.output, 'written')}, pages rendered "
        f"{summary_value(one.output, 'rendered')}, CPU {one.cpu:.2f} s "
        f"({mark} the {CHANGE_TARGET_S} s target, set for 10,000)"
    )
    change_one(store, count // 3)
    parts = phases(db, site)
    python = run_timed([sys.executable, "-c", "pass"])
    startup = run_timed([sys.executable, "-c", "import desktop.cli"])
    print(
        f"  re-export, 1 change, by phase: {parts['wall']:.2f} s = start-up and imports "
        f"{parts['wall'] - parts['after_imports']:.2f} s (Python alone {python.seconds:.2f} s, "
        f"import desktop.cli {startup.seconds:.2f} s), opening the store {parts['open']:.3f} s, "
        f"planning {parts['plan']:.3f} s, rendering {parts['render']:.3f} s "
        f"({parts['rendered']} pages), writing {parts['write']:.3f} s; waiting for the page "
        f"check {parts['check_waited']:.3f} s of these (the check alone takes "
        f"{parts['check_alone']:.3f} s, run beside the export's reading); heavy modules loaded: "
        f"{', '.join(parts['loaded']) or 'none'}; load average {_load():.1f}"
    )

    archive = folder / f"{count}.zip"
    zipped = newsroom_export(db, "--zip", str(archive))
    print(
        f"  zip export:         {zipped.seconds:6.2f} s, "
        f"{archive.stat().st_size / 2**20:.1f} MB zip"
    )
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"  peak RSS of an export process: {peak:6.0f} MB (target {MEMORY_TARGET_MB} MB)")

    if traced:
        shutil.rmtree(site)
        tracemalloc.start()
        run_export(store, ExportOptions(site))
        _current, top = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(f"  full export peak Python allocation (tracemalloc): {top / 2**20:.1f} MB")
    store.close()


def creation_cost(folder: Path, count: int = 400) -> float:
    """Return what creating an empty file costs in ``folder``, in µs.

    An export writes thousands of new files, and file systems differ by tens of times: ext4
    without a journal, for one, looks past every inode freed in the last minutes before it
    takes one (seen here: 7 µs a file, and 140-260 µs after thousands were deleted). Nothing
    is deleted before the timed runs (the bundles stay until the end) and the figure is
    printed beside them. The files stay too: deleting them would slow the next creations.
    """
    probe = folder / "creation-probe"
    probe.mkdir()
    start = time.perf_counter()
    for number in range(count):
        os.close(os.open(probe / f"{number}.html", os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644))
    return (time.perf_counter() - start) / count * 1e6


def change_one(store: Store, article_id: int) -> None:
    """Change one article's body and sign it off again, as the office would."""
    article = store.get_article(article_id)
    store.save_article(replace(article, body=article.body + "\n补充内容。\n"))
    sign_off(store, article_id)  # changed after publication: signed off again


_PHASES = """
import json, sys, time
started = time.perf_counter()
import desktop.cli
from pathlib import Path
from desktop.export import ExportOptions, ExportPhase, export_bundle
from desktop.store import Store
from desktop.store.checking import CheckBeside
from desktop.store.integrity import check_database
imported = time.perf_counter()
db = Path(sys.argv[1])
# As newsroom export opens it: the page check runs beside the export, awaited before writing.
store = Store.open(db, thorough=True, check_pages=False, read_first=True)
opened = time.perf_counter()
check = CheckBeside(
    db, thorough=True, uncompared=("article",), log_checked=True, then=store.pages_checked
)
waited = []
def before_writing():
    begun = time.perf_counter()
    check.passed()
    waited.append(time.perf_counter() - begun)
seen = {}
options = ExportOptions(
    Path(sys.argv[2]), before_writing=before_writing, reading_all=check.thoroughly
)
for report in export_bundle(store, options):
    seen.setdefault(report.phase.name, time.perf_counter())
done = time.perf_counter()
store.close()
in_script = time.perf_counter() - imported
begun = time.perf_counter()
check_database(db, thorough=True, uncompared=("article",))
alone = time.perf_counter() - begun
rendering = seen.get("RENDER", seen["SWAP"])
heavy = ("psycopg", "jinja2", "markdown", "nh3", "PIL", "opencc", "desktop.export.pool")
print(json.dumps({
    "imports": imported - started, "open": opened - imported,
    "plan": rendering - opened, "render": seen["SWAP"] - rendering,
    "write": done - seen["SWAP"], "rendered": report.summary.rendered,
    "in_script": in_script, "check_alone": alone, "check_waited": sum(waited),
    "loaded": [name for name in heavy if name in sys.modules],
}))
"""


def phases(db: Path, site: Path) -> dict[str, Any]:
    """Re-export in a new process, timing its phases from the export's progress reports."""
    run = run_timed([sys.executable, "-c", _PHASES, str(db), str(site)])
    parts: dict[str, Any] = json.loads(run.output.strip().splitlines()[-1])
    # The script checks the pages once more on its own, to say what the check costs alone.
    parts["wall"] = run.seconds - parts["check_alone"]
    # Everything before the script's imports finished, and the exit after it: start-up.
    parts["after_imports"] = parts["in_script"]
    return parts


def _load() -> float:
    return os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")


def cache_folder() -> Path:
    """Return the benchmark's cache folder (Pelican's environment lives there)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "newsroom-bench"


#: Compiled modules of the timed processes, fixed before a run points XDG_CACHE_HOME at a
#: cache folder of its own: the cold export finds no rendered body, but its modules compiled.
_PYCACHE = cache_folder() / "pycache"


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a small corpus, for a smoke test")
    parser.add_argument("--sizes", type=int, nargs="+", default=None, help="corpus sizes")
    parser.add_argument("--no-trace", action="store_true", help="skip the tracemalloc pass")
    parser.add_argument("--no-pelican", action="store_true", help="skip the Pelican comparison")
    parser.add_argument(
        "--pelican-up-to", type=int, default=1000, help="compare with Pelican up to this size"
    )
    args = parser.parse_args(argv)
    sizes = args.sizes or ([200] if args.quick else [1000, 10000])
    pelican: Path | None = None
    why_not = "--quick runs without the network" if args.quick else "--no-pelican"
    if not (args.quick or args.no_pelican):
        cache = cache_folder()
        cache.mkdir(parents=True, exist_ok=True)
        pelican, why_not = pelican_python(cache)
    with tempfile.TemporaryDirectory(prefix="newsroom-bench-export-") as folder:
        for count in sizes:
            compare = pelican if count <= args.pelican_up_to else None
            reason = why_not if pelican is None else f"only up to {args.pelican_up_to} articles"
            place = Path(folder) / str(count)
            place.mkdir()
            bench(count, place, not args.no_trace, compare, reason)
    return 0


if __name__ == "__main__":
    sys.exit(main())
