"""The server goes away while someone types: nothing is lost, the window says so, saving resumes.

The real main window (and, for the kill, a real app process) works on a database on a
throwaway PostgreSQL server of this module's own, which the tests stop in the middle of typing
(every connection drops at once) and start again.
Like every server test they fail, not skip, under CI when no server starts.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QTextCursor

from desktop import cli
from desktop.config import SaveTiming
from desktop.gui.dialogs import ConflictChoice, Dialogs, SaveChoice
from desktop.gui.main_window import MainWindow
from desktop.store import Store
from desktop.store.errors import ServerUnreachable
from desktop.store.journal import EditJournal
from desktop.store.location import ServerAddress
from desktop.store.postgres import ServerProbe
from desktop.store.revisions import RevisionReason
from tests.conftest import REPO, make_article, running_server
from tests.gui.conftest import dispose
from tests.pg_server import ThrowawayServer


@pytest.fixture(scope="module")
def server() -> Iterator[ThrowawayServer]:
    """A server of this module's own: the tests stop and start it."""
    yield from running_server()


@pytest.fixture
def errors(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Error messages the window showed, instead of modal boxes."""
    shown: list[str] = []
    monkeypatch.setattr(
        Dialogs, "show_error", classmethod(lambda cls, p, t, m: shown.append(f"{t}: {m}"))
    )
    monkeypatch.setattr(Dialogs, "show_info", classmethod(lambda cls, p, t, m: None))
    return shown


def open_window(qtbot, url: str, tmp_path: Path) -> MainWindow:
    """The main window on the server database, saving and checking the server quickly."""
    window = MainWindow(
        Store.open(url), QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    )
    window.session.set_timing(SaveTiming(pause_ms=50, max_wait_ms=300, retry_ms=500))
    assert window.connection is not None
    window.connection.set_intervals(200, (100, 200, 400))
    window.show()
    qtbot.waitUntil(lambda: window.current_id() is not None, timeout=10_000)
    return window


def type_at_end(window: MainWindow, text: str) -> None:
    """Type at the end of the body, as the user would."""
    rich = window.editor.rich
    cursor = rich.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    rich.setTextCursor(cursor)
    rich.insertPlainText(text)


def status(window: MainWindow) -> str:
    assert window.connection_label is not None
    return window.connection_label.text()


def stored_body(url: str, article_id: int) -> str:
    with Store.open(url) as store:
        return store.get_article(article_id).body


def test_the_store_says_server_unreachable_and_works_again_when_it_is_back(
    server: ThrowawayServer, capsys: pytest.CaptureFixture[str]
) -> None:
    url = server.database("offline")
    store = Store.open(url)
    article = store.add_article(make_article())
    server.halt()
    try:
        with pytest.raises(ServerUnreachable):
            store.save_article(article)
        with pytest.raises(ServerUnreachable):
            store.get_article(article.id or 0)
        with pytest.raises(ServerUnreachable):
            Store.open(url)
        # The commands say it in one line and exit with 1.
        capsys.readouterr()
        assert cli.main(["--db", url, "list"]) == 1
        assert "cannot be reached" in capsys.readouterr().err
    finally:
        server.resume()
    # The same store object goes on after the restart, on a new connection of its own.
    saved = store.save_article(article)
    assert saved.version == article.version + 1
    store.close()


def test_the_check_says_at_once_whether_the_server_is_there(server: ThrowawayServer) -> None:
    probe = ServerProbe(ServerAddress.parse(server.database("probe")))
    probe.check()
    server.halt()
    try:
        with pytest.raises(ServerUnreachable):
            probe.check()
    finally:
        server.resume()
    probe.check()
    # Its link dies with a restart; the first check after it still answers "there".
    server.halt()
    server.resume()
    probe.check()
    probe.close()


def test_stopping_the_server_while_typing_loses_nothing_and_saving_resumes(
    qtbot, server: ThrowawayServer, tmp_path: Path, errors: list[str]
) -> None:
    url = server.database("typing")
    with Store.open(url) as store:
        other = store.add_article(make_article("区总工会开展送清凉活动"))
        seen = store.add_article(make_article("县总工会举办职工技能大赛", body="比赛现场。\n"))
        article = store.add_article(make_article("市总工会召开全委会议"))
    window = open_window(qtbot, url, tmp_path)
    try:
        assert window.current_id() == article.id
        assert status(window).startswith("Online")
        assert window.open_article(seen.id or 0) and window.open_article(article.id or 0)
        type_at_end(window, "第一段已保存。")
        qtbot.waitUntil(lambda: not window.session.dirty, timeout=10_000)

        server.halt()
        try:
            type_at_end(window, "断网时写下的字。")
            qtbot.waitUntil(lambda: status(window).startswith("Offline"), timeout=10_000)
            checks = window.proofreading.checks_started
            type_at_end(window, "继续写完。")
            qtbot.waitUntil(lambda: window.session.pending_edits() == 1, timeout=10_000)
            # Proofreading and the preview go on offline: they work on the text in the editor.
            qtbot.waitUntil(
                lambda: (
                    window.proofreading.checks_started > checks
                    and not window.proofreading.is_busy()
                ),
                timeout=10_000,
            )
            qtbot.waitUntil(lambda: "1 unsaved on the server" in status(window), timeout=10_000)
            assert window.save_label.text().startswith("Kept on this PC at")
            journal = window.session.journal
            assert journal is not None
            qtbot.waitUntil(
                lambda: "继续写完。" in (journal.kept(article.id or 0) or article).body,
                timeout=10_000,
            )
            # The list stays as last seen; an article never opened here, a new one, an export,
            # signing, the history and an upload are refused.
            assert window.list_pane.model.row_of(other.id or 0) >= 0
            assert not window.open_article(other.id or 0)
            assert window.current_id() == article.id
            window.new_article()
            window.export_website()
            window.take_review_step(None)  # signing: refused before any step is looked at
            window.show_history()
            window.upload_site()
            assert len(errors) == 6 and all("offline" in e for e in errors), errors
            assert "Signing" in errors[3]
            # One opened in this window before is still in memory: it opens and takes edits.
            assert window.open_article(seen.id or 0)
            assert window.editor.body_markdown() == "比赛现场。\n"
            type_at_end(window, "另一篇离线补充。")
            qtbot.waitUntil(lambda: window.session.pending_edits() == 2, timeout=10_000)
            # Back to the first: its text is the one kept on this PC, not the server's.
            assert window.open_article(article.id or 0)
            assert "继续写完。" in window.editor.body_markdown() and window.session.dirty
            assert window.open_article(seen.id or 0)
        finally:
            server.resume()

        qtbot.waitUntil(lambda: status(window).startswith("Online"), timeout=20_000)
        qtbot.waitUntil(
            lambda: window.session.pending_edits() == 0 and not window.session.dirty,
            timeout=20_000,
        )
        body = stored_body(url, article.id or 0)
        assert "第一段已保存。断网时写下的字。继续写完。" in body
        assert "比赛现场。另一篇离线补充。" in stored_body(url, seen.id or 0)
        assert window.current_id() == seen.id  # saving the other one left the editor alone
        assert window.save_label.text().startswith("Saved automatically")
        assert status(window) == "Online · connected to 127.0.0.1"
    finally:
        dispose(qtbot, window)


def test_a_save_made_elsewhere_meanwhile_opens_the_conflict_dialog_on_replay(
    qtbot, server: ThrowawayServer, tmp_path: Path, errors: list[str], monkeypatch
) -> None:
    url = server.database("conflict")
    with Store.open(url) as store:
        article = store.add_article(make_article())
    asked: list[tuple[str, str]] = []

    def resolve(cls, parent, mine, theirs):
        asked.append((mine.body, theirs.body))
        return ConflictChoice.MINE

    monkeypatch.setattr(Dialogs, "resolve_conflict", classmethod(resolve))
    window = open_window(qtbot, url, tmp_path)
    try:
        assert window.connection is not None
        server.halt()
        try:
            type_at_end(window, "离线时的修改。")
            qtbot.waitUntil(lambda: window.session.pending_edits() == 1, timeout=10_000)
            # Slow the reconnecting down so that a colleague saves first.
            window.connection.set_intervals(60_000, (60_000,))
            qtbot.waitUntil(lambda: not window.connection.is_checking(), timeout=10_000)
        finally:
            server.resume()
        with Store.open(url) as colleague:
            theirs = colleague.get_article(article.id or 0)
            colleague.save_article(
                replace(theirs, body="同事在服务器上改过的正文。\n"), reason=RevisionReason.SAVE
            )
        window.connection.check_now()
        qtbot.waitUntil(lambda: bool(asked), timeout=20_000)
        mine, shown = asked[0]
        assert "离线时的修改。" in mine and shown == "同事在服务器上改过的正文。\n"
        qtbot.waitUntil(lambda: window.session.pending_edits() == 0, timeout=10_000)
        with Store.open(url) as store:
            assert "离线时的修改。" in store.get_article(article.id or 0).body
            # The colleague's text is not lost either: it is kept in the history.
            kept = [store.revision(r.id).article.body for r in store.revisions(article.id or 0)]
            assert "同事在服务器上改过的正文。\n" in kept
    finally:
        dispose(qtbot, window)


CHILD = r"""
import os, sys
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication
from desktop.gui.preview import register_preview_scheme
register_preview_scheme()
app = QApplication([])
from desktop import cli
from desktop.config import SaveTiming
from desktop.gui.app import open_window
from desktop.gui.dialogs import Dialogs
def say(cls, parent, title, message):
    print("error", message.replace("\n", " "), flush=True)
def ask_retry(cls, parent, message):
    print("unreachable", message.replace("\n", " "), flush=True)
    return sys.stdin.readline().strip() == "retry"
Dialogs.show_error = classmethod(say)
Dialogs.show_info = classmethod(say)
Dialogs.ask_retry_server = classmethod(ask_retry)
window = open_window(sys.argv[1], QSettings(sys.argv[2], QSettings.Format.IniFormat))
if window is None:
    sys.exit(3)
window.session.set_timing(SaveTiming(pause_ms=50, max_wait_ms=300, retry_ms=500))
window.connection.set_intervals(200, (100, 200, 400))
window.show()
def type_words(words):
    rich = window.editor.rich
    cursor = rich.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    rich.setTextCursor(cursor)
    rich.insertPlainText(words)
def step():
    if window.session.current is None:
        QTimer.singleShot(50, step)
        return
    if sys.argv[3] == "resume":
        # Started again on edits a killed window kept: they are saved once it is open.
        if not state and window.session.pending_edits() == 0 and not window.session.dirty:
            print("resumed", window.editor.body_markdown().replace("\n", " "), flush=True)
            state.append("done")
    elif not window.session.dirty and window.session.pending_edits() == 0 and not state:
        type_words("联网时写的。")
        state.append("typed")
    elif state == ["typed"] and not window.session.dirty:
        print("saved", window.current_id(), flush=True)
        state.append("saved")
    elif state == ["typed", "saved"] and not window.session.is_online():
        type_words("服务器停了以后写的。")
        state.append("offline")
    elif state[-1] == "offline" and window.session.pending_edits() == 1:
        kept = window.session.journal.kept(window.current_id())
        if kept is not None and "服务器停了以后写的。" in kept.body:
            print("kept", flush=True)
            state.append("kept")
    QTimer.singleShot(50, step)
state = []
QTimer.singleShot(0, step)
app.exec()
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_text_kept_while_the_server_is_down_survives_a_kill(
    server: ThrowawayServer, tmp_path: Path
) -> None:
    url = server.database("kill")
    with Store.open(url) as store:
        article = store.add_article(make_article())
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QTWEBENGINE_DISABLE_SANDBOX": "1"}
    settings = str(tmp_path / "child.ini")

    def start(mode: str) -> subprocess.Popen[str]:
        return subprocess.Popen(
            [sys.executable, "-c", CHILD, url, settings, mode],
            cwd=REPO,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )

    first = start("type")
    again: subprocess.Popen[str] | None = None
    assert first.stdout is not None
    halted = False
    try:
        assert first.stdout.readline().split() == ["saved", str(article.id)]
        server.halt()
        halted = True
        assert first.stdout.readline().strip() == "kept"
        os.kill(first.pid, signal.SIGKILL)
        first.wait(timeout=30)
        journal = EditJournal.for_server(ServerAddress.parse(url))
        assert journal.count() == 1
        journal.close()
        assert "服务器停了以后写的。" not in stored_body_while(server, url, article.id or 0)

        # Started again while the server is still down: it says so, naming what is kept.
        again = start("resume")
        assert again.stdout is not None and again.stdin is not None
        said = again.stdout.readline()
        assert said.startswith("unreachable") and article.title in said, said
        # The server is back and the user tries again: the window opens and saves the text.
        server.resume()
        halted = False
        again.stdin.write("retry\n")
        again.stdin.flush()
        resumed = again.stdout.readline()
        if resumed.startswith("error Newsroom was not closed properly"):
            resumed = again.stdout.readline()  # the notice of the kill comes first
        assert resumed.startswith("resumed") and "服务器停了以后写的。" in resumed, resumed
        assert "联网时写的。服务器停了以后写的。" in stored_body(url, article.id or 0)
    finally:
        if halted:
            server.resume()
        for child in (first, again):
            if child is not None and child.poll() is None:
                child.kill()
                child.wait(timeout=30)


def stored_body_while(server: ThrowawayServer, url: str, article_id: int) -> str:
    """The stored text, read with the server started for a moment and halted again."""
    server.resume()
    try:
        return stored_body(url, article_id)
    finally:
        server.halt()


def test_an_undecided_conflict_keeps_the_text_here_until_the_user_lets_it_go(
    qtbot, server: ThrowawayServer, tmp_path: Path, errors: list[str], monkeypatch
) -> None:
    url = server.database("undecided")
    with Store.open(url) as store:
        other = store.add_article(make_article("区总工会开展送清凉活动"))
        article = store.add_article(make_article())
    monkeypatch.setattr(Dialogs, "resolve_conflict", classmethod(lambda cls, p, m, t: None))
    monkeypatch.setattr(
        Dialogs, "ask_save_changes", classmethod(lambda cls, p, title: SaveChoice.DISCARD)
    )
    window = open_window(qtbot, url, tmp_path)
    try:
        assert window.current_id() == article.id
        with Store.open(url) as colleague:
            theirs = colleague.get_article(article.id or 0)
            colleague.save_article(replace(theirs, body="同事先保存的正文。\n"))
        type_at_end(window, "我这边的修改。")
        journal = window.session.journal
        assert journal is not None
        qtbot.waitUntil(lambda: journal.kept(article.id or 0) is not None, timeout=10_000)
        assert not window.session.autosave()  # the conflict waits for the user's choice
        assert "我这边的修改。" in (journal.kept(article.id or 0) or article).body
        # Going to another article asks; "discard" lets the text go for good.
        assert window.open_article(other.id or 0)
        assert journal.count() == 0
        assert stored_body(url, article.id or 0) == "同事先保存的正文。\n"
    finally:
        dispose(qtbot, window)
