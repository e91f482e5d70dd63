"""Opening the window on a server database that needs the long upgrade: the upgrade runs on a
work queue while a progress dialog says how far it is, and the store opens up to date."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtWidgets import QApplication

from desktop.gui import upgrade_dialog
from desktop.gui.upgrade_dialog import UpgradeDialog, open_server_store
from desktop.store import Store, migrations
from desktop.store.migrations import UpgradeProgress
from tests.pg_server import ThrowawayServer
from tests.store.test_upgrade_progress import TITLE, schema_9_database


def test_the_upgrade_runs_off_the_gui_thread_with_a_progress_dialog(
    qtbot, pg_server: ThrowawayServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = schema_9_database(pg_server, "upgrade_window")
    monkeypatch.setattr(migrations, "PROGRESS_POLL_S", 0.02)
    monkeypatch.setattr(upgrade_dialog, "SHOW_AFTER_MS", 0)
    shown: list[tuple[int, int, str, bool]] = []
    threads: set[int] = set()
    show_step = UpgradeDialog.show_step

    def recorded(self: UpgradeDialog, progress: UpgradeProgress | None) -> None:
        show_step(self, progress)
        shown.append((self.value(), self.maximum(), self.labelText(), self.isVisible()))

    monkeypatch.setattr(UpgradeDialog, "show_step", recorded)
    upgrade = migrations.migrate_server

    def on_which_thread(*args, **kwargs):
        threads.add(threading.get_ident())
        return upgrade(*args, **kwargs)

    monkeypatch.setattr("desktop.store.store.migrate_server", on_which_thread)
    store = open_server_store(url)
    try:
        assert store.schema_version() == migrations.SCHEMA_VERSION
        assert [a.title for a in store.search("职工", limit=2)] == [TITLE, TITLE]
    finally:
        store.close()
    assert threading.get_ident() in threads and len(threads) == 2  # the upgrade's, then ours
    building = [s for s in shown if s[1] > 0]
    assert building, shown
    assert any(visible for *_rest, visible in building)
    assert all(0 <= value <= maximum for value, maximum, _t, _v in building)
    assert "search index" in building[-1][2]
    assert not any(
        isinstance(w, UpgradeDialog) and w.isVisible() for w in QApplication.topLevelWidgets()
    )


def test_an_up_to_date_database_opens_without_a_dialog(
    qtbot, pg_server: ThrowawayServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = pg_server.database("upgrade_none")
    Store.open(url).close()
    made: list[UpgradeDialog] = []
    init = UpgradeDialog.__init__

    def counted(self: UpgradeDialog) -> None:
        init(self)
        made.append(self)

    monkeypatch.setattr(UpgradeDialog, "__init__", counted)
    store = open_server_store(url)
    store.close()
    assert made == []
