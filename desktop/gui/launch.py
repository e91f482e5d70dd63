"""The ``newsroom`` program: the command line, and the window when no command is given.

Qt is imported only when the window opens, so the commands start as fast as without a GUI.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from desktop import cli


def open_window(db_path: Path, lang: str | None) -> int:
    """Open the main window on the database and run until it closes."""
    from desktop.gui.app import run_app

    return run_app(db_path, lang=lang)


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``newsroom``: a command, or the window when none is given."""
    return cli.main(argv, open_window=open_window)
