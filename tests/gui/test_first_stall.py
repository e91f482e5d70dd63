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
