"""``newsroom export`` while another program has the database open (its log is live), and after
one was killed (its log left beside the file).

With a live log the export reads through a read-only connection while every page is checked
beside it, instead of checking every page before it opens: a read-only connection never writes
the log into the file, even when it closes last. A log left by a crash is checked first, as
before. Either way a damaged page, in the file or in the log, is refused before anything is
written to the database, its log or the site.
"""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from desktop.cli import EXIT_FAILED, EXIT_OK, main
from desktop.store import Store
from desktop.store import checking as checking_module
from desktop.store import store as store_module
from desktop.store.log_holders import log_in_use
from tests.export.test_quick_reexport import flip_table_root
from tests.export.test_reexport import bundle_files, edit, export, oldest_in_column, site_store

__all__ = ["site_store"]

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux") and sys.platform != "darwin",
    reason="whether a log is live is told from SQLite's Unix locks",
)

#: Another program with the database open: it saves once (the log then holds that save, as
#: a window's does between checkpoints), says "ready", and closes when told to.
_HOLDER = r"""
import sqlite3, sys
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("PRAGMA busy_timeout = 5000")
connection.execute("PRAGMA wal_autocheckpoint = 0")
connection.execute(
    "INSERT OR REPLACE INTO store_state (key, value) VALUES ('test.holder', ?)", ("x" * 200,)
)
print("ready", flush=True)
sys.stdin.readline()
connection.close()
"""


class Holder:
    """The other program, running until ``close`` (a clean close) or ``kill`` (a crash)."""

    def __init__(self, db: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", _HOLDER, str(db)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout is not None and self.process.stdout.readline() == "ready\n"

    def close(self) -> None:
        if self.process.poll() is None:
            assert self.process.stdin is not None
            self.process.stdin.write("\n")
            self.process.stdin.close()
            self.process.wait(30)

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(30)


@contextmanager
def holding(db: Path) -> Iterator[Holder]:
    holder = Holder(db)
    try:
        yield holder
    finally:
        holder.kill()


@pytest.fixture
def page_checks(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """Every check of a database's pages (``check_database`` without ``pages=False``)."""
    calls: list[dict[str, Any]] = []
    real = store_module.check_database

    def counted(path: Path, **options: Any) -> int:
        if options.get("pages", True):
            calls.append(options)
        return real(path, **options)

    monkeypatch.setattr(store_module, "check_database", counted)
    monkeypatch.setattr(checking_module, "check_database", counted)
    return calls


def files_beside(db: Path) -> dict[str, bytes | None]:
    """The database file, its log and the log's index, byte for byte (None: absent)."""
    found: dict[str, bytes | None] = {}
    for suffix in ("", "-wal", "-shm"):
        path = Path(f"{db}{suffix}")
        found[suffix] = path.read_bytes() if path.exists() else None
    return found


def exported_once(site_store: Store, tmp_path: Path) -> Path:
    """Export the site, change one article (a page to write), close the store."""
    site = tmp_path / "site"
    export(site_store, site)
    middle, _newer, _older = oldest_in_column(site_store)
    edit(site_store, middle, body="职工书屋里的图书更新了。\n")
    site_store.close()
    return site


def flip_page_in_log(db: Path, table: str) -> None:
    """Damage ``table``'s first page where the log holds it (its newest copy), as a bad disk
    does: readers of a live log read the page through its index, unchecked."""
    with sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True) as connection:
        root = connection.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,))
        page = int(root.fetchone()[0])
        page_size = int(connection.execute("PRAGMA page_size").fetchone()[0])
    connection.close()
    log = Path(f"{db}-wal")
    data = bytearray(log.read_bytes())
    frames = range(32, len(data) - 24 - page_size + 1, 24 + page_size)
    at = [f for f in frames if int.from_bytes(data[f : f + 4], "big") == page][-1] + 24
    data[at : at + 12] = bytes(b ^ 0xA5 for b in data[at : at + 12])
    log.write_bytes(bytes(data))


def test_a_live_log_is_told_from_one_left_by_a_crash(site_store: Store, db_path: Path) -> None:
    site_store.close()
    with holding(db_path) as holder:
        assert log_in_use(db_path) is True
        holder.kill()
    assert Path(f"{db_path}-wal").stat().st_size > 0
    assert log_in_use(db_path) is False


def test_an_export_beside_another_program_checks_the_pages_once(
    site_store: Store,
    tmp_path: Path,
    db_path: Path,
    page_checks: list[dict[str, Any]],
    capsys: pytest.CaptureFixture[str],
) -> None:
    site = exported_once(site_store, tmp_path)
    with holding(db_path):
        assert main(["--db", str(db_path), "export", "--out", str(site)]) == EXIT_OK
        assert "pages rendered 1" in capsys.readouterr().out
        assert len(page_checks) == 1  # beside the export, not once more before it opened
        # It wrote what the next re-export plans from: that one finds nothing to render.
        page_checks.clear()
        assert main(["--db", str(db_path), "export", "--out", str(site)]) == EXIT_OK
        assert "pages rendered 0" in capsys.readouterr().out
        assert len(page_checks) == 1
    with Store.open(db_path) as store:
        assert store.state_value("test.holder") == "x" * 200
        assert store.site().export_target == str(site)


def test_an_export_after_a_crash_checks_the_log_before_opening(
    site_store: Store, tmp_path: Path, db_path: Path, page_checks: list[dict[str, Any]]
) -> None:
    site = exported_once(site_store, tmp_path)
    with holding(db_path) as holder:
        holder.kill()
    assert main(["--db", str(db_path), "export", "--out", str(site)]) == EXIT_OK
    assert len(page_checks) == 2 and page_checks[0] == {"thorough": True}


def test_a_read_only_store_on_a_live_log_writes_nothing_even_when_it_closes_last(
    site_store: Store, db_path: Path, page_checks: list[dict[str, Any]]
) -> None:
    site_store.close()
    with holding(db_path) as holder:
        store = Store.open(db_path, thorough=True, check_pages=False, read_first=True)
        assert len(page_checks) == 0
        assert len(store.list_articles().items) > 0
        holder.close()  # it cannot write its log into the file while the store is open
        before = files_beside(db_path)
        assert before["-wal"]
        store.close()  # the last to close, but a reader: the log stays where it is
        after = files_beside(db_path)
        assert after[""] == before[""] and after["-wal"] == before["-wal"]
    # Nobody holds the log now: it is one left behind, checked before opening.
    Store.open(db_path, thorough=True, check_pages=False, read_first=True).close()
    assert page_checks == [{"thorough": True}]


def test_once_the_pages_are_checked_the_store_writes_and_closes_the_log_into_the_file(
    site_store: Store, db_path: Path
) -> None:
    site_store.close()
    with holding(db_path) as holder:
        store = Store.open(db_path, thorough=True, check_pages=False, read_first=True)
        with pytest.raises(store_module.ReadOnlyStore):
            store.save_site(store.site().with_value("name", "澜江日报"))
        store.pages_checked()
        store.save_site(store.site().with_value("name", "澜江日报"))
        holder.close()
        store.close()
    assert not Path(f"{db_path}-wal").exists()  # written into the file by the last to close
    with Store.open(db_path) as store:
        assert store.site().name == "澜江日报"
        assert store.state_value("test.holder") == "x" * 200


def test_a_read_only_store_does_not_check_a_log_first(
    site_store: Store, db_path: Path, page_checks: list[dict[str, Any]]
) -> None:
    site_store.close()
    with holding(db_path) as holder:
        holder.kill()  # a log left behind, with its index
    Store.open(db_path, check_pages=False, read_only=True).close()
    assert page_checks == []
    assert Path(f"{db_path}-wal").stat().st_size > 0


@pytest.mark.parametrize("where", ["file", "log"])
@pytest.mark.parametrize("crash", [False, True], ids=["live", "left-by-a-crash"])
def test_damage_beside_a_log_is_refused_before_anything_is_written(
    site_store: Store,
    tmp_path: Path,
    db_path: Path,
    capsys: pytest.CaptureFixture[str],
    where: str,
    crash: bool,
) -> None:
    site = exported_once(site_store, tmp_path)
    before_site = bundle_files(site)
    with holding(db_path) as holder:
        if where == "file":
            flip_table_root(db_path, "revision")  # a page the export never reads
        else:
            flip_page_in_log(db_path, "store_state")  # the page the holder saved into
        if crash:
            holder.kill()
        damaged = files_beside(db_path)
        assert damaged["-wal"]
        assert main(["--db", str(db_path), "export", "--out", str(site)]) == EXIT_FAILED
        assert "damaged" in capsys.readouterr().err
        assert bundle_files(site) == before_site
        after = files_beside(db_path)
        if crash:
            assert after == damaged  # the log's index too: nobody else was keeping it
        else:
            assert after[""] == damaged[""] and after["-wal"] == damaged["-wal"]


def test_the_export_reads_a_live_log_once_to_compare_it_with_its_index(
    site_store: Store, tmp_path: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop.store import integrity

    site = exported_once(site_store, tmp_path)
    reads: list[int] = []
    real = integrity._good_frames

    def counted(log: Any, page_size: int, wanted: int) -> tuple[int, bytes | None]:
        reads.append(wanted)
        return real(log, page_size, wanted)

    monkeypatch.setattr(integrity, "_good_frames", counted)
    with holding(db_path):
        assert main(["--db", str(db_path), "export", "--out", str(site)]) == EXIT_OK
    # At opening; the check beside reads the pages, not the log's frames once more.
    assert len(reads) == 1 and reads[0] > 0
