"""Attaching files to the edited article: read, checked and stored on the work queue.

A file is read (up to the site's ``attachment_max_mb``, 20 MB by default), its type told
from its bytes and its content written through the store's write path (a full disk is a
store error like any save's) on the work queue, with the worker's own connection: storing
20 MB takes about 0.4 s with every write synced, which the window never waits for. What was
stored comes back as ``attached``, and the window then saves the article's new list like any
edit; each file that cannot be attached comes back as one message naming it and the reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal

from desktop.article import Attachment
from desktop.attachments import AttachmentError, max_bytes, too_large
from desktop.attachments import store_attachment as store_file
from desktop.gui.work import JobContext, WorkQueue
from desktop.store import Store, StoreError


@dataclass(frozen=True)
class AttachResult:
    """What attaching a drop or a choice of files did: the files stored and the refusals."""

    attachments: list[Attachment]
    problems: list[str]


def store_files(store: Store, paths: list[Path], context: JobContext | None = None) -> AttachResult:
    """Read, check (size first, then the type from its bytes) and store each file."""
    limit = max_bytes(store)
    stored: list[Attachment] = []
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
            stored.append(store_file(store, data, path.name))
        except (AttachmentError, StoreError) as exc:
            problems.append(str(exc))
            continue
        except OSError as exc:
            problems.append(
                QCoreApplication.translate("Attaching", "%1 cannot be read (%2)")
                .replace("%1", path.name)
                .replace("%2", exc.strerror or str(exc))
            )
            continue
    return AttachResult(stored, problems)


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
        self._reading += 1
        self.busy_changed.emit(True)
        store = self.store

        def work(context: JobContext) -> AttachResult:
            try:
                return store_files(store, files, context)
            finally:
                store.database.close()  # this worker thread's own connection

        job = self._queue.start(work)
        job.succeeded.connect(self._stored)
        job.failed.connect(lambda exc: self.refused.emit([str(exc)]))
        job.ended.connect(self._ended)

    def _ended(self) -> None:
        self._reading -= 1
        self.busy_changed.emit(self.is_busy())

    def _stored(self, result: AttachResult) -> None:
        if result.attachments:
            self.attached.emit(result.attachments)
        if result.problems:
            self.refused.emit(result.problems)

    def wait(self, timeout_ms: int = 30_000) -> bool:
        """Block until the files being read are read (closing the window)."""
        return self._queue.wait(timeout_ms)
