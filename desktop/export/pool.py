"""Rendering the pages of a large export in worker processes, in plan order.

Rendering (Markdown, sanitising, templates, OpenCC) is pure Python and holds the GIL, so
threads would not help; two processes use both cores of a typical office PC. Starting a
process costs about a quarter of a second, so small exports render in-process instead.
"""

from __future__ import annotations

import contextlib
import gc
import itertools
import multiprocessing
import os
import threading
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace
from pathlib import Path

from desktop.article import Column
from desktop.export.manifest import sha256_hex
from desktop.export.paths import page_media
from desktop.export.plan import PageJob
from desktop.export.writer import WrittenPage, write_staged
from desktop.i18n import current_language, set_language
from desktop.render.body_cache import BodyCache
from desktop.site import Site

#: Fewer pages to render than this and the export renders them in its own process.
PROCESS_THRESHOLD = 600
#: Worker processes at most (the reference machine has two cores).
MAX_WORKERS = 2
#: Pages per task: enough to make the cost of sending a task small.
BATCH = 40
#: Batches whose articles are read from the store in one query.
_LOAD_AHEAD = 5
#: Tasks in flight per worker: keeps both busy while bounding memory on a huge site.
_AHEAD = 4

# Set in each worker by _start: the site and columns every page of the export shares, and
# the worker's own connection to the cache of rendered bodies.
_site: Site | None = None
_columns: list[Column] = []
_bodies: BodyCache | None = None
_folders: set[Path] = set()  # folders of the staging folder this worker has made
# A forked worker's copy of the export's jobs, in order: a task names a list page by its
# position among them instead of sending it (a list page's twenty articles cost more to
# pickle and unpickle than the page costs to render), and an article page by its position
# and its article's body (the article itself, its links to other articles, stay behind).
_planned: Sequence[PageJob] = ()


def _start(
    site: Site,
    columns: list[Column],
    language: str = "en",
    bodies: Path | None = None,
    planned: Sequence[PageJob] = (),
) -> None:
    global _site, _columns, _bodies, _planned
    # What the worker starts with (a forked copy of the exporting process holds its whole
    # plan) stays for good: the collector need not walk it again and again.
    gc.freeze()
    _site, _columns, _planned = site, columns, planned
    _bodies = BodyCache(bodies) if bodies is not None else None
    set_language(language)  # a refused page is explained in the language of the one who asked


def render_jobs(
    jobs: Sequence[PageJob], site: Site, columns: Sequence[Column], bodies: BodyCache | None
) -> list[bytes]:
    """Render a batch of pages, their bodies' HTML read from (and new ones put in) ``bodies``."""
    if bodies is None:
        return [job.render(site, columns) for job in jobs]
    bodies.prefetch((j.article.body, j.edition.variant) for j in jobs if j.article is not None)
    try:
        return [job.render(site, columns, bodies.body) for job in jobs]
    finally:
        bodies.flush()


#: A task's page: its job, or (in a forked worker) the job's position in the export's jobs,
#: with the article's body for an article page.
TaskPage = PageJob | int | tuple[int, str]


def _job(page: TaskPage) -> PageJob:
    if isinstance(page, int):
        return _planned[page]
    if isinstance(page, tuple):
        position, body = page
        return with_body(_planned[position], body)
    return page


def with_body(job: PageJob, body: str) -> PageJob:
    """Return an article page's job with its article's body (the plan holds it without)."""
    assert job.article is not None, "only an article page has a body"
    return replace(job, article=replace(job.article, body=body))


def _render_batch(pages: Sequence[TaskPage]) -> list[bytes]:
    assert _site is not None, "the worker was not started with the site"
    return render_jobs([_job(page) for page in pages], _site, _columns, _bodies)


def _render_batch_into(
    jobs: Sequence[TaskPage], paths: Sequence[str], staging: Path
) -> list[WrittenPage]:
    """Render a batch and write each page into ``staging`` at its path (a worker's task).

    Sending 10,000 pages' bytes back through a pipe, and writing and hashing them all in the
    exporting process, made that one process the export's bottleneck.
    """
    written = []
    for path, data in zip(paths, _render_batch(jobs), strict=True):
        write_staged(staging, path, data, _folders)
        written.append(WrittenPage(len(data), sha256_hex(data), page_media(path, data)))
    return written


def worker_count() -> int:
    """Return how many worker processes this machine gets (0: render in-process)."""
    cpus = os.process_cpu_count() if hasattr(os, "process_cpu_count") else os.cpu_count()
    return min(MAX_WORKERS, cpus or 1) if (cpus or 1) > 1 else 0


def start_method() -> str:
    """Return how workers start: "fork" where this process runs no other thread, else "spawn".

    A forked worker starts with the application already imported (a spawned one imports it
    again: about 0.7 s of CPU each); but a forked copy of a process running other threads
    (Qt's, the window's work queue) can deadlock on a lock one of them held, so the window's
    exports, and any platform that cannot say how many threads run, spawn.
    """
    if "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1:
        # Qt's threads are not Python's: count the process's own threads where the system
        # tells (Linux); where it does not, spawn.
        try:
            if len(os.listdir("/proc/self/task")) == 1:
                return "fork"
        except OSError:
            pass
    return "spawn"


#: Reads the bodies of the articles whose pages are about to be rendered (the plan holds the
#: articles without them), by id; it raises if an article is no longer the one planned.
BodyLoader = Callable[[Sequence[int]], dict[int, str]]


class PageRenders:
    """Hands out the rendered bytes of ``jobs`` one by one, in their order.

    With ``load``, an article page's job holds its article without the body: each batch's
    bodies are read just before the batch is rendered, so an export of 10,000 articles never
    holds more than a few batches of them. With ``bodies`` (the cache file of rendered
    bodies), a body rendered by an earlier export is not rendered again. With ``into`` (a
    staging folder every page is new to) and each job's bundle path in ``paths``, the workers
    write their pages there themselves and hand out :class:`WrittenPage` records instead of
    bytes; pages rendered in this process are still handed out as bytes.
    """

    def __init__(
        self,
        jobs: Sequence[PageJob],
        site: Site,
        columns: Sequence[Column],
        *,
        threshold: int = -1,
        load: BodyLoader | None = None,
        bodies: Path | None = None,
        into: Path | None = None,
        paths: Sequence[str] | None = None,
    ) -> None:
        if into is not None and (paths is None or len(paths) != len(jobs)):
            raise TypeError("writing pages into a folder needs every job's path")
        self.site = site
        self.columns = list(columns)
        self.load = load
        self.bodies_path = bodies
        # This process's connection, for pages rendered here (a small export, or after the
        # workers failed), opened when first needed: a forked worker must not inherit an open
        # connection to the file it opens itself.
        self.bodies: BodyCache | None = None
        if bodies is not None:
            pruning = BodyCache(bodies)
            pruning.prune()  # entries of other code, or unused for long
            pruning.close()
        self.into = into
        self._paths: dict[int, str] = (
            {id(job): path for job, path in zip(jobs, paths, strict=True)} if paths else {}
        )
        self._pending: deque[list[PageJob]] = deque(
            list(jobs[i : i + BATCH]) for i in range(0, len(jobs), BATCH)
        )
        self._futures: deque[tuple[list[PageJob], Future[list[bytes]] | Future[list[WrittenPage]]]]
        self._futures = deque()
        self._ready: deque[tuple[PageJob, bytes | WrittenPage]] = deque()
        self._loaded: dict[int, str] = {}  # bodies read ahead for the next batches
        self._executor: ProcessPoolExecutor | None = None
        # A forked worker is born holding the jobs (its initializer's arguments are not
        # sent), so a task sends only their positions (and article pages' bodies);
        # a spawned one would be sent every job at its start, so it is sent each batch's
        # jobs instead.
        self._positions: dict[int, int] = {}
        workers = worker_count()
        limit = PROCESS_THRESHOLD if threshold < 0 else threshold
        if workers and len(jobs) >= limit:
            method = start_method()
            planned: Sequence[PageJob] = ()
            if method == "fork":
                planned = jobs
                self._positions = {id(job): n for n, job in enumerate(jobs)}
            self._executor = ProcessPoolExecutor(
                workers,
                mp_context=multiprocessing.get_context(method),
                initializer=_start,
                initargs=(site, self.columns, current_language(), bodies, planned),
            )
            for _ in range(workers * _AHEAD):
                self._submit()

    @property
    def parallel(self) -> bool:
        """Whether pages are rendered in worker processes."""
        return self._executor is not None

    def _bodies(self, batch: list[PageJob]) -> dict[int, str]:
        """Return the bodies of the batch's article pages by article id (none without ``load``).

        The bodies of the next few batches are read in the same query: one query per batch
        cost the exporting process, which the workers wait on, a second at 10,000.
        """
        if self.load is None:
            return {}
        ids = [job.article.id or 0 for job in batch if job.article is not None]
        if any(i not in self._loaded for i in ids):
            wanted = dict.fromkeys(i for i in ids if i not in self._loaded)
            for later in itertools.islice(self._pending, _LOAD_AHEAD - 1):
                wanted.update((j.article.id or 0, None) for j in later if j.article is not None)
            self._loaded.update(self.load(list(wanted)))
        # Memory holds the bodies of a few batches at most (an article's page in another
        # edition, in a later batch, reads its body again).
        return {i: self._loaded.pop(i) for i in dict.fromkeys(ids)}

    def _whole(self, batch: list[PageJob]) -> list[PageJob]:
        """Return the batch with every article page's article whole (its body read)."""
        if self.load is None:
            return batch
        bodies = self._bodies(batch)
        return [
            job if job.article is None else with_body(job, bodies[job.article.id or 0])
            for job in batch
        ]

    def _submit(self) -> None:
        if self._executor is not None and self._pending:
            batch = self._pending.popleft()
            future: Future[list[bytes]] | Future[list[WrittenPage]]
            pages = self._task_pages(batch)
            if self.into is not None:
                paths = [self._paths[id(job)] for job in batch]
                future = self._executor.submit(_render_batch_into, pages, paths, self.into)
            else:
                future = self._executor.submit(_render_batch, pages)
            self._futures.append((batch, future))

    def _task_pages(self, batch: list[PageJob]) -> list[TaskPage]:
        """Return how a task names the batch's pages: whole jobs to a spawned worker; to a
        forked one, which holds the plan, each page's position, with its body for an article
        page (a body pickles at a fifth of the cost of the article it belongs to)."""
        if not self._positions:
            return list(self._whole(batch))  # spawned workers
        if self.load is None:
            return [self._positions[id(job)] for job in batch]  # the plan holds whole articles
        bodies = self._bodies(batch)
        return [
            self._positions[id(job)]
            if job.article is None
            else (self._positions[id(job)], bodies[job.article.id or 0])
            for job in batch
        ]

    def _render_here(self) -> None:
        batch = self._pending.popleft()
        if self.bodies is None and self.bodies_path is not None:
            self.bodies = BodyCache(self.bodies_path)
        pages = render_jobs(self._whole(batch), self.site, self.columns, self.bodies)
        self._ready.extend(zip(batch, pages, strict=True))

    def next(self, job: PageJob) -> bytes | WrittenPage:
        """Return the bytes of ``job``, the next of the jobs given (rendered here if need be),
        or, for a page a worker wrote into ``into`` itself, the record of it."""
        if not self._ready:
            if self._futures:
                batch, future = self._futures.popleft()
                self._submit()
                try:
                    self._ready.extend(zip(batch, future.result(), strict=True))
                except (BrokenProcessPool, OSError):
                    # The workers could not start (e.g. a frozen app without freeze_support)
                    # or died: the jobs are plain data, so render the rest here.
                    self._pending.extendleft(reversed([b for b, _ in self._futures]))
                    self._pending.appendleft(batch)
                    self._stop_workers()
                    self._forget_partial()
                    self._render_here()
            elif self._pending:
                self._render_here()
            else:
                raise RuntimeError("a page was asked for that was not given")
        expected, data = self._ready.popleft()
        if expected is not job:
            raise RuntimeError("pages were asked for out of plan order")
        return data

    def _forget_partial(self) -> None:
        """Remove what dead workers may have written of the pages to be rendered here."""
        if self.into is None:
            return
        for batch in self._pending:
            for job in batch:
                with contextlib.suppress(OSError):
                    os.unlink(os.path.join(self.into, self._paths[id(job)]))

    def _stop_workers(self) -> None:
        self._futures.clear()
        if self._executor is not None:
            # Workers writing into the staging folder finish their batch first, so that none
            # writes there once the export has removed it (a cancel, a failure).
            self._executor.shutdown(wait=self.into is not None, cancel_futures=True)
            self._executor = None

    def close(self) -> None:
        """Stop the workers and close the cache; pending work is dropped (a cancel, a failure)."""
        self._stop_workers()
        if self.bodies is not None:
            self.bodies.close()
            self.bodies = None
