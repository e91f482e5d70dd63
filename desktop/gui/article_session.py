"""The article open in the editor: its edit state, when it is saved, and what saving found.

The window builds the panes and wires them; this object owns the open article. It saves
1.5 s after typing stops, at least every 3 s of non-stop typing and when the focus leaves the
editor (``SaveTiming``); it keeps retrying while the disk is full or read-only, and lets the
user choose when another window saved the same article first. Revisions follow from the
reason given to the store: every save keeps one, and autosaves keep one every 10 minutes
(``RevisionSettings.autosave_interval``); the store decides, this object gives the reason.

A long body (``SaveTiming.background_chars``) is written by autosave and Ctrl+S on a work
queue, from a copy of the article taken when the save starts: one write at a time, the next
one asked for while it runs waits for it (it needs the version that write makes), and text
typed meanwhile stays unsaved until the next one. Every other save, and any save asked for
while one runs in the background (switching articles, closing), first waits for that write.
On a server every autosave and Ctrl+S is written this way, whatever its length: the write
guard's question to the server (``write_check``, whether the edit lock is still ours) is asked
by the same job, before the write, never on the GUI thread.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, QTimer, Signal
from PySide6.QtWidgets import QWidget

from desktop.article import Article
from desktop.config import SaveTiming
from desktop.gui.dialogs import ConflictChoice, Dialogs, SaveChoice
from desktop.gui.editor_pane import EditorPane
from desktop.gui.typing_timer import TypingTimer
from desktop.gui.work import Job, WorkQueue
from desktop.store import ArticleNotFound, ConflictError, Store, StoreError
from desktop.store.errors import DiskFull, ReadOnlyStore, ServerUnreachable
from desktop.store.journal import EditJournal, same_content
from desktop.store.revisions import RevisionReason

#: How many articles a window keeps in memory, to open them again while the server is away.
REMEMBERED_ARTICLES = 20


@dataclass
class WriteCheck:
    """A write guard's question to the server, asked on the save's worker thread.

    ``ask`` runs there before the write and returns whether the write may go ahead and an
    answer; ``answered`` gets that answer (or the store's error, and then the write went
    ahead: it meets the same trouble and says so) on the GUI thread, with the session's
    count of edits when the text was taken.
    """

    ask: Callable[[], tuple[bool, object]]
    answered: Callable[[object, int], None]


@dataclass
class _BackgroundSave:
    """A save running on the session's queue: what it writes and what came of it."""

    article: Article
    reason: RevisionReason
    quiet: bool
    #: The session's count of edits when the text was taken: a later edit is not in it.
    edits: int
    job: Job | None = None
    #: The stored article, or the exception the store raised; set on the worker thread.
    outcome: Article | Exception | None = None
    #: The write guard's question asked before the write, and its answer.
    check: WriteCheck | None = None
    answer: object = None
    #: Whether the guard let the write go ahead (False: nothing was written).
    allowed: bool = True
    #: The outcome was acted on (when the job ended, or earlier by a save that waited for it).
    handled: bool = False


class ArticleSession(QObject):
    """Loads, tracks and saves the article in the editor; the window listens to its signals."""

    #: This article is now in the editor, nothing changed yet.
    loaded = Signal(object)
    #: The editor's text became different from what is stored (True) or the same (False).
    dirty_changed = Signal(bool)
    #: The article was written; the stored article and the RevisionReason it was saved with.
    saved = Signal(object, object)
    #: Saving failed with this message; the text stays in the editor and saving is retried.
    save_failed = Signal(str)
    #: Nothing is written until the background check of the database file has passed.
    save_waiting = Signal()
    #: Two windows saved the article; this is the stored article after the user chose.
    conflict_resolved = Signal(object)
    #: The server cannot be reached (a save found it gone); the server's reason.
    server_lost = Signal(str)
    #: How many articles have edits kept on this PC that the server has not confirmed.
    pending_changed = Signal(int)

    def __init__(
        self,
        store: Store,
        editor: EditorPane,
        parent: QObject | None = None,
        timing: SaveTiming | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.editor = editor
        self._current: Article | None = None
        self._dirty = False
        self._conflict_pending = False
        self._failing = False  # saving failed and is being retried
        # False while the background check of the database file runs: nothing is written to a
        # file that may be damaged.
        self._checked = True
        self._timing = timing or SaveTiming()
        self._autosave = TypingTimer(self._timing.pause_ms, self._timing.max_wait_ms, self)
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.setInterval(self._timing.retry_ms)
        self._autosave.due.connect(self._autosave_soon)
        self._retry.timeout.connect(self._autosave_soon)
        self._edits = 0
        # One background write at a time; the queue is a child, so deleting the session waits.
        self._saves = WorkQueue(self, name="save")
        self._in_flight: _BackgroundSave | None = None
        # Asked for while a background write ran: the save (or autosave) to do after it.
        self._again: RevisionReason | None = None
        # Team mode: every save is kept on this PC first, and only there while offline.
        self._journal: EditJournal | None = None
        self._online = True
        self._seen: dict[int, Article] = {}  # the last articles loaded or saved, oldest first
        #: Asked before every write whether this window may save the article (on a shared
        #: server, whether its edit lock is still ours); None: always.
        self.write_guard: Callable[[Article], bool] | None = None
        #: The same guard for a write in the background: decided on the spot (a bool), or a
        #: question asked of the server on the save's worker thread, never on the GUI thread.
        self.write_check: Callable[[Article], WriteCheck | bool] | None = None

    # State --------------------------------------------------------------------------------

    @property
    def current(self) -> Article | None:
        """The article as last loaded or saved (not the editor's unsaved text)."""
        return self._current

    def current_id(self) -> int | None:
        """Return the id of the article in the editor, if any."""
        return self._current.id if self._current is not None else None

    @property
    def dirty(self) -> bool:
        """Whether the editor holds changes that are not stored yet."""
        return self._dirty

    def edited_article(self) -> Article | None:
        """Return the article as it stands in the editor, saved or not."""
        if self._current is None:
            return None
        return self.editor.article(self._current)

    @property
    def timing(self) -> SaveTiming:
        """When autosaves and retries happen."""
        return self._timing

    def set_timing(self, timing: SaveTiming) -> None:
        """Change when autosaves and retries happen (a waiting one restarts with the new time)."""
        self._timing = timing
        self._autosave.set_intervals(timing.pause_ms, timing.max_wait_ms)
        self._retry.setInterval(timing.retry_ms)

    def autosave_pending(self) -> bool:
        """Whether an autosave is waiting for a pause in the typing or its deadline."""
        return self._autosave.is_waiting()

    def is_retrying(self) -> bool:
        """Whether saving failed and will be tried again by itself."""
        return self._retry.isActive()

    def edit_count(self) -> int:
        """How many edits the editor has had: a text taken at one count misses later ones."""
        return self._edits

    def is_saving(self) -> bool:
        """Whether a save is being written on the worker thread."""
        return self._in_flight is not None

    # The server's journal (team mode) ---------------------------------------------------------

    def use_journal(self, journal: EditJournal) -> None:
        """Keep every save in ``journal`` before it goes to the server (a server store)."""
        self._journal = journal

    @property
    def journal(self) -> EditJournal | None:
        """The edits kept on this PC for the server, or None for a database file."""
        return self._journal

    def pending_edits(self) -> int:
        """How many articles have edits kept on this PC only."""
        return self._journal.count() if self._journal is not None else 0

    def is_online(self) -> bool:
        """Whether saves go to the server (False: kept on this PC until it is back)."""
        return self._online

    def set_online(self, online: bool) -> None:
        """The server went away or came back; back, what was kept here is saved there."""
        was = self._online
        self._online = online
        if online and not was:
            self.resume_journal()

    def resume_journal(self) -> bool:
        """Save what the journal kept (after a restart, or the server back), version checked.

        The article in the editor is saved like an autosave; the others kept go straight to
        the server. One that someone else saved meanwhile is opened in the editor as it was
        typed, and the conflict dialog shows both texts: nothing is overwritten silently.
        """
        if self._journal is None or not self._online:
            return True
        if self._dirty and not self.autosave():
            return False
        for kept in self._journal.pending():
            if not self._online:
                return False
            assert kept.id is not None
            if kept.id == self.current_id():
                if self._dirty:
                    continue  # the editor's text is newer than what was kept
                self._open_kept(kept)
                if not self.autosave():
                    return False
                continue
            try:
                saved = self.store.save_article(kept, reason=RevisionReason.AUTOSAVE)
            except ServerUnreachable as exc:
                self._online = False
                self.server_lost.emit(str(exc))
                return False
            except ConflictError:
                if not self.maybe_save():
                    return False
                self._open_kept(kept)
                if not self.autosave():
                    return False
                continue
            except ArticleNotFound as exc:
                if exc.losing_revision_id is not None:
                    self._confirmed(kept.id)  # in the trash: its history keeps the text
                continue
            except StoreError as exc:
                self._save_failed(str(exc))
                return False
            self._confirmed(kept.id)
            self.saved.emit(saved, RevisionReason.AUTOSAVE)
        return True

    def offline_copy(self, article_id: int) -> Article | None:
        """The article as this window last had it (its kept edits first), for offline work."""
        if self._journal is not None:
            kept = self._journal.kept(article_id)
            if kept is not None:
                return kept
        return self._seen.get(article_id)

    def open_offline(self, article: Article) -> None:
        """Open a copy from ``offline_copy``: edits kept on this PC show as unsaved."""
        if self._journal is not None and self._journal.kept(article.id or 0) is not None:
            self._open_kept(article)
        else:
            self.load(article)

    def _open_kept(self, kept: Article) -> None:
        """Show a kept text in the editor, unsaved, based on the version it was typed on."""
        self.load(kept)
        self._set_dirty(True)

    def _remember(self, article: Article) -> None:
        """Keep the last articles seen in memory: offline they can still be opened."""
        if article.id is None or self._journal is None:
            return
        self._seen.pop(article.id, None)
        self._seen[article.id] = article
        while len(self._seen) > REMEMBERED_ARTICLES:
            self._seen.pop(next(iter(self._seen)))

    def _kept_here(self) -> bool:
        """The text is on this PC's disk only: say so; it is saved when the server is back."""
        self.pending_changed.emit(self.pending_edits())
        return True

    def _confirmed(self, article_id: int | None) -> None:
        if self._journal is not None and article_id is not None:
            self._journal.confirm(article_id)
            self.pending_changed.emit(self._journal.count())

    # Opening and editing ------------------------------------------------------------------

    def load(self, article: Article) -> None:
        """Show ``article`` in the editor as stored; nothing counts as changed."""
        self._settle()
        self._current = article
        self._remember(article)
        self._autosave.cancel()
        self._retry.stop()
        self._failing = False
        self.editor.set_article(article)
        self._set_dirty(False)
        self.loaded.emit(article)

    def close_article(self) -> None:
        """Leave the editor without an article (it was moved to the trash)."""
        self._settle()
        self._current = None
        self._autosave.cancel()
        self._retry.stop()
        self._set_dirty(False)

    def edited(self) -> None:
        """The editor's text changed: it is unsaved until the next autosave."""
        self._edits += 1
        self._set_dirty(True)
        self._autosave.edited()

    def forget_changes(self) -> None:
        """Count the editor's text as stored without saving it (the user discarded it)."""
        self._autosave.cancel()
        self._set_dirty(False)

    def focus_moved(self, old: QWidget | None, new: QWidget | None) -> None:
        """Save at once when the focus leaves the editor (for the list, a dialog, another app)."""
        leaving = old is not None and self.editor.isAncestorOf(old)
        if self._dirty and leaving and (new is None or not self.editor.isAncestorOf(new)):
            self.autosave(wait=False)

    # The database check -------------------------------------------------------------------

    def hold_until_checked(self) -> None:
        """Write nothing until ``database_checked`` (the file's background check) is called."""
        self._checked = False

    def is_checked(self) -> bool:
        """Whether saving may write to the database file."""
        return self._checked

    def database_checked(self) -> None:
        """The background check found the database sound: saving may start."""
        self._checked = True
        if self._dirty:
            self.autosave()

    def stop_saving(self) -> None:
        """The database is damaged: never write to it again from this window."""
        self._checked = False
        self._retry.stop()
        self.forget_changes()

    # Saving -------------------------------------------------------------------------------

    def maybe_save(self) -> bool:
        """Make sure no change is lost before the editor shows something else.

        Changes are saved as they are (the same as an autosave); only when that fails (a
        full disk, a conflict left undecided) is the user asked what to do.
        """
        if not self._dirty or self._current is None:
            return True
        if self.autosave():
            return True
        choice = Dialogs.ask_save_changes(
            self._window(), self.editor.form.title_edit.text() or self._current.title
        )
        if choice is SaveChoice.CANCEL:
            return False
        if choice is SaveChoice.DISCARD:
            self.forget_changes()
            self._confirmed(self._current.id)  # the user let the text go: never replay it
            return True
        return self.save()

    def save(self, *, wait: bool = True) -> bool:
        """Save the article in the editor (Ctrl+S); on failure keep the text and say why.

        ``wait=False`` (the menu and Ctrl+S) writes a long body in the background: True then
        means the write started, and its outcome is reported by the signals.
        """
        if wait:
            self._settle()
        article = self.edited_article()
        if article is None:
            return True
        if not article.title.strip():
            Dialogs.show_error(
                self._window(), self.tr("Cannot save"), self.tr("The article needs a title.")
            )
            self.editor.form.focus_title()
            return False
        return self._write(article, RevisionReason.SAVE, quiet=False, wait=wait)

    def autosave(self, *, wait: bool = True) -> bool:
        """Save what is in the editor now, without asking anything; return whether it worked.

        ``wait=False`` writes a long body in the background (True: the write started).
        """
        self._autosave.cancel()
        if wait:
            self._settle()
        article = self.edited_article()
        if article is None or not self._dirty:
            return True
        if self._conflict_pending:
            return False
        if not article.title.strip():
            # The text matters more than the title: keep it under a placeholder title.
            article = replace(article, title=self.tr("Untitled article"))
        return self._write(article, RevisionReason.AUTOSAVE, quiet=True, wait=wait)

    def _autosave_soon(self) -> None:
        self.autosave(wait=False)

    def _write(
        self, article: Article, reason: RevisionReason, *, quiet: bool, wait: bool = True
    ) -> bool:
        if not self._checked:
            self.save_waiting.emit()
            return False
        if self._in_flight is not None:
            # Only a save that does not wait gets here while a write runs: it needs the
            # version that write makes, so it is taken again once the write has ended.
            if self._again is not RevisionReason.SAVE:  # an explicit save covers an autosave
                self._again = reason
            return True
        check: WriteCheck | None = None
        if self._online and not wait and self.write_check is not None:
            # On a server every background write asks the guard there, on the worker thread.
            decided = self.write_check(article)
            if decided is False:
                return not self._dirty
            if isinstance(decided, WriteCheck):
                check = decided
        elif self._online and self.write_guard is not None and not self.write_guard(article):
            # Refused (someone took the article over): nothing is lost once the guard has
            # kept the text elsewhere and no change is left in the editor.
            return not self._dirty
        if self._journal is not None:
            try:
                self._journal.keep(article)
            except StoreError as exc:
                if not self._online:
                    self._save_failed(str(exc))
                    return False
            if not self._online:
                return self._kept_here()
        if not wait and (check is not None or self._in_background(article)):
            self._start_background(article, reason, quiet, check)
            return True
        return self._outcome(
            article, reason, quiet, lambda: self.store.save_article(article, reason=reason)
        )

    def _outcome(
        self,
        article: Article,
        reason: RevisionReason,
        quiet: bool,
        attempt: Callable[[], Article],
        edits: int | None = None,
    ) -> bool:
        """Act on what saving ``article`` gave: the stored article, or the store's error."""
        try:
            saved = attempt()
        except ServerUnreachable as exc:
            if self._journal is None:
                self._save_failed(str(exc))
                return False
            self._online = False
            self.server_lost.emit(str(exc))
            return self._kept_here()
        except ConflictError:
            return self._resolve_conflict(article)
        except (DiskFull, ReadOnlyStore) as exc:
            # Keep the text in the editor and try again shortly: saving works again as soon
            # as space is freed or the folder is writable, without a restart.
            first_failure = not self._retry.isActive() and not self._failing
            self._save_failed(str(exc))
            # Say it once when saving starts failing (and whenever the user asked to save);
            # the retries that follow only update the status bar.
            if not quiet or first_failure:
                Dialogs.show_error(
                    self._window(), self.tr("Cannot save"), self._save_failure_text(exc)
                )
            return False
        except StoreError as exc:
            self._save_failed(str(exc))
            if not quiet:
                Dialogs.show_error(self._window(), self.tr("Cannot save"), str(exc))
            return False
        self._retry.stop()
        self._failing = False
        self._stored(saved, edits)
        self.saved.emit(saved, reason)
        return True

    def _stored(self, article: Article, edits: int | None = None) -> None:
        self._confirmed(article.id)  # what the journal kept for it is on the server now
        self._current = article
        self._remember(article)
        if edits is not None and edits != self._edits:
            return  # typed while it was written: that text is for the next save
        self.editor.mark_saved()
        self._set_dirty(False)

    # Saving in the background -------------------------------------------------------------

    def _in_background(self, article: Article) -> bool:
        # Another thread's connection to ":memory:" would open a different, empty database.
        return (
            len(article.body) >= self._timing.background_chars
            and str(self.store.path) != ":memory:"
        )

    def _start_background(
        self,
        article: Article,
        reason: RevisionReason,
        quiet: bool,
        check: WriteCheck | None = None,
    ) -> None:
        pending = _BackgroundSave(article, reason, quiet, self._edits, check=check)
        store = self.store

        def write(_context: object) -> None:
            try:
                if check is not None:
                    try:
                        pending.allowed, pending.answer = check.ask()
                    except StoreError as exc:  # the write meets the same trouble, says so
                        pending.answer = exc
                    if not pending.allowed:
                        return
                pending.outcome = store.save_article(article, reason=reason)
            except Exception as exc:  # acted on by the GUI thread, as a save on the spot is
                pending.outcome = exc
            finally:
                # Peewee connections are per thread: this closes only the worker's own one.
                if not store.database.is_closed():
                    store.database.close()

        self._in_flight = pending
        pending.job = self._saves.start(write)
        pending.job.ended.connect(lambda: self._background_done(pending))

    def _settle(self) -> None:
        """Wait for the background write, if one runs, and act on its outcome now."""
        pending = self._in_flight
        if pending is None or pending.job is None:
            return
        while not pending.job.wait():
            pass  # a write stuck for 30 s (a busy file, a slow server) still ends
        self._background_done(pending, again=False)

    def _background_done(self, pending: _BackgroundSave, *, again: bool = True) -> None:
        if pending.handled:
            return
        pending.handled = True
        if self._in_flight is pending:
            self._in_flight = None
        if pending.check is not None:
            pending.check.answered(pending.answer, pending.edits)
            if not pending.allowed:
                return  # refused: the guard kept the text elsewhere, or it stays unsaved
        outcome = pending.outcome

        def attempt() -> Article:
            if isinstance(outcome, Exception):
                raise outcome
            if outcome is None:
                raise StoreError(self.tr("The save was interrupted."))
            return outcome

        self._outcome(pending.article, pending.reason, pending.quiet, attempt, pending.edits)
        waiting, self._again = self._again, None
        if again and waiting is not None and self._dirty:
            if waiting is RevisionReason.SAVE:
                self.save(wait=False)
            else:
                self.autosave(wait=False)

    def _save_failure_text(self, exc: StoreError) -> str:
        if isinstance(exc, DiskFull):
            return self.tr(
                "The disk is full. Your text is still in the editor and will be saved as soon "
                "as there is space again."
            )
        return self.tr(
            "The database cannot be written to (read-only). Your text is still in the editor "
            "and will be saved as soon as writing works again."
        )

    def _save_failed(self, message: str) -> None:
        self._failing = True
        self.save_failed.emit(message)
        self._retry.start()

    def _resolve_conflict(self, mine: Article) -> bool:
        """Another window saved this article first: show both and let the user choose."""
        assert mine.id is not None
        self._conflict_pending = True
        try:
            theirs = self.store.get_article(mine.id)
        except ServerUnreachable as exc:
            self._conflict_pending = False
            if self._journal is None:
                self._save_failed(str(exc))
                return False
            self._online = False
            self.server_lost.emit(str(exc))
            return self._kept_here()
        except ArticleNotFound:
            # Deleted elsewhere while typing: the store kept this text as a revision; bring the
            # article back so nothing is lost.
            self._conflict_pending = False
            Dialogs.show_error(
                self._window(),
                self.tr("Article deleted elsewhere"),
                self.tr(
                    "This article was moved to the trash in another window. Restore it from "
                    "the trash to go on; your text was kept in its history."
                ),
            )
            return False
        if same_content(mine, theirs):
            # The server had this very text: a save whose answer was lost with the link.
            self._conflict_pending = False
            self._stored(theirs)
            self.conflict_resolved.emit(theirs)
            return True
        choice = Dialogs.resolve_conflict(self._window(), mine, theirs)
        self._conflict_pending = False
        if choice is ConflictChoice.MINE:
            try:
                saved = self.store.force_save(mine, theirs.version)
            except StoreError as exc:
                Dialogs.show_error(self._window(), self.tr("Cannot save"), str(exc))
                return False
            self._stored(saved)
            self.conflict_resolved.emit(saved)
            return True
        if choice is ConflictChoice.THEIRS:
            self._confirmed(mine.id)  # mine is kept in the history (the store's conflict copy)
            self.load(theirs)
            self.conflict_resolved.emit(theirs)
            return True
        return False

    def _set_dirty(self, dirty: bool) -> None:
        self._dirty = dirty
        self.dirty_changed.emit(dirty)

    def _window(self) -> QWidget | None:
        parent = self.parent()
        return parent if isinstance(parent, QWidget) else None


class RecoveryRecord:
    """What must survive a crash for one database file: was it open, and on which article.

    Kept in the settings under a key made from the file's resolved path, so a kill while
    one database is open never shows a recovery notice, or an article id, on another.
    """

    def __init__(self, settings: QSettings, database: Path) -> None:
        self._settings = settings
        where = os.path.normcase(str(Path(database).resolve()))
        self._group = "databases/" + hashlib.sha256(where.encode("utf-8")).hexdigest()[:16]
        self._where = where

    def _key(self, name: str) -> str:
        return f"{self._group}/{name}"

    def begin(self) -> bool:
        """Note that a window has the database open; return whether the last one never closed."""
        crashed = self.is_open()
        self._settings.setValue(self._key("path"), self._where)
        self._settings.setValue(self._key("running"), True)
        # Before the record was kept per database these were global; they belong to no file.
        self._settings.remove("session/running")
        self._settings.remove("window/article")
        self._settings.sync()
        return crashed

    def end(self) -> None:
        """Note that the window closed normally."""
        self._settings.setValue(self._key("running"), False)
        self._settings.sync()

    def is_open(self) -> bool:
        """Whether a window has the database open (or was killed with it open)."""
        return str(self._settings.value(self._key("running"), "false")).lower() == "true"

    def remember_article(self, article_id: int) -> None:
        """Remember the open article at once, not only on closing: after a crash it reopens."""
        self._settings.setValue(self._key("article"), article_id)

    def article_id(self) -> int | None:
        """Return the article that was open last on this database, if any."""
        wanted = self._settings.value(self._key("article"))
        try:
            return int(wanted) if wanted is not None else None
        except (TypeError, ValueError):
            return None
