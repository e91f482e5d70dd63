"""Whether another program has a database open: its write-ahead log is then live, not left by a
crash.

A log with frames lies beside a database file in two cases: another program (a window) has the
file open and writes into the log as it saves, or a program was killed before closing, which
would have written the log into the file. SQLite's Unix VFS marks the first case itself: every
connection holds a read lock on one byte of the log's index (``-shm``), its "DMS" byte, for as
long as it is open, and a killed program's locks are gone with it. ``fcntl(F_GETLK)`` asks the
system who holds that byte without taking it, so nothing SQLite relies on changes.

One caveat of POSIX locks: closing any descriptor of a file drops every lock this process holds
on it, so the index is opened through ``file_locks``.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

from desktop.store.file_locks import reading

#: The DMS byte's offset in ``-shm``: after SQLite's eight WAL locks, which start at 120
#: (``UNIX_SHM_DMS`` in SQLite's os_unix.c).
DMS_BYTE = 128

#: ``struct flock`` as the system lays it out: type, whence, start, length, pid on Linux
#: (with padding), start, length, pid, type, whence on macOS and the BSDs.
_LINUX_FLOCK = struct.Struct("@hhqqi")
_BSD_FLOCK = struct.Struct("@qqihh")


def log_in_use(path: Path) -> bool | None:
    """Whether another process holds the database at ``path`` open (its log is live).

    False when nobody does: a log beside the file was left by a program that did not close.
    None when this system cannot tell (Windows, or the index cannot be opened), which the
    caller treats as a log left by a crash.
    """
    if sys.platform.startswith("linux"):
        layout = _LINUX_FLOCK
    elif sys.platform == "darwin" or "bsd" in sys.platform:
        layout = _BSD_FLOCK
    else:
        return None
    import fcntl

    if layout is _LINUX_FLOCK:
        asked = layout.pack(fcntl.F_WRLCK, os.SEEK_SET, DMS_BYTE, 1, 0)
    else:
        asked = layout.pack(DMS_BYTE, 1, 0, fcntl.F_WRLCK, os.SEEK_SET)
    try:
        with reading(f"{path}-shm") as index:
            # Room for the system's whole structure, whatever padding it ends with.
            answer = fcntl.fcntl(index.fileno(), fcntl.F_GETLK, asked + bytes(32))
    except OSError:
        return None
    fields = layout.unpack(answer[: layout.size])
    kind = fields[0] if layout is _LINUX_FLOCK else fields[3]
    return kind != fcntl.F_UNLCK
