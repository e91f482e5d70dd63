"""The ``newsroom`` program: the command line, and the window when no command is given.

Qt is imported only when the window opens, so the commands start as fast as without a GUI.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from desktop import cli
from desktop.printable import PrintablePage, set_pdf_writer


def open_window(db_path: Path | str, lang: str | None) -> int:
    """Open the main window on the database (a file, or a server URL) and run until it closes."""
    from desktop.gui.app import run_app

    return run_app(db_path, lang=lang)


def write_pdf(page: PrintablePage, path: Path) -> None:
    """Write a page as an A4 PDF with the window's web engine (offscreen, no window shown)."""
    from desktop.gui.printing import write_printable

    write_printable(page, path)


def main(argv: Sequence[str] | None = None, *, exit_at_end: bool = False) -> int:
    """Run ``newsroom``: a command, or the window when none is given (``exit_at_end``: as
    the installed program, see ``cli.exit_now``)."""
    set_pdf_writer(write_pdf)
    return cli.main(argv, open_window=open_window, exit_at_end=exit_at_end)


def run() -> int:
    """The installed ``newsroom`` program."""
    return main(exit_at_end=True)
