"""Importing many files: find them, read each (pictures in memory), then write.

Two ways to write: :func:`save_imported` takes a list of files already read and stores all
of them in one transaction (``newsroom import``: all or nothing), and :func:`import_files`
reads and stores one file at a time, yielding progress and a result per file, so the app
can show progress, cancel (stop iterating) and report the files that failed.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from desktop.article import Article
from desktop.article_file import MARKDOWN_SUFFIXES, ArticleFileError
from desktop.importing.docx import read_docx
from desktop.importing.html import PendingPictures
from desktop.importing.markdown_files import read_markdown_article
from desktop.pictures import DEFAULT_MAX_WIDTH, max_width
from desktop.store import Store

IMPORT_SUFFIXES = (*MARKDOWN_SUFFIXES, ".docx")


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
class ImportProgress:
    """Progress of an import: files done of total, and the result of the file just done."""

    done: int
    total: int
    result: FileResult | None = None


def _importable(path: Path) -> bool:
    # Word keeps "~$name.docx" lock files beside open documents; they are not documents.
    return path.suffix.lower() in IMPORT_SUFFIXES and not path.name.startswith("~$")


def find_import_files(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Return the Markdown and .docx files named, looking inside folders (sorted, recursively)."""
    found: list[Path] = []
    for item in paths:
        path = Path(item)
        if path.is_dir():
            found.extend(c for c in sorted(path.rglob("*")) if c.is_file() and _importable(c))
        elif path.exists():
            found.append(path)
        else:
            raise ArticleFileError(path, "no such file or folder")
    return found


def read_import_file(
    path: Path,
    *,
    max_width_px: int = DEFAULT_MAX_WIDTH,
    keep_originals: bool = False,
    root: Path | None = None,
) -> ImportedFile:
    """Read one Markdown or .docx file and its pictures; ArticleFileError if it is bad."""
    pictures = PendingPictures(max_width=max_width_px, keep_originals=keep_originals)
    if path.suffix.lower() == ".docx":
        result = read_docx(path, pictures)
        return ImportedFile(path, result.article, pictures, result.warnings)
    return ImportedFile(path, read_markdown_article(path, pictures, root=root), pictures)


def save_imported(store: Store, files: Iterable[ImportedFile]) -> list[Article]:
    """Store the files' pictures and articles in one transaction: all of them or none."""
    files = list(files)
    with store.transaction():
        for file in files:
            file.pictures.save(store)
        return store.add_articles([file.article for file in files])


def import_files(
    store: Store, paths: Iterable[str | os.PathLike[str]], *, keep_originals: bool = False
) -> Iterator[ImportProgress]:
    """Import files one by one, yielding (done, total) and each file's result.

    A bad file is reported in its result and the rest go on. Stopping the iteration cancels:
    files already done stay imported, the file in progress is not written.
    """
    roots: list[tuple[Path, Path]] = []
    try:
        for item in paths:
            path = Path(item)
            for file in find_import_files([path]):
                roots.append((file, path if path.is_dir() else file.parent))
    except ArticleFileError as exc:
        yield ImportProgress(0, 0, FileResult(exc.path, error=str(exc)))
        return
    total = len(roots)
    width = max_width(store)
    yield ImportProgress(0, total)
    for done, (path, root) in enumerate(roots, start=1):
        try:
            imported = read_import_file(
                path, max_width_px=width, keep_originals=keep_originals, root=root
            )
            (article,) = save_imported(store, [imported])
            result = FileResult(path, article, warnings=tuple(imported.warnings))
        except ArticleFileError as exc:
            result = FileResult(path, error=str(exc))
        except Exception as exc:  # a store error must not stop a folder import halfway
            result = FileResult(path, error=f"{path}: {exc}")
        yield ImportProgress(done, total, result)
