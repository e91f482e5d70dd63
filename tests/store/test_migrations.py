"""Schema versions: upgrading an older database, refusing foreign or newer ones, atomic steps."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from desktop.store import Store, StoreError, migrations
from desktop.store.migrations import APPLICATION_ID, SCHEMA_VERSION, migrate


def make_version_1(path: Path) -> None:
    """Write a database as the first release of Newsroom left it, with two articles."""
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, target=1)
    conn.execute("INSERT INTO site_column (name, slug, position) VALUES ('工会动态', 'news', 1)")
    for title in ("旧版本的文章", "另一篇旧文章"):
        conn.execute(
            "INSERT INTO article (title, body, column_id, published_at, created_at, updated_at,"
            " status) VALUES (?, '旧库里的正文。', 1, '2025-06-01 08:00:00',"
            " '2025-06-01 08:00:00', '2025-06-01 08:00:00', 'published')",
            (title,),
        )
    conn.close()


def test_upgrading_a_version_1_database(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    make_version_1(path)
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == 1
    with Store.open(path) as store:
        assert store.schema_version() == SCHEMA_VERSION
        assert [a.title for a in store.search("旧")] == ["另一篇旧文章", "旧版本的文章"]
        assert store.get_article(1).column == "工会动态"


def test_reopening_is_idempotent(tmp_path: Path) -> None:
    path = tmp_path / "n.db"
    Store.open(path).close()
    with Store.open(path) as store:
        assert store.schema_version() == SCHEMA_VERSION


def test_a_failing_migration_leaves_the_old_schema(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "old.db"
    make_version_1(path)

    def broken(conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE half_done (x)")
        raise sqlite3.OperationalError("disk I/O error")

    failing = migrations.Migration(SCHEMA_VERSION + 1, "broken", broken)
    monkeypatch.setattr(migrations, "MIGRATIONS", (*migrations.MIGRATIONS, failing))
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    conn = sqlite3.connect(path, isolation_level=None)
    with pytest.raises(sqlite3.OperationalError):
        migrate(conn, target=SCHEMA_VERSION + 1)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    assert "half_done" not in names and "article_search" not in names
    conn.close()


def test_another_applications_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE invoices (id INTEGER)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match="another application"):
        Store.open(path)
    assert path.read_bytes() == before


def test_a_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    Store.open(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.close()
    with pytest.raises(StoreError, match="newer Newsroom"):
        Store.open(path)


def test_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("这不是数据库文件" * 200, encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(StoreError, match="not an SQLite database"):
        Store.open(path)
    assert path.read_bytes() == before


def test_application_id_is_set(tmp_path: Path) -> None:
    Store.open(tmp_path / "a.db").close()
    conn = sqlite3.connect(tmp_path / "a.db")
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
