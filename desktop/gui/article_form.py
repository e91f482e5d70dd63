"""The form of an article's fields above the editor: 引题, 标题, 副标题, 栏目, 作者, 来源, …"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QDateTime, QMimeData, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from desktop.article import EDITED_FIELDS, Article, Status, clean_fields, clean_line
from desktop.gui.labels import field_label, status_label

_KEYWORD_SPLIT = re.compile(r"[,，、;；]+")


def _editable_combo(placeholder: str) -> QComboBox:
    combo = QComboBox()
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    line = combo.lineEdit()
    if line is not None:
        line.setPlaceholderText(placeholder)
    return combo


class SummaryEdit(QPlainTextEdit):
    """The summary's box: several lines high so it wraps, but one line of text like a title."""

    def insertFromMimeData(self, source: QMimeData) -> None:
        """Paste the clipboard's text cleaned as one line (breaks become spaces)."""
        if source.hasText():
            self.insertPlainText(clean_line(source.text()))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Ignore Enter: the summary is one paragraph, shown as one line in lists."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.ignore()
            return
        super().keyPressEvent(event)


def _clean_while_editing(edit: QLineEdit, text: str) -> None:
    """Take hidden characters out of what was typed or pasted, keeping the cursor in place."""
    cleaned = clean_line(text)
    if cleaned != text:
        position = len(clean_line(text[: edit.cursorPosition()]))
        edit.setText(cleaned)
        edit.setCursorPosition(position)


def _set_combo_items(combo: QComboBox, values: Sequence[str]) -> None:
    text = combo.currentText()
    combo.blockSignals(True)
    combo.clear()
    combo.addItems(list(values))
    combo.setEditText(text)
    combo.blockSignals(False)


class ArticleForm(QWidget):
    """Edits every field of an article except the body; emits ``changed`` on any edit."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loading = False
        self.kicker = QLineEdit()
        self.kicker.setPlaceholderText(self.tr("Above the title (optional)"))
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText(self.tr("Title"))
        font = self.title_edit.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title_edit.setFont(font)
        self.subtitle = QLineEdit()
        self.subtitle.setPlaceholderText(self.tr("Subtitle, often starting with ——"))
        self.column = _editable_combo(self.tr("Pick or type"))
        self.author = _editable_combo(self.tr("Department or author"))
        self.source = _editable_combo(self.tr("Source"))
        self.published = QDateTimeEdit()
        self.published.setCalendarPopup(True)
        self.published.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.status = QComboBox()
        for status in Status:
            self.status.addItem(status_label(status), status.value)
        # The status follows the sign-off (送审, 通过, 退回, 撤稿), never a free choice.
        self.status.setEnabled(False)
        self.status.setToolTip(self.tr("The status follows the sign-off below (三审三校)."))
        self.cover = QLineEdit()
        self.cover.setReadOnly(True)
        self.cover.setClearButtonEnabled(True)
        # Short enough to show whole in a narrow editor; how to set one is in the tooltip.
        self.cover.setPlaceholderText(self.tr("No picture"))
        self.cover.setToolTip(self.tr("Insert a picture and choose it as the cover"))
        self.keywords = QLineEdit()
        self.keywords.setPlaceholderText(self.tr("Separated by commas"))
        self.summary = SummaryEdit()
        self.summary.setPlaceholderText(self.tr("Summary shown in lists and search results"))
        self.summary.setTabChangesFocus(True)
        line_height = self.summary.fontMetrics().lineSpacing()
        self.summary.setFixedHeight(line_height * 3 + 12)

        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(4)
        rows: list[tuple[str, QWidget, str | None, QWidget | None]] = [
            (field_label("kicker"), self.kicker, field_label("column"), self.column),
            (field_label("title"), self.title_edit, None, None),
            (field_label("subtitle"), self.subtitle, None, None),
            (field_label("author"), self.author, field_label("source"), self.source),
            (field_label("published_at"), self.published, field_label("status"), self.status),
            (field_label("keywords"), self.keywords, field_label("cover"), self.cover),
            (field_label("summary"), self.summary, None, None),
        ]
        for row, (label, widget, label2, widget2) in enumerate(rows):
            caption = QLabel(label)
            caption.setBuddy(widget)
            grid.addWidget(
                caption,
                row,
                0,
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop
                if widget is self.summary
                else Qt.AlignmentFlag.AlignRight,
            )
            if widget2 is None:
                grid.addWidget(widget, row, 1, 1, 3)
            else:
                grid.addWidget(widget, row, 1)
                second = QLabel(label2 or "")
                second.setBuddy(widget2)
                grid.addWidget(second, row, 2, Qt.AlignmentFlag.AlignRight)
                grid.addWidget(widget2, row, 3)
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(3, 2)

        for edit in self._line_edits():
            # Connected first, so that ``changed`` is emitted for the cleaned text.
            edit.textEdited.connect(lambda text, edit=edit: _clean_while_editing(edit, text))
        for edit in (self.kicker, self.title_edit, self.subtitle, self.keywords):
            edit.textEdited.connect(self._emit_changed)
        # Read-only, so only the clear button or set_cover change it.
        self.cover.textChanged.connect(self._emit_changed)
        for combo in (self.column, self.author, self.source):
            combo.editTextChanged.connect(self._emit_changed)
        self.status.currentIndexChanged.connect(self._emit_changed)
        self.published.dateTimeChanged.connect(self._emit_changed)
        self.summary.textChanged.connect(self._emit_changed)

    def _line_edits(self) -> list[QLineEdit]:
        """Return the line edits of the single-line fields a user types into."""
        edits = [self.kicker, self.title_edit, self.subtitle, self.keywords]
        edits += [e for c in (self.column, self.author, self.source) if (e := c.lineEdit())]
        return edits

    def edit_for(self, name: str) -> QLineEdit | QPlainTextEdit | None:
        """Return the text box of a field (by its declared name), for fixes and highlights."""
        widget = {
            "kicker": self.kicker,
            "title": self.title_edit,
            "subtitle": self.subtitle,
            "column": self.column.lineEdit(),
            "author": self.author.lineEdit(),
            "source": self.source.lineEdit(),
            "keywords": self.keywords,
            "cover": self.cover,
            "summary": self.summary,
        }.get(name)
        return widget if isinstance(widget, (QLineEdit, QPlainTextEdit)) else None

    def _emit_changed(self, *_: object) -> None:
        if not self._loading:
            self.changed.emit()

    def set_choices(
        self, columns: Sequence[str], authors: Sequence[str], sources: Sequence[str]
    ) -> None:
        """Offer the site's columns and the authors and sources used before."""
        self._loading = True
        try:
            _set_combo_items(self.column, columns)
            _set_combo_items(self.author, authors)
            _set_combo_items(self.source, sources)
        finally:
            self._loading = False

    def set_article(self, article: Article) -> None:
        """Show an article's fields without emitting ``changed``."""
        self._loading = True
        try:
            self.kicker.setText(article.kicker)
            self.title_edit.setText(article.title)
            self.subtitle.setText(article.subtitle)
            self.column.setEditText(article.column)
            self.author.setEditText(article.author)
            self.source.setEditText(article.source)
            when = article.published_at
            self.published.setDateTime(
                QDateTime(when.year, when.month, when.day, when.hour, when.minute, when.second)
            )
            self.status.setCurrentIndex(self.status.findData(Status(article.status).value))
            self.keywords.setText("，".join(article.keywords))
            self.cover.setText(article.cover)
            self.summary.setPlainText(article.summary)
            # A long title or keyword list shows its beginning, not its end, in a narrow editor.
            for edit in (self.kicker, self.title_edit, self.subtitle, self.keywords, self.cover):
                edit.setCursorPosition(0)
        finally:
            self._loading = False

    def show_status(self, status: Status) -> None:
        """Show the status the sign-off gave the article, without emitting ``changed``."""
        self._loading = True
        try:
            self.status.setCurrentIndex(self.status.findData(Status(status).value))
        finally:
            self._loading = False

    def values(self) -> dict[str, Any]:
        """Return every field the form edits (all the declared ones but the body), as shown."""
        published = self.published.dateTime().toPython()
        assert isinstance(published, dt.datetime)
        return {
            "kicker": self.kicker.text(),
            "title": self.title_edit.text(),
            "subtitle": self.subtitle.text(),
            "column": self.column.currentText(),
            "author": self.author.currentText(),
            "source": self.source.currentText(),
            "published_at": published.replace(microsecond=0),
            "status": Status(self.status.currentData()),
            "keywords": _KEYWORD_SPLIT.split(self.keywords.text()),
            "cover": self.cover.text(),
            "summary": self.summary.toPlainText(),
        }

    def apply_to(self, article: Article) -> Article:
        """Return a copy of ``article`` with the fields as the form shows them, cleaned."""
        values = self.values()
        edited = {spec.name: values[spec.name] for spec in EDITED_FIELDS if spec.name in values}
        return clean_fields(replace(article, **edited))

    def set_cover(self, path: str) -> None:
        """Make a stored picture (``media/…``) the article's cover picture (标题图)."""
        self.cover.setText(path)
        self.changed.emit()

    def focus_title(self) -> None:
        """Put the cursor in the title field, selecting what is there."""
        self.title_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.title_edit.selectAll()
