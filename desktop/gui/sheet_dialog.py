"""Review → Sign-off sheet…: the 审签单 on screen, printed on paper or saved as a PDF.

Paper and PDF go through the same web-engine printer as the article page (A4, fonts
embedded); the screen shows the sheet as Qt's rich text, which reads its tables.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Signal
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.gui.article_printing import PRINT_DPI
from desktop.gui.dialogs import Dialogs
from desktop.gui.printing import PagePrinter, a4_layout
from desktop.gui.screen_fit import fit_to_screen
from desktop.printable import pdf_file_name
from desktop.review.cli import SHEET_PATH

# The screen view does not need the sheet's CSP line (Qt's rich text shows it as nothing).
_META = re.compile(r"<meta http-equiv[^>]*>", re.IGNORECASE)


class SheetDialog(QDialog):
    """Shows the sign-off sheet with Print… and Save as PDF…."""

    #: A PDF of the sheet was written (its path).
    saved = Signal(object)

    def __init__(self, html: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.html = html
        self.setWindowTitle(self.tr("Sign-off sheet (审签单)"))
        fit_to_screen(self, 760, 900)
        self.browser = QTextBrowser()
        self.browser.setObjectName("sheet_view")
        self.browser.setOpenLinks(False)
        self.browser.setHtml(_META.sub("", html))
        self.state_label = QLabel()
        self.state_label.setObjectName("sheet_state")
        self.print_button = QPushButton(self.tr("Print…"))
        self.print_button.setObjectName("sheet_print")
        self.pdf_button = QPushButton(self.tr("Save as PDF…"))
        self.pdf_button.setObjectName("sheet_pdf")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.pdf_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(self.state_label)
        layout.addWidget(buttons)
        self.print_button.clicked.connect(self.print_sheet)
        self.pdf_button.clicked.connect(self.save_pdf)
        self._printer: PagePrinter | None = None

    @property
    def page_printer(self) -> PagePrinter:
        """The web page that lays the sheet out on A4, started on first use."""
        if self._printer is None:
            self._printer = PagePrinter(self)
            self._printer.finished.connect(self._finished)
            self._printer.failed.connect(self._failed)
        return self._printer

    def save_pdf(self) -> bool:
        """Ask where, then start writing the sheet as an A4 PDF; whether it was started."""
        documents = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        chosen = Dialogs.choose_pdf_path(self, Path(documents or Path.home()) / "审签单.pdf")
        if chosen is None or self.page_printer.is_busy():
            return False
        self._busy(True)
        self.page_printer.write_pdf(self.html, pdf_file_name(chosen), page_path=SHEET_PATH)
        return True

    def print_sheet(self) -> bool:
        """Show the print dialog, then print the sheet; whether it was started."""
        paper = QPrinter(QPrinter.PrinterMode.HighResolution)
        paper.setResolution(PRINT_DPI)
        paper.setPageLayout(a4_layout())
        paper.setDocName(self.tr("Sign-off sheet"))
        if not Dialogs.ask_printer(self, paper) or self.page_printer.is_busy():
            return False
        self._busy(True)
        self.page_printer.print_page(self.html, paper, page_path=SHEET_PATH)
        return True

    def _busy(self, busy: bool) -> None:
        self.print_button.setEnabled(not busy)
        self.pdf_button.setEnabled(not busy)
        self.state_label.setText(self.tr("Laying out the sheet on A4…") if busy else "")

    def _finished(self, path: object) -> None:
        self._busy(False)
        if isinstance(path, Path):
            self.state_label.setText(self.tr("Saved as %1").replace("%1", str(path)))
            self.saved.emit(path)
        else:
            self.state_label.setText(self.tr("Sent to the printer"))

    def _failed(self, message: str) -> None:
        self._busy(False)
        Dialogs.show_error(self, self.tr("Printing failed"), message)
