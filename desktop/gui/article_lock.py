"""The edit lock of the article in the editor, on a shared server: held, renewed, lost, taken.

Opening an article takes its lock (``EditLocks``); while it is held a heartbeat renews it every
30 s, and every save asks first whether it is still ours (``may_write``, the session's write
guard). Someone else's lock makes the editor read-only with a "take over" button; taking over
reloads the stored article and makes it ours. The one taken over learns it at their next
heartbeat or save, or at once from the server's lock notice (``check``): their unsaved text is
kept as a revision, the stored article shown, the editor made read-only. The version number
still guards every save, whatever the locks say.

Taking, releasing and taking over the lock, the check after a notice and the periodic
heartbeat all ask the server on one work queue (one thread, so they reach it in the order they
were asked: a lock given back is given back before the next one is taken), so a slow or
distant server never freezes the window. The editor stays read-only until the lock of the
article opened is known; an answer about an article no longer shown is dropped (the lock it
may have taken is released by the job queued behind it). A background save asks its lock
question on the save's worker thread (``write_check``); keeping the text of a take-over as a
revision and reading the stored article again (``_lost``), and reading back another PC's save
(``read_stored``), run on the lock's queue.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.article import Article
from desktop.gui.article_session import ArticleSession, WriteCheck
from desktop.gui.work import Job, WorkQueue
from desktop.store import ArticleNotFound, Store, StoreError
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
        #: The lock of the article shown is being taken (or taken over): not known yet.
        self._pending = False
        #: Whether the take under way may take back a lock this person left on this PC.
        self._pending_reclaim = True
        #: Bumped with every question asked about the lock: an answer to an older one is stale.
        self._asked = 0
        #: Who holds the lock of the article shown, when it is not us.
        self.holder: EditLock | None = None
        self._online = True  # while the server is away, nothing is asked of it
        self._heartbeat = QTimer(self)
        self._heartbeat.setInterval(locks.timing.beat_s * 1000)
        self._heartbeat.timeout.connect(self._beat)
        self._queue = WorkQueue(self, name="edit lock")
        self._beating: Job | None = None
        #: Someone took the article over: our text is being kept and theirs read, in the
        #: background; no save may write meanwhile.
        self._losing = False

    @property
    def read_only(self) -> bool:
        """Whether the editor must not change the article (someone else edits it, or the
        lock is not known yet)."""
        return self.holder is not None or self._pending

    @property
    def held(self) -> bool:
        """Whether this window holds the lock of the article shown."""
        return self._mine

    @property
    def pending(self) -> bool:
        """Whether the server's answer about the lock of the article shown is still awaited."""
        return self._pending

    def opened(self, article: Article) -> None:
        """The session shows ``article``: take its lock, or show who has it."""
        if not self.locks.active:
            return
        if article.id != self._article_id:
            self.closed()
            self._article_id = article.id
            reclaim = True  # opening takes back a lock this person left on this PC
        elif self._mine or self._pending:
            return  # the same article again (a reload, a take-over): the lock is known
        else:
            reclaim = False  # shown again read-only: no ping-pong between two windows
        if article.id is None or not self._online:
            return  # offline: the lock is taken when the server is back (``set_online``)
        self._ask_take(article.id, reclaim=reclaim)

    def _ask_take(self, article_id: int, *, reclaim: bool) -> None:
        """Ask for the lock in the background; the editor is read-only until the answer."""
        self._pending = True
        self._pending_reclaim = reclaim
        self.changed.emit()
        locks = self.locks
        self._ask(lambda: locks.take(article_id, reclaim=reclaim), self._answered_take)

    def closed(self) -> None:
        """The article left the editor: give its lock back."""
        article_id, self._article_id = self._article_id, None
        self._asked += 1  # answers still on their way concern an article no longer shown
        self._heartbeat.stop()
        was_read_only = self.read_only
        self.holder = None
        self._mine = self._pending = self._losing = False
        if article_id is not None and self.locks.active and self._online:
            # Queued behind any take under way, so a lock that take gets is given back too;
            # releasing a lock that is not ours leaves it alone.
            locks = self.locks
            self._ask(lambda: locks.release(article_id), None)
        if was_read_only:
            self.changed.emit()

    def finish(self) -> None:
        """The window closes: give the lock back and wait until the server has it."""
        self.closed()
        self._queue.wait()

    def set_online(self, online: bool) -> None:
        """The server went away (no heartbeat is sent) or came back (the lock is checked)."""
        was, self._online = self._online, online
        if online and not was:
            self.check()

    def take_over(self) -> None:
        """接管编辑: make the lock ours and edit the article as it is stored now."""
        article_id = self._article_id
        if article_id is None or not self.locks.active or self._mine or self._pending:
            return
        self._pending = True
        self.changed.emit()
        locks, store = self.locks, self.session.store

        def take_over() -> Article | None:
            locks.take_over(article_id)
            try:
                return store.get_article(article_id)
            except ArticleNotFound:
                return None

        self._ask(take_over, self._answered_take_over)

    def check(self) -> None:
        """The heartbeat, or a lock notice: is the article still ours (or free now)?"""
        article_id = self._article_id
        if article_id is None or not self.locks.active or not self._online or self._pending:
            return
        if self._mine:
            self._beat()
            return
        # Free again? Only opening takes back a lock left on this PC (no ping-pong between
        # two windows of one person). Not known until the answer: a save meanwhile (the
        # text kept while the server was away) asks itself, so it is saved under the lock.
        self._ask_take(article_id, reclaim=False)

    def wait(self, timeout_ms: int = 30_000) -> bool:
        """Block until every question asked of the server has been answered (tests, closing)."""
        return self._queue.wait(timeout_ms)

    def read_stored(self, article_id: int, answered: Callable[[Article], None]) -> None:
        """Read the stored article on the lock's queue; ``answered`` gets it on the GUI thread
        while it is still the article shown (another PC saved or signed it)."""
        store = self.session.store

        def read() -> Article | None:
            try:
                return store.get_article(article_id)
            except StoreError:
                return None  # gone or unreachable: the notice that follows says so

        job = self._queue.start(lambda _context: self._closing_after(read))

        def deliver(found: Article | None) -> None:
            if found is not None and article_id == self._article_id:
                answered(found)

        job.succeeded.connect(deliver)
        job.failed.connect(self._beat_failed)

    def _ask(self, work: Callable[[], Any], answered: Callable[[Any], None] | None) -> Job:
        """Ask the server on the lock's queue; ``answered`` gets the answer unless it is stale."""
        self._asked += 1
        asked = self._asked
        job = self._queue.start(lambda _context: self._closing_after(work))
        if answered is not None:
            job.succeeded.connect(lambda answer: asked == self._asked and answered(answer))
        job.failed.connect(lambda exc: self._ask_failed(asked, exc))
        return job

    def _ask_failed(self, asked: int, exc: Exception) -> None:
        if not isinstance(exc, StoreError):
            raise exc
        if asked == self._asked and self._pending:
            self._pending = False  # as before the lock was asked for: the save still checks
            self.changed.emit()
        if self._online:
            self.failed.emit(str(exc))

    def _answered_take(self, holder: EditLock | None) -> None:
        self._pending = False
        self._show_holder(holder, force=True)

    def _answered_take_over(self, article: Article | None) -> None:
        self._pending = False
        if article is None:  # deleted meanwhile: nothing left to edit
            self.changed.emit()
            return
        self._show_holder(None, force=True)
        self.session.load(article)  # ``opened`` follows: the lock is already ours

    def _beat(self) -> None:
        """Renew our lock on the work queue (one beat at a time); a take-over is acted on."""
        article_id = self._article_id
        if not self._mine or article_id is None or not self.locks.active or not self._online:
            return
        if self._losing:
            return  # the take-over is being acted on
        if self._beating is not None and self._beating.is_running():
            return  # the last beat is still on its way (a slow server): no pile-up
        locks, store = self.locks, self.session.store

        def beat() -> tuple[EditLock, Article | None] | None:
            holder = locks.beat(article_id)
            if holder is None:
                return None
            try:  # the stored article, shown read-only in place of ours
                return holder, store.get_article(article_id)
            except StoreError:
                return holder, None

        # Not counted as a question: its answer is acted on while the article is still ours.
        job = self._queue.start(lambda _context: self._closing_after(beat))
        self._beating = job
        job.succeeded.connect(lambda found: self._beaten(article_id, found))
        job.failed.connect(self._beat_failed)
        job.ended.connect(lambda: self._beat_ended(job))

    def _closing_after(self, work: Callable[[], Any]) -> Any:
        # On the worker thread: Peewee connections are per thread, close only its own one.
        database = self.locks.store.database
        try:
            return work()
        finally:
            if not database.is_closed():
                database.close()

    def _beaten(self, article_id: int, found: tuple[EditLock, Article | None] | None) -> None:
        # On the GUI thread: the article may have been closed or lost meanwhile.
        if found is None or article_id != self._article_id or not self._mine or self._losing:
            return
        self._lost(*found)

    def _beat_failed(self, exc: Exception) -> None:
        if not isinstance(exc, StoreError):
            raise exc
        if self._online:
            self.failed.emit(str(exc))

    def _beat_ended(self, job: Job) -> None:
        if self._beating is job:
            self._beating = None

    def may_write(self, article: Article) -> bool:
        """The session's write guard: save only while the lock is ours (or none is needed)."""
        if not self.locks.active or article.id is None or article.id != self._article_id:
            return True
        if not self._online:
            return self._mine  # kept on this PC meanwhile; the lock is checked on return
        if self._losing:
            # Taken over: the text is being kept in the background; this one is kept too.
            self._keep(article)
            return False
        if self._pending or (not self._mine and self.holder is None):
            # A save before the server said whose the lock is (text replayed from this PC's
            # journal; or typed after asking failed, the server gone as the article opened):
            # this save asks it itself, as saving asks the server anyway.
            self._asked += 1  # the answer under way, if any, is the same question's
            self._pending = False
            try:
                holder = self.locks.take(article.id, reclaim=self._pending_reclaim)
                self._show_holder(holder, force=True)
            except StoreError:
                self.changed.emit()
                return True  # the save itself meets the same trouble and says so
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

    def write_check(self, article: Article) -> WriteCheck | bool:
        """The write guard of a background save: decided here, or asked on its worker thread.

        The same questions as ``may_write``, asked of the server by the save's job, so a slow
        or distant server never holds the window; what the answer means is acted on here.
        """
        if not self.locks.active or article.id is None or article.id != self._article_id:
            return True
        if not self._online:
            return self._mine
        if self._losing:
            return False  # the text is being kept by the take-over under way
        article_id = article.id
        locks, store = self.locks, self.session.store
        if self._pending or (not self._mine and self.holder is None):
            # As in ``may_write``: the save asks whose the lock is, the answer under way (if
            # any) being the same question's. The editor stays read-only until it is known.
            self._asked += 1
            asked = self._asked
            reclaim = self._pending_reclaim
            if not self._pending:
                self._pending = True
                self.changed.emit()

            def take() -> tuple[bool, object]:
                holder = locks.take(article_id, reclaim=reclaim)
                if holder is None:
                    return True, None
                return False, (holder, _kept(store, article))

            return WriteCheck(take, lambda answer, edits: self._taken_for(asked, answer, edits))
        if not self._mine:
            # Someone else's (text replayed from this PC's journal): kept as a revision.
            return WriteCheck(
                lambda: (False, _kept(store, article)),
                lambda answer, edits: self._kept_for(article_id, answer, edits),
            )

        def beat() -> tuple[bool, object]:
            holder = locks.beat(article_id)
            return holder is None, holder

        return WriteCheck(beat, lambda answer, _edits: self._beaten_for(article_id, answer))

    def _taken_for(self, asked: int, answer: object, edits: int) -> None:
        # On the GUI thread: whose the lock is, asked by a background save.
        if asked != self._asked:
            return  # another article shown meanwhile
        self._pending = False
        if answer is None:
            self._show_holder(None, force=True)
            return
        if not isinstance(answer, tuple):  # the server's trouble: the save says it
            self.changed.emit()
            return
        holder, kept = answer
        self._show_holder(holder, force=True)
        self._forget_kept(kept, edits)

    def _kept_for(self, article_id: int, kept: object, edits: int) -> None:
        if article_id == self._article_id:
            self._forget_kept(kept, edits)
        elif isinstance(kept, StoreError):
            self.failed.emit(str(kept))

    def _forget_kept(self, kept: object, edits: int) -> None:
        """The text taken at ``edits`` was kept as a revision (or could not be: say why)."""
        if isinstance(kept, Exception):
            self.failed.emit(str(kept))  # the text stays in the editor until it can be kept
        elif self.session.edit_count() == edits:
            self.session.forget_changes()

    def _beaten_for(self, article_id: int, answer: object) -> None:
        if not isinstance(answer, EditLock):
            return  # still ours (the save went ahead), or the server's trouble
        if article_id == self._article_id and self._mine and not self._losing:
            self._lost(answer)

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

    def _show_holder(self, holder: EditLock | None, *, force: bool = False) -> None:
        mine = holder is None
        if not force and mine == self._mine and holder == self.holder:
            return
        self._mine = mine
        self.holder = holder
        if mine:
            self._heartbeat.start()
        else:
            self._heartbeat.stop()
        self.changed.emit()

    def _lost(self, holder: EditLock, stored: Article | None = None) -> None:
        """Someone took the article over: keep our unsaved text, show theirs, read-only.

        Keeping the text as a revision and reading the stored article ask the server on the
        lock's queue; until they are answered no save writes (``_losing``).
        """
        article_id = self._article_id
        assert article_id is not None
        edited = self.session.edited_article() if self.session.dirty else None
        edits = self.session.edit_count()
        self._losing = True
        store = self.session.store

        def keep_and_read() -> tuple[object, Article | None]:
            kept = _kept(store, edited) if edited is not None else None
            found = stored
            if found is None:
                try:
                    found = store.get_article(article_id)
                except StoreError:
                    found = None
            return kept, found

        self._ask(keep_and_read, lambda answer: self._kept_after_loss(holder, edits, *answer))

    def _kept_after_loss(
        self, holder: EditLock, edits: int, kept: object, stored: Article | None
    ) -> None:
        # On the GUI thread, the article still shown (``_ask`` drops a stale answer).
        self._losing = False
        if isinstance(kept, Exception):
            self.failed.emit(str(kept))
            return  # the text stays in the editor until it can be kept (at the next check)
        if self.session.edit_count() != edits:
            self._lost(holder, stored)  # typed while it was kept: keep that text too
            return
        if kept is not None:
            self.session.forget_changes()
        self._show_holder(holder)
        if stored is not None:
            self.session.load(stored)
        self.taken_over.emit(holder, kept)


def _kept(store: Store, article: Article) -> int | StoreError:
    """Keep ``article``'s text as a revision (on a worker thread): its id, or why not."""
    try:
        return store.save_conflicting_copy(article).id
    except StoreError as exc:
        return exc
