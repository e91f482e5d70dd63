"""The live preview pane: the article page exactly as the website will show it, while typing.

The page comes from the export's own rendering function and is shown in an isolated web view
(see ``preview_web``). Updates are debounced, rendered on a worker thread one at a time, and
shown by patching the loaded page in place whenever only the article part changed, so the
reader keeps her scroll position and the editor never waits for the preview.
"""

from __future__ import annotations

import copy
import html
import json
import logging
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum

from PySide6.QtCore import (
    QEvent,
    QObject,
    QPointF,
    Qt,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import QAction, QActionGroup, QPalette
from PySide6.QtWebEngineCore import QWebEngineLoadingInfo, QWebEnginePage, QWebEngineScript
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QToolBar, QVBoxLayout, QWidget

from desktop.article import Article, Column
from desktop.gui.preview_web import (
    PictureLoader,
    PreviewPage,
    PreviewProfile,
    preview_scheme_registered,
    register_preview_scheme,
    site_url,
)
from desktop.gui.work import WorkQueue
from desktop.render.body_blocks import BodyBlocks, BodyPatch, body_blocks, body_patch
from desktop.render.process import PageProcess
from desktop.site import Site

__all__ = [
    "PageParts",
    "PreviewPane",
    "RenderedPage",
    "WidthMode",
    "register_preview_scheme",
    "split_page",
]

log = logging.getLogger(__name__)

#: Width of the phone preview in CSS pixels (a common phone's viewport).
PHONE_WIDTH = 390
#: Width the site's desktop layout needs (``--width`` in site.css); narrower panes zoom out.
DESKTOP_WIDTH = 1000
#: Below this zoom text gets unreadable; the page's fluid layout takes over instead.
MIN_DESKTOP_ZOOM = 0.5
#: Quiet time after the last keystroke before rendering; with ~1.5 ms to render and ~5 ms to
#: patch, a keystroke shows in under 100 ms.
DEBOUNCE_MS = 80
#: During non-stop typing, update at least this often rather than wait for a pause.
MAX_WAIT_MS = 400
#: If the page neither finishes loading nor answers a patch by then (a crashed renderer),
#: give up on that update so later ones are not stuck behind it.
SHOW_TIMEOUT_MS = 5000

_QWIDGETSIZE_MAX = (1 << 24) - 1
_MAIN_OPEN = re.compile(r"<main\b[^>]*>", re.IGNORECASE)
_MAIN_CLOSE = "</main>"
_TITLE = re.compile(r"<title\b[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)

# Runs in the application world: page script is off, and the page CSP governs only the page's
# own scripts, so this still works and nothing the page contains can observe or alter it.
_PATCH_SCRIPT = """(function () {
  var main = document.querySelector("main");
  if (!main) { return false; }
  main.innerHTML = %s;
  document.title = %s;
  return true;
})()"""

# Replaces some top-level blocks of the article body: the nodes from block ``start`` up to
# block ``end`` (the whitespace after each included) make way for the new blocks, parsed in
# an inert template. The block count is checked first: anything unexpected loads the page.
_BODY_PATCH_SCRIPT = """(function (start, end, count, html, title) {
  var body = document.querySelector("main .article-body");
  if (!body || body.children.length !== count) { return false; }
  var stop = end < count ? body.children[end] : null;
  var node = start < count ? body.children[start] : null;
  while (node !== null && node !== stop) {
    var next = node.nextSibling;
    body.removeChild(node);
    node = next;
  }
  var template = document.createElement("template");
  template.innerHTML = html;
  body.insertBefore(template.content, stop);
  document.title = title;
  return true;
})(%d, %d, %d, %s, %s)"""


@dataclass(frozen=True)
class RenderedPage:
    """A rendered page and the site path it lives at, e.g. ``news/2024/05/123.html``."""

    path: str
    html: str
    #: The Markdown the page's body came from and its HTML (simplified) as the export renders
    #: it, for the cache of rendered bodies; None for a page that carries no article body.
    body: tuple[str, str] | None = None


#: Produces the page to show; called on the worker thread, so it must not touch widgets.
PageRequest = Callable[[], RenderedPage]


@dataclass(frozen=True)
class PageParts:
    """A page cut in three: everything around the article, the title text, the article HTML."""

    shell: str
    title: str
    main: str


_UNSEEN_HEAD = re.compile(
    r'<meta (?:name="(?:description|keywords)"|property="[^"]*") [^>]*>\n?'
    r'|<link rel="canonical" [^>]*>\n?'
)


def split_page(text: str) -> PageParts | None:
    """Cut a page at its ``<title>`` text and ``<main>`` content; None if it has no ``<main>``."""
    opening = _MAIN_OPEN.search(text)
    closing = text.rfind(_MAIN_CLOSE)
    if opening is None or closing < opening.end():
        return None
    before, inner, after = text[: opening.end()], text[opening.end() : closing], text[closing:]
    title = ""
    found = _TITLE.search(before)
    if found:
        title = html.unescape(found.group(1))
        before = before[: found.start(1)] + before[found.end(1) :]
    # Head data no reader sees (description, keywords, sharing data, the canonical address)
    # follows the title and summary; it must not turn each keystroke into a full reload.
    before = _UNSEEN_HEAD.sub("", before)
    return PageParts(shell=f"{before}\0{after}", title=title, main=inner)


class WidthMode(Enum):
    """How wide the preview lays the page out."""

    DESKTOP = "desktop"
    PHONE = "phone"


@dataclass(frozen=True)
class _RenderResult:
    generation: int
    page: RenderedPage | None
    error: str
    render_ms: float
    requested_at: float
    #: The page cut for patching, on the worker thread (a long page takes milliseconds).
    parts: PageParts | None = None
    body: BodyBlocks | None = None


def _render(generation: int, request: PageRequest, requested_at: float) -> _RenderResult:
    """Run one page request on the worker thread; a failure becomes the result's message."""
    start = time.perf_counter()
    page: RenderedPage | None = None
    parts: PageParts | None = None
    body: BodyBlocks | None = None
    error = ""
    try:
        page = request()
        parts = split_page(page.html)
        body = body_blocks(parts.main) if parts is not None else None
    except Exception as exc:
        log.exception("preview render failed")
        error = str(exc) or type(exc).__name__
    elapsed = (time.perf_counter() - start) * 1000
    return _RenderResult(generation, page, error, elapsed, requested_at, parts, body)


@dataclass
class _PendingLoad:
    token: int
    url: QUrl
    result: _RenderResult
    parts: PageParts | None
    scroll: QPointF | None
    body: BodyBlocks | None = None


class PreviewPane(QWidget):
    """The article page as the site will show it, in an isolated view, updated while typing."""

    #: The page of this request generation is now on screen (after load or patch).
    rendered = Signal(int)
    #: Rendering or showing an update failed; the message is for the user.
    render_failed = Signal(str)
    #: The preview refused to fetch this URL (any scheme but our own).
    request_blocked = Signal(QUrl)
    #: The user clicked a link in the page; the preview does not follow it.
    link_clicked = Signal(QUrl)
    #: The desktop/phone width changed (from the pane's own toolbar or set_width_mode).
    width_mode_changed = Signal(object)
    #: The HTML of the stored body shown was written to the cache of rendered bodies.
    body_kept = Signal()

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        picture_loader: PictureLoader | None = None,
        debounce_ms: int = DEBOUNCE_MS,
        max_wait_ms: int = MAX_WAIT_MS,
        toolbar: bool = True,
    ) -> None:
        super().__init__(parent)
        if not preview_scheme_registered():
            raise RuntimeError(
                "call register_preview_scheme() in main() before creating the QApplication"
            )
        # Created first on purpose: children are destroyed in creation order, and deleting the
        # queue waits for a running render, which still reports to this pane.
        self._renders = WorkQueue(self, name="preview")
        # Writes the stored body's HTML to the cache of rendered bodies, beside the renders.
        self._keeping = WorkQueue(self, name="body cache")
        #: Where a long article's page is rendered (its own process), closed with the pane.
        self.page_process = PageProcess()
        self.destroyed.connect(self.page_process.close)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(debounce_ms)
        self._debounce.timeout.connect(self._start_render)
        self._max_wait_ms = max_wait_ms
        self._watchdog = QTimer(self)
        self._watchdog.setSingleShot(True)
        self._watchdog.setInterval(SHOW_TIMEOUT_MS)
        self._watchdog.timeout.connect(self._on_show_timeout)

        self._generation = 0
        self._pending: tuple[int, PageRequest, float] | None = None
        self._first_pending_at = 0.0
        self._busy = False  # a render or the showing of its result is under way
        self._token = 0  # identifies the current show step; stale callbacks compare it
        self._loading: _PendingLoad | None = None
        self._shown: PageParts | None = None
        self._shown_body: BodyBlocks | None = None  # the shown page's body, cut in blocks
        self._shown_path = ""
        self._mode = WidthMode.DESKTOP
        # The cache of rendered bodies gets a body's HTML only once that body is known to be
        # stored (opened, or just saved): the bodies typed on the way there are never exported.
        self._stored_body: str | None = None
        self._rendered_body: tuple[str, str] | None = None  # the last page's (text, HTML)
        self._kept_body: str | None = None  # the text whose HTML was last written

        self.blocked_urls: list[QUrl] = []
        self.render_count = 0
        self.last_update = ""  # "patch", "load" or "unchanged": how the last update was shown
        self.last_patch_chars = 0  # the markup the last patch sent to the page
        self.last_render_ms = 0.0
        self.last_show_ms = 0.0  # from the finished render to the page on screen
        self.last_latency_ms = 0.0  # from the latest request to the page on screen
        self._show_started = 0.0

        self._build_toolbar()
        self._stage = QWidget(self)
        self._stage.setBackgroundRole(QPalette.ColorRole.Mid)
        self._stage.setAutoFillBackground(True)
        self._view = QWebEngineView(self._stage)
        self._view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        # The profile comes after the view so it is destroyed after it: a profile must outlive
        # its pages, and the page is the view's child.
        self._profile = PreviewProfile(self)
        self._handler = self._profile.handler
        self._handler.picture_loader = picture_loader
        self._page = PreviewPage(self._profile, self._view)
        self._view.setPage(self._page)
        self._view.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)

        stage_layout = QHBoxLayout(self._stage)
        stage_layout.setContentsMargins(0, 0, 0, 0)
        stage_layout.addWidget(self._view)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self._toolbar)
        self._toolbar.setVisible(toolbar)  # a window with its own width actions may hide it
        layout.addWidget(self._stage, 1)

        self._profile.blocker.blocked.connect(self._on_blocked)
        self._page.navigation_blocked.connect(self._on_blocked)
        self._page.link_clicked.connect(self.link_clicked)
        self._page.loadingChanged.connect(self._on_loading_changed)
        self._page.renderProcessTerminated.connect(self._on_renderer_gone)
        self._stage.installEventFilter(self)
        self._apply_width()

    def _build_toolbar(self) -> None:
        self._toolbar = QToolBar(self)
        self._toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        group = QActionGroup(self)
        group.setExclusive(True)
        self._desktop_action = QAction(self.tr("Desktop"), group)
        self._desktop_action.setToolTip(self.tr("Show the page as on a computer screen"))
        self._phone_action = QAction(self.tr("Phone"), group)
        self._phone_action.setToolTip(self.tr("Show the page as on a mobile phone"))
        for action, mode in (
            (self._desktop_action, WidthMode.DESKTOP),
            (self._phone_action, WidthMode.PHONE),
        ):
            action.setCheckable(True)
            action.setData(mode.value)
            self._toolbar.addAction(action)
        self._desktop_action.setChecked(True)
        group.triggered.connect(lambda action: self.set_width_mode(WidthMode(action.data())))
        spacer = QWidget(self._toolbar)
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self._toolbar.addWidget(spacer)
        self._status = QLabel(self._toolbar)
        self._status_action = self._toolbar.addWidget(self._status)
        self._status_action.setVisible(False)

    @property
    def view(self) -> QWebEngineView:
        """The web view (for the window's print and PDF actions, and for tests)."""
        return self._view

    @property
    def web_page(self) -> QWebEnginePage:
        """The locked-down page inside the view."""
        return self._page

    @property
    def generation(self) -> int:
        """The generation number of the latest request."""
        return self._generation

    def set_picture_loader(self, loader: PictureLoader | None) -> None:
        """Set the callable that returns a picture's bytes for a site path (None: no pictures)."""
        self._handler.picture_loader = loader

    def show_article(
        self, article: Article, site: Site, columns: Sequence[Column], *, stored: bool = False
    ) -> int:
        """Queue a preview of ``article`` as the export would write it; return its generation.

        ``stored``: the article is as the database has it (just opened), so its body's HTML
        goes into the cache of rendered bodies once rendered.
        """
        # The editor keeps changing these objects while the worker renders: give it copies.
        article, site, columns = copy.deepcopy((article, site, list(columns)))
        pages = self.page_process
        if stored:
            self._stored_body = article.body

        def produce() -> RenderedPage:
            # Imported here, on the worker thread: loading the templates and the Markdown and
            # sanitising libraries then never delays the window's first paint.
            from desktop.render.urls import article_path

            page, body = pages.render_page_and_body(article, site, columns)
            return RenderedPage(article_path(article), page, (article.body, body))

        return self.show_page(produce)

    def body_stored(self, text: str) -> None:
        """The edited article's body was saved as ``text``: cache its HTML if shown (or next)."""
        self._stored_body = text
        self._keep_stored_body()

    def is_keeping(self) -> bool:
        """Whether a body's HTML is being written to the cache of rendered bodies."""
        return self._keeping.busy()

    def _keep_stored_body(self) -> None:
        rendered, stored = self._rendered_body, self._stored_body
        if rendered is None or stored is None or rendered[0] != stored:
            return
        if self._kept_body == stored:
            return
        self._kept_body = stored
        text, body = rendered

        def keep(_context: object) -> bool:
            # On the queue's thread: hashing, compressing and SQLite let go of Python's lock.
            from desktop.render.body_cache import keep_body

            return keep_body(text, None, body)

        job = self._keeping.start(keep)
        job.succeeded.connect(lambda kept: self.body_kept.emit() if kept else None)

    def show_page(self, request: PageRequest) -> int:
        """Queue any page request (called on the worker thread); return its generation."""
        self._generation += 1
        now = time.perf_counter()
        self._pending = (self._generation, request, now)
        if not self._debounce.isActive():
            self._first_pending_at = now
            self._debounce.start()
        elif (now - self._first_pending_at) * 1000 < self._max_wait_ms:
            self._debounce.start()  # restart: wait for a pause in the typing
        return self._generation

    def is_updating(self) -> bool:
        """Whether a page is queued, rendering or being put on screen."""
        return self._busy or self._pending is not None

    def flush(self) -> None:
        """Start the queued render now instead of after the debounce (e.g. on switching article)."""
        if self._pending is not None:
            self._debounce.stop()
            self._start_render()

    def page_text(self, callback: Callable[[str], None]) -> None:
        """Call ``callback`` with the plain text of the page on screen."""
        self._page.toPlainText(callback)

    def width_mode(self) -> WidthMode:
        """Return whether the page is laid out at desktop or phone width."""
        return self._mode

    def set_width_mode(self, mode: WidthMode) -> None:
        """Lay the page out at desktop width (zoomed to fit) or at phone width, centred."""
        changed = mode is not self._mode
        self._mode = mode
        action = self._phone_action if mode is WidthMode.PHONE else self._desktop_action
        action.setChecked(True)
        self._apply_width()
        if changed:
            self.width_mode_changed.emit(mode)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Refit the page when the pane's viewing area changes size."""
        if watched is self._stage and event.type() == QEvent.Type.Resize:
            self._apply_width()
        return super().eventFilter(watched, event)

    def _apply_width(self) -> None:
        available = max(1, self._stage.width())
        layout = self._stage.layout()
        if self._mode is WidthMode.PHONE:
            width = min(PHONE_WIDTH, available)
            self._view.setFixedWidth(width)
            if layout is not None:
                layout.setAlignment(self._view, Qt.AlignmentFlag.AlignHCenter)
            zoom = width / PHONE_WIDTH
        else:
            self._view.setMinimumWidth(0)
            self._view.setMaximumWidth(_QWIDGETSIZE_MAX)
            if layout is not None:
                layout.setAlignment(self._view, Qt.AlignmentFlag(0))
            zoom = max(MIN_DESKTOP_ZOOM, min(1.0, available / DESKTOP_WIDTH))
        if abs(self._view.zoomFactor() - zoom) > 0.001:
            self._view.setZoomFactor(zoom)

    def _start_render(self) -> None:
        if self._busy or self._pending is None:
            return  # the running update picks up the pending request when it is done
        generation, request, requested_at = self._pending
        self._pending = None
        self._busy = True
        self.render_count += 1
        job = self._renders.start(lambda _context: _render(generation, request, requested_at))
        job.succeeded.connect(self._on_render_finished)

    def _on_render_finished(self, result: _RenderResult) -> None:
        self.last_render_ms = result.render_ms
        self._show_started = time.perf_counter()
        if result.page is None:
            self._fail(
                self.tr("The preview could not be updated: {error}").format(error=result.error)
            )
            return
        page = result.page
        self._handler.set_page(page.path, page.html)  # a reload now shows the latest text
        if page.body is not None:
            self._rendered_body = page.body
            self._keep_stored_body()
        parts = result.parts
        same_frame = (
            parts is not None
            and self._shown is not None
            and page.path == self._shown_path
            and parts.shell == self._shown.shell
        )
        if same_frame and parts == self._shown:
            self._done(result, "unchanged")
        elif same_frame and parts is not None:
            self._patch(result, parts)
        else:
            self._load(result, parts)

    def _patch(self, result: _RenderResult, parts: PageParts) -> None:
        self._token += 1
        token = self._token
        patch: BodyPatch | None = None
        if self._shown_body is not None and result.body is not None:
            patch = body_patch(self._shown_body, result.body)
        if patch is not None:
            # Only the blocks typed in travel to the page: a keystroke in a 300,000-character
            # article sends a paragraph, not 1.5 MB for the page to parse and lay out again.
            script = _BODY_PATCH_SCRIPT % (
                patch.start,
                patch.end,
                patch.count,
                json.dumps(patch.html),
                json.dumps(parts.title),
            )
            self.last_patch_chars = len(patch.html)
        else:
            script = _PATCH_SCRIPT % (json.dumps(parts.main), json.dumps(parts.title))
            self.last_patch_chars = len(parts.main)
        self._watchdog.start()
        self._page.runJavaScript(
            script,
            QWebEngineScript.ScriptWorldId.ApplicationWorld,
            lambda ok: self._on_patched(token, ok, result, parts),
        )

    def _on_patched(self, token: int, ok: object, result: _RenderResult, parts: PageParts) -> None:
        if token != self._token:
            return
        if ok is True:
            self._shown = parts
            self._shown_body = result.body
            self._done(result, "patch")
        else:
            self._load(result, parts)  # the page was not what we thought: load it whole

    def _load(self, result: _RenderResult, parts: PageParts | None) -> None:
        assert result.page is not None
        # The same article keeps its place; another article starts at the top.
        keep = result.page.path == self._shown_path and self._shown is not None
        self._token += 1
        url = site_url(result.page.path)
        scroll = self._page.scrollPosition() if keep else None
        self._loading = _PendingLoad(self._token, url, result, parts, scroll, result.body)
        self._page.expect_load(url)
        self._watchdog.start()
        self._page.load(url)

    def _on_loading_changed(self, info: QWebEngineLoadingInfo) -> None:
        loading = self._loading
        status = info.status()
        # A refused link click also starts and fails a load (of the refused URL), which would
        # look like ours through loadFinished(False); only the end of our own load counts.
        if (
            loading is None
            or status == QWebEngineLoadingInfo.LoadStatus.LoadStartedStatus
            or info.url() != loading.url
        ):
            return
        ok = status == QWebEngineLoadingInfo.LoadStatus.LoadSucceededStatus
        self._loading = None
        self._apply_width()  # Chromium may reset the zoom on navigation
        if not ok:
            self._shown = None
            self._shown_body = None
            self._fail(self.tr("The preview could not show the page."))
            return
        assert loading.result.page is not None
        self._shown = loading.parts
        self._shown_body = loading.body
        self._shown_path = loading.result.page.path
        scroll = loading.scroll
        if scroll is None or (scroll.x() == 0 and scroll.y() == 0):
            self._done(loading.result, "load")
            return
        self._page.runJavaScript(
            f"window.scrollTo({scroll.x():.0f}, {scroll.y():.0f})",
            QWebEngineScript.ScriptWorldId.ApplicationWorld,
            lambda _: self._on_scroll_restored(loading),
        )

    def _on_scroll_restored(self, loading: _PendingLoad) -> None:
        if loading.token == self._token:
            self._done(loading.result, "load")

    def _done(self, result: _RenderResult, how: str) -> None:
        self._watchdog.stop()
        self.last_update = how
        now = time.perf_counter()
        self.last_show_ms = (now - self._show_started) * 1000
        self.last_latency_ms = (now - result.requested_at) * 1000
        self._set_status("")
        self.rendered.emit(result.generation)
        self._next()

    def _fail(self, message: str) -> None:
        self._watchdog.stop()
        self._set_status(message)
        self.render_failed.emit(message)
        self._next()

    def _next(self) -> None:
        self._busy = False
        if self._pending is not None and not self._debounce.isActive():
            self._start_render()  # the text changed while we were busy: show the latest

    def _on_show_timeout(self) -> None:
        self._token += 1  # late callbacks of the abandoned step are ignored
        self._loading = None
        self._shown = None  # unsure what is on screen: the next update loads the whole page
        self._shown_body = None
        self._fail(self.tr("The preview did not respond."))

    def _on_renderer_gone(self, *_: object) -> None:
        self._shown = None
        self._shown_body = None
        if self._busy and self._watchdog.isActive():
            self._on_show_timeout()

    def _on_blocked(self, url: QUrl) -> None:
        self.blocked_urls.append(QUrl(url))
        self.request_blocked.emit(url)

    def _set_status(self, message: str) -> None:
        self._status.setText(message)
        self._status_action.setVisible(bool(message))
