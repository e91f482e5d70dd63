"""File → Print… and File → Save as PDF… for the article being edited.

The page is rendered on the work queue by the one rendering path (the page the preview and
the export show, with the print stylesheet applying on paper), then laid out and printed by
a ``PagePrinter`` on the GUI thread without blocking it. The window wires the signals: it
shows the progress in its status bar and the errors through the dialog seam.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, Signal
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QWidget

from desktop.article import Article, Column
from desktop.gui.article_html import single_article_file_name
from desktop.gui.dialogs import Dialogs
from desktop.gui.printing import PagePrinter, a4_layout
from desktop.gui.work import JobContext, WorkQueue
from desktop.printable import PrintablePage, pdf_file_name
from desktop.site import Site

#: The resolution pages are sent to the printer at.
PRINT_DPI = 300
#: The steps a print or a PDF goes through, for the progress shown.
STEPS = 2

PictureSource = Callable[[str], "bytes | None"]


class ArticlePrinting(QObject):
    """Prints the edited article through Qt's print dialog, or saves it as an A4 PDF."""

    #: done, total, what is being done (for the status bar).
    progressed = Signal(int, int, str)
    #: The PDF was written at this path.
    saved = Signal(object)
    #: The page went to the printer.
    printed = Signal()
    #: Rendering, laying out or writing failed; the message is for the user.
    failed = Signal(str)
    #: A print or a PDF is under way (True) or over (False).
    busy_changed = Signal(bool)

    def __init__(self, pictures: PictureSource | None, parent: QWidget) -> None:
        super().__init__(parent)
        # Created first on purpose: deleting the queue waits for a running render, which
        # still reports to this object.
        self._queue = WorkQueue(self, name="printing")
        self._window = parent
        self._pictures = pictures
        self._page_printer: PagePrinter | None = None
        self._printer: QPrinter | None = None
        self._busy = False
        self._folder: Path | None = None

    @property
    def page_printer(self) -> PagePrinter:
        """The web page that lays pages out on paper, started on first use."""
        if self._page_printer is None:
            self._page_printer = PagePrinter(self._window)
            self._page_printer.finished.connect(self._on_finished)
            self._page_printer.failed.connect(self._on_failed)
        return self._page_printer

    @property
    def printer(self) -> QPrinter:
        """The printer and its settings, kept from one print to the next (A4 to begin with)."""
        if self._printer is None:
            self._printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            # Qt's web engine prints each page as a picture: 300 dpi is sharp office print,
            # where "high resolution" can mean 1200 dpi and half a gigabyte a page.
            self._printer.setResolution(PRINT_DPI)
            self._printer.setPageLayout(a4_layout())
        return self._printer

    def is_busy(self) -> bool:
        """Whether a print or a PDF is under way."""
        return self._busy

    def save_pdf(self, article: Article, site: Site, columns: Sequence[Column]) -> bool:
        """Ask where, then write the article's page as PDF; whether it was started."""
        if self._busy:
            return False
        suggested = (self._folder or _documents()) / single_article_file_name(article)
        chosen = Dialogs.choose_pdf_path(self._window, suggested.with_suffix(".pdf"))
        if chosen is None:
            return False
        target = pdf_file_name(chosen)
        self._folder = target.parent
        self._render(
            article,
            site,
            columns,
            lambda page: self.page_printer.write_pdf(
                page.html, target, page_path=page.path, picture_loader=page.pictures
            ),
        )
        return True

    def print_article(self, article: Article, site: Site, columns: Sequence[Column]) -> bool:
        """Show the print dialog, then print the article's page; whether it was started."""
        if self._busy:
            return False
        printer = self.printer
        printer.setDocName(article.title.strip() or single_article_file_name(article))
        if not Dialogs.ask_printer(self._window, printer):
            return False
        self._render(
            article,
            site,
            columns,
            lambda page: self.page_printer.print_page(
                page.html, printer, page_path=page.path, picture_loader=page.pictures
            ),
        )
        return True

    def _render(
        self,
        article: Article,
        site: Site,
        columns: Sequence[Column],
        then: Callable[[PrintablePage], None],
    ) -> None:
        # The editor keeps changing these objects while the worker renders: give it copies.
        article, site, columns = copy.deepcopy((article, site, list(columns)))
        pictures = self._pictures

        def render(context: JobContext) -> PrintablePage:
            # Imported on the worker: the templates and Markdown load off the GUI thread.
            from desktop.render.page import render_article_page
            from desktop.render.urls import article_path

            context.report(0, STEPS, "render")
            html = render_article_page(article, site, columns)
            return PrintablePage(html=html, path=article_path(article), pictures=pictures)

        self._set_busy(True)
        self.progressed.emit(0, STEPS, self.tr("Preparing the page…"))
        job = self._queue.start(render)
        job.succeeded.connect(lambda page: self._lay_out(page, then))
        job.failed.connect(lambda exc: self._on_failed(str(exc) or type(exc).__name__))

    def _lay_out(self, page: PrintablePage, then: Callable[[PrintablePage], None]) -> None:
        self.progressed.emit(1, STEPS, self.tr("Laying out the page on A4…"))
        try:
            then(page)
        except Exception as exc:  # a failure to start must not leave the actions disabled
            self._on_failed(str(exc) or type(exc).__name__)

    def _on_finished(self, path: object) -> None:
        self.progressed.emit(STEPS, STEPS, "")
        self._set_busy(False)
        if isinstance(path, Path):
            self.saved.emit(path)
        else:
            self.printed.emit()

    def _on_failed(self, message: str) -> None:
        self._set_busy(False)
        self.failed.emit(message)

    def _set_busy(self, busy: bool) -> None:
        if busy != self._busy:
            self._busy = busy
            self.busy_changed.emit(busy)


def _documents() -> Path:
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(location) if location else Path.home()
