"""Edit locks and live notices on a shared server, two connections as two PCs."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.review.flow import ReviewFlow
from desktop.site import Site
from desktop.store import Store
from desktop.store.live import LiveFeed, Notice
from desktop.store.location import ServerAddress
from desktop.store.locks import EditLocks, LockTiming
from tests.conftest import make_article
from tests.pg_server import ThrowawayServer


@pytest.fixture
def server_url(pg_server: ThrowawayServer) -> str:
    """A fresh database on the throwaway server, its schema made."""
    url = pg_server.database("team")
    Store.open(url).close()
    return url


@pytest.fixture
def two_pcs(server_url: str) -> Iterator[tuple[Store, Store]]:
    """Two stores on one server database, as two PCs of the office see it."""
    with Store.open(server_url) as first, Store.open(server_url) as second:
        yield first, second


def test_a_lock_is_held_renewed_taken_over_and_released(two_pcs: tuple[Store, Store]) -> None:
    first, second = two_pcs
    article = first.add_article(make_article())
    assert article.id is not None
    zhang = EditLocks(first, "张丽", login="zhangli", host="PC-07")
    wang = EditLocks(second, "王芳", login="wangfang", host="PC-03")

    assert zhang.take(article.id) is None  # free: now Zhang's
    holder = wang.take(article.id)
    assert holder is not None and (holder.person, holder.host) == ("张丽", "PC-07")
    assert zhang.beat(article.id) is None  # still Zhang's
    assert wang.held()[article.id].person == "张丽"

    wang.take_over(article.id)
    taken = zhang.beat(article.id)
    assert taken is not None and taken.person == "王芳"  # Zhang learns it at the next beat
    assert zhang.take(article.id) is not None  # and cannot simply take it back

    zhang.release(article.id)  # not Zhang's any more: nothing changes
    assert wang.is_mine(wang.holder(article.id))
    wang.release(article.id)
    assert zhang.held() == {}
    assert zhang.take(article.id) is None


def test_a_lock_without_heartbeat_expires(two_pcs: tuple[Store, Store]) -> None:
    first, second = two_pcs
    article = first.add_article(make_article())
    assert article.id is not None
    quick = LockTiming(beat_s=1, expires_s=1)
    zhang = EditLocks(first, "张丽", login="zhangli", timing=quick)
    wang = EditLocks(second, "王芳", login="wangfang", timing=quick)
    assert zhang.take(article.id) is None
    assert wang.take(article.id) is not None
    time.sleep(1.2)  # the server's clock: Zhang's PC went quiet for longer than the expiry
    assert wang.held() == {}
    assert wang.take(article.id) is None
    assert zhang.beat(article.id) is not None  # back too late: Wang has it now


def test_an_sqlite_file_takes_no_locks(db_path: Path) -> None:
    with Store.open(db_path) as store:
        article = store.add_article(make_article())
        assert article.id is not None
        one, other = EditLocks(store, "张丽"), EditLocks(store, "王芳")
        assert not one.active
        assert one.take(article.id) is None and other.take(article.id) is None
        assert one.held() == {}


def _listen(url: str, wanted: int) -> tuple[list[Notice], threading.Thread, threading.Event]:
    feed = LiveFeed(ServerAddress.parse(url), wake_s=0.1)
    feed.connect()
    received: list[Notice] = []
    stop = threading.Event()

    def run() -> None:
        for notice in feed.notices(stop.is_set):
            received.append(notice)
            if len(received) >= wanted:
                stop.set()

    thread = threading.Thread(target=run)
    thread.start()
    return received, thread, stop


def test_every_kind_of_change_is_announced_to_listeners(two_pcs: tuple[Store, Store]) -> None:
    first, second = two_pcs
    first.save_site(Site().with_value("stage1", "王芳").with_value("review_stages", "1"))
    received, thread, stop = _listen(first.address.url(), wanted=6)  # type: ignore[union-attr]
    try:
        article = first.add_article(make_article(status="draft"))
        assert article.id is not None
        saved = first.save_article(make_article(id=article.id, version=1, title="新标题"))
        ReviewFlow(first, "张丽").submit(article.id)
        EditLocks(second, "王芳").take(article.id)
        first.trash_article(article.id)
        thread.join(timeout=10)
    finally:
        stop.set()
        thread.join(timeout=10)
    kinds = [(n.kind, n.article_id) for n in received]
    assert kinds[:2] == [("new", article.id), ("saved", article.id)]
    assert received[1].version == saved.version
    assert ("review", article.id) in kinds
    assert ("lock", article.id) in kinds
    assert kinds[-1] == ("deleted", article.id)


def test_a_statement_changing_many_articles_sends_one_notice(
    two_pcs: tuple[Store, Store],
) -> None:
    first, _second = two_pcs
    first.add_articles([make_article(f"第{n}篇") for n in range(120)])
    received, thread, stop = _listen(first.address.url(), wanted=1)  # type: ignore[union-attr]
    try:
        # One statement past the store (an administrator's fix on the server): one notice.
        with first.transaction():
            first.database.execute_sql("UPDATE article SET author = ?", ("市总工会办公室",))
        thread.join(timeout=10)
    finally:
        stop.set()
        thread.join(timeout=10)
    assert [n.kind for n in received] == ["many"]


def test_a_listener_comes_back_after_the_server_dropped_it(
    server_url: str, pg_server: ThrowawayServer
) -> None:
    received, thread, stop = _listen(server_url, wanted=2)
    try:
        pg_server.admin(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE application_name = 'newsroom live'"
        )
        deadline = time.monotonic() + 15
        while not received and time.monotonic() < deadline:
            time.sleep(0.05)
        with Store.open(server_url) as store:
            store.add_article(make_article())
        thread.join(timeout=15)
    finally:
        stop.set()
        thread.join(timeout=10)
    assert [n.kind for n in received] == ["reconnected", "new"]


def test_the_same_person_on_the_same_pc_gets_a_lock_left_by_a_crash_back(
    two_pcs: tuple[Store, Store],
) -> None:
    first, second = two_pcs
    article = first.add_article(make_article())
    assert article.id is not None
    before_crash = EditLocks(first, "张丽", login="zhangli", host="PC-07")
    assert before_crash.take(article.id) is None
    # Killed without releasing; started again on the same PC: a new window, a new session.
    after_restart = EditLocks(second, "张丽", login="zhangli", host="PC-07")
    assert after_restart.take(article.id) is None
    assert before_crash.beat(article.id) is not None  # the dead run's lock is gone
    elsewhere = EditLocks(second, "张丽", login="zhangli", host="PC-09")
    assert elsewhere.take(article.id) is not None  # the same person on another PC is told


def test_on_a_server_the_commands_act_as_the_login(server_url: str, capsys) -> None:
    from desktop.cli import main
    from desktop.review import log

    url = server_url  # the login is "newsroom", the throwaway server's own
    with Store.open(url) as store:
        store.save_site(Site().with_value("people", "newsroom=张丽"))
        article = store.add_article(make_article(status="draft"))
    assert article.id is not None
    # A name given on the command line cannot stand in for the login the server checked.
    assert main(["--db", url, "--user", "王芳", "review", "submit", str(article.id)]) == 0
    with Store.open(url) as store:
        entries = log.entries(store.database.connection(), article.id)
    assert [(e.action.value, e.user) for e in entries][-1] == ("submitted", "张丽")


def test_a_backup_taken_while_someone_edits_holds_no_lock(
    two_pcs: tuple[Store, Store], tmp_path: Path
) -> None:
    from desktop.store.backup import backup_now

    first, _second = two_pcs
    article = first.add_article(make_article())
    assert article.id is not None
    EditLocks(first, "张丽", login="zhangli").take(article.id)
    target = tmp_path / "server-backup.db"
    assert backup_now(first, target) == target
    with Store.open(target) as copy:
        assert copy.get_article(article.id).title == article.title
        rows = copy.database.execute_sql("SELECT count(*) FROM edit_lock").fetchone()
        assert rows[0] == 0
