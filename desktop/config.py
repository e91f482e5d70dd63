"""Where Newsroom keeps its data, without Qt so the command line and tests share it."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_DIR_NAME = "Newsroom"
DB_FILE_NAME = "newsroom.db"
#: Environment variable naming the database file, below ``--db`` and above the default.
DB_ENV = "NEWSROOM_DB"


def data_dir() -> Path:
    """Return the user's data folder for Newsroom (created by the store on first use)."""
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / APP_DIR_NAME


def database_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """Choose the database file: ``--db`` first, then ``NEWSROOM_DB``, then the data folder."""
    if explicit:
        return Path(explicit).expanduser()
    from_env = os.environ.get(DB_ENV)
    if from_env:
        return Path(from_env).expanduser()
    return data_dir() / DB_FILE_NAME
