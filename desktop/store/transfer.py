"""Copying a whole database between backends: SQLite → server (team mode starts), server →
SQLite (a handover, or a backup a single PC can open), or between two of the same kind.

Both stores are open and at the same schema version. Every table is copied row by row in one
transaction on the target, parents before children; search indexes are rebuilt by the target
(SQLite's triggers, the server's queue). At the end both sides are read again and compared,
table by table, by row count and by a hash of every row in key order: a copy that differs in
one byte is rolled back, never left half right.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from desktop.i18n import tr
from desktop.store.errors import StoreError

if TYPE_CHECKING:
    from desktop.store.store import Store

#: Tables in the order they are written (a row's parents first); others follow by name.
TABLE_ORDER = (
    "site_column",
    "article",
    "revision",
    "site_setting",
    "store_state",
    "picture",
    "picture_original",
    "picture_thumbnail",
    "office_word",
    "proofread_ignore",
)

#: Tables that are indexes or bookkeeping of one backend, rebuilt there, never copied; the
#: edit locks say who has a window open on this database now, nothing a copy should hold;
#: the export's stamps describe folders on this PC.
_DERIVED = frozenset(
    {"article_search", "article_search_stale", "newsroom_schema", "edit_lock", "export_stamp"}
)

#: Rows read and written per batch.
BATCH = 500

#: ``progress(done_rows, total_rows)``; returning False cancels (nothing is written).
Progress = Callable[[int, int], "bool | None"]


class TransferError(StoreError):
    """A database could not be copied; the target was left as it was."""


class TransferCancelled(TransferError):
    """The user cancelled the copy; the target was left as it was."""


@dataclass(frozen=True)
class TableCopy:
    """What was copied of one table, and the hash both sides agree on."""

    name: str
    rows: int
    digest: str


def data_tables(store: Store) -> list[str]:
    """Return the tables holding the store's data, in copying order."""
    if store.is_server:
        names = store.database.tables()  # type: ignore[attr-defined]
    else:
        rows = store.database.execute_sql(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND sql NOT LIKE 'CREATE VIRTUAL TABLE%'"
        ).fetchall()
        # FTS5's own tables (article_search_data, …) belong to the virtual table.
        names = [r[0] for r in rows if not str(r[0]).startswith("article_search")]
    present = [n for n in names if n not in _DERIVED]
    known = [n for n in TABLE_ORDER if n in present]
    return known + sorted(n for n in present if n not in TABLE_ORDER)


def table_columns(store: Store, table: str) -> list[str]:
    """Return a table's columns in their declared order."""
    if store.is_server:
        rows = store.database.execute_sql(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = "
            "current_schema() AND table_name = ? ORDER BY ordinal_position",
            (table,),
        ).fetchall()
        return [r[0] for r in rows]
    return [r[1] for r in store.database.execute_sql(f'PRAGMA table_info("{table}")')]


def _key_columns(store: Store, table: str, columns: Sequence[str]) -> list[str]:
    """The columns rows are read in order of: the primary key, else every column."""
    if store.is_server:
        keys = list(store.database.primary_key(table))  # type: ignore[attr-defined]
    else:
        info = list(store.database.execute_sql(f'PRAGMA table_info("{table}")'))
        keys = [r[1] for r in sorted((r for r in info if r[5]), key=lambda r: r[5])]
    # picture has a UNIQUE hash and no declared key (a rowid table, for its blobs).
    return keys or (["hash"] if "hash" in columns else list(columns))


def _rows(store: Store, table: str, columns: Sequence[str]) -> Iterator[tuple[Any, ...]]:
    """Yield a table's rows in key order, a batch at a time (keyset paging)."""
    keys = _key_columns(store, table, columns)
    names = ", ".join(columns)
    order = ", ".join(keys)
    where, last = "", None
    while True:
        params: list[Any] = []
        if last is not None:
            where = f" WHERE ({order}) > ({', '.join('?' * len(keys))})"
            params = [last[columns.index(k)] for k in keys]
        # The server's text columns sort in the "C" collation, SQLite's binary order: both sides
        # read the rows in the same order.
        batch = store.database.execute_sql(
            f"SELECT {names} FROM {table}{where} ORDER BY {order} LIMIT {BATCH}", params
        ).fetchall()
        if not batch:
            return
        yield from (tuple(row) for row in batch)
        last = batch[-1]


def _canonical(value: Any) -> bytes:
    """One value as bytes both backends give alike (memoryview and bytes, int and bool)."""
    if value is None:
        return b"\x00N"
    if isinstance(value, bytes | bytearray | memoryview):
        return b"\x00B" + bytes(value)
    if isinstance(value, bool):
        value = int(value)
    return b"\x00" + type(value).__name__[:1].encode() + str(value).encode()


def table_digest(store: Store, table: str, columns: Sequence[str]) -> tuple[int, str]:
    """Return a table's row count and the SHA-256 of its rows in key order."""
    digest = hashlib.sha256()
    count = 0
    for row in _rows(store, table, columns):
        count += 1
        for value in row:
            digest.update(_canonical(value))
        digest.update(b"\x01")
    return count, digest.hexdigest()


def is_empty(store: Store) -> bool:
    """Whether a store holds nothing a user made (no articles, columns, settings, pictures…)."""
    for table in data_tables(store):
        if table == "store_state":
            continue  # housekeeping written on open (when revisions were last pruned)
        if store.database.execute_sql(f"SELECT 1 FROM {table} LIMIT 1").fetchone():
            return False
    return True


def copy_database(
    source: Store,
    target: Store,
    *,
    replace: bool = False,
    progress: Progress | None = None,
) -> list[TableCopy]:
    """Copy every table of ``source`` into ``target`` and check the copy; return what it holds.

    A target that holds anything raises ``TransferError`` unless ``replace`` is given, which
    empties it first (in the same transaction: a failed copy leaves the old contents).
    """
    if source.schema_version() != target.schema_version():
        raise TransferError(
            tr(
                "the two databases are at different schema versions ({one} and {other}); "
                "open both with this version of Newsroom first",
                one=source.schema_version(),
                other=target.schema_version(),
            )
        )
    if not replace and not is_empty(target):
        raise TransferError(
            tr(
                "{target} already holds articles or settings; nothing was copied "
                "(give --replace to replace everything in it)",
                target=target.location,
            )
        )
    tables = data_tables(source)
    missing = [t for t in tables if t not in set(data_tables(target))]
    if missing:
        raise TransferError(
            tr("{target} has no table {tables}", target=target.location, tables=", ".join(missing))
        )
    with source.snapshot():
        totals = {
            t: int(source.database.execute_sql(f"SELECT count(*) FROM {t}").fetchone()[0])
            for t in tables
        }
        total = sum(totals.values())
        done = 0
        if progress is not None and progress(0, total) is False:
            raise TransferCancelled(tr("the copy was cancelled"))
        copied: list[TableCopy] = []
        with target.transaction():
            _empty(target)
            for table in tables:
                wanted = set(table_columns(target, table))
                columns = [c for c in table_columns(source, table) if c in wanted]
                insert = (
                    f"INSERT INTO {table} ({', '.join(columns)}) "
                    f"VALUES ({', '.join('?' * len(columns))})"
                )
                batch: list[tuple[Any, ...]] = []
                for row in _rows(source, table, columns):
                    batch.append(row)
                    if len(batch) >= BATCH:
                        done += _write_batch(target, insert, batch)
                        if progress is not None and progress(done, total) is False:
                            raise TransferCancelled(tr("the copy was cancelled"))
                done += _write_batch(target, insert, batch)
                _after_table(target, table, columns)
            for table in tables:
                wanted = set(table_columns(target, table))
                columns = [c for c in table_columns(source, table) if c in wanted]
                mine = table_digest(source, table, columns)
                theirs = table_digest(target, table, columns)
                if mine != theirs:
                    raise TransferError(
                        tr(
                            "the copy of {table} differs from the original ({copied:,} rows "
                            "copied of {rows:,}); nothing was kept",
                            table=table,
                            copied=theirs[0],
                            rows=mine[0],
                        )
                    )
                copied.append(TableCopy(table, mine[0], mine[1]))
    target.finish_bulk_copy()
    if progress is not None:
        progress(total, total)
    return copied


def _empty(target: Store) -> None:
    """Delete every row of the target, children first, append-only logs included.

    Replacing a whole database is the one time an append-only log (the sign-off log) is
    emptied: on a server its trigger lets this transaction through; on SQLite its triggers are
    dropped and made again inside the same transaction.
    """
    tables = data_tables(target)
    kept: list[str] = []
    if target.is_server:
        target.database.execute_sql("SELECT set_config('newsroom.replacing', 'on', true)")
    else:
        marks = ", ".join("?" * len(tables))
        triggers = target.database.execute_sql(
            f"SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
            f"AND tbl_name IN ({marks}) AND sql LIKE '%RAISE(ABORT%'",
            tables,
        ).fetchall()
        for name, sql in triggers:
            target.database.execute_sql(f'DROP TRIGGER "{name}"')
            kept.append(sql)
    for table in reversed(tables):
        target.database.execute_sql(f"DELETE FROM {table}")
    for sql in kept:
        target.database.execute_sql(sql)


def _write_batch(target: Store, insert: str, batch: list[tuple[Any, ...]]) -> int:
    """Insert a batch of rows (one round trip to a server: psycopg pipelines executemany)."""
    if not batch:
        return 0
    if target.is_server:
        from desktop.store.postgres import translate

        target.database.cursor().executemany(translate(insert), batch)
    else:
        target.database.cursor().executemany(insert, batch)
    written = len(batch)
    batch.clear()
    return written


def _after_table(target: Store, table: str, columns: Sequence[str]) -> None:
    """On a server, move a table's id counter past the copied ids."""
    if target.is_server and "id" in columns:
        target.database.execute_sql(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
            f"coalesce((SELECT max(id) FROM {table}), 0) + 1, false)"
        )
