"""Pictures in the store: add, fetch by media path, thumbnails, and what an article uses.

A picture's site path is ``media/<sha256>.<jpg|png>``; a cover's thumbnail is
``media/thumbs/<sha256>.jpg``. The same paths are written in article Markdown, served to the
preview through the app's URL scheme and written by the export, so all three show one picture.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from contextlib import AbstractContextManager, suppress
from dataclasses import dataclass
from typing import Protocol

import peewee as pw

from desktop.attachments.library import attachment_bytes

# The path rules live in desktop.media_paths; the library's callers find them here too.
from desktop.media_paths import _SERVED, _normalise, media_path
from desktop.media_paths import MEDIA_DIR as MEDIA_DIR
from desktop.media_paths import THUMBS_DIR as THUMBS_DIR
from desktop.media_paths import pictures_used as pictures_used
from desktop.media_paths import thumbnail_path as thumbnail_path
from desktop.pictures.process import (
    THUMB_RATIO,
    THUMB_WIDTH,
    PictureError,
    ProcessedPicture,
    make_thumbnail,
    process_picture,
)
from desktop.site import PICTURE_MAX_WIDTH
from desktop.store.errors import StoreError

#: Site setting holding the widest picture kept, in pixels (read if present).
MAX_WIDTH_SETTING = "picture_max_width"


class HasDatabase(Protocol):
    """The Store: its open database for reading, its write path for writing."""

    @property
    def database(self) -> pw.Database:
        """The open database."""

    def transaction(self) -> AbstractContextManager[None]:
        """The store's write path: all or nothing, a full disk as ``DiskFull``."""


@dataclass(frozen=True)
class PictureInfo:
    """A stored picture without its bytes."""

    path: str
    width: int
    height: int
    size: int
    name: str
    has_original: bool


def max_width(store: HasDatabase) -> int:
    """Return the site's widest picture in pixels (setting ``picture_max_width``).

    A value outside ``PICTURE_MAX_WIDTH``'s range (stored by hand, or by an older version)
    gives its default, as the site settings read it.
    """
    row = store.database.execute_sql(
        "SELECT value FROM site_setting WHERE key = ?", (MAX_WIDTH_SETTING,)
    ).fetchone()
    try:
        value = int(row[0]) if row else PICTURE_MAX_WIDTH.default
    except ValueError:
        return PICTURE_MAX_WIDTH.default
    return value if PICTURE_MAX_WIDTH.allows(value) else PICTURE_MAX_WIDTH.default


def save_processed(
    store: HasDatabase,
    picture: ProcessedPicture,
    *,
    name: str = "",
    original: bytes | None = None,
) -> str:
    """Store an already processed picture (once per content) and return its media path."""
    digest = hashlib.sha256(picture.data).hexdigest()
    now = dt.datetime.now().replace(microsecond=0).isoformat(sep=" ")
    # Through the store's write path, as a save goes: a full disk or a read-only file raises
    # the store's DiskFull or ReadOnlyStore, which the editor shows like a failed save.
    with store.transaction():
        store.database.execute_sql(
            "INSERT OR IGNORE INTO picture (hash, extension, width, height, size, name, data, "
            "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                digest,
                picture.extension,
                picture.width,
                picture.height,
                len(picture.data),
                name,
                picture.data,
                now,
            ),
        )
        if original is not None:
            store.database.execute_sql(
                "INSERT OR IGNORE INTO picture_original (hash, name, data) VALUES (?, ?, ?)",
                (digest, name, original),
            )
    return media_path(digest, picture.extension)


def add_picture(
    store: HasDatabase,
    data: bytes,
    name: str = "",
    *,
    keep_original: bool = False,
    max_width_px: int | None = None,
) -> str:
    """Process and store a picture; return ``media/<hash>.<ext>``. PictureError if it is bad."""
    width = max_width_px if max_width_px is not None else max_width(store)
    picture = process_picture(data, name, max_width=width)
    return save_processed(store, picture, name=name, original=data if keep_original else None)


def picture_bytes(store: HasDatabase, path: str) -> bytes | None:
    """Return the bytes of ``media/<hash>.<ext>`` or ``media/thumbs/<hash>.jpg``, or None.

    An attachment's ``files/<hash>.<type>`` is served too: the preview, the export and the
    PDF take every stored file of the site through this one loader.
    """
    match = _SERVED.search(_normalise(path))
    if match is None:
        return attachment_bytes(store, path)
    thumb, digest, extension = match.groups()
    if thumb:
        return None if extension != "jpg" else _thumbnail(store, digest)
    row = store.database.execute_sql(
        "SELECT data FROM picture WHERE hash = ? AND extension = ?", (digest, extension)
    ).fetchone()
    return bytes(row[0]) if row else None


def _thumbnail(store: HasDatabase, digest: str) -> bytes | None:
    height = round(THUMB_WIDTH * THUMB_RATIO[1] / THUMB_RATIO[0])
    row = store.database.execute_sql(
        "SELECT data FROM picture_thumbnail WHERE hash = ? AND width = ? AND height = ?",
        (digest, THUMB_WIDTH, height),
    ).fetchone()
    if row:
        return bytes(row[0])
    source = store.database.execute_sql(
        "SELECT data FROM picture WHERE hash = ?", (digest,)
    ).fetchone()
    if source is None:
        return None
    try:
        data = make_thumbnail(bytes(source[0]))
    except PictureError:
        return None
    # A full, busy or read-only database only loses the cache, not the thumbnail.
    with suppress(StoreError), store.transaction():
        store.database.execute_sql(
            "INSERT OR REPLACE INTO picture_thumbnail (hash, width, height, data) "
            "VALUES (?, ?, ?, ?)",
            (digest, THUMB_WIDTH, height, data),
        )
    return data


def original_bytes(store: HasDatabase, path: str) -> bytes | None:
    """Return the original file kept for a picture (keep_original), or None."""
    match = _SERVED.search(_normalise(path))
    if match is None or match.group(1):
        return None
    row = store.database.execute_sql(
        "SELECT data FROM picture_original WHERE hash = ?", (match.group(2),)
    ).fetchone()
    return bytes(row[0]) if row else None


def picture_info(store: HasDatabase, path: str) -> PictureInfo | None:
    """Return the size and source name of a stored picture, or None."""
    match = _SERVED.search(_normalise(path))
    if match is None or match.group(1):
        return None
    row = store.database.execute_sql(
        "SELECT p.extension, p.width, p.height, p.size, p.name, o.hash IS NOT NULL "
        "FROM picture p LEFT JOIN picture_original o ON o.hash = p.hash WHERE p.hash = ?",
        (match.group(2),),
    ).fetchone()
    if row is None:
        return None
    return PictureInfo(
        media_path(match.group(2), row[0]), row[1], row[2], row[3], row[4], bool(row[5])
    )


def picture_loader(store: HasDatabase) -> Callable[[str], bytes | None]:
    """Return the callable for ``PreviewPane.set_picture_loader``: site path → bytes or None."""

    def load(path: str) -> bytes | None:
        return picture_bytes(store, path)

    return load
