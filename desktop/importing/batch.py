"""Importing many files: find them, read each (pictures in memory), then write.

Two ways to write: :func:`save_imported` takes a list of files already read and stores all
of them in one transaction (``newsroom import``: all or nothing), and :func:`import_files`
stores one file at a time, yielding progress and a result per file, so the app can show
progress, cancel (stop iterating) and report the files that failed. Reading (Word parsing,
photo re-encoding) runs in worker processes, one per core (:func:`read_files`); the store
is written only by the caller's thread, so a GUI can read in a worker thread and store in
its own (:func:`store_read_file`).
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Generator, Iterable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from desktop.article import Article
from desktop.article_file import MARKDOWN_SUFFIXES, ArticleFileError, UnclearEncodingError
from desktop.i18n import current_language, set_language, tr
from desktop.importing.docx import read_document_bytes, read_docx
from desktop.importing.duplicates import (
    Duplicate,
    DuplicatePolicy,
    find_duplicate,
    remember_import,
    update_from_file,
)
from desktop.importing.html import PendingPictures
from desktop.importing.markdown_files import read_markdown_article
from desktop.importing.office import CONVERTED_KINDS, FileKind, convert_to_docx, file_kind
from desktop.pictures import DEFAULT_MAX_WIDTH, max_width
from desktop.store import Store
from desktop.store.origin import remember_imported_date

#: Office documents a folder import picks up; what each file is comes from its bytes.
OFFICE_SUFFIXES = (".docx", ".doc", ".wps", ".rtf", ".odt", ".dot", ".wpt", ".docm", ".dotx")
IMPORT_SUFFIXES = (*MARKDOWN_SUFFIXES, *OFFICE_SUFFIXES)
#: Most worker processes an import uses.
MAX_WORKERS = 4
#: Fewer files than this are read in this process: starting workers takes about a second.
PARALLEL_FROM = 4


@dataclass
class ImportedFile:
    """One file read into memory: its article and pictures, not yet stored."""

    path: Path
    article: Article
    pictures: PendingPictures
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class FileResult:
    """What became of one file: the stored article, or the reason it was not imported."""

    path: Path
    article: Article | None = None
    error: str = ""
    warnings: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        """Whether the file was imported."""
        return self.article is not None


@dataclass(frozen=True)
class FileRead:
    """One file read into memory (not yet stored), or the reason it could not be read."""

    path: Path
    imported: ImportedFile | None = None
    error: str = ""
    #: A text file whose encoding is unclear: the candidates, and the start of each reading.
    encodings: tuple[str, ...] = ()
    samples: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ImportProgress:
    """Progress of an import: files done of total, and the result of the file just done."""

    done: int
    total: int
    result: FileResult | None = None


def _importable(path: Path) -> bool:
    # Word keeps "~$name.docx" lock files beside open documents; they are not documents.
    return path.suffix.lower() in IMPORT_SUFFIXES and not path.name.startswith("~$")


def find_import_files(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Return the Markdown and office files named, looking inside folders (sorted, recursively)."""
    found: list[Path] = []
    for item in paths:
        path = Path(item)
        if path.is_dir():
            found.extend(c for c in sorted(path.rglob("*")) if c.is_file() and _importable(c))
        elif path.exists():
            found.append(path)
        else:
            raise ArticleFileError(path, tr("no such file or folder"))
    return found


def read_import_file(
    path: Path,
    *,
    max_width_px: int = DEFAULT_MAX_WIDTH,
    keep_originals: bool = False,
    root: Path | None = None,
    encoding: str | None = None,
) -> ImportedFile:
    """Read one Markdown or office file and its pictures; ArticleFileError if it is bad.

    What the file is comes from its bytes: a .doc that is really RTF or .docx (offices
    rename files freely) is read as what it is; .doc, .wps, .rtf and .odt go through
    LibreOffice to .docx first. encoding: the one the user chose for a text file.
    """
    pictures = PendingPictures(max_width=max_width_px, keep_originals=keep_originals)
    data = read_document_bytes(path)
    kind = file_kind(data)
    if kind in CONVERTED_KINDS:
        data = convert_to_docx(path, data, kind)
        kind = FileKind.DOCX
    if kind is FileKind.ZIP:
        raise ArticleFileError(
            path, tr("is a zip archive but not a Word document nor an OpenDocument text")
        )
    if kind is FileKind.DOCX or path.suffix.lower() in OFFICE_SUFFIXES:
        result = read_docx(path, pictures, data)
        return ImportedFile(path, result.article, pictures, result.warnings)
    article = read_markdown_article(path, pictures, root=root, encoding=encoding)
    return ImportedFile(path, article, pictures)


def save_imported(store: Store, files: Iterable[ImportedFile]) -> list[Article]:
    """Store the files' pictures and articles in one transaction: all of them or none."""
    files = list(files)
    with store.transaction():
        for file in files:
            file.pictures.save(store)
        stored = store.add_articles([file.article for file in files])
        for file, article in zip(files, stored, strict=True):
            remember_import(store, file, article)
            remember_imported_date(store, article)
        return stored


def import_plan(paths: Iterable[str | os.PathLike[str]]) -> list[tuple[Path, Path]]:
    """Return each file to import with the folder its pictures may come from, in order."""
    plan: list[tuple[Path, Path]] = []
    for item in paths:
        path = Path(item)
        for file in find_import_files([path]):
            plan.append((file, path if path.is_dir() else file.parent))
    return plan


def default_workers() -> int:
    """How many processes read files: one per core, at most four (memory, not speed, limits)."""
    return max(1, min(MAX_WORKERS, os.cpu_count() or 1))


def read_one(
    path: Path,
    root: Path,
    max_width_px: int,
    keep_originals: bool,
    encoding: str | None = None,
) -> FileRead:
    """Read one file, turning every failure into a message (runs in a worker process)."""
    try:
        imported = read_import_file(
            path,
            max_width_px=max_width_px,
            keep_originals=keep_originals,
            root=root,
            encoding=encoding,
        )
    except UnclearEncodingError as exc:
        return FileRead(path, error=str(exc), encodings=exc.candidates, samples=exc.samples)
    except ArticleFileError as exc:
        return FileRead(path, error=str(exc))
    except Exception as exc:  # one odd file must not stop a folder import halfway
        return FileRead(path, error=f"{path}: {exc}")
    return FileRead(path, imported)


def read_files(
    plan: Sequence[tuple[Path, Path]],
    *,
    max_width_px: int = DEFAULT_MAX_WIDTH,
    keep_originals: bool = False,
    workers: int | None = None,
) -> Generator[FileRead, None, None]:
    """Read the planned files and yield them in plan order; stop iterating to cancel.

    Parsing Word files and re-encoding photos is CPU work, so with several files it runs in
    worker processes (one per core); nothing is written anywhere. Processes are spawned,
    not forked: forking a process that runs Qt threads can deadlock the child.
    """
    count = default_workers() if workers is None else workers
    if count <= 1 or len(plan) < PARALLEL_FROM:
        for path, root in plan:
            yield read_one(path, root, max_width_px, keep_originals)
        return
    try:
        # The workers explain a bad file in the language of the window or command that asked.
        executor = ProcessPoolExecutor(
            count,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=set_language,
            initargs=(current_language(),),
        )
    except (OSError, ValueError, NotImplementedError):
        yield from read_files(
            plan, max_width_px=max_width_px, keep_originals=keep_originals, workers=1
        )
        return
    pending: deque[tuple[Path, Path, Future[FileRead]]] = deque()
    upcoming = iter(plan)
    broken = False
    try:
        # A short queue keeps memory flat (each read file holds its photos) and makes a
        # cancel cheap: only the files already handed out are read in vain.
        for path, root in islice(upcoming, count * 2):
            pending.append(
                (path, root, executor.submit(read_one, path, root, max_width_px, keep_originals))
            )
        while pending:
            path, root, future = pending.popleft()
            try:
                read = future.result() if not broken else None
            except BrokenProcessPool:
                broken = True  # a worker died (out of memory, killed): read the rest here
                read = None
            if read is None:
                read = read_one(path, root, max_width_px, keep_originals)
            following = next(upcoming, None)
            if following is not None:
                if broken:
                    pending.append((*following, Future()))
                else:
                    pending.append(
                        (
                            *following,
                            executor.submit(read_one, *following, max_width_px, keep_originals),
                        )
                    )
            yield read
    finally:
        for _, _, future in pending:
            future.cancel()
        executor.shutdown(wait=False, cancel_futures=True)


def store_read_file(
    store: Store,
    read: FileRead,
    decide: Callable[[Duplicate], DuplicatePolicy] | None = None,
) -> FileResult:
    """Store one read file (its pictures and article, in one transaction); its result.

    decide: what to do with a file imported before (see ``duplicates.py``); None keeps both.
    """
    if read.imported is None:
        return FileResult(read.path, error=read.error)
    try:
        duplicate = find_duplicate(store, read.imported) if decide is not None else None
        policy = decide(duplicate) if decide is not None and duplicate is not None else None
        if duplicate is not None and policy is DuplicatePolicy.SKIP:
            return FileResult(
                read.path, error=tr("{duplicate}; skipped", duplicate=duplicate.describe())
            )
        if duplicate is not None and policy is DuplicatePolicy.UPDATE:
            updated = update_from_file(store, duplicate)
            return FileResult(read.path, updated, warnings=tuple(read.imported.warnings))
        (article,) = save_imported(store, [read.imported])
    except Exception as exc:  # a store error must not stop a folder import halfway
        return FileResult(read.path, error=f"{read.path}: {exc}")
    return FileResult(read.path, article, warnings=tuple(read.imported.warnings))


def import_files(
    store: Store,
    paths: Iterable[str | os.PathLike[str]],
    *,
    keep_originals: bool = False,
    workers: int | None = None,
) -> Generator[ImportProgress, None, None]:
    """Import files one by one, yielding (done, total) and each file's result.

    Files are read in worker processes (see :func:`read_files`) and stored here, in plan
    order. A bad file is reported in its result and the rest go on. Stopping the iteration
    cancels: files already done stay imported, the file in progress is not written.
    """
    try:
        plan = import_plan(paths)
    except ArticleFileError as exc:
        yield ImportProgress(0, 0, FileResult(exc.path, error=str(exc)))
        return
    total = len(plan)
    yield ImportProgress(0, total)
    reads = read_files(
        plan, max_width_px=max_width(store), keep_originals=keep_originals, workers=workers
    )
    try:
        for done, read in enumerate(reads, start=1):
            yield ImportProgress(done, total, store_read_file(store, read))
    finally:
        reads.close()  # stops the worker processes at once on cancel
