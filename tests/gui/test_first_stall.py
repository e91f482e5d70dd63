"""The first article of a session is written without building the search index's table in the
window's thread: the table is built beside it as the window opens."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QSettings

from desktop.demo import open_store
from desktop.gui.main_window import MainWindow
from desktop.store import search
from tests.gui.conftest import dispose


def test_the_search_index_table_is_built_off_the_window_thread(
    qtbot, db_path: Path, tmp_path: Path, monkeypatch
) -> None:
    store = open_store(db_path, demo_if_new=True)
    built = search._spaced_table
    built.cache_clear()  # as in a fresh process: nothing has been indexed yet
    builders: list[int] = []

    def recording() -> dict[int, str]:
        if built.cache_info().currsize == 0:
            builders.append(threading.get_ident())
        return built()

    monkeypatch.setattr(search, "_spaced_table", recording)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(store, settings)
    window.show()
    qtbot.waitUntil(lambda: window.session.current is not None)
    qtbot.waitUntil(lambda: bool(builders))
    window.new_article()
    qtbot.waitUntil(window.is_settled, timeout=60_000)
    assert builders == [builders[0]]
    assert builders[0] != threading.main_thread().ident
    # The new article is in the index: a search finds it by its title.
    current = window.session.current
    assert current is not None
    found = [summary.id for summary in store.search(current.title)]
    window.session.forget_changes()
    dispose(qtbot, window)
    store.close()
    assert current.id in found


def test_opening_an_article_reads_it_once_and_shows_its_review(
    qtbot, db_path: Path, tmp_path: Path, monkeypatch
) -> None:
    store = open_store(db_path, demo_if_new=True)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(store, settings)
    window.show()
    qtbot.waitUntil(lambda: window.session.current is not None)
    qtbot.waitUntil(window.is_settled, timeout=60_000)
    other = next(s.id for s in store.list_articles().items if s.id != window.current_id())
    reads: list[int] = []
    real_get = store.get_article

    def counted(article_id: int):  # type: ignore[no-untyped-def]
        reads.append(article_id)
        return real_get(article_id)

    monkeypatch.setattr(store, "get_article", counted)
    shown: list = []
    real_show = window.editor.review.show_view
    monkeypatch.setattr(
        window.editor.review, "show_view", lambda v, user: (shown.append(v), real_show(v, user))
    )
    assert window.open_article(other)
    qtbot.waitUntil(window.is_settled, timeout=60_000)
    opened_reads = list(reads)
    view = window.review.view(other)
    window.session.forget_changes()
    dispose(qtbot, window)
    store.close()
    # The 2,000-row table was read back from the store for its review as it opened.
    assert opened_reads == [other]
    assert shown and shown[-1] is not None and shown[-1].article_id == other
    assert shown[-1].current_hash == view.current_hash
