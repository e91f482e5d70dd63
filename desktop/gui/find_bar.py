"""A find-and-replace bar under the editor, working on whichever text view is showing."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QToolButton,
    QWidget,
)

TextView = QTextEdit | QPlainTextEdit


class FindBar(QWidget):
    """Find next/previous, replace one, replace all; Esc closes it."""

    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._view: TextView | None = None
        self.find_edit = QLineEdit()
        self.find_edit.setPlaceholderText(self.tr("Find"))
        self.find_edit.setClearButtonEnabled(True)
        self.replace_edit = QLineEdit()
        self.replace_edit.setPlaceholderText(self.tr("Replace with"))
        self.case = QCheckBox(self.tr("Match case"))
        self.message = QLabel()
        buttons = []
        for text, slot in (
            (self.tr("Previous"), self.find_previous),
            (self.tr("Next"), self.find_next),
            (self.tr("Replace"), self.replace_one),
            (self.tr("Replace all"), self.replace_all),
        ):
            button = QToolButton()
            button.setText(text)
            button.clicked.connect(slot)
            buttons.append(button)
        close = QToolButton()
        close.setText("×")
        close.setToolTip(self.tr("Close (Esc)"))
        close.clicked.connect(self.hide_bar)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addWidget(self.find_edit, 2)
        layout.addWidget(buttons[0])
        layout.addWidget(buttons[1])
        layout.addWidget(self.replace_edit, 2)
        layout.addWidget(buttons[2])
        layout.addWidget(buttons[3])
        layout.addWidget(self.case)
        layout.addWidget(self.message, 1)
        layout.addWidget(close)

        self.find_edit.returnPressed.connect(self.find_next)
        self.replace_edit.returnPressed.connect(self.replace_one)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.hide_bar)
        self.hide()

    def set_view(self, view: TextView) -> None:
        """Search in ``view`` from now on (the rich editor or the Markdown source)."""
        self._view = view

    def show_find(self, replace: bool = False) -> None:
        """Show the bar with the selected text as the search term."""
        if self._view is not None:
            selected = self._view.textCursor().selectedText()
            if selected and "\u2029" not in selected:
                self.find_edit.setText(selected)
        self.show()
        target = self.replace_edit if replace and self.find_edit.text() else self.find_edit
        target.setFocus()
        target.selectAll()

    def hide_bar(self) -> None:
        """Hide the bar and give the focus back to the text."""
        self.hide()
        self.closed.emit()
        if self._view is not None:
            self._view.setFocus()

    def _flags(self, backward: bool = False) -> QTextDocument.FindFlag:
        flags = QTextDocument.FindFlag(0)
        if backward:
            flags |= QTextDocument.FindFlag.FindBackward
        if self.case.isChecked():
            flags |= QTextDocument.FindFlag.FindCaseSensitively
        return flags

    def _find(self, backward: bool) -> bool:
        view, term = self._view, self.find_edit.text()
        if view is None or not term:
            return False
        document = view.document()
        found = document.find(term, view.textCursor(), self._flags(backward))
        if found.isNull():  # wrap around once
            start = QTextCursor(document)
            if backward:
                start.movePosition(QTextCursor.MoveOperation.End)
            found = document.find(term, start, self._flags(backward))
        if found.isNull():
            self.message.setText(self.tr("Not found"))
            return False
        self.message.clear()
        view.setTextCursor(found)
        return True

    def find_next(self) -> bool:
        """Select the next occurrence; return whether there is one."""
        return self._find(backward=False)

    def find_previous(self) -> bool:
        """Select the previous occurrence; return whether there is one."""
        return self._find(backward=True)

    def _selection_matches(self) -> bool:
        assert self._view is not None
        selected = self._view.textCursor().selectedText()
        term = self.find_edit.text()
        if self.case.isChecked():
            return selected == term
        return selected.casefold() == term.casefold()

    def replace_one(self) -> None:
        """Replace the selected occurrence and move to the next one."""
        if self._view is None or not self.find_edit.text():
            return
        if self._selection_matches():
            self._view.textCursor().insertText(self.replace_edit.text())
        self.find_next()

    def replace_all(self) -> int:
        """Replace every occurrence as one undo step; return how many were replaced."""
        view, term = self._view, self.find_edit.text()
        if view is None or not term:
            return 0
        document = view.document()
        count = 0
        edit = QTextCursor(document)
        edit.beginEditBlock()
        found = document.find(term, 0, self._flags())
        while not found.isNull():
            found.insertText(self.replace_edit.text())
            count += 1
            found = document.find(term, found, self._flags())
        edit.endEditBlock()
        self.message.setText(self.tr("%n replaced", "", count))
        return count
