"""Whether a database file lies on a network folder, and who holds it there.

SQLite's write-ahead log needs memory shared between every process that opens the file, which
a network file system (SMB/CIFS, NFS, 9p, sshfs …) cannot give: two PCs in WAL mode on one
shared file corrupt it. On such a folder the store uses a rollback journal and keeps an
exclusive lock for as long as it is open, so one PC at a time works on the file, and it writes
a small lock record beside it naming the holder, so the next PC is told who that is.
"""

from __future__ import annotations

import ctypes
import datetime as dt
import getpass
import json
import os
import socket
import sys
import threading
from collections.abc import Iterable
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

from desktop.i18n import tr
from desktop.store.errors import StoreError

#: File system types (as /proc/self/mountinfo and macOS's mount name them) that are remote.
NETWORK_TYPES = frozenset(
    {
        "nfs", "nfs4", "cifs", "smb3", "smbfs", "smb", "9p", "afs", "ncpfs", "coda", "ceph",
        "glusterfs", "lustre", "gpfs", "ocfs2", "davfs", "webdav", "afpfs", "afp", "orangefs",
        "beegfs", "virtiofs", "vboxsf", "vmhgfs", "prl_fs",
    }
)  # fmt: skip

#: FUSE file systems that reach over the network (``fuse.<name>`` in mountinfo).
NETWORK_FUSE = frozenset(
    {
        "sshfs", "rclone", "s3fs", "gcsfuse", "davfs", "davfs2", "curlftpfs", "smbnetfs",
        "gvfsd-fuse", "glusterfs", "cephfs", "ceph-fuse", "goofys", "juicefs", "seaweedfs",
        "vmhgfs-fuse", "onedriver", "moosefs", "mfs", "lizardfs", "blobfuse", "blobfuse2",
    }
)  # fmt: skip

#: statfs(2) magic numbers of network file systems (linux/magic.h and the file systems).
NETWORK_MAGIC = {
    0x6969: "nfs",
    0x517B: "smb",
    0xFF534D42: "cifs",
    0xFE534D42: "smb2",
    0x01021997: "9p",
    0x5346414F: "afs",
    0x6B414653: "afs",
    0x00C36400: "ceph",
    0x73757245: "coda",
    0x564C: "ncp",
    0x0BD00BD0: "lustre",
    0x47504653: "gpfs",
    0x7461636F: "ocfs2",
}
#: FUSE's own magic number: which FUSE file system it is comes from mountinfo.
FUSE_MAGIC = 0x65735546

#: The lock record's name beside the database file.
LOCK_SUFFIX = ".lock-info"


@dataclass(frozen=True)
class NetworkFolder:
    """A database's folder is on a network file system of this type."""

    fs_type: str


def _unescape(field: str) -> str:
    # mountinfo writes space, tab, newline and backslash in paths as octal escapes.
    for code in ("\\040", "\\011", "\\012", "\\134"):
        field = field.replace(code, chr(int(code[1:], 8)))
    return field


def mount_type(mountinfo: Iterable[str], path: str) -> str | None:
    """Return the file system type of the mount holding ``path``, from mountinfo lines."""
    best, best_type = "", None
    for line in mountinfo:
        fields = line.split()
        if " - " not in line or len(fields) < 7:
            continue
        mount_point = _unescape(fields[4])
        fs_type = line.split(" - ", 1)[1].split()[0]
        inside = path == mount_point or path.startswith(mount_point.rstrip("/") + "/")
        # Later lines mount over earlier ones at the same point: >= keeps the last.
        if inside and len(mount_point) >= len(best):
            best, best_type = mount_point, fs_type
    return best_type


def is_network_type(fs_type: str | None) -> bool:
    """Whether a file system type (``nfs4``, ``fuse.sshfs``, ``smbfs`` …) is remote."""
    if not fs_type:
        return False
    kind = fs_type.lower()
    if kind.startswith("fuse."):
        return kind[5:] in NETWORK_FUSE
    if kind.startswith("nfs") or kind.startswith("smb"):
        return True
    return kind in NETWORK_TYPES


def magic_type(magic: int) -> str | None:
    """The network file system a statfs magic number names, or None for a local one."""
    return NETWORK_MAGIC.get(magic & 0xFFFFFFFF)


def _existing(path: Path) -> Path:
    """The path itself, or its nearest folder that exists (a database not created yet)."""
    path = Path(os.path.abspath(path))
    while not path.exists() and path.parent != path:
        path = path.parent
    return path


def _statfs_magic(path: Path) -> int | None:
    """Linux's statfs(2) f_type of a path, or None when it cannot be asked."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        buffer = ctypes.create_string_buffer(256)  # struct statfs is 120 bytes on 64-bit Linux
        if libc.statfs(os.fsencode(path), buffer) != 0:
            return None
        return ctypes.c_long.from_buffer(buffer).value
    except (OSError, AttributeError):
        return None


def _linux_type(path: Path) -> str | None:
    with suppress(OSError):
        with open("/proc/self/mountinfo", encoding="utf-8", errors="replace") as handle:
            found = mount_type(handle, str(path.resolve()))
        if found is not None:
            return found
    magic = _statfs_magic(path)
    return magic_type(magic) if magic is not None else None


def _windows_type(path: Path) -> str | None:
    text = str(path)
    if text.startswith(("\\\\", "//")):
        return "unc"
    drive = os.path.splitdrive(os.path.abspath(text))[0]
    if not drive:
        return None
    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    drive_remote = 4  # GetDriveTypeW's DRIVE_REMOTE
    return "remote" if kernel32.GetDriveTypeW(drive + "\\") == drive_remote else None


def _mac_type(path: Path) -> str | None:
    import subprocess  # a Mac's only: not loaded by every opening of the store

    try:
        shown = subprocess.run(
            ["/sbin/mount"], capture_output=True, text=True, timeout=5, check=False
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    best, best_type = "", None
    target = str(path.resolve())
    for line in shown.splitlines():
        # "//user@server/share on /Volumes/share (smbfs, nodev, nosuid, mounted by user)"
        if " on " not in line or " (" not in line:
            continue
        mount_point = line.split(" on ", 1)[1].rsplit(" (", 1)[0]
        fs_type = line.rsplit(" (", 1)[1].split(",")[0].rstrip(")")
        inside = target == mount_point or target.startswith(mount_point.rstrip("/") + "/")
        if inside and len(mount_point) >= len(best):
            best, best_type = mount_point, fs_type
    return best_type


def network_folder(path: str | Path) -> NetworkFolder | None:
    """Whether ``path`` (a database file, existing or not) lies on a network file system."""
    where = _existing(Path(path))
    if sys.platform == "win32":
        fs_type = _windows_type(where)
        return NetworkFolder(fs_type) if fs_type else None
    fs_type = _mac_type(where) if sys.platform == "darwin" else _linux_type(where)
    return NetworkFolder(fs_type) if fs_type and is_network_type(fs_type) else None


@dataclass(frozen=True)
class LockHolder:
    """Who has a database on a network folder open: written in its lock file while they do."""

    user: str
    host: str
    pid: int
    since: str

    @classmethod
    def me(cls) -> LockHolder:
        """The holder record of this process."""
        try:
            user = getpass.getuser()
        except (OSError, KeyError):
            user = "?"
        now = dt.datetime.now().replace(microsecond=0).isoformat(sep=" ")
        return cls(user, socket.gethostname(), os.getpid(), now)

    def describe(self) -> str:
        """The holder for a message: user on host since when."""
        return tr(
            "{user} on {host} (since {since})", user=self.user, host=self.host, since=self.since
        )


def lock_record_path(db_path: Path) -> Path:
    """Where the lock record of a database lies."""
    return db_path.with_name(db_path.name + LOCK_SUFFIX)


def read_lock_record(db_path: Path) -> LockHolder | None:
    """The holder named beside the database, if a record is there and readable."""
    try:
        data = json.loads(lock_record_path(db_path).read_text(encoding="utf-8"))
        return LockHolder(
            str(data["user"]), str(data["host"]), int(data["pid"]), str(data["since"])
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


class DatabaseInUse(StoreError):
    """A database on a network folder is open on another PC; it was not touched."""

    def __init__(self, path: Path, holder: LockHolder | None) -> None:
        who = holder.describe() if holder is not None else tr("another PC")
        super().__init__(
            tr(
                "{path} is in use by {who}. It lies on a network folder, where only one PC at "
                "a time may open a Newsroom database (two at once would damage it): close it "
                "there first, or let several PCs work together in team mode on a PostgreSQL "
                "server",
                path=path,
                who=who,
            )
        )
        self.path = path
        self.holder = holder


#: Locks this process holds: lock file path → (open file, how many stores use it, holder).
_HELD: dict[str, tuple[int, int, LockHolder]] = {}
_HELD_GUARD = threading.Lock()

#: Where on the lock file the lock sits: past the record, so the record stays readable on
#: Windows, whose locks forbid reading what they cover.
_LOCK_OFFSET = 1 << 20


def _try_lock(fd: int) -> bool:
    """Take the lock file's exclusive lock without waiting; False if another PC has it."""
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, _LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
        except OSError:
            return False
        return True
    import fcntl

    try:
        # A byte-range lock: SMB and NFS servers enforce it between PCs, as they do SQLite's.
        fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, _LOCK_OFFSET)
    except OSError:
        return False
    return True


def acquire_folder_lock(db_path: Path) -> LockHolder:
    """Hold a database on a network folder for this PC; DatabaseInUse if another has it.

    The lock file's contents name the holder. Stores of this process share one lock (a second
    window, an export's own connection): POSIX locks belong to the process, and closing any
    descriptor of the file would drop them, so the file is opened once.
    """
    record = lock_record_path(db_path)
    key = str(record.resolve())
    with _HELD_GUARD:
        if key in _HELD:
            fd, count, holder = _HELD[key]
            _HELD[key] = (fd, count + 1, holder)
            return holder
        try:
            fd = os.open(record, os.O_RDWR | os.O_CREAT, 0o666)
        except OSError as exc:
            raise StoreError(
                tr("cannot create the lock record {record}: {exc}", record=record, exc=exc)
            ) from exc
        if not _try_lock(fd):
            os.close(fd)
            raise DatabaseInUse(db_path, read_lock_record(db_path))
        holder = LockHolder.me()
        data = json.dumps(holder.__dict__, ensure_ascii=False).encode()
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, data)
        with suppress(OSError):
            os.fsync(fd)
        _HELD[key] = (fd, 1, holder)
        return holder


def release_folder_lock(db_path: Path) -> None:
    """Let go of this process's hold on a database once its last store closes."""
    record = lock_record_path(db_path)
    key = str(record.resolve())
    with _HELD_GUARD:
        if key not in _HELD:
            return
        fd, count, holder = _HELD.pop(key)
        if count > 1:
            _HELD[key] = (fd, count - 1, holder)
            return
        with suppress(OSError):
            os.ftruncate(fd, 0)  # no stale name left for the next PC to read
        os.close(fd)  # closing drops the lock
