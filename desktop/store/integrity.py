"""Checking a database file before use, strictly read-only: a damaged file is never written to.

Not even the write-ahead log's shared-memory index (``-shm``) is written: the check reads it
read-only (or checks a private copy when there is a log but no index), so a damaged database
is left byte for byte as it was found, for whoever tries to rescue it.
"""

from __future__ import annotations

import re
import sqlite3
import struct
import sys
from collections.abc import Collection, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

import peewee as pw

from desktop.i18n import tr
from desktop.store import migrations
from desktop.store.errors import Damage, DamagedDatabase, NewerDatabase, StoreError
from desktop.store.file_locks import reading

SQLITE_MAGIC = b"SQLite format 3\x00"

#: The write-ahead log's header and frame header sizes, and its magic numbers (the last bit
#: tells the byte order of its checksums).
_WAL_HEADER, _FRAME_HEADER = 32, 24
_WAL_MAGICS = (0x377F0682, 0x377F0683)
_WAL_VERSION = 3007000
#: Newsroom adds one schema version per upgrade: a number far beyond this one is a damaged
#: header, not a newer Newsroom.
_PLAUSIBLE_UPGRADES = 1000
#: The wal-index header in ``-shm``: two 48-byte copies, in the machine's byte order.
_INDEX_HEADER = struct.Struct("=IIIBBHII2I2I2I")


#: What reading a damaged file can raise once it is open: SQLite's errors (also wrapped by
#: Peewee), text that is not UTF-8, and stored values that cannot be what they claim to be
#: (a date, a status, a number).
READ_FAILURES: tuple[type[BaseException], ...] = (
    sqlite3.Error,
    pw.PeeweeException,
    UnicodeDecodeError,
    ValueError,
    OverflowError,
    struct.error,
)


def read_failure(path: Path, exc: BaseException, backup: Path | None = None) -> StoreError:
    """Describe for the user one of ``READ_FAILURES`` raised while reading the database."""
    cause: BaseException | None = exc
    while cause is not None and not isinstance(cause, sqlite3.Error):
        cause = cause.__cause__ or cause.__context__
    if isinstance(cause, sqlite3.Error) and _busy(cause):
        return StoreError(tr("the database is busy in another window or program; try again"))
    detail = " ".join(str(cause or exc).split())[:200] or type(exc).__name__
    return DamagedDatabase(
        path,
        Damage.CORRUPT,
        tr("the database is damaged: a stored value cannot be read ({detail})", detail=detail),
        backup,
    )


def connect_read_only(path: Path, *, untouched: bool = False) -> sqlite3.Connection:
    """Open a database so that nothing, not even a journal rollback, can write to it.

    ``untouched`` also keeps SQLite from creating or writing the files beside it (the log and
    its index), for reading a file that may be damaged: see ``read_only_uri``.
    """
    uri = read_only_uri(path) if untouched else f"{path.resolve().as_uri()}?mode=ro"
    return sqlite3.connect(uri, uri=True, isolation_level=None)


def read_only_uri(path: Path) -> str:
    """The URI that reads ``path`` leaving it, its ``-wal`` and its ``-shm`` as they are.

    A plain read-only connection still writes the log's index, and creates an empty log and
    index beside a closed file. With an index present it is read read-only (SQLite then keeps
    its own copy in memory); with no log at all the file is read as immutable (no log to
    apply, and another program opening it would have made both files first). A log without
    its index can only be read by creating one: the caller checks a private copy instead.
    """
    # A URI built from the absolute path: '?' or '#' in a folder name would otherwise end it.
    uri = f"{path.resolve().as_uri()}?mode=ro"
    if Path(f"{path}-shm").exists():
        return uri + "&readonly_shm=1"
    if not _has_frames(Path(f"{path}-wal")):
        return uri + "&immutable=1"
    return uri


def _has_frames(wal: Path) -> bool:
    try:
        return wal.stat().st_size > 0
    except OSError:
        return False


def check_database(
    path: Path,
    *,
    thorough: bool = False,
    pages: bool = True,
    uncompared: Collection[str] = (),
    log: bool = True,
) -> int:
    """Check a Newsroom database without writing to it; return its schema version (0 if new).

    Raises ``DamagedDatabase`` for a file that is not SQLite, another application's database,
    one whose write-ahead log lost committed changes, or one failing SQLite's quick check
    (``thorough``: the full integrity check, which also compares every index with its table),
    and ``NewerDatabase`` for a schema this version does not know. ``pages=False`` leaves out
    the page check (whose time grows with the file) for a caller that runs it separately.
    ``uncompared`` (with ``thorough``) leaves out the comparison of these tables' indexes with
    their rows, for a caller that compares the rows it reads (``rows_off_their_indexes``):
    every page still gets the quick check, every other table the full one. ``log=False``
    leaves out reading the write-ahead log's committed frames to compare them with its index
    (17 ms a megabyte of log), for a caller whose opening of the file has just done it.
    """
    path = Path(path)
    with reading(path) as handle:
        header = handle.read(100)
    if not header:
        return 0  # an empty file becomes a new database
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        raise DamagedDatabase(
            path, Damage.NOT_SQLITE, tr("the file is not an SQLite database (or it is damaged)")
        )
    problem = _log_problem(path, header) if log else ""
    if problem:
        raise DamagedDatabase(
            path, Damage.CORRUPT, tr("the database is damaged: {problem}", problem=problem)
        )
    with _readable(path) as (readable, untouched):
        try:
            return _check_contents(path, readable, untouched, thorough, pages, uncompared)
        except sqlite3.OperationalError as exc:
            if not untouched or not _busy(exc):
                raise DamagedDatabase(
                    path, Damage.CORRUPT, tr("the database cannot be read: {exc}", exc=exc)
                ) from exc
        # Another program is writing the log right now (a second window): its index is
        # live and not ours to keep still, so read it the ordinary way.
        return _check_contents(path, readable, False, thorough, pages, uncompared)


def _busy(exc: sqlite3.Error) -> bool:
    code = getattr(exc, "sqlite_errorcode", 0) or 0
    return code & 0xFF in (5, 6) or "locked" in str(exc) or "busy" in str(exc)


@contextmanager
def _readable(path: Path) -> Iterator[tuple[Path, bool]]:
    """Yield a path to read and whether it can be read leaving every file beside it as it is.

    A log without its index (a copy that left ``-shm`` behind) would make SQLite create the
    index beside the file; such a pair is read from a private copy instead.
    """
    wal = Path(f"{path}-wal")
    if Path(f"{path}-shm").exists() or not _has_frames(wal):
        yield path, True
        return
    import shutil  # only here: most checks read the file where it is
    import tempfile

    with tempfile.TemporaryDirectory(prefix="newsroom-check-") as folder:
        copy = Path(folder) / path.name
        shutil.copyfile(path, copy)
        shutil.copyfile(wal, f"{copy}-wal")
        yield copy, False


def _check_contents(
    path: Path,
    readable: Path,
    untouched: bool,
    thorough: bool,
    pages: bool,
    uncompared: Collection[str] = (),
) -> int:
    try:
        conn = connect_read_only(readable, untouched=untouched)
    except sqlite3.Error as exc:
        raise DamagedDatabase(
            path, Damage.CORRUPT, tr("the database cannot be read: {exc}", exc=exc)
        ) from exc
    # SQLite's reports quote what they found, which in a damaged file need not be UTF-8.
    conn.text_factory = lambda data: data.decode("utf-8", "replace")
    try:
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            has_tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0
        except sqlite3.OperationalError as exc:
            if _busy(exc):
                raise
            raise DamagedDatabase(
                path,
                Damage.CORRUPT,
                tr("the database is damaged and cannot be read ({exc})", exc=_one_line(exc)),
            ) from exc
        except sqlite3.Error as exc:
            raise DamagedDatabase(
                path,
                Damage.CORRUPT,
                tr("the database is damaged and cannot be read ({exc})", exc=_one_line(exc)),
            ) from exc
        if app_id not in (0, migrations.APPLICATION_ID) or (app_id == 0 and has_tables):
            raise DamagedDatabase(
                path,
                Damage.FOREIGN,
                tr("this file is another application's database, not a Newsroom one"),
            )
        if version > migrations.SCHEMA_VERSION + _PLAUSIBLE_UPGRADES or version < 0:
            raise DamagedDatabase(
                path,
                Damage.CORRUPT,
                tr(
                    "the database's header is damaged (its schema number {version} is not one any "
                    "Newsroom writes)",
                    version=version,
                ),
            )
        if version > migrations.SCHEMA_VERSION:
            raise NewerDatabase(
                tr(
                    "{path}: the database was written by a newer Newsroom (schema {version}, this "
                    "version knows up to {schema_version})",
                    path=path,
                    version=version,
                    schema_version=migrations.SCHEMA_VERSION,
                )
            )
        problems = _check_pages(conn, thorough, uncompared) if pages else []
        if problems:
            raise DamagedDatabase(
                path,
                Damage.CORRUPT,
                tr("the database is damaged: {problems}", problems="; ".join(problems[:3])),
            )
    finally:
        conn.close()
    return version


def _check_pages(
    conn: sqlite3.Connection, thorough: bool, uncompared: Collection[str] = ()
) -> list[str]:
    if not (thorough and uncompared):
        return _pragma_problems(conn, "integrity_check(20)" if thorough else "quick_check(20)")
    problems = _pragma_problems(conn, "quick_check(20)")
    if problems:
        return problems
    indexed = conn.execute(
        "SELECT DISTINCT tbl_name FROM sqlite_master WHERE type = 'index' ORDER BY tbl_name"
    ).fetchall()
    for (table,) in indexed:
        if table not in uncompared:
            problems = _pragma_problems(conn, f"integrity_check({_quoted(table)})")
            if problems:
                return problems
    return []


def _pragma_problems(conn: sqlite3.Connection, pragma: str) -> list[str]:
    try:
        rows = conn.execute(f"PRAGMA {pragma}").fetchmany(20)
    except sqlite3.OperationalError as exc:
        if _busy(exc):
            raise
        return [str(exc)]
    except sqlite3.Error as exc:
        return [str(exc)]
    # One paragraph for the user: SQLite's report can span lines and name the schema.
    messages = [
        " ".join(str(row[0]).replace("*** in database main ***", "").split()) for row in rows
    ]
    return [] if messages == ["ok"] else [m for m in messages if m]


def _log_problem(path: Path, header: bytes) -> str:
    """Say what is wrong with the write-ahead log beside ``path``, or "" when nothing is.

    SQLite reads a log up to its first bad frame and silently drops everything after it, as
    it must after a power cut in the middle of a write. But the log's index (``-shm``) records
    how many frames had been committed: a log holding fewer good frames than that has lost
    saved work, and opening it would make the loss permanent.
    """
    index = _index_header(path)
    if index is None:
        return ""  # no index: nothing says how much the log should hold
    committed = _committed_frames(index)
    if committed is None:
        return ""
    frames, salts = committed
    if frames == 0:
        return ""
    page_size = _page_size(header)
    if page_size is None:
        return ""  # a damaged header: SQLite's own check says so
    try:
        with reading(f"{path}-wal") as handle:
            good, log_salts = _good_frames(handle, page_size, frames)
    except OSError:
        good, log_salts = 0, None
    if log_salts is not None and log_salts != salts:
        return ""  # the log was restarted since the index was written: it is not this log
    if good < frames and _index_header(path) != index:
        # Another program saved meanwhile (a window): it restarted the log, overwriting its
        # first frames, after the index was read. A log that is cut short stays as it is.
        return ""
    if good < frames:
        return (
            f"its write-ahead log ({path.name}-wal) is damaged or cut short: {frames - good} "
            f"of the {frames} pages of its last saves cannot be read"
        )
    return ""


def _index_header(path: Path) -> bytes | None:
    """The two copies of the log index's header (``-shm``), or None without an index."""
    try:
        with reading(f"{path}-shm") as handle:
            return handle.read(2 * _INDEX_HEADER.size)
    except OSError:
        return None


def _page_size(header: bytes) -> int | None:
    """The page size the file header records, or None when it is not a valid one."""
    size = int.from_bytes(header[16:18], "big")
    size = 65536 if size == 1 else size
    return size if 512 <= size <= 65536 and size & (size - 1) == 0 else None


def _committed_frames(index: bytes) -> tuple[int, bytes] | None:
    """The committed frame count and salts the wal-index header records, if it is intact."""
    size = _INDEX_HEADER.size
    if len(index) < 2 * size or index[:size] != index[size : 2 * size]:
        return None
    fields = _INDEX_HEADER.unpack(index[:size])
    version, is_init, frames, checksum = fields[0], fields[3], fields[6], fields[12:14]
    big_endian = sys.byteorder == "big"
    if version != _WAL_VERSION or not is_init:
        return None
    if _checksum(index[: size - 8], (0, 0), big_endian) != checksum:
        return None
    return frames, index[32:40]  # the salts, copied byte for byte from the log's header


def _good_frames(log: BinaryIO, page_size: int, wanted: int) -> tuple[int, bytes | None]:
    """How many frames of the log SQLite will read (up to its last good commit), and its salts.

    Reads frame by frame and stops once ``wanted`` good frames are found.
    """
    head = log.read(_WAL_HEADER)
    if len(head) < _WAL_HEADER:
        return 0, None
    magic, version, log_page_size, _, salt1, salt2, sum1, sum2 = struct.unpack(">8I", head)
    if magic not in _WAL_MAGICS or version != _WAL_VERSION or log_page_size != page_size:
        return 0, None
    big_endian = magic & 1 == 1
    state = _checksum(head[:24], (0, 0), big_endian)
    if state != (sum1, sum2):
        return 0, None
    good = frames = 0
    while good < wanted:
        frame = log.read(_FRAME_HEADER + page_size)
        if len(frame) < _FRAME_HEADER + page_size:
            break
        page, commit, frame_salt1, frame_salt2, check1, check2 = struct.unpack(
            ">6I", frame[:_FRAME_HEADER]
        )
        if page == 0 or (frame_salt1, frame_salt2) != (salt1, salt2):
            break
        state = _checksum(frame[:8], state, big_endian)
        state = _checksum(frame[_FRAME_HEADER:], state, big_endian)
        if state != (check1, check2):
            break
        frames += 1
        if commit:
            good = frames
    return good, head[16:24]


def _checksum(data: bytes, state: tuple[int, int], big_endian: bool) -> tuple[int, int]:
    """SQLite's WAL checksum (two running 32-bit sums over pairs of words).

    Sums are cut to 32 bits after every eight pairs rather than after each: addition modulo
    2**32 gives the same either way, the sums stay below 2**45 meanwhile, and a 4 KB page
    takes two thirds of the time (a log is read whole by every check of it).
    """
    count = len(data) // 4
    words = struct.unpack(f"{'>' if big_endian else '<'}{count}I", data)
    first, second = state
    grouped = iter(words)
    for a, b, c, d, e, f, g, h, i, j, k, m, n, o, p, q in zip(*[grouped] * 16, strict=False):
        first += a + second
        second += b + first
        first += c + second
        second += d + first
        first += e + second
        second += f + first
        first += g + second
        second += h + first
        first += i + second
        second += j + first
        first += k + second
        second += m + first
        first += n + second
        second += o + first
        first += p + second
        second += q + first
        first &= 0xFFFFFFFF
        second &= 0xFFFFFFFF
    for index in range(count - count % 16, count, 2):  # what is left after the groups
        first = (first + words[index] + second) & 0xFFFFFFFF
        second = (second + words[index + 1] + first) & 0xFFFFFFFF
    return first, second


def is_good_database(path: Path, *, thorough: bool = False) -> bool:
    """Whether a file is a Newsroom database this version can open and that passes its check."""
    try:
        check_database(path, thorough=thorough)
    except (OSError, DamagedDatabase, NewerDatabase):
        return False
    return True


def _one_line(exc: BaseException) -> str:
    """SQLite's report on one line: a damaged schema is quoted with its line breaks."""
    return " ".join(str(exc).split())


def rows_off_their_indexes(
    connection: sqlite3.Connection, table: str, ids: Iterable[int]
) -> set[int] | None:
    """Return the ids of these rows of ``table`` that an index of the table does not hold as
    they are (no entry with the row's values and rowid), or None when an index cannot be
    compared this way (one on an expression).

    SQLite's quick check reads every page but does not compare indexes with their tables;
    this is that comparison for the rows a caller read, so that a value changed by damage in
    a row it publishes is noticed as the full check would notice it. Each index is sought with
    the row's own values: no table is scanned.
    """
    wanted = sorted(set(ids))
    if not wanted:
        return set()
    quoted = _quoted(table)
    off: set[int] = set()
    indexes = connection.execute(f"PRAGMA index_list({quoted})").fetchall()
    for _seq, name, _unique, _origin, partial in indexes:
        columns = [row[2] for row in connection.execute(f"PRAGMA index_info({_quoted(name)})")]
        if not columns or any(column is None for column in columns):
            return None  # an index on an expression: only the full check compares it
        where = "1"
        if partial:
            row = connection.execute(
                "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?", (name,)
            ).fetchone()
            found = _PARTIAL.search(str(row[0]) if row and row[0] else "")
            if found is None:
                return None
            where = found.group(1)
        same = " AND ".join(f"b.{_quoted(c)} IS a.{_quoted(c)}" for c in columns)
        for start in range(0, len(wanted), 500):
            part = wanted[start : start + 500]
            # Unqualified names in the index's WHERE are the row's (a) outside, the index's
            # (b) inside, where SQLite seeks that index with the row's values and rowid.
            rows = connection.execute(
                f"SELECT a.rowid FROM {quoted} AS a WHERE a.rowid IN "
                f"({', '.join('?' * len(part))}) AND ({where}) AND NOT EXISTS (SELECT 1 FROM "
                f"{quoted} AS b INDEXED BY {_quoted(name)} WHERE ({where}) AND {same} "
                "AND b.rowid = a.rowid)",
                part,
            )
            off.update(int(r[0]) for r in rows)
    return off


#: The condition of a partial index, after the last WHERE of its CREATE INDEX.
_PARTIAL = re.compile(r"\sWHERE\s+((?:(?!\sWHERE\s).)+)$", re.IGNORECASE | re.DOTALL)


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'
