"""Every modal question the window asks, behind one seam that tests replace."""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from desktop.article import Article


class SaveChoice(Enum):
    """The answer to "save changes before going on?"."""

    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


def save_changes_box(parent: QWidget | None, title: str) -> QMessageBox:
    """Build the "save changes?" question (shown by ``Dialogs.ask_save_changes``)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(QCoreApplication.translate("Dialogs", "Unsaved changes"))
    box.setText(
        QCoreApplication.translate("Dialogs", "“%1” has changes that are not saved yet.").replace(
            "%1", title
        )
    )
    box.setInformativeText(QCoreApplication.translate("Dialogs", "Save them before going on?"))
    box.setStandardButtons(
        QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Discard
        | QMessageBox.StandardButton.Cancel
    )
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    return box


def delete_box(parent: QWidget | None, title: str) -> QMessageBox:
    """Build the "move to trash?" question (shown by ``Dialogs.confirm_delete``)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(QCoreApplication.translate("Dialogs", "Move to trash"))
    box.setText(
        QCoreApplication.translate(
            "Dialogs", "Move “%1” to the trash? It can be restored from there."
        ).replace("%1", title)
    )
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    box.setDefaultButton(QMessageBox.StandardButton.No)
    return box


class ConflictChoice(Enum):
    """Which text wins when two windows saved the same article."""

    MINE = "mine"
    THEIRS = "theirs"


class Dialogs:
    """Ask the user; replace these classmethods in tests to answer without a modal loop."""

    @classmethod
    def ask_save_changes(cls, parent: QWidget | None, title: str) -> SaveChoice:
        """Ask whether to save the article's unsaved changes."""
        answer = save_changes_box(parent, title).exec()
        if answer == QMessageBox.StandardButton.Save:
            return SaveChoice.SAVE
        if answer == QMessageBox.StandardButton.Discard:
            return SaveChoice.DISCARD
        return SaveChoice.CANCEL

    @classmethod
    def confirm_delete(cls, parent: QWidget | None, title: str) -> bool:
        """Ask before moving an article to the trash."""
        return delete_box(parent, title).exec() == QMessageBox.StandardButton.Yes

    @classmethod
    def resolve_conflict(
        cls, parent: QWidget | None, mine: Article, theirs: Article
    ) -> ConflictChoice | None:
        """Show both versions of an article saved elsewhere meanwhile; None decides later."""
        from desktop.gui.conflict_dialog import ConflictDialog

        return ConflictDialog.resolve(parent, mine, theirs)

    @classmethod
    def choose_import_files(cls, parent: QWidget | None) -> list[str]:
        """Ask for Word (.docx) or Markdown files to import."""
        paths, _ = QFileDialog.getOpenFileNames(
            parent,
            QCoreApplication.translate("Dialogs", "Import articles"),
            "",
            QCoreApplication.translate("Dialogs", "Articles (*.docx *.md *.markdown *.txt)"),
        )
        return list(paths)

    @classmethod
    def show_error(cls, parent: QWidget | None, title: str, message: str) -> None:
        """Tell the user something went wrong and what it was."""
        QMessageBox.warning(parent, title, message)

    @classmethod
    def show_info(cls, parent: QWidget | None, title: str, message: str) -> None:
        """Tell the user something they should know."""
        QMessageBox.information(parent, title, message)
