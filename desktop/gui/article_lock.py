"""The edit lock of the article in the editor, on a shared server: held, renewed, lost, taken.

Opening an article takes its lock (``EditLocks``); while it is held a heartbeat renews it every
30 s, and every save asks first whether it is still ours (``may_write``, the session's write
guard). Someone else's lock makes the editor read-only with a "take over" button; taking over
reloads the stored article and makes it ours. The one taken over learns it at their next
heartbeat or save, or at once from the server's lock notice (``check``): their unsaved text is
kept as a revision, the stored article shown, the editor made read-only. The version number
still guards every save, whatever the locks say.

The periodic heartbeat runs on a work queue, at most one at a time, so a slow or distant
server never freezes the window; what it finds is acted on back on the GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.article import Article
from desktop.gui.article_session import ArticleSession
from desktop.gui.work import Job, WorkQueue
from desktop.store import ArticleNotFound, StoreError
from desktop.store.locks import EditLock, EditLocks


class ArticleLock(QObject):
    """Keeps the edit lock of the session's article; the window shows what it says."""

    #: Whether the editor is read-only changed, or who holds the lock (the window redraws).
    changed = Signal()
    #: Someone took the article over: their lock, and the revision id our unsaved text was
    #: kept as (None when nothing was unsaved).
    taken_over = Signal(object, object)
    #: The lock could not be read or written (the server went away): the message.
    failed = Signal(str)

    def __init__(
        self, locks: EditLocks, session: ArticleSession, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.locks = locks
        self.session = session
        self._article_id: int | None = None
        self._mine = False
        #: Who holds the lock of the article shown, when it is not us.
        self.holder: EditLock | None = None
        self._online = True  # while the server is away, nothing is asked of it
        self._heartbeat = QTimer(self)
        self._heartbeat.setInterval(locks.timing.beat_s * 1000)
        self._heartbeat.timeout.connect(self._beat)
        self._beats = WorkQueue(self, name="edit lock heartbeat")
        self._beating: Job | None = None

    @property
    def read_only(self) -> bool:
        """Whether the editor must not change the article (someone else edits it)."""
        return self.holder is not None

    @property
    def held(self) -> bool:
        """Whether this window holds the lock of the article shown."""
        return self._mine

    def opened(self, article: Article) -> None:
        """The session shows ``article``: take its lock, or show who has it."""
        if not self.locks.active:
            return
        if article.id != self._article_id:
            self.closed()
        self._article_id = article.id
        if article.id is None or not self._online:
            return  # offline: the lock is taken when the server is back (``set_online``)
        try:
            self._show_holder(self.locks.take(article.id))
        except StoreError as exc:
            self.failed.emit(str(exc))

    def closed(self) -> None:
        """The article left the editor: give its lock back."""
        article_id, self._article_id = self._article_id, None
        self._heartbeat.stop()
        self._wait_beat()  # a beat still under way would take the released lock again
        was_read_only = self.holder is not None
        self.holder = None
        if self._mine and article_id is not None:
            self._mine = False
            if not self._online:
                return  # the server is away: the lock expires there by itself
            try:
                self.locks.release(article_id)
            except StoreError as exc:
                self.failed.emit(str(exc))  # it expires by itself after two minutes
        if was_read_only:
            self.changed.emit()

    def set_online(self, online: bool) -> None:
        """The server went away (no heartbeat is sent) or came back (the lock is checked)."""
        was, self._online = self._online, online
        if online and not was:
            self.check()

    def take_over(self) -> None:
        """接管编辑: make the lock ours and edit the article as it is stored now."""
        article_id = self._article_id
        if article_id is None or not self.locks.active:
            return
        try:
            self.locks.take_over(article_id)
            article = self.session.store.get_article(article_id)
        except ArticleNotFound:
            return
        except StoreError as exc:
            self.failed.emit(str(exc))
            return
        self._show_holder(None)
        self.session.load(article)  # ``opened`` follows: the lock is already ours

    def check(self) -> None:
        """The heartbeat, or a lock notice: is the article still ours (or free now)?"""
        article_id = self._article_id
        if article_id is None or not self.locks.active or not self._online:
            return
        try:
            if self._mine:
                holder = self.locks.beat(article_id)
                if holder is not None:
                    self._lost(holder)
            else:
                # Free again? Only opening takes back a lock left on this PC (no ping-pong
                # between two windows of one person).
                self._show_holder(self.locks.take(article_id, reclaim=False))
        except StoreError as exc:
            self.failed.emit(str(exc))

    def _beat(self) -> None:
        """The periodic heartbeat: renew our lock on the work queue (one beat at a time)."""
        article_id = self._article_id
        if not self._mine or article_id is None or not self.locks.active or not self._online:
            return
        if self._beating is not None and self._beating.is_running():
            return  # the last beat is still on its way (a slow server): no pile-up
        locks = self.locks

        def beat(_context: object) -> EditLock | None:
            try:
                return locks.beat(article_id)
            finally:
                # Peewee connections are per thread: this closes only the worker's own one.
                if not locks.store.database.is_closed():
                    locks.store.database.close()

        job = self._beats.start(beat)
        self._beating = job
        job.succeeded.connect(lambda holder: self._beaten(article_id, holder))
        job.failed.connect(self._beat_failed)
        job.ended.connect(lambda: self._beat_ended(job))

    def _beaten(self, article_id: int, holder: EditLock | None) -> None:
        # On the GUI thread: the article may have been closed or lost meanwhile.
        if holder is None or article_id != self._article_id or not self._mine:
            return
        self._lost(holder)

    def _beat_failed(self, exc: Exception) -> None:
        if not isinstance(exc, StoreError):
            raise exc
        if self._online:
            self.failed.emit(str(exc))

    def _beat_ended(self, job: Job) -> None:
        if self._beating is job:
            self._beating = None

    def _wait_beat(self) -> None:
        """Let a heartbeat under way finish first (closing the article or the window)."""
        if self._beating is not None:
            self._beating.wait()

    def may_write(self, article: Article) -> bool:
        """The session's write guard: save only while the lock is ours (or none is needed)."""
        if not self.locks.active or article.id is None or article.id != self._article_id:
            return True
        if not self._online:
            return self._mine  # kept on this PC meanwhile; the lock is checked on return
        if not self._mine:
            # Someone else's (text replayed from this PC's journal, say): keep it as a
            # revision rather than leave it waiting for a save that may not happen.
            self._keep(article)
            return False
        try:
            holder = self.locks.beat(article.id)
        except StoreError:
            return True  # the save itself meets the same trouble and says so
        if holder is None:
            return True
        self._lost(holder)
        return False

    def _keep(self, article: Article | None) -> int | None:
        """Keep unsaved text as a revision, then count the editor as saved; its id."""
        if article is None:
            return None
        try:
            kept = self.session.store.save_conflicting_copy(article).id
        except StoreError as exc:
            self.failed.emit(str(exc))
            return None
        self.session.forget_changes()
        return kept

    def _show_holder(self, holder: EditLock | None) -> None:
        mine = holder is None
        if mine == self._mine and holder == self.holder:
            return
        self._mine = mine
        self.holder = holder
        if mine:
            self._heartbeat.start()
        else:
            self._heartbeat.stop()
        self.changed.emit()

    def _lost(self, holder: EditLock) -> None:
        """Someone took the article over: keep our unsaved text, show theirs, read-only."""
        edited = self.session.edited_article() if self.session.dirty else None
        kept = self._keep(edited)
        if edited is not None and kept is None:
            return  # the text stays in the editor until it can be kept
        self._show_holder(holder)
        assert self._article_id is not None
        try:
            stored = self.session.store.get_article(self._article_id)
        except StoreError:
            stored = None
        if stored is not None:
            self.session.load(stored)
        self.taken_over.emit(holder, kept)
