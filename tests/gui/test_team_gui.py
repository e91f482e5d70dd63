"""Team mode in the window: two real processes on one throwaway server.

The window runs here as 张丽 (login ``xiaozhang``); the second PC is a real process
(``tests.team_peer``) where 王芳 edits through the store and its locks. Live updates arrive by
the server's notices; every wait is bounded by the 2 s the brief allows.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QTextCursor

from desktop.article import Status
from desktop.config import SaveTiming
from desktop.gui.dialogs import ConflictChoice, Dialogs
from desktop.gui.main_window import MainWindow
from desktop.site import Site
from desktop.store import Store, StoreError
from desktop.store.locks import this_host
from desktop.store.revisions import RevisionReason
from tests.conftest import make_article
from tests.gui.conftest import dispose
from tests.pg_server import ThrowawayServer
from tests.team_peer import Peer

#: Live updates reach the other window within this long (the brief's figure).
LIVE_MS = 2000


def _login(pg_server: ThrowawayServer, name: str) -> None:
    pg_server.admin(
        "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '"
        + name
        + "') THEN CREATE ROLE "
        + name
        + " LOGIN SUPERUSER; END IF; END $$"
    )


@pytest.fixture
def office(pg_server: ThrowawayServer) -> Iterator[tuple[str, list[int]]]:
    """A server database with the office's people and two articles: (张丽's URL, ids)."""
    _login(pg_server, "xiaozhang")
    url = pg_server.database("office").replace("//newsroom@", "//xiaozhang@")
    with Store.open(url) as store:
        store.save_site(Site().with_value("people", "xiaozhang=张丽，wangfang=王芳"))
        first = store.add_article(make_article("全市工会庆祝劳动节", status=Status.DRAFT))
        second = store.add_article(make_article("职工书屋建设经验交流", status=Status.DRAFT))
    assert first.id is not None and second.id is not None
    yield url, [first.id, second.id]


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def errors(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(
        Dialogs, "show_error", classmethod(lambda cls, p, t, m: shown.append(f"{t}: {m}"))
    )
    return shown


@pytest.fixture
def window(qtbot, office, settings: QSettings, errors: list[str]) -> Iterator[MainWindow]:
    """张丽's window on the office's server, autosave held back so typing stays unsaved."""
    url, _ids = office
    store = Store.open(url)
    opened = MainWindow(store, settings)
    qtbot.addWidget(opened)
    opened.session.set_timing(SaveTiming(pause_ms=600_000, max_wait_ms=600_000))
    opened.show()
    qtbot.waitExposed(opened)
    qtbot.waitUntil(lambda: opened.session.current is not None)
    qtbot.waitUntil(lambda: not opened.article_lock.pending)
    assert opened.live is not None
    qtbot.waitUntil(opened.live.is_listening)
    yield opened
    dispose(qtbot, opened)
    store.close()


@pytest.fixture
def wang(office) -> Iterator[Peer]:
    """王芳 on PC-03: a second process on the same server."""
    url, _ids = office
    peer = Peer(url.replace("xiaozhang@", "newsroom@"), "王芳", "wangfang", "PC-03")
    yield peer
    peer.close()


def _open(qtbot, window: MainWindow, article_id: int) -> None:
    window.show_article(article_id)
    qtbot.waitUntil(lambda: window.current_id() == article_id)
    # The lock is asked for in the background: the editor is read-only until it is known.
    qtbot.waitUntil(lambda: not window.article_lock.pending)


def _type(window: MainWindow, text: str) -> None:
    cursor = window.editor.rich.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    window.editor.rich.setTextCursor(cursor)
    window.editor.rich.insertPlainText(text)


def _open_refusing_the_first_take(
    qtbot,
    window: MainWindow,
    article_id: int,
    monkeypatch: pytest.MonkeyPatch,
    then_wait: float = 0.0,
) -> None:
    """Open the article while the server cannot answer the lock's first question."""
    take = window.locks.take
    refused: list[int] = []

    def take_after_the_first(*args, **kwargs):
        if not refused:
            refused.append(1)
            raise StoreError("服务器暂时无法连接")
        time.sleep(then_wait)
        return take(*args, **kwargs)

    monkeypatch.setattr(window.locks, "take", take_after_the_first)
    window.show_article(article_id)
    qtbot.waitUntil(lambda: bool(refused) and not window.article_lock.pending, timeout=5000)


def test_on_the_server_the_login_is_the_person(window: MainWindow) -> None:
    assert window.review.user == "张丽"
    assert window.locks.person == "张丽"
    assert window.local_file_action.isEnabled()


def test_a_second_pc_sees_it_read_only_takes_it_over_and_the_first_is_told(
    qtbot, window: MainWindow, office, wang: Peer
) -> None:
    _url, (article_id, _other) = office
    _open(qtbot, window, article_id)
    assert window.article_lock.held and not window.editor.rich.isReadOnly()
    holder = wang.ask(op="take", id=article_id)["holder"]
    assert holder == {"person": "张丽", "host": this_host(), "mine": False}

    _type(window, "张丽还没保存的一段话。")
    assert window.session.dirty
    wang.ask(op="take_over", id=article_id)
    # 张丽 is told by the server's lock notice, well before her next heartbeat.
    qtbot.waitUntil(lambda: window.article_lock.read_only, timeout=LIVE_MS)
    banner = window.editor.lock_banner
    assert banner.isVisible() and "王芳" in banner.label.text() and "PC-03" in banner.label.text()
    assert window.editor.rich.isReadOnly()
    assert not window.session.dirty
    kept = [
        window.store.revision(info.id)
        for info in window.store.revisions(article_id)
        if info.reason is RevisionReason.CONFLICT
    ]
    assert any("张丽还没保存的一段话。" in revision.article.body for revision in kept)

    # 王芳 edits; 张丽's read-only view follows her save.
    wang.ask(op="save", id=article_id, body="王芳接手后重写的导语。\n")
    qtbot.waitUntil(
        lambda: "王芳接手后重写的导语" in window.editor.body_plain_text(), timeout=LIVE_MS
    )
    assert window.editor.rich.isReadOnly()


def test_the_heartbeat_runs_off_the_gui_thread_and_still_notices_a_take_over(
    qtbot, window: MainWindow, office, wang: Peer, monkeypatch: pytest.MonkeyPatch
) -> None:
    _url, (article_id, _other) = office
    assert window.live is not None
    # No lock notice is acted on: only the heartbeat can tell (a notice checks at once).
    window.live.arrived.disconnect(window.live_desk.handle)
    _open(qtbot, window, article_id)
    assert window.article_lock.held
    threads: list[int] = []
    beat = window.locks.beat

    def recorded(beaten: int):
        threads.append(threading.get_ident())
        return beat(beaten)

    monkeypatch.setattr(window.locks, "beat", recorded)
    _type(window, "张丽在慢速服务器上没保存的一段话。")
    wang.ask(op="take_over", id=article_id)
    window.article_lock._heartbeat.setInterval(100)  # rather than wait the 30 s
    qtbot.waitUntil(lambda: window.article_lock.read_only, timeout=5000)
    assert threads and threading.get_ident() not in threads
    banner = window.editor.lock_banner
    assert banner.isVisible() and "王芳" in banner.label.text()
    assert window.editor.rich.isReadOnly() and not window.session.dirty
    kept = [
        window.store.revision(info.id)
        for info in window.store.revisions(article_id)
        if info.reason is RevisionReason.CONFLICT
    ]
    assert any("张丽在慢速服务器上没保存的一段话。" in r.article.body for r in kept)


def test_taking_releasing_taking_over_and_reading_locks_ask_the_server_off_the_gui_thread(
    qtbot, window: MainWindow, office, wang: Peer, monkeypatch: pytest.MonkeyPatch
) -> None:
    _url, (first, second) = office
    asked: dict[str, set[int]] = {
        "take": set(),
        "release": set(),
        "take_over": set(),
        "held": set(),  # who edits what, read after every lock notice
    }
    for name, threads in asked.items():
        original = getattr(window.locks, name)

        def recorded(*args, _original=original, _threads=threads, **kwargs):
            _threads.add(threading.get_ident())
            return _original(*args, **kwargs)

        monkeypatch.setattr(window.locks, name, recorded)
    wang.ask(op="take", id=first)
    model = window.list_pane.model
    qtbot.waitUntil(lambda: model.editing() == {first: "王芳 (PC-03)"}, timeout=LIVE_MS)
    _open(qtbot, window, first)  # gives back the lock of the article open at start
    assert window.article_lock.read_only and window.editor.rich.isReadOnly()
    window.editor.lock_banner.take_over_button.click()
    qtbot.waitUntil(lambda: window.article_lock.held)
    assert not window.editor.rich.isReadOnly()
    assert wang.ask(op="beat", id=first)["holder"]["person"] == "张丽"
    assert wang.ask(op="take", id=second)["holder"] is None  # given back when first opened
    gui = threading.get_ident()
    for name, threads in asked.items():
        assert threads and gui not in threads, name


def test_switching_articles_fast_ends_with_the_right_lock_held_and_none_left_behind(
    qtbot, window: MainWindow, office, monkeypatch: pytest.MonkeyPatch
) -> None:
    _url, (first, second) = office
    take = window.locks.take

    def slow_take(*args, **kwargs):
        time.sleep(0.2)  # a distant server: the answers come after the next click
        return take(*args, **kwargs)

    monkeypatch.setattr(window.locks, "take", slow_take)
    for article_id in (first, second, first, second, first):
        window.show_article(article_id)
        qtbot.waitUntil(lambda article_id=article_id: window.current_id() == article_id)
        # Nothing can be typed over a lock that is not known to be ours yet.
        assert window.article_lock.read_only and window.editor.rich.isReadOnly()
    qtbot.waitUntil(lambda: window.article_lock.held, timeout=5000)
    assert not window.editor.rich.isReadOnly() and window.current_id() == first
    assert window.article_lock.wait()
    ours = {i for i, lock in window.locks.held().items() if window.locks.is_mine(lock)}
    assert ours == {first}
    _type(window, "快速切换后写的一句。")
    assert window.session.save()
    assert "快速切换后写的一句。" in window.store.get_article(first).body


def test_the_first_pc_taking_it_back_leaves_the_second_read_only(
    qtbot, window: MainWindow, office, wang: Peer
) -> None:
    _url, (article_id, _other) = office
    wang.ask(op="take", id=article_id)
    _open(qtbot, window, article_id)
    assert window.article_lock.read_only
    assert window.editor.lock_banner.take_over_button.isVisible()
    window.editor.lock_banner.take_over_button.click()
    qtbot.waitUntil(lambda: window.article_lock.held)
    assert not window.editor.rich.isReadOnly()
    assert wang.ask(op="beat", id=article_id)["holder"]["person"] == "张丽"


def test_concurrent_edits_of_one_article_never_overwrite_silently(
    qtbot, window: MainWindow, office, wang: Peer, monkeypatch: pytest.MonkeyPatch
) -> None:
    _url, (article_id, _other) = office
    _open(qtbot, window, article_id)
    seen: list[tuple[str, str]] = []

    def resolve(cls, parent, mine, theirs) -> ConflictChoice:
        seen.append((mine.body, theirs.body))
        return ConflictChoice.MINE

    monkeypatch.setattr(Dialogs, "resolve_conflict", classmethod(resolve))
    before = wang.ask(op="read", id=article_id)["version"]
    _type(window, "张丽补充的一句。")
    # A command on the other PC saves past the lock (a save is guarded by the version alone).
    wang.ask(op="save", id=article_id, body="王芳用命令改的正文。\n")
    assert window.session.save()
    assert len(seen) == 1
    mine, theirs = seen[0]
    assert "张丽补充的一句。" in mine and theirs == "王芳用命令改的正文。\n"
    # The text that lost was kept, and the other PC's stale save is refused in turn.
    bodies = [window.store.revision(i.id).article.body for i in window.store.revisions(article_id)]
    assert "王芳用命令改的正文。\n" in bodies
    assert wang.ask(op="save", id=article_id, body="旧稿", version=before + 1).get("conflict")


def test_the_list_follows_other_pcs_within_two_seconds(
    qtbot, window: MainWindow, office, wang: Peer
) -> None:
    _url, (first, second) = office
    model = window.list_pane.model
    new_id = wang.ask(op="add", title="县总工会开展送清凉活动")["id"]
    qtbot.waitUntil(lambda: model.row_of(new_id) >= 0, timeout=LIVE_MS)

    wang.ask(op="save", id=second, title="职工书屋建设经验交流会召开")
    qtbot.waitUntil(
        lambda: model.summary(model.row_of(second)).title == "职工书屋建设经验交流会召开",
        timeout=LIVE_MS,
    )

    assert window.current_id() == second  # the window has the newest open: 王芳 edits the other
    wang.ask(op="take", id=first)
    qtbot.waitUntil(lambda: first in model.editing(), timeout=LIVE_MS)
    assert model.editing() == {first: "王芳 (PC-03)"}
    row = model.row_of(first)
    assert model.data(model.index(row, 0), Qt.ItemDataRole.DecorationRole) is not None
    assert "王芳 (PC-03)" in model.data(model.index(row, 0), Qt.ItemDataRole.ToolTipRole)
    wang.ask(op="release", id=first)
    qtbot.waitUntil(lambda: first not in model.editing(), timeout=LIVE_MS)

    wang.ask(op="submit", id=first)  # a signature step: the status column follows
    qtbot.waitUntil(
        lambda: model.summary(model.row_of(first)).status.value == "review", timeout=LIVE_MS
    )
    wang.ask(op="trash", id=new_id)
    qtbot.waitUntil(lambda: model.row_of(new_id) < 0, timeout=LIVE_MS)


def test_the_own_saves_are_not_read_back(qtbot, window: MainWindow, office) -> None:
    _url, (article_id, _other) = office
    _open(qtbot, window, article_id)
    asked: list[object] = []
    window.live_desk.summary_updated.connect(asked.append)
    assert window.live is not None
    delivered = window.live.last_delivery
    _type(window, "自己保存的一句。")
    assert window.session.save()
    # The notice of our own save arrives and is recognised as ours: nothing is read back.
    qtbot.waitUntil(lambda: window.live.last_delivery != delivered, timeout=LIVE_MS)
    assert asked == []


def test_a_signature_elsewhere_reaches_the_open_article_before_the_next_edit(
    qtbot, window: MainWindow, office, wang: Peer, monkeypatch: pytest.MonkeyPatch
) -> None:
    _url, (_first, second) = office
    assert window.current_id() == second and window.article_lock.held
    before = window.session.current.version  # type: ignore[union-attr]
    wang.ask(op="submit", id=second)  # 送审 on the other PC while 张丽 has it open, unchanged
    qtbot.waitUntil(
        lambda: window.session.current.version > before,  # type: ignore[union-attr]
        timeout=LIVE_MS,
    )
    asked: list[object] = []
    monkeypatch.setattr(
        Dialogs, "resolve_conflict", classmethod(lambda cls, p, m, t: asked.append(t))
    )
    _type(window, "送审后补的一句。")
    assert window.session.save()
    assert asked == []  # built on the signed version: no conflict to resolve


def test_text_saved_as_the_server_comes_back_is_saved_under_the_lock(
    qtbot, window: MainWindow, office, monkeypatch: pytest.MonkeyPatch
) -> None:
    _url, (article_id, _other) = office
    # The server went away as it was opened; a distant one: the answer comes after the save.
    _open_refusing_the_first_take(qtbot, window, article_id, monkeypatch, then_wait=0.3)
    assert not window.article_lock.held
    window.article_lock.set_online(False)
    window.article_lock.set_online(True)  # the server is back: whose is the lock?
    assert window.article_lock.pending and window.editor.rich.isReadOnly()
    window.session.set_online(True)
    _type(window, "服务器恢复后保存的一句。")
    assert window.session.save()
    assert window.article_lock.held
    assert "服务器恢复后保存的一句。" in window.store.get_article(article_id).body
    conflicts = [
        info
        for info in window.store.revisions(article_id)
        if info.reason is RevisionReason.CONFLICT
    ]
    assert conflicts == []
    assert window.article_lock.wait()
    qtbot.waitUntil(lambda: not window.article_lock.pending)
    assert window.article_lock.held and not window.editor.rich.isReadOnly()


def test_text_typed_after_the_lock_could_not_be_asked_for_is_saved_under_the_lock(
    qtbot, window: MainWindow, office, monkeypatch: pytest.MonkeyPatch
) -> None:
    _url, (article_id, _other) = office
    _open_refusing_the_first_take(qtbot, window, article_id, monkeypatch)  # gone for a moment
    # Whose the lock is is not known: nobody else's, so the editor is not read-only.
    assert not window.article_lock.held and window.article_lock.holder is None
    assert not window.editor.rich.isReadOnly()
    _type(window, "锁未取到时写的一句。")
    assert window.session.save()
    # The save asked for the lock itself; the text went to the article, not to a revision.
    assert window.article_lock.held
    assert "锁未取到时写的一句。" in window.store.get_article(article_id).body
    reasons = [info.reason for info in window.store.revisions(article_id)]
    assert RevisionReason.CONFLICT not in reasons


def test_a_save_on_a_slow_server_asks_about_the_lock_while_the_window_keeps_running(
    qtbot, window: MainWindow, office, monkeypatch: pytest.MonkeyPatch
) -> None:
    _url, (article_id, _other) = office
    _open(qtbot, window, article_id)
    beat = window.locks.beat
    threads: list[int] = []
    ticks: list[int] = []
    answered = threading.Event()

    def slow_beat(*args, **kwargs):
        threads.append(threading.get_ident())
        # A distant server: the answer waits until the window has shown it keeps running.
        answered.wait(5)
        return beat(*args, **kwargs)

    monkeypatch.setattr(window.locks, "beat", slow_beat)
    heartbeat = QTimer()
    heartbeat.setInterval(10)
    heartbeat.timeout.connect(lambda: ticks.append(1))
    heartbeat.start()
    _type(window, "慢速服务器上自动保存的一句。")
    assert window.session.autosave(wait=False)
    qtbot.waitUntil(lambda: bool(threads) and len(ticks) >= 5, timeout=5000)
    assert window.session.is_saving()  # the lock question is still out: the window ran on
    answered.set()
    qtbot.waitUntil(lambda: not window.session.is_saving() and not window.session.dirty)
    heartbeat.stop()
    assert threading.get_ident() not in threads
    assert "慢速服务器上自动保存的一句。" in window.store.get_article(article_id).body
    assert window.article_lock.held and not window.editor.rich.isReadOnly()


def test_an_autosave_after_a_take_over_keeps_the_text_off_the_gui_thread_and_overwrites_nothing(
    qtbot, window: MainWindow, office, wang: Peer, monkeypatch: pytest.MonkeyPatch
) -> None:
    _url, (article_id, _other) = office
    assert window.live is not None
    # No lock notice is acted on: the save is the first to learn of the take-over.
    window.live.arrived.disconnect(window.live_desk.handle)
    _open(qtbot, window, article_id)
    threads: dict[str, set[int]] = {"save_conflicting_copy": set(), "get_article": set()}
    for name, seen in threads.items():
        original = getattr(window.store, name)

        def recorded(*args, _original=original, _seen=seen, **kwargs):
            _seen.add(threading.get_ident())
            return _original(*args, **kwargs)

        monkeypatch.setattr(window.store, name, recorded)
    _type(window, "接管前没保存的一句。")
    wang.ask(op="take_over", id=article_id)
    wang.ask(op="save", id=article_id, body="王芳接手后写的正文。\n")
    assert window.session.autosave(wait=False)
    qtbot.waitUntil(
        lambda: window.article_lock.read_only and not window.session.dirty, timeout=5000
    )
    assert window.editor.rich.isReadOnly()
    assert "王芳接手后写的正文" in window.editor.body_plain_text()
    # Her text is stored as she saved it; ours was kept as a revision, not written over it.
    assert wang.ask(op="read", id=article_id)["body"] == "王芳接手后写的正文。\n"
    kept = [
        window.store.revision(info.id).article.body
        for info in window.store.revisions(article_id)
        if info.reason is RevisionReason.CONFLICT
    ]
    assert any("接管前没保存的一句。" in body for body in kept)
    gui = threading.get_ident()
    for name, seen in threads.items():
        assert seen and gui not in seen, name


def test_another_pcs_save_is_read_back_off_the_gui_thread(
    qtbot, window: MainWindow, office, wang: Peer, monkeypatch: pytest.MonkeyPatch
) -> None:
    _url, (first, _second) = office
    wang.ask(op="take", id=first)
    _open(qtbot, window, first)
    assert window.article_lock.read_only
    threads: list[int] = []
    get_article = window.store.get_article

    def recorded(*args, **kwargs):
        threads.append(threading.get_ident())
        return get_article(*args, **kwargs)

    monkeypatch.setattr(window.store, "get_article", recorded)
    wang.ask(op="save", id=first, body="王芳在另一台电脑上保存的正文。\n")
    qtbot.waitUntil(
        lambda: "王芳在另一台电脑上保存的正文" in window.editor.body_plain_text(), timeout=LIVE_MS
    )
    assert threads and threading.get_ident() not in threads
    assert window.editor.rich.isReadOnly()
