"""SQLite on a network folder: detection, no WAL, one PC at a time with a clear message."""

from __future__ import annotations

import os
import socket
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from desktop.store import Store
from desktop.store.network import (
    DatabaseInUse,
    _statfs_magic,
    is_network_type,
    lock_record_path,
    magic_type,
    mount_type,
    network_folder,
)
from tests.conftest import REPO, make_article

# Lines as /proc/self/mountinfo writes them, taken from real machines: an office PC with the
# shared drive mounted over SMB, an NFS home, a WSL 9p drive, an sshfs mount, and local disks.
MOUNTINFO = """\
22 27 0:21 / /proc rw,relatime - proc proc rw
27 1 252:1 / / rw,relatime - ext4 /dev/vda1 rw
25 24 0:23 / /dev/shm rw,relatime - tmpfs tmpfs rw,size=24683584k
95 27 0:45 / /mnt/公共盘 rw,relatime - cifs //fileserver/share rw,vers=3.1.1,cache=strict
96 27 0:46 / /home/nfs rw,relatime - nfs4 10.0.0.2:/export/home rw,vers=4.2,rsize=1048576
97 27 0:47 / /mnt/c rw,noatime - 9p drvfs rw,dirsync,aname=drvfs;path=C:\\;uid=1000
98 27 0:48 / /mnt/远程\\040文件夹 rw,nosuid,nodev - fuse.sshfs editor@nas: rw,user_id=1000
99 27 0:49 / /mnt/usb rw,relatime - vfat /dev/sdb1 rw,fmask=0022
100 95 0:50 / /mnt/公共盘/本地缓存 rw,relatime - tmpfs tmpfs rw
"""


@pytest.mark.parametrize(
    ("path", "fs_type", "network"),
    [
        ("/home/editor/newsroom.db", "ext4", False),
        ("/dev/shm/newsroom.db", "tmpfs", False),
        ("/mnt/公共盘/新闻/newsroom.db", "cifs", True),
        ("/home/nfs/editor/newsroom.db", "nfs4", True),
        ("/mnt/c/Users/editor/newsroom.db", "9p", True),
        ("/mnt/远程 文件夹/newsroom.db", "fuse.sshfs", True),
        ("/mnt/usb/newsroom.db", "vfat", False),
        ("/mnt/公共盘/本地缓存/newsroom.db", "tmpfs", False),  # mounted over the share
        ("/mnt/公共盘2/newsroom.db", "ext4", False),  # a sibling, not inside the share
    ],
)
def test_the_mount_holding_a_path_tells_a_network_folder(
    path: str, fs_type: str, network: bool
) -> None:
    found = mount_type(MOUNTINFO.splitlines(), path)
    assert found == fs_type
    assert is_network_type(found) is network


def test_statfs_magic_numbers_of_network_file_systems() -> None:
    # linux/magic.h: NFS, SMB, CIFS, SMB2, 9p, AFS, Ceph; then ext4, tmpfs, btrfs, xfs, FUSE.
    assert [magic_type(m) for m in (0x6969, 0x517B, 0xFF534D42, 0xFE534D42, 0x01021997)] == [
        "nfs",
        "smb",
        "cifs",
        "smb2",
        "9p",
    ]
    assert magic_type(0x5346414F) == "afs" and magic_type(0x00C36400) == "ceph"
    for local in (0xEF53, 0x01021994, 0x9123683E, 0x58465342):
        assert magic_type(local) is None
    # A negative f_type (a signed 32-bit value on some platforms) is the same number.
    assert magic_type(0xFF534D42 - (1 << 32)) == "cifs"


def test_this_machines_folders_are_local(tmp_path: Path) -> None:
    assert network_folder(tmp_path / "newsroom.db") is None
    assert network_folder(tmp_path / "not" / "yet" / "there.db") is None
    if sys.platform.startswith("linux"):
        magic = _statfs_magic(tmp_path)
        assert magic and magic_type(magic) is None  # asked of the real file system
        with open("/proc/self/mountinfo", encoding="utf-8") as handle:
            assert not is_network_type(mount_type(handle, str(tmp_path.resolve())))


_HOLDER = textwrap.dedent(
    """
    import sys
    from desktop.store import Store
    store = Store.open(sys.argv[1], network=True)
    print("ready", flush=True)
    sys.stdin.readline()
    store.close()
    print("closed", flush=True)
    """
)


def test_a_second_pc_is_told_who_has_the_database_and_changes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "共享" / "newsroom.db"
    with Store.open(db, network=True) as store:
        store.add_article(make_article("第一台电脑的稿件"))
        mode = store.database.execute_sql("PRAGMA journal_mode").fetchone()[0]
        assert mode == "delete" and not Path(f"{db}-wal").exists()
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLDER, str(db)],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdin is not None
        assert holder.stdout.readline().strip() == "ready"
        before = db.read_bytes()
        with pytest.raises(DatabaseInUse) as refused:
            Store.open(db, network=True)
        assert refused.value.holder is not None
        assert refused.value.holder.pid == holder.pid
        assert refused.value.holder.host == socket.gethostname()
        assert "in use by" in str(refused.value) and "team mode" in str(refused.value)
        assert db.read_bytes() == before  # the refused open wrote nothing
        holder.stdin.write("\n")
        holder.stdin.flush()
        assert holder.stdout.readline().strip() == "closed"
    finally:
        if holder.poll() is None:
            holder.kill()
        holder.wait(timeout=30)
    with Store.open(db, network=True) as store:  # free again once the other PC closed it
        assert [a.title for a in store.iter_articles()] == ["第一台电脑的稿件"]
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()


def test_stores_of_one_program_share_its_hold(tmp_path: Path) -> None:
    # The window and its export or backup worker open the same file: one hold, released last.
    db = tmp_path / "newsroom.db"
    window = Store.open(db, network=True)
    worker = Store.open(db, network=True)
    worker.add_article(make_article("导出前的稿件"))
    worker.close()
    probe = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys\nfrom desktop.store import Store\n"
            "try:\n    Store.open(sys.argv[1], network=True)\nexcept Exception as e:\n"
            "    print(type(e).__name__)",
            str(db),
        ],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert probe.stdout.strip() == "DatabaseInUse"
    assert window.count_articles() == 1
    window.close()
    assert lock_record_path(db).read_text(encoding="utf-8") == ""  # no stale name left
