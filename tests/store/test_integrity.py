"""Damaged files, a full disk, a read-only database and a migration killed midway."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

import pytest

from desktop.store import Store, StoreError
from desktop.store.backup import backup_now, list_backups
from desktop.store.errors import Damage, DamagedDatabase, DiskFull, NewerDatabase, ReadOnlyStore
from desktop.store.integrity import check_database, is_good_database, rows_off_their_indexes
from desktop.store.migrations import SCHEMA_VERSION
from desktop.store.revisions import RevisionReason
from tests.conftest import REPO, make_article
from tests.store.test_migrations import make_version_1


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    """Integrity and damage are SQLite's file concepts: these tests run on a file only."""
    with Store.open(db_path) as opened:
        yield opened


def make_good(path: Path) -> None:
    """Write a closed database with enough articles to fill several pages."""
    with Store.open(path) as store:
        store.add_articles(make_article(f"文章{i}", body="正文" * 1500) for i in range(40))


def table_root_page(path: Path, table: str) -> tuple[int, int]:
    conn = sqlite3.connect(path)
    try:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,))
        return int(root.fetchone()[0]), int(page_size)
    finally:
        conn.close()


def truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def flip_header(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[16:18] = b"\x03\x01"  # the page size: not a power of two
    path.write_bytes(bytes(data))


def flip_magic(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[0:6] = b"sQLITE"
    path.write_bytes(bytes(data))


def flip_page(path: Path) -> None:
    root, page_size = table_root_page(path, "article")
    data = bytearray(path.read_bytes())
    start = (root - 1) * page_size
    data[start : start + 12] = bytes(b ^ 0xA5 for b in data[start : start + 12])
    path.write_bytes(bytes(data))


def zero_pages(path: Path) -> None:
    data = bytearray(path.read_bytes())
    _, page_size = table_root_page(path, "article")
    data[page_size * 2 : page_size * 12] = bytes(page_size * 10)
    path.write_bytes(bytes(data))


def zero_all(path: Path) -> None:
    path.write_bytes(bytes(len(path.read_bytes())))


def another_app(path: Path) -> None:
    path.unlink()
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, amount REAL)")
    conn.executemany("INSERT INTO invoices (amount) VALUES (?)", [(n,) for n in range(100)])
    conn.commit()
    conn.close()


def text_file(path: Path) -> None:
    path.write_text("会议纪要\n" * 500, encoding="utf-8")


DAMAGE: dict[str, tuple[Callable[[Path], None], Damage]] = {
    "truncated": (truncate, Damage.CORRUPT),
    "page size flipped in the header": (flip_header, Damage.CORRUPT),
    "magic flipped in the header": (flip_magic, Damage.NOT_SQLITE),
    "bytes flipped in a page": (flip_page, Damage.CORRUPT),
    "pages zero-filled": (zero_pages, Damage.CORRUPT),
    "whole file zero-filled": (zero_all, Damage.NOT_SQLITE),
    "another application's database": (another_app, Damage.FOREIGN),
    "a text file": (text_file, Damage.NOT_SQLITE),
}


@pytest.mark.parametrize("name", list(DAMAGE))
def test_a_damaged_database_is_refused_clearly_and_left_untouched(
    tmp_path: Path, name: str
) -> None:
    path = tmp_path / "newsroom.db"
    make_good(path)
    damage, kind = DAMAGE[name]
    damage(path)
    before = path.read_bytes()
    with pytest.raises(DamagedDatabase) as caught:
        Store.open(path)
    assert caught.value.damage is kind
    assert str(path) in str(caught.value) and caught.value.backup is None
    assert path.read_bytes() == before
    assert not is_good_database(path)


@pytest.mark.parametrize("name", ["truncated", "bytes flipped in a page", "a text file"])
def test_the_error_carries_the_newest_good_backup(tmp_path: Path, name: str) -> None:
    path = tmp_path / "newsroom.db"
    make_good(path)
    older = backup_now(path, note="-1")
    newest = backup_now(path, note="-2")
    bad = list_backups(path)[0].path
    assert bad == newest
    truncate(newest)  # the newest backup is damaged too: the one before it is offered
    DAMAGE[name][0](path)
    with pytest.raises(DamagedDatabase) as caught:
        Store.open(path)
    assert caught.value.backup == older
    assert str(older) in str(caught.value)


def test_the_messages_say_what_is_wrong(tmp_path: Path) -> None:
    path = tmp_path / "newsroom.db"
    text_file(path)
    with pytest.raises(StoreError, match="not an SQLite database"):
        Store.open(path)
    another_app(path)
    with pytest.raises(StoreError, match="another application"):
        Store.open(path)
    make_good(tmp_path / "good.db")
    flip_page(tmp_path / "good.db")
    with pytest.raises(StoreError, match="damaged"):
        Store.open(tmp_path / "good.db")


def test_a_newer_schema_is_not_called_damaged(tmp_path: Path) -> None:
    path = tmp_path / "newsroom.db"
    make_good(path)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(NewerDatabase, match="newer Newsroom"):
        check_database(path)


def test_an_empty_file_becomes_a_new_database(tmp_path: Path) -> None:
    path = tmp_path / "newsroom.db"
    path.touch()
    with Store.open(path) as store:
        assert store.schema_version() == SCHEMA_VERSION


def fill_the_disk(store: Store) -> None:
    """Let the database grow no further, as if the disk were full."""
    pages = store.database.execute_sql("PRAGMA page_count").fetchone()[0]
    store.database.execute_sql(f"PRAGMA max_page_count = {pages}")


def test_a_full_disk_fails_clearly_and_the_store_recovers(store: Store) -> None:
    article = store.add_article(make_article(body="原来的正文。\n"))
    fill_the_disk(store)
    article.body = "很长的新内容。" * 20_000
    for reason in (RevisionReason.AUTOSAVE, RevisionReason.SAVE):
        with pytest.raises(DiskFull, match="disk is full"):
            store.save_article(article, reason=reason)
    with pytest.raises(DiskFull):
        store.add_articles(make_article(f"新{i}", body="字" * 5000) for i in range(50))
    assert store.get_article(article.id).body == "原来的正文。\n"
    assert store.get_article(article.id).version == article.version
    store.database.execute_sql("PRAGMA max_page_count = 1073741823")  # space was freed
    saved = store.save_article(article)
    assert store.get_article(article.id).body == article.body and saved.version == 2
    conn = sqlite3.connect(store.path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()


def test_a_read_only_database_fails_clearly_and_recovers(store: Store) -> None:
    article = store.add_article(make_article())
    # What a read-only file looks like to SQLite, for any user (tests may run as root, to
    # whom file permissions do not apply): the connection refuses writes.
    store.database.execute_sql("PRAGMA query_only = 1")
    article.body = "只读时写的。\n"
    with pytest.raises(ReadOnlyStore, match="read-only"):
        store.save_article(article)
    # Writable again: the store reconnects by itself, no restart needed.
    saved = store.save_article(article)
    assert saved.version == 2 and store.get_article(article.id).body == "只读时写的。\n"


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="permissions do not bind root"
)
def test_a_read_only_file_and_folder(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    path = folder / "newsroom.db"
    with Store.open(path) as store:
        article = store.add_article(make_article())
    path.chmod(0o444)
    try:
        with Store.open(path) as store:
            article.body = "只读。\n"
            with pytest.raises(ReadOnlyStore):
                store.save_article(article)
            path.chmod(0o644)
            assert store.save_article(article).version == 2
    finally:
        path.chmod(0o644)


SLOW_MIGRATION = textwrap.dedent(
    """
    import sqlite3, sys, time
    from pathlib import Path
    from desktop.store import migrations
    from desktop.store.backup import backup_before_migration
    from desktop.store.integrity import check_database

    path = Path(sys.argv[1])
    fail = sys.argv[2] == "raise"

    def slow(conn):
        conn.execute("CREATE TABLE half_done (n INTEGER, filler TEXT)")
        conn.execute("UPDATE article SET body = body || '（迁移中）'")
        print("migrating", flush=True)
        for n in range(300):
            conn.execute("INSERT INTO half_done VALUES (?, ?)", (n, "x" * 20000))
            time.sleep(0.005)
        if fail:
            raise RuntimeError("injected failure")

    target = migrations.SCHEMA_VERSION + 1
    migrations.MIGRATIONS = (*migrations.MIGRATIONS, migrations.Migration(target, "slow", slow))
    migrations.SCHEMA_VERSION = target
    version = check_database(path)
    backup_before_migration(path, version)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = wal")
    conn.execute("PRAGMA synchronous = full")
    conn.create_function("newsroom_index_text", 1, lambda text: text or "")
    migrations.migrate(conn, target)
    print("done", flush=True)
    """
)


def schema_of(path: Path) -> tuple[int, set[str], list[str]]:
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        bodies = [r[0] for r in conn.execute("SELECT body FROM article ORDER BY id")]
        return version, names, bodies
    finally:
        conn.close()


def run_slow_migration(path: Path, mode: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", SLOW_MIGRATION, str(path), mode],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_a_migration_killed_midway_leaves_the_old_schema(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    make_version_1(path)
    old = schema_of(path)
    child = run_slow_migration(path, "kill")
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "migrating"
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    assert schema_of(path) == old  # version 1, no new table, no body changed
    assert len(list_backups(path)) == 1
    with Store.open(path) as store:  # and the real upgrade still works afterwards
        assert store.schema_version() == SCHEMA_VERSION


def test_a_migration_that_raises_leaves_the_old_schema(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    make_version_1(path)
    old = schema_of(path)
    child = run_slow_migration(path, "raise")
    _, err = child.communicate(timeout=60)
    assert child.returncode != 0 and "injected failure" in err
    assert schema_of(path) == old


def test_a_migration_left_to_finish_has_the_whole_new_schema(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    make_version_1(path)
    child = run_slow_migration(path, "finish")
    _, err = child.communicate(timeout=60)
    assert child.returncode == 0, err
    version, names, bodies = schema_of(path)
    assert version == SCHEMA_VERSION + 1 and {"half_done", "revision", "article_search"} <= names
    assert all(b.endswith("（迁移中）") for b in bodies)


def test_checking_a_closed_file_creates_nothing_beside_it(tmp_path: Path) -> None:
    path = tmp_path / "newsroom.db"
    make_good(path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["newsroom.db"]
    check_database(path, thorough=True)
    with Store.open(path, read_only=True) as store:
        assert store.count_articles() == 40
    assert sorted(p.name for p in tmp_path.iterdir()) == ["newsroom.db"]


def test_a_log_that_lost_committed_saves_is_reported_and_left_as_it_is(tmp_path: Path) -> None:
    from tests.store.damage import good_database, read_files, write_files

    good = good_database(live_wal=True)
    path = tmp_path / "newsroom.db"
    log = bytearray(good.files["-wal"])
    log[-100] ^= 0x10  # a bit of the last frame: SQLite would drop the last save unseen
    write_files({**good.files, "-wal": bytes(log)}, path)
    before = read_files(path)
    with pytest.raises(DamagedDatabase, match=r"write-ahead log .* cannot be read"):
        Store.open(path)
    assert read_files(path) == before
    # Without its index nothing says what the log should hold: a private copy is checked,
    # and nothing is created beside the file.
    write_files({"": good.files[""], "-wal": good.files["-wal"]}, path)
    assert check_database(path, thorough=True) == SCHEMA_VERSION
    assert sorted(p.name for p in tmp_path.iterdir()) == ["newsroom.db", "newsroom.db-wal"]


class _RestartedWhileRead:
    """A log being read while a window restarts it: after its header, the writer checkpoints
    the log into the file and saves again, overwriting the first frames with new salts."""

    def __init__(self, log: BinaryIO, restart: Callable[[], None]) -> None:
        self.log, self.restart, self.reads = log, restart, 0

    def read(self, size: int) -> bytes:
        self.reads += 1
        if self.reads == 2:
            self.restart()
        return self.log.read(size)


def test_a_log_restarted_by_a_window_while_it_is_read_is_not_called_damaged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop.store import integrity

    path = tmp_path / "newsroom.db"
    make_good(path)
    window = sqlite3.connect(path, isolation_level=None)
    window.execute("PRAGMA wal_autocheckpoint = 0")
    for n in range(3):  # three saves in the log, which the window keeps open
        window.execute("INSERT OR REPLACE INTO store_state (key, value) VALUES (?, ?)", (n, "x"))

    def save_after_a_restart() -> None:
        window.execute("PRAGMA wal_checkpoint(RESTART)")
        window.execute("INSERT OR REPLACE INTO store_state (key, value) VALUES (9, 'y')")

    reads: list[_RestartedWhileRead] = []
    good_frames = integrity._good_frames

    def racing(log: BinaryIO, page_size: int, wanted: int) -> tuple[int, bytes | None]:
        reads.append(_RestartedWhileRead(log, save_after_a_restart))
        return good_frames(reads[-1], page_size, wanted)  # type: ignore[arg-type]

    monkeypatch.setattr(integrity, "_good_frames", racing)
    try:
        assert check_database(path) == SCHEMA_VERSION
        assert reads and reads[0].reads >= 2  # the restart happened in the middle of the read
        # The same short read with the index unchanged is damage, as before.
        monkeypatch.setattr(integrity, "_good_frames", lambda log, size, wanted: (0, None))
        with pytest.raises(DamagedDatabase, match=r"write-ahead log .* cannot be read"):
            check_database(path)
    finally:
        window.close()


def test_rows_an_index_does_not_hold_are_named_and_left_to_the_full_check(
    tmp_path: Path,
) -> None:
    path = tmp_path / "n.db"
    with Store.open(path) as store:
        store.add_articles(
            make_article(f"文章{i}", author="组宣部", source="组宣部" if i % 2 else "澜江日报")
            for i in range(6)
        )
    # The author index made to stand for the source: every page still readable.
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA writable_schema = ON")
    conn.execute(
        "UPDATE sqlite_master SET sql = replace(sql, 'article(author)', 'article(source)') "
        "WHERE name = 'article_by_author'"
    )
    conn.commit()
    conn.close()
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        ids = [row[0] for row in conn.execute("SELECT id FROM article ORDER BY id")]
        sources = dict(conn.execute("SELECT id, source FROM article"))
        off = rows_off_their_indexes(conn, "article", ids)
        assert off == {i for i in ids if sources[i] != "组宣部"} != set()
        assert rows_off_their_indexes(conn, "article", [i for i in ids if i not in off]) == set()
    finally:
        conn.close()
    # The check that leaves the article table's indexes to its caller passes; the full one
    # does not, and checks every other table in full.
    assert check_database(path, thorough=True, uncompared=("article",)) == SCHEMA_VERSION
    with pytest.raises(DamagedDatabase, match="article_by_author"):
        check_database(path, thorough=True)
    with pytest.raises(DamagedDatabase, match="article_by_author"):
        check_database(path, thorough=True, uncompared=("review_log",))


def _sqlite_wal_checksum(data: bytes, state: tuple[int, int], big: bool) -> tuple[int, int]:
    """The WAL checksum as SQLite's file format describes it, one pair of words at a time."""
    import struct

    words = struct.unpack(f"{'>' if big else '<'}{len(data) // 4}I", data)
    first, second = state
    for index in range(0, len(words), 2):
        first = (first + words[index] + second) & 0xFFFFFFFF
        second = (second + words[index + 1] + first) & 0xFFFFFFFF
    return first, second


@pytest.mark.parametrize("size", [8, 24, 56, 64, 72, 512, 4096, 65536])
def test_the_log_checksum_is_sqlites(size: int) -> None:
    import random

    from desktop.store.integrity import _checksum

    rng = random.Random(size)
    for _ in range(10):
        data = rng.randbytes(size)
        state = (rng.getrandbits(32), rng.getrandbits(32))
        for big in (False, True):
            assert _checksum(data, state, big) == _sqlite_wal_checksum(data, state, big)
    highest = (0xFFFFFFFF, 0xFFFFFFFF)  # the largest sums between two cuts to 32 bits
    assert _checksum(b"\xff" * size, highest, True) == _sqlite_wal_checksum(
        b"\xff" * size, highest, True
    )


def test_the_log_checksum_of_a_real_log_matches_its_frames(tmp_path: Path) -> None:
    from desktop.store import integrity
    from tests.store.damage import good_database, write_files

    good = good_database(live_wal=True)
    path = tmp_path / "newsroom.db"
    write_files(good.files, path)
    header = good.files[""][:100]
    page_size = integrity._page_size(header)
    assert page_size is not None
    frames = (len(good.files["-wal"]) - 32) // (24 + page_size)
    with open(f"{path}-wal", "rb") as log:
        found, _salts = integrity._good_frames(log, page_size, frames)
    assert frames > 1 and found == frames  # every frame's checksum holds, to the last save
    assert integrity._log_problem(path, header) == ""
