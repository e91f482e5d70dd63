"""Running an export off the GUI thread: proofreading gate, revisions, bundle, with progress.

The worker lives in its own QThread with its own connection to the database (SQLite
connections belong to the thread that opened them) and closes it before reporting. It runs in
two steps so that the gate question is asked on the GUI thread between them: first it finds
the serious problems of the articles to export, then (if the user goes on) it keeps a revision
of every exported article and writes the bundle.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QSettings, Qt, QThread, Signal, Slot
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
from desktop.gui.export_dialog import ExportDialog, ExportSummaryDialog, target_problem_text
from desktop.gui.export_gate import ExportGateDialog
from desktop.pictures import picture_bytes
from desktop.proofread.gate import ArticleFindings, format_override_note, serious_findings
from desktop.store import ArticleNotFound, Store, StoreError
from desktop.store.revisions import RevisionReason

log = logging.getLogger(__name__)

#: Asks whether to export despite serious problems; ``ExportGateDialog.confirm`` by default.
ConfirmGate = Callable[[QWidget | None, Sequence[ArticleFindings]], bool]

#: Steps of the worker besides the export's own phases (``ExportPhase`` values).
STEP_PROOFREAD = "proofread"
STEP_REVISIONS = "revisions"

#: Least time between two progress reports of the worker: enough for a smooth bar, and the
#: GUI thread is not flooded by thousands of queued signals on a large site.
PROGRESS_INTERVAL = 0.05


class _ExportWorker(QObject):
    """Does the work in the export thread; every result leaves it as a signal."""

    progress = Signal(int, int, str, str)  # done, total, step, detail
    checked = Signal(object)  # list[ArticleFindings]
    exported = Signal(object)  # ExportSummary
    failed = Signal(str)
    cancelled = Signal()
    closed = Signal()

    def __init__(self, store_path: Path, options: ExportOptions, cancel: threading.Event) -> None:
        super().__init__()
        self.store_path = store_path
        self.options = options
        self.cancel = cancel
        self.store: Store | None = None
        self._reported = 0.0
        self._step = ""

    def _report(self, done: int, total: int, step: str, detail: str = "") -> None:
        # The first and last report of each step always go out; those between are thinned.
        now = time.monotonic()
        if step != self._step or done >= total or now - self._reported >= PROGRESS_INTERVAL:
            self._reported, self._step = now, step
            self.progress.emit(done, total, step, detail)

    def _open(self) -> Store:
        if self.store is None:
            self.store = Store.open(self.store_path)
        return self.store

    def _close(self) -> None:
        if self.store is not None:
            self.store.close()
            self.store = None

    def _check_cancel(self) -> None:
        if self.cancel.is_set():
            raise ExportCancelled("export cancelled; the previous bundle is unchanged")

    def _counted(self, articles: Sequence[Article]) -> Iterator[Article]:
        total = len(articles)
        for done, article in enumerate(articles, start=1):
            self._check_cancel()
            yield article
            self._report(done, total, STEP_PROOFREAD, article.title)

    @Slot()
    def check(self) -> None:
        """Find the serious problems of the articles about to be exported."""
        try:
            store = self._open()
            self._report(0, 0, STEP_PROOFREAD)
            articles = list(store.iter_articles(self.options.statuses))
            findings = serious_findings(store, self._counted(articles))
        except Exception as exc:  # every failure must reach the GUI, or it waits forever
            self._fail(exc)
            return
        self.checked.emit(findings)

    @Slot()
    def export(self) -> None:
        """Keep a revision of every exported article, then write the bundle."""
        try:
            store = self._open()
            ids = [a.id for a in store.iter_articles(self.options.statuses) if a.id is not None]
            self._keep_revisions(store, ids)
            # Pictures are read through this thread's own connection.
            options = replace(self.options, media=lambda path: picture_bytes(store, path))
            summary: ExportSummary | None = None
            for report in export_bundle(store, options, cancel=self.cancel.is_set):
                self._report(report.done, report.total, report.phase.value, report.message)
                summary = report.summary or summary
            if summary is None:
                raise ExportError("the export ended without a summary")
        except Exception as exc:
            self._fail(exc)
            return
        self._close()
        self.exported.emit(summary)

    def _keep_revisions(self, store: Store, ids: Iterable[int]) -> None:
        # One short transaction per article rather than one long one, so that autosaving in the
        # window never waits long for the database; an unchanged article adds no revision.
        wanted = list(ids)
        for done, article_id in enumerate(wanted, start=1):
            self._check_cancel()
            # An article moved to the trash meanwhile is not in the export either.
            with contextlib.suppress(ArticleNotFound):
                store.keep_revision(article_id, RevisionReason.EXPORT)
            self._report(done, len(wanted), STEP_REVISIONS)

    @Slot()
    def close(self) -> None:
        """Close the database connection (the user went back at the gate)."""
        self._close()
        self.closed.emit()

    def _fail(self, exc: Exception) -> None:
        self._close()
        if isinstance(exc, ExportCancelled):
            self.cancelled.emit()
        elif isinstance(exc, ExportError | StoreError):
            self.failed.emit(str(exc))
        else:
            log.exception("export failed", exc_info=exc)
            self.failed.emit(f"{type(exc).__name__}: {exc}")


class ExportRunner(QObject):
    """Runs one export at a time off the GUI thread, with a progress dialog that can cancel.

    Exactly one of ``finished``, ``failed``, ``cancelled`` or ``declined`` (the user went
    back at the gate) is emitted per started run, once the worker thread has ended.
    """

    progress = Signal(int, int, str)  # done, total, what is being done (translated)
    finished = Signal(object)  # ExportSummary
    failed = Signal(str)  # a translated message saying the previous bundle is unchanged
    cancelled = Signal()
    declined = Signal()

    _check_requested = Signal()
    _export_requested = Signal()
    _close_requested = Signal()

    def __init__(
        self,
        store: Store,
        parent: QWidget | None = None,
        *,
        confirm_gate: ConfirmGate | None = None,
    ) -> None:
        super().__init__(parent)
        self.store_path = Path(store.path)
        self.parent_widget = parent
        self.confirm_gate = confirm_gate
        self.options: ExportOptions | None = None
        #: The articles exported despite serious problems, and the note recording it.
        self.override_findings: list[ArticleFindings] = []
        self.override_note = ""
        self.summary: ExportSummary | None = None
        self.progress_dialog: QProgressDialog | None = None
        self._cancel = threading.Event()
        self._thread: QThread | None = None
        self._worker: _ExportWorker | None = None
        self._outcome: Callable[[], None] | None = None

    def is_running(self) -> bool:
        """Whether an export is under way."""
        return self._thread is not None

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
        self._cancel = threading.Event()
        self._outcome = None

        thread = QThread(self)
        thread.setObjectName("export")
        worker = _ExportWorker(self.store_path, options, self._cancel)
        worker.moveToThread(thread)
        self._check_requested.connect(worker.check)
        self._export_requested.connect(worker.export)
        self._close_requested.connect(worker.close)
        worker.progress.connect(self._on_progress)
        worker.checked.connect(self._on_checked)
        worker.exported.connect(self._on_exported)
        worker.failed.connect(self._on_failed)
        worker.cancelled.connect(self._on_cancelled)
        worker.closed.connect(self._on_closed)
        thread.finished.connect(self._on_thread_finished)
        self._thread, self._worker = thread, worker

        self._show_progress()
        thread.start()
        self._check_requested.emit()
        return True

    def cancel(self) -> None:
        """Ask the export to stop; the previous bundle stays as it was."""
        self._cancel.set()

    def wait(self, timeout_ms: int = 30_000) -> bool:
        """Cancel and wait for the worker thread to end (when the window closes)."""
        thread = self._thread
        if thread is None:
            return True
        self.cancel()
        self._close_requested.emit()
        thread.quit()
        return thread.wait(timeout_ms)

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

    @Slot(int, int, str, str)
    def _on_progress(self, done: int, total: int, step: str, detail: str) -> None:
        text = self.step_text(step, detail)
        self.progress.emit(done, total, text)
        dialog = self.progress_dialog
        if dialog is not None and not self._cancel.is_set():
            dialog.setLabelText(text)
            dialog.setMaximum(max(total, 0))
            # Last: a modal progress dialog processes events in setValue, which may end the run.
            dialog.setValue(min(done, total) if total > 0 else 0)

    # Outcomes ---------------------------------------------------------------------------------

    @Slot(object)
    def _on_checked(self, findings: list[ArticleFindings]) -> None:
        if self._cancel.is_set():
            self._close_requested.emit()
            self._outcome = self.cancelled.emit
            return
        if findings:
            if self.progress_dialog is not None:
                self.progress_dialog.hide()
            confirm = self.confirm_gate or ExportGateDialog.confirm
            if not confirm(self.parent_widget, findings):
                self._outcome = self.declined.emit
                self._close_requested.emit()
                return
            self.override_findings = list(findings)
            self.override_note = format_override_note(findings)
            log.warning("exporting despite serious problems:\n%s", self.override_note)
            if self.progress_dialog is not None:
                self.progress_dialog.show()
        self._export_requested.emit()

    @Slot(object)
    def _on_exported(self, summary: ExportSummary) -> None:
        self.summary = summary
        self._end(lambda: self.finished.emit(summary))

    @Slot(str)
    def _on_failed(self, detail: str) -> None:
        self._end(lambda: self.failed.emit(self._failure_text(detail)))

    @Slot()
    def _on_cancelled(self) -> None:
        self._end(self.cancelled.emit)

    @Slot()
    def _on_closed(self) -> None:
        self._end(self._outcome or self.cancelled.emit)

    def _end(self, outcome: Callable[[], None]) -> None:
        self._outcome = outcome
        self._hide_progress()
        if self._thread is not None:
            self._thread.quit()

    @Slot()
    def _on_thread_finished(self) -> None:
        # The outcome is announced only once the thread is over, so a slot may start again.
        thread, worker = self._thread, self._worker
        self._thread = self._worker = None
        if worker is not None:
            worker.deleteLater()
        if thread is not None:
            thread.deleteLater()
        outcome, self._outcome = self._outcome, None
        if outcome is not None:
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
    *,
    confirm_gate: ConfirmGate | None = None,
) -> ExportRunner | None:
    """Ask for the options, then run the export and tell the user how it went.

    Returns the runner (keep a reference while it runs), or None if the user cancelled.
    """
    options = ExportDialog.ask(parent, settings)
    if options is None:
        return None
    runner = ExportRunner(store, parent, confirm_gate=confirm_gate)
    title = QCoreApplication.translate("ExportRunner", "Export")
    runner.finished.connect(
        lambda summary: ExportSummaryDialog.present(parent, summary, runner.override_findings)
    )
    runner.failed.connect(lambda message: Dialogs.show_error(parent, title, message))
    runner.cancelled.connect(
        lambda: Dialogs.show_info(parent, title, ExportRunner.cancelled_text())
    )
    runner.start(options)
    return runner
