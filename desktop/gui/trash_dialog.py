"""The trash: articles moved there, brought back, or deleted for good after asking."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.gui.dialogs import Dialogs
from desktop.gui.screen_fit import fit_to_screen
from desktop.store import Store, StoreError
from desktop.store.store import TrashedArticle

TIME_FORMAT = "%Y-%m-%d %H:%M"


class TrashDialog(QDialog):
    """Lists the trash; restores, deletes forever or empties it, asking before destroying."""

    #: Ids of articles brought back to the list.
    restored = Signal(list)
    #: Ids of articles deleted for good (with their history).
    deleted = Signal(list)
    #: How many articles emptying the trash deleted for good.
    emptied = Signal(int)

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        #: Every id restored while the dialog was open, for ``Dialogs.show_trash``.
        self.restored_ids: list[int] = []
        self.items: list[TrashedArticle] = []
        self.setWindowTitle(self.tr("Trash"))
        fit_to_screen(self, 760, 440)

        intro = QLabel(
            self.tr(
                "Articles moved to the trash keep their text and history until they are "
                "deleted forever."
            )
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("trash_table")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Title"), self.tr("Column"), self.tr("Deleted"), self.tr("Versions")]
        )
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.empty_label = QLabel(self.tr("The trash is empty."))

        self.restore_button = QPushButton(self.tr("Restore"))
        self.restore_button.setObjectName("trash_restore")
        self.delete_button = QPushButton(self.tr("Delete forever…"))
        self.delete_button.setObjectName("trash_delete")
        self.empty_button = QPushButton(self.tr("Empty trash…"))
        self.empty_button.setObjectName("trash_empty")
        self.restore_button.clicked.connect(self.restore_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.empty_button.clicked.connect(self.empty)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        for button in (self.restore_button, self.delete_button, self.empty_button):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label)
        layout.addWidget(buttons)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.reload()

    def reload(self) -> None:
        """Read the trash again from the store."""
        self.items = self.store.trash()
        with QSignalBlocker(self.table):
            self.table.setRowCount(0)
            for item in self.items:
                row = self.table.rowCount()
                self.table.insertRow(row)
                cells = (
                    item.title,
                    item.column,
                    item.deleted_at.strftime(TIME_FORMAT),
                    str(item.revisions),
                )
                for column, text in enumerate(cells):
                    cell = QTableWidgetItem(text)
                    cell.setData(Qt.ItemDataRole.UserRole, item.id)
                    if column == 3:
                        cell.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                    self.table.setItem(row, column, cell)
        self.table.resizeColumnsToContents()
        self.empty_label.setVisible(not self.items)
        self._update_buttons()

    def _update_buttons(self) -> None:
        selected = bool(self.selected_ids())
        self.restore_button.setEnabled(selected)
        self.delete_button.setEnabled(selected)
        self.empty_button.setEnabled(bool(self.items))

    def selected_ids(self) -> list[int]:
        """Return the ids of the selected articles, in list order."""
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.items[row].id for row in rows]

    def select_ids(self, *article_ids: int) -> None:
        """Select the rows of these articles (what clicks with Ctrl do)."""
        self.table.clearSelection()
        mode = self.table.selectionMode()
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.MultiSelection)
        for row, item in enumerate(self.items):
            if item.id in article_ids:
                self.table.selectRow(row)
        self.table.setSelectionMode(mode)

    def restore_selected(self) -> None:
        """Bring the selected articles back to the list, with their history."""
        done: list[int] = []
        try:
            for article_id in self.selected_ids():
                self.store.restore_article(article_id)
                done.append(article_id)
        except StoreError as exc:
            Dialogs.show_error(self, self.tr("Cannot restore"), str(exc))
        self.reload()
        if done:
            self.restored_ids.extend(done)
            self.restored.emit(done)

    def delete_selected(self) -> None:
        """Ask, then delete the selected articles and their history for good."""
        ids = self.selected_ids()
        if not ids or not Dialogs.confirm_destroy(self, len(ids)):
            return
        try:
            self.store.delete_forever(ids)
        except StoreError as exc:
            Dialogs.show_error(self, self.tr("Cannot delete"), str(exc))
            self.reload()
            return
        self.reload()
        self.deleted.emit(ids)

    def empty(self) -> None:
        """Ask, then delete everything in the trash for good."""
        if not self.items or not Dialogs.confirm_destroy(self, len(self.items)):
            return
        try:
            count = self.store.empty_trash()
        except StoreError as exc:
            Dialogs.show_error(self, self.tr("Cannot delete"), str(exc))
            self.reload()
            return
        self.reload()
        self.emptied.emit(count)


def destroy_box(parent: QWidget | None, count: int) -> QMessageBox:
    """Build the "delete forever?" question (shown by ``Dialogs.confirm_destroy``)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("TrashDialog", "Delete forever"))
    box.setText(
        QCoreApplication.translate(
            "TrashDialog",
            "Delete these articles forever, with their history? (%n in all)",
            "",
            count,
        )
    )
    box.setInformativeText(QCoreApplication.translate("TrashDialog", "This cannot be undone."))
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    box.setDefaultButton(QMessageBox.StandardButton.No)
    return box
