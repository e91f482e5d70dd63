"""Letting go of a long body's document without stopping the window.

Clearing the document of a 2,000-row table (10,000 blocks, each with its layout and what the
Markdown reader kept on it) took 50-70 ms of one processor on the window's thread: a new
article after such a table stopped the window for 150-200 ms. The editor gives the new body a
new, empty document instead and hands the old one to a ``DocumentDisposal``. What Python kept
on its blocks (a ``QTextBlockUserData`` each, some 7 µs apiece to delete, 70 ms in all) is
dropped here a few hundred blocks at a time between events: deleted on another thread each
would take Python's lock, and the window's thread would wait for it thousands of times. Then
the document is moved to a thread of its own and Qt deletes it there (Qt's text classes are
reentrant: a document may be used, and so deleted, on any one thread at a time). Nothing else
refers to it by then: the editor's widgets, reader and underlines follow the new document
(``RichTextEditor.documentReplaced``).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtGui import QTextBlock, QTextDocument

from desktop.gui.work import Deletion

#: Blocks looked at per step on the window's thread (a step is 2-4 ms).
STRIP_BLOCKS = 400


class DocumentDisposal(QObject):
    """Deletes the documents it is given: what Python kept on their blocks a slice at a time
    on this thread, then each document on a thread that ends once it is deleted."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # Documents whose blocks still hold Python data, and the next block to look at.
        self._stripping: list[tuple[QTextDocument, QTextBlock]] = []
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._strip_step)
        # Documents on their way out on threads of their own (desktop/gui/work.py).
        self._dying: list[Deletion] = []
        #: Documents handed over since the disposal was made, and steps spent on their blocks.
        self.handed_over = 0
        self.steps = 0
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.close)

    def dispose(self, document: QTextDocument) -> None:
        """Delete ``document``, which nothing may use any more, without a long step here."""
        document.setParent(None)  # an object with a parent cannot change threads
        self.handed_over += 1
        self._stripping.append((document, document.begin()))
        self._timer.start()

    def pending(self) -> int:
        """How many documents handed over are not deleted yet."""
        dying = sum(not deletion.deleted() for deletion in self._dying)
        return len(self._stripping) + dying

    def close(self) -> None:
        """Delete every document handed over, and wait until their threads have ended."""
        self._timer.stop()
        for document, _block in self._stripping:
            self._delete_on_thread(document)
        self._stripping.clear()
        for deletion in self._dying:
            deletion.wait()
        self._dying.clear()

    def _strip_step(self) -> None:
        """Drop the Python data of the next blocks (a QTextBlockUserData each, some 7 µs to
        delete: on the disposal's thread each would wait for Python's lock, and make the
        window's thread wait for it in turn)."""
        self.steps += 1
        document, block = self._stripping[0]
        for _ in range(STRIP_BLOCKS):
            if not block.isValid():
                break
            if block.userData() is not None:
                block.setUserData(None)  # type: ignore[arg-type]
            block = block.next()
        if block.isValid():
            self._stripping[0] = (document, block)
            return
        self._stripping.pop(0)
        self._delete_on_thread(document)
        if not self._stripping:
            self._timer.stop()

    def _delete_on_thread(self, document: QTextDocument) -> None:
        self._forget_deleted()
        self._dying.append(Deletion(document, "document disposal"))

    def _forget_deleted(self) -> None:
        kept = []
        for deletion in self._dying:
            if deletion.finished():
                deletion.wait()
            else:
                kept.append(deletion)
        self._dying = kept
