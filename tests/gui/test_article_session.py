"""The article session on its own: a real store, the real editor pane, no main window."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QTextCursor

from desktop.article import Article
from desktop.config import SaveTiming
from desktop.gui.article_session import ArticleSession, RecoveryRecord
from desktop.gui.dialogs import ConflictChoice, Dialogs
from desktop.gui.editor_pane import EditorPane
from desktop.store import Store
from desktop.store.errors import DiskFull
from desktop.store.revisions import RevisionReason
from tests.conftest import make_article


@pytest.fixture
def errors(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Error messages the session showed, instead of modal boxes."""
    shown: list[str] = []
    monkeypatch.setattr(
        Dialogs, "show_error", classmethod(lambda cls, p, t, m: shown.append(f"{t}: {m}"))
    )
    return shown


@pytest.fixture
def editor(qtbot) -> EditorPane:
    pane = EditorPane()
    qtbot.addWidget(pane)
    return pane


@pytest.fixture
def session(store: Store, editor: EditorPane) -> Iterator[ArticleSession]:
    """A session on a stored article, saving quickly so the tests need not wait long."""
    opened = ArticleSession(store, editor, timing=SaveTiming(pause_ms=50, max_wait_ms=400))
    editor.changed.connect(opened.edited)
    opened.load(store.add_article(make_article()))
    yield opened
    opened.forget_changes()


def type_at_end(editor: EditorPane, text: str) -> None:
    """Type at the end of the body, as the user would."""
    rich = editor.rich
    cursor = rich.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    rich.setTextCursor(cursor)
    rich.insertPlainText(text)


def test_loading_shows_the_article_unchanged(
    qtbot, store: Store, editor: EditorPane, session: ArticleSession
) -> None:
    other = store.add_article(make_article("第二篇稿件", body="第二篇的正文。\n"))
    with qtbot.waitSignal(session.loaded) as blocker:
        session.load(other)
    assert blocker.args == [other]
    assert session.current_id() == other.id and not session.dirty
    assert editor.body_markdown() == "第二篇的正文。\n"


def test_typing_marks_the_article_unsaved_and_saves_after_a_pause(
    qtbot, store: Store, editor: EditorPane, session: ArticleSession
) -> None:
    with qtbot.waitSignal(session.dirty_changed) as dirty:
        type_at_end(editor, "停下来以后自动保存。")
    assert dirty.args == [True] and session.autosave_pending()
    with qtbot.waitSignal(session.saved, timeout=5000) as saved:
        pass
    stored, reason = saved.args
    assert reason is RevisionReason.AUTOSAVE
    assert "停下来以后自动保存。" in store.get_article(stored.id).body
    assert not session.dirty and session.current == stored


def test_non_stop_typing_is_saved_before_it_stops(
    qtbot, store: Store, editor: EditorPane, session: ArticleSession
) -> None:
    # No pause ever comes: only the deadline can save while the typing goes on.
    session.set_timing(SaveTiming(pause_ms=60_000, max_wait_ms=300))
    typed: list[str] = []
    saved_while_typing: list[int] = []
    keys = QTimer()
    keys.setInterval(30)

    def key() -> None:
        type_at_end(editor, "字")
        typed.append("字")
        if len(typed) >= 100:
            keys.stop()

    keys.timeout.connect(key)
    session.saved.connect(lambda *_: saved_while_typing.append(len(typed)))
    keys.start()
    qtbot.waitUntil(lambda: not keys.isActive(), timeout=30_000)
    assert saved_while_typing and saved_while_typing[0] < len(typed)
    stored = store.get_article(session.current_id())
    assert "字" * saved_while_typing[0] in stored.body


def test_save_asks_for_a_title_but_autosave_keeps_the_text(
    store: Store, editor: EditorPane, session: ArticleSession, errors: list[str]
) -> None:
    editor.form.title_edit.clear()
    type_at_end(editor, "没有标题也要保住的文字")
    assert not session.save()
    assert errors and "title" in errors[0]
    assert session.autosave()
    stored = store.get_article(session.current_id())
    assert "没有标题也要保住的文字" in stored.body and stored.title


def test_a_full_disk_keeps_the_text_and_saving_resumes_by_itself(
    qtbot, store: Store, editor: EditorPane, session: ArticleSession, errors, monkeypatch
) -> None:
    real_save = store.save_article

    def full(*args, **kwargs):
        raise DiskFull("database or disk is full")

    monkeypatch.setattr(store, "save_article", full)
    type_at_end(editor, "磁盘满时的文字")
    with qtbot.waitSignal(session.save_failed) as failed:
        assert not session.autosave()
    assert "disk is full" in failed.args[0]
    assert session.dirty and session.is_retrying()
    assert not session.autosave()
    assert len(errors) == 1  # said once, not at every retry
    monkeypatch.setattr(store, "save_article", real_save)
    with qtbot.waitSignal(session.saved, timeout=5000):
        session.set_timing(replace(session.timing, retry_ms=20))
    assert "磁盘满时的文字" in store.get_article(session.current_id()).body
    assert not session.is_retrying()


@pytest.mark.parametrize("choice", [ConflictChoice.MINE, ConflictChoice.THEIRS])
def test_a_text_saved_elsewhere_is_never_overwritten_silently(
    qtbot, store: Store, editor: EditorPane, session: ArticleSession, monkeypatch, choice
) -> None:
    article_id = session.current_id()
    with Store.open(store.path) as other:
        theirs = other.get_article(article_id)
        other.save_article(replace(theirs, body="另一个窗口的正文。\n"))
    asked: list[tuple[Article, Article]] = []

    def resolve(cls, parent, mine, theirs):
        asked.append((mine, theirs))
        return choice

    monkeypatch.setattr(Dialogs, "resolve_conflict", classmethod(resolve))
    type_at_end(editor, "本窗口的修改")
    with qtbot.waitSignal(session.conflict_resolved) as resolved:
        assert session.save()
    assert asked and "本窗口的修改" in asked[0][0].body
    stored = store.get_article(article_id)
    assert resolved.args == [stored] and not session.dirty
    if choice is ConflictChoice.MINE:
        assert "本窗口的修改" in stored.body
    else:
        assert stored.body == "另一个窗口的正文。\n" == editor.body_markdown()


def test_nothing_is_written_until_the_database_is_checked(
    qtbot, store: Store, editor: EditorPane, session: ArticleSession
) -> None:
    session.hold_until_checked()
    type_at_end(editor, "检查之前输入的文字")
    with qtbot.waitSignal(session.save_waiting):
        assert not session.autosave()
    assert "检查之前输入的文字" not in store.get_article(session.current_id()).body
    with qtbot.waitSignal(session.saved):
        session.database_checked()
    assert "检查之前输入的文字" in store.get_article(session.current_id()).body


def test_every_save_keeps_a_revision_autosaves_one_per_interval(
    store: Store, editor: EditorPane, session: ArticleSession
) -> None:
    article_id = session.current_id()
    before = len(store.revisions(article_id))
    for word in ("一", "二", "三"):
        type_at_end(editor, word)
        assert session.autosave()
    autosaved = len(store.revisions(article_id))
    assert autosaved - before <= 2  # the original and at most one autosave in 10 minutes
    for word in ("四", "五"):
        type_at_end(editor, word)
        assert session.save()
    assert len(store.revisions(article_id)) == autosaved + 2


def test_the_recovery_record_belongs_to_one_database(tmp_path: Path) -> None:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    first = RecoveryRecord(settings, tmp_path / "a.db")
    assert not first.begin()
    first.remember_article(7)
    # Killed: never ended. Another database knows nothing of it.
    second = RecoveryRecord(settings, tmp_path / "b.db")
    assert not second.begin() and second.article_id() is None
    second.end()
    again = RecoveryRecord(settings, tmp_path / "sub" / ".." / "a.db")
    assert again.begin() and again.article_id() == 7
    again.end()
    assert not RecoveryRecord(settings, tmp_path / "a.db").begin()


def test_the_readme_promises_the_saving_times_the_session_keeps() -> None:
    from tests.conftest import REPO

    timing = SaveTiming()
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    promise = (
        f"saved {timing.pause_ms / 1000:g} s after typing stops, "
        f"at least every {timing.max_wait_ms / 1000:g} s of non-stop typing"
    )
    assert promise in " ".join(readme.split())
