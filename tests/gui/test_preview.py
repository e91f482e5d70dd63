"""The live preview pane: what it shows, how it updates, and that it stays offline and inert."""

from __future__ import annotations

import base64
import datetime as dt
import gc
import json
import os
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

# Chromium refuses to start as root with its sandbox on; test machines often run as root.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if hasattr(os, "geteuid") and os.geteuid() == 0:
    os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")

import pytest
from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWebEngineCore import QWebEngineScript, QWebEngineSettings

from desktop.article import Article, Column
from desktop.gui import preview_web
from desktop.gui.preview import (
    DEBOUNCE_MS,
    PHONE_WIDTH,
    PreviewPane,
    RenderedPage,
    WidthMode,
    register_preview_scheme,
    split_page,
)
from desktop.render.page import render_article_page
from desktop.site import Site

# Custom schemes must be known before the QApplication exists, and pytest-qt creates it
# lazily in the first test that asks for qtbot, i.e. after every module has been imported.
register_preview_scheme()

PNG_1X1 = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)
COLUMNS = [Column("工会动态", "union-news", 1, id=1), Column("通知公告", "notices", 2, id=2)]
SITE = Site(name="澜江市总工会", sponsor="澜江市总工会", icp="滇ICP备12345678号")
WAIT_MS = 15_000
#: How long a refused click is given to start a navigation anyway (one starts within ~10 ms).
NAVIGATION_GRACE_MS = 300


def make_article(
    body: str = "**一是抓学习。**会议要求，全市各级工会要突破300个服务站点。\n", **fields: object
) -> Article:
    """Return an article with the fields the page shows."""
    values: dict[str, object] = {
        "title": "市总工会召开全委会议",
        "body": body,
        "column": "工会动态",
        "author": "市总工会组宣部",
        "source": "澜江市总工会",
        "published_at": dt.datetime(2026, 5, 6, 9, 30),
        "id": 123,
    }
    values.update(fields)
    return Article(**values)  # type: ignore[arg-type]


def long_body(chars: int = 4000, marker: str = "") -> str:
    """Return a Markdown body of about ``chars`` characters in paragraphs with bold lead-ins."""
    sentence = "全市各级工会组织深入基层开展调研，帮扶困难职工，推进户外劳动者服务站点建设。"
    paragraphs = []
    size = 0
    n = 0
    while size < chars:
        n += 1
        text = f"**第{n}段。**" + sentence * 3
        paragraphs.append(text)
        size += len(text)
    return "\n\n".join(paragraphs) + (f"\n\n{marker}\n" if marker else "\n")


@pytest.fixture
def pane(qtbot) -> Iterator[PreviewPane]:
    """Return a shown preview pane wide enough for the desktop layout at zoom 1."""
    widget = PreviewPane()
    widget.resize(1100, 800)
    widget.show()
    yield widget
    # Delete it now, not at exit: a profile must outlive its page, which Qt only guarantees
    # when the pane's children are destroyed in order.
    gone: list[bool] = []
    widget.destroyed.connect(lambda: gone.append(True))
    widget.close()
    widget.deleteLater()
    qtbot.waitUntil(lambda: bool(gone), timeout=WAIT_MS)


def show(qtbot, pane: PreviewPane, request, site: Site = SITE) -> int:
    """Queue a request (article or page callable) and wait until it is on screen."""
    with qtbot.waitSignal(pane.rendered, timeout=WAIT_MS) as blocker:
        generation = (
            pane.show_article(request, site, COLUMNS)
            if isinstance(request, Article)
            else pane.show_page(request)
        )
    assert blocker.args == [generation]
    return generation


def raw_page(html: str, path: str = "test/raw.html"):
    """Return a page request that serves ``html`` as it is, bypassing the renderer."""
    return lambda: RenderedPage(path, html)


def page_text(qtbot, pane: PreviewPane) -> str:
    """Return the plain text of the page on screen."""
    box: list[str] = []
    pane.page_text(box.append)
    qtbot.waitUntil(lambda: bool(box), timeout=WAIT_MS)
    return box[0]


def run_js(
    qtbot, pane: PreviewPane, script: str, world=QWebEngineScript.ScriptWorldId.ApplicationWorld
):
    """Run ``script`` in the page (application world by default) and return its result."""
    box: list[object] = []
    pane.web_page.runJavaScript(script, world, box.append)
    qtbot.waitUntil(lambda: bool(box), timeout=WAIT_MS)
    return box[0]


@pytest.fixture
def tcp_server() -> Iterator[tuple[int, list[bytes]]]:
    """Run a local TCP server that records every connection; yield its port and the log."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    server.settimeout(0.2)
    seen: list[bytes] = []
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                continue
            with conn:
                conn.settimeout(1)
                try:
                    seen.append(conn.recv(200) or b"<connected>")
                except OSError:
                    seen.append(b"<connected>")

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield server.getsockname()[1], seen
    stop.set()
    thread.join()
    server.close()


# --- Qt-free helpers ------------------------------------------------------------------


def test_split_page_cuts_title_and_main():
    page = (
        "<html><head><title>标题 &amp; 副标题 - 站</title></head>"
        '<body><header>h</header><main id="content"><p>正文</p></main>'
        "<footer>f</footer></body></html>"
    )
    parts = split_page(page)
    assert parts is not None
    assert parts.title == "标题 & 副标题 - 站"
    assert parts.main == "<p>正文</p>"
    assert "正文" not in parts.shell and "副标题" not in parts.shell
    assert "<footer>f</footer>" in parts.shell
    other = split_page(page.replace("正文", "改过的正文").replace("副标题", "另一个"))
    assert other is not None and other.shell == parts.shell


def test_split_page_without_main_is_none():
    assert split_page("<html><body><p>no main</p></body></html>") is None


def test_register_preview_scheme_is_idempotent(qapp):
    register_preview_scheme()  # already registered at import; must not complain now


# --- what the pane shows ---------------------------------------------------------------


def test_shows_rendered_article_with_site_frame_and_stylesheet(qtbot, pane):
    show(qtbot, pane, make_article())
    text = page_text(qtbot, pane)
    for expected in (
        "市总工会召开全委会议",
        "一是抓学习。",
        "突破300个服务站点",
        "（市总工会组宣部）",
        "澜江市总工会",
        "工会动态",
    ):
        assert expected in text
    assert pane.web_page.url() == QUrl("newsroom://site/news/2026/05/123.html")
    assert pane.web_page.title() == "市总工会召开全委会议 - 澜江市总工会"
    # site.css paints the page background #f2f2f2: the relative stylesheet link resolved
    # to newsroom://site/static/site.css and the scheme handler served it.
    assert (
        run_js(qtbot, pane, "getComputedStyle(document.body).backgroundColor")
        == "rgb(242, 242, 242)"
    )
    assert pane.blocked_urls == []


def test_unsaved_draft_is_previewed_too(qtbot, pane):
    show(qtbot, pane, make_article(id=None, title="未保存的草稿"))
    assert "未保存的草稿" in page_text(qtbot, pane)
    assert pane.web_page.url().path() == "/news/2026/05/draft.html"


def test_pictures_come_from_the_picture_loader(qtbot, pane):
    asked: list[str] = []

    def load(path: str) -> bytes | None:
        asked.append(path)
        return PNG_1X1 if path == "pictures/ok.png" else None

    pane.set_picture_loader(load)
    show(
        qtbot,
        pane,
        make_article(
            body="![有图](../../../pictures/ok.png)\n\n![无图](../../../pictures/missing.png)\n"
        ),
    )
    widths = "JSON.stringify(Array.from(document.images, i => [i.complete, i.naturalWidth]))"
    qtbot.waitUntil(lambda: run_js(qtbot, pane, widths) == "[[true,1],[true,0]]", timeout=WAIT_MS)
    assert sorted(asked) == ["pictures/missing.png", "pictures/ok.png"]


def test_failed_render_keeps_the_last_page_and_recovers(qtbot, pane):
    show(qtbot, pane, make_article(title="好的版本"))

    def broken() -> RenderedPage:
        raise ValueError("模板出错")

    with qtbot.waitSignal(pane.render_failed, timeout=WAIT_MS) as blocker:
        pane.show_page(broken)
    assert "模板出错" in blocker.args[0]
    assert "好的版本" in page_text(qtbot, pane)
    show(qtbot, pane, make_article(title="修好的版本"))
    assert "修好的版本" in page_text(qtbot, pane)


# --- updating while typing -------------------------------------------------------------


def test_burst_of_updates_coalesces_into_few_renders(qtbot, pane):
    show(qtbot, pane, make_article())
    before = pane.render_count
    final = pane.generation + 20
    with qtbot.waitSignal(pane.rendered, timeout=WAIT_MS, check_params_cb=lambda g: g == final):
        for i in range(20):
            pane.show_article(
                make_article(body=long_body(800, marker=f"第{i}次修改")), SITE, COLUMNS
            )
            if i == 9:
                pane.flush()  # a render is now in flight while the next ten requests arrive
    assert pane.render_count - before <= 3
    text = page_text(qtbot, pane)
    assert "第19次修改" in text and "第18次修改" not in text


def test_at_most_one_render_in_flight_and_latest_wins(qtbot, pane):
    show(qtbot, pane, make_article())
    release = threading.Event()
    lock = threading.Lock()
    running = [0, 0]  # now, most at once

    def request(title: str, wait: bool):
        def produce() -> RenderedPage:
            with lock:
                running[0] += 1
                running[1] = max(running[1], running[0])
            if wait:
                release.wait(10)
            with lock:
                running[0] -= 1
            html = (
                f"<html><head><title>{title}</title></head><body><main>{title}</main></body></html>"
            )
            return RenderedPage("test/flight.html", html)

        return produce

    before = pane.render_count
    pane.show_page(request("慢的第一版", wait=True))
    pane.flush()
    qtbot.waitUntil(lambda: running[0] == 1, timeout=WAIT_MS)
    last = 0
    for i in range(5):
        last = pane.show_page(request(f"第{i}版", wait=False))
        pane.flush()  # must not start a second render while the first is running
    assert pane.render_count - before == 1
    with qtbot.waitSignal(pane.rendered, timeout=WAIT_MS, check_params_cb=lambda g: g == last):
        release.set()
    assert running[1] == 1
    assert pane.render_count - before == 2  # the slow one, then only the latest
    assert page_text(qtbot, pane).strip() == "第4版"


def test_scroll_position_is_kept_when_the_body_changes(qtbot, pane):
    article = make_article(body=long_body(4000))
    show(qtbot, pane, article)
    run_js(qtbot, pane, "window.scrollTo(0, 900)")
    qtbot.waitUntil(lambda: pane.web_page.scrollPosition().y() == 900, timeout=WAIT_MS)

    article.body = long_body(4000, marker="新加的一句。")
    show(qtbot, pane, article)
    assert pane.last_update == "patch"  # only <main> changed: patched in place, no reload
    assert "新加的一句。" in page_text(qtbot, pane)
    assert run_js(qtbot, pane, "window.scrollY") == 900
    assert pane.web_page.scrollPosition().y() == 900


def test_scroll_position_is_kept_when_the_page_must_reload(qtbot, pane):
    article = make_article(body=long_body(4000))
    show(qtbot, pane, article)
    run_js(qtbot, pane, "window.scrollTo(0, 700)")
    qtbot.waitUntil(lambda: pane.web_page.scrollPosition().y() == 700, timeout=WAIT_MS)

    show(qtbot, pane, article, Site(name="澜江市总工会网站"))  # new header: a whole reload
    assert pane.last_update == "load"
    assert "澜江市总工会网站" in page_text(qtbot, pane)
    assert run_js(qtbot, pane, "window.scrollY") == 700


def test_title_change_is_patched_into_the_window_title(qtbot, pane):
    article = make_article()
    show(qtbot, pane, article)
    article.title = "新标题 & 更多"
    show(qtbot, pane, article)
    assert pane.last_update == "patch"
    assert pane.web_page.title() == "新标题 & 更多 - 澜江市总工会"


# --- isolation ---------------------------------------------------------------------------


SCRIPTED_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>原标题</title></head>
<body onload="document.title='ONLOAD RAN'"><main><p id="p">原文</p></main>
<img src="missing.png" onerror="document.title='ONERROR RAN'">
<script>
document.title = 'SCRIPT RAN'; document.getElementById('p').textContent = 'SCRIPT RAN';
</script>
</body></html>"""


def test_javascript_is_off_for_the_page(qtbot, pane, monkeypatch):
    # With our CSP header removed, only the page settings stand between the page and script.
    monkeypatch.setattr(preview_web, "PREVIEW_CSP", "")
    settings = pane.web_page.settings()
    assert not settings.testAttribute(QWebEngineSettings.WebAttribute.JavascriptEnabled)
    assert not settings.testAttribute(QWebEngineSettings.WebAttribute.PluginsEnabled)
    assert not settings.testAttribute(
        QWebEngineSettings.WebAttribute.LocalContentCanAccessRemoteUrls
    )
    assert not settings.testAttribute(QWebEngineSettings.WebAttribute.LocalContentCanAccessFileUrls)
    assert pane.web_page.profile().isOffTheRecord()

    show(qtbot, pane, raw_page(SCRIPTED_PAGE))
    qtbot.waitUntil(
        lambda: run_js(qtbot, pane, "document.images[0].complete") is True, timeout=WAIT_MS
    )
    assert pane.web_page.title() == "原标题"
    assert page_text(qtbot, pane).strip() == "原文"
    # The page's own world runs nothing; our application world still does (it patches).
    assert run_js(qtbot, pane, "1 + 1", QWebEngineScript.ScriptWorldId.MainWorld) in (None, "")
    assert run_js(qtbot, pane, "1 + 1") == 2


def test_patching_works_under_the_pages_csp(qtbot, pane):
    # The rendered page forbids script (meta CSP) and so does our header; the application
    # world is exempt from both, which is what lets us patch in place.
    page = (
        '<html><head><meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "script-src 'none'\"><title>甲</title></head><body><main>第一版</main></body></html>"
    )
    show(qtbot, pane, raw_page(page))
    show(qtbot, pane, raw_page(page.replace("第一版", "第二版")))
    assert pane.last_update == "patch"
    assert page_text(qtbot, pane).strip() == "第二版"


def hostile_page(port: int, picture: Path) -> str:
    """Return a page that tries every way we know to fetch from the web or the disk."""
    base = f"127.0.0.1:{port}"
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>hostile</title>
<link rel="stylesheet" href="https://{base}/remote.css">
<link rel="stylesheet" href="http://example.invalid/x.css">
<link rel="icon" href="http://{base}/favicon.ico">
<style>
@import url("http://{base}/import.css");
body {{ background-image: url("http://{base}/bg.png"); }}
</style>
</head><body><main><p>页面</p>
<img id="remote" src="http://{base}/x.png">
<img id="invalid" src="http://example.invalid/x.png">
<img id="file" src="{picture.as_uri()}">
<img id="etc" src="file:///etc/hostname">
<img id="data" src="data:image/png;base64,{base64.b64encode(PNG_1X1).decode()}">
<iframe src="http://{base}/frame.html"></iframe>
<iframe src="file:///etc/hostname"></iframe>
<video poster="http://{base}/poster.png"></video>
<object data="http://{base}/plugin.swf"></object>
</main></body></html>"""


IMAGE_STATE = "JSON.stringify(Array.from(document.images, i => [i.id, i.complete, i.naturalWidth]))"


def test_interceptor_blocks_every_request_that_is_not_ours(
    qtbot, pane, monkeypatch, tcp_server, tmp_path
):
    port, connections = tcp_server
    monkeypatch.setattr(preview_web, "PREVIEW_CSP", "")  # let requests reach the interceptor
    picture = tmp_path / "local.png"
    picture.write_bytes(PNG_1X1)
    gc.collect()  # the interceptor must survive garbage collection (it once did not)
    show(qtbot, pane, raw_page(hostile_page(port, picture)))

    expected = {
        f"http://127.0.0.1:{port}/x.png",
        f"https://127.0.0.1:{port}/remote.css",
        f"http://127.0.0.1:{port}/import.css",
        f"http://127.0.0.1:{port}/bg.png",
        f"http://127.0.0.1:{port}/frame.html",  # refused as a frame navigation
        "http://example.invalid/x.png",
        "http://example.invalid/x.css",
    }
    qtbot.waitUntil(lambda: expected <= {u.toString() for u in pane.blocked_urls}, timeout=WAIT_MS)
    qtbot.waitUntil(
        lambda: all(state[1] for state in json.loads(run_js(qtbot, pane, IMAGE_STATE))),
        timeout=WAIT_MS,
    )
    states = {name: width for name, _, width in json.loads(run_js(qtbot, pane, IMAGE_STATE))}
    # Nothing came in: not from the network, not from the disk (Chromium refuses file: to a
    # non-local scheme before any request exists).
    assert states["remote"] == states["invalid"] == states["file"] == states["etc"] == 0
    assert connections == []
    assert all(u.scheme() != "newsroom" for u in pane.blocked_urls)


def test_csp_header_also_keeps_out_data_pictures(qtbot, pane, tcp_server, tmp_path):
    port, connections = tcp_server
    picture = tmp_path / "local.png"
    picture.write_bytes(PNG_1X1)
    show(qtbot, pane, raw_page(hostile_page(port, picture)))
    qtbot.waitUntil(
        lambda: all(state[1] for state in json.loads(run_js(qtbot, pane, IMAGE_STATE))),
        timeout=WAIT_MS,
    )
    states = {name: width for name, _, width in json.loads(run_js(qtbot, pane, IMAGE_STATE))}
    assert set(states.values()) == {0}, states
    assert connections == []


# --- links -------------------------------------------------------------------------------


def test_clicked_links_are_reported_not_followed(qtbot, pane):
    article = make_article(
        body="详见[全总网站](https://www.acftu.org/)和[通知](../../../columns/notices/index.html)。\n"
    )
    show(qtbot, pane, article)
    url = pane.web_page.url()
    for selector, target in (
        ('a[href^="https:"]', "https://www.acftu.org/"),
        ('a[href$="notices/index.html"]', "newsroom://site/columns/notices/index.html"),
    ):
        with (
            qtbot.assertNotEmitted(pane.web_page.urlChanged, wait=NAVIGATION_GRACE_MS),
            qtbot.waitSignal(pane.link_clicked, timeout=WAIT_MS) as blocker,
        ):
            run_js(qtbot, pane, f"document.querySelector('.article-body {selector}').click(); 1")
        assert blocker.args[0].toString() == target
    assert pane.web_page.url() == url
    assert "全总网站" in page_text(qtbot, pane)


def mouse_click(qtbot, pane: PreviewPane, selector: str) -> None:
    """Click the middle of the element matching ``selector`` with a real mouse event."""
    box = run_js(
        qtbot,
        pane,
        f"var r = document.querySelector({json.dumps(selector)}).getBoundingClientRect();"
        "JSON.stringify([r.left + r.width / 2, r.top + r.height / 2])",
    )
    x, y = json.loads(box)
    zoom = pane.view.zoomFactor()  # page coordinates are CSS pixels
    target = pane.view.focusProxy() or pane.view
    where = QPoint(round(x * zoom), round(y * zoom))
    QTest.mouseClick(target, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, where)


def test_mouse_click_on_a_link_does_not_navigate(qtbot, pane):
    show(qtbot, pane, make_article(body="[点这里](https://www.acftu.org/)\n"))
    with (
        qtbot.assertNotEmitted(pane.web_page.urlChanged, wait=NAVIGATION_GRACE_MS),
        qtbot.waitSignal(pane.link_clicked, timeout=WAIT_MS) as blocker,
    ):
        mouse_click(qtbot, pane, ".article-body a")
    assert blocker.args[0] == QUrl("https://www.acftu.org/")
    assert pane.web_page.url() == QUrl("newsroom://site/news/2026/05/123.html")


def test_new_window_links_are_reported_not_opened(qtbot, pane):
    page = (
        '<html><head><title>t</title></head><body><main><p><a target="_blank" '
        'href="https://example.org/new">在新窗口打开</a></p></main></body></html>'
    )
    show(qtbot, pane, raw_page(page))
    with (
        qtbot.assertNotEmitted(pane.web_page.urlChanged, wait=NAVIGATION_GRACE_MS),
        qtbot.waitSignal(pane.link_clicked, timeout=WAIT_MS) as blocker,
    ):
        mouse_click(qtbot, pane, "a")
    assert blocker.args[0] == QUrl("https://example.org/new")
    assert pane.web_page.url() == QUrl("newsroom://site/test/raw.html")


def test_in_page_anchor_still_scrolls(qtbot, pane):
    show(qtbot, pane, make_article(body=long_body(4000)))
    run_js(qtbot, pane, "window.scrollTo(0, 1200)")
    qtbot.waitUntil(lambda: pane.web_page.scrollPosition().y() == 1200, timeout=WAIT_MS)
    run_js(qtbot, pane, "document.querySelector('a[href=\"#top\"]').click(); true")  # 返回顶部
    qtbot.waitUntil(lambda: pane.web_page.scrollPosition().y() == 0, timeout=WAIT_MS)


# --- width -------------------------------------------------------------------------------


def test_phone_and_desktop_width(qtbot, pane):
    show(qtbot, pane, make_article())
    inner_width = "window.innerWidth"
    assert pane.width_mode() is WidthMode.DESKTOP
    assert pane.view.width() > PHONE_WIDTH
    qtbot.waitUntil(lambda: run_js(qtbot, pane, inner_width) == pane.view.width(), timeout=WAIT_MS)

    phone = next(a for a in pane.findChildren(QAction) if a.data() == "phone")
    with qtbot.waitSignal(pane.width_mode_changed, timeout=WAIT_MS) as changed:
        phone.trigger()  # the pane's own toolbar button
    assert changed.args == [WidthMode.PHONE]
    assert pane.width_mode() is WidthMode.PHONE
    qtbot.waitUntil(lambda: pane.view.width() == PHONE_WIDTH, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: run_js(qtbot, pane, inner_width) == PHONE_WIDTH, timeout=WAIT_MS)
    # Centred in the pane.
    left = pane.view.geometry().left()
    right = pane.view.parentWidget().width() - pane.view.geometry().right() - 1
    assert abs(left - right) <= 1

    pane.set_width_mode(WidthMode.DESKTOP)
    qtbot.waitUntil(lambda: pane.view.width() > PHONE_WIDTH, timeout=WAIT_MS)


def test_narrow_pane_zooms_out_to_fit_the_desktop_layout(qtbot, pane):
    pane.resize(700, 800)
    show(qtbot, pane, make_article())
    qtbot.waitUntil(
        lambda: abs(pane.view.zoomFactor() - pane.view.width() / 1000) < 0.01, timeout=WAIT_MS
    )
    qtbot.waitUntil(
        lambda: abs(run_js(qtbot, pane, "window.innerWidth") - 1000) <= 2, timeout=WAIT_MS
    )


# --- measurement (prints, does not assert a time) --------------------------------------


def test_keystroke_to_preview_latency_report(qtbot, pane, capsys):
    article = make_article(body=long_body(4000))
    show(qtbot, pane, article)
    latency, render, patch, load = [], [], [], []
    for i in range(15):
        article.body += f"字{i}"  # one keystroke in the body: patched in place
        show(qtbot, pane, article)
        assert pane.last_update == "patch"
        latency.append(pane.last_latency_ms)
        render.append(pane.last_render_ms)
        patch.append(pane.last_show_ms)
    for i in range(5):
        # A new site name changes the header, so the page is loaded whole (the fallback).
        show(qtbot, pane, article, Site(name=f"站点{i}"))
        assert pane.last_update == "load"
        load.append(pane.last_show_ms)

    def median(values: list[float]) -> float:
        return sorted(values)[len(values) // 2]

    with capsys.disabled():
        print(
            f"\npreview of a {len(article.body)}-char article: render {median(render):.1f} ms, "
            f"patch {median(patch):.1f} ms, reload {median(load):.1f} ms, keystroke->shown "
            f"{median(latency):.1f} ms (debounce {DEBOUNCE_MS} ms)"
        )
    assert len(article.body) >= 4000


def test_resource_hints_open_no_connection(qtbot, pane, tcp_server):
    # Chromium acts on resource hints (preconnect, dns-prefetch, preload, prefetch) below the
    # request interceptor: a preconnect once opened TCP connections that nothing saw. The
    # rendered pages never carry one (the sanitiser and the page check refuse <link>), but
    # the preview must hold on its own.
    port, connections = tcp_server
    base = f"127.0.0.1:{port}"
    hints = "".join(
        f'<link rel="{rel}" href="http://{base}/{rel}">'
        for rel in (
            "preconnect",
            "dns-prefetch",
            "preload",
            "prefetch",
            "prerender",
            "modulepreload",
        )
    )
    page = (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>hints</title>{hints}'
        f'<link rel="preconnect" href="https://{base}/" crossorigin></head>'
        f'<body><main><p>页面</p><a href="http://{base}/next" ping="http://{base}/ping">下一页</a>'
        "</main></body></html>"
    )
    show(qtbot, pane, raw_page(page))
    show(qtbot, pane, raw_page(page.replace("页面", "页面二")))  # a second load, a reload path
    qtbot.wait(1500)  # a connection would arrive within this; nothing to wait on otherwise
    assert connections == []


def test_head_data_no_reader_sees_does_not_force_a_reload():
    # The description, keywords, sharing data and canonical address follow the title and the
    # summary: typing in them must patch the page on screen, not reload it.
    def page(summary: str) -> str:
        return render_article_page(
            make_article(summary=summary, keywords=["工会"]),
            Site(name="澜江工会网", url="https://union.example.cn/"),
            [],
        )

    first, second = split_page(page("第一版摘要")), split_page(page("第二版摘要"))
    assert first is not None and second is not None
    assert 'property="og:description"' in page("摘要")
    assert first.shell == second.shell
