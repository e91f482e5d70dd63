"""Reading a database's files beside SQLite without dropping SQLite's locks.

SQLite locks the database file, its write-ahead log and the log's index (``-shm``) with POSIX
advisory locks. Those belong to a process and a file, not to a descriptor: closing any
descriptor of the file releases every lock the process holds on it, SQLite's included. A check
that opened the file and closed it again while a connection of the same process was open (the
window's page check, the export's check beside its reading) left that connection without its
locks; another program closing its own connection then took itself for the last one and
deleted the log and its index under the window, whose next saves would then go into a
deleted file that no other program sees.

So a descriptor opened here is closed only when no other descriptor of this process refers to
the same file: SQLite keeps its own open for as long as a connection uses the file (and holds
back a close while it has locks). A descriptor that cannot be closed yet is kept, and closed
by a later release once the file is no longer open elsewhere in the process (``Store.close``
asks). Between that look and the close another thread could open the file and take a lock:
a window of microseconds, where before every check was one. Windows locks by handle, and a
descriptor closes at once there.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

# Locks by handle (Windows), or no way to list this process's descriptors: close at once.
_BY_HANDLE = sys.platform == "win32"
_DESCRIPTORS = "/proc/self/fd" if os.path.isdir("/proc/self/fd") else "/dev/fd"

_kept: list[int] = []  # descriptors of files open elsewhere in this process when released
_guard = threading.Lock()


@contextmanager
def reading(path: Path | str) -> Iterator[BinaryIO]:
    """Open ``path`` for reading, buffered; its descriptor is released (see above) after."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        with open(fd, "rb", closefd=False) as stream:
            yield stream
    finally:
        release(fd)


def release(fd: int) -> None:
    """Close ``fd`` unless this process has its file open through another descriptor (then
    keep it for later), and close the descriptors kept earlier whose files are no longer."""
    if _BY_HANDLE:
        os.close(fd)
        return
    with _guard:
        _kept.append(fd)
        _close_unshared()


def release_kept() -> None:
    """Close the descriptors kept earlier whose files this process no longer has open."""
    if _kept:
        with _guard:
            _close_unshared()


def _close_unshared() -> None:
    files = {fd: _identity(fd) for fd in _kept}
    others: set[tuple[int, int]] = set()
    try:
        listed = os.listdir(_DESCRIPTORS)
    except OSError:
        return  # cannot tell: keep them all (a few descriptors) rather than drop a lock
    for name in listed:
        if not name.isdigit() or int(name) in files:
            continue
        found = _identity(int(name))
        if found is not None:
            others.add(found)
    for fd, identity in files.items():
        if identity is None:
            _kept.remove(fd)  # no longer open (closed by someone else): nothing to close
        elif identity not in others:
            _kept.remove(fd)
            os.close(fd)


def _identity(fd: int) -> tuple[int, int] | None:
    try:
        found = os.fstat(fd)
    except OSError:
        return None
    return found.st_dev, found.st_ino
