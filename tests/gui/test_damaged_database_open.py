"""The damage corpus through the window's open path: the offer of a backup, never a traceback.

Every damaged copy goes through ``open_or_recover`` as the window calls it (no page check
yet) and then the background page check; a sample goes through the real ``open_window``,
offscreen. The damaged-database question is answered through its ``ask`` classmethod.
"""

from __future__ import annotations

import collections
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QSettings

from desktop.gui import app
from desktop.gui.backup_dialogs import DamagedChoice
from desktop.gui.dialogs import Dialogs
from desktop.gui.startup_check import PageCheck
from desktop.store import ListQuery, Store
from desktop.store.errors import DamagedDatabase
from tests.gui.conftest import dispose
from tests.store.damage import (
    DamagedCopy,
    GoodDatabase,
    damaged_copies,
    good_database,
    read_files,
    write_files,
)


class Answers:
    """Records the questions and errors the window shows instead of showing them."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.damaged: list[DamagedDatabase] = []
        self.errors: list[str] = []

        def ask(cls, parent, error):
            self.damaged.append(error)
            return DamagedChoice.QUIT, None

        monkeypatch.setattr(Dialogs, "ask_damaged_database", classmethod(ask))
        monkeypatch.setattr(
            Dialogs,
            "show_error",
            classmethod(lambda cls, parent, title, message: self.errors.append(message)),
        )

    def reset(self) -> None:
        """Forget what was asked, for the next copy."""
        self.damaged.clear()
        self.errors.clear()


@pytest.fixture(scope="module")
def copies() -> tuple[GoodDatabase, GoodDatabase, list[DamagedCopy]]:
    """The good databases and every damaged copy made from them."""
    good = good_database(live_wal=False)
    good_wal = good_database(live_wal=True)
    other = good_database(live_wal=True, variant=1)
    return good, good_wal, list(damaged_copies(good, good_wal, other))


def source_of(copy: DamagedCopy, good: GoodDatabase, good_wal: GoodDatabase) -> GoodDatabase:
    """The good database a copy was made from."""
    if copy.kind == "foreign-wal":
        return good_wal if copy.seed % 2 else good
    return good_wal if copy.kind.startswith("wal-") else good


def listing(store: Store) -> list[tuple[object, ...]]:
    """What the article list shows first."""
    return [
        (s.id, s.title, s.column, s.status, s.published_at)
        for s in store.list_articles(ListQuery(limit=200)).items
    ]


def good_listing(source: GoodDatabase, folder: Path) -> list[tuple[object, ...]]:
    """What the list shows for the good database."""
    folder.mkdir()
    write_files(source.files, folder / "newsroom.db")
    with Store.open(folder / "newsroom.db") as store:
        return listing(store)


def run_page_check(qtbot, db: Path) -> DamagedDatabase | None:
    """Run the window's background page check on ``db``; the damage it found, or None."""
    check = PageCheck(db)
    results: list[DamagedDatabase | None] = []
    check.passed.connect(lambda: results.append(None))
    check.failed.connect(results.append)
    check.start()
    qtbot.waitUntil(lambda: bool(results), timeout=30_000)
    check.wait()
    return results[0]


def test_every_damaged_copy_through_the_window_open_path(
    qtbot, copies, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    good, good_wal, corpus = copies
    answers = Answers(monkeypatch)
    expected = {
        id(good): good_listing(good, tmp_path / "good"),
        id(good_wal): good_listing(good_wal, tmp_path / "good_wal"),
    }
    found: collections.Counter[str] = collections.Counter()
    for copy in corpus:
        answers.reset()
        folder = tmp_path / copy.name
        folder.mkdir()
        db = folder / "newsroom.db"
        write_files(copy.files, db)
        before = read_files(db)
        store = app.open_or_recover(db, check_pages=False)
        failed: list[DamagedDatabase] = []
        shown: list[tuple[object, ...]] | None = None
        if store is not None:
            try:
                shown = listing(store)
            except app.READ_FAILURES:
                shown = None
            damage = run_page_check(qtbot, db)
            if damage is not None:
                failed.append(damage)
            store.close()
        damage_found = bool(answers.damaged or answers.errors or failed or shown is None)
        if damage_found:
            assert read_files(db) == before, f"{copy.name}: a damaged file was written to"
            assert all(str(db) in str(e) for e in answers.damaged + failed), copy.name
            found["damaged"] += 1
        else:
            assert shown == expected[id(source_of(copy, good, good_wal))], copy.name
            found["harmless"] += 1
    assert found["damaged"] >= len(corpus) // 2, found


def open_in_window(qtbot, db: Path, settings: QSettings, answers: Answers) -> None:
    """Open the window on ``db`` as the app does, let the page check finish, close it."""
    window = app.open_window(db, settings)
    if window is None:
        return
    assert window.page_check is not None
    results: list[str] = []
    window.page_check.passed.connect(lambda: results.append("passed"))
    window.page_check.failed.connect(lambda error: results.append("failed"))
    window.page_check.start()
    qtbot.waitUntil(lambda: bool(results), timeout=30_000)
    if results == ["failed"]:
        qtbot.waitUntil(lambda: bool(answers.damaged), timeout=10_000)
    if shiboken6.isValid(window.session):
        window.session.forget_changes()
    store = window.store
    dispose(qtbot, window)
    store.close()


def test_a_sample_through_the_real_window(
    qtbot, copies, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, _, corpus = copies
    answers = Answers(monkeypatch)
    chosen = corpus[::18]
    assert len(chosen) >= 19
    asked = 0
    for copy in chosen:
        answers.reset()
        folder = tmp_path / copy.name
        folder.mkdir()
        db = folder / "newsroom.db"
        write_files(copy.files, db)
        before = read_files(db)
        settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
        open_in_window(qtbot, db, settings, answers)
        if answers.damaged or answers.errors:
            asked += 1
            after = read_files(db)
            # The window opens before its page check ends: its connection may leave an empty
            # log and index beside the file, but nothing is written into the file or its log.
            assert after[""] == before[""], f"{copy.name}: a damaged file was written to"
            for suffix in ("-wal", "-shm"):
                if suffix in before:
                    assert after.get(suffix) == before[suffix], f"{copy.name}: {suffix} changed"
            assert after.get("-wal", b"") == before.get("-wal", b""), copy.name
            message = str(answers.damaged[0]) if answers.damaged else answers.errors[0]
            assert str(db) in message
    assert asked >= len(chosen) // 2
