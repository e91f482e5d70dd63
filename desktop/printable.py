"""Pages for paper: the ``newsroom pdf`` command and the PDF writer the program installs.

The core renders the page (the one rendering path, so the PDF is the page the preview and
the export show) but cannot lay it out on A4 itself: that takes a web engine, which lives in
the GUI package. The ``newsroom`` program (``desktop/gui/launch.py``) installs a writer with
``set_pdf_writer`` before it runs a command; ``python -m desktop``, which runs core commands
only, has none and says so.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from desktop.config import database_path
from desktop.i18n import tr
from desktop.pictures import picture_loader
from desktop.render.page import render_article_page
from desktop.render.page_check import UnsafePage
from desktop.render.urls import article_path
from desktop.store import Store

EXIT_OK = 0
EXIT_FAILED = 1


class PdfFailed(Exception):
    """The PDF could not be made or written; the message is for the user."""


@dataclass(frozen=True)
class PrintablePage:
    """A finished page to put on paper: its HTML, its site path and where its pictures are."""

    html: str
    #: The page's path in the site (``news/2026/05/12.html``): its relative links to the
    #: stylesheet and the pictures resolve against it.
    path: str
    #: Returns a picture's bytes for its site path, or None.
    pictures: Callable[[str], bytes | None] | None = None


#: Writes a page as an A4 PDF at a path; raises ``PdfFailed`` with the reason.
PdfWriter = Callable[[PrintablePage, Path], None]

_writer: PdfWriter | None = None


def set_pdf_writer(writer: PdfWriter | None) -> None:
    """Install the program's PDF writer (called once in main(); None removes it)."""
    global _writer
    _writer = writer


def write_pdf(page: PrintablePage, path: Path) -> None:
    """Write ``page`` as PDF at ``path`` with the installed writer; ``PdfFailed`` if none."""
    if _writer is None:
        raise PdfFailed(
            tr(
                "making a PDF needs the window's web engine, which `python -m desktop` "
                "does not load: run `newsroom pdf` (or `python -m desktop.gui pdf`)"
            )
        )
    _writer(page, path)


def article_page(store: Store, article_id: int) -> PrintablePage:
    """Return a stored article's page, ready to print, with the store's pictures."""
    article = store.get_article(article_id)
    html = render_article_page(article, store.site(), store.columns())
    return PrintablePage(html=html, path=article_path(article), pictures=picture_loader(store))


def pdf_file_name(path: Path) -> Path:
    """Return ``path`` with ``.pdf`` added when it has no such ending."""
    return path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf")


def cmd_pdf(args: argparse.Namespace) -> int:
    """Write an article's page as an A4 PDF (``newsroom pdf ID FILE``)."""
    target = pdf_file_name(Path(args.file))
    try:
        # The pictures are read from the store while the page is laid out: keep it open.
        with Store.open(database_path(args.db), thorough=True, read_only=True) as store:
            write_pdf(article_page(store, args.id), target)
    except (PdfFailed, UnsafePage) as exc:
        print(tr("newsroom {command}: {exc}", command="pdf", exc=exc), file=sys.stderr)
        return EXIT_FAILED
    print(target)
    return EXIT_OK
