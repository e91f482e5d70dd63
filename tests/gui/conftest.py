"""GUI test setup: the preview's URL scheme is registered before the QApplication exists."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QLocale, QSettings
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

from desktop.gui.i18n import LANGUAGES, install_translators, remove_translators
from desktop.gui.main_window import MainWindow
from desktop.gui.preview_web import register_preview_scheme
from desktop.store import Store

register_preview_scheme()


def dispose(qtbot, widget: QWidget) -> None:
    """Close and delete a window now, not at interpreter exit.

    A web profile must outlive its page; Qt destroys a window's children in order only when the
    window itself is deleted, so windows with a preview are deleted at the end of each test.
    """
    if not shiboken6.isValid(widget):
        return
    gone: list[bool] = []
    widget.destroyed.connect(lambda: gone.append(True))
    widget.close()
    widget.deleteLater()
    qtbot.waitUntil(lambda: bool(gone), timeout=10_000)


@contextmanager
def shown_window(qtbot, store: Store, folder: Path) -> Iterator[MainWindow]:
    """The real main window on ``store`` (its settings in ``folder``), shown and settled on
    its first article; afterwards its unsaved changes are forgotten and it is deleted."""
    settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    opened = MainWindow(store, settings)
    qtbot.addWidget(opened)
    opened.show()
    qtbot.waitExposed(opened)
    qtbot.waitUntil(lambda: opened.session.current is not None)
    yield opened
    if shiboken6.isValid(opened.session):
        opened.session.forget_changes()
    dispose(qtbot, opened)


@pytest.fixture(autouse=True)
def empty_clipboard_after_test() -> Iterator[None]:
    """Leave no data of ours on the clipboard: offscreen Qt crashes freeing it at exit."""
    yield
    app = QGuiApplication.instance()
    if isinstance(app, QGuiApplication):
        QGuiApplication.clipboard().clear()


@pytest.fixture(params=LANGUAGES)
def language(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    """Each interface language in turn: its translators installed for the test, then removed."""
    previous_locale = QLocale()
    translators = install_translators(qapp, request.param)
    try:
        yield request.param
    finally:
        remove_translators(qapp, translators)
        QLocale.setDefault(previous_locale)


@pytest.fixture(autouse=True)
def no_body_warmer(monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows start no body warmer (a process each) unless a test asks for one."""
    from desktop.gui import body_warming

    monkeypatch.setattr(body_warming, "SETTINGS", body_warming.WarmingSettings(enabled=False))
