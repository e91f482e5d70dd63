"""The server's one long upgrade (schema 10: the search index built anew) says how far it is,
and one that is stopped (killed, the connection cut) is simply run again at the next open."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.store import Store, StoreError, migrations
from desktop.store.location import ServerAddress
from desktop.store.migrations import (
    SCHEMA_VERSION,
    UpgradeProgress,
    migrate_server,
    server_version,
)
from desktop.store.postgres import ServerDatabase
from desktop.store.search import index_terms
from tests.pg_server import ThrowawayServer

TITLE = "职工之家建设经验交流"
#: Enough index rows that building the index takes a while (a second or two here).
ARTICLES = 1000
#: Each row's own terms beside the title's: the size of a short article's token set.
FILLER_TERMS = 300


def schema_9_database(pg_server: ThrowawayServer, name: str) -> str:
    """A server database left at schema 9 with ``ARTICLES`` indexed articles; its URL."""
    url = pg_server.database(name)
    database = ServerDatabase(ServerAddress.parse(url))
    migrate_server(database, target=9)
    terms, lines = index_terms((TITLE, "", "基层工会建家活动。", "", ""))
    with database.atomic():
        database.execute_sql(
            "INSERT INTO article (title, body, published_at, created_at, updated_at) "
            "SELECT ?, '基层工会建家活动。', "
            "to_char(timestamp '2023-01-01 08:00' + g * interval '1 day', "
            "'YYYY-MM-DD HH24:MI:SS'), '2023-01-01 08:00:00', '2023-01-01 08:00:00' "
            "FROM generate_series(1, ?) g",
            (TITLE, ARTICLES),
        )
        # As version 9 indexed them (the store's own terms), each with terms of its own.
        database.execute_sql(
            "INSERT INTO article_search (article_id, terms, lines) "
            "SELECT id, ?::text[] || ARRAY(SELECT chr(19968 + (id * 31 + k * 7) % 20000) "
            "FROM generate_series(1, ?) k), ? FROM article",
            (terms, FILLER_TERMS, lines),
        )
        database.execute_sql("DELETE FROM article_search_stale")
    database.close()
    return url


def _version(url: str) -> int:
    database = ServerDatabase(ServerAddress.parse(url))
    try:
        return server_version(database)
    finally:
        database.close()


@pytest.fixture
def often(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Read the index build's progress often, so a short build reports several times."""
    monkeypatch.setattr(migrations, "PROGRESS_POLL_S", 0.02)
    yield


def test_the_index_build_reports_its_progress(pg_server: ThrowawayServer, often) -> None:
    url = schema_9_database(pg_server, "upgrade_progress")
    heard: list[UpgradeProgress] = []
    with Store.open(url, progress=heard.append) as store:
        begun = [p.version for p in heard if p.total == 0]
        assert begun == list(range(10, SCHEMA_VERSION + 1))  # each step begins
        building = [p for p in heard if p.total > 0]
        assert building and all(p.version == 10 for p in building)
        assert all(0 <= p.done <= p.total for p in building)
        assert [p.done for p in building] == sorted(p.done for p in building)
        assert len(store.search("职工", limit=5)) == 5
    assert _version(url) == migrations.SCHEMA_VERSION


def test_an_upgrade_cut_off_midway_leaves_schema_9_and_runs_again(
    pg_server: ThrowawayServer, often
) -> None:
    url = schema_9_database(pg_server, "upgrade_cut")
    cut: list[int] = []

    def cut_off(progress: UpgradeProgress) -> None:
        # The server restarted, the network gone: the connection building the index ends
        # (once the server reports the build: the 0 % said as it starts comes before it).
        if progress.total > 1 and not cut:
            cut.append(progress.done)
            pg_server.admin(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_progress_create_index "
                "WHERE datname LIKE 'upgrade_cut%'"
            )

    with pytest.raises(StoreError):
        Store.open(url, progress=cut_off)
    assert cut
    assert _version(url) == 9  # nothing of the upgrade was kept
    with Store.open(url) as store:
        assert len(store.search("职工", limit=5)) == 5
        unmonthed = "SELECT count(*) FROM article_search WHERE published_at = ''"
        assert store.database.execute_sql(unmonthed).fetchone()[0] == 0
    assert _version(url) == migrations.SCHEMA_VERSION


def test_a_command_killed_while_upgrading_showed_progress_and_the_next_one_upgrades(
    pg_server: ThrowawayServer, tmp_path: Path
) -> None:
    url = schema_9_database(pg_server, "upgrade_killed")
    command = [sys.executable, "-m", "desktop", "--lang", "en", "--db", url, "list"]
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    running = subprocess.Popen(command, stderr=subprocess.PIPE, text=True, env=env)
    assert running.stderr is not None
    line = running.stderr.readline()  # the first line of progress (a line per tenth here)
    running.send_signal(signal.SIGKILL)
    running.wait(30)
    assert "upgrading the database to version 10" in line and "%" in line
    again = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
    assert again.returncode == 0, again.stderr
    assert TITLE in again.stdout
    assert _version(url) == migrations.SCHEMA_VERSION
