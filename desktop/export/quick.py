"""A re-export that reads only what changed: planned from ids and versions, not from articles.

After an export into a folder the state of the bundle is kept in the database
(``store_state``, key ``export.last_bundle``): the target and the identity of the manifest it
wrote (inode, size, time and SHA-256), the page settings and columns, the last review-log
entry seen, and for every article its version and update time, the fingerprint of what shows
of it outside its own page (:func:`~desktop.export.plan.listing_key`) and the ids of the
articles its page links to (上一篇, 下一篇, related). The next export into the same folder
reads one row per article (id, version, update time), finds the few that changed, reads those
whole, and when nothing they show elsewhere changed, renders only their own pages (and the
feed when it shows them), re-gates only them and the articles with new review-log entries, and
writes the manifest by replacing those pages' lines in the previous one.

Anything else goes the whole way (:func:`~desktop.export.bundle.export_bundle`'s plan): an
article added, removed or refused; a title, date, column, summary, cover, keywords or status
changed; settings, columns, the renderer or the options changed; the manifest not the one the
state describes; a file of the folder missing, or not the size the manifest says, or newer
than the manifest (edited by hand); a page that now refers to a picture or file it did not;
more than :data:`MOST_CHANGED` articles changed; a database on a server (its log ids may be
committed out of order).
"""

from __future__ import annotations

import json
import os
import re
import stat
import threading
from collections.abc import Generator, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, NamedTuple

from desktop.article import Article, Status
from desktop.export.manifest import MANIFEST, sha256_hex
from desktop.export.memory import ArticleMemory, memory_stamp
from desktop.export.options import (
    CancelCheck,
    ExportCancelled,
    ExportOptions,
    ExportPhase,
    ExportProgress,
    ExportSummary,
)
from desktop.i18n import tr
from desktop.store import Store, StoreError
from desktop.store.integrity import rows_off_their_indexes

#: The ``store_state`` key of a folder bundle's state is this followed by the folder.
STATE_PREFIX = "export.bundle:"
#: Where earlier versions kept the state of one folder (with every article in it): dropped.
OLD_KEYS = ("export.last_bundle", "export.last_bundle.recent")
#: The states of this many folders are kept (a USB stick, the local copy, …); older go.
MOST_FOLDERS = 4
#: More changed articles than this and the whole plan is cheaper than piecing it together.
MOST_CHANGED = 200


class Known(NamedTuple):
    """One article as the last export left it: stamp, listing key, what its page links to."""

    version: int
    updated: str | None
    listing: str
    newer: int
    older: int
    related: Sequence[int]


@dataclass(frozen=True)
class BundleState:
    """What the last export into a folder wrote, enough to plan the next one from ids.

    Its articles' stamps are rows of the ``export_stamp`` table (``bundle`` = the target),
    read by :func:`changed_articles` and :meth:`known`, never all into Python.
    """

    target: str
    options: str
    frame: str
    manifest: tuple[int, int, int, str]  # inode, size, mtime_ns, SHA-256
    log_mark: int
    feed: tuple[int, ...]
    saved: int = 0  # which state was written last, to forget the oldest folders' first

    def to_json(self) -> str:
        """Return the state (without its articles) as compact JSON."""
        return json.dumps(
            {
                "stamp": memory_stamp(),
                "target": self.target,
                "options": self.options,
                "frame": self.frame,
                "manifest": list(self.manifest),
                "log_mark": self.log_mark,
                "feed": list(self.feed),
                "saved": self.saved,
            },
            ensure_ascii=False,
            separators=(",", ":"),
        )

    @classmethod
    def read(cls, store: Store, target: str) -> BundleState | None:
        """Return the state of the last bundle exported into ``target``, None if none."""
        try:
            text = store.state_value(STATE_PREFIX + target)
            data = json.loads(text) if text else None
            if not isinstance(data, dict) or data.get("stamp") != memory_stamp():
                return None
            inode, size, mtime, digest = data["manifest"]
            return cls(
                str(data["target"]),
                str(data["options"]),
                str(data["frame"]),
                (int(inode), int(size), int(mtime), str(digest)),
                int(data["log_mark"]),
                tuple(int(i) for i in data["feed"]),
                int(data.get("saved", 0)),
            )
        except (StoreError, ValueError, TypeError, KeyError):
            return None

    def known(self, store: Store, ids: Sequence[int]) -> dict[int, Known]:
        """Return what the last export into this folder left of these articles, by id."""
        found: dict[int, Known] = {}
        wanted = sorted(set(ids))
        for start in range(0, len(wanted), 500):
            part = wanted[start : start + 500]
            rows = store.database.execute_sql(
                "SELECT article_id, version, updated_at, listing, newer, older, related "
                "FROM export_stamp WHERE bundle = ? "
                f"AND article_id IN ({', '.join('?' * len(part))})",
                [self.target, *part],
            )
            for key, version, updated, listing, newer, older, related in rows:
                links = tuple(int(i) for i in related.split(",") if i)
                found[int(key)] = Known(version, updated, listing, newer, older, links)
        return found


def options_key(options: ExportOptions) -> str:
    """Return what of the options shapes a bundle (statuses, 繁體 choice)."""
    return json.dumps([[Status(s).value for s in options.statuses], options.traditional])


def manifest_identity(
    target: Path, data: bytes | None = None, *, digest: str | None = None
) -> tuple[int, int, int, str] | None:
    """Return the manifest's inode, size, time and SHA-256, or None if it cannot be read.

    ``data``: its bytes, read already; ``digest``: the SHA-256 of the bytes just written to it.
    """
    path = target / MANIFEST
    try:
        found = os.lstat(path)
        if digest is None and data is None:
            data = path.read_bytes()
    except OSError:
        return None
    if digest is None:
        digest = sha256_hex(data or b"")
    return (found.st_ino, found.st_size, found.st_mtime_ns, digest)


def _status_filter(statuses: Sequence[Status], table: str = "") -> tuple[str, list[str]]:
    marks = ", ".join("?" * len(statuses))
    where = f" AND {table}status IN ({marks})" if statuses else ""
    return where, [Status(s).value for s in statuses]


def article_stamps(store: Store, statuses: Sequence[Status]) -> dict[int, tuple[int, str | None]]:
    """Return (version, update time as stored) of every article of these statuses, by id."""
    where, values = _status_filter(statuses)
    # INDEXED BY: read from the index alone (migration 12), never the table and its bodies.
    rows = store.database.connection().execute(
        "SELECT id, version, updated_at FROM article INDEXED BY article_export_stamps "
        f"WHERE deleted_at IS NULL{where}",
        values,
    )
    # SQLite gives ids and versions as integers and times as the text stored.
    return {row[0]: (row[1], row[2]) for row in rows}


def changed_articles(
    store: Store, statuses: Sequence[Status], target: str
) -> dict[int, tuple[int, str | None]] | None:
    """Return the stamps of the articles changed since the last export into ``target``.

    None when an article was added or removed since (or is no longer of these statuses):
    one query compares every article's index entry with the folder's stamps.
    """
    where, values = _status_filter(statuses, "a.")
    connection = store.database.connection()
    rows = connection.execute(
        "SELECT a.id, a.version, a.updated_at, s.article_id IS NULL "
        "FROM article AS a INDEXED BY article_export_stamps "
        "LEFT JOIN export_stamp AS s ON s.bundle = ? AND s.article_id = a.id "
        f"WHERE a.deleted_at IS NULL{where} AND (s.article_id IS NULL "
        "OR s.version != a.version OR s.updated_at IS NOT a.updated_at)",
        [target, *values],
    ).fetchall()
    if any(row[3] for row in rows):
        return None  # added, or of these statuses again
    counted = connection.execute(
        "SELECT (SELECT count(*) FROM article AS a INDEXED BY article_export_stamps "
        f"WHERE a.deleted_at IS NULL{where}), "
        "(SELECT count(*) FROM export_stamp WHERE bundle = ?)",
        [*values, target],
    ).fetchone()
    if counted[0] != counted[1]:
        return None  # removed, trashed or no longer of these statuses
    return {row[0]: (row[1], row[2]) for row in rows}


def log_mark(store: Store) -> int:
    """Return the id of the newest review-log entry (0 when there is none)."""
    row = store.database.execute_sql("SELECT max(id) FROM review_log").fetchone()
    return int(row[0] or 0) if row else 0


def _folder_keys(store: Store) -> list[str]:
    rows = store.database.execute_sql(
        "SELECT key FROM store_state WHERE key >= ? AND key < ?",
        (STATE_PREFIX, STATE_PREFIX[:-1] + chr(ord(STATE_PREFIX[-1]) + 1)),
    )
    return [str(row[0]) for row in rows]


def forget(store: Store, target: Path | str | None = None) -> None:
    """Drop the state of the folder ``target`` (None: of every folder), so that the next
    export into it plans the whole bundle."""
    if store.address is not None:
        return  # a server's export plans every bundle whole and keeps no state
    try:
        keys = _folder_keys(store) if target is None else [STATE_PREFIX + str(target)]
        with store.transaction():
            for key in (*keys, *OLD_KEYS):
                store.database.execute_sql("DELETE FROM store_state WHERE key = ?", (key,))
                if key.startswith(STATE_PREFIX):
                    store.database.execute_sql(
                        "DELETE FROM export_stamp WHERE bundle = ?", (key[len(STATE_PREFIX) :],)
                    )
    except StoreError:
        pass


def remember(
    store: Store,
    options: ExportOptions,
    frame: str,
    stamps: dict[int, tuple[int, str | None]],
    mark: int,
    listed: Sequence[Article],
    links: dict[int, tuple[int, int, tuple[int, ...]]],
    feed: Sequence[int],
) -> None:
    """Keep the state of the folder bundle just written (``listed``: every article it holds)."""
    from desktop.export.fingerprints import listing_key

    target = str(options.target)
    identity = manifest_identity(Path(options.target))
    if identity is None:
        forget(store, target)
        return
    rows: list[tuple[Any, ...]] = []
    for article in listed:
        article_id = article.id or 0
        stamp = stamps.get(article_id)
        if stamp is None or stamp[0] != article.version:
            forget(store, target)  # saved while the export read it: the next one plans it all
            return
        newer, older, related = links.get(article_id, (0, 0, ()))
        rows.append(
            (
                target,
                article_id,
                stamp[0],
                stamp[1],
                listing_key(article),
                newer,
                older,
                ",".join(str(i) for i in related),
            )
        )
    if len(rows) != len(stamps):
        forget(store, target)
        return
    folders = {
        key[len(STATE_PREFIX) :]: BundleState.read(store, key[len(STATE_PREFIX) :])
        for key in _folder_keys(store)
    }
    newest = max((o.saved for o in folders.values() if o is not None), default=0)
    state = BundleState(
        target, options_key(options), frame, identity, mark, tuple(feed), newest + 1
    )
    # States of other code are dropped, then the oldest folders' beyond MOST_FOLDERS.
    dropped = [key for key, o in folders.items() if o is None and key != target]
    kept = sorted(
        (o for o in folders.values() if o is not None and o.target != target),
        key=lambda o: o.saved,
    )
    dropped += [o.target for o in kept[: max(0, len(kept) - (MOST_FOLDERS - 1))]]
    try:
        with store.transaction():
            execute = store.database.execute_sql
            for key in OLD_KEYS:
                execute("DELETE FROM store_state WHERE key = ?", (key,))
            for folder in dropped:
                execute("DELETE FROM store_state WHERE key = ?", (STATE_PREFIX + folder,))
                execute("DELETE FROM export_stamp WHERE bundle = ?", (folder,))
            execute("DELETE FROM export_stamp WHERE bundle = ?", (target,))
            store.database.connection().executemany(
                "INSERT INTO export_stamp (bundle, article_id, version, updated_at, listing, "
                "newer, older, related) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                rows,
            )
            execute(
                "INSERT OR REPLACE INTO store_state (key, value) VALUES (?, ?)",
                (STATE_PREFIX + target, state.to_json()),
            )
    except StoreError:
        return  # a read-only database plans every export whole


#: A file's path and size in a manifest written by ``indented_json`` (one key a line, sorted:
#: "media", when there is any, "path", "sha256", "size", "source"; a quote or backslash in a
#: string is escaped with a backslash).
_PATHS = re.compile(rb'\n   "path": "([^"]*)",\n')
_SIZES = re.compile(rb'\n   "size": ([0-9]+),\n')


class ListedManifest:
    """The previous manifest, read for what a quick re-export needs of it: every file's path
    and size, and the whole entries of a few files and articles.

    Parsing all of a 4.7 MB manifest into dictionaries took longer than the rest of the
    planning; the manifest is the one this program wrote (its identity was checked), so its
    layout is :func:`~desktop.export.manifest.indented_json`'s, and its paths and sizes are
    read by splitting it at each path line. A manifest not laid out so (an escaped character
    in a path, say) is parsed whole instead: either way the same answers.
    """

    def __init__(self, data: bytes) -> None:
        self.data = data
        self._whole: dict[str, Any] | None = None
        self._found: dict[bytes, int] = {}  # where _entry found a line, by the line
        files = data.find(b'\n "files": [\n')
        end = data.find(b"\n ],\n", files + 1) if files >= 0 else -1
        self._articles_end = files
        self._files = (files, end)
        paths, sizes = _listed_files(data, files, end) if 0 <= files < end else ([], [])
        if not paths:
            self._parse_whole()
            return
        self.paths, self.sizes = paths, sizes
        self.articles = data.count(b'\n   "id": ', 0, files)

    def _parse_whole(self) -> None:
        whole = json.loads(self.data)
        self._whole = whole
        self.paths = [f["path"] for f in whole["files"]]
        self.sizes = [f["size"] for f in whole["files"]]
        self.articles = len(whole["articles"])

    def record(self, path: str) -> dict[str, Any] | None:
        """Return the manifest's entry of the file ``path``, None when it lists none."""
        if self._whole is not None:
            return next((f for f in self._whole["files"] if f["path"] == path), None)
        from json.encoder import encode_basestring

        start, end = self._files
        return self._entry(f'\n   "path": {encode_basestring(path)},\n'.encode(), start, end)

    def article(self, article_id: int) -> dict[str, Any] | None:
        """Return the manifest's entry of the article ``article_id``, None when it lists none."""
        if self._whole is not None:
            return next((a for a in self._whole["articles"] if a["id"] == article_id), None)
        return self._entry(f'\n   "id": {int(article_id)},\n'.encode(), 0, self._articles_end)

    def found_at(self, line: bytes) -> int:
        """Return where :meth:`record` or :meth:`article` found the line that starts an entry
        (its one occurrence in its section), or -1."""
        return self._found.get(line, -1)

    def _entry(self, line: bytes, start: int, end: int) -> dict[str, Any] | None:
        at = self.data.find(line, start, end)
        if at < 0:
            return None
        if self.data.find(line, at + 1, end) >= 0:
            raise _NotQuick  # listed twice: not a manifest this program wrote
        self._found[line] = at
        opening = self.data.rfind(b"\n  {\n", start, at + 1)  # its line break is the line's
        closing = self.data.find(b"\n  }", at, end)
        if opening < 0 or closing < 0:
            raise _NotQuick
        entry = json.loads(self.data[opening : closing + 4])
        return entry if isinstance(entry, dict) else None


def _listed_files(data: bytes, start: int, end: int) -> tuple[list[str], list[int]]:
    """Return the paths and sizes of the files section ``data[start:end]``, or two empty
    lists when it is not laid out as ``indented_json`` writes it (or has an escape)."""
    if data.find(b"\\", start, end) >= 0:
        return [], []
    paths = _PATHS.findall(data, start, end)
    sizes = _SIZES.findall(data, start, end)
    if not paths or len(paths) != len(sizes) or len(paths) != data.count(b"\n  {\n", start, end):
        return [], []
    return [p.decode("utf-8") for p in paths], [int(s) for s in sizes]


class _NotQuick(Exception):
    """The re-export cannot be pieced together: plan the whole bundle instead."""


class _FolderLook:
    """The previous manifest read, and every file it lists looked at, on a thread of its own.

    :meth:`manifest` returns the manifest once every file was found as recorded, and raises
    ``_NotQuick`` when the manifest is not the one the state describes, or a file is missing,
    not the size recorded or newer than the manifest (edited by hand).
    """

    def __init__(self, target: Path, identity: tuple[int, int, int, str]) -> None:
        self.target = target
        self.identity = identity
        self._found: ListedManifest | None = None
        self._thread = threading.Thread(target=self._look, name="export-folder", daemon=True)
        self._thread.start()

    def manifest(self) -> ListedManifest:
        """Wait for the look; the manifest, or ``_NotQuick``."""
        self.join()
        if self._found is None:
            raise _NotQuick
        return self._found

    def join(self) -> None:
        """Wait for the look to end (it only reads)."""
        self._thread.join()

    def _look(self) -> None:
        try:
            data = (self.target / MANIFEST).read_bytes()
            if manifest_identity(self.target, data) != self.identity:
                return
            manifest = ListedManifest(data)
        except (OSError, _NotQuick):
            return  # the folder is gone or another one (a first export), or not our manifest
        root = str(self.target) + os.sep
        lstat, is_regular, newest = os.lstat, stat.S_ISREG, self.identity[2]
        for path, size in zip(manifest.paths, manifest.sizes, strict=True):
            try:
                found = lstat(root + path)
            except OSError:
                return  # removed by hand: the whole plan writes it again
            if found.st_size != size or found.st_mtime_ns > newest or not is_regular(found.st_mode):
                return
        self._found = manifest


@dataclass
class _Page:
    path: str
    data: bytes
    source: str


def quick_export(
    store: Store, options: ExportOptions, cancel: CancelCheck | None = None
) -> Generator[ExportProgress, None, ExportSummary | None]:
    """Re-export only what changed since the last export into this folder.

    Yields progress; returns the summary, or None (having written nothing) when this export
    needs the whole plan. Call it after ``recover`` and ``check_target``-free checks: it
    checks the target itself by the manifest's identity.
    """
    try:
        work = _prepare(store, options)
    except _NotQuick:
        return None
    if work is None:
        return None
    yield ExportProgress(0, 0, ExportPhase.LOAD, "reading articles")
    try:
        result = yield from work.run(cancel)
    except _NotQuick:
        return None
    return result


class _Work:
    """One quick re-export, from the state to the written pages."""

    def __init__(self, store: Store, options: ExportOptions, state: BundleState) -> None:
        self.store = store
        self.options = options
        self.state = state
        self.target = Path(options.target)

    def run(self, cancel: CancelCheck | None) -> Generator[ExportProgress, None, ExportSummary]:
        """Render, check and write; raise _NotQuick to give way to the whole plan."""
        # The folder's files are looked at beside the database's reading (12,600 of them at
        # 10,000 articles): a file's look waits on the system, not on Python.
        folder = _FolderLook(self.target, self.state.manifest)
        try:
            return (yield from self._run(cancel, folder))
        finally:
            folder.join()

    def _run(
        self, cancel: CancelCheck | None, folder: _FolderLook
    ) -> Generator[ExportProgress, None, ExportSummary]:
        from desktop.export import feeds
        from desktop.export.fingerprints import (
            _navigation_key,
            article_fingerprint,
            fingerprint,
            frame_fingerprint,
            listing_key,
        )
        from desktop.export.paths import referenced_media
        from desktop.export.writer import BundleWriter
        from desktop.render import urls
        from desktop.render.editions import site_editions
        from desktop.review.content import stored_picture_hash
        from desktop.review.gate import gate_articles, record_published

        store, state, options = self.store, self.state, self.options
        mark = log_mark(store)
        fresh = changed_articles(store, options.statuses, state.target)
        if fresh is None:
            raise _NotQuick  # an article added, removed or no longer of these statuses
        changed = sorted(fresh)
        # An export's own "published" entries (every article of a first export has one)
        # change no gate's answer: an approved article stays exportable once published.
        # Not DISTINCT: SQLite would walk the log's index by article, every entry ever made,
        # instead of the few entries after the mark by their ids.
        rows = store.database.execute_sql(
            "SELECT article_id FROM review_log WHERE id > ? AND action != ?",
            (state.log_mark, "published"),
        )
        reviewed = {int(row[0]) for row in rows} - set(fresh)
        if len(reviewed) + len(changed) > MOST_CHANGED:
            raise _NotQuick
        known = state.known(store, [*changed, *reviewed])
        reviewed &= set(known)  # the others are not in this bundle
        stamps = {key: fresh.get(key) or (known[key].version, known[key].updated) for key in known}
        memory = ArticleMemory.read(store, whole=False)
        again = sorted(set(changed) | reviewed)
        site = store.site()
        if options.traditional is not None:
            site = replace(site, traditional="yes" if options.traditional else "no")
        columns = store.columns()
        frame = frame_fingerprint(site, columns)
        if frame != state.frame:
            raise _NotQuick
        whole = {a.id or 0: a for a in store.iter_articles(ids=again)} if again else {}
        _vouch(store, again)
        for key in again:
            found = whole.get(key)
            if found is None or found.version != stamps[key][0]:
                raise _NotQuick  # saved meanwhile: the whole plan says so to the user
        for key in changed:
            if listing_key(whole[key]) != known[key].listing:
                raise _NotQuick
        picture_hash = stored_picture_hash(store.database.connection())
        hashes = {}
        inputs = {}
        for key in again:
            remembered = memory.get(whole[key]) or memory.learn(whole[key], picture_hash)
            hashes[key] = remembered.content
            inputs[key] = remembered.inputs
        gate = gate_articles(store, [whole[k] for k in again], hashes)
        if gate.refused or gate.overrides or len(gate.taken) != len(again):
            raise _NotQuick

        manifest = folder.manifest()
        manifest_bytes = manifest.data

        editions = site_editions(site)
        base = feeds.site_base_url(site)
        pages: list[_Page] = []
        rendered = 0
        neighbours = self._neighbours([known[k] for k in changed])
        if changed:
            from desktop.render.page import (
                ArticleNavigation,
            )  # with the renderer, as a page may change

        for key in changed:
            article = whole[key]
            links = known[key]
            navigation = None
            if links.newer or links.older or links.related:
                navigation = ArticleNavigation(
                    neighbours.get(links.newer),
                    neighbours.get(links.older),
                    tuple(neighbours[r] for r in links.related),
                )
            for edition in editions:
                path = edition.path(urls.article_path(article))
                record = manifest.record(path)
                if record is None:
                    raise _NotQuick
                source = fingerprint(frame, edition.key(), inputs[key], _navigation_key(navigation))
                if source == record["source"]:
                    continue
                _check(cancel)
                yield ExportProgress(rendered, 0, ExportPhase.RENDER, path)
                from desktop.export.plan import PageJob  # the renderer, for a page that changed

                data = PageJob(edition, article, navigation=navigation).render(site, columns)
                rendered += 1
                media: tuple[str, ...] = ()
                if b"<img" in data or b" download=" in data:
                    media = tuple(dict.fromkeys(referenced_media(path, data.decode("utf-8"))))
                if media != tuple(record.get("media", ())):
                    raise _NotQuick  # the bundle's pictures and files change: plan them all
                pages.append(_Page(path, data, source))
        if set(changed) & set(state.feed):
            # The feed shows no body: its articles are read without theirs, as the plan does.
            listed = store.iter_articles(ids=list(state.feed), with_body=False)
            feed_articles = {a.id or 0: a for a in listed}
            unknown = []
            for key, article in feed_articles.items():
                if key not in inputs:
                    seen = memory.get(article)
                    if seen is None:
                        unknown.append(key)
                    else:
                        inputs[key] = seen.inputs
            for article in store.iter_articles(ids=unknown) if unknown else ():
                if article.version != feed_articles[article.id or 0].version:
                    raise _NotQuick  # saved meanwhile
                inputs[article.id or 0] = article_fingerprint(article)
            _vouch(store, feed_articles)
            newest = sorted(
                (feed_articles[k] for k in state.feed if k in feed_articles),
                key=lambda a: (a.published_at, a.id or 0),
                reverse=True,
            )  # the lists' order, as plan.newest_first
            if [a.id for a in newest] != list(state.feed):
                raise _NotQuick
            record = manifest.record(feeds.FEED)
            if record is None:
                raise _NotQuick
            source = fingerprint(frame, base, [inputs[a.id or 0] for a in newest])
            if source != record["source"]:
                yield ExportProgress(rendered, 0, ExportPhase.RENDER, feeds.FEED)
                pages.append(_Page(feeds.FEED, feeds.feed_xml(base, site, newest).encode(), source))

        _check(cancel)
        # What is written is made in memory first, while the page check may still be running.
        records = {p.path: manifest.record(p.path) or {} for p in pages}
        written = [p for p in pages if sha256_hex(p.data) != records[p.path]["sha256"]]
        statuses = []
        for key in changed:
            entry = manifest.article(key)
            status = Status(whole[key].status).value
            if entry is not None and entry["status"] != status:
                statuses.append((entry, status))
        new_manifest = _patched_manifest(manifest, pages, records, statuses)
        same = new_manifest == manifest_bytes
        digest = state.manifest[3] if same else sha256_hex(new_manifest)
        if options.before_writing is not None:
            options.before_writing()  # nothing is written before: the folder, the database
        yield ExportProgress(1, 1, ExportPhase.SWAP, "replacing the bundle")
        if written or not same:  # nothing changed: the folder stays as is
            writer = BundleWriter(self.target, False, in_place=True)
            try:
                for page in written:
                    writer.write(page.path, page.data)
                if not same:
                    writer.write(MANIFEST, new_manifest)
                _check(cancel)
                writer.commit(())
            finally:
                writer.discard()
        manifest_written = int(not same)
        total = sum(manifest.sizes) + sum(len(p.data) - records[p.path]["size"] for p in pages)
        summary = ExportSummary(
            target=self.target,
            as_zip=False,
            written=len(written) + manifest_written,
            unchanged=len(manifest.paths) + 1 - len(written) - manifest_written,
            removed=0,
            articles=manifest.articles,
            files=len(manifest.paths) + 1,
            bytes=total + len(new_manifest),
            rendered=rendered,
            written_paths=tuple(p.path for p in written) + (MANIFEST,) * manifest_written,
        )
        memory.save(store)
        if gate.newly_published:
            record_published(store, gate.newly_published, options.user)
        self._remember(stamps, mark, changed, digest)
        yield ExportProgress(1, 1, ExportPhase.DONE, "done", summary)
        return summary

    def _neighbours(self, known: Sequence[Known]) -> dict[int, Any]:
        """Return the 上一篇/下一篇 and related entries the changed pages link to, by id."""
        wanted = {i for k in known for i in (k.newer, k.older, *k.related) if i}
        if not wanted:
            return {}
        from desktop.render.page import Neighbour

        found = {
            a.id or 0: Neighbour.of(a)
            for a in self.store.iter_articles(ids=sorted(wanted), with_body=False)
        }
        _vouch(self.store, found)
        return found

    def _remember(
        self,
        stamps: dict[int, tuple[int, str | None]],
        mark: int,
        changed: Sequence[int],
        digest: str,
    ) -> None:
        # The manifest is not read back: its SHA-256 is that of the bytes just written there.
        # Should the file differ from them, the next export finds it not the one kept here.
        identity = manifest_identity(self.target, digest=digest)
        if identity is None:
            forget(self.store, self.state.target)
            return
        if identity == self.state.manifest and mark == self.state.log_mark and not changed:
            return  # nothing to remember: the same folder, the same articles
        state = replace(self.state, manifest=identity, log_mark=mark)
        try:
            with self.store.transaction():
                self.store.database.connection().executemany(
                    "UPDATE export_stamp SET version = ?, updated_at = ? "
                    "WHERE bundle = ? AND article_id = ?",
                    [(*stamps[key], state.target, key) for key in changed],
                )
                self.store.database.execute_sql(
                    "INSERT OR REPLACE INTO store_state (key, value) VALUES (?, ?)",
                    (STATE_PREFIX + state.target, state.to_json()),
                )
        except StoreError:
            return


def _vouch(store: Store, ids: Iterable[int]) -> None:
    """Give way to the whole plan unless every index of the article table holds these rows
    as they were read.

    The check beside ``newsroom export`` is SQLite's quick one until the export reads every
    row: it finds damaged pages, not a value that damage changed in a readable row, which the
    full check finds by comparing the row with its indexes. This is that comparison for the
    rows this export publishes (the changed articles, their neighbours, the feed's); rows it
    does not read are not published by it. A mismatch sends the export the whole way, where
    the full check runs and reports the damage before anything is written.
    """
    off = rows_off_their_indexes(store.database.connection(), "article", ids)
    if off is None or off:
        raise _NotQuick


def _check(cancel: CancelCheck | None) -> None:
    if cancel is not None and cancel():
        raise ExportCancelled(tr("export cancelled; the previous bundle is unchanged"))


def _prepare(store: Store, options: ExportOptions) -> _Work | None:
    """Return the quick re-export of ``options`` when the state allows one, else None."""
    if options.as_zip or options.changed_only or store.address is not None:
        return None
    state = BundleState.read(store, str(options.target))
    if state is None or state.target != str(options.target):
        return None
    if state.options != options_key(options):
        return None
    return _Work(store, options, state)


def _patched_manifest(
    manifest: ListedManifest,
    pages: Sequence[_Page],
    records: dict[str, dict[str, Any]],
    statuses: Sequence[tuple[dict[str, Any], str]] = (),
) -> bytes:
    """Return the manifest with these pages' size, SHA-256 and source replaced, and these
    articles' status (``statuses``: the manifest's record of an article and its new status).

    The manifest is written by :func:`~desktop.export.manifest.indented_json` with sorted
    keys, so a file's entry holds ``"path"``, ``"sha256"``, ``"size"`` and ``"source"`` on
    consecutive lines, an article's ``"id"``, ``"path"`` and ``"status"``: replacing those
    lines gives the bytes the whole plan would write. Each is replaced where the manifest's
    reading found its entry (an entry's first line occurs once in its section), checked
    there, so that the 4.7 MB at 10,000 articles are copied once, not searched per page.
    """
    from json.encoder import encode_basestring

    edits: list[tuple[bytes, bytes, bytes]] = []  # the entry's line, the old lines, the new
    for record, status in statuses:
        line = f'\n   "id": {int(record["id"])},\n'
        lead = f'{line}   "path": {encode_basestring(record["path"])},\n'
        before = f'{lead}   "status": {encode_basestring(record["status"])},\n'
        edits.append(
            (
                line.encode(),
                before.encode(),
                f'{lead}   "status": {encode_basestring(status)},\n'.encode(),
            )
        )
    for page in pages:
        record = records[page.path]
        head = f'\n   "path": {encode_basestring(page.path)},\n'
        old = (
            head
            + f'   "sha256": "{record["sha256"]}",\n'
            + f'   "size": {record["size"]},\n'
            + f'   "source": "{record["source"]}"\n'
        )
        new = (
            head
            + f'   "sha256": "{sha256_hex(page.data)}",\n'
            + f'   "size": {len(page.data)},\n'
            + f'   "source": "{page.source}"\n'
        )
        edits.append((head.encode(), old.encode(), new.encode()))
    data = manifest.data
    placed = sorted((manifest.found_at(line), was, now) for line, was, now in edits)
    if placed and placed[0][0] < 0:
        return _replaced(data, edits)  # read whole (an escaped character): search for them
    pieces: list[bytes] = []
    end = 0
    for at, was, now in placed:
        if at < end or not data.startswith(was, at):
            raise _NotQuick
        pieces += [data[end:at], now]
        end = at + len(was)
    pieces.append(data[end:])
    return b"".join(pieces)


def _replaced(data: bytes, edits: Sequence[tuple[bytes, bytes, bytes]]) -> bytes:
    """Return ``data`` with each edit's old lines, found once in it, replaced by the new."""
    for _line, old, new in edits:
        if data.count(old) != 1:
            raise _NotQuick
        data = data.replace(old, new)
    return data
