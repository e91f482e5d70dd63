"""The schema of the picture tables (migration 5); the API lives in :mod:`desktop.pictures`.

Pictures are rows, not files beside the database, so one file holds everything and a backup
is whole. Names are content hashes: the same photo imported twice is stored once.
"""

from __future__ import annotations

import sqlite3


def create_picture_tables(conn: sqlite3.Connection) -> None:
    """Create the picture, original and thumbnail tables."""
    for statement in (
        # A rowid table on purpose: WITHOUT ROWID would store the blobs inside the b-tree.
        """CREATE TABLE picture (
            hash TEXT NOT NULL UNIQUE CHECK (length(hash) = 64),
            extension TEXT NOT NULL CHECK (extension IN ('jpg', 'png')),
            width INTEGER NOT NULL,
            height INTEGER NOT NULL,
            size INTEGER NOT NULL,
            name TEXT NOT NULL DEFAULT '',
            data BLOB NOT NULL,
            created_at TEXT NOT NULL
        )""",
        # Only when the user asks to keep it; kept apart so listing pictures never reads it.
        """CREATE TABLE picture_original (
            hash TEXT PRIMARY KEY REFERENCES picture(hash) ON DELETE CASCADE,
            name TEXT NOT NULL DEFAULT '',
            data BLOB NOT NULL
        )""",
        # A cache: derived from the picture, made on first use, safe to delete.
        """CREATE TABLE picture_thumbnail (
            hash TEXT NOT NULL REFERENCES picture(hash) ON DELETE CASCADE,
            width INTEGER NOT NULL,
            height INTEGER NOT NULL,
            data BLOB NOT NULL,
            PRIMARY KEY (hash, width, height)
        )""",
    ):
        conn.execute(statement)
