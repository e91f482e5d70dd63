"""Every modal question the window asks, behind one seam that tests replace."""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget


def _tr(text: str) -> str:
    return QCoreApplication.translate("Dialogs", text)


class SaveChoice(Enum):
    """The answer to "save changes before going on?"."""

    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


class Dialogs:
    """Ask the user; replace these classmethods in tests to answer without a modal loop."""

    @classmethod
    def ask_save_changes(cls, parent: QWidget | None, title: str) -> SaveChoice:
        """Ask whether to save the article's unsaved changes."""
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(_tr("Unsaved changes"))
        box.setText(_tr("“%1” has changes that are not saved yet.").replace("%1", title))
        box.setInformativeText(_tr("Save them before going on?"))
        box.setStandardButtons(
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel
        )
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        answer = box.exec()
        if answer == QMessageBox.StandardButton.Save:
            return SaveChoice.SAVE
        if answer == QMessageBox.StandardButton.Discard:
            return SaveChoice.DISCARD
        return SaveChoice.CANCEL

    @classmethod
    def confirm_delete(cls, parent: QWidget | None, title: str) -> bool:
        """Ask before moving an article to the trash."""
        answer = QMessageBox.question(
            parent,
            _tr("Move to trash"),
            _tr("Move “%1” to the trash? It can be restored from there.").replace("%1", title),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    @classmethod
    def show_error(cls, parent: QWidget | None, title: str, message: str) -> None:
        """Tell the user something went wrong and what it was."""
        QMessageBox.warning(parent, title, message)

    @classmethod
    def show_info(cls, parent: QWidget | None, title: str, message: str) -> None:
        """Tell the user something they should know."""
        QMessageBox.information(parent, title, message)
