"""``newsroom migrate``: copy a whole database between an SQLite file and a PostgreSQL server."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from desktop.i18n import tr
from desktop.store import Store
from desktop.store.location import ServerAddress, is_server_url
from desktop.store.migrations import UpgradeProgress, upgrades_reported_to
from desktop.store.transfer import copy_database


class UpgradeLine:
    """The progress of a server database's upgrade on stderr: one line, redrawn on a
    terminal, a line per tenth otherwise (a log)."""

    def __init__(self) -> None:
        self._shown = -1

    def __call__(self, progress: UpgradeProgress) -> None:
        """Show how far the long step is (steps that take no time show nothing)."""
        if progress.total <= 0:
            return
        percent = min(100, progress.done * 100 // progress.total)
        tty = sys.stderr.isatty()
        if percent == self._shown or (not tty and percent // 10 == self._shown // 10):
            return
        self._shown = percent
        line = tr(
            "upgrading the database to version {version}: building the search index anew, "
            "{percent}% (stopped, it starts again at the next open)",
            version=progress.version,
            percent=percent,
        )
        end = "\n" if not tty or percent == 100 else ""
        print(("\r" if tty else "") + line, end=end, file=sys.stderr, flush=True)


@contextmanager
def upgrades_on_stderr() -> Iterator[None]:
    """Inside, a command that upgrades a server database shows its progress on stderr."""
    with upgrades_reported_to(UpgradeLine()):
        yield


def add_migrate_parser(sub: argparse._SubParsersAction) -> None:
    """Add the ``migrate`` subcommand to the command line."""
    p = sub.add_parser(
        "migrate",
        help=tr("copy a whole database: a file to a server (team mode), a server to a file, …"),
    )
    p.add_argument("source", metavar="SOURCE", help=tr("database file or postgresql://… URL"))
    p.add_argument("target", metavar="TARGET", help=tr("database file or postgresql://… URL"))
    p.add_argument(
        "--replace",
        action="store_true",
        help=tr("replace everything in TARGET (default: refuse a target that holds anything)"),
    )


def _shown(location: str) -> str:
    return str(ServerAddress.parse(location)) if is_server_url(location) else location


def cmd_migrate(args: argparse.Namespace) -> int:
    """Copy SOURCE into TARGET, then check both by counts and content hashes."""
    source_path = args.source if is_server_url(args.source) else Path(args.source).expanduser()
    if not is_server_url(args.source) and not Path(source_path).is_file():
        print(
            tr("newsroom migrate: there is no database {path}", path=args.source), file=sys.stderr
        )
        return 1
    target = args.target if is_server_url(args.target) else Path(args.target).expanduser()
    same = str(source_path) == str(target) or (
        not is_server_url(args.source)
        and not is_server_url(args.target)
        and Path(target).exists()
        and Path(target).resolve() == Path(source_path).resolve()
    )
    if same:
        print(tr("newsroom migrate: SOURCE and TARGET are the same database"), file=sys.stderr)
        return 1

    def progress(done: int, total: int) -> None:
        if sys.stderr.isatty():
            print(
                "\r" + tr("{done:,} / {total:,} rows", done=done, total=total),
                end="",
                file=sys.stderr,
                flush=True,
            )

    with Store.open(source_path) as source, Store.open(target) as destination:
        copied = copy_database(source, destination, replace=args.replace, progress=progress)
    if sys.stderr.isatty():
        print(file=sys.stderr)
    for table in copied:
        print("\t".join((table.name, str(table.rows), "sha256:" + table.digest[:16])))
    rows = sum(t.rows for t in copied)
    print(
        tr(
            "copied {rows:,} rows from {source} to {target}; checked",
            rows=rows,
            source=_shown(args.source),
            target=_shown(args.target),
        )
    )
    return 0
