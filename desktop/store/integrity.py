"""Checking a database file before use, strictly read-only: a damaged file is never written to."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from desktop.store import migrations
from desktop.store.errors import Damage, DamagedDatabase, NewerDatabase

SQLITE_MAGIC = b"SQLite format 3\x00"


def connect_read_only(path: Path) -> sqlite3.Connection:
    """Open a database so that nothing, not even a journal rollback, can write to it."""
    # A URI built from the absolute path: '?' or '#' in a folder name would otherwise end it.
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None)


def check_database(path: Path, *, thorough: bool = False, pages: bool = True) -> int:
    """Check a Newsroom database without writing to it; return its schema version (0 if new).

    Raises ``DamagedDatabase`` for a file that is not SQLite, another application's database
    or one failing SQLite's quick check (``thorough``: the full integrity check), and
    ``NewerDatabase`` for a schema this version does not know. ``pages=False`` leaves out the
    page check (whose time grows with the file) for a caller that runs it separately.
    """
    path = Path(path)
    with open(path, "rb") as handle:
        header = handle.read(100)
    if not header:
        return 0  # an empty file becomes a new database
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        raise DamagedDatabase(
            path, Damage.NOT_SQLITE, "the file is not an SQLite database (or it is damaged)"
        )
    try:
        conn = connect_read_only(path)
    except sqlite3.Error as exc:
        raise DamagedDatabase(path, Damage.CORRUPT, f"the database cannot be read: {exc}") from exc
    try:
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            has_tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0
        except sqlite3.Error as exc:
            raise DamagedDatabase(
                path, Damage.CORRUPT, f"the database is damaged and cannot be read ({exc})"
            ) from exc
        if app_id not in (0, migrations.APPLICATION_ID) or (app_id == 0 and has_tables):
            raise DamagedDatabase(
                path,
                Damage.FOREIGN,
                "this file is another application's database, not a Newsroom one",
            )
        if version > migrations.SCHEMA_VERSION:
            raise NewerDatabase(
                f"{path}: the database was written by a newer Newsroom (schema {version}, "
                f"this version knows up to {migrations.SCHEMA_VERSION})"
            )
        problems = _check_pages(conn, thorough) if pages else []
        if problems:
            raise DamagedDatabase(
                path, Damage.CORRUPT, f"the database is damaged: {'; '.join(problems[:3])}"
            )
    finally:
        conn.close()
    return version


def _check_pages(conn: sqlite3.Connection, thorough: bool) -> list[str]:
    pragma = "integrity_check" if thorough else "quick_check"
    try:
        rows = conn.execute(f"PRAGMA {pragma}(20)").fetchall()
    except sqlite3.Error as exc:
        return [str(exc)]
    messages = [str(row[0]) for row in rows]
    return [] if messages == ["ok"] else messages


def is_good_database(path: Path, *, thorough: bool = False) -> bool:
    """Whether a file is a Newsroom database this version can open and that passes its check."""
    try:
        check_database(path, thorough=thorough)
    except (OSError, DamagedDatabase, NewerDatabase):
        return False
    return True
