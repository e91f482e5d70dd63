"""Numbered schema migrations, applied in one transaction when a database is opened.

Each migration moves the schema from version ``n - 1`` to ``n``; the version lives in
SQLite's ``user_version`` and the file is tagged with Newsroom's ``application_id`` so that
another application's database is never mistaken for ours. On a PostgreSQL server the same
list runs (``migrate_server``): a step's SQL is written in SQLite's dialect and translated
(:mod:`desktop.store.postgres`), and a step whose server SQL really differs (the search index)
brings its own; the version and the tag live in the one-row table ``newsroom_schema``.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from desktop.i18n import tr
from desktop.review import log as review_log
from desktop.review import record as review_record
from desktop.review.record import create_review_log_with_history
from desktop.store.attachments import create_attachment_tables
from desktop.store.pictures import create_picture_tables
from desktop.store.search import ID_SPAN, TOKENIZER
from desktop.store.team_schema import create_lock_table, create_server_team_tables

if TYPE_CHECKING:
    from desktop.store.postgres import ServerDatabase

#: "NWSR" as a 32-bit big-endian integer, stored in the SQLite header.
APPLICATION_ID = 0x4E575352


@dataclass(frozen=True)
class Migration:
    """One step of the schema history."""

    version: int
    description: str
    #: The step on SQLite; on a server too (translated) unless ``server`` is given.
    apply: Callable[[Any], None]
    #: The step on a PostgreSQL server where its SQL differs from SQLite's.
    server: Callable[[Any], None] | None = None


def _run_script(conn: sqlite3.Connection, script: str) -> None:
    """Run SQL statements one by one (``executescript`` would commit the open transaction)."""
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            conn.execute(pending)
            pending = ""
    if pending.strip():
        raise ValueError(tr("incomplete SQL statement in migration: {pending!r}", pending=pending))


def _core_tables(conn: sqlite3.Connection) -> None:
    _run_script(
        conn,
        """
        CREATE TABLE site_column (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            slug TEXT NOT NULL UNIQUE,
            position INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE article (
            id INTEGER PRIMARY KEY,
            kicker TEXT NOT NULL DEFAULT '',
            title TEXT NOT NULL,
            subtitle TEXT NOT NULL DEFAULT '',
            column_id INTEGER REFERENCES site_column(id) ON DELETE SET NULL,
            author TEXT NOT NULL DEFAULT '',
            source TEXT NOT NULL DEFAULT '',
            published_at TEXT NOT NULL,
            summary TEXT NOT NULL DEFAULT '',
            keywords TEXT NOT NULL DEFAULT '[]',
            cover TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'draft'
                CHECK (status IN ('draft', 'review', 'approved', 'published')),
            body TEXT NOT NULL DEFAULT '',
            version INTEGER NOT NULL DEFAULT 1,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            deleted_at TEXT
        );
        CREATE INDEX article_by_date ON article(published_at DESC, id DESC)
            WHERE deleted_at IS NULL;
        CREATE INDEX article_by_status ON article(status, published_at DESC, id DESC)
            WHERE deleted_at IS NULL;
        CREATE INDEX article_by_column ON article(column_id, published_at DESC, id DESC)
            WHERE deleted_at IS NULL;
        CREATE INDEX article_by_title ON article(title, id) WHERE deleted_at IS NULL;
        CREATE INDEX article_by_updated ON article(updated_at DESC, id DESC)
            WHERE deleted_at IS NULL;
        CREATE TABLE site_setting (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        ) WITHOUT ROWID;
        """,
    )


_SEARCH_KEY = (
    "(CAST(strftime('%s', {row}.published_at) AS INTEGER) * " + str(ID_SPAN) + " + {row}.id)"
)
_SEARCH_VALUES = (
    "newsroom_index_text({row}.title), newsroom_index_text({row}.subtitle), "
    "newsroom_index_text({row}.body), newsroom_index_text({row}.author), "
    "newsroom_index_text({row}.source)"
)


def _search_index(conn: sqlite3.Connection) -> None:
    # Contentless: the spaced copy of the text is only tokenised, never stored twice. The
    # triggers keep it in step with every write to ``article``, whoever makes it; trashed
    # articles leave the index.
    new_key, old_key = _SEARCH_KEY.format(row="NEW"), _SEARCH_KEY.format(row="OLD")
    new_values, old_values = _SEARCH_VALUES.format(row="NEW"), _SEARCH_VALUES.format(row="OLD")
    _run_script(
        conn,
        f"""
        CREATE VIRTUAL TABLE article_search USING fts5(
            title, subtitle, body, author, source,
            content='', tokenize="{TOKENIZER}"
        );
        CREATE TRIGGER article_search_insert AFTER INSERT ON article
        WHEN NEW.deleted_at IS NULL BEGIN
            INSERT INTO article_search(rowid, title, subtitle, body, author, source)
            VALUES ({new_key}, {new_values});
        END;
        CREATE TRIGGER article_search_delete AFTER DELETE ON article
        WHEN OLD.deleted_at IS NULL BEGIN
            INSERT INTO article_search(article_search, rowid, title, subtitle, body, author, source)
            VALUES ('delete', {old_key}, {old_values});
        END;
        CREATE TRIGGER article_search_update AFTER UPDATE OF
            title, subtitle, body, author, source, published_at, deleted_at ON article
        BEGIN
            INSERT INTO article_search(article_search, rowid, title, subtitle, body, author, source)
            SELECT 'delete', {old_key}, {old_values} WHERE OLD.deleted_at IS NULL;
            INSERT INTO article_search(rowid, title, subtitle, body, author, source)
            SELECT {new_key}, {new_values} WHERE NEW.deleted_at IS NULL;
        END;
        """,
    )
    conn.execute(
        f"""INSERT INTO article_search(rowid, title, subtitle, body, author, source)
            SELECT {_SEARCH_KEY.format(row="article")}, {_SEARCH_VALUES.format(row="article")}
            FROM article WHERE deleted_at IS NULL"""
    )


#: The searchable fields of an article, in the order the index reads them.
SEARCH_FIELDS = ("title", "subtitle", "body", "author", "source")


@dataclass(frozen=True)
class UpgradeProgress:
    """How far an upgrade of the schema is: the step under way, and ``done`` of ``total``.

    ``total`` is 0 while a step's length is not known (it has just begun); the upgrade runs in
    one transaction, so one that is stopped leaves the old schema and starts again next time.
    """

    version: int
    description: str
    done: int
    total: int


#: What hears an upgrade's progress (a progress dialog, a line on stderr).
UpgradeReport = Callable[[UpgradeProgress], None]

_default_report: UpgradeReport | None = None


@contextmanager
def upgrades_reported_to(report: UpgradeReport) -> Iterator[None]:
    """Inside, an upgrade of a server database reports to ``report`` when nobody else asked
    (the commands: every one may be the first to open a database after an update)."""
    global _default_report
    before, _default_report = _default_report, report
    try:
        yield
    finally:
        _default_report = before


#: How often the progress of a long statement (building an index) is read, in seconds.
PROGRESS_POLL_S = 0.5


#: The month of an index row on a server (``2025-11``), the GIN index's second column: a
#: search names it exactly so, to have the index answer for it.
SEARCH_MONTH = "(ARRAY[substr({row}published_at, 1, 7)])"


def _server_search_index(conn: Any) -> None:
    # One row per article: its tokens and adjacent pairs (GIN, exact for 1-2 token queries) and
    # its token lines (a longer phrase is confirmed there). The tokens are Python's (the query
    # is cut the same way), so the store writes the row with every save; a write made any other
    # way queues the article in article_search_stale (a trigger), and the store indexes the
    # queue before it searches. Trashed articles stay indexed: the join filters them.
    _run_script(
        conn,
        """
        CREATE TABLE article_search (
            article_id INTEGER NOT NULL PRIMARY KEY REFERENCES article(id) ON DELETE CASCADE,
            terms TEXT[] NOT NULL,
            lines TEXT NOT NULL
        );
        CREATE INDEX article_search_terms ON article_search USING gin (terms);
        CREATE TABLE article_search_stale (
            article_id INTEGER NOT NULL PRIMARY KEY REFERENCES article(id) ON DELETE CASCADE
        );
        """,
    )
    conn.execute(
        """CREATE FUNCTION newsroom_search_stale() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO article_search_stale (article_id) VALUES (NEW.id) ON CONFLICT DO NOTHING;
            RETURN NULL;
        END $$"""
    )
    conn.execute(
        f"""CREATE TRIGGER article_search_stale
        AFTER INSERT OR UPDATE OF {", ".join(SEARCH_FIELDS)} ON article
        FOR EACH ROW EXECUTE FUNCTION newsroom_search_stale()"""
    )
    conn.execute("INSERT INTO article_search_stale (article_id) SELECT id FROM article")


def _no_change(conn: Any) -> None:
    """A step with nothing to do on SQLite."""


def _server_search_by_month(conn: Any) -> None:
    # Each article's index row gains its publication time, and the GIN index its month as a
    # second column, so a search in date order asks the index for a few months at a time
    # (desktop/store/search.py). The index is built anew after the rows are filled: updating
    # them under the old index would insert every term of every article again.
    conn.execute("SELECT set_config('maintenance_work_mem', '256MB', true)")
    conn.execute("DROP INDEX article_search_terms")
    conn.execute("ALTER TABLE article_search ADD COLUMN published_at TEXT NOT NULL DEFAULT ''")
    # Terms are matched exactly, never sorted for a reader: byte order builds the index a
    # quarter faster than a language's collation (no rewrite: only the collation changes).
    conn.execute('ALTER TABLE article_search ALTER COLUMN terms TYPE TEXT[] COLLATE "C"')
    conn.execute(
        "UPDATE article_search s SET published_at = a.published_at FROM article a "
        "WHERE a.id = s.article_id"
    )
    # Nearly all of the step (8-9 minutes at 100,000 articles): its progress is read aside.
    conn.build_index(
        "CREATE INDEX article_search_terms ON article_search "
        f"USING gin (terms, {SEARCH_MONTH.format(row='')})"
    )
    # A publication time changed past the store re-indexes the article like a text does.
    conn.execute("DROP TRIGGER article_search_stale ON article")
    conn.execute(
        f"""CREATE TRIGGER article_search_stale
        AFTER INSERT OR UPDATE OF {", ".join(SEARCH_FIELDS)}, published_at ON article
        FOR EACH ROW EXECUTE FUNCTION newsroom_search_stale()"""
    )
    conn.execute("ANALYZE article_search")  # the planner's figures for the new column


def _server_review_log(conn: Any) -> None:
    # The log's table and index as on SQLite; its append-only rule as a PostgreSQL trigger
    # function (SQLite's RAISE(ABORT) triggers are its own dialect).
    table, index = review_log.SCHEMA[0], review_log.SCHEMA[1]
    conn.execute(table)
    conn.execute(index)
    conn.execute(
        """CREATE FUNCTION newsroom_review_log_append_only() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            -- Only replacing the whole database (newsroom migrate --replace) empties it.
            IF current_setting('newsroom.replacing', true) = 'on' THEN
                RETURN OLD;
            END IF;
            RAISE EXCEPTION 'the review log is append-only';
        END $$"""
    )
    conn.execute(
        "CREATE TRIGGER review_log_append_only BEFORE UPDATE OR DELETE ON review_log "
        "FOR EACH ROW EXECUTE FUNCTION newsroom_review_log_append_only()"
    )
    cursor = conn.execute(
        "SELECT a.*, c.name AS column_name FROM article a "
        "LEFT JOIN site_column c ON c.id = a.column_id "
        "WHERE a.status IN ('approved', 'published') ORDER BY a.id"
    )
    names = [d[0] for d in cursor.description]
    articles = [
        review_record._article_from_row(dict(zip(names, row, strict=True)))  # type: ignore[arg-type]
        for row in cursor.fetchall()
    ]
    review_record.record_arrivals(conn, articles, dt.datetime.now().replace(microsecond=0))


def _byline_indexes(conn: sqlite3.Connection) -> None:
    # The editor offers earlier authors and sources; counting them must not read every body.
    _run_script(
        conn,
        """
        CREATE INDEX article_by_author ON article(author) WHERE deleted_at IS NULL;
        CREATE INDEX article_by_source ON article(source) WHERE deleted_at IS NULL;
        """,
    )


def _export_stamps(conn: sqlite3.Connection) -> None:
    # A re-export compares every article's version with the last export's. The columns come
    # after the body in the table, so reading them from it reads every body's overflow pages
    # (a tenth of a second at 10,000 articles); this index answers from itself. A server's
    # export plans from its articles whole, so it has none.
    _run_script(
        conn,
        """
        CREATE INDEX article_export_stamps ON article(status, id, version, updated_at)
            WHERE deleted_at IS NULL;
        """,
    )


def _export_bundles(conn: sqlite3.Connection) -> None:
    # What each folder's last export wrote of every article, by folder: a re-export finds the
    # few changed articles with one query against it instead of reading 10,000 entries back
    # from JSON, and writes only their rows. A cache of this file's exports: never copied.
    _run_script(
        conn,
        """
        CREATE TABLE export_stamp (
            bundle TEXT NOT NULL,
            article_id INTEGER NOT NULL,
            version INTEGER NOT NULL,
            updated_at TEXT,
            listing TEXT NOT NULL,
            newer INTEGER NOT NULL,
            older INTEGER NOT NULL,
            related TEXT NOT NULL,
            PRIMARY KEY (bundle, article_id)
        ) WITHOUT ROWID;
        """,
    )


def _revisions(conn: sqlite3.Connection) -> None:
    # Revisions keep whole copies (fields as JSON, body as text): restoring must give back the
    # exact bytes, and a copy is readable without replaying deltas. The digest lets a save skip
    # a copy identical to the last one; store_state remembers housekeeping such as pruning.
    _run_script(
        conn,
        """
        CREATE TABLE revision (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,
            created_at TEXT NOT NULL,
            reason TEXT NOT NULL,
            version INTEGER NOT NULL,
            status TEXT NOT NULL,
            title TEXT NOT NULL,
            size INTEGER NOT NULL,
            digest TEXT NOT NULL,
            fields TEXT NOT NULL,
            body TEXT NOT NULL
        );
        CREATE INDEX revision_by_article ON revision(article_id, id);
        CREATE TABLE store_state (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        ) WITHOUT ROWID;
        """,
    )


# Importing desktop.proofread runs its checker's set-up (word lists, patterns): a tenth of a
# second or more that opening a database, as every command does, must not pay for two
# migrations that run once per database.
def _proofread_tables(conn: sqlite3.Connection) -> None:
    from desktop.proofread.schema import create_proofread_tables

    create_proofread_tables(conn)


def _selfcheck_tables(conn: sqlite3.Connection) -> None:
    from desktop.proofread.schema import create_selfcheck_tables

    create_selfcheck_tables(conn)


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "columns, articles and site settings", _core_tables),
    Migration(2, "Chinese substring search index", _search_index, _server_search_index),
    Migration(3, "indexes for remembered authors and sources", _byline_indexes),
    Migration(4, "revisions", _revisions),
    Migration(5, "pictures", create_picture_tables),
    Migration(6, "office word list", _proofread_tables),
    Migration(
        7,
        "append-only review log (三审三校)",
        create_review_log_with_history,
        _server_review_log,
    ),
    Migration(8, "last link check and column update windows", _selfcheck_tables),
    Migration(9, "attachments", create_attachment_tables),
    Migration(10, "search by month on a server", _no_change, _server_search_by_month),
    Migration(
        11,
        "edit locks; on a server, notices of every change",
        create_lock_table,
        create_server_team_tables,
    ),
    Migration(12, "the export's index of article versions", _export_stamps, _no_change),
    Migration(13, "the export's stamps of each folder's articles", _export_bundles, _no_change),
)

#: The schema version this code writes.
SCHEMA_VERSION = MIGRATIONS[-1].version


class SchemaError(RuntimeError):
    """The database cannot be used by this version of Newsroom."""


def _check_identity(conn: sqlite3.Connection) -> int:
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    current = conn.execute("PRAGMA user_version").fetchone()[0]
    has_tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0
    if app_id not in (0, APPLICATION_ID) or (app_id == 0 and has_tables):
        raise SchemaError(tr("this file is another application's database, not a Newsroom one"))
    if current > SCHEMA_VERSION:
        raise SchemaError(
            tr(
                "the database was written by a newer Newsroom (schema {current}, this version "
                "knows up to {schema_version})",
                current=current,
                schema_version=SCHEMA_VERSION,
            )
        )
    return int(current)


def migrate(conn: sqlite3.Connection, target: int = SCHEMA_VERSION) -> int:
    """Bring the database up to ``target`` in one transaction; return the version it had."""
    current = _check_identity(conn)
    if current >= target:
        return current
    # sqlite3 in Python opens transactions implicitly only for DML; take control explicitly so
    # that DDL and data changes of every pending step commit together or not at all.
    conn.execute("BEGIN IMMEDIATE")
    try:
        for migration in MIGRATIONS:
            if current < migration.version <= target:
                migration.apply(conn)
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute(f"PRAGMA user_version = {target}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return current


#: The advisory lock two PCs opening a new server database at once take in turn.
_MIGRATION_LOCK = APPLICATION_ID


class _ServerScript:
    """What a migration step calls ``conn``, on a server: each statement translated."""

    def __init__(self, database: ServerDatabase, report: UpgradeReport | None = None) -> None:
        self.database = database
        self.report = report
        self.step: Migration | None = None

    def execute(self, sql: str, params: Any = None) -> Any:
        """Run one statement (SQLite dialect)."""
        return self.database.execute_sql(sql, params)

    def tell(self, done: int, total: int) -> None:
        """Report how far the step under way is."""
        if self.report is not None and self.step is not None:
            self.report(UpgradeProgress(self.step.version, self.step.description, done, total))

    def build_index(self, sql: str) -> None:
        """Run a ``CREATE INDEX``, reporting the table blocks it has read as it goes.

        The server counts them in ``pg_stat_progress_create_index``, read on a connection of
        a thread of its own (Peewee's connections are per thread) while this one builds.
        """
        if self.report is None:
            self.execute(sql)
            return
        pid = self.database.execute_sql("SELECT pg_backend_pid()").fetchone()[0]
        # Said at once: the first reading comes only after a poll, and a small build may be
        # over by then, leaving a command that was killed meanwhile with nothing said.
        self.tell(0, 1)
        finished = threading.Event()
        database = self.database

        def watch() -> None:
            try:
                while not finished.wait(PROGRESS_POLL_S):
                    row = database.execute_sql(
                        "SELECT blocks_done, blocks_total FROM pg_stat_progress_create_index "
                        "WHERE pid = ?",
                        (pid,),
                    ).fetchone()
                    if row is not None and row[1]:
                        self.tell(int(row[0]), int(row[1]))
            except Exception:  # the progress is a courtesy: the build goes on without it
                return
            finally:
                if not database.is_closed():
                    database.close()  # this thread's own connection

        watcher = threading.Thread(target=watch, name="index build progress", daemon=True)
        watcher.start()
        try:
            self.execute(sql)
        finally:
            finished.set()
            watcher.join()


def server_version(database: ServerDatabase) -> int:
    """Return the schema version recorded on the server (0 for a database never used)."""
    if not database.has_table("newsroom_schema"):
        return 0
    row = database.execute_sql("SELECT version FROM newsroom_schema").fetchone()
    return int(row[0]) if row else 0


def migrate_server(
    database: ServerDatabase,
    target: int = SCHEMA_VERSION,
    *,
    progress: UpgradeReport | None = None,
) -> int:
    """Bring a server database up to ``target`` in one transaction; return its old version.

    ``progress`` (else the one given to ``upgrades_reported_to``) hears each step begin and
    how far a long one is. Stopped midway (killed, the server gone), the transaction leaves
    the old schema as it was, and the next open runs the upgrade again from its start.
    """
    report = progress or _default_report
    with database.atomic():
        database.execute_sql("SELECT pg_advisory_xact_lock(?)", (_MIGRATION_LOCK,))
        owner = database.execute_sql(
            "SELECT pg_get_userbyid(datdba), pg_has_role(datdba, 'MEMBER') FROM pg_database "
            "WHERE datname = current_database()"
        ).fetchone()
        if owner is not None and owner[1]:
            # Tables belong to the database's owner (the office's group role), not to whoever
            # happened to open it first, so every member's login can use and upgrade them.
            database.execute_sql(f"SET LOCAL ROLE {_quote_name(owner[0])}")
        if database.has_table("newsroom_schema"):
            row = database.execute_sql(
                "SELECT application_id, version FROM newsroom_schema"
            ).fetchone()
            if row is None or row[0] != APPLICATION_ID:
                raise SchemaError(tr("this database belongs to another application"))
            current = int(row[1])
        else:
            if database.tables():
                raise SchemaError(tr("this database holds another application's tables"))
            database.execute_sql(
                "CREATE TABLE newsroom_schema (application_id INTEGER NOT NULL, "
                "version INTEGER NOT NULL)"
            )
            database.execute_sql(
                "INSERT INTO newsroom_schema (application_id, version) VALUES (?, 0)",
                (APPLICATION_ID,),
            )
            current = 0
        if current > SCHEMA_VERSION:
            raise SchemaError(
                tr(
                    "the database was written by a newer Newsroom (schema {current}, this "
                    "version knows up to {schema_version})",
                    current=current,
                    schema_version=SCHEMA_VERSION,
                )
            )
        if current < target:
            script = _ServerScript(database, report)
            for migration in MIGRATIONS:
                if current < migration.version <= target:
                    script.step = migration
                    script.tell(0, 0)
                    (migration.server or migration.apply)(script)
                    database.forget_schema()
            database.execute_sql("UPDATE newsroom_schema SET version = ?", (target,))
    database.forget_schema()
    return current


def _quote_name(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'
