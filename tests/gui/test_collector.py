"""What the window made at start-up is frozen out of Python's cyclic collector, so a full
collection on a worker thread no longer holds the Python lock walking it while the window
waits; what is made afterwards is still collected."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from desktop.gui import app
from desktop.store import Store
from tests.gui.conftest import dispose
from tests.perf.corpus import articles


class _Cycle:
    """An object that refers to itself: only the cyclic collector can free it."""

    me: object = None


@pytest.fixture
def unfrozen() -> Iterator[None]:
    gc.unfreeze()
    yield
    gc.unfreeze()  # the other tests' objects are collected as before


def test_the_objects_of_start_up_are_frozen_and_later_garbage_still_collected(
    qtbot, tmp_path: Path, unfrozen: None
) -> None:
    db = tmp_path / "新闻.db"
    with Store.open(db) as store:
        store.add_articles(list(articles(5)))
    assert gc.get_freeze_count() == 0
    window = app.open_window(db, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    assert window is not None
    try:
        frozen = gc.get_freeze_count()
        assert frozen > 10_000  # the modules, classes and wrappers of the whole window
        assert window.list_pane.model.rowCount() == 5  # and the window works as before
        # A cycle made after start-up is not frozen: the collector still frees it (whichever
        # thread's collection gets there first: the window's workers allocate too).
        cycle = _Cycle()
        cycle.me = cycle
        alive = weakref.ref(cycle)
        del cycle
        gc.collect()
        assert alive() is None
        # Nothing new was frozen (a frozen object freed since lowers the count).
        assert gc.get_freeze_count() <= frozen
    finally:
        window.session.forget_changes()
        dispose(qtbot, window)
        window.store.close()
