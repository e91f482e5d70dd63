"""Pages on paper and as PDF: a finished page printed by the preview's own isolated web engine.

A page (the article page from ``desktop.render``, or any other finished page such as a
sign-off sheet) is served at ``newsroom://site/<site path>`` by a ``PreviewProfile`` exactly
as the preview serves it, so its stylesheet and pictures load from the app and nothing else
is fetched; Chromium lays it out with the stylesheet's ``@media print`` rules on A4 and
writes a PDF with its fonts embedded. ``PagePrinter`` does this without blocking the GUI
thread; ``html_to_pdf`` waits for it and works from the command line too, starting an
offscreen application when none is running.
"""

from __future__ import annotations

import errno
import logging
import os
import secrets
from collections.abc import Callable
from pathlib import Path

import shiboken6
from PySide6.QtCore import (
    QByteArray,
    QCoreApplication,
    QEventLoop,
    QMarginsF,
    QMessageLogContext,
    QObject,
    Qt,
    QTimer,
    QtMsgType,
    Signal,
    qInstallMessageHandler,
)
from PySide6.QtGui import QPageLayout, QPageSize
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWebEngineCore import QWebEngineLoadingInfo
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QApplication, QWidget

from desktop.gui.preview_web import (
    PictureLoader,
    PreviewPage,
    PreviewProfile,
    preview_scheme_registered,
    register_preview_scheme,
    site_url,
)
from desktop.printable import PdfFailed, PrintablePage

log = logging.getLogger(__name__)

__all__ = [
    "PAGE_MARGINS_MM",
    "PagePrinter",
    "PrintError",
    "a4_layout",
    "ensure_application",
    "html_to_pdf",
]

#: The A4 page's margins in millimetres (top, right, bottom, left): the usual margins of an
#: office document, and the same as the print stylesheet's ``@page`` rule.
PAGE_MARGINS_MM = (20.0, 18.0, 20.0, 18.0)
#: The site path a page is served at when the caller names none (relative URLs in it resolve
#: against the site root).
DEFAULT_PAGE_PATH = "print.html"
#: Chromium switches of the application started for the command line, where nothing is shown.
QUIET_ENGINE_SWITCHES = ("--disable-gpu", "--log-level=3")
#: Give up on a page that neither loads nor prints in this time (a crashed renderer).
TIMEOUT_MS = 60_000


class PrintError(Exception):
    """The page could not be printed or written as PDF; the message is for the user."""


def a4_layout() -> QPageLayout:
    """Return the A4 portrait page layout with the office margins."""
    top, right, bottom, left = PAGE_MARGINS_MM
    return QPageLayout(
        QPageSize(QPageSize.PageSizeId.A4),
        QPageLayout.Orientation.Portrait,
        QMarginsF(left, top, right, bottom),
        QPageLayout.Unit.Millimeter,
    )


def ensure_application() -> QCoreApplication:
    """Return the running application, or start an offscreen one (the command line has none)."""
    app = QCoreApplication.instance()
    if app is not None:
        if not preview_scheme_registered():
            raise PrintError(
                "the page scheme was not registered before the application started: "
                "call register_preview_scheme() in main()"
            )
        return app
    # No window is ever shown, so no display is needed; Chromium refuses to start as root
    # with its sandbox on (servers and containers often run commands as root).
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
    # Nothing is drawn on a screen: no GPU, and Chromium's and Qt's chatter about the
    # missing GPU and session bus goes to the log instead of the command's output.
    flags = os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", "").split()
    extra = [flag for flag in QUIET_ENGINE_SWITCHES if flag not in flags]
    os.environ["QTWEBENGINE_CHROMIUM_FLAGS"] = " ".join(flags + extra)
    qInstallMessageHandler(_log_qt_message)
    register_preview_scheme()
    return QApplication(["newsroom"])


def _log_qt_message(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    serious = kind in (QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg)
    log.log(logging.WARNING if serious else logging.DEBUG, "Qt: %s", message)


def _write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` beside ``path`` first, then put it in place: an older file survives."""
    temporary = path.with_name(f".{path.name}.newsroom-{secrets.token_hex(4)}.tmp")
    try:
        with open(temporary, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


class _Stage(QWidget):
    """A never-shown widget holding the web view and its profile, destroyed in that order."""

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.hide()  # explicitly: a hidden child stays hidden when its window is shown
        self.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
        # Children are destroyed in creation order and a profile must outlive its pages: the
        # view (the page is its child) comes first. Qt prints to a QPrinter through the view.
        self.view = QWebEngineView(self)
        self.profile = PreviewProfile(self)
        self.page = PreviewPage(self.profile, self.view)
        self.view.setPage(self.page)
        self.view.resize(794, 1123)  # A4 at 96 dpi: the layout width before printing


class PagePrinter(QObject):
    """Load one finished page in an isolated web page, then write it as PDF or print it.

    One job at a time; ``finished`` or ``failed`` ends each. The printer can be reused, and a
    reused one is faster (its profile and renderer are already running).
    """

    #: The PDF was written (its path) or the page was sent to the printer (None).
    finished = Signal(object)
    #: Loading, printing or writing failed; the message is for the user.
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        if QCoreApplication.instance() is None:
            raise PrintError("a QApplication must exist before a PagePrinter")
        if not preview_scheme_registered():
            raise PrintError("call register_preview_scheme() before creating the QApplication")
        self._stage = _Stage(parent if isinstance(parent, QWidget) else None)
        self._view = self._stage.view
        self._profile = self._stage.profile
        self._page = self._stage.page
        if self._stage.parent() is None:
            # A stage of its own goes with the printer (a window's goes with the window).
            self.destroyed.connect(self._stage.deleteLater)
        self._page.loadingChanged.connect(self._on_loading_changed)
        self._view.printFinished.connect(self._on_printed)
        self._page.renderProcessTerminated.connect(self._on_renderer_gone)
        self.blocked_urls: list[str] = []
        self._profile.blocker.blocked.connect(lambda url: self.blocked_urls.append(url.toString()))
        self._watchdog = QTimer(self)
        self._watchdog.setSingleShot(True)
        self._watchdog.setInterval(TIMEOUT_MS)
        self._watchdog.timeout.connect(lambda: self._fail(self.tr("The page did not respond.")))
        self._url = site_url(DEFAULT_PAGE_PATH)
        self._then: Callable[[], None] | None = None
        self._busy = False
        self._token = 0  # counts jobs, so a late answer for an abandoned one is ignored

    def is_busy(self) -> bool:
        """Whether a page is loading or printing."""
        return self._busy

    def dispose(self) -> None:
        """Delete the printer now, its web page before its profile (not at interpreter exit)."""
        stage = self._stage
        shiboken6.delete(self)
        if shiboken6.isValid(stage):
            shiboken6.delete(stage)

    def write_pdf(
        self,
        html: str,
        path: Path,
        *,
        page_path: str = DEFAULT_PAGE_PATH,
        picture_loader: PictureLoader | None = None,
    ) -> None:
        """Start writing ``html`` as an A4 PDF at ``path``; ``finished(path)`` when it is there."""
        target = Path(path)
        self._start(html, page_path, picture_loader, lambda: self._print_pdf(target))

    def print_page(
        self,
        html: str,
        printer: QPrinter,
        *,
        page_path: str = DEFAULT_PAGE_PATH,
        picture_loader: PictureLoader | None = None,
    ) -> None:
        """Start printing ``html`` on ``printer`` (as set up by the print dialog)."""
        self._start(html, page_path, picture_loader, lambda: self._view.print(printer))

    def _start(
        self,
        html: str,
        page_path: str,
        picture_loader: PictureLoader | None,
        then: Callable[[], None],
    ) -> None:
        if self._busy:
            raise PrintError(self.tr("A page is already being printed."))
        self._busy = True
        self._token += 1
        self._then = then
        self._profile.handler.picture_loader = picture_loader
        self._profile.handler.set_page(page_path, html)
        self._url = site_url(page_path)
        self._page.expect_load(self._url)
        self._watchdog.start()
        self._page.load(self._url)

    def _on_loading_changed(self, info: QWebEngineLoadingInfo) -> None:
        status = info.status()
        if (
            not self._busy
            or self._then is None
            or status == QWebEngineLoadingInfo.LoadStatus.LoadStartedStatus
            or info.url() != self._url
        ):
            return
        then, self._then = self._then, None
        if status != QWebEngineLoadingInfo.LoadStatus.LoadSucceededStatus:
            self._fail(self.tr("The page could not be laid out for printing."))
            return
        then()

    def _print_pdf(self, target: Path) -> None:
        token = self._token
        self._page.printToPdf(lambda data: self._on_pdf_data(token, target, data), a4_layout())

    def _on_pdf_data(self, token: int, target: Path, data: QByteArray) -> None:
        if token != self._token or not self._busy:
            return  # a job that timed out or failed meanwhile
        pdf = bytes(data.data())
        if not pdf:
            self._fail(self.tr("The page could not be laid out for printing."))
            return
        try:
            if target.is_dir():
                raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(target))
            _write_atomically(target, pdf)
        except OSError as exc:
            self._fail(
                self.tr("%1 could not be written: %2")
                .replace("%1", str(target))
                .replace("%2", exc.strerror or str(exc))
            )
            return
        self._succeed(target)

    def _on_printed(self, success: bool) -> None:
        if not self._busy:
            return
        if success:
            self._succeed(None)
        else:
            self._fail(self.tr("The printer did not accept the page."))

    def _on_renderer_gone(self, *_: object) -> None:
        if self._busy:
            self._fail(self.tr("The page's renderer stopped."))

    def _succeed(self, result: Path | None) -> None:
        self._watchdog.stop()
        self._busy = False
        self._then = None
        self.finished.emit(result)

    def _fail(self, message: str) -> None:
        self._watchdog.stop()
        if not self._busy:
            return
        self._busy = False
        self._then = None
        self.failed.emit(message)


def html_to_pdf(
    html: str,
    path: Path,
    *,
    page_path: str = DEFAULT_PAGE_PATH,
    picture_loader: PictureLoader | None = None,
    printer: PagePrinter | None = None,
) -> Path:
    """Write a finished page as an A4 PDF with embedded fonts, waiting until it is written.

    ``page_path`` is the page's site path (its relative links to the stylesheet and pictures
    resolve against it), ``picture_loader`` returns a picture's bytes for a site path. Works
    in a running application (pass a ``printer`` to reuse one) and from the command line,
    where it starts an offscreen application. Raises ``PrintError`` with the reason.
    """
    ensure_application()
    own = printer is None
    worker = PagePrinter() if printer is None else printer
    outcome: list[object] = []
    loop = QEventLoop()

    def ended(result: object) -> None:
        outcome.append(result)
        loop.quit()

    worker.finished.connect(ended)
    worker.failed.connect(lambda message: ended(PrintError(message)))
    try:
        worker.write_pdf(html, Path(path), page_path=page_path, picture_loader=picture_loader)
        if not outcome:
            loop.exec()
    finally:
        for signal in (worker.finished, worker.failed):
            signal.disconnect()
        if own:
            worker.dispose()
    result = outcome[0] if outcome else PrintError("the page was not printed")
    if isinstance(result, PrintError):
        raise result
    return Path(path)


def write_printable(page: PrintablePage, path: Path) -> None:
    """Write a core ``PrintablePage`` as PDF (the program's ``PdfWriter``); ``PdfFailed`` if not."""
    try:
        html_to_pdf(page.html, path, page_path=page.path, picture_loader=page.pictures)
    except PrintError as exc:
        raise PdfFailed(str(exc)) from exc
