"""The cache of rendered bodies filled by the window: the preview's bodies and the warmer's.

An export renders with the cache the bodies it does not find (the ``rendered`` fixture
counts them in this process): what the window put there must be exactly the export's HTML,
so that the export renders nothing for it and writes the same bytes as without the cache.
"""

from __future__ import annotations

import os
import sqlite3
import zlib
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QSettings
from PySide6.QtGui import QTextCursor

from desktop.article import EXPORTABLE, Article
from desktop.export import ExportOptions, run_export
from desktop.gui import body_warming
from desktop.gui.dialogs import Dialogs
from desktop.gui.main_window import MainWindow
from desktop.render import body_cache
from desktop.render.body_cache import body_key, default_path, edition_body
from desktop.render.editions import site_variant
from desktop.store import Store
from tests.export.sample_bundle import fill_sample_site, read_tree
from tests.gui.conftest import dispose
from tests.review.helpers import sign_off

WAIT_MS = 60_000
#: A link sends a body to Python-Markdown, and the cache keeps such bodies: a plain body in
#: simplified characters is made at once and never kept (tests/render/test_body_cache.py).
LINKED = "\n\n详见[市总工会网站](https://example.org/union.html)。\n"


@pytest.fixture
def site_store(store: Store) -> Store:
    """The sample site with its 繁體 edition on, so every export writes two kinds of body;
    each body ends with a link, so that the cache keeps it in both editions."""
    fill_sample_site(store)
    store.save_site(replace(store.site(), traditional="yes"))
    for article in list(store.iter_articles()):  # drafts too: the window opens on one
        store.save_article(replace(article, body=article.body.rstrip("\n") + LINKED))
        if article.status in EXPORTABLE:
            sign_off(store, article.id)  # changed after publication: signed off again
    return store


def open_window(qtbot, store: Store, tmp_path: Path) -> MainWindow:
    """Open the main window on ``store`` as the app does and wait for its first article."""
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(store, settings)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.session.current is not None, timeout=WAIT_MS)
    return window


@pytest.fixture
def warmer_on(monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows run their warmer after a short quiet time, at the priority of the tests.

    (The machine the tests run on may be busy: at nice 19 a pass could wait minutes for a
    core. ``test_the_warmer_runs_at_the_lowest_priority`` checks the window's own setting.)
    """
    monkeypatch.setattr(
        body_warming, "SETTINGS", body_warming.WarmingSettings(idle_ms=100, niceness=0)
    )


def cache_rows() -> dict[bytes, bytes]:
    """Return every entry of the cache file (none while it is being created)."""
    if not default_path().exists():
        return {}
    db = sqlite3.connect(default_path())
    try:
        return {bytes(k): v for k, v in db.execute("SELECT key, html FROM bodies")}
    except sqlite3.OperationalError:
        return {}  # the table is not made yet
    finally:
        db.close()


def cached(key: bytes) -> str | None:
    """Return the HTML the cache file holds under ``key``, or None."""
    found = cache_rows().get(key)
    return zlib.decompress(found).decode("utf-8") if found is not None else None


def cached_keys() -> set[bytes]:
    """Return every key the cache file holds."""
    return set(cache_rows())


def export(store: Store, target: Path, **options: object) -> None:
    """Export the whole site (the editions its settings publish) to ``target``."""
    run_export(store, replace(ExportOptions(target=target), **options))  # type: ignore[arg-type]


def exportable(store: Store) -> list[Article]:
    """Return the articles an export writes."""
    return list(store.iter_articles(EXPORTABLE))


@pytest.fixture
def window(qtbot, site_store: Store, tmp_path: Path) -> Iterator[MainWindow]:
    """The window on the sample site, with no warmer (the preview alone fills the cache)."""
    opened = open_window(qtbot, site_store, tmp_path)
    yield opened
    if shiboken6.isValid(opened):
        opened.session.forget_changes()
    dispose(qtbot, opened)


def test_previewing_an_article_caches_exactly_the_body_the_export_renders(
    qtbot, window: MainWindow, site_store: Store, tmp_path: Path, rendered: list[str]
) -> None:
    shown = window.session.current
    assert shown is not None and shown.id is not None
    qtbot.waitUntil(lambda: cached(body_key(shown.body, None)) is not None, timeout=WAIT_MS)
    kept = cached(body_key(shown.body, None))
    rendered.clear()
    assert kept == edition_body(shown.body, None)
    # The preview shows the simplified page only: no 繁體 body is made up for it.
    assert cached(body_key(shown.body, site_variant(site_store.site()))) is None

    rendered.clear()
    export(site_store, tmp_path / "site")
    assert shown.body not in rendered  # the simplified and 长辈版 pages found it
    others = [a.body for a in exportable(site_store) if a.id != shown.id]
    assert others and all(body in rendered for body in others)
    export(site_store, tmp_path / "uncached", cache_bodies=False)
    assert read_tree(tmp_path / "site") == read_tree(tmp_path / "uncached")


def test_a_saved_edit_is_cached_and_the_text_typed_on_the_way_is_not(
    qtbot, window: MainWindow, site_store: Store, tmp_path: Path, rendered: list[str]
) -> None:
    opened = window.session.current
    assert opened is not None and opened.id is not None
    qtbot.waitUntil(lambda: cached(body_key(opened.body, None)) is not None, timeout=WAIT_MS)
    rich = window.editor.rich
    rich.setFocus()
    cursor = rich.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    rich.setTextCursor(cursor)
    for piece in ("全市", "职工", "书屋", "年内", "新增", "120家。"):
        rich.insertPlainText(piece)
        qtbot.waitUntil(lambda: not window.preview.is_updating(), timeout=WAIT_MS)
    window.session.save(wait=True)
    qtbot.waitUntil(lambda: window.is_settled(), timeout=WAIT_MS)
    saved = site_store.get_article(opened.id)
    assert saved.body.rstrip().endswith("全市职工书屋年内新增120家。")
    qtbot.waitUntil(lambda: cached(body_key(saved.body, None)) is not None, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not window.preview.is_keeping(), timeout=WAIT_MS)
    # Only the two stored bodies, not the half-typed ones previewed on the way.
    assert cached_keys() == {body_key(opened.body, None), body_key(saved.body, None)}
    assert cached(body_key(saved.body, None)) == edition_body(saved.body, None)


def test_a_changed_body_or_renderer_is_not_served_stale(
    qtbot,
    window: MainWindow,
    site_store: Store,
    tmp_path: Path,
    rendered: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    shown = window.session.current
    assert shown is not None and shown.id is not None
    qtbot.waitUntil(lambda: cached(body_key(shown.body, None)) is not None, timeout=WAIT_MS)
    dispose(qtbot, window)
    # Changed outside this window (another window, an import): the cached HTML is not its.
    changed = shown.body + "\n**“补充说明”。**活动共吸引职工群众1500余人次参与。\n"
    site_store.save_article(replace(site_store.get_article(shown.id), body=changed))
    sign_off(site_store, shown.id)  # changed after publication: signed off again
    rendered.clear()
    export(site_store, tmp_path / "changed")
    assert changed in rendered and shown.body not in rendered
    # An update of the rendering code (or of a library) makes every entry another key.
    monkeypatch.setattr(body_cache, "body_renderer_version", lambda: "the next release")
    rendered.clear()
    export(site_store, tmp_path / "new-code")
    assert changed in rendered
    assert read_tree(tmp_path / "new-code") == read_tree(tmp_path / "changed")


def test_the_warmer_fills_the_cache_for_every_article_and_stops_with_the_window(
    qtbot, warmer_on: None, site_store: Store, tmp_path: Path, rendered: list[str]
) -> None:
    variant = site_variant(site_store.site())
    wanted = {body_key(a.body, v) for a in exportable(site_store) for v in (None, variant)}
    window = open_window(qtbot, site_store, tmp_path)
    try:
        qtbot.waitUntil(lambda: window.body_warming.passes == 1, timeout=WAIT_MS)
        qtbot.waitUntil(lambda: wanted <= cached_keys(), timeout=WAIT_MS)
        pid = window.body_warming.pid
    finally:
        dispose(qtbot, window)
    assert not window_warmer_alive(pid)
    rendered.clear()
    export(site_store, tmp_path / "warm")
    assert rendered == []  # every body of every edition came from the cache
    export(site_store, tmp_path / "cold", cache_bodies=False)
    assert read_tree(tmp_path / "warm") == read_tree(tmp_path / "cold")


def window_warmer_alive(pid: int | None) -> bool:
    """Whether the warmer process ``pid`` still exists."""
    if pid is None:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_typing_pauses_the_warmer_and_closing_ends_it(
    qtbot, warmer_on: None, site_store: Store, tmp_path: Path
) -> None:
    window = open_window(qtbot, site_store, tmp_path)
    warming = window.body_warming
    qtbot.waitUntil(warming.is_running, timeout=WAIT_MS)
    pid = warming.pid
    window.editor.rich.setFocus()
    window.editor.rich.insertPlainText("职工")
    assert warming.is_paused()  # held back while the user types
    qtbot.waitUntil(lambda: not warming.is_paused(), timeout=WAIT_MS)  # on again after a pause
    window.editor.rich.insertPlainText("书屋")
    window.session.forget_changes()
    dispose(qtbot, window)
    assert not warming.is_running()
    assert not window_warmer_alive(pid)


def test_the_warmer_runs_at_the_lowest_priority(
    qtbot, monkeypatch: pytest.MonkeyPatch, site_store: Store, tmp_path: Path
) -> None:
    monkeypatch.setattr(body_warming, "SETTINGS", body_warming.WarmingSettings(idle_ms=100))
    window = open_window(qtbot, site_store, tmp_path)
    try:
        qtbot.waitUntil(lambda: window.body_warming.pid is not None, timeout=WAIT_MS)
        pid = window.body_warming.pid
        assert pid is not None and pid != os.getpid()
        assert os.getpriority(os.PRIO_PROCESS, pid) == 19
    finally:
        dispose(qtbot, window)
    assert not window_warmer_alive(pid)


@pytest.mark.parametrize("during_the_pass", [False, True])
def test_the_windows_import_leaves_its_bodies_to_the_warmer(
    qtbot,
    warmer_on: None,
    site_store: Store,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    during_the_pass: bool,
) -> None:
    reports: list[object] = []
    monkeypatch.setattr(
        Dialogs, "show_import_report", classmethod(lambda c, p, r: reports.append(r))
    )
    window = open_window(qtbot, site_store, tmp_path)
    try:
        warming = window.body_warming
        qtbot.waitUntil(lambda: warming.passes == 1, timeout=WAIT_MS)
        if not during_the_pass:
            qtbot.waitUntil(lambda: warming.pid is None, timeout=WAIT_MS)
        notice = tmp_path / "书法展通知.md"
        notice.write_text(
            "---\ntitle: 关于举办职工书法作品展的通知\ncolumn: 通知公告\n---\n\n"
            "**“翰墨飘香”。**市总工会定于6月举办职工书法作品展，展期一周。" + LINKED,
            "utf-8",
        )
        window.import_paths([str(notice)])
        qtbot.waitUntil(lambda: bool(reports), timeout=WAIT_MS)
        imported = max(site_store.iter_articles(), key=lambda a: a.id or 0)
        assert "翰墨飘香" in imported.body
        variant = site_variant(site_store.site())
        keys = {body_key(imported.body, None), body_key(imported.body, variant)}
        qtbot.waitUntil(lambda: warming.passes == 2, timeout=WAIT_MS)
        qtbot.waitUntil(lambda: keys <= cached_keys(), timeout=WAIT_MS)
    finally:
        window.session.forget_changes()
        dispose(qtbot, window)
