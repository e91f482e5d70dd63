"""An article's history: its revisions, a side-by-side comparison of two, and restoring one."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QColor, QFont, QTextBlockFormat, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.article import Article, Status
from desktop.gui.dialogs import Dialogs
from desktop.gui.labels import field_label, status_label
from desktop.gui.screen_fit import fit_to_screen
from desktop.store import ConflictError, Store, StoreError
from desktop.store.revisions import (
    Change,
    RevisionInfo,
    RevisionReason,
    changed_fields,
    revision_diff,
)

#: Whole lines only on one side, and the characters that changed within a changed line.
DELETED_LINE = QColor("#fde4e4")
DELETED_CHARS = QColor("#f3a0a0")
INSERTED_LINE = QColor("#e0f5e0")
INSERTED_CHARS = QColor("#93d693")
#: The empty row standing opposite a line the other side does not have.
FILLER = QColor("#efefef")

TIME_FORMAT = "%Y-%m-%d %H:%M:%S"


def reason_label(reason: RevisionReason) -> str:
    """Return the translated reason a revision was kept, as the history list shows it."""
    names = {
        RevisionReason.ORIGINAL: QCoreApplication.translate("RevisionReason", "Original"),
        RevisionReason.SAVE: QCoreApplication.translate("RevisionReason", "Saved"),
        RevisionReason.AUTOSAVE: QCoreApplication.translate("RevisionReason", "Saved while typing"),
        RevisionReason.STATUS: QCoreApplication.translate("RevisionReason", "Status changed"),
        RevisionReason.EXPORT: QCoreApplication.translate("RevisionReason", "Exported"),
        RevisionReason.RESTORE: QCoreApplication.translate(
            "RevisionReason", "Older version restored"
        ),
        RevisionReason.BEFORE_RESTORE: QCoreApplication.translate(
            "RevisionReason", "Before a restore"
        ),
        RevisionReason.CONFLICT: QCoreApplication.translate(
            "RevisionReason", "Kept from a conflict"
        ),
    }
    return names[RevisionReason(reason)]


def field_text(name: str, value: Any) -> str:
    """Return a field's stored value as a person reads it."""
    if name == "status":
        return status_label(Status(value))
    if name == "keywords":
        return "、".join(str(v) for v in value)
    if name == "published_at":
        return str(value)[:16]  # minutes are what the form shows
    return str(value)


def characters_text(count: int) -> str:
    """Return "N characters" in the user's language."""
    return QCoreApplication.translate("DiffView", "%n characters", "", count)


class DiffView(QWidget):
    """Two texts side by side, rows aligned, deletions red, insertions green, scrolled together."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.left_caption = QLabel()
        self.right_caption = QLabel()
        self.left = self._pane("diff_left")
        self.right = self._pane("diff_right")
        self.summary = QLabel()
        self.summary.setObjectName("diff_summary")
        self.fields = QTableWidget(0, 3)
        self.fields.setObjectName("diff_fields")
        self.fields.verticalHeader().hide()
        self.fields.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.fields.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.fields.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.ResizeToContents
        )
        self.fields.setMaximumHeight(120)
        self._syncing = False
        self.left.verticalScrollBar().valueChanged.connect(
            lambda _value: self._follow(self.left, self.right)
        )
        self.right.verticalScrollBar().valueChanged.connect(
            lambda _value: self._follow(self.right, self.left)
        )

        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.left_caption, 0, 0)
        grid.addWidget(self.right_caption, 0, 1)
        grid.addWidget(self.left, 1, 0)
        grid.addWidget(self.right, 1, 1)
        grid.addWidget(self.summary, 2, 0, 1, 2)
        grid.addWidget(self.fields, 3, 0, 1, 2)
        grid.setRowStretch(1, 1)

    @staticmethod
    def _pane(name: str) -> QPlainTextEdit:
        pane = QPlainTextEdit()
        pane.setObjectName(name)
        pane.setReadOnly(True)
        pane.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        return pane

    def compare(
        self, older: Article, newer: Article, older_caption: str, newer_caption: str
    ) -> None:
        """Show ``older`` on the left and ``newer`` on the right, with their differences."""
        self.left_caption.setText(older_caption)
        self.right_caption.setText(newer_caption)
        rows = revision_diff(older.body, newer.body)
        self._fill(self.left, [(r.change, r.left, r.left_spans) for r in rows], deleted=True)
        self._fill(self.right, [(r.change, r.right, r.right_spans) for r in rows], deleted=False)
        changed = sum(1 for r in rows if r.change is not Change.EQUAL)
        if changed:
            self.summary.setText(self.tr("Lines that differ: %n", "", changed))
        else:
            self.summary.setText(self.tr("The texts are the same."))
        self._fill_fields(changed_fields(older, newer), older_caption, newer_caption)

    def _fill(
        self,
        pane: QPlainTextEdit,
        lines: Sequence[tuple[Change, str | None, tuple[tuple[int, int], ...]]],
        *,
        deleted: bool,
    ) -> None:
        """Write one side: a block per diff row, so that both sides keep rows in step."""
        line_colour, chars_colour = (
            (DELETED_LINE, DELETED_CHARS) if deleted else (INSERTED_LINE, INSERTED_CHARS)
        )
        document = pane.document()
        document.clear()
        cursor = QTextCursor(document)
        cursor.beginEditBlock()
        plain = QTextCharFormat()
        for index, (change, text, spans) in enumerate(lines):
            block_format = QTextBlockFormat()
            line_format = QTextCharFormat()
            if text is None:
                block_format.setBackground(FILLER)
            elif change is not Change.EQUAL:
                block_format.setBackground(line_colour)
                line_format.setBackground(line_colour)
            if index:
                cursor.insertBlock(block_format, plain)
            else:
                cursor.setBlockFormat(block_format)
            if not text:
                continue
            if change is Change.REPLACE:
                # Unchanged stretches in the line colour, changed characters stronger and bold.
                emphasis = QTextCharFormat(line_format)
                emphasis.setBackground(chars_colour)
                emphasis.setFontWeight(QFont.Weight.Bold)
                position = 0
                for start, end in spans:
                    cursor.insertText(text[position:start], line_format)
                    cursor.insertText(text[start:end], emphasis)
                    position = end
                cursor.insertText(text[position:], line_format)
            else:
                cursor.insertText(text, line_format)
        cursor.endEditBlock()
        pane.moveCursor(QTextCursor.MoveOperation.Start)

    def _fill_fields(
        self, changes: list[tuple[str, Any, Any]], older_caption: str, newer_caption: str
    ) -> None:
        self.fields.setRowCount(0)
        self.fields.setHorizontalHeaderLabels([self.tr("Field"), older_caption, newer_caption])
        for name, before, after in changes:
            row = self.fields.rowCount()
            self.fields.insertRow(row)
            cells = (field_label(name), field_text(name, before), field_text(name, after))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, name)
                item.setToolTip(text)
                if column == 1:
                    item.setBackground(DELETED_LINE)
                elif column == 2:
                    item.setBackground(INSERTED_LINE)
                self.fields.setItem(row, column, item)
        self.fields.setVisible(bool(changes))

    def changed_field_names(self) -> list[str]:
        """Return the names of the fields (other than the body) shown as changed."""
        names = []
        for row in range(self.fields.rowCount()):
            item = self.fields.item(row, 0)
            if item is not None:
                names.append(str(item.data(Qt.ItemDataRole.UserRole)))
        return names

    def _follow(self, source: QPlainTextEdit, target: QPlainTextEdit) -> None:
        """Scroll ``target`` to the row at the top of ``source``; rows wrap to unequal heights."""
        if self._syncing:
            return
        self._syncing = True
        try:
            value = source.verticalScrollBar().value()
            block = source.document().findBlockByLineNumber(value)
            partner = target.document().findBlockByNumber(block.blockNumber())
            if partner.isValid():
                offset = min(value - block.firstLineNumber(), max(partner.lineCount() - 1, 0))
                target.verticalScrollBar().setValue(partner.firstLineNumber() + offset)
        finally:
            self._syncing = False


class HistoryDialog(QDialog):
    """Lists an article's revisions, compares them, and restores one as a new save."""

    #: The article as restored (a new version, the replaced text kept as a revision).
    restored = Signal(object)

    def __init__(
        self,
        store: Store,
        article_id: int,
        current_version: int,
        parent: QWidget | None = None,
        *,
        current: Article | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.article_id = article_id
        self.current_version = current_version
        #: What a single selected revision is compared with: the stored article by default.
        self.current = current if current is not None else store.get_article(article_id)
        self.restored_article: Article | None = None
        self.revisions: list[RevisionInfo] = store.revisions(article_id)
        self._articles: dict[int, Article] = {}
        self.setWindowTitle(self.tr("History of “%1”").replace("%1", self.current.title))
        fit_to_screen(self, 1100, 720)

        intro = QLabel(
            self.tr(
                "Newsroom keeps a copy of the article at every save. Select one version to "
                "compare it with the current text, or two to compare them with each other."
            )
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("revision_table")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Time"), self.tr("Why"), self.tr("Size"), self.tr("Title")]
        )
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        for info in self.revisions:
            self._append(info)
        self.table.resizeColumnsToContents()

        self.diff = DiffView()
        self.empty = QLabel(self.tr("This article has no earlier versions yet."))
        self.empty.setVisible(not self.revisions)

        self.restore_button = QPushButton(self.tr("Restore this version"))
        self.restore_button.setObjectName("restore_revision")
        self.restore_button.setEnabled(False)
        self.restore_button.clicked.connect(self.restore_selected)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.diff)
        splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.empty)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)

        self.table.itemSelectionChanged.connect(self._selection_changed)
        if self.revisions:
            self.table.selectRow(0)
        else:
            self.diff.hide()

    def _append(self, info: RevisionInfo) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        cells = (
            info.created_at.strftime(TIME_FORMAT),
            reason_label(info.reason),
            characters_text(info.size),
            info.title,
        )
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, info.id)
            if column == 3:
                item.setToolTip(status_label(info.status))
            self.table.setItem(row, column, item)

    def article_of(self, revision_id: int) -> Article:
        """Return the full copy a revision kept (read once, then remembered)."""
        if revision_id not in self._articles:
            self._articles[revision_id] = self.store.revision(revision_id).article
        return self._articles[revision_id]

    def selected_revisions(self) -> list[RevisionInfo]:
        """Return the selected revisions, oldest first."""
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return sorted((self.revisions[row] for row in rows), key=lambda info: info.id)

    def select_revisions(self, *revision_ids: int) -> None:
        """Select the rows of these revisions (what a click or Ctrl+click does)."""
        with QSignalBlocker(self.table):
            self.table.clearSelection()
            mode = self.table.selectionMode()
            self.table.setSelectionMode(QAbstractItemView.SelectionMode.MultiSelection)
            for row, info in enumerate(self.revisions):
                if info.id in revision_ids:
                    self.table.selectRow(row)
            self.table.setSelectionMode(mode)
        self._selection_changed()

    def _caption(self, info: RevisionInfo) -> str:
        return (
            self.tr("%1 (%2)")
            .replace("%1", info.created_at.strftime(TIME_FORMAT))
            .replace("%2", reason_label(info.reason))
        )

    def _selection_changed(self) -> None:
        chosen = self.selected_revisions()
        self.restore_button.setEnabled(len(chosen) == 1)
        if not chosen:
            return
        older = chosen[0]
        if len(chosen) == 1:
            self.diff.compare(
                self.article_of(older.id),
                self.current,
                self._caption(older),
                self.tr("Current text"),
            )
        else:
            # More than two selected: the span from the oldest to the newest of them.
            newer = chosen[-1]
            self.diff.compare(
                self.article_of(older.id),
                self.article_of(newer.id),
                self._caption(older),
                self._caption(newer),
            )

    def restore_selected(self) -> None:
        """Ask, then bring back the selected revision as a new save, and close."""
        chosen = self.selected_revisions()
        if len(chosen) != 1:
            return
        info = chosen[0]
        if not Dialogs.confirm_restore_revision(self, info.created_at):
            return
        try:
            article = self.store.restore_revision(self.article_id, info.id, self.current_version)
        except ConflictError:
            Dialogs.show_error(
                self,
                self.tr("Cannot restore"),
                self.tr(
                    "This article was changed in another window or on another computer "
                    "since you opened it. Nothing was restored; reopen the article and try again."
                ),
            )
            return
        except StoreError as exc:
            Dialogs.show_error(self, self.tr("Cannot restore"), str(exc))
            return
        self.restored_article = article
        self.restored.emit(article)
        self.accept()


def restore_box(parent: QWidget | None, when: dt.datetime) -> QMessageBox:
    """Build the "restore this version?" question (``Dialogs.confirm_restore_revision``)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(QCoreApplication.translate("HistoryDialog", "Restore this version"))
    box.setText(
        QCoreApplication.translate(
            "HistoryDialog", "Bring back the version of %1 as the article's text?"
        ).replace("%1", when.strftime(TIME_FORMAT))
    )
    box.setInformativeText(
        QCoreApplication.translate(
            "HistoryDialog",
            "The current text is kept in the history, so you can go back to it.",
        )
    )
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    box.setDefaultButton(QMessageBox.StandardButton.No)
    return box
