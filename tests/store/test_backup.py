"""Backups: online copies while saving, rotation, restoring safely, and before migrations."""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
import time
from pathlib import Path

import pytest

from desktop.store import Store, StoreError
from desktop.store.backup import (
    BackupInfo,
    BackupKind,
    BackupPolicy,
    backup_folder,
    backup_now,
    daily_backup,
    list_backups,
    newest_good_backup,
    plan_rotation,
    restore_backup,
)
from desktop.store.errors import BackupCancelled, BackupError
from desktop.store.integrity import check_database
from desktop.store.migrations import SCHEMA_VERSION
from tests.conftest import make_article
from tests.store.test_migrations import make_version_1


def bodies(path: Path) -> dict[int, str]:
    conn = sqlite3.connect(path)
    try:
        return dict(conn.execute("SELECT id, body FROM article ORDER BY id").fetchall())
    finally:
        conn.close()


def test_backup_now_copies_a_checked_self_contained_file(store: Store) -> None:
    stored = store.add_article(make_article(body="备份里的正文。\n"))
    path = backup_now(store)
    assert path.parent == backup_folder(store.path) and path.name.endswith("-manual.db")
    assert check_database(path) == SCHEMA_VERSION
    assert bodies(path) == {stored.id: "备份里的正文。\n"}
    assert not Path(str(path) + "-wal").exists()
    assert [b.path for b in list_backups(store.path)] == [path]


def test_backup_to_a_chosen_file_and_never_onto_itself(store: Store, tmp_path: Path) -> None:
    store.add_article(make_article())
    target = tmp_path / "elsewhere" / "copy.db"
    source = store if store.is_server else store.path
    assert backup_now(source, target) == target and check_database(target) > 0
    if not store.is_server:  # a server database is no file a backup could be written over
        with pytest.raises(BackupError):
            backup_now(store, store.path)


def test_a_cancelled_backup_leaves_nothing(store: Store, tmp_path: Path) -> None:
    store.add_articles(make_article(body="长" * 20_000) for _ in range(400))
    calls: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> bool:
        calls.append((done, total))
        return False

    with pytest.raises(BackupCancelled):
        backup_now(store, tmp_path / "cancelled.db", progress=progress)
    assert calls and not list(tmp_path.glob("*cancelled*"))


def test_backups_during_saves_every_100_ms_each_restore_their_snapshot(
    store: Store, tmp_path: Path
) -> None:
    article = store.add_article(make_article(body="0\n"))
    store.add_articles(make_article(f"填充{i}", body="填" * 5000) for i in range(300))
    stop = threading.Event()
    saved_versions: list[int] = []

    def keep_saving() -> None:
        with Store.open(store.reopen_location) as writer:
            current = writer.get_article(article.id)
            while not stop.is_set():
                current.body += f"{current.version}\n"
                current = writer.save_article(current)
                saved_versions.append(current.version)
                time.sleep(0.1)

    thread = threading.Thread(target=keep_saving)
    thread.start()
    try:
        backups = []
        for n in range(6):
            time.sleep(0.15)
            source = store if store.is_server else store.path
            backups.append(backup_now(source, tmp_path / f"during-{n}.db"))
    finally:
        stop.set()
        thread.join()
    assert len(saved_versions) >= 5
    versions = []
    for n, path in enumerate(backups):
        snapshot = bodies(path)
        target = tmp_path / f"restored-{n}.db"
        restore_backup(path, target)
        # The restored database holds exactly its backup's snapshot, and it is consistent:
        # the body of the saved article matches the version recorded with it.
        assert bodies(target) == snapshot
        with Store.open(target) as restored:
            copy = restored.get_article(article.id)
            assert copy.body == "0\n" + "".join(f"{v}\n" for v in range(1, copy.version))
            versions.append(copy.version)
    assert versions == sorted(versions) and versions[-1] > versions[0]


def test_restore_replaces_the_database_and_keeps_the_old_one(tmp_path: Path) -> None:
    db = tmp_path / "newsroom.db"
    with Store.open(db) as store:
        good = store.add_article(make_article(body="好的版本。\n"))
        backup = backup_now(store)
        changed = store.get_article(good.id)
        changed.body = "后来改坏了。\n"
        store.save_article(changed)
    aside = restore_backup(backup, db)
    assert aside == tmp_path / "newsroom.db.before-restore"
    with Store.open(db) as store:
        assert store.get_article(good.id).body == "好的版本。\n"
    with Store.open(aside) as old:
        assert old.get_article(good.id).body == "后来改坏了。\n"
    second = restore_backup(backup, db)  # an earlier file set aside is never overwritten
    assert second is not None and second != aside and aside.exists()


def test_restore_refuses_while_the_database_is_open(tmp_path: Path) -> None:
    db = tmp_path / "newsroom.db"
    with Store.open(db) as store:
        store.add_article(make_article())
        backup = backup_now(store)
        with pytest.raises(BackupError, match="open in another"):
            restore_backup(backup, db)
        assert store.count_articles() == 1


def test_restore_refuses_a_bad_backup_and_leaves_the_database(tmp_path: Path) -> None:
    db = tmp_path / "newsroom.db"
    Store.open(db).close()
    before = db.read_bytes()
    fake = tmp_path / "fake.db"
    fake.write_text("不是备份", encoding="utf-8")
    with pytest.raises(BackupError, match="cannot be used"):
        restore_backup(fake, db)
    with pytest.raises(BackupError, match="no backup file"):
        restore_backup(tmp_path / "missing.db", db)
    assert db.read_bytes() == before and not (tmp_path / "newsroom.db.before-restore").exists()


def test_restore_over_a_damaged_file_moves_it_aside_untouched(tmp_path: Path) -> None:
    db = tmp_path / "newsroom.db"
    with Store.open(db) as store:
        store.add_article(make_article(body="备份前。\n"))
        backup = backup_now(store)
    db.write_bytes(db.read_bytes()[:5000])
    damaged = db.read_bytes()
    with pytest.raises(StoreError) as caught:
        Store.open(db)
    assert getattr(caught.value, "backup", None) == backup
    aside = restore_backup(backup, db)
    assert aside is not None and aside.read_bytes() == damaged
    with Store.open(db) as store:
        assert store.count_articles() == 1


def test_daily_backup_once_a_day_with_rotation(tmp_path: Path) -> None:
    db = tmp_path / "newsroom.db"
    with Store.open(db) as store:
        store.add_article(make_article())
        day = dt.datetime(2026, 1, 1, 9, 0)
        for n in range(60):
            now = day + dt.timedelta(days=n)
            assert daily_backup(store, now=now) is not None
            assert daily_backup(store, now=now + dt.timedelta(hours=3)) is None
    kept = [b for b in list_backups(db) if b.kind is BackupKind.DAILY]
    assert len(kept) == 7 + 4
    dates = [b.taken_at.date() for b in kept]
    assert dates[:7] == [dt.date(2026, 3, 1) - dt.timedelta(days=n) for n in range(7)]
    weeks = {d.isocalendar()[:2] for d in dates[7:]}
    assert len(weeks) == 4


def test_plan_rotation_keeps_manual_and_migration_backups_apart(tmp_path: Path) -> None:
    start = dt.datetime(2026, 1, 1)

    def info(kind: BackupKind, n: int) -> BackupInfo:
        return BackupInfo(tmp_path / f"{kind.value}{n}.db", kind, start + dt.timedelta(hours=n), 1)

    backups = [info(BackupKind.MANUAL, n) for n in range(15)]
    backups += [info(BackupKind.MIGRATION, n) for n in range(8)]
    removed = plan_rotation(backups, BackupPolicy(manual=10, migration=5))
    assert sorted(b.path.name for b in removed) == sorted(
        [f"manual{n}.db" for n in range(5)] + [f"migration{n}.db" for n in range(3)]
    )


def test_opening_an_old_schema_backs_it_up_first(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    make_version_1(path)
    before = bodies(path)
    with Store.open(path) as store:
        assert store.schema_version() == SCHEMA_VERSION
    [backup] = list_backups(path)
    assert backup.kind is BackupKind.MIGRATION and "-v1" in backup.path.name
    conn = sqlite3.connect(backup.path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    conn.close()
    assert bodies(backup.path) == before
    Store.open(path).close()
    assert len(list_backups(path)) == 1  # an up-to-date database is not backed up again
    assert newest_good_backup(path) == backup.path


def test_no_upgrade_without_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    make_version_1(path)
    backup_folder(path).write_text("一个挡路的文件", encoding="utf-8")  # the folder cannot exist
    with pytest.raises(StoreError, match="backup before it failed"):
        Store.open(path)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    conn.close()


def test_backup_and_restore_on_the_command_line(tmp_path: Path, capsys) -> None:
    from desktop.cli import main

    db = tmp_path / "newsroom.db"
    with Store.open(db) as store:
        store.add_article(make_article(body="命令行备份。\n"))
    copy = tmp_path / "copy.db"
    assert main(["backup", "--db", str(db), str(copy)]) == 0
    assert capsys.readouterr().out.strip() == str(copy)
    assert main(["backup", "--db", str(db)]) == 0
    automatic = Path(capsys.readouterr().out.strip())
    assert automatic.parent == backup_folder(db)
    assert main(["backup", "--db", str(db), "--list"]) == 0
    assert str(automatic) in capsys.readouterr().out
    with Store.open(db) as store:
        store.trash_article(1)
        store.empty_trash()
    assert main(["restore", "--db", str(db), str(copy)]) == 0
    assert "before-restore" in capsys.readouterr().out
    with Store.open(db) as store:
        assert store.get_article(1).body == "命令行备份。\n"
    (tmp_path / "bad.db").write_text("坏", encoding="utf-8")
    assert main(["restore", "--db", str(db), str(tmp_path / "bad.db")]) == 1
    assert "cannot be used" in capsys.readouterr().err
