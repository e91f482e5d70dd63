"""The first run's sample content in the window: the banner, starting one's own, the export."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QSettings, Qt

from desktop.article import Status
from desktop.demo import open_store
from desktop.export import ExportOptions
from desktop.gui.dialogs import Dialogs
from desktop.gui.main_window import MainWindow
from desktop.gui.site_dialog import SiteEdit
from desktop.sample_content import SampleFindings, find_sample_content
from desktop.store import Store
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


def test_starting_ones_own_content_empties_the_list_and_asks_for_the_settings(
    make_window, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window()
    asked: list[object] = []

    def edit_site(cls, parent, site, columns, windows=None):
        asked.append(site)
        return SiteEdit(
            site.with_value("name", "青禾县总工会").with_value("icp", "京ICP备12345678号-1"),
            list(columns),
        )

    monkeypatch.setattr(
        Dialogs, "confirm_start_own_content", classmethod(lambda cls, p, n: asked.append(n) or True)
    )
    monkeypatch.setattr(Dialogs, "edit_site", classmethod(edit_site))
    qtbot.mouseClick(window.sample_banner.start_button, Qt.MouseButton.LeftButton)
    count, offered = asked
    assert count == 14
    # The settings dialog opens without the sample's placeholders in it.
    assert offered.icp == "" and offered.phone == "" and offered.name != "澜江工会网"
    assert not window.sample_banner.isVisible()
    assert window.list_pane.model.rowCount() == 0
    assert window.store.site().name == "青禾县总工会"
    assert window.site.icp == "京ICP备12345678号-1"


def test_cancelling_the_settings_keeps_the_sample_content(
    make_window, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window()
    monkeypatch.setattr(Dialogs, "confirm_start_own_content", classmethod(lambda cls, p, n: True))
    monkeypatch.setattr(Dialogs, "edit_site", classmethod(lambda cls, p, s, c, w=None: None))
    window.sample_banner.start_button.click()
    assert window.sample_banner.isVisible()
    assert window.list_pane.model.rowCount() == 14


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
