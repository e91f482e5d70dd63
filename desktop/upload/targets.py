"""The servers an upload writes to, behind one small protocol: folder, SFTP, FTP and FTPS.

Every file is written under a temporary name in its own folder and renamed into place, so a
visitor (or a dropped connection) never meets half a file.
"""

from __future__ import annotations

import os
import posixpath
from contextlib import suppress
from pathlib import Path
from typing import Protocol

#: Files being written carry this ending until they are renamed into place; leftovers of a
#: dropped upload are recognised by it and removed.
PARTIAL = ".newsroom-part"


def partial_name(path: str) -> str:
    """The temporary name a file is written under, beside its final name."""
    folder, name = posixpath.split(path)
    return posixpath.join(folder, f".{name}{PARTIAL}")


def parents(path: str) -> list[str]:
    """The folders above a bundle path, deepest first ("a/b/c.html" → ["a/b", "a"])."""
    found = []
    folder = posixpath.dirname(path)
    while folder:
        found.append(folder)
        folder = posixpath.dirname(folder)
    return found


class Remote(Protocol):
    """A connected upload target; paths are bundle paths relative to its folder."""

    #: Whether files can be read back to check their SHA-256 (not only their size).
    can_read_back: bool

    def listing(self) -> dict[str, int]:
        """Every file below the folder with its size (an absent folder lists nothing)."""
        ...

    def read(self, path: str) -> bytes | None:
        """A file's bytes, or None when there is no such file."""
        ...

    def size(self, path: str) -> int | None:
        """A file's size, or None when there is no such file."""
        ...

    def write(self, path: str, data: bytes) -> None:
        """Write a file atomically: temporary name, then rename over the final one."""
        ...

    def delete(self, path: str) -> None:
        """Remove a file (no error if it is already gone)."""
        ...

    def remove_folder(self, folder: str) -> None:
        """Remove a folder if it is empty (no error otherwise)."""
        ...

    def reconnect(self) -> None:
        """Open the connection again after it dropped."""
        ...

    def close(self) -> None:
        """Close the connection."""
        ...


class FolderRemote:
    """A folder on this computer or a mounted network share."""

    can_read_back = True

    def __init__(self, root: Path) -> None:
        self.root = root

    def _full(self, path: str) -> Path:
        return self.root.joinpath(*path.split("/"))

    def listing(self) -> dict[str, int]:
        """Every file below the folder with its size."""
        found: dict[str, int] = {}
        if not self.root.is_dir():
            return found
        for folder, _dirs, files in os.walk(self.root):
            for name in files:
                full = Path(folder) / name
                found[full.relative_to(self.root).as_posix()] = full.stat().st_size
        return found

    def read(self, path: str) -> bytes | None:
        """A file's bytes, or None."""
        try:
            return self._full(path).read_bytes()
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
            return None

    def size(self, path: str) -> int | None:
        """A file's size, or None."""
        try:
            return self._full(path).stat().st_size
        except (FileNotFoundError, NotADirectoryError):
            return None

    def write(self, path: str, data: bytes) -> None:
        """Write to the temporary name, flush to disk, rename into place."""
        full = self._full(path)
        full.parent.mkdir(parents=True, exist_ok=True)
        temporary = self._full(partial_name(path))
        with open(temporary, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, full)

    def delete(self, path: str) -> None:
        """Remove a file if it is there."""
        self._full(path).unlink(missing_ok=True)

    def remove_folder(self, folder: str) -> None:
        """Remove an empty folder."""
        with suppress(OSError):  # not empty, or already gone
            self._full(folder).rmdir()

    def reconnect(self) -> None:
        """Nothing to reconnect."""

    def close(self) -> None:
        """Nothing to close."""
