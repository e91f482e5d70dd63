"""Where Newsroom keeps its data and when it saves; no Qt, so the command line shares it."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
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


def cache_dir() -> Path:
    """Return the user's cache folder for Newsroom: what can be made again, never synced."""
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / APP_DIR_NAME


def database_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """Choose the database file: ``--db`` first, then ``NEWSROOM_DB``, then the data folder."""
    if explicit:
        return Path(explicit).expanduser()
    from_env = os.environ.get(DB_ENV)
    if from_env:
        return Path(from_env).expanduser()
    return data_dir() / DB_FILE_NAME


def database_location(explicit: str | os.PathLike[str] | None = None) -> str | Path:
    """Like ``database_path``, but a ``postgresql://`` URL (team mode) stays a URL."""
    from desktop.store.location import is_server_url

    chosen = explicit or os.environ.get(DB_ENV)
    if chosen and is_server_url(os.fspath(chosen)):
        return str(chosen).strip()
    return database_path(explicit)


@dataclass(frozen=True)
class SaveTiming:
    """When the open article is saved while it is edited (milliseconds); the README quotes it."""

    #: Quiet time after typing stops before saving: at most this much typing is lost to a crash.
    pause_ms: int = 1500
    #: During non-stop typing, save at least this often instead of waiting for a pause.
    max_wait_ms: int = 3000
    #: While saving fails (disk full, read-only folder), try again this often.
    retry_ms: int = 10_000
    #: A body at least this long (characters) is written on a worker thread by autosave and
    #: Ctrl+S: its write, revision and search index take up to seconds at 300,000 characters,
    #: a short body's a few milliseconds, so those stay on the spot.
    background_chars: int = 20_000


@dataclass(frozen=True)
class PreviewTiming:
    """When the preview is asked for a new page while typing (milliseconds)."""

    #: Quiet time after a keystroke while no page is on its way: edits arriving together (an
    #: input-method commit, a scanner or a typing tool) make one page. While a page is on its
    #: way, edits wait for it instead and the next page is asked for as soon as it shows.
    pause_ms: int = 10
    #: Edits that never leave this pause (a flood of events) still refresh this often; with
    #: the render and the patch added that stays under 300 ms between refreshes.
    max_wait_ms: int = 200
    #: A page that took longer than this to render and show (a 300,000-character article
    #: takes seconds) is followed by a rest as long before the next one is asked for: the
    #: worker thread then renders at most half the time and leaves the editor Python's lock.
    rest_after_ms: int = 150
