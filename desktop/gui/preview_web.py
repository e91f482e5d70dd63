"""The isolated web engine behind the preview: app URL scheme, request blocking, link policy.

Everything the preview shows comes from ``newsroom://site/<site path>``: the page being
previewed, the stylesheet and pictures. Nothing else is fetched: a request interceptor
blocks every other scheme, the page settings forbid script, plugins and local/remote access,
each response carries a strict Content-Security-Policy, and clicked links are reported
instead of followed.
"""

from __future__ import annotations

import logging
import mimetypes
import os
from collections.abc import Callable

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QIODevice,
    QObject,
    Qt,
    QUrl,
    Signal,
)
from PySide6.QtWebEngineCore import (
    QWebEnginePage,
    QWebEngineProfile,
    QWebEngineSettings,
    QWebEngineUrlRequestInfo,
    QWebEngineUrlRequestInterceptor,
    QWebEngineUrlRequestJob,
    QWebEngineUrlScheme,
    QWebEngineUrlSchemeHandler,
)

from desktop.resources import resource_path

log = logging.getLogger(__name__)

#: The app's own URL scheme; pages live at ``newsroom://site/<site path>``.
SCHEME = "newsroom"
#: The one host of the scheme: the site root, so relative links resolve as in the export.
HOST = "site"
#: Site paths under this prefix are served from the stylesheet folder of the resources.
STATIC_PREFIX = "static/"

#: Sent with every response on top of the page's own meta CSP (both apply): no script, no
#: frames, and nothing but our own origin, so even ``data:`` pictures stay out. Tests may set
#: it to "" to check that the other layers hold on their own.
PREVIEW_CSP = (
    "default-src 'none'; img-src 'self'; style-src 'self' 'unsafe-inline'; font-src 'self'; "
    "script-src 'none'; frame-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'"
)

#: Chromium switches of the app's web engine (it only ever shows the preview). Resource hints
#: such as ``<link rel="preconnect">`` open connections below the request interceptor, so
#: every connection the engine makes goes to a proxy on this machine's loopback that nothing
#: answers (loopback included, ``<-loopback>``): nothing reaches the network even if markup
#: slipped past the sanitiser, the page check and the CSP. DNS prefetching is off as well.
ENGINE_SWITCHES = (
    "--proxy-server=socks5://127.0.0.1:9",
    "--proxy-bypass-list=<-loopback>",
    "--dns-prefetch-disable",
)

#: Given a site path such as ``pictures/2024/05/a.jpg``, return the picture's bytes or None.
PictureLoader = Callable[[str], "bytes | None"]

_registered = False


def register_preview_scheme() -> None:
    """Register the ``newsroom`` URL scheme; call once in main() before the QApplication exists."""
    global _registered
    if _registered:
        return
    if QCoreApplication.instance() is not None:
        # Chromium reads custom schemes once at start-up; later registration is silently ignored.
        raise RuntimeError("register_preview_scheme() must run before the QApplication is created")
    flags = os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", "").split()
    # Read by QtWebEngine when it starts, i.e. with the first web view after this.
    os.environ["QTWEBENGINE_CHROMIUM_FLAGS"] = " ".join(
        [f for f in flags if not f.startswith(("--proxy-server", "--proxy-bypass-list"))]
        + list(ENGINE_SWITCHES)
    )
    scheme = QWebEngineUrlScheme(SCHEME.encode())
    # Host syntax gives pages the origin newsroom://site, so "../../static/site.css" resolves
    # inside the site and 'self' in the CSP means exactly our scheme and host.
    scheme.setSyntax(QWebEngineUrlScheme.Syntax.Host)
    # Secure but not Local: a non-local scheme may never load file: URLs (Chromium enforces
    # it before any request is made), and LocalScheme would also need LocalAccessAllowed,
    # which would let file: requests through to the interceptor.
    scheme.setFlags(QWebEngineUrlScheme.Flag.SecureScheme)
    QWebEngineUrlScheme.registerScheme(scheme)
    # QtWebEngine must share OpenGL contexts with the widgets; this too is only honoured early.
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    _registered = True


def preview_scheme_registered() -> bool:
    """Say whether the ``newsroom`` scheme was registered (before the QApplication)."""
    return QWebEngineUrlScheme.schemeByName(SCHEME.encode()).name() == SCHEME.encode()


def site_url(path: str) -> QUrl:
    """Return the preview URL of a site path, e.g. ``newsroom://site/news/2024/05/123.html``."""
    return QUrl(f"{SCHEME}://{HOST}/{path.lstrip('/')}")


def is_site_url(url: QUrl) -> bool:
    """Say whether ``url`` belongs to the preview's own site (our scheme and host)."""
    return url.scheme() == SCHEME and url.host() == HOST


class RequestBlocker(QWebEngineUrlRequestInterceptor):
    """Block every request that is not for the preview's own site, and record it."""

    blocked = Signal(QUrl)

    def interceptRequest(self, info: QWebEngineUrlRequestInfo) -> None:
        """Let our own site through; block http, https, ws, file, ftp and anything else."""
        url = info.requestUrl()
        if is_site_url(url):
            return
        info.block(True)
        log.debug("preview blocked %s", url.toString())
        # Profile interceptors run on the UI thread in Qt 6, so a direct emit is safe.
        self.blocked.emit(url)


class SiteSchemeHandler(QWebEngineUrlSchemeHandler):
    """Serve the previewed page, the stylesheet and pictures under ``newsroom://site/``."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._page_path = ""
        self._page = b""
        self._static_dir = resource_path("css")
        self.picture_loader: PictureLoader | None = None

    def set_page(self, path: str, html: str) -> None:
        """Make ``html`` the page served at site path ``path`` (the only page served)."""
        self._page_path = path.lstrip("/")
        self._page = html.encode("utf-8")

    def requestStarted(self, job: QWebEngineUrlRequestJob) -> None:
        """Answer one request from memory, the resources folder or the picture loader."""
        url = job.requestUrl()
        if url.host() != HOST or job.requestMethod() != b"GET":
            job.fail(QWebEngineUrlRequestJob.Error.RequestDenied)
            return
        path = url.path().lstrip("/")
        if path == self._page_path and self._page:
            self._reply(job, "text/html; charset=utf-8", self._page)
        elif path.startswith(STATIC_PREFIX):
            self._reply_static(job, path[len(STATIC_PREFIX) :])
        else:
            self._reply_picture(job, path)

    def _reply_static(self, job: QWebEngineUrlRequestJob, name: str) -> None:
        root = self._static_dir.resolve()
        file = (root / name).resolve()
        # Resolving first defeats "static/../../secret" and symlinks out of the folder.
        if not file.is_relative_to(root) or not file.is_file():
            job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)
            return
        self._reply(job, _mime_type(file.name), file.read_bytes())

    def _reply_picture(self, job: QWebEngineUrlRequestJob, path: str) -> None:
        mime = _mime_type(path)
        if self.picture_loader is None or not mime.startswith("image/"):
            job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)
            return
        try:
            data = self.picture_loader(path)
        except Exception:  # a broken picture must not take the preview down
            log.exception("picture loader failed for %s", path)
            data = None
        if data is None:
            job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)
            return
        self._reply(job, mime, data)

    @staticmethod
    def _reply(job: QWebEngineUrlRequestJob, mime: str, data: bytes) -> None:
        if PREVIEW_CSP:
            # This binding takes a multimap: each header name maps to a list of values.
            headers = {QByteArray(b"Content-Security-Policy"): [QByteArray(PREVIEW_CSP.encode())]}
            job.setAdditionalResponseHeaders(headers)  # type: ignore[arg-type]
        # The job reads the buffer after this returns; parenting it to the job keeps it alive
        # exactly as long as the request.
        buffer = QBuffer(job)
        buffer.setData(QByteArray(data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        job.reply(mime.encode(), buffer)


def _mime_type(name: str) -> str:
    if name.endswith(".css"):
        return "text/css; charset=utf-8"
    guessed, _ = mimetypes.guess_type(name)
    return guessed or "application/octet-stream"


class PreviewProfile(QWebEngineProfile):
    """An off-the-record profile that serves only our scheme and blocks every other request."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)  # no storage name: off the record, nothing written to disk
        self.setHttpCacheType(QWebEngineProfile.HttpCacheType.NoCache)
        self.setPersistentCookiesPolicy(
            QWebEngineProfile.PersistentCookiesPolicy.NoPersistentCookies
        )
        self.setSpellCheckEnabled(False)
        # Held here as attributes on purpose: the profile takes ownership of neither, and an
        # interceptor whose Python object is collected silently stops blocking (seen in
        # PySide6 6.12 even with the profile as its parent).
        self.handler = SiteSchemeHandler(self)
        self.installUrlSchemeHandler(SCHEME.encode(), self.handler)
        self.blocker = RequestBlocker(self)
        self.setUrlRequestInterceptor(self.blocker)
        # Links are refused before they could download, but nothing else may save files either.
        self.downloadRequested.connect(lambda download: download.cancel())


def lock_down(settings: QWebEngineSettings) -> None:
    """Turn off script, plugins and every way for the page to reach beyond our scheme."""
    attr = QWebEngineSettings.WebAttribute
    off = (
        attr.JavascriptEnabled,
        attr.JavascriptCanOpenWindows,
        attr.JavascriptCanAccessClipboard,
        attr.PluginsEnabled,
        attr.PdfViewerEnabled,
        attr.LocalContentCanAccessRemoteUrls,
        attr.LocalContentCanAccessFileUrls,
        attr.LocalStorageEnabled,
        attr.WebGLEnabled,
        attr.Accelerated2dCanvasEnabled,
        attr.AutoLoadIconsForPage,  # would request a favicon
        attr.DnsPrefetchEnabled,
        attr.HyperlinkAuditingEnabled,
        attr.NavigateOnDropEnabled,  # a dropped file would replace the preview
        attr.FullScreenSupportEnabled,
        attr.ScreenCaptureEnabled,
    )
    for attribute in off:
        settings.setAttribute(attribute, False)


class PreviewPage(QWebEnginePage):
    """A locked-down page that only follows the loads the preview itself asks for."""

    link_clicked = Signal(QUrl)
    navigation_blocked = Signal(QUrl)

    def __init__(self, profile: QWebEngineProfile, parent: QObject | None = None) -> None:
        super().__init__(profile, parent)
        lock_down(self.settings())
        self._expected = QUrl()
        self._catchers: list[_LinkCatcher] = []

    def expect_load(self, url: QUrl) -> None:
        """Allow the next main-frame navigation to ``url``: a load the preview started."""
        self._expected = QUrl(url)

    def acceptNavigationRequest(
        self, url: QUrl | str, type: QWebEnginePage.NavigationType, isMainFrame: bool
    ) -> bool:
        """Allow our own loads and in-page anchors; report clicked links, refuse the rest."""
        url = QUrl(url)
        kind = QWebEnginePage.NavigationType
        if not isMainFrame:
            # Frames are not part of a news page; a remote one would fetch from the web.
            self.navigation_blocked.emit(url)
            return False
        if _same_document(url, self.url()) and url.hasFragment():
            return True  # 返回顶部 and the skip link scroll within the page
        if type == kind.NavigationTypeLinkClicked:
            # The window decides what a click means (e.g. open http links in a browser).
            self.link_clicked.emit(url)
            return False
        if type in (kind.NavigationTypeTyped, kind.NavigationTypeReload) and is_site_url(url):
            return _same_document(url, self._expected)
        self.navigation_blocked.emit(url)
        return False

    def createWindow(self, type: QWebEnginePage.WebWindowType) -> QWebEnginePage:
        """Catch links that ask for a new window (target=_blank) and report them as clicks."""
        catcher = _LinkCatcher(self)
        self._catchers.append(catcher)  # keep the Python object alive until it has reported
        return catcher

    def javaScriptConsoleMessage(
        self,
        level: QWebEnginePage.JavaScriptConsoleMessageLevel,
        message: str,
        lineNumber: int,
        sourceID: str,
    ) -> None:
        """Log Chromium's refusals (CSP, local resources) at debug level instead of stderr."""
        log.debug("preview console: %s", message)


class _LinkCatcher(QWebEnginePage):
    """A throwaway page for target=_blank links: reports the URL, never loads anything."""

    def __init__(self, owner: PreviewPage) -> None:
        super().__init__(owner.profile(), owner)
        lock_down(self.settings())
        self._owner = owner

    def acceptNavigationRequest(
        self, url: QUrl | str, type: QWebEnginePage.NavigationType, isMainFrame: bool
    ) -> bool:
        """Forward the first navigation as a link click, then go away."""
        self._owner.link_clicked.emit(QUrl(url))
        if self in self._owner._catchers:
            self._owner._catchers.remove(self)
        self.deleteLater()
        return False


def _same_document(a: QUrl, b: QUrl) -> bool:
    return a.toString().partition("#")[0] == b.toString().partition("#")[0]
