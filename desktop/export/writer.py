"""The one writer of a bundle: files go into a staging folder beside the target, which then
replaces the target whole (a folder by two renames, a zip by ``os.replace``), or, when the
target already holds a whole folder bundle of ours, only the new and changed files are moved
into it ("in place"), under an undo journal.

If the export fails, is cancelled or the disk fills, the staging folder is removed and the
previous bundle was never touched. If the process is killed, the leftovers have names of our
own (``.<target>.newsroom-…``) and the next export cleans them up, puts the previous bundle
back if it was killed between the two renames of a folder swap, or rolls an unfinished
in-place update back from its journal.

An in-place update writes its journal (the files it will replace, add and remove) durably
before touching the target, hard-links each file it replaces into an undo folder before
moving the new one over it, moves the manifest last, and only then records the update as
committed and deletes the files the new bundle no longer has. Until the commit mark a failure
or a kill is undone file by file; after it, recovery only finishes the deletions.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import json
import os
import secrets
import shutil
import sys
import time
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from desktop.export.manifest import MANIFEST, Manifest
from desktop.export.options import ExportError
from desktop.export.paths import check_bundle_path, is_bundle_path
from desktop.i18n import tr

#: Date and permissions of every zip entry, so the same files give the same zip bytes.
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
ZIP_MODE = 0o644
_ZIP_LEVEL = 6
_FEW_FILES = 32  # up to this many files are fsynced one by one rather than with syncfs
_RENAME_TRIES = 5  # Windows: a virus scanner or Explorer may hold the folder for a moment


def staging_prefix(target: Path) -> str:
    """Return the name prefix of the staging folders and zips of ``target``."""
    return f".{target.name}.newsroom-new-"


def backup_path(target: Path) -> Path:
    """Return where the previous folder bundle waits while the new one is swapped in."""
    return target.with_name(f".{target.name}.newsroom-old")


def journal_path(target: Path) -> Path:
    """Return where an in-place update records what it changes, until it is finished."""
    return target.with_name(f".{target.name}.newsroom-journal.json")


def undo_path(target: Path) -> Path:
    """Return the folder holding the files an in-place update replaced, until it is finished."""
    return target.with_name(f".{target.name}.newsroom-undo")


def recover(target: Path) -> None:
    """Undo what a killed export left beside ``target``: restore or drop the backup, clean up."""
    _recover_in_place(target)
    backup = backup_path(target)
    if backup.is_dir():
        if target.exists():
            shutil.rmtree(backup, ignore_errors=True)  # killed after the swap: the new one won
        else:
            os.rename(backup, target)  # killed between the two renames: the old one comes back
    prefix = staging_prefix(target)
    if target.parent.is_dir():
        for leftover in target.parent.iterdir():
            if leftover.name.startswith(prefix):
                if leftover.is_dir() and not leftover.is_symlink():
                    shutil.rmtree(leftover, ignore_errors=True)
                else:
                    leftover.unlink(missing_ok=True)


def friendly_os_error(exc: OSError, doing: str) -> ExportError:
    """Return an :class:`ExportError` that says what went wrong in words a user understands."""
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        reason = "the disk is full"
    elif exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        reason = "permission denied"
    else:
        reason = exc.strerror or str(exc)
    where = f" ({exc.filename})" if exc.filename else ""
    return ExportError(
        tr(
            "{doing} failed: {reason}{where}; the previous bundle is unchanged",
            doing=doing,
            reason=reason,
            where=where,
        )
    )


class PreviousBundle:
    """The bundle about to be replaced: its manifest and a way to read its files."""

    def __init__(self, target: Path, as_zip: bool, in_place: bool = False) -> None:
        self.target = target
        self.as_zip = as_zip
        # In place: only new and changed files are staged, then moved into the target folder.
        self.in_place = in_place and not as_zip and target.is_dir()
        self.manifest: Manifest | None = None
        self._zip: zipfile.ZipFile | None = None
        if as_zip and target.is_file():
            try:
                self._zip = zipfile.ZipFile(target)
                self.manifest = Manifest.from_bytes(self._zip.read(MANIFEST))
            except (OSError, KeyError, ValueError, zipfile.BadZipFile):
                self.close()
                self.manifest = None
        elif not as_zip and (target / MANIFEST).is_file():
            try:
                self.manifest = _folder_manifest(target / MANIFEST)
            except (OSError, ValueError):
                self.manifest = None

    def read(self, path: str) -> bytes | None:
        """Return the bytes of a file of the previous bundle, or None if it has none."""
        try:
            if self._zip is not None:
                return self._zip.read(path)
            if self.manifest is not None and not self.as_zip:
                return (self.target / path).read_bytes()
        except (OSError, KeyError, zipfile.BadZipFile):
            return None
        return None

    def file_on_disk(self, path: str) -> Path | None:
        """Return the previous folder bundle's file (to hard-link), or None for a zip."""
        return None if self.as_zip or self.manifest is None else self.target / path

    def close(self) -> None:
        """Close the previous zip, if one is open."""
        if self._zip is not None:
            self._zip.close()
            self._zip = None


# The last folder manifest read, by its file's identity: an export checks the target and then
# reads it again, and reading a manifest of 12,000 files costs a tenth of a second.
_last_manifest: tuple[tuple[str, int, int, int], Manifest] | None = None


def _folder_manifest(path: Path) -> Manifest:
    """Return the manifest in ``path``, parsed once per version of the file."""
    global _last_manifest
    found = path.stat()
    key = (str(path), found.st_ino, found.st_size, found.st_mtime_ns)
    if _last_manifest is not None and _last_manifest[0] == key:
        return _last_manifest[1]
    manifest = Manifest.from_bytes(path.read_bytes())
    _last_manifest = (key, manifest)
    return manifest


@dataclass(frozen=True)
class WrittenPage:
    """A page a render worker rendered and wrote into the staging folder itself: what the manifest
    and the export need of it, without its bytes."""

    size: int
    sha256: str
    media: tuple[str, ...]  # the pictures and attachments it refers to


def staged_place(staging: Path, path: str, folders: set[Path]) -> str:
    """Return where bundle ``path`` goes in ``staging``, making its folder (once per folder)."""
    full = os.path.join(staging, check_bundle_path(path))
    # check_bundle_path already rules out "..", this is the belt to those braces.
    if not os.path.normpath(full).startswith(os.path.join(staging, "")):
        raise ExportError(tr("refusing to write {path!r} outside the bundle", path=path))
    folder = Path(os.path.dirname(full))
    if folder not in folders:
        folder.mkdir(parents=True, exist_ok=True)
        folders.add(folder)
    return full


def write_staged(staging: Path, path: str, data: bytes, folders: set[Path]) -> str:
    """Write a new file of a bundle into its staging folder; return its full path.

    ``folders`` holds the folders already made (by this process). Used by the exporting
    process and by the render workers, which write their pages themselves.
    """
    full = staged_place(staging, path, folders)
    try:
        with open(full, "xb") as stream:
            stream.write(data)
    except OSError as exc:
        raise friendly_os_error(exc, tr("writing {path}", path=path)) from exc
    return full


class BundleWriter:
    """Owns every file written for one export: a staging folder, then the swap into place."""

    def __init__(self, target: Path, as_zip: bool, in_place: bool = False) -> None:
        self.target = target
        self.as_zip = as_zip
        # In place: only new and changed files are staged, then moved into the target folder.
        self.in_place = in_place and not as_zip and target.is_dir()
        self.staging = target.with_name(
            f"{staging_prefix(target)}{os.getpid()}-{secrets.token_hex(4)}"
        )
        self._folders: set[Path] = set()
        self._written: list[str] = []  # files new to this bundle, to make durable before the swap
        self._can_link = True
        try:
            self.staging.mkdir()
        except OSError as exc:
            raise friendly_os_error(exc, tr("creating the staging folder")) from exc

    def _place(self, path: str) -> Path:
        return Path(staged_place(self.staging, path, self._folders))

    @property
    def fresh_staging(self) -> Path | None:
        """The staging folder if every file is new to it (no zip, no in-place update), else None.

        Render workers may write pages straight into it (see :func:`write_staged`), so that
        the pages' bytes never travel back to the exporting process.
        """
        return None if self.as_zip or self.in_place else self.staging

    def write(self, path: str, data: bytes) -> None:
        """Write one file of the new bundle."""
        self._written.append(write_staged(self.staging, path, data, self._folders))

    def adopt(self, path: str) -> None:
        """Count a file another process wrote into :attr:`fresh_staging` as this bundle's."""
        # The worker placed it through staged_place, which checked the path.
        self._written.append(os.path.join(self.staging, path))

    def reuse(self, path: str, previous: Path | None, data: bytes) -> None:
        """Carry an unchanged file over: hard-link the previous file when possible, else write."""
        if self.in_place:
            return  # the file is in the target already, and stays there
        if previous is None or not self._can_link:
            self.write(path, data)
            return
        full = self._place(path)
        try:
            os.link(previous, full)
        except OSError:
            self._can_link = False  # e.g. FAT32 or a network share: copy from now on
            self.write(path, data)

    def commit(self, removed: Sequence[str] = ()) -> None:
        """Put the new bundle in place of the old one, whole; ``removed``: files it drops."""
        try:
            if self.as_zip:
                self._commit_zip()
            elif self.in_place:
                self._commit_in_place(removed)
            else:
                self._commit_folder()
        except OSError as exc:
            raise friendly_os_error(exc, tr("replacing the bundle")) from exc
        finally:
            self.discard()

    def discard(self) -> None:
        """Remove the staging folder (after a commit, or instead of one)."""
        shutil.rmtree(self.staging, ignore_errors=True)

    def _commit_folder(self) -> None:
        # The files must be on disk before the rename makes them the bundle, or a power cut
        # could leave a swapped-in bundle of empty files: one durability step for all.
        _sync_files(self.staging, self._written)
        backup = backup_path(self.target)
        if backup.exists():
            shutil.rmtree(backup)
        had_previous = self.target.exists()
        if had_previous:
            _rename(self.target, backup)
        try:
            _rename(self.staging, self.target)
        except OSError:
            if had_previous:
                _rename(backup, self.target)
            raise
        _sync_folder(self.target.parent)
        if had_previous:
            shutil.rmtree(backup, ignore_errors=True)

    def _commit_in_place(self, removed: Sequence[str]) -> None:
        _sync_files(self.staging, self._written)
        staged = [Path(p).relative_to(self.staging).as_posix() for p in self._written]
        # The manifest goes last: until it is in place the target still says it is the old one.
        staged.sort(key=lambda path: path == MANIFEST)
        existed = [path for path in staged if (self.target / path).exists()]
        gone = [path for path in removed if is_bundle_path(path) and path not in set(staged)]
        journal: dict[str, object] = {
            "replace": staged,
            "existed": existed,
            "removed": gone,
            "committed": False,
        }
        _write_journal(self.target, journal)
        undo = undo_path(self.target)
        try:
            undo.mkdir(exist_ok=True)
            kept = set(existed)
            for path in staged:
                destination = self.target / path
                if path in kept:
                    _keep_for_undo(destination, undo / path)
                else:
                    destination.parent.mkdir(parents=True, exist_ok=True)
                _rename(self.staging / path, destination)
            _sync_renames(self.target, staged)
            journal["committed"] = True
            _write_journal(self.target, journal)
        except BaseException:
            _roll_back(self.target, journal)
            raise
        _finish(self.target, journal)

    def _commit_zip(self) -> None:
        temporary = self.staging.with_name(self.staging.name + ".zip")
        try:
            write_zip(self.staging, temporary)
            os.replace(temporary, self.target)
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise
        _sync_folder(self.target.parent)


def bundle_files(folder: Path) -> list[str]:
    """Return the bundle paths of every file under ``folder``, sorted."""
    found = []
    for root, _dirs, names in os.walk(folder):
        relative = os.path.relpath(root, folder)
        for name in names:
            path = name if relative == "." else f"{relative}/{name}".replace(os.sep, "/")
            found.append(path)
    return sorted(found)


def write_zip(folder: Path, zip_path: Path) -> None:
    """Zip every file of ``folder`` in sorted order with fixed dates and permissions, durably."""
    with open(zip_path, "xb") as stream:
        with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED, compresslevel=_ZIP_LEVEL) as zf:
            for path in bundle_files(folder):
                info = zipfile.ZipInfo(path, date_time=ZIP_DATE)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = (0o100000 | ZIP_MODE) << 16  # a regular file, rw-r--r--
                info.create_system = 3  # Unix, whatever system made it, for identical bytes
                zf.writestr(info, (folder / path).read_bytes(), compresslevel=_ZIP_LEVEL)
        stream.flush()
        os.fsync(stream.fileno())


def _write_journal(target: Path, journal: dict[str, object]) -> None:
    """Write the in-place journal durably and whole (a new file renamed over the old)."""
    path = journal_path(target)
    temporary = path.with_name(path.name + ".tmp")
    with open(temporary, "wb") as stream:
        stream.write(json.dumps(journal, ensure_ascii=False).encode("utf-8"))
        stream.flush()
        os.fsync(stream.fileno())
    os.replace(temporary, path)
    _sync_folder(target.parent)


def _keep_for_undo(current: Path, kept: Path) -> None:
    """Keep the file about to be replaced in the undo folder (a hard link, else a copy)."""
    kept.parent.mkdir(parents=True, exist_ok=True)
    kept.unlink(missing_ok=True)
    try:
        os.link(current, kept)
    except OSError:
        shutil.copy2(current, kept)


def _journal_paths(journal: dict[str, object], key: str) -> list[str]:
    """Return the journal's list ``key``, keeping only paths inside the bundle."""
    value = journal.get(key)
    if not isinstance(value, list):
        return []
    return [path for path in value if isinstance(path, str) and is_bundle_path(path)]


def _recover_in_place(target: Path) -> None:
    """Finish or roll back an in-place update a killed export left unfinished."""
    path = journal_path(target)
    if not target.parent.is_dir():
        return
    path.with_name(path.name + ".tmp").unlink(missing_ok=True)  # killed before it counted
    if not path.is_file():
        shutil.rmtree(undo_path(target), ignore_errors=True)
        return
    try:
        journal = json.loads(path.read_bytes())
    except (OSError, ValueError):
        journal = None
    if not isinstance(journal, dict):  # not written whole: nothing was touched yet
        path.unlink(missing_ok=True)
        shutil.rmtree(undo_path(target), ignore_errors=True)
        return
    if journal.get("committed") is True:
        _finish(target, journal)
    else:
        _roll_back(target, journal)


def _roll_back(target: Path, journal: dict[str, object]) -> None:
    """Put back every file an unfinished in-place update replaced, drop the ones it added."""
    undo = undo_path(target)
    existed = set(_journal_paths(journal, "existed"))
    for path in _journal_paths(journal, "replace"):
        if path in existed:
            if (undo / path).is_file():
                os.replace(undo / path, target / path)
        else:
            (target / path).unlink(missing_ok=True)
            _drop_empty_folders(target, path)
    _sync_whole(target)
    shutil.rmtree(undo, ignore_errors=True)
    journal_path(target).unlink(missing_ok=True)


def _finish(target: Path, journal: dict[str, object]) -> None:
    """Delete what a committed in-place update's bundle no longer has, then its journal."""
    for path in _journal_paths(journal, "removed"):
        with contextlib.suppress(OSError):
            (target / path).unlink(missing_ok=True)
            _drop_empty_folders(target, path)
    shutil.rmtree(undo_path(target), ignore_errors=True)
    journal_path(target).unlink(missing_ok=True)
    _sync_folder(target.parent)


def _drop_empty_folders(target: Path, path: str) -> None:
    """Remove the folders of ``path`` that are left empty, up to (not including) ``target``."""
    folder = (target / path).parent
    while folder != target:
        try:
            folder.rmdir()
        except OSError:
            return  # not empty (or already gone): the folders above are not empty either
        folder = folder.parent


def _rename(source: Path, destination: Path) -> None:
    for attempt in range(_RENAME_TRIES):
        try:
            os.replace(source, destination)
            return
        except PermissionError:
            if sys.platform != "win32" or attempt == _RENAME_TRIES - 1:
                raise
            time.sleep(0.2 * (attempt + 1))


def _sync_files(folder: Path, files: Sequence[str]) -> None:
    """Make written files durable: one ``syncfs`` of their file system on Linux, else fsyncs.

    A per-file fsync as each file is written would wait for the disk a thousand times; the
    swap is atomic, so what matters is only that everything is on disk before it.
    """
    if not files:
        return
    # syncfs flushes everything waiting on the file system, other programs' writes too: for
    # the few files of a small re-export, their own fsyncs wait less.
    if len(files) > _FEW_FILES and sys.platform.startswith("linux") and _syncfs(folder):
        return
    for path in files:
        with contextlib.suppress(OSError), open(path, "rb+") as stream:
            os.fsync(stream.fileno())


def _sync_renames(target: Path, paths: Sequence[str]) -> None:
    """Make the renames of an in-place update durable: each folder that received a file.

    A few folders are synced one by one; past that one ``syncfs`` is cheaper (see
    :func:`_sync_files`).
    """
    folders = sorted({(target / path).parent for path in paths})
    if len(folders) > _FEW_FILES:
        _sync_whole(target)
        return
    for folder in folders:
        _sync_folder(folder)


def _sync_whole(folder: Path) -> None:
    """Flush the file system holding ``folder`` (renames in any of its folders included)."""
    if not (sys.platform.startswith("linux") and _syncfs(folder)):
        _sync_folder(folder)


def _syncfs(folder: Path) -> bool:
    """Flush the file system holding ``folder`` (Linux ``syncfs``); False if it cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        descriptor = os.open(folder, os.O_RDONLY)
    except (OSError, AttributeError):
        return False
    try:
        return bool(libc.syncfs(descriptor) == 0)
    except AttributeError:
        return False
    finally:
        os.close(descriptor)


def _sync_folder(folder: Path) -> None:
    """Make a rename durable on POSIX (Windows cannot open a folder for fsync)."""
    if sys.platform == "win32":
        return
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
