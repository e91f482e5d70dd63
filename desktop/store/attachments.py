"""The schema of attachments (migration 9); the API lives in :mod:`desktop.attachments`."""

from __future__ import annotations

import sqlite3


def create_attachment_tables(conn: sqlite3.Connection) -> None:
    """Create the attachment blob table and the article's list of its attachments."""
    # A rowid table on purpose, as for pictures: the blobs stay out of the b-tree's pages.
    conn.execute(
        """CREATE TABLE attachment (
            hash TEXT NOT NULL UNIQUE CHECK (length(hash) = 64),
            extension TEXT NOT NULL,
            size INTEGER NOT NULL,
            data BLOB NOT NULL,
            created_at TEXT NOT NULL
        )"""
    )
    # Names and order live on the article, so that they are saved and kept in revisions
    # with the rest of it.
    conn.execute("ALTER TABLE article ADD COLUMN attachments TEXT NOT NULL DEFAULT '[]'")
