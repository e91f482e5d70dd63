"""Running an export off the GUI thread: proofreading gate, revisions, bundle, with progress.

The export is one background job with its own connection to the database (SQLite
connections belong to the thread that opened them), closed before it reports. It first finds
the serious problems of the articles to export and, if there are any, waits while the gate
question is asked on the GUI thread; then (if the user goes on) it keeps a revision of every
exported article and writes the bundle.
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QSettings, Qt, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from desktop.article import Article
from desktop.export import (
    ExportCancelled,
    ExportError,
    ExportOptions,
    ExportSummary,
    check_target,
    export_bundle,
)
from desktop.gui.dialogs import Dialogs
from desktop.gui.export_dialog import target_problem_text
from desktop.gui.work import Job, JobCancelled, JobContext, WorkQueue
from desktop.pictures import picture_bytes
from desktop.proofread.gate import ArticleFindings, format_override_note, serious_findings
from desktop.store import ArticleNotFound, Store, StoreError
from desktop.store.revisions import RevisionReason

log = logging.getLogger(__name__)

#: Steps of the worker besides the export's own phases (``ExportPhase`` values).
STEP_PROOFREAD = "proofread"
STEP_REVISIONS = "revisions"

#: Least time between two progress reports of the worker: enough for a smooth bar, and the
#: GUI thread is not flooded by thousands of queued signals on a large site.
PROGRESS_INTERVAL = 0.05


class _ExportWork:
    """The export job, run on a worker thread: every result leaves it through its context."""

    def __init__(self, store_path: Path | str, options: ExportOptions) -> None:
        self.store_path = store_path
        self.options = options
        self._context: JobContext | None = None
        self._reported = 0.0
        self._step = ""

    def _report(self, done: int, total: int, step: str, detail: str = "") -> None:
        # The first and last report of each step always go out; those between are thinned.
        now = time.monotonic()
        if step != self._step or done >= total or now - self._reported >= PROGRESS_INTERVAL:
            self._reported, self._step = now, step
            assert self._context is not None
            self._context.report(done, total, (step, detail))

    def _counted(self, articles: Sequence[Article]) -> Iterator[Article]:
        assert self._context is not None
        total = len(articles)
        for done, article in enumerate(articles, start=1):
            self._context.check_cancelled()
            yield article
            self._report(done, total, STEP_PROOFREAD, article.title)

    def __call__(self, context: JobContext) -> ExportSummary:
        """Find the serious problems, ask whether to go on, keep revisions, write the bundle."""
        self._context = context
        # Its own connection: SQLite connections belong to the thread that opened them.
        store = Store.open(self.store_path)
        try:
            self._report(0, 0, STEP_PROOFREAD)
            articles = list(store.iter_articles(self.options.statuses))
            findings = serious_findings(store, self._counted(articles))
            if findings and not context.ask(findings):
                raise JobCancelled  # the user went back at the gate
            ids = [a.id for a in store.iter_articles(self.options.statuses) if a.id is not None]
            self._keep_revisions(store, ids)
            # Pictures are read through this thread's own connection.
            options = replace(self.options, media=lambda path: picture_bytes(store, path))
            summary: ExportSummary | None = None
            for report in export_bundle(store, options, cancel=context.cancelled):
                self._report(report.done, report.total, report.phase.value, report.message)
                summary = report.summary or summary
            if summary is None:
                raise ExportError("the export ended without a summary")
            return summary
        except ExportCancelled:
            raise JobCancelled from None
        finally:
            store.close()

    def _keep_revisions(self, store: Store, ids: Iterable[int]) -> None:
        # One short transaction per article rather than one long one, so that autosaving in the
        # window never waits long for the database; an unchanged article adds no revision.
        assert self._context is not None
        wanted = list(ids)
        for done, article_id in enumerate(wanted, start=1):
            self._context.check_cancelled()
            # An article moved to the trash meanwhile is not in the export either.
            with contextlib.suppress(ArticleNotFound):
                store.keep_revision(article_id, RevisionReason.EXPORT)
            self._report(done, len(wanted), STEP_REVISIONS)


class ExportRunner(QObject):
    """Runs one export at a time off the GUI thread, with a progress dialog that can cancel.

    Exactly one of ``finished``, ``failed``, ``cancelled`` or ``declined`` (the user went
    back at the gate) is emitted per started run, once the export job has ended.
    """

    progress = Signal(int, int, str)  # done, total, what is being done (translated)
    finished = Signal(object)  # ExportSummary
    failed = Signal(str)  # a translated message saying the previous bundle is unchanged
    cancelled = Signal()
    declined = Signal()

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store_path = store.reopen_location
        self.parent_widget = parent
        self.options: ExportOptions | None = None
        #: The articles exported despite serious problems, and the note recording it.
        self.override_findings: list[ArticleFindings] = []
        self.override_note = ""
        self.summary: ExportSummary | None = None
        self.progress_dialog: QProgressDialog | None = None
        self._queue = WorkQueue(self, name="export")
        self._job: Job | None = None
        self._declined = False

    def is_running(self) -> bool:
        """Whether an export is under way."""
        return self._job is not None

    def start(self, options: ExportOptions) -> bool:
        """Start exporting; False (with ``failed`` emitted) if the target is refused at once."""
        if self.is_running():
            return False
        if str(self.store_path) == ":memory:":
            self.failed.emit(self._failure_text("an in-memory database cannot be exported"))
            return False
        try:
            check_target(options)  # an unwritable target is reported before any work
        except ExportError as exc:
            self.failed.emit(self._failure_text(target_problem_text(options, str(exc))))
            return False
        self.options = options
        self.override_findings, self.override_note, self.summary = [], "", None
        self._declined = False
        job = self._queue.start(_ExportWork(self.store_path, options))
        job.progressed.connect(self._on_progress)
        job.asked.connect(self._on_checked)
        job.succeeded.connect(self._on_exported)
        job.failed.connect(self._on_failed)
        job.cancelled.connect(self._on_cancelled)
        self._job = job
        self._show_progress()
        return True

    def cancel(self) -> None:
        """Ask the export to stop; the previous bundle stays as it was."""
        if self._job is not None:
            self._job.cancel()

    def _cancelling(self) -> bool:
        return self._job is None or self._job.is_cancelled()

    def wait(self, timeout_ms: int = 30_000) -> bool:
        """Cancel and wait for the export job to end (when the window closes)."""
        job = self._job
        if job is None:
            return True
        job.cancel()
        return job.wait(timeout_ms)

    # Progress ---------------------------------------------------------------------------------

    def _show_progress(self) -> None:
        dialog = self.progress_dialog
        if dialog is None:
            dialog = QProgressDialog(self.parent_widget)
            dialog.setObjectName("export_progress")
            dialog.setWindowTitle(self.tr("Exporting the website"))
            dialog.setCancelButtonText(self.tr("Cancel"))
            dialog.setWindowModality(Qt.WindowModality.WindowModal)
            dialog.setAutoClose(False)
            dialog.setAutoReset(False)
            dialog.setMinimumDuration(0)
            dialog.setMinimumWidth(420)
            dialog.canceled.connect(self.cancel)
            self.progress_dialog = dialog
        dialog.setRange(0, 0)
        dialog.setLabelText(self.step_text(STEP_PROOFREAD, ""))
        dialog.show()

    def _hide_progress(self) -> None:
        dialog = self.progress_dialog
        if dialog is not None:
            dialog.canceled.disconnect(self.cancel)  # hiding is not the user cancelling
            dialog.hide()
            dialog.deleteLater()
            self.progress_dialog = None

    def step_text(self, step: str, detail: str) -> str:
        """Return what the progress dialog says for a step of the export."""
        texts = {
            STEP_PROOFREAD: self.tr("Checking the articles for serious problems…"),
            STEP_REVISIONS: self.tr("Keeping a revision of each exported article…"),
            "check": self.tr("Checking where the website goes…"),
            "load": self.tr("Reading the articles…"),
            "render": self.tr("Writing pages and pictures…"),
            "swap": self.tr("Replacing the previous export…"),
            "done": self.tr("Done"),
        }
        text = texts.get(step, "")
        if step == "render" and detail:
            text += "\n" + detail  # the bundle path of the file being written
        return text

    @Slot(int, int, object)
    def _on_progress(self, done: int, total: int, what: tuple[str, str]) -> None:
        step, detail = what
        text = self.step_text(step, detail)
        self.progress.emit(done, total, text)
        dialog = self.progress_dialog
        if dialog is not None and not self._cancelling():
            dialog.setLabelText(text)
            dialog.setMaximum(max(total, 0))
            # Last: a modal progress dialog processes events in setValue, which may end the run.
            dialog.setValue(min(done, total) if total > 0 else 0)

    # Outcomes ---------------------------------------------------------------------------------

    @Slot(object)
    def _on_checked(self, findings: list[ArticleFindings]) -> None:
        # The job waits on this thread's answer: go on (True) or go back (False).
        job = self._job
        if job is None or job.is_cancelled():
            return
        if self.progress_dialog is not None:
            self.progress_dialog.hide()
        if not Dialogs.confirm_export_gate(self.parent_widget, findings):
            self._declined = True
            job.answer(False)
            return
        self.override_findings = list(findings)
        self.override_note = format_override_note(findings)
        log.warning("exporting despite serious problems:\n%s", self.override_note)
        if self.progress_dialog is not None:
            self.progress_dialog.show()
        job.answer(True)

    @Slot(object)
    def _on_exported(self, summary: ExportSummary) -> None:
        self.summary = summary
        self._end(lambda: self.finished.emit(summary))

    @Slot(object)
    def _on_failed(self, exc: Exception) -> None:
        if isinstance(exc, ExportError | StoreError):
            detail = str(exc)
        else:
            log.exception("export failed", exc_info=exc)
            detail = f"{type(exc).__name__}: {exc}"
        self._end(lambda: self.failed.emit(self._failure_text(detail)))

    @Slot()
    def _on_cancelled(self) -> None:
        self._end(self.declined.emit if self._declined else self.cancelled.emit)

    def _end(self, outcome: Callable[[], None]) -> None:
        # The outcome is announced once the job is over, so a slot may start again.
        self._job = None
        self._hide_progress()
        outcome()

    def _failure_text(self, detail: str) -> str:
        return (
            self.tr("The export did not finish; the previous export is unchanged.")
            + "\n\n"
            + detail
        )

    @staticmethod
    def cancelled_text() -> str:
        """Return the message shown after the user cancelled an export."""
        return QCoreApplication.translate(
            "ExportRunner", "The export was cancelled; the previous export is unchanged."
        )


def export_site(
    parent: QWidget | None,
    store: Store,
    settings: QSettings,
) -> ExportRunner | None:
    """Ask for the options, then run the export and tell the user how it went.

    Returns the runner (keep a reference while it runs), or None if the user cancelled.
    """
    options = Dialogs.ask_export_options(parent, settings)
    if options is None:
        return None
    runner = ExportRunner(store, parent)
    title = QCoreApplication.translate("ExportRunner", "Export")
    runner.finished.connect(
        lambda summary: Dialogs.present_export_summary(parent, summary, runner.override_findings)
    )
    runner.failed.connect(lambda message: Dialogs.show_error(parent, title, message))
    runner.cancelled.connect(
        lambda: Dialogs.show_info(parent, title, ExportRunner.cancelled_text())
    )
    runner.start(options)
    return runner
