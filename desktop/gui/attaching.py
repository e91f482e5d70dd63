"""Attaching files to the edited article: read on the work queue, checked, stored by the store.

A file is read (up to the site's ``attachment_max_mb``, 20 MB by default) and its type told
from its bytes on the work queue, so a large file never holds the window; the content is
then written through the store's write path on the GUI thread (a full disk is a store error
like any save's). What was stored comes back as ``attached``; each file that cannot be
attached comes back as one message naming it and the reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal

from desktop.article import Attachment
from desktop.attachments import AttachmentError, detect_kind, max_bytes, too_large
from desktop.attachments import store_attachment as store_file
from desktop.gui.work import JobContext, WorkQueue
from desktop.store import Store, StoreError


@dataclass(frozen=True)
class ReadFile:
    """One file read and checked on the work queue: its name and content."""

    name: str
    data: bytes


@dataclass(frozen=True)
class ReadResult:
    """What reading a drop or a choice of files found: the good files and the refusals."""

    files: list[ReadFile]
    problems: list[str]


def read_files(paths: list[Path], limit: int, context: JobContext | None = None) -> ReadResult:
    """Read and check each file (size first, then the type from its bytes); no store access."""
    files: list[ReadFile] = []
    problems: list[str] = []
    for done, path in enumerate(paths):
        if context is not None:
            context.check_cancelled()
            context.report(done, len(paths), path.name)
        try:
            size = path.stat().st_size
            # A file over the limit is refused before it is read: a 2 GB video is not loaded.
            if size > limit:
                raise too_large(path.name, size, limit)
            data = path.read_bytes()
            if len(data) > limit:
                raise too_large(path.name, len(data), limit)
            detect_kind(data, path.name)
        except AttachmentError as exc:
            problems.append(str(exc))
            continue
        except OSError as exc:
            problems.append(
                QCoreApplication.translate("Attaching", "%1 cannot be read (%2)")
                .replace("%1", path.name)
                .replace("%2", exc.strerror or str(exc))
            )
            continue
        files.append(ReadFile(path.name, data))
    return ReadResult(files, problems)


class Attaching(QObject):
    """Reads files to attach in the background and stores them; the window applies them."""

    #: These attachments are stored and can join the article (a list of Attachment).
    attached = Signal(list)
    #: Files that could not be attached: one message per file, naming it.
    refused = Signal(list)
    #: Reading started (True) or ended (False).
    busy_changed = Signal(bool)

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self._queue = WorkQueue(self, name="attachments")
        self._reading = 0

    def is_busy(self) -> bool:
        """Whether files are being read."""
        return self._reading > 0

    def attach(self, paths: list[str | Path]) -> None:
        """Read, check and store these files; ``attached`` and ``refused`` say what came of it."""
        files = [Path(path) for path in paths]
        if not files:
            return
        limit = max_bytes(self.store)
        self._reading += 1
        self.busy_changed.emit(True)
        job = self._queue.start(lambda context: read_files(files, limit, context))
        job.succeeded.connect(self._read)
        job.failed.connect(lambda exc: self.refused.emit([str(exc)]))
        job.ended.connect(self._ended)

    def _ended(self) -> None:
        self._reading -= 1
        self.busy_changed.emit(self.is_busy())

    def _read(self, result: ReadResult) -> None:
        stored: list[Attachment] = []
        problems = list(result.problems)
        for file in result.files:
            try:
                stored.append(store_file(self.store, file.data, file.name))
            except (AttachmentError, StoreError) as exc:
                problems.append(str(exc))
        if stored:
            self.attached.emit(stored)
        if problems:
            self.refused.emit(problems)

    def wait(self, timeout_ms: int = 30_000) -> bool:
        """Block until the files being read are read (closing the window)."""
        return self._queue.wait(timeout_ms)
