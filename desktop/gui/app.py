"""Starting the window: Qt application, translations, the store, and the main window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.demo import open_store
from desktop.gui.i18n import choose_language, install_translators
from desktop.gui.preview import register_preview_scheme
from desktop.resources import resource_path
from desktop.store import StoreError

ORGANISATION = "Newsroom"
APPLICATION = "Newsroom"


def run_app(db_path: Path, lang: str | None = None, argv: list[str] | None = None) -> int:
    """Open the main window on the database at ``db_path`` and run until it closes."""
    # The preview's URL scheme must be known before the application object exists.
    register_preview_scheme()
    app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("新闻编辑室" if choose_language(lang) == "zh_CN" else "Newsroom")
    icon = resource_path("icons", "newsroom.svg")
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    translators = install_translators(app, choose_language(lang))
    try:
        store = open_store(db_path, demo_if_new=True)
    except StoreError as exc:
        QMessageBox.critical(
            None,
            QCoreApplication.translate("App", "Cannot open the database"),
            QCoreApplication.translate(
                "App", "Newsroom could not open its database.\n\n%1"
            ).replace("%1", str(exc)),
        )
        return 1
    from desktop.gui.main_window import MainWindow

    window = MainWindow(store, QSettings())
    window.show()
    try:
        return app.exec()
    finally:
        store.close()
        del translators
