"""What can go wrong in the store, as exceptions whose messages are meant for the user."""

from __future__ import annotations

from enum import Enum
from pathlib import Path


class StoreError(RuntimeError):
    """The store cannot do what was asked; the message is meant for the user."""


class ArticleNotFound(StoreError):
    """No article with that id (or it is in the trash)."""

    #: When a save found its article trashed meanwhile, the revision keeping the unsaved text.
    losing_revision_id: int | None = None


class ConflictError(StoreError):
    """The article was saved elsewhere since it was loaded; nothing was overwritten."""

    def __init__(self, article_id: int, expected: int, found: int) -> None:
        super().__init__(
            f"article {article_id} was changed elsewhere (version {found}, "
            f"this copy is based on version {expected})"
        )
        self.article_id = article_id
        self.expected = expected
        self.found = found
        #: The revision that keeps the text which could not be saved, once it has been kept.
        self.losing_revision_id: int | None = None


class RevisionNotFound(StoreError):
    """No revision with that id for that article."""


class Damage(str, Enum):
    """Why a database file cannot be opened."""

    NOT_SQLITE = "not-sqlite"  # a text file, zeros, a truncated header
    FOREIGN = "foreign"  # another application's SQLite database
    CORRUPT = "corrupt"  # an SQLite file that fails its integrity check


class DamagedDatabase(StoreError):
    """The database file is damaged or not ours; it was left untouched."""

    def __init__(self, path: Path, damage: Damage, detail: str, backup: Path | None = None) -> None:
        message = f"{path}: {detail}"
        if backup is not None:
            message += f" (the newest good backup is {backup})"
        super().__init__(message)
        self.path = path
        self.damage = damage
        self.detail = detail
        #: The newest backup that passed its own check, for the window to offer restoring.
        self.backup = backup


class NewerDatabase(StoreError):
    """The database was written by a newer Newsroom; it was left untouched."""


class DiskFull(StoreError):
    """A write failed because the disk (or the database's size limit) is full."""


class ReadOnlyStore(StoreError):
    """A write failed because the database file or its folder cannot be written."""


class BackupError(StoreError):
    """A backup could not be taken, checked or restored."""


class BackupCancelled(BackupError):
    """The user cancelled a backup; nothing was left behind."""


class ServerUnreachable(StoreError):
    """The PostgreSQL server cannot be reached (down, restarting, network gone); nothing changed.

    The one error the window relies on to go offline: every store call on a server raises it,
    never psycopg's or Peewee's own errors, when the connection is refused or lost.
    """
