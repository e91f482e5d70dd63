"""Database tables of proofreading: the office word list, ignored problems, the site self-check.

``create_proofread_tables`` is schema migration 6 ("office word list"),
``create_selfcheck_tables`` migration 8 ("last link check and column update windows"). They
import nothing from the store so that the migrations module can import them without a cycle,
and they are idempotent (IF NOT EXISTS).
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


_SELFCHECK_TABLES = (
    # The last external link check: one row per (article, address), replaced per article when
    # it is checked again, so the self-check reports dead links without going on the network.
    """CREATE TABLE IF NOT EXISTS link_check (
        article_id INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,
        url TEXT NOT NULL,
        status TEXT NOT NULL,
        code INTEGER,
        final_url TEXT NOT NULL DEFAULT '',
        detail TEXT NOT NULL DEFAULT '',
        checked_at TEXT NOT NULL,
        PRIMARY KEY (article_id, url)
    ) WITHOUT ROWID""",
    # How long a column may go without a new article before the self-check calls it stale;
    # a column without a row has the default of its kind (news or notices).
    """CREATE TABLE IF NOT EXISTS column_window (
        column_id INTEGER PRIMARY KEY REFERENCES site_column(id) ON DELETE CASCADE,
        days INTEGER NOT NULL CHECK (days > 0)
    )""",
)


def create_selfcheck_tables(conn: sqlite3.Connection) -> None:
    """Create the last link check and the columns' update windows (migration step)."""
    for statement in _SELFCHECK_TABLES:
        conn.execute(statement)
