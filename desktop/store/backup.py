"""Backups of the database through SQLite's online backup API, their rotation and restoring.

Backups live in a ``backups`` folder beside the database, named
``<database stem>-<YYYYmmdd-HHMMSS>-<kind>.db``. A backup is always a consistent snapshot taken
by SQLite (never a raw file copy, which could catch a write half done), checked before it is
given its final name, and written to a temporary file that is fsynced and renamed into place.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.i18n import tr
from desktop.store.errors import BackupCancelled, BackupError, DamagedDatabase, NewerDatabase
from desktop.store.integrity import check_database, connect_read_only

if TYPE_CHECKING:
    from desktop.store.store import Store

BACKUP_FOLDER = "backups"
#: Pages copied per step: progress is reported (and cancelling checked) between steps.
STEP_PAGES = 4096

#: ``progress(done_pages, total_pages)``; returning False cancels the backup.
Progress = Callable[[int, int], "bool | None"]


class BackupKind(str, Enum):
    """Why a backup was taken; rotation treats each kind on its own."""

    DAILY = "daily"
    MANUAL = "manual"
    MIGRATION = "migration"


@dataclass(frozen=True)
class BackupPolicy:
    """How many backups rotation keeps."""

    #: The newest daily backup of each of the last this many days that have one.
    daily: int = 7
    #: Then the newest of each of this many older weeks.
    weekly: int = 4
    #: Backups the user asked for, newest first.
    manual: int = 10
    #: Backups taken before a schema upgrade, newest first.
    migration: int = 5


@dataclass(frozen=True)
class BackupInfo:
    """A backup file found beside a database."""

    path: Path
    kind: BackupKind
    taken_at: dt.datetime
    size: int


def backup_folder(db_path: Path) -> Path:
    """Return the folder where the backups of this database are kept."""
    return Path(db_path).parent / BACKUP_FOLDER


def _name_pattern(db_path: Path) -> re.Pattern[str]:
    kinds = "|".join(k.value for k in BackupKind)
    return re.compile(
        re.escape(Path(db_path).stem) + rf"-(\d{{8}}-\d{{6}})-({kinds})(?:-v\d+)?(?:-\d+)?\.db"
    )


def list_backups(db_path: Path) -> list[BackupInfo]:
    """Return the backups of this database in its backups folder, newest first."""
    folder = backup_folder(db_path)
    if not folder.is_dir():
        return []
    pattern = _name_pattern(db_path)
    found: list[BackupInfo] = []
    for path in folder.iterdir():
        match = pattern.fullmatch(path.name)
        if match is None or not path.is_file():
            continue
        taken = dt.datetime.strptime(match.group(1), "%Y%m%d-%H%M%S")
        found.append(BackupInfo(path, BackupKind(match.group(2)), taken, path.stat().st_size))
    found.sort(key=lambda b: (b.taken_at, b.path.name), reverse=True)
    return found


def check_backup(path: Path, *, thorough: bool = False) -> None:
    """Raise ``BackupError`` unless ``path`` is a Newsroom database this version can open."""
    try:
        version = check_database(Path(path), thorough=thorough)
    except FileNotFoundError:
        raise BackupError(tr("there is no backup file {path}", path=path)) from None
    except OSError as exc:
        raise BackupError(
            tr("the backup {path} cannot be read: {exc}", path=path, exc=exc)
        ) from exc
    except (DamagedDatabase, NewerDatabase) as exc:
        raise BackupError(tr("the backup cannot be used: {exc}", exc=exc)) from exc
    if version == 0:
        raise BackupError(tr("the backup {path} is empty", path=path))


def newest_good_backup(db_path: Path) -> Path | None:
    """Return the newest backup of this database that passes its check, if there is one."""
    for info in list_backups(db_path):
        try:
            check_backup(info.path)
        except BackupError:
            continue
        return info.path
    return None


def _fsync_file(path: Path) -> None:
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def _fsync_folder(folder: Path) -> None:
    # A rename is durable only once the folder itself is flushed (not possible on Windows).
    if os.name == "nt":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _copy_database(source: Path, target: Path, progress: Progress | None, verify: bool) -> None:
    """Copy a database page by page into ``target`` through a checked, fsynced temporary file."""
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    cancelled = False

    def report(status: int, remaining: int, total: int) -> None:
        nonlocal cancelled
        if progress is not None and progress(total - remaining, total) is False:
            cancelled = True
            raise BackupCancelled(tr("the backup was cancelled"))

    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        src = connect_read_only(source)
        try:
            # One read transaction across every step: the copy is the snapshot of that moment,
            # and saves by other connections meanwhile neither block nor restart it (WAL).
            src.execute("BEGIN")
            src.execute("SELECT count(*) FROM sqlite_master").fetchone()
            dst = sqlite3.connect(temporary, isolation_level=None)
            try:
                src.backup(dst, pages=STEP_PAGES, progress=report)
                # A backup is one self-contained file, not a database with a WAL beside it.
                dst.execute("PRAGMA journal_mode = delete")
            finally:
                dst.close()
            src.execute("ROLLBACK")
        finally:
            src.close()
        if verify:
            check_backup(temporary)
        _fsync_file(temporary)
        os.replace(temporary, target)
        _fsync_folder(target.parent)
    except BaseException as exc:
        for leftover in (temporary, temporary.with_name(temporary.name + "-journal")):
            with suppress(OSError):
                leftover.unlink(missing_ok=True)
        if cancelled:
            raise BackupCancelled(tr("the backup was cancelled")) from None
        if isinstance(exc, sqlite3.Error | OSError):
            raise BackupError(
                tr(
                    "could not back up {source} to {target}: {exc}",
                    source=source,
                    target=target,
                    exc=exc,
                )
            ) from exc
        raise


def _unique(path: Path) -> Path:
    candidate, n = path, 1
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
    return candidate


def _source_path(source: Store | str | Path) -> Path:
    path = Path(source) if isinstance(source, str | Path) else Path(source.path)
    if str(path) == ":memory:":
        raise BackupError(tr("an in-memory database cannot be backed up"))
    if not path.is_file():
        raise BackupError(tr("there is no database {path}", path=path))
    return path


def backup_now(
    source: Store | str | Path,
    path: str | Path | None = None,
    *,
    kind: BackupKind = BackupKind.MANUAL,
    progress: Progress | None = None,
    verify: bool = True,
    now: dt.datetime | None = None,
    note: str = "",
) -> Path:
    """Back up an open store (or a database file) to ``path``, or into its backups folder.

    A store on a server is written out as a complete SQLite file, which any PC can open.
    """
    if not isinstance(source, str | Path) and source.is_server:
        return _server_backup(source, path, kind, progress, verify, now, note)
    db_path = _source_path(source)
    if path is None:
        taken = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
        target = _unique(backup_folder(db_path) / f"{db_path.stem}-{taken}-{kind.value}{note}.db")
    else:
        target = Path(path)
        if target.resolve() == db_path.resolve():
            raise BackupError(tr("a backup cannot replace the database it copies"))
    _copy_database(db_path, target, progress, verify)
    return target


def _server_backup(
    store: Store,
    path: str | Path | None,
    kind: BackupKind,
    progress: Progress | None,
    verify: bool,
    now: dt.datetime | None,
    note: str,
) -> Path:
    """Copy a server database into a new SQLite file, checked, then renamed into place."""
    from desktop.store.transfer import TransferCancelled, TransferError, copy_database

    if path is None:
        taken = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
        stem = Path(store.path).stem
        target = _unique(backup_folder(store.path) / f"{stem}-{taken}-{kind.value}{note}.db")
    else:
        target = Path(path)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary.unlink(missing_ok=True)
        with type(store).open(temporary) as copy:
            copy_database(store, copy, progress=progress)
        conn = sqlite3.connect(temporary, isolation_level=None)
        try:
            # A backup is one self-contained file, not a database with a WAL beside it.
            conn.execute("PRAGMA journal_mode = delete")
        finally:
            conn.close()
        if verify:
            check_backup(temporary)
        _fsync_file(temporary)
        os.replace(temporary, target)
        _fsync_folder(target.parent)
    except BaseException as exc:
        for suffix in ("", "-wal", "-shm", "-journal"):
            with suppress(OSError):
                temporary.with_name(temporary.name + suffix).unlink(missing_ok=True)
        if isinstance(exc, TransferCancelled):
            raise BackupCancelled(tr("the backup was cancelled")) from None
        if isinstance(exc, TransferError | sqlite3.Error | OSError):
            raise BackupError(
                tr(
                    "could not back up {source} to {target}: {exc}",
                    source=store.location,
                    target=target,
                    exc=exc,
                )
            ) from exc
        raise
    return target


def daily_backup_due(db_path: Path, now: dt.datetime | None = None) -> bool:
    """Whether today has no daily backup yet."""
    today = (now or dt.datetime.now()).date()
    return not any(
        b.kind is BackupKind.DAILY and b.taken_at.date() == today for b in list_backups(db_path)
    )


def daily_backup(
    source: Store | str | Path,
    *,
    now: dt.datetime | None = None,
    policy: BackupPolicy | None = None,
    progress: Progress | None = None,
) -> Path | None:
    """Take today's backup if there is none yet, then rotate; return the new backup's path."""
    server = not isinstance(source, str | Path) and source.is_server
    db_path = Path(source.path) if server else _source_path(source)  # type: ignore[union-attr]
    if not daily_backup_due(db_path, now):
        return None
    taken = backup_now(source, kind=BackupKind.DAILY, progress=progress, now=now)
    rotate_backups(db_path, policy)
    return taken


def backup_before_migration(db_path: Path, from_version: int) -> Path:
    """Back up a database about to be upgraded from ``from_version``, then rotate."""
    taken = backup_now(db_path, kind=BackupKind.MIGRATION, note=f"-v{from_version}")
    rotate_backups(db_path)
    return taken


def plan_rotation(backups: list[BackupInfo], policy: BackupPolicy) -> list[BackupInfo]:
    """Return the backups rotation removes (pure: the tests feed it invented dates)."""
    removed: list[BackupInfo] = []
    newest_first = sorted(backups, key=lambda b: (b.taken_at, b.path.name), reverse=True)
    daily_days: set[dt.date] = set()
    weekly_weeks: set[tuple[int, int]] = set()
    covered_weeks: set[tuple[int, int]] = set()
    for info in (b for b in newest_first if b.kind is BackupKind.DAILY):
        day = info.taken_at.date()
        iso = day.isocalendar()
        week = (iso[0], iso[1])
        if day in daily_days:
            removed.append(info)  # an older backup of a day already kept
        elif len(daily_days) < policy.daily:
            daily_days.add(day)
            covered_weeks.add(week)
        elif week not in covered_weeks and len(weekly_weeks) < policy.weekly:
            weekly_weeks.add(week)
            covered_weeks.add(week)
        else:
            removed.append(info)
    for kind, keep in (
        (BackupKind.MANUAL, policy.manual),
        (BackupKind.MIGRATION, policy.migration),
    ):
        removed.extend([b for b in newest_first if b.kind is kind][keep:])
    return removed


def rotate_backups(db_path: Path, policy: BackupPolicy | None = None) -> list[Path]:
    """Delete the backups the policy lets go; return their paths."""
    removed = plan_rotation(list_backups(db_path), policy or BackupPolicy())
    for info in removed:
        info.path.unlink(missing_ok=True)
    return [info.path for info in removed]


_SIDECARS = ("-wal", "-shm", "-journal")


def _set_aside_name(db_path: Path) -> Path:
    aside = db_path.with_name(db_path.name + ".before-restore")
    if aside.exists():
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        aside = _unique(db_path.with_name(f"{db_path.name}.{stamp}.before-restore"))
    return aside


def _ensure_not_in_use(db_path: Path) -> None:
    """Fold the WAL into the file and make sure no other connection has the database open."""
    try:
        check_database(db_path)
    except (DamagedDatabase, NewerDatabase, OSError):
        return  # a damaged or foreign file is only renamed aside, never opened for writing
    conn = sqlite3.connect(db_path, isolation_level=None, timeout=0.5)
    try:
        # Leaving WAL mode needs the only connection to the file: it fails while a window or
        # another process has the database open, and it folds the WAL into the main file so the
        # file kept aside is whole.
        mode = conn.execute("PRAGMA journal_mode = delete").fetchone()[0]
        if str(mode).lower() != "delete":
            raise BackupError(
                tr(
                    "{db_path} is open in another window or program; close it first",
                    db_path=db_path,
                )
            )
    except sqlite3.OperationalError as exc:
        raise BackupError(
            tr(
                "{db_path} is open in another window or program; close it first ({exc})",
                db_path=db_path,
                exc=exc,
            )
        ) from exc
    finally:
        conn.close()


def restore_backup(
    backup_path: str | Path, db_path: str | Path, *, progress: Progress | None = None
) -> Path | None:
    """Replace the database with a checked backup; return where the replaced file was kept.

    The store must be closed. The backup is checked in full, copied beside the database,
    fsynced, then swapped in with ``os.replace``; the replaced file (damaged or not) is kept
    as ``<name>.before-restore``, together with its WAL if it had one.
    """
    backup_path, db_path = Path(backup_path), Path(db_path)
    check_backup(backup_path, thorough=True)
    if db_path.exists() and backup_path.resolve() == db_path.resolve():
        raise BackupError(tr("a backup cannot be restored onto itself"))
    if db_path.exists():
        _ensure_not_in_use(db_path)
    incoming = db_path.with_name(f"{db_path.name}.restoring")
    _copy_database(backup_path, incoming, progress, verify=True)
    aside: Path | None = None
    try:
        if db_path.exists():
            aside = _set_aside_name(db_path)
            try:
                # A hard link keeps the old file under its new name while os.replace swaps the
                # new one in atomically: there is no moment without a database file.
                os.link(db_path, aside)
            except OSError:
                os.replace(db_path, aside)
            for suffix in _SIDECARS:
                sidecar = db_path.with_name(db_path.name + suffix)
                if sidecar.exists():
                    # A WAL left beside the new file would be replayed into it: move it along.
                    os.replace(sidecar, aside.with_name(aside.name + suffix))
        os.replace(incoming, db_path)
        _fsync_folder(db_path.parent)
    except OSError as exc:
        incoming.unlink(missing_ok=True)
        raise BackupError(
            tr(
                "could not restore {backup_path} onto {db_path}: {exc}",
                backup_path=backup_path,
                db_path=db_path,
                exc=exc,
            )
        ) from exc
    return aside
