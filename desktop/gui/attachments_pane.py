"""The article's attachments (附件) under the editor: name, type and size, add, rename, remove."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.article import Attachment
from desktop.attachments import size_text, type_label

#: Rows the list shows before it scrolls: the body keeps most of the pane.
VISIBLE_ROWS = 4


class AttachmentsStrip(QWidget):
    """Lists the attachments of the edited article; asks the window to add, rename, remove."""

    #: Rename the attachment at this index (from 0).
    rename_requested = Signal(int)
    #: Remove the attachment at this index (from 0).
    remove_requested = Signal(int)
    #: Put back the attachment removed last.
    undo_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("attachments")
        self.label = QLabel()
        self.label.setObjectName("attachments_label")
        self.add_button = QToolButton()
        self.add_button.setObjectName("attachments_add")
        self.add_button.setText(self.tr("Add…"))
        self.rename_button = QToolButton()
        self.rename_button.setObjectName("attachments_rename")
        self.rename_button.setText(self.tr("Rename…"))
        self.remove_button = QToolButton()
        self.remove_button.setObjectName("attachments_remove")
        self.remove_button.setText(self.tr("Remove"))
        self.undo_button = QToolButton()
        self.undo_button.setObjectName("attachments_undo")
        self.undo_button.setText(self.tr("Undo remove"))
        self._undo_name = ""
        self._attachment_count = 0
        self.list = QTreeWidget()
        self.list.setObjectName("attachments_list")
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setHeaderLabels([self.tr("Name"), self.tr("Type"), self.tr("Size")])
        header = self.list.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label, 1)
        for button in (self.undo_button, self.add_button, self.rename_button, self.remove_button):
            row.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(self.list)

        self.rename_button.clicked.connect(self._rename_selected)
        self.remove_button.clicked.connect(self._remove_selected)
        self.undo_button.clicked.connect(self.undo_requested)
        self.list.itemDoubleClicked.connect(lambda item, _column: self._rename_selected())
        self.list.itemSelectionChanged.connect(self._update_buttons)
        self.set_attachments([])

    def set_add_action(self, action: QAction) -> None:
        """Let the strip's add button trigger the window's "Attach files…" action."""
        self.add_button.setToolTip(action.toolTip())
        self.add_button.clicked.connect(action.trigger)

    def set_attachments(self, attachments: list[Attachment]) -> None:
        """Show these attachments (the strip hides while there are none)."""
        selected = self.selected_index()
        self.list.clear()
        for attachment in attachments:
            item = QTreeWidgetItem(
                [attachment.name, type_label(attachment), size_text(attachment.size)]
            )
            item.setToolTip(0, attachment.name)
            item.setTextAlignment(2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.list.addTopLevelItem(item)
        if attachments:
            self.label.setText(self.tr("Attachments (%n)", "", len(attachments)))
            rows = min(len(attachments), VISIBLE_ROWS)
            row_height = self.list.sizeHintForRow(0)
            header = self.list.header().sizeHint().height()
            self.list.setFixedHeight(header + rows * row_height + 2 * self.list.frameWidth() + 2)
            kept = self.list.topLevelItem(min(selected or 0, len(attachments) - 1))
            if selected is not None and kept is not None:
                self.list.setCurrentItem(kept)
        self._attachment_count = len(attachments)
        self._update_buttons()

    def set_undo(self, name: str) -> None:
        """Offer to put back the attachment ``name`` just removed ("" offers nothing)."""
        self._undo_name = name
        self.undo_button.setToolTip(self.tr("Put “%1” back").replace("%1", name) if name else "")
        self._update_buttons()

    def selected_index(self) -> int | None:
        """Return the index of the selected attachment, if one is selected."""
        item = self.list.currentItem()
        if item is None or not item.isSelected():
            return None
        index = self.list.indexOfTopLevelItem(item)
        return index if index >= 0 else None

    def _update_buttons(self) -> None:
        chosen = self.selected_index() is not None
        self.rename_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen)
        listed = self._attachment_count > 0
        for widget in (self.list, self.rename_button, self.remove_button):
            widget.setVisible(listed)
        self.undo_button.setVisible(bool(self._undo_name))
        if not listed:
            self.label.setText(self.tr("Attachments: none"))
        # Without attachments (and nothing to put back) the strip takes no room: the
        # toolbar's button adds the first.
        self.setVisible(listed or bool(self._undo_name))

    def _rename_selected(self) -> None:
        index = self.selected_index()
        if index is not None:
            self.rename_requested.emit(index)

    def _remove_selected(self) -> None:
        index = self.selected_index()
        if index is not None:
            self.remove_requested.emit(index)
