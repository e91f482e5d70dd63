"""The first run's sample content in the window: the banner, starting one's own, the export."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QSettings, Qt

from desktop.article import Status
from desktop.config import database_path
from desktop.demo import open_store
from desktop.export import ExportOptions
from desktop.gui.app import REMEMBERED_DATABASE, WindowHost, remembered_database
from desktop.gui.dialogs import Dialogs
from desktop.gui.main_window import MainWindow
from desktop.gui.site_dialog import SiteEdit
from desktop.proofread.selfcheck_store import column_windows
from desktop.sample_content import SampleFindings, find_sample_content
from desktop.store import ListQuery, Store
from tests.gui.conftest import dispose


@pytest.fixture
def make_window(qtbot, db_path: Path, tmp_path: Path) -> Iterator[Callable[[], MainWindow]]:
    """Open windows as the app does on its first run (the demo database), close them after."""
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    opened: list[tuple[MainWindow, Store]] = []

    def make() -> MainWindow:
        store = open_store(db_path, demo_if_new=True)
        window = MainWindow(store, settings)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        qtbot.waitUntil(lambda: window.session.current is not None, timeout=10_000)
        opened.append((window, store))
        return window

    yield make
    for window, store in opened:
        if shiboken6.isValid(window.session):
            window.session.forget_changes()
        dispose(qtbot, window)
        store.close()


def test_the_banner_says_sample_content_until_dismissed(make_window, qtbot) -> None:
    window = make_window()
    banner = window.sample_banner
    assert banner.isVisible()
    assert "sample content" in banner.label.text()
    qtbot.mouseClick(banner.dismiss_button, Qt.MouseButton.LeftButton)
    assert not banner.isVisible()
    window.close()
    assert not make_window().sample_banner.isVisible()


def test_starting_ones_own_content_opens_a_new_database_and_keeps_the_demo(
    qtbot, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    host = WindowHost(settings)
    window = host.open(db_path)  # the first run: the demo database is created
    assert window is not None
    host.start(window)
    qtbot.waitUntil(lambda: window.session.current is not None, timeout=10_000)
    demo_columns = [c.name for c in window.columns]
    asked: list[object] = []

    def choose(cls, parent, suggested):
        asked.append(suggested)
        return suggested

    def edit_site(cls, parent, site, columns, windows=None):
        asked.append(site)
        assert all(c.id is None for c in columns)  # the demo's columns, offered as new ones
        return SiteEdit(
            site.with_value("name", "青禾县总工会").with_value("icp", "京ICP备12345678号-1"),
            list(columns),
            {"通知公告": 30},
        )

    monkeypatch.setattr(Dialogs, "choose_new_database", classmethod(choose))
    monkeypatch.setattr(Dialogs, "edit_site", classmethod(edit_site))
    with qtbot.waitSignal(host.switched, timeout=20_000) as switched:
        qtbot.mouseClick(window.sample_banner.start_button, Qt.MouseButton.LeftButton)
    suggested, offered = asked
    # Offered beside the demo in its folder, and the settings open without its placeholders.
    assert suggested == db_path.parent / "本单位网站.db"
    assert offered.icp == "" and offered.phone == "" and offered.name != "澜江工会网"
    own: MainWindow = switched.args[0]
    try:
        assert own is host.window and own.store.path == suggested
        qtbot.waitUntil(lambda: not shiboken6.isValid(window), timeout=10_000)  # the demo's closed
        assert own.isVisible() and not own.sample_banner.isVisible()
        assert own.list_pane.model.rowCount() == 0
        assert own.store.site().name == "青禾县总工会" and own.site.icp == "京ICP备12345678号-1"
        assert [c.name for c in own.columns] == demo_columns
        notices = next(c for c in own.columns if c.name == "通知公告")
        assert column_windows(own.store) == {notices.id: 30}
        # The window works on it: a new article is saved in the office's own file.
        qtbot.waitUntil(own.session.is_checked, timeout=10_000)
        own.new_action.trigger()
        assert len(own.store.list_articles(ListQuery()).items) == 1
        # The next start opens it again; the demo file is as it was.
        assert settings.value(REMEMBERED_DATABASE) == str(suggested)
        assert remembered_database(database_path(), settings) == suggested
        assert remembered_database(tmp_path / "其他.db", settings) == tmp_path / "其他.db"
        with Store.open(db_path, read_only=True) as demo:
            assert len(demo.list_articles(ListQuery()).items) == 14
            assert demo.site().name == "澜江工会网"
    finally:
        own.session.forget_changes()
        store = own.store
        dispose(qtbot, own)
        store.close()


def test_cancelling_the_settings_keeps_the_sample_content_and_creates_no_file(
    make_window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window()
    own = tmp_path / "本单位网站.db"
    monkeypatch.setattr(Dialogs, "choose_new_database", classmethod(lambda cls, p, s: own))
    monkeypatch.setattr(Dialogs, "edit_site", classmethod(lambda cls, p, s, c, w=None: None))
    window.sample_banner.start_button.click()
    assert window.sample_banner.isVisible()
    assert window.list_pane.model.rowCount() == 14
    assert not own.exists()


def test_an_existing_file_is_never_taken_for_ones_own_content(
    make_window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, db_path: Path
) -> None:
    window = make_window()
    errors: list[str] = []
    monkeypatch.setattr(Dialogs, "choose_new_database", classmethod(lambda cls, p, s: db_path))
    monkeypatch.setattr(
        Dialogs, "edit_site", classmethod(lambda cls, p, s, c, w=None: SiteEdit(s, list(c)))
    )
    monkeypatch.setattr(
        Dialogs, "show_error", classmethod(lambda cls, p, title, message: errors.append(message))
    )
    window.sample_banner.start_button.click()
    (message,) = errors
    assert "exists already" in message and str(db_path) in message
    assert window.list_pane.model.rowCount() == 14 and window.sample_banner.isVisible()


def test_exporting_sample_content_asks_first(
    make_window, qtbot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    window = make_window()
    target = tmp_path / "site"
    monkeypatch.setattr(
        Dialogs, "ask_export_options", classmethod(lambda cls, p, s: ExportOptions(target))
    )
    warned: list[SampleFindings] = []
    monkeypatch.setattr(
        Dialogs,
        "confirm_sample_export",
        classmethod(lambda cls, p, findings: warned.append(findings) or False),
    )
    window.export_action.trigger()
    assert warned and warned[0].articles
    assert any("澜ICP备00000000号-1" in line for line in warned[0].lines())
    assert not window.export_runner.is_running() and not target.exists()


def test_an_article_edited_in_the_window_is_no_longer_sample_content(make_window, qtbot) -> None:
    window = make_window()
    current = window.session.current
    before = [i for i, _ in find_sample_content(window.store, Status).articles]
    assert current.id in before
    title = window.editor.form.title_edit
    title.setText("本单位自己的稿件")
    title.textEdited.emit(title.text())
    window.session.save()
    qtbot.waitUntil(lambda: window.store.get_article(current.id).title == "本单位自己的稿件")
    after = [i for i, _ in find_sample_content(window.store, Status).articles]
    assert current.id not in after and len(after) == len(before) - 1
