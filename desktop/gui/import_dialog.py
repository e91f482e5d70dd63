"""Importing files from the app: reading off the GUI thread, progress, cancel, a report.

Reading (Word parsing, photo re-encoding) runs as a background job, which hands the work to
worker processes (``desktop.importing.read_files``). Each file read comes back to the GUI
thread through a queued signal and is stored there: the store's SQLite connection belongs
to the thread that opened it, and widgets are only ever touched from the GUI thread.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from desktop.article_file import ArticleFileError
from desktop.gui.dialogs import Dialogs
from desktop.gui.work import Job, JobContext, WorkQueue
from desktop.importing import FileRead, FileResult, import_plan, read_files, store_read_file
from desktop.importing.batch import read_one
from desktop.importing.duplicates import Duplicate, DuplicatePolicy
from desktop.pictures import max_width
from desktop.store import Store


@dataclass
class ImportReport:
    """How an import went: every file's result, and whether it was cancelled."""

    total: int = 0
    results: list[FileResult] = field(default_factory=list)
    cancelled: bool = False

    @property
    def imported_ids(self) -> list[int]:
        """Ids of the articles created, in file order."""
        return [r.article.id for r in self.results if r.article is not None and r.article.id]

    @property
    def failed(self) -> list[FileResult]:
        """The files that were not imported."""
        return [result for result in self.results if not result.ok]


def _read_all(
    plan: list[tuple[Path, Path]], options: dict[str, object], context: JobContext
) -> None:
    """Read the files on the worker thread, sending each; closing the reader stops its processes."""
    reads = read_files(plan, **options)  # type: ignore[arg-type]
    try:
        for read in reads:
            if context.cancelled():
                break
            context.send(read)
    finally:
        reads.close()


class ImportRunner(QObject):
    """Imports files into a store: reads in a worker thread, stores in the GUI thread."""

    #: (files done, files in all, name of the file just done)
    progress = Signal(int, int, str)
    #: One file's result, as it is stored.
    fileImported = Signal(object)
    #: The import ended (finished or cancelled), with its ImportReport.
    finished = Signal(object)
    #: The ids of the articles created, emitted at the end (also when cancelled).
    imported = Signal(list)

    def __init__(
        self,
        store: Store,
        paths: list[str | os.PathLike[str]],
        *,
        keep_originals: bool = False,
        workers: int | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._paths = list(paths)
        self._keep_originals = keep_originals
        self._workers = workers
        self.report = ImportReport()
        self._queue = WorkQueue(self, name="import")
        self._job: Job | None = None
        self._running = False
        self._roots: dict[Path, Path] = {}
        #: Text files whose encoding is unclear: asked about once the other files are in.
        self._unclear: list[FileRead] = []

    @property
    def running(self) -> bool:
        """Whether the import is still going."""
        return self._running

    def start(self) -> None:
        """Find the files and start reading them; results arrive through the signals."""
        try:
            plan = import_plan(self._paths)
        except ArticleFileError as exc:
            self.report = ImportReport(0, [FileResult(exc.path, error=str(exc))])
            self._finish()
            return
        self.report = ImportReport(total=len(plan))
        self._roots = dict(plan)
        self.progress.emit(0, len(plan), "")
        if not plan:
            self._finish()
            return
        self._running = True
        options: dict[str, object] = {
            "max_width_px": max_width(self._store),
            "keep_originals": self._keep_originals,
            "workers": self._workers,
        }
        self._job = self._queue.start(lambda context: _read_all(plan, options, context))
        # The files arrive on this (the GUI) thread, in the order they were read.
        self._job.produced.connect(self._store_file)
        self._job.ended.connect(self._worker_done)

    def cancel(self) -> None:
        """Stop: files already stored stay, files read but not yet stored are dropped."""
        if not self._running:
            return
        self.report.cancelled = True
        if self._job is not None:
            self._job.cancel()

    def wait(self, milliseconds: int = 30_000) -> bool:
        """Block until the reading has ended (for shutdown); whether it did."""
        return self._queue.wait(milliseconds)

    @Slot(object)
    def _store_file(self, read: FileRead) -> None:
        if self.report.cancelled:
            return
        if read.encodings:
            self._unclear.append(read)
        else:
            self._store_result(read)
        done = len(self.report.results) + len(self._unclear)
        self.progress.emit(done, self.report.total, read.path.name)

    def _store_result(self, read: FileRead) -> None:
        result = store_read_file(self._store, read, self._decide_duplicate)
        self.report.results.append(result)
        self.fileImported.emit(result)

    def _decide_duplicate(self, duplicate: Duplicate) -> DuplicatePolicy:
        """Ask what to do with a file imported before; a cancelled import skips it."""
        if self.report.cancelled:
            return DuplicatePolicy.SKIP
        parent = self.parent()
        return Dialogs.ask_duplicate_import(
            parent if isinstance(parent, QWidget) else None, duplicate
        )

    def _ask_encodings(self) -> None:
        """Ask which encoding each unclear text file is in and import it so; skipped: failed."""
        parent = self.parent()
        widget = parent if isinstance(parent, QWidget) else None
        for read in self._unclear:
            choice = None
            if not self.report.cancelled:
                choice = Dialogs.choose_encoding(
                    widget, read.path.name, read.encodings, read.samples
                )
            if choice is not None:
                root = self._roots.get(read.path, read.path.parent)
                width = max_width(self._store)
                read = read_one(read.path, root, width, self._keep_originals, choice)
            self._store_result(read)
        self._unclear = []

    @Slot()
    def _worker_done(self) -> None:
        self._job = None
        self._ask_encodings()
        self._finish()

    def _finish(self) -> None:
        self._running = False
        self.finished.emit(self.report)
        self.imported.emit(self.report.imported_ids)


def report_text(report: ImportReport) -> tuple[str, str]:
    """The summary of an import and the list of failed files with their reasons."""
    translate = QCoreApplication.translate
    done = len(report.imported_ids)
    summary = translate("ImportDialog", "%1 of %2 files imported.")
    summary = summary.replace("%1", str(done)).replace("%2", str(report.total))
    if report.cancelled:
        summary += " " + translate("ImportDialog", "The import was cancelled.")
    failed = report.failed
    if failed:
        summary += " " + translate("ImportDialog", "%1 files could not be imported:").replace(
            "%1", str(len(failed))
        )
    details = "\n".join(f"{result.path.name}: {_reason(result)}" for result in failed)
    warnings = [
        f"{result.path.name}: {warning}" for result in report.results for warning in result.warnings
    ]
    if warnings:
        details += ("\n\n" if details else "") + "\n".join(warnings)
    return summary, details


def _reason(result: FileResult) -> str:
    """The error without the full path the core puts in front of it."""
    error = result.error
    prefix = f"{result.path}: "
    return error[len(prefix) :] if error.startswith(prefix) else error


def duplicate_box(parent: QWidget | None, duplicate: Duplicate) -> QMessageBox:
    """The question about a file imported before: skip it, update the article, or keep both."""
    translate = QCoreApplication.translate
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(translate("ImportDialog", "Imported before"))
    box.setText(duplicate.describe())
    box.setInformativeText(
        translate(
            "ImportDialog",
            "Skip the file, update the article from it (its history keeps the old text), "
            "or import it again as a new article?",
        )
    )
    choices = {
        DuplicatePolicy.SKIP: translate("ImportDialog", "Skip"),
        DuplicatePolicy.UPDATE: translate("ImportDialog", "Update the article"),
        DuplicatePolicy.KEEP: translate("ImportDialog", "Import as new"),
    }
    for policy, label in choices.items():
        button = box.addButton(label, QMessageBox.ButtonRole.ActionRole)
        button.setProperty("policy", policy.value)
        if policy is DuplicatePolicy.SKIP:
            box.setDefaultButton(button)
            box.setEscapeButton(button)
    return box


def report_box(parent: QWidget | None, report: ImportReport) -> QMessageBox:
    """Build the message saying how an import went (shown by ``Dialogs.show_import_report``)."""
    summary, details = report_text(report)
    box = QMessageBox(parent)
    box.setWindowTitle(QCoreApplication.translate("ImportDialog", "Import finished"))
    box.setIcon(QMessageBox.Icon.Warning if report.failed else QMessageBox.Icon.Information)
    box.setText(summary)
    if details:
        box.setDetailedText(details)
        # The reasons matter more than the button: show the first few right away.
        box.setInformativeText("\n".join(details.splitlines()[:5]))
    return box


class ImportDialog(QProgressDialog):
    """Progress of an import with Cancel, then a report of what was imported and what failed."""

    #: The ids of the articles created (emitted when the import ends).
    imported = Signal(list)

    def __init__(
        self,
        parent: QWidget | None,
        store: Store,
        paths: list[str | os.PathLike[str]],
        *,
        keep_originals: bool = False,
        workers: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import"))
        self.setLabelText(self.tr("Looking for files…"))
        self.setCancelButtonText(self.tr("Cancel"))
        self.setMinimumDuration(0)
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.runner = ImportRunner(
            store, paths, keep_originals=keep_originals, workers=workers, parent=self
        )
        self.runner.progress.connect(self._show_progress)
        self.runner.finished.connect(self._finished)
        self.canceled.connect(self.runner.cancel)

    def start(self) -> None:
        """Show the dialog and start importing (returns at once)."""
        self.show()
        self.runner.start()

    @Slot(int, int, str)
    def _show_progress(self, done: int, total: int, name: str) -> None:
        self.setMaximum(max(1, total))
        self.setValue(done)
        if name:
            text = self.tr("Imported %1 (%2 of %3)")
            self.setLabelText(
                text.replace("%1", name).replace("%2", str(done)).replace("%3", str(total))
            )
        else:
            self.setLabelText(self.tr("Importing %1 files…").replace("%1", str(total)))

    @Slot(object)
    def _finished(self, report: ImportReport) -> None:
        self.hide()
        self.imported.emit(report.imported_ids)
        Dialogs.show_import_report(self.parentWidget(), report)
        self.deleteLater()
