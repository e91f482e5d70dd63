"""Rendered article bodies kept between exports, so an export runs Markdown only for new text.

Markdown and the sanitiser are most of an article page's cost, and a body's HTML depends on
nothing but its text, the edition's characters and the rendering code. The cache keeps that
HTML keyed by a hash of all three: the body's text, the 繁體 variant (or none) and
:func:`body_renderer_version`, a fingerprint of the code and libraries that turn a body into
HTML (any edit to them, or another library version, is a new key). A key can therefore never
name stale HTML; entries of other code are never asked for again and are dropped.

A plain body in simplified characters (``plain_body.py``: most articles) is not kept: it is
made again in about 60 µs, where writing it cost a cold export about 110 µs (compressing
70, the row and its key 40) and reading it back still costs a warm one about 45 µs, for 3 KB
of cache a body. Bodies that go to Python-Markdown (milliseconds) and every 繁體 body
(OpenCC's conversion alone takes about a millisecond) are kept.

It lives in the user's cache folder (one file for every database: the keys are content, not
articles), never beside a database that may sit on a network share. It is a cache, never an
authority and never trusted for safety: every finished page still passes
``page_check.py``, and any trouble with the file (locked, unreadable, full disk) makes the
export render the body as if there were no cache.
"""

from __future__ import annotations

import contextlib
import hashlib
import sqlite3
import time
import zlib
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path

from desktop.config import cache_dir
from desktop.render.markdown import render_body
from desktop.render.plain_body import plain_body_html
from desktop.resources import library_versions
from desktop.traditional import Variant, convert_markdown

#: The cache's file in the user's cache folder.
FILE_NAME = "rendered-bodies.sqlite3"
#: Entries not used by an export for this many days are dropped.
KEEP_DAYS = 60
#: The code a body's HTML comes from (relative to the package): the dialect and its
#: extensions, plain bodies, pictures and their paths, the sanitiser, and the 繁體
#: conversion of Markdown.
_SOURCES = (
    "render/markdown.py",
    "render/converter.py",
    "render/plain_body.py",
    "render/figures.py",
    "render/picture_paths.py",
    "render/sanitise.py",
    "render/urls.py",
    "render/body_cache.py",
    "traditional.py",
    "body/markdown_text.py",
    "body/blocks.py",
    "article.py",
)
_LIBRARIES = ("markdown", "nh3", "opencc")

#: How a page gets its body's HTML: from the Markdown text and the edition's variant.
BodySource = Callable[[str, "Variant | None"], str]


def edition_body(text: str, variant: Variant | None) -> str:
    """Return a body's sanitised HTML in an edition's characters (``None``: simplified)."""
    return render_body(text if variant is None else convert_markdown(text, variant))


def made_at_once(text: str, variant: Variant | None) -> str | None:
    """Return the HTML of a body cheaper to make than to keep (a plain simplified one), or None.

    It is what :func:`edition_body` returns for that body: ``render_body`` gives a plain body's
    HTML as it is.
    """
    return plain_body_html(text) if variant is None else None


@cache
def body_renderer_version() -> str:
    """Return a fingerprint of every source file and library a body's HTML depends on."""
    return renderer_version_of(Path(__file__).resolve().parent.parent)


def renderer_version_of(package: Path) -> str:
    """Return the fingerprint of the body-rendering sources under ``package`` and libraries."""
    digest = hashlib.sha256(b"rendered body 1\0")
    for source in _SOURCES:
        digest.update(source.encode() + b"\0" + (package / source).read_bytes())
    for library, version in library_versions(_LIBRARIES):
        digest.update(f"{library} {version or '-'}\0".encode())
    return digest.hexdigest()


def body_key(text: str, variant: Variant | None, version: str | None = None) -> bytes:
    """Return the cache key of a body in an edition at a renderer version (default: this)."""
    digest = hashlib.sha256((version or body_renderer_version()).encode())
    digest.update(b"\0" + (variant.value if variant is not None else "").encode() + b"\0")
    digest.update(text.encode("utf-8", "surrogatepass"))
    return digest.digest()


def default_path() -> Path:
    """Return where the cache lives: the user's cache folder."""
    return cache_dir() / FILE_NAME


def _today() -> int:
    return int(time.time() // 86400)


class BodyCache:
    """Bodies' HTML read ahead for a batch of pages, and the new ones written back after it.

    One per process (each render worker opens its own). ``prefetch`` makes the batch's plain
    simplified bodies at once and reads the entries of the others in one query, ``body``
    answers from them or renders (a miss), ``flush`` writes the misses and marks the hits
    used, in one transaction.
    """

    def __init__(self, path: Path | None = None, *, version: str | None = None) -> None:
        self.path = path or default_path()
        self.version = version or body_renderer_version()
        self.hits = 0
        self.misses = 0
        self.made = 0  # plain simplified bodies, made at once and never kept
        self._found: dict[bytes, str] = {}
        # The keys of the batch's bodies by text and variant: the page asks by the same text
        # (the same string), and a key hashes all 3,000 characters of a body.
        self._keys: dict[tuple[str, Variant | None], bytes] = {}
        self._made: dict[str, str] = {}  # the batch's plain simplified bodies' HTML, by text
        self._stale: set[bytes] = set()  # found, and not yet marked used today
        self._new: dict[bytes, str] = {}
        self._used: set[bytes] = set()
        self._db: sqlite3.Connection | None = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(self.path, timeout=5, isolation_level=None)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            columns = [row[1] for row in db.execute("PRAGMA table_info(bodies)")]
            if columns and "version" not in columns:
                db.execute("DROP TABLE bodies")  # a cache of an earlier layout: start again
            db.execute(
                "CREATE TABLE IF NOT EXISTS bodies (key BLOB PRIMARY KEY, html BLOB NOT NULL,"
                " used INTEGER NOT NULL, version TEXT NOT NULL) WITHOUT ROWID"
            )
            self._db = db
        except (sqlite3.Error, OSError):
            self._db = None  # no cache: every body is rendered, as without one

    @property
    def usable(self) -> bool:
        """Whether the cache file could be opened (otherwise every body is a miss)."""
        return self._db is not None

    def _fail(self) -> None:
        # A cache that cannot be read or written is dropped for the rest of the export.
        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
        self._db = None

    def prefetch(self, bodies: Iterable[tuple[str, Variant | None]]) -> None:
        """Make the plain ones and read the cached HTML of the others (one query), forgetting
        the previous batch's."""
        self._found, self._stale, self._keys, self._made = {}, set(), {}, {}
        for text, variant in bodies:
            html = made_at_once(text, variant)
            if html is not None:
                self._made[text] = html
            else:
                self._keys[(text, variant)] = body_key(text, variant, self.version)
        keys = list(dict.fromkeys(self._keys.values()))
        if self._db is None or not keys:
            return
        try:
            marks = ",".join("?" * len(keys))
            rows = self._db.execute(
                f"SELECT key, html, used FROM bodies WHERE key IN ({marks})",
                keys,
            ).fetchall()
        except sqlite3.Error:
            self._fail()
            return
        today = _today()
        for key, data, used in rows:
            try:
                self._found[bytes(key)] = zlib.decompress(data).decode("utf-8")
            except (zlib.error, UnicodeDecodeError):
                continue  # a damaged entry is a miss, and is written anew
            if used < today:
                self._stale.add(bytes(key))

    def body(self, text: str, variant: Variant | None) -> str:
        """Return the body's HTML in the edition: made at once, the cached copy, or rendered now."""
        if variant is None:
            made = self._made.get(text)
            if made is None and (text, variant) not in self._keys:  # not in the batch
                made = made_at_once(text, variant)
            if made is not None:
                self.made += 1
                return made
        key = self._keys.get((text, variant)) or body_key(text, variant, self.version)
        found = self._found.get(key)
        if found is not None:
            self.hits += 1
            if key in self._stale:  # one used today already says so
                self._used.add(key)
            return found
        self.misses += 1
        html = edition_body(text, variant)
        self._new[key] = self._found[key] = html
        return html

    def missing(
        self, bodies: Iterable[tuple[str, Variant | None]]
    ) -> list[tuple[str, Variant | None]]:
        """Return those of these bodies the cache holds no HTML for and would keep (one query;
        none marked used): a plain simplified body is never missing.

        Asked by the window's warmer, which must not make an entry look used by an export.
        """
        wanted = {
            body_key(t, v, self.version): (t, v) for t, v in bodies if made_at_once(t, v) is None
        }
        if self._db is None or not wanted:
            return list(wanted.values())
        try:
            marks = ",".join("?" * len(wanted))
            found = {
                bytes(row[0])
                for row in self._db.execute(
                    f"SELECT key FROM bodies WHERE key IN ({marks})", list(wanted)
                )
            }
        except sqlite3.Error:
            self._fail()
            return list(wanted.values())
        return [body for key, body in wanted.items() if key not in found]

    def keep(self, text: str, variant: Variant | None, html: str) -> None:
        """Hold a body's HTML rendered elsewhere (the preview's page) for the next flush.

        ``html`` must be what :func:`edition_body` returns for ``text`` in ``variant``: the
        preview renders its page with that very function and hands over what it returned. A
        plain simplified body is not kept.
        """
        if made_at_once(text, variant) is not None:
            return
        self._new[body_key(text, variant, self.version)] = html

    def flush(self) -> None:
        """Write the bodies rendered since the last flush and mark the hits used today."""
        new, used = self._new, self._used - set(self._new)
        self._new, self._used = {}, set()
        if self._db is None or not (new or used):
            return
        today = _today()
        try:
            self._db.execute("BEGIN IMMEDIATE")
            self._db.executemany(
                "INSERT OR REPLACE INTO bodies (key, html, used, version) VALUES (?, ?, ?, ?)",
                [
                    (k, zlib.compress(h.encode("utf-8"), 1), today, self.version)
                    for k, h in new.items()
                ],
            )
            self._db.executemany(
                "UPDATE bodies SET used = ? WHERE key = ? AND used < ?",
                [(today, k, today) for k in used],
            )
            self._db.execute("COMMIT")
        except sqlite3.Error:
            self._fail()

    def prune(self, keep_days: int = KEEP_DAYS) -> None:
        """Drop the entries of other rendering code, and those unused for ``keep_days`` days.

        An entry made by other code is never asked for again (its key holds that code's
        fingerprint): after an update of the application it would only take room.
        """
        if self._db is None:
            return
        try:
            self._db.execute(
                "DELETE FROM bodies WHERE version != ? OR used < ?",
                (self.version, _today() - keep_days),
            )
        except sqlite3.Error:
            self._fail()

    def close(self) -> None:
        """Write what is pending and close the file."""
        self.flush()
        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
            self._db = None


def keep_body(text: str, variant: Variant | None, html: str, path: Path | None = None) -> bool:
    """Write one body's HTML, rendered by :func:`edition_body`, into the cache; False if not.

    The window's preview calls it (on a worker) for the body it has just rendered when that
    body is the one stored, so the next export finds it instead of rendering it again.
    """
    bodies = BodyCache(path)
    try:
        bodies.keep(text, variant, html)
        bodies.flush()
        return bodies.usable
    finally:
        bodies.close()
