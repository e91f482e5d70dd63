"""File → Upload to server…: where to (prefilled), the password, then progress with cancel.

The upload runs as a job on the window's work queue; the question it may ask on the way (a
first-seen host key) comes back to the GUI thread and goes through ``Dialogs``.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressDialog,
    QVBoxLayout,
    QWidget,
)

from desktop.gui.work import Job, JobContext, WorkQueue
from desktop.site import Site
from desktop.store import Store
from desktop.upload import (
    HostKeyStore,
    Questions,
    Scheme,
    UploadError,
    UploadPhase,
    UploadSummary,
    UploadUrl,
    connect,
    open_bundle,
    parse_upload_url,
    upload_bundle,
)
from desktop.upload.passwords import keychain_available, remember_password, stored_password


@dataclass(frozen=True)
class UploadRequest:
    """What the upload dialog was told: where to, from which export, and the password."""

    url: UploadUrl
    source: Path
    password: str = ""
    remember: bool = False


class UploadDialog(QDialog):
    """Asks for the server address, the export to send and the password."""

    def __init__(self, site: Site, source: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Upload to server"))
        self.setMinimumWidth(520)
        self.request: UploadRequest | None = None
        self.url_edit = QLineEdit(site.upload_url)
        self.url_edit.setObjectName("upload_url")
        self.url_edit.setPlaceholderText("sftp://user@host/var/www/site")
        self.source_edit = QLineEdit(source)
        self.source_edit.setObjectName("upload_source")
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("upload_password")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.remember_box = QCheckBox(self.tr("Remember in the system keychain"))
        self.remember_box.setObjectName("upload_remember")
        self.remember_box.setVisible(keychain_available())
        self.error_label = QLabel()
        self.error_label.setObjectName("upload_error")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.hide()
        hint = QLabel(
            self.tr(
                "sftp://user@host[:port]/folder, ftps://…, ftp://… (unencrypted) or a folder. "
                "Only new and changed files are sent; the site stays whole throughout."
            )
        )
        hint.setWordWrap(True)

        form = QFormLayout()
        form.addRow(self.tr("Server address:"), self.url_edit)
        form.addRow(self.tr("Exported site:"), self.source_edit)
        form.addRow(self.tr("Password:"), self.password_edit)
        form.addRow("", self.remember_box)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Upload"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        # Looked up when the address is done, not per keystroke: a keychain may be slow to ask.
        self.url_edit.editingFinished.connect(self._password_hint)
        self._password_hint()

    def _password_hint(self) -> None:
        try:
            url = parse_upload_url(self.url_edit.text())
        except UploadError:
            url = None
        needs = url is not None and not url.is_folder
        self.password_edit.setEnabled(needs)
        kept = needs and url is not None and stored_password(url) is not None
        self.password_edit.setPlaceholderText(
            self.tr("kept in the system keychain") if kept else ""
        )

    def accept(self) -> None:
        """Close with the request only if the address and the export are usable."""
        try:
            url = parse_upload_url(self.url_edit.text())
            source = Path(self.source_edit.text().strip()).expanduser()
            if not self.source_edit.text().strip():
                raise UploadError(self.tr("Export the website first."))
            open_bundle(source).close()
        except UploadError as exc:
            self.error_label.setText(str(exc))
            self.error_label.show()
            return
        self.request = UploadRequest(
            url,
            source,
            self.password_edit.text(),
            self.remember_box.isVisible() and self.remember_box.isChecked(),
        )
        super().accept()


@dataclass(frozen=True)
class HostKeyQuestion:
    """What the upload asks the GUI thread: trust this server seen the first time?"""

    host: str
    kind: str
    fingerprint: str


# Least time between two progress reports: a smooth bar without flooding the GUI thread.
PROGRESS_INTERVAL = 0.05


def run_upload(context: JobContext, request: UploadRequest, host_keys: HostKeyStore) -> object:
    """The upload job (on the work thread): connect, send, and return the summary."""

    def confirm_host_key(host: str, kind: str, shown: str) -> bool:
        return bool(context.ask(HostKeyQuestion(host, kind, shown)))

    # Plain FTP was confirmed before the job started; the password was typed or is kept.
    questions = Questions(confirm_plain_ftp=lambda _url: True, confirm_host_key=confirm_host_key)
    bundle = open_bundle(request.source)
    try:
        remote = connect(request.url, questions, host_keys, password_given=request.password or None)
        if request.remember and request.password:
            remember_password(request.url, request.password)
        run = upload_bundle(bundle, remote, request.url.text())
        reported = 0.0
        try:
            for report in run:
                # Stops after the file in hand: every page on the server stays whole.
                context.check_cancelled()
                if report.summary is not None:
                    return report.summary
                now = time.monotonic()
                sending = report.phase in (UploadPhase.SEND, UploadPhase.DELETE)
                if sending and now - reported >= PROGRESS_INTERVAL:
                    reported = now
                    context.report(report.done, report.total, report.path)
        finally:
            run.close()
    finally:
        bundle.close()
    raise UploadError("the upload ended without a summary")


class UploadRunner(QObject):
    """Starts an upload on the work queue and shows its progress with a Cancel button."""

    finished = Signal(object)  # UploadSummary
    failed = Signal(str)
    cancelled = Signal()
    done = Signal()  # after any of the three

    def __init__(self, host_keys: HostKeyStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.parent_widget = parent
        self.host_keys = host_keys
        self.progress_dialog: QProgressDialog | None = None
        self._queue = WorkQueue(self, name="upload")
        self._job: Job | None = None

    def is_running(self) -> bool:
        """Whether an upload is under way."""
        return self._job is not None

    def start(self, request: UploadRequest) -> bool:
        """Start uploading; False when the user declined plain FTP or one is running."""
        from desktop.gui.dialogs import Dialogs

        if self.is_running():
            return False
        if request.url.scheme is Scheme.FTP and not Dialogs.confirm_plain_ftp(
            self.parent_widget, request.url.text()
        ):
            return False
        host_keys = self.host_keys
        job = self._queue.start(lambda context: run_upload(context, request, host_keys))
        job.progressed.connect(self._on_progress)
        job.asked.connect(self._on_question)
        job.succeeded.connect(self.finished.emit)
        job.failed.connect(lambda exc: self.failed.emit(failure_text(exc)))
        job.cancelled.connect(self.cancelled.emit)
        job.ended.connect(self._end)
        self._job = job
        self._show_progress()
        return True

    def cancel(self) -> None:
        """Stop after the file being sent; the server keeps a whole site."""
        if self._job is not None:
            self._job.cancel()

    def wait(self, timeout_ms: int = 30_000) -> bool:
        """Cancel and wait for the upload to stop (when the window closes)."""
        self.cancel()
        return self._queue.wait(timeout_ms)

    def _on_question(self, question: object) -> None:
        from desktop.gui.dialogs import Dialogs

        job = self._job
        if job is None or not isinstance(question, HostKeyQuestion):
            return
        job.answer(
            Dialogs.confirm_host_key(
                self.parent_widget, question.host, question.kind, question.fingerprint
            )
        )

    def _show_progress(self) -> None:
        dialog = QProgressDialog(self.parent_widget)
        dialog.setObjectName("upload_progress")
        dialog.setWindowTitle(self.tr("Uploading the website"))
        dialog.setLabelText(self.tr("Connecting and comparing with the server…"))
        dialog.setCancelButtonText(self.tr("Cancel"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumDuration(0)
        dialog.setMinimumWidth(420)
        dialog.setRange(0, 0)
        dialog.canceled.connect(self.cancel)
        dialog.show()
        self.progress_dialog = dialog

    def _on_progress(self, done: int, total: int, path: object) -> None:
        dialog = self.progress_dialog
        if dialog is not None:
            dialog.setRange(0, max(total, 1))
            dialog.setValue(done)
            text = self.tr("Sending %1 of %2 files…").replace("%1", str(done + 1))
            dialog.setLabelText(text.replace("%2", str(total)) + f"\n{path}")

    def _end(self) -> None:
        dialog = self.progress_dialog
        if dialog is not None:
            dialog.canceled.disconnect(self.cancel)  # hiding is not the user cancelling
            dialog.hide()
            dialog.deleteLater()
            self.progress_dialog = None
        self._job = None
        self.done.emit()


def failure_text(exc: object) -> str:
    """The message for an upload that failed: ours as it is, anything else with its kind."""
    if isinstance(exc, UploadError):
        return str(exc)
    return f"{type(exc).__name__}: {exc}"


def last_export(candidates: list[str]) -> str:
    """The most recent of the exports named (by their manifest's time), or the first named."""
    from desktop.export.manifest import MANIFEST

    def written(candidate: str) -> float:
        path = Path(candidate)
        try:
            return (path / MANIFEST if path.is_dir() else path).stat().st_mtime
        except OSError:
            return -1.0

    named = [c for c in candidates if c]
    if not named:
        return ""
    return max(named, key=lambda c: (written(c), -named.index(c)))


def start_upload(
    parent: QWidget, store: Store, settings: QSettings, runner: UploadRunner | None
) -> UploadRunner:
    """Ask for the upload (prefilled from the site settings), remember it, start it."""
    from desktop.gui.dialogs import Dialogs
    from desktop.gui.export_dialog import TARGET_KEY

    if runner is None:
        runner = UploadRunner(HostKeyStore.beside(Path(store.path)), parent)
        title = QCoreApplication.translate("UploadDialog", "Upload to server")
        runner.finished.connect(
            lambda summary: Dialogs.show_info(parent, title, summary_text(summary))
        )
        runner.failed.connect(
            lambda message: Dialogs.show_error(
                parent, QCoreApplication.translate("UploadDialog", "Upload failed"), message
            )
        )
        runner.cancelled.connect(
            lambda: Dialogs.show_info(
                parent,
                title,
                QCoreApplication.translate(
                    "UploadDialog",
                    "Upload cancelled. Every page on the server is whole; upload again to finish.",
                ),
            )
        )
    if runner.is_running():
        return runner
    site = store.site()
    source = last_export([str(settings.value(TARGET_KEY, "") or ""), site.export_target])
    request = Dialogs.ask_upload(parent, site, source)
    if request is None:
        return runner
    chosen = site.with_value("upload_url", request.url.text()).with_value(
        "export_target", str(request.source)
    )
    if chosen != site:
        store.save_site(chosen)
    runner.start(request)
    return runner


def summary_text(summary: UploadSummary) -> str:
    """What the window says when an upload is done."""
    text = (
        QCoreApplication.translate(
            "UploadDialog", "Sent %1 files and deleted %2; %3 were already up to date."
        )
        .replace("%1", str(summary.sent))
        .replace("%2", str(summary.deleted))
        .replace("%3", str(summary.unchanged))
    )
    if summary.reconnects:
        text += "\n" + QCoreApplication.translate(
            "UploadDialog", "The connection dropped %1 times and the upload went on."
        ).replace("%1", str(summary.reconnects))
    if summary.foreign:
        text += "\n" + QCoreApplication.translate(
            "UploadDialog",
            "%1 files on the server are not part of the exported site and were left there.",
        ).replace("%1", str(len(summary.foreign)))
    return text
