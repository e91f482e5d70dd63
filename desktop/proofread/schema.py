"""Database tables of proofreading: the office word list and ignored problems.

``create_proofread_tables`` is schema migration 6 ("office word list"). It imports nothing
from the store so that the migrations module can import it without a cycle, and it is
idempotent (IF NOT EXISTS).
"""

from __future__ import annotations

import sqlite3

_TABLES = (
    """CREATE TABLE IF NOT EXISTS office_word (
        id INTEGER PRIMARY KEY,
        wrong TEXT NOT NULL UNIQUE CHECK (wrong != ''),
        suggestion TEXT NOT NULL DEFAULT '',
        severity TEXT NOT NULL DEFAULT 'serious' CHECK (severity IN ('serious', 'minor')),
        note TEXT NOT NULL DEFAULT '',
        exceptions TEXT NOT NULL DEFAULT ''
    )""",
    """CREATE TABLE IF NOT EXISTS proofread_ignore (
        article_id INTEGER NOT NULL,
        key TEXT NOT NULL,
        reason TEXT NOT NULL DEFAULT '',
        ignored_at TEXT NOT NULL,
        PRIMARY KEY (article_id, key)
    ) WITHOUT ROWID""",
)


def create_proofread_tables(conn: sqlite3.Connection) -> None:
    """Create the office word list and ignored-problem tables (migration step)."""
    for statement in _TABLES:
        conn.execute(statement)
