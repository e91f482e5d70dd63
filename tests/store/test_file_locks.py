"""A check of the database beside an open connection of the same process keeps SQLite's locks.

POSIX locks belong to the process and the file: closing any descriptor of the file drops them
all, SQLite's included. The window checks its own database while its connection is open (the
page check once it is up), and ``newsroom export`` checks beside its reading; either used to
leave its connection unlocked, and another program closing the database then deleted the log
and its index from under it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.store import Store
from desktop.store.integrity import check_database
from desktop.store.log_holders import log_in_use
from tests.conftest import REPO, make_article

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="Windows locks by handle")

#: Another program opening the database, reading and closing it: the last to close deletes
#: the log and its index once it has written the log into the file.
_OTHER = (
    "import sys\n"
    "from pathlib import Path\n"
    "from desktop.store import Store\n"
    "with Store.open(Path(sys.argv[1])) as store:\n"
    "    store.site()\n"
)


def open_and_close_elsewhere(db: Path) -> None:
    subprocess.run(
        [sys.executable, "-c", _OTHER, str(db)],
        check=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
    )


def log_beside(db: Path) -> bool:
    return Path(f"{db}-wal").exists() and Path(f"{db}-shm").exists()


def descriptors_of(path: Path) -> int:
    """How many of this process's descriptors refer to ``path``."""
    wanted = path.stat()
    count = 0
    for name in os.listdir("/dev/fd"):
        try:
            found = os.fstat(int(name))
        except OSError:
            continue
        count += (found.st_dev, found.st_ino) == (wanted.st_dev, wanted.st_ino)
    return count


def test_a_plain_open_and_close_would_drop_the_connections_locks(tmp_path: Path) -> None:
    """What file_locks guards against, shown on this system: the log goes from under a store."""
    db = tmp_path / "newsroom.db"
    with Store.open(db) as store:
        store.add_article(make_article("第一篇"))
        with open(db, "rb") as handle:  # what a check did before
            handle.read(100)
        open_and_close_elsewhere(db)
        assert not log_beside(db)


def test_checking_beside_an_open_store_keeps_its_log(tmp_path: Path) -> None:
    db = tmp_path / "newsroom.db"
    with Store.open(db) as store:
        store.add_article(make_article("第一篇"))
        check_database(db, thorough=True)  # the window's page check, reading the log too
        assert log_in_use(db) is False  # the export's question (this process holds it only)
        open_and_close_elsewhere(db)
        assert log_beside(db)
        store.add_article(make_article("第二篇"))
    with Store.open(db) as again:
        assert sorted(a.title for a in again.iter_articles(with_body=False)) == ["第一篇", "第二篇"]


def test_the_checks_descriptors_are_closed_with_the_store(tmp_path: Path) -> None:
    db = tmp_path / "newsroom.db"
    with Store.open(db) as store:
        store.add_article(make_article("第一篇"))
        before = descriptors_of(db)
        check_database(db, thorough=True)
        assert descriptors_of(db) > before  # kept: SQLite had the file open
    assert descriptors_of(db) == 0


def test_a_check_with_no_store_open_closes_its_descriptors_at_once(tmp_path: Path) -> None:
    db = tmp_path / "newsroom.db"
    Store.open(db).close()
    check_database(db, thorough=True)
    assert descriptors_of(db) == 0
