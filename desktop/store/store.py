"""The article store: columns, articles and site settings in one SQLite database file, or in
one database on a PostgreSQL server shared by an office (team mode)."""

from __future__ import annotations

import calendar
import datetime as dt
import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field, replace
from enum import Enum
from pathlib import Path
from typing import Any

import peewee as pw

from desktop.article import (
    ARTICLE_FIELDS,
    EDITED_FIELDS,
    SUMMARY_FIELDS,
    Article,
    Attachment,
    Column,
    FieldKind,
    FieldSpec,
    Status,
    clean_fields,
    clean_line,
)
from desktop.i18n import tr
from desktop.render.urls import make_slug
from desktop.review import record as review_record
from desktop.site import Site
from desktop.store import migrations
from desktop.store.backup import backup_before_migration, newest_good_backup
from desktop.store.errors import (
    ArticleNotFound,
    BackupError,
    ConflictError,
    DamagedDatabase,
    DiskFull,
    NewerDatabase,
    ReadOnlyStore,
    RevisionNotFound,
    ServerUnreachable,
    StoreError,
)
from desktop.store.file_locks import release_kept
from desktop.store.integrity import check_database, read_only_uri
from desktop.store.location import Backend, ServerAddress, is_server_url
from desktop.store.log_holders import log_in_use
from desktop.store.migrations import (
    SEARCH_FIELDS,
    SEARCH_MONTH,
    SchemaError,
    UpgradeReport,
    migrate,
    migrate_server,
)
from desktop.store.models import StoreModels
from desktop.store.network import (
    NetworkFolder,
    acquire_folder_lock,
    network_folder,
    release_folder_lock,
)
from desktop.store.revisions import (
    Revision,
    RevisionInfo,
    RevisionLog,
    RevisionReason,
    RevisionSettings,
    autosave_keeps_revision,
)
from desktop.store.search import (
    ID_SPAN,
    ServerMatch,
    index_terms,
    index_text,
    match_expression,
    month_windows,
    server_match,
)

__all__ = [
    "ArticleNotFound",
    "ArticleSummary",
    "ConflictError",
    "Cursor",
    "DamagedDatabase",
    "DiskFull",
    "ListQuery",
    "NewerDatabase",
    "Page",
    "ReadOnlyStore",
    "RevisionNotFound",
    "Sort",
    "Store",
    "StoreError",
    "TrashedArticle",
]

#: Pages the write-ahead log holds before the commit that passes them writes it into the file.
LOG_PAGES = 256

#: Connection settings. WAL lets the window read while an autosave writes; synchronous=FULL
#: makes every commit durable across a power cut (commits are small and rare: autosaves, imports
#: in one transaction), which the brief asks for; the busy timeout rides out another process's
#: short write instead of failing at once. The log is written into the file once it holds
#: 256 pages (1 MB, SQLite's default is 4 MB): every check of a log reads all of its frames
#: (10 ms a megabyte), and an export beside an open window checks the window's log.
PRAGMAS = (
    ("journal_mode", "wal"),
    ("foreign_keys", 1),
    ("busy_timeout", 5000),
    ("synchronous", "full"),
    ("cache_size", -16000),
    ("temp_store", "memory"),
    ("wal_autocheckpoint", LOG_PAGES),
)


#: On a network folder: a rollback journal (WAL needs memory shared between the processes,
#: which a network file system cannot give); the folder lock keeps other PCs out.
NETWORK_PRAGMAS = tuple(
    ("journal_mode", "delete") if name == "journal_mode" else (name, value)
    for name, value in PRAGMAS
)


class Sort(str, Enum):
    """How a listing is ordered."""

    DATE = "date"
    TITLE = "title"
    UPDATED = "updated"


@dataclass(frozen=True)
class ArticleSummary:
    """What a list shows of an article: every field but the body."""

    id: int
    title: str
    subtitle: str
    column: str
    author: str
    source: str
    status: Status
    published_at: dt.datetime
    updated_at: dt.datetime

    @classmethod
    def of(cls, article: Article) -> ArticleSummary:
        """Return what the list shows of a stored article."""
        assert article.id is not None
        values = {spec.name: getattr(article, spec.name) for spec in SUMMARY_FIELDS}
        values["status"] = Status(article.status)
        values["updated_at"] = article.updated_at or dt.datetime.now().replace(microsecond=0)
        return cls(**values)

    def to_json(self) -> dict[str, Any]:
        """Return the JSON object the command line prints."""
        return {
            "id": self.id,
            "title": self.title,
            "subtitle": self.subtitle,
            "column": self.column,
            "author": self.author,
            "source": self.source,
            "status": self.status.value,
            "date": self.published_at.strftime("%Y-%m-%d"),
            "published_at": self.published_at.isoformat(sep=" "),
            "updated_at": self.updated_at.isoformat(sep=" "),
        }


@dataclass(frozen=True)
class Cursor:
    """Where the next page of a listing starts: the sort value and id of the last row shown."""

    value: Any
    id: int


@dataclass(frozen=True)
class ListQuery:
    """Filters, order and page size of a listing; empty filters match everything."""

    status: Status | None = None
    column: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None  # inclusive
    text: str = ""
    sort: Sort = Sort.DATE
    descending: bool | None = None  # None: newest first for dates, A to Z for titles
    limit: int = 100
    after: Cursor | None = None
    #: Only these articles (the list's "waiting for me"); None: any.
    ids: tuple[int, ...] | None = None

    @property
    def is_descending(self) -> bool:
        """Whether rows come in descending order of the sort key."""
        if self.descending is not None:
            return self.descending
        return self.sort is not Sort.TITLE


@dataclass
class Page:
    """One page of a listing and the cursor of the next, if there is more."""

    items: list[ArticleSummary] = field(default_factory=list)
    next_cursor: Cursor | None = None


def _seconds(value: dt.datetime) -> dt.datetime:
    return value.replace(microsecond=0)


def _epoch(value: dt.datetime) -> int:
    # SQLite's strftime('%s') reads the stored local time as if it were UTC; do the same.
    return calendar.timegm(value.timetuple())


def _parse_time(value: Any) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value
    return dt.datetime.fromisoformat(str(value))


_SUMMARY_COLUMNS = """a.id, a.title, a.subtitle, coalesce(c.name, ''), a.author, a.source,
    a.status, a.published_at, a.updated_at"""

#: The search index's rowid of article ``a`` (publication time, then id), as the triggers write it.
_SEARCH_ROWID = f"(CAST(strftime('%s', a.published_at) AS INTEGER) * {ID_SPAN} + a.id)"
#: Above this many matches, sorting by title or update time walks the sort index instead.
_MANY_MATCHES = 20_000
#: On a server, above this many articles with a search's terms the sort index is walked.
_COLLECT_AT_MOST = 1_000

_SORT_COLUMN = {Sort.DATE: "a.published_at", Sort.TITLE: "a.title", Sort.UPDATED: "a.updated_at"}


@dataclass(frozen=True)
class TrashedArticle:
    """What the trash shows of an article: enough to recognise it, and when it was deleted."""

    id: int
    title: str
    column: str
    status: Status
    published_at: dt.datetime
    updated_at: dt.datetime
    deleted_at: dt.datetime
    revisions: int


#: Where a clock comes from; tests pass a fake one.
Clock = Callable[[], dt.datetime]

#: SQLite's primary result codes for the errors a user can do something about.
_SQLITE_BUSY, _SQLITE_READONLY, _SQLITE_IOERR, _SQLITE_FULL, _SQLITE_CANTOPEN = 5, 8, 10, 13, 14


def _sqlite_cause(exc: BaseException) -> BaseException:
    """Return the sqlite3 error behind a Peewee one (Peewee re-raises it from a wrapper)."""
    seen: BaseException | None = exc
    while seen is not None:
        # SQLite rolls a transaction back by itself on a full disk; the rollback that follows
        # then fails too, and the error that matters is the one it was cleaning up after.
        if isinstance(seen, sqlite3.Error) and "no transaction is active" not in str(seen):
            return seen
        seen = seen.__cause__ or seen.__context__
    return exc


class Store:
    """Everything Newsroom keeps, behind methods that speak in articles, columns and settings."""

    def __init__(
        self,
        database: pw.Database,
        path: Path,
        *,
        settings: RevisionSettings | None = None,
        clock: Clock | None = None,
        address: ServerAddress | None = None,
    ) -> None:
        self.database = database
        #: The database file; for a server store, where this PC keeps what belongs beside it.
        self.path = path
        #: The server and database of a store in team mode; None for an SQLite file.
        self.address = address
        self.backend = Backend.POSTGRESQL if address is not None else Backend.SQLITE
        self._models = StoreModels(database)
        self.settings = settings or RevisionSettings()
        #: Times of revisions, updates and deletions come from here; tests pass a fake clock.
        self.clock: Clock = clock or dt.datetime.now
        self._revisions = RevisionLog(database)
        self._kept_since_prune = 0
        self._reconnect = False
        #: The network folder an SQLite file lies on (held for this PC alone), or None.
        self.network: NetworkFolder | None = None
        #: The settings of the read-write connection ``pages_checked`` opens in place of a
        #: read-only one (``read_first``); None once it has, or when there is none to open.
        self._writable_later: Sequence[tuple[str, Any]] | None = None

    @classmethod
    def open(
        cls,
        path: str | Path,
        *,
        settings: RevisionSettings | None = None,
        clock: Clock | None = None,
        check_pages: bool = True,
        thorough: bool = False,
        read_only: bool = False,
        read_first: bool = False,
        network: bool | None = None,
        progress: UpgradeReport | None = None,
    ) -> Store:
        """Open (creating if needed) the database at ``path`` and bring its schema up to date.

        An existing file is first checked read-only (``DamagedDatabase`` carries the newest good
        backup to offer), and backed up before its schema is upgraded. ``check_pages=False``
        skips SQLite's quick check of every page (about 0.3 s for 100,000 articles) for a caller
        that runs it in the background and writes nothing until it passes; a file that needs
        an upgrade is always checked in full first. ``thorough`` runs SQLite's full integrity
        check instead, which also compares every index with its table: slower, but a changed
        title, date or status is found before it is shown. ``read_only`` (for a command that
        only reads) opens an up-to-date file without writing anything to it or beside it, so
        damage found while reading leaves the file exactly as it was.

        ``read_first`` (with ``check_pages=False``, for ``newsroom export``) reads a file whose
        write-ahead log another program is writing (a window has it open) through a read-only
        connection until :meth:`pages_checked`, instead of checking every page before opening:
        see ``_open_file``.

        A file on a network folder (``network``: None detects it) is opened without WAL and
        held for this PC alone: another PC's open raises ``DatabaseInUse`` naming the holder.
        A ``postgresql://`` URL opens the database on that server instead (team mode); an
        upgrade of its schema reports to ``progress`` (one step can take minutes there).
        """
        if is_server_url(path):
            return cls._open_server(
                ServerAddress.parse(str(path)), settings=settings, clock=clock, progress=progress
            )
        path = Path(path)
        if str(path) != ":memory:":
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(
                    tr("cannot create the data folder {parent}: {exc}", parent=path.parent, exc=exc)
                ) from exc
        folder: NetworkFolder | None = None
        if str(path) != ":memory:":
            detected = network_folder(path) if network is None else None
            folder = detected or (NetworkFolder("network folder") if network else None)
        if folder is None:
            return cls._open_file(
                path, settings, clock, check_pages, thorough, read_only, None, read_first
            )
        acquire_folder_lock(path)  # before anything reads the file: one PC at a time
        try:
            return cls._open_file(path, settings, clock, check_pages, thorough, read_only, folder)
        except BaseException:
            release_folder_lock(path)
            raise

    @classmethod
    def _open_file(
        cls,
        path: Path,
        settings: RevisionSettings | None,
        clock: Clock | None,
        check_pages: bool,
        thorough: bool,
        read_only: bool,
        folder: NetworkFolder | None,
        read_first: bool = False,
    ) -> Store:
        """Open an SQLite file (see ``open``); ``folder`` when it lies on a network folder.

        With ``check_pages=False`` a write-ahead log beside the file is the one thing a
        connection could write into the file before the caller's check has passed: the last
        connection to close checkpoints the log into the file, and one that opens a log left
        by a crash runs SQLite's recovery, rewriting the log's index. A connection that can
        write is therefore opened on a log only once every page is known to be sound, except
        where nothing can be written before the check passes:

        - ``read_only``, with the log's index there: the connection writes nothing at all
          (``read_only_uri``);
        - ``read_first``, when another process holds the database open (``log_in_use``): the
          log is live, its index kept by that process; a read-only connection never
          checkpoints, even when it closes last, so the file and its log stay as they are
          until :meth:`pages_checked` opens the read-write connection. A log left by a crash
          is checked first, as before: recovering it would write its index.
        """
        version = 0
        reading = False  # a read-only connection until pages_checked()
        if str(path) != ":memory:" and path.exists():
            try:
                version = check_database(path, pages=check_pages, thorough=thorough)
                if not check_pages and 0 < version < migrations.SCHEMA_VERSION:
                    # Upgraded below: every page (and any log beside it) sound first.
                    check_database(path, thorough=thorough or _has_log(path))
                elif not check_pages and _has_log(path):
                    indexed = Path(f"{path}-shm").exists()
                    current = version == migrations.SCHEMA_VERSION
                    reading = read_first and current and folder is None and not read_only
                    reading = reading and indexed and log_in_use(path) is True
                    if not (reading or (read_only and current and indexed)):
                        check_database(path, thorough=True)
            except DamagedDatabase as exc:
                raise DamagedDatabase(
                    exc.path, exc.damage, exc.detail, newest_good_backup(path)
                ) from exc
            except OSError as exc:
                raise StoreError(
                    tr("{path} is not a usable Newsroom database: {exc}", path=path, exc=exc)
                ) from exc
            if 0 < version < migrations.SCHEMA_VERSION:
                try:
                    backup_before_migration(path, version)
                except BackupError as exc:
                    # Upgrading without a way back is the one thing never to do; the old file
                    # stays as it is and opens again once the backup can be written.
                    raise StoreError(
                        tr(
                            "{path} needs an upgrade, but the backup before it failed: {exc}",
                            path=path,
                            exc=exc,
                        )
                    ) from exc
        pragmas = NETWORK_PRAGMAS if folder else PRAGMAS
        if read_only and path.exists() and version == migrations.SCHEMA_VERSION:
            database = _read_only_database(path)
        elif reading:
            database = _reading_database(path)
        else:
            database = pw.SqliteDatabase(str(path), pragmas=list(pragmas), timeout=5)
        database.register_function(index_text, "newsroom_index_text", 1, deterministic=True)
        try:
            database.connect()
            migrate(database.connection())
        except SchemaError as exc:
            database.close()
            raise StoreError(f"{path}: {exc}") from exc
        except (pw.DatabaseError, sqlite3.DatabaseError) as exc:
            database.close()
            raise StoreError(
                tr("{path} is not a usable Newsroom database: {exc}", path=path, exc=exc)
            ) from exc
        except pw.OperationalError as exc:
            database.close()
            raise StoreError(tr("cannot open {path}: {exc}", path=path, exc=exc)) from exc
        store = cls(database, path, settings=settings, clock=clock)
        store.network = folder
        if reading:
            store._writable_later = pragmas
        if check_pages and not read_only:
            store._prune_if_due()  # writes: only once the file is known to be sound
        return store

    @classmethod
    def _open_server(
        cls,
        address: ServerAddress,
        *,
        settings: RevisionSettings | None = None,
        clock: Clock | None = None,
        progress: UpgradeReport | None = None,
    ) -> Store:
        """Connect to a database on a PostgreSQL server and bring its schema up to date."""
        from desktop.store.postgres import ServerDatabase, server_error_text

        database = ServerDatabase(address)
        try:
            database.connect()
            migrate_server(database, progress=progress)
        except ServerUnreachable as exc:
            with suppress(Exception):
                database.close()
            raise ServerUnreachable(
                tr("cannot open the database {address}: {error}", address=address, error=exc)
            ) from exc
        except SchemaError as exc:
            database.close()
            raise StoreError(f"{address}: {exc}") from exc
        except pw.ImproperlyConfigured as exc:
            raise StoreError(str(exc)) from exc
        except (pw.DatabaseError, pw.InterfaceError) as exc:
            database.close()
            raise StoreError(
                tr(
                    "cannot open the database {address}: {error}",
                    address=address,
                    error=server_error_text(exc),
                )
            ) from exc
        store = cls(
            database, _server_companion(address), settings=settings, clock=clock, address=address
        )
        store._prune_if_due()
        return store

    @property
    def location(self) -> str:
        """Where the store lives, as shown: the file, or the server URL without the password."""
        return str(self.address) if self.address is not None else str(self.path)

    @property
    def reopen_location(self) -> str | Path:
        """What ``Store.open`` takes to open this database again (a worker's own connection)."""
        return self.address.url() if self.address is not None else self.path

    @property
    def is_server(self) -> bool:
        """Whether the store is a database on a server (team mode) rather than a file."""
        return self.address is not None

    def has_table(self, name: str) -> bool:
        """Whether the database has a table of that name (a feature's migration has run)."""
        if self.address is not None:
            return bool(self.database.has_table(name))  # type: ignore[attr-defined]
        row = self.database.execute_sql(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)
        ).fetchone()
        return row is not None

    def pages_checked(self) -> None:
        """The check of every page passed: open the read-write connection that a store opened
        with ``read_first`` put off, so that it can write (and write its log into the file
        when it closes). Nothing to do for any other store."""
        pragmas = self._writable_later
        if pragmas is None:
            return
        self._writable_later = None
        self.database.close()
        self.database.init(str(self.path), pragmas=list(pragmas), timeout=5)
        try:
            self.database.connect()
        except (pw.DatabaseError, sqlite3.DatabaseError) as exc:
            raise StoreError(tr("cannot open {path}: {exc}", path=self.path, exc=exc)) from exc

    def close(self) -> None:
        """Close the database connection (and let another PC open a file on a network folder)."""
        if not self.database.is_closed():
            self.database.close()
            release_kept()  # a check's descriptors of the file, kept while SQLite had it open
        if self.network is not None:
            self.network = None
            release_folder_lock(self.path)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Group writes so that they all happen or none does."""
        with self._writing(), self.database.atomic():
            yield

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """Read everything inside as of one moment, while other windows keep saving."""
        if self.address is not None:
            with self.database.atomic(isolation_level="REPEATABLE READ"):
                yield
        else:
            with self.database.atomic():
                yield

    def schema_version(self) -> int:
        """Return the schema version recorded in the database."""
        if self.address is not None:
            from desktop.store.migrations import server_version

            return server_version(self.database)  # type: ignore[arg-type]
        return int(self.database.execute_sql("PRAGMA user_version").fetchone()[0])

    def _now(self) -> dt.datetime:
        return _seconds(self.clock())

    @contextmanager
    def _writing(self) -> Iterator[None]:
        """Turn SQLite's write failures into errors a user can act on, and recover after them."""
        if self._reconnect and not self.database.in_transaction():
            # A connection opened on a read-only file stays read-only: reconnect, so the store
            # works again once the file or folder is writable, without restarting the app.
            self._reconnect = False
            self.database.close()
            self.database.connect()
        try:
            yield
        except (pw.IntegrityError, sqlite3.IntegrityError):
            raise
        except (pw.DatabaseError, sqlite3.DatabaseError) as exc:
            raise self._write_error(exc) from exc
        except StoreError:
            raise
        except Exception as exc:
            # psycopg's own errors (a raw cursor's executemany) when the link to the server broke.
            if self.address is not None and _connection_lost(exc):
                raise self._unreachable(exc) from exc
            raise

    def _write_error(self, exc: BaseException) -> StoreError:
        if self.address is not None:
            return self._server_write_error(exc)
        cause = _sqlite_cause(exc)
        code = getattr(cause, "sqlite_errorcode", None)
        primary = code & 0xFF if isinstance(code, int) else None
        text = str(cause).lower()
        if primary == _SQLITE_FULL or "disk is full" in text:
            return DiskFull(
                tr(
                    "the disk is full (or the database reached its size limit): this change was "
                    "not saved, nothing saved before was lost; free some space and save again"
                )
            )
        if primary in (_SQLITE_READONLY, _SQLITE_CANTOPEN) or "readonly" in text:
            self._reconnect = True
            return ReadOnlyStore(
                tr(
                    "the database {path} is read-only: this change was not saved; make the file "
                    "and its folder writable (or move the database) and save again",
                    path=self.path,
                )
            )
        if primary == _SQLITE_IOERR:
            self._reconnect = True
            return StoreError(
                tr(
                    "could not write to {path}: {cause}; try saving again",
                    path=self.path,
                    cause=cause,
                )
            )
        if primary == _SQLITE_BUSY:
            return StoreError(tr("the database is busy in another window or program; try again"))
        return StoreError(tr("could not save to {path}: {cause}", path=self.path, cause=cause))

    def _server_write_error(self, exc: BaseException) -> StoreError:
        """The server's write failures as errors a user can act on."""
        from desktop.store.postgres import server_error_text, server_sqlstate

        state = server_sqlstate(exc) or ""
        text = server_error_text(exc)
        if state.startswith("53"):  # insufficient resources: disk full, out of memory
            return DiskFull(
                tr(
                    "the server {server} is out of space: this change was not saved, nothing "
                    "saved before was lost; ask whoever looks after the server, then save again",
                    server=self.address,
                )
            )
        if state in ("25006", "42501"):  # read-only transaction, insufficient privilege
            return ReadOnlyStore(
                tr(
                    "your login may not change the database {server} ({error}): this change "
                    "was not saved",
                    server=self.address,
                    error=text,
                )
            )
        if _connection_lost(exc):
            return self._unreachable(exc)
        if not state or state.startswith("08") or state.startswith("57"):
            # The connection broke (network, server restarted): reconnect on the next write.
            self._reconnect = True
            return StoreError(
                tr(
                    "the server {server} cannot be reached ({error}): this change was not "
                    "saved; try again when the server is back",
                    server=self.address,
                    error=text,
                )
            )
        return StoreError(tr("could not save to {path}: {cause}", path=self.address, cause=text))

    def _unreachable(self, exc: BaseException) -> ServerUnreachable:
        return self.database.unreachable(exc)  # type: ignore[attr-defined]

    def _index(self, article_id: int, values: dict[str, Any]) -> None:
        """Write an article's row of the server's search index (SQLite's triggers do it there)."""
        self._index_many([(article_id, values)])

    def _index_many(self, articles: Sequence[tuple[int, dict[str, Any]]]) -> None:
        """Write several rows of the server's search index in one round trip."""
        if self.address is None or not articles:
            return
        from desktop.store.postgres import translate

        rows = []
        for article_id, values in articles:
            terms, lines = index_terms(values.get(name, "") for name in SEARCH_FIELDS)
            published = values["published_at"]
            rows.append((article_id, _terms_text(terms), lines, str(published)))
        # psycopg pipelines executemany: one round trip for the whole batch.
        self.database.cursor().executemany(
            translate(
                "INSERT INTO article_search (article_id, terms, lines, published_at) "
                f"VALUES (?, {_TERMS}, ?, ?) ON CONFLICT (article_id) DO UPDATE "
                "SET terms = EXCLUDED.terms, lines = EXCLUDED.lines, "
                "published_at = EXCLUDED.published_at"
            ),
            rows,
        )
        self.database.execute_sql(
            "DELETE FROM article_search_stale WHERE article_id = ANY(?)",
            ([row[0] for row in rows],),
        )

    def finish_bulk_copy(self) -> None:
        """After rows were copied in past the store: index them and refresh the statistics."""
        if self.address is None:
            return
        self._catch_up_search()
        # The planner chooses between walking the date index and collecting matches from the
        # row estimates: after a bulk copy they must describe the new contents.
        self.database.execute_sql("ANALYZE")

    def _catch_up_search(self) -> None:
        """Index the articles written past the store (queued by a trigger), before a search."""
        names = (*SEARCH_FIELDS, "published_at")
        columns = ", ".join(f"a.{name}" for name in names)
        while True:
            rows = self.database.execute_sql(
                f"SELECT a.id, {columns} FROM article_search_stale q "
                "JOIN article a ON a.id = q.article_id LIMIT 500"
            ).fetchall()
            if not rows:
                return
            try:
                with self._writing(), self.database.atomic():
                    self._index_many(
                        [(row[0], dict(zip(names, row[1:], strict=True))) for row in rows]
                    )
            except StoreError:
                return  # a read-only login searches what is indexed; the next writer catches up

    # Columns ---------------------------------------------------------------------------------

    def columns(self) -> list[Column]:
        """Return the site's columns in display order."""
        model = self._models.Column
        query = model.select().order_by(model.position, model.id)
        return [Column(name=r.name, slug=r.slug, position=r.position, id=r.id) for r in query]

    def ensure_column(self, name: str, slug: str | None = None) -> Column:
        """Return the column called ``name``, creating it at the end of the bar if it is new."""
        name = name.strip()
        if not name:
            raise StoreError(tr("a column needs a name"))
        model = self._models.Column
        with self._writing(), self.database.atomic():
            existing = model.get_or_none(model.name == name)
            if existing is not None:
                return Column(existing.name, existing.slug, existing.position, existing.id)
            position = (model.select(pw.fn.MAX(model.position)).scalar() or 0) + 1
            record = model.create(name=name, slug=f"tmp-{name}", position=position)
            wanted = make_slug(slug or "", fallback=f"c{record.id}")
            if model.select().where((model.slug == wanted) & (model.id != record.id)).exists():
                wanted = f"{wanted}-{record.id}"
            record.slug = wanted
            record.save()
            return Column(record.name, record.slug, record.position, record.id)

    def save_columns(self, columns: Sequence[Column]) -> list[Column]:
        """Rename, re-slug and reorder columns (matched by id); new ones are added."""
        model = self._models.Column
        with self._writing(), self.database.atomic():
            for position, column in enumerate(columns, start=1):
                slug = make_slug(column.slug, fallback=f"c{column.id or position}")
                if column.id is None:
                    created = self.ensure_column(column.name, slug)
                    model.update(position=position).where(model.id == created.id).execute()
                else:
                    model.update(name=column.name.strip(), slug=slug, position=position).where(
                        model.id == column.id
                    ).execute()
        return self.columns()

    def _column_id(self, name: str) -> int | None:
        return self.ensure_column(name).id if name.strip() else None

    # Articles --------------------------------------------------------------------------------

    def add_article(self, article: Article) -> Article:
        """Store a new article and return it with its id, version and times."""
        return self.add_articles([article])[0]

    def add_articles(self, articles: Iterable[Article]) -> list[Article]:
        """Store several new articles in one transaction: all of them or none."""
        stored: list[Article] = []
        column_ids: dict[str, int | None] = {}
        with self._writing(), self.database.atomic():
            cursor = self.database.cursor()
            waiting: list[tuple[Article, dict[str, Any]]] = []
            for article in articles:
                article = clean_fields(article)
                _validate(article)
                now = self._now()
                if article.column not in column_ids:
                    column_ids[article.column] = self._column_id(article.column)
                values = _record_fields(article, column_ids[article.column])
                values.update(version=1, created_at=_seconds(article.created_at or now))
                values["updated_at"] = now
                # Plain SQL: building a Peewee query per row costs more than the insert itself.
                sql = (
                    f"INSERT INTO article ({', '.join(values)}) "
                    f"VALUES ({', '.join('?' * len(values))})"
                )
                if self.address is None:
                    cursor.execute(sql, _row_values(values))
                    stored.append(_added(article, cursor.lastrowid, values))
                    continue
                waiting.append((article, values))
                if len(waiting) >= 500:
                    stored.extend(self._server_insert(sql, waiting))
                    waiting.clear()
            if waiting:
                stored.extend(self._server_insert(sql, waiting))
            # Articles that arrive approved (an archive, the demo) were signed off elsewhere.
            review_record.record_arrivals(self.database.connection(), stored, self._now())
        return stored

    def _server_insert(
        self, sql: str, waiting: Sequence[tuple[Article, dict[str, Any]]]
    ) -> list[Article]:
        """Insert a batch of new articles on the server in one round trip, and index them."""
        from desktop.store.postgres import translate

        cursor = self.database.cursor()
        cursor.executemany(
            translate(sql) + " RETURNING id",
            [_row_values(values) for _, values in waiting],
            returning=True,
        )
        ids = []
        while True:
            ids.append(cursor.fetchone()[0])
            if not cursor.nextset():
                break
        self._index_many(
            [(new_id, values) for new_id, (_, values) in zip(ids, waiting, strict=True)]
        )
        return [
            _added(article, new_id, values)
            for new_id, (article, values) in zip(ids, waiting, strict=True)
        ]

    def get_article(self, article_id: int) -> Article:
        """Return the article with this id, body included."""
        model = self._models.Article
        record = (
            model.select(model, self._models.Column)
            .join(self._models.Column, pw.JOIN.LEFT_OUTER)
            .where((model.id == article_id) & model.deleted_at.is_null())
            .first()
        )
        if record is None:
            raise ArticleNotFound(tr("no article with id {article_id}", article_id=article_id))
        return _article_from_record(record)

    def save_article(
        self, article: Article, reason: RevisionReason = RevisionReason.SAVE
    ) -> Article:
        """Write changes to a stored article, refusing if someone else saved it meanwhile.

        ``reason`` says who saves: an explicit save keeps a revision (unless identical to the
        last one); an autosave keeps one only every ``settings.autosave_interval`` or when the
        status changed. On a conflict the text that could not be saved is kept as a revision
        (its id in ``ConflictError.losing_revision_id``) and the stored article is untouched.
        """
        if article.id is None:
            return self.add_article(article)
        _validate(article)
        try:
            with self._writing(), self.database.atomic():
                return self._write(article, article.version, reason)
        except (ConflictError, ArticleNotFound) as exc:
            self._keep_losing_text(article, exc)
            raise

    def _write(
        self,
        article: Article,
        expected_version: int,
        reason: RevisionReason,
        *,
        force_revision: bool = False,
    ) -> Article:
        """Update the row if it is still at ``expected_version``, and keep a revision if due."""
        # The last guard: whatever path an article came by, no single-line field keeps a control.
        article = clean_fields(article)
        assert article.id is not None
        model = self._models.Article
        row = self.database.execute_sql(
            "SELECT version, status, deleted_at FROM article WHERE id = ?", (article.id,)
        ).fetchone()
        if row is None or row[2] is not None:
            raise ArticleNotFound(tr("no article with id {id}", id=article.id))
        if row[0] != expected_version:
            raise ConflictError(article.id, expected_version, row[0])
        now = self._now()
        # What the caller changed decides the revision kept; the review log may then move the
        # status (content changed after a signature goes back to review, in this transaction).
        # A status the caller still holds from before such a move is no change of its own:
        # otherwise an open editor would keep a revision at every autosave.
        asked = Status(article.status).value
        review_status = review_record.after_edit(self.database.connection(), article, now)
        if review_status is not None:
            article = replace(article, status=review_status)
        status_changed = row[1] != asked and row[1] != Status(article.status).value
        assert article.id is not None
        last = self._revisions.last(article.id)
        if force_revision or reason is not RevisionReason.AUTOSAVE:
            keep = True
        else:
            keep = autosave_keeps_revision(
                now,
                last.created_at if last else None,
                status_changed,
                self.settings.autosave_interval,
            )
        if keep and last is None:
            # The first change of an article: keep what it was (as imported or created) first.
            self._revisions.keep(
                self.get_article(article.id), RevisionReason.ORIGINAL, now, version=row[0]
            )
        values = _record_fields(article, self._column_id(article.column))
        model.update(**values, version=model.version + 1, updated_at=now).where(
            model.id == article.id
        ).execute()
        self._index(article.id, values)
        saved = replace(article, version=expected_version + 1, updated_at=now)
        if keep:
            if status_changed and reason in (RevisionReason.SAVE, RevisionReason.AUTOSAVE):
                reason = RevisionReason.STATUS
            kept = self._revisions.keep(
                saved, reason, now, version=saved.version, allow_duplicate=force_revision
            )
            if kept is not None:
                self._kept_since_prune += 1
        if self._kept_since_prune >= self.settings.prune_every:
            self._kept_since_prune = 0
            self._revisions.prune(now, self.settings.retention)
        return saved

    def _keep_losing_text(self, article: Article, exc: ConflictError | ArticleNotFound) -> None:
        """Keep a text that lost a conflict (or whose article was trashed) as a revision."""
        exists = self.database.execute_sql(
            "SELECT 1 FROM article WHERE id = ?", (article.id,)
        ).fetchone()
        if exists is None:
            return  # deleted for good: nothing to attach the text to; the window still has it
        try:
            info = self.save_conflicting_copy(article)
        except StoreError:
            return  # the error being raised already tells the window that nothing was saved
        exc.losing_revision_id = info.id

    def save_conflicting_copy(self, article: Article) -> RevisionInfo:
        """Keep ``article``'s text as a conflict revision without changing the stored article."""
        if article.id is None:
            raise ArticleNotFound(tr("an article never saved has no history to keep a copy in"))
        with self._writing(), self.database.atomic():
            if not self.database.execute_sql(
                "SELECT 1 FROM article WHERE id = ?", (article.id,)
            ).fetchone():
                raise ArticleNotFound(tr("no article with id {id}", id=article.id))
            now = self._now()
            kept = self._revisions.keep(
                article, RevisionReason.CONFLICT, now, version=article.version
            )
            if kept is None:  # identical to the newest revision: that one already keeps it
                last = self._revisions.last(article.id)
                assert last is not None
                kept = last.id
        return self.revision(kept).info

    def force_save(self, article: Article, based_on_version: int) -> Article:
        """Save ``article`` over the stored one the user has seen (at ``based_on_version``).

        The stored text is kept as a conflict revision first. If the article changed again
        since the user compared, this raises ``ConflictError`` once more.
        """
        if article.id is None:
            return self.add_article(article)
        _validate(article)
        with self._writing(), self.database.atomic():
            theirs = self._get_any(article.id)
            if theirs.version != based_on_version:
                raise ConflictError(article.id, based_on_version, theirs.version)
            self._revisions.keep(
                theirs, RevisionReason.CONFLICT, self._now(), version=theirs.version
            )
            return self._write(article, based_on_version, RevisionReason.SAVE)

    def keep_revision(
        self, article_id: int, reason: RevisionReason = RevisionReason.EXPORT
    ) -> RevisionInfo | None:
        """Keep the stored article as a revision (e.g. before an export); None if unchanged."""
        with self._writing(), self.database.atomic():
            article = self._get_any(article_id)
            kept = self._revisions.keep(article, reason, self._now(), version=article.version)
        return self.revision(kept).info if kept is not None else None

    def revisions(self, article_id: int) -> list[RevisionInfo]:
        """Return the revisions of an article (in the trash too), newest first."""
        return self._revisions.list(article_id)

    def revision(self, revision_id: int) -> Revision:
        """Return one revision with the full copy of the article it kept."""
        found = self._revisions.get(revision_id)
        if found is None:
            raise RevisionNotFound(tr("no revision with id {revision_id}", revision_id=revision_id))
        return found

    def restore_revision(self, article_id: int, revision_id: int, expected_version: int) -> Article:
        """Bring back a revision's text and fields as a new save; the replaced text is kept."""
        with self._writing(), self.database.atomic():
            chosen = self.revision(revision_id)
            if chosen.info.article_id != article_id:
                raise RevisionNotFound(
                    tr(
                        "revision {revision_id} is not one of article {article_id}",
                        revision_id=revision_id,
                        article_id=article_id,
                    )
                )
            current = self.get_article(article_id)
            if current.version != expected_version:
                raise ConflictError(article_id, expected_version, current.version)
            # An autosave may hold text no revision has yet: keep it before it is replaced.
            self._revisions.keep(
                current, RevisionReason.BEFORE_RESTORE, self._now(), version=current.version
            )
            restored = replace(chosen.article, id=article_id, version=expected_version)
            self._write(restored, expected_version, RevisionReason.RESTORE, force_revision=True)
        return self.get_article(article_id)

    def prune_revisions(self) -> int:
        """Remove the revisions the retention policy lets go; return how many."""
        with self._writing(), self.database.atomic():
            now = self._now()
            removed = self._revisions.prune(now, self.settings.retention)
            self.database.execute_sql(
                "INSERT OR REPLACE INTO store_state (key, value) VALUES ('pruned_at', ?)",
                (now.isoformat(sep=" "),),
            )
        self._kept_since_prune = 0
        return removed

    def state_value(self, key: str) -> str | None:
        """Return the store's own bookkeeping value under ``key`` (None if never set)."""
        row = self.database.execute_sql(
            "SELECT value FROM store_state WHERE key = ?", (key,)
        ).fetchone()
        return None if row is None else str(row[0])

    def set_state_value(self, key: str, value: str | None) -> None:
        """Set (or with None remove) a bookkeeping value of the store."""
        with self._writing(), self.database.atomic():
            if value is None:
                self.database.execute_sql("DELETE FROM store_state WHERE key = ?", (key,))
            else:
                self.database.execute_sql(
                    "INSERT INTO store_state (key, value) VALUES (?, ?) "
                    "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    (key, value),
                )

    def _prune_if_due(self) -> None:
        row = self.database.execute_sql(
            "SELECT value FROM store_state WHERE key = 'pruned_at'"
        ).fetchone()
        if row is not None:
            last = _parse_time(row[0])
            if self._now() - last < self.settings.prune_on_open_after:
                return
        # Housekeeping: a read-only or full disk must not stop the store from opening.
        with suppress(StoreError):
            self.prune_revisions()

    def _get_any(self, article_id: int) -> Article:
        """Return the article with this id, even if it is in the trash."""
        model = self._models.Article
        record = (
            model.select(model, self._models.Column)
            .join(self._models.Column, pw.JOIN.LEFT_OUTER)
            .where(model.id == article_id)
            .first()
        )
        if record is None:
            raise ArticleNotFound(tr("no article with id {article_id}", article_id=article_id))
        return _article_from_record(record)

    # Trash -----------------------------------------------------------------------------------

    def trash_article(self, article_id: int) -> None:
        """Move an article to the trash; it leaves lists and search but keeps all its data."""
        model = self._models.Article
        with self._writing():
            changed = (
                model.update(deleted_at=self._now(), version=model.version + 1)
                .where((model.id == article_id) & model.deleted_at.is_null())
                .execute()
            )
        if not changed:
            raise ArticleNotFound(tr("no article with id {article_id}", article_id=article_id))

    def restore_article(self, article_id: int) -> None:
        """Bring an article back from the trash, with its revisions."""
        model = self._models.Article
        with self._writing():
            changed = (
                model.update(deleted_at=None, version=model.version + 1)
                .where((model.id == article_id) & model.deleted_at.is_null(False))
                .execute()
            )
        if not changed:
            raise ArticleNotFound(
                tr("no article with id {article_id} in the trash", article_id=article_id)
            )

    def trashed_ids(self) -> list[int]:
        """Return the ids of the articles in the trash, most recently deleted first."""
        model = self._models.Article
        query = model.select(model.id).where(model.deleted_at.is_null(False))
        return [r.id for r in query.order_by(model.deleted_at.desc(), model.id.desc())]

    def trash(self) -> list[TrashedArticle]:
        """Return the articles in the trash, most recently deleted first."""
        rows = self.database.execute_sql(
            "SELECT a.id, a.title, coalesce(c.name, ''), a.status, a.published_at,"
            " a.updated_at, a.deleted_at,"
            " (SELECT count(*) FROM revision r WHERE r.article_id = a.id)"
            " FROM article a LEFT JOIN site_column c ON c.id = a.column_id"
            " WHERE a.deleted_at IS NOT NULL ORDER BY a.deleted_at DESC, a.id DESC"
        ).fetchall()
        return [
            TrashedArticle(
                id=row[0],
                title=row[1],
                column=row[2],
                status=Status(row[3]),
                published_at=_parse_time(row[4]),
                updated_at=_parse_time(row[5]),
                deleted_at=_parse_time(row[6]),
                revisions=row[7],
            )
            for row in rows
        ]

    def delete_forever(self, article_ids: Sequence[int]) -> int:
        """Delete articles in the trash for good, with their revisions; return how many."""
        ids = list(article_ids)
        deleted = 0
        with self._writing(), self.database.atomic():
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                marks = ", ".join("?" * len(chunk))
                trashed = [
                    row[0]
                    for row in self.database.execute_sql(
                        f"SELECT id FROM article WHERE id IN ({marks}) AND deleted_at IS NOT NULL",
                        chunk,
                    )
                ]
                if not trashed:
                    continue
                self._revisions.delete_for(trashed)
                marks = ", ".join("?" * len(trashed))
                cursor = self.database.execute_sql(
                    f"DELETE FROM article WHERE id IN ({marks})", trashed
                )
                deleted += cursor.rowcount
        return deleted

    def empty_trash(self) -> int:
        """Delete every article in the trash for good, with its revisions; return how many."""
        return self.delete_forever(self.trashed_ids())

    def known_values(self, field_name: str, limit: int = 50) -> list[str]:
        """Return earlier values of ``author`` or ``source``, most used first, for completion."""
        if field_name not in ("author", "source"):
            raise ValueError(tr("no remembered values for {field_name!r}", field_name=field_name))
        rows = self.database.execute_sql(
            f"SELECT {field_name}, count(*) AS n FROM article "
            f"WHERE {field_name} != '' AND deleted_at IS NULL "
            f"GROUP BY {field_name} ORDER BY n DESC, {field_name} LIMIT ?",
            (limit,),
        )
        return [row[0] for row in rows]

    def iter_articles(
        self,
        statuses: Sequence[Status] | None = None,
        batch: int = 500,
        *,
        ids: Sequence[int] | None = None,
        with_body: bool = True,
    ) -> Iterator[Article]:
        """Yield whole articles, oldest first, a batch at a time; ``ids``: only those.

        ``with_body=False`` leaves every body empty, for work that needs only the other
        fields (an export's lists and plan) and must not hold every body in memory.
        """
        model = self._models.Article
        fields = [
            self._models.Column.name
            if spec.kind is FieldKind.COLUMN
            else model._meta.columns[spec.column_name]
            for spec in ARTICLE_FIELDS
            if with_body or spec.name != "body"
        ]
        readers = [
            (spec.name, _TUPLE_CONVERTERS.get(spec.kind))
            for spec in ARTICLE_FIELDS
            if with_body or spec.name != "body"
        ]
        id_at = [name for name, _ in readers].index("id")
        wanted = sorted(set(ids)) if ids is not None else None
        last_id = 0
        while True:
            query = (
                model.select(*fields)
                .join(self._models.Column, pw.JOIN.LEFT_OUTER)
                .where(model.deleted_at.is_null() & (model.id > last_id))
                .order_by(model.id)
                .limit(batch)
            )
            if statuses:
                # "status || ''": with an index on status SQLite would fetch and sort every
                # matching row for each batch; walking the ids is linear.
                query = query.where(model.status.concat("").in_([s.value for s in statuses]))
            if wanted is not None:
                chunk = [i for i in wanted if i > last_id][:batch]
                if not chunk:
                    return
                query = query.where(model.id.in_(chunk))
            # The driver's own rows: the converters below read them as Peewee's fields would,
            # at a fraction of the cost (this is an export's whole reading of 10,000 articles).
            rows = list(self.database.execute(query))
            if not rows:
                return
            for row in rows:
                values = {
                    name: (convert(value) if convert is not None else value)
                    for (name, convert), value in zip(readers, row, strict=True)
                }
                if values["column"] is None:
                    values["column"] = ""
                yield Article(**values)
            last_id = rows[-1][id_at]

    def article_bodies(self, ids: Sequence[int]) -> dict[int, tuple[int, str]]:
        """Return the version and body of each of these articles not in the trash, by id.

        An export plans from articles read without their bodies and then needs only each
        body, at the version it planned: reading the whole rows again cost it twice as much.
        """
        model = self._models.Article
        found: dict[int, tuple[int, str]] = {}
        wanted = sorted(set(ids))
        for start in range(0, len(wanted), 500):
            query = model.select(model.id, model.version, model.body).where(
                model.deleted_at.is_null() & model.id.in_(wanted[start : start + 500])
            )
            for article_id, version, body in self.database.execute(query):
                found[article_id] = (version, body)
        return found

    # Listing and search ----------------------------------------------------------------------

    def list_articles(self, query: ListQuery | None = None) -> Page:
        """Return one page of articles matching the filters, in the asked order, paged by key."""
        query = query or ListQuery()
        if self.address is not None:
            return self._server_list(query)
        expression = match_expression(query.text) if query.text.strip() else None
        if query.text.strip() and expression is None:
            return Page()
        where, params = _filters(query)
        descending = query.is_descending
        direction = "DESC" if descending else "ASC"
        compare = "<" if descending else ">"
        limit = max(1, query.limit)

        if expression is not None and query.sort is Sort.DATE:
            # The index walks its rowids (time, then id) in order and stops after `limit` hits.
            where.insert(0, "article_search MATCH ?")
            params.insert(0, expression)
            if query.after is not None:
                where.append(f"s.rowid {compare} ?")
                params.append(_epoch(_parse_time(query.after.value)) * ID_SPAN + query.after.id)
            if query.date_from is not None:
                where.append("s.rowid >= ?")
                params.append(_epoch(dt.datetime.combine(query.date_from, dt.time())) * ID_SPAN)
            sql = (
                f"SELECT {_SUMMARY_COLUMNS} FROM article_search s "
                f"JOIN article a ON a.id = s.rowid % {ID_SPAN} "
                "LEFT JOIN site_column c ON c.id = a.column_id "
                f"WHERE {' AND '.join(where)} ORDER BY s.rowid {direction} LIMIT ?"
            )
        else:
            if expression is not None:
                if self._matches_many(expression):
                    # A common word: walk the sort index and test each row against the search
                    # index by rowid; the first page fills after a few hundred rows. The unary
                    # plus keeps SQLite from preferring the status or column index, which would
                    # test every article of that status before sorting them.
                    where = [
                        w.replace("a.status =", "+a.status =").replace(
                            "a.column_id =", "+a.column_id ="
                        )
                        for w in where
                    ]
                    where.append(
                        "EXISTS (SELECT 1 FROM article_search WHERE article_search MATCH ? "
                        f"AND article_search.rowid = {_SEARCH_ROWID})"
                    )
                else:
                    # A rarer word: collect its few matches, then sort them.
                    where.append(
                        f"a.id IN (SELECT rowid % {ID_SPAN} FROM article_search "
                        "WHERE article_search MATCH ?)"
                    )
                params.append(expression)
            sort_column = _SORT_COLUMN[query.sort]
            if query.after is not None:
                where.append(f"({sort_column}, a.id) {compare} (?, ?)")
                value = query.after.value
                params.extend([str(value) if isinstance(value, dt.datetime) else value])
                params.append(query.after.id)
            sql = (
                f"SELECT {_SUMMARY_COLUMNS} FROM article a "
                "LEFT JOIN site_column c ON c.id = a.column_id "
                f"WHERE {' AND '.join(where)} "
                f"ORDER BY {sort_column} {direction}, a.id {direction} LIMIT ?"
            )
        params.append(limit + 1)
        return _page(query, self.database.execute_sql(sql, params).fetchall())

    def _server_list(self, query: ListQuery) -> Page:
        """``list_articles`` on a server: the same pages from the server's search index."""
        match = server_match(query.text) if query.text.strip() else None
        if query.text.strip() and match is None:
            return Page()
        if match is not None:
            self._catch_up_search()
            if query.sort is Sort.DATE:
                return self._server_search_by_date(query, match)
        where, params = _filters(query)
        descending = query.is_descending
        direction = "DESC" if descending else "ASC"
        sort_column = _SORT_COLUMN[query.sort]
        if query.after is not None:
            where.append(f"({sort_column}, a.id) {'<' if descending else '>'} (?, ?)")
            value = query.after.value
            params.extend([str(value) if isinstance(value, dt.datetime) else value])
            params.append(query.after.id)
        order = f"ORDER BY {sort_column} {direction}, a.id {direction} LIMIT ?"
        if match is None:
            sql = (
                f"SELECT {_SUMMARY_COLUMNS} FROM article a "
                f"LEFT JOIN site_column c ON c.id = a.column_id WHERE {' AND '.join(where)} {order}"
            )
        else:
            test, test_params = _server_test(match)
            if self._server_candidates(match) > _COLLECT_AT_MOST:
                # A common word: walk the sort index newest (or first) first and test each
                # article's token lines; the first page fills after a few hundred. OFFSET 0
                # keeps the test a per-row probe, not a join that would collect every match.
                test, test_params = "strpos(s.lines, ?) > 0", [match.pattern]
                where.append(
                    "EXISTS (SELECT 1 FROM article_search s WHERE s.article_id = a.id "
                    f"AND {test} OFFSET 0)"
                )
                sql = (
                    f"SELECT {_SUMMARY_COLUMNS} FROM article a "
                    "LEFT JOIN site_column c ON c.id = a.column_id "
                    f"WHERE {' AND '.join(where)} {order}"
                )
            else:
                # A rarer word: collect its few matches from the index, then sort them.
                sql = (
                    "WITH m AS MATERIALIZED (SELECT s.article_id FROM article_search s "
                    f"WHERE {test}) SELECT {_SUMMARY_COLUMNS} FROM m "
                    "JOIN article a ON a.id = m.article_id "
                    "LEFT JOIN site_column c ON c.id = a.column_id "
                    f"WHERE {' AND '.join(where)} {order}"
                )
            params = test_params + params
        params.append(max(1, query.limit) + 1)
        if match is None:
            return _page(query, self.database.execute_sql(sql, params).fetchall())
        with self.database.atomic():
            _index_scans_only(self.database)
            return _page(query, self.database.execute_sql(sql, params).fetchall())

    def _server_search_by_date(self, query: ListQuery, match: ServerMatch) -> Page:
        """A server search in date order: month windows from the newest (or oldest) on."""
        where, params = _filters(query)
        descending = query.is_descending
        direction = "DESC" if descending else "ASC"
        compare = "<" if descending else ">"
        wanted = max(1, query.limit) + 1
        # The window starts after the cursor, within the date range; empty: the whole span.
        first, last = "", "9999"
        bound: list[str] = []
        if query.after is not None:
            after = str(query.after.value)
            bound = [f"(s.published_at, s.article_id) {compare} (?, ?)"]
            params = [after, query.after.id, *params]
            if descending:
                last = after
            else:
                first = after
        if query.date_from is not None:
            first = max(first, query.date_from.isoformat())
        if query.date_to is not None:
            last = min(last, (query.date_to + dt.timedelta(days=1)).isoformat())
        # The span of dates, and where the page would end if every article matched (the
        # first window reaches there), in one round trip through the date index.
        live = "FROM article WHERE deleted_at IS NULL AND published_at BETWEEN ? AND ?"
        span = self.database.execute_sql(
            f"SELECT (SELECT min(published_at) {live}), (SELECT max(published_at) {live}), "
            f"(SELECT published_at {live} ORDER BY published_at {direction}, id {direction} "
            "OFFSET ? LIMIT 1)",
            (first, last, first, last, first, last, wanted - 1),
        ).fetchone()
        if span is None or span[0] is None:
            return Page()
        first, last = str(span[0]), str(span[1])
        start = span[2] if span[2] is not None else (first if descending else last)
        test, test_params = _server_test(ServerMatch(match.terms, match.pattern, True))
        confirm: list[Any] = []
        if not match.exact:
            # Tested on the window's candidates in date order, only until the page is full.
            where.append("strpos(m.lines, ?) > 0")
            confirm = [match.pattern]
        month = SEARCH_MONTH.format(row="s.")
        candidates = (
            f"SELECT s.article_id, s.published_at, s.lines FROM article_search s "
            f"WHERE {' AND '.join([test, f'{month} && {_TERMS}', *bound])} "
            f"ORDER BY s.published_at {direction}, s.article_id {direction} OFFSET 0"
        )
        sql = (
            f"SELECT {_SUMMARY_COLUMNS} FROM ({candidates}) m "
            "JOIN article a ON a.id = m.article_id "
            f"LEFT JOIN site_column c ON c.id = a.column_id WHERE {' AND '.join(where)} "
            f"ORDER BY m.published_at {direction}, m.article_id {direction} LIMIT ?"
        )
        # Every window in one statement: UNION ALL runs its branches in turn and the outer
        # LIMIT stops it once the page is full, so later windows cost nothing for a common
        # word and a rare one needs no round trip per window.
        windows = list(month_windows(first, last, descending, start))
        if not windows:
            return Page()
        branches = " UNION ALL ".join(f"({sql})" for _ in windows)
        statement = f"SELECT * FROM ({branches}) w LIMIT ?"
        values: list[Any] = []
        for months in windows:
            values += [*test_params, _terms_text(months), *params, *confirm, wanted]
        with self.database.atomic():
            _index_scans_only(self.database)
            # In turn, not side by side: a parallel plan could take a later window's rows first.
            self.database.execute_sql(
                "SELECT set_config('max_parallel_workers_per_gather', '0', true)"
            )
            found = self.database.execute_sql(statement, [*values, wanted]).fetchall()
        return _page(query, found)

    def _server_candidates(self, match: ServerMatch) -> int:
        """How many articles have every term of a search, counted up to just past the limit."""
        with self.database.atomic():
            _index_scans_only(self.database)
            row = self.database.execute_sql(
                f"SELECT count(*) FROM (SELECT 1 FROM article_search WHERE terms @> {_TERMS} "
                "LIMIT ?) m",
                (_terms_text(match.terms), _COLLECT_AT_MOST + 1),
            ).fetchone()
        return int(row[0])

    def _matches_many(self, expression: str) -> bool:
        """Whether a search matches more articles than are worth collecting and sorting."""
        rows = self.database.execute_sql(
            "SELECT count(*) FROM (SELECT rowid FROM article_search "
            "WHERE article_search MATCH ? LIMIT ?)",
            (expression, _MANY_MATCHES + 1),
        ).fetchone()
        return int(rows[0]) > _MANY_MATCHES

    def search(self, text: str, limit: int = 100) -> list[ArticleSummary]:
        """Return articles whose title, subtitle, body, byline or source contain ``text``."""
        if not text.strip():
            return []
        return self.list_articles(ListQuery(text=text, limit=limit)).items

    def count_articles(self, query: ListQuery | None = None) -> int:
        """Count the articles a listing would show over all its pages."""
        query = query or ListQuery()
        where, params = _filters(query)
        if self.address is not None and query.text.strip():
            match = server_match(query.text)
            if match is None:
                return 0
            self._catch_up_search()
            test, test_params = _server_test(match)
            where.append(f"a.id IN (SELECT s.article_id FROM article_search s WHERE {test})")
            params.extend(test_params)
        elif query.text.strip():
            expression = match_expression(query.text)
            if expression is None:
                return 0
            where.append(
                f"a.id IN (SELECT rowid % {ID_SPAN} FROM article_search "
                "WHERE article_search MATCH ?)"
            )
            params.append(expression)
        sql = f"SELECT count(*) FROM article a WHERE {' AND '.join(where)}"
        if self.address is not None and query.text.strip():
            # Read through the GIN index: a scan of the table would unpack every article's terms.
            with self.database.atomic():
                _index_scans_only(self.database)
                return int(self.database.execute_sql(sql, params).fetchone()[0])
        return int(self.database.execute_sql(sql, params).fetchone()[0])

    # Site settings ---------------------------------------------------------------------------

    def site(self) -> Site:
        """Return the site settings, defaults filled in for keys never set."""
        site = Site()
        for record in self._models.Setting.select():
            if record.key in Site.keys():  # noqa: SIM118 - keys() is a classmethod, not dict.keys
                try:
                    site = site.with_value(record.key, record.value)
                except ValueError:
                    continue  # a bad stored value falls back to the default
        return site

    def save_site(self, site: Site) -> None:
        """Store every site setting."""
        model = self._models.Setting
        rows = [{"key": k, "value": str(v)} for k, v in site.to_dict().items()]
        with self._writing(), self.database.atomic():
            model.insert_many(rows).on_conflict(
                conflict_target=[model.key], update={model.value: pw.EXCLUDED.value}
            ).execute()


def _connection_lost(exc: BaseException) -> bool:
    from desktop.store.postgres import connection_lost

    return connection_lost(exc)


def _server_companion(address: ServerAddress) -> Path:
    """Where this PC keeps the files that belong beside a server database (known hosts …)."""
    from desktop.config import data_dir

    name = f"{address.host or 'local'}-{address.port or 5432}-{address.database}"
    safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in name)
    return data_dir() / "servers" / safe / "newsroom.db"


def _has_log(path: Path) -> bool:
    """Whether a write-ahead log with frames in it lies beside the database file."""
    try:
        return Path(f"{path}-wal").stat().st_size > 0
    except OSError:
        return False


def _read_only_database(path: Path) -> pw.SqliteDatabase:
    """A connection that cannot write the file, its log or the log's index (``-shm``)."""
    uri = read_only_uri(path)
    # journal_mode is the file's own (WAL) and cannot be set without writing.
    pragmas = [p for p in PRAGMAS if p[0] != "journal_mode"]
    return pw.SqliteDatabase(uri, pragmas=pragmas, timeout=5, uri=True)


def _reading_database(path: Path) -> pw.SqliteDatabase:
    """A read-only connection that shares the live log's index with the program writing it.

    Unlike ``_read_only_database`` it may write that index (as every reader of a live log
    does, to say which part of the log it reads), so that a window saving meanwhile never
    makes it fail; it cannot write the file or its log, nor checkpoint the log when it closes.
    """
    uri = f"{path.resolve().as_uri()}?mode=ro"
    pragmas = [p for p in PRAGMAS if p[0] != "journal_mode"]
    return pw.SqliteDatabase(uri, pragmas=pragmas, timeout=5, uri=True)


def _page(query: ListQuery, rows: Sequence[Sequence[Any]]) -> Page:
    """One page of a listing from its rows (one more than the limit when there are more)."""
    limit = max(1, query.limit)
    items = [_summary_from_row(row) for row in rows[:limit]]
    next_cursor = None
    if len(rows) > limit:
        last = items[-1]
        value = {
            Sort.DATE: last.published_at,
            Sort.TITLE: last.title,
            Sort.UPDATED: last.updated_at,
        }[query.sort]
        next_cursor = Cursor(value, last.id)
    return Page(items, next_cursor)


def _server_test(match: ServerMatch) -> tuple[str, list[Any]]:
    """The WHERE test (on ``article_search s``) of a server search, and its parameters."""
    if match.exact:
        return f"s.terms @> {_TERMS}", [_terms_text(match.terms)]
    return f"s.terms @> {_TERMS} AND strpos(s.lines, ?) > 0", [
        _terms_text(match.terms),
        match.pattern,
    ]


def _index_scans_only(database: pw.Database) -> None:
    """For this transaction, have the planner read the terms through their GIN index.

    Testing a row's terms costs tens of microseconds (the array is decompressed and searched),
    while the index answers for every row at once; a term in most articles makes the planner
    estimate a scan of the table as cheaper, and it is not.
    """
    database.execute_sql("SELECT set_config('enable_seqscan', 'off', true)")


#: Terms travel as one line each in a text, cut on the server: far cheaper than a text[] value.
_TERMS = "string_to_array(?, E'\\n')"


def _terms_text(terms: Sequence[str]) -> str:
    return "\n".join(terms)


def _filters(query: ListQuery) -> tuple[list[str], list[Any]]:
    """The WHERE terms (on ``article a``) and parameters of a listing's filters, text aside."""
    where: list[str] = ["a.deleted_at IS NULL"]
    params: list[Any] = []
    if query.status is not None:
        where.append("a.status = ?")
        params.append(Status(query.status).value)
    if query.column is not None:
        where.append("a.column_id = (SELECT id FROM site_column WHERE name = ?)")
        params.append(query.column)
    if query.date_from is not None:
        where.append("a.published_at >= ?")
        params.append(query.date_from.isoformat())
    if query.date_to is not None:
        where.append("a.published_at < ?")
        params.append((query.date_to + dt.timedelta(days=1)).isoformat())
    if query.ids is not None:
        # A handful of ids (what waits for one person); ints only, so no quoting is needed.
        where.append(f"a.id IN ({', '.join(str(int(i)) for i in query.ids) or 'NULL'})")
    return where, params


def _row_values(values: dict[str, Any]) -> list[Any]:
    """An article row's values for plain SQL: times as the text SQLite stores."""
    return [str(v) if isinstance(v, dt.datetime) else v for v in values.values()]


def _added(article: Article, new_id: int, values: dict[str, Any]) -> Article:
    """The article as stored just now: its id, first version and times."""
    return replace(
        article,
        id=new_id,
        version=1,
        created_at=values["created_at"],
        updated_at=values["updated_at"],
    )


def _validate(article: Article) -> None:
    if not clean_line(article.title).strip():
        raise StoreError(tr("an article needs a title"))
    if not 1970 <= article.published_at.year <= 9999:
        raise StoreError(
            tr(
                "the publication date {published_at:%Y-%m-%d} is out of range",
                published_at=article.published_at,
            )
        )
    Status(article.status)


def _record_fields(article: Article, column_id: int | None) -> dict[str, Any]:
    """Return the article table's values for an article's edited fields (already cleaned)."""
    values: dict[str, Any] = {}
    for spec in EDITED_FIELDS:
        value = getattr(article, spec.name)
        if spec.kind is FieldKind.COLUMN:
            value = column_id
        elif spec.kind is FieldKind.KEYWORDS:
            value = json.dumps(value, ensure_ascii=False)
        elif spec.kind is FieldKind.ATTACHMENTS:
            value = json.dumps([a.to_json() for a in value], ensure_ascii=False)
        elif spec.kind is FieldKind.TIME:
            value = _seconds(value)
        elif spec.kind is FieldKind.STATUS:
            value = Status(value).value
        values[spec.column_name] = value
    return values


def _keywords_from_record(value: Any) -> list[str]:
    try:
        return [str(k) for k in json.loads(value or "[]")]
    except (ValueError, TypeError):
        return []


def _attachments_from_record(value: Any) -> list[Attachment]:
    try:
        return [Attachment.from_json(a) for a in json.loads(value or "[]")]
    except (ValueError, TypeError, KeyError):
        return []


def _column_from_record(record: Any) -> str:
    return record.column.name if record.column_id is not None else ""


def _time_from_record(value: Any) -> dt.datetime | None:
    return _parse_time(value) if value is not None else None


def _record_reader(spec: FieldSpec) -> Callable[[Any], Any]:
    """Return how one field is read from an article row (chosen once, not per row)."""
    if spec.kind is FieldKind.COLUMN:
        return _column_from_record
    attribute = spec.column_name
    converters: dict[FieldKind, Callable[[Any], Any]] = {
        FieldKind.KEYWORDS: _keywords_from_record,
        FieldKind.ATTACHMENTS: _attachments_from_record,
        FieldKind.TIME: _time_from_record,
        FieldKind.STATUS: Status,
    }
    convert = converters.get(spec.kind)
    if convert is None:
        return lambda record: getattr(record, attribute)
    return lambda record: convert(getattr(record, attribute))


# How a value selected as a plain column (a tuple row) becomes the field's value.
_TUPLE_CONVERTERS: dict[FieldKind, Callable[[Any], Any]] = {
    FieldKind.KEYWORDS: _keywords_from_record,
    FieldKind.ATTACHMENTS: _attachments_from_record,
    FieldKind.TIME: _time_from_record,
    FieldKind.STATUS: Status,
}
_RECORD_READERS = tuple((spec.name, _record_reader(spec)) for spec in ARTICLE_FIELDS)


def _article_from_record(record: Any) -> Article:
    return Article(**{name: read(record) for name, read in _RECORD_READERS})


def _summary_from_row(row: Sequence[Any]) -> ArticleSummary:
    return ArticleSummary(
        id=row[0],
        title=row[1],
        subtitle=row[2],
        column=row[3],
        author=row[4],
        source=row[5],
        status=Status(row[6]),
        published_at=_parse_time(row[7]),
        updated_at=_parse_time(row[8]),
    )
