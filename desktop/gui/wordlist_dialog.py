"""The office's own word list: forbidden terms and outdated names, edited as a table."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.gui.dialogs import Dialogs
from desktop.gui.proofread_labels import severity_label
from desktop.gui.screen_fit import fit_to_screen
from desktop.proofread import Severity, WordEntry, WordListError
from desktop.proofread.wordlist import format_word_list, read_word_list_file
from desktop.proofread.wordlist_store import WordListStore
from desktop.store import StoreError

WRONG, SUGGESTION, SEVERITY, NOTE, EXCEPTIONS = range(5)
_SPLIT_EXCEPTIONS = re.compile("[、,，;；]")
WORD_LIST_FILTER = "*.tsv *.txt *.csv"


class WordListDialog(QDialog):
    """Edits the office word list; nothing is stored until OK."""

    def __init__(self, store: WordListStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(self.tr("Office word list"))
        fit_to_screen(self, 760, 480)
        self._stored = [e.wrong for e in store.list()]

        intro = QLabel(
            self.tr(
                "Words the proofreader marks in every article: forbidden or outdated terms "
                "and the name to use instead. Exceptions are correct words that contain the "
                "wrong form, separated by “、”."
            )
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("word_table")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Wrong form"),
                self.tr("Use instead"),
                self.tr("Severity"),
                self.tr("Note"),
                self.tr("Exceptions"),
            ]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(NOTE, QHeaderView.ResizeMode.Stretch)
        self.status = QLabel()
        self.status.setObjectName("wordlist_status")

        self.add_button = QPushButton(self.tr("Add"))
        self.remove_button = QPushButton(self.tr("Remove"))
        self.import_button = QPushButton(self.tr("Import…"))
        self.export_button = QPushButton(self.tr("Export…"))
        row = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.import_button, self.export_button):
            row.addWidget(button)
        row.addStretch(1)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)

        self.add_button.clicked.connect(self.add_entry)
        self.remove_button.clicked.connect(self.remove_selected)
        self.import_button.clicked.connect(self.import_file)
        self.export_button.clicked.connect(self.export_file)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        for entry in store.list():
            self._append(entry)
        self.table.resizeColumnsToContents()

    # The table -----------------------------------------------------------------------------

    def _append(self, entry: WordEntry) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self._set_row(row, entry)
        return row

    def _set_row(self, row: int, entry: WordEntry) -> None:
        for column, text in (
            (WRONG, entry.wrong),
            (SUGGESTION, entry.suggestion),
            (NOTE, entry.note),
            (EXCEPTIONS, "、".join(entry.exceptions)),
        ):
            self.table.setItem(row, column, QTableWidgetItem(text))
        combo = QComboBox()
        for severity in (Severity.SERIOUS, Severity.MINOR):
            combo.addItem(severity_label(severity), severity.value)
        combo.setCurrentIndex(combo.findData(entry.severity.value))
        self.table.setCellWidget(row, SEVERITY, combo)

    def _text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text().strip() if item is not None else ""

    def _row_of(self, wrong: str) -> int | None:
        for row in range(self.table.rowCount()):
            if self._text(row, WRONG) == wrong:
                return row
        return None

    def entries(self) -> list[WordEntry]:
        """Return the table's entries; raises WordListError naming the first bad row."""
        entries: list[WordEntry] = []
        seen: set[str] = set()
        for row in range(self.table.rowCount()):
            wrong = self._text(row, WRONG)
            suggestion = self._text(row, SUGGESTION)
            note = self._text(row, NOTE)
            exceptions = tuple(
                w.strip() for w in _SPLIT_EXCEPTIONS.split(self._text(row, EXCEPTIONS)) if w.strip()
            )
            if not wrong:
                if suggestion or note or exceptions:
                    raise WordListError(self._row_error(row, self.tr("the wrong form is empty")))
                continue  # a row added and left empty
            if suggestion == wrong:
                raise WordListError(
                    self._row_error(row, self.tr("the suggestion is the same word"))
                )
            if wrong in seen:
                raise WordListError(self._row_error(row, self.tr("“%1” is listed twice")))
            seen.add(wrong)
            combo = self.table.cellWidget(row, SEVERITY)
            severity = (
                Severity(combo.currentData()) if isinstance(combo, QComboBox) else Severity.SERIOUS
            )
            entries.append(WordEntry(wrong, suggestion, severity, note, exceptions))
        return entries

    def _row_error(self, row: int, what: str) -> str:
        return (
            self.tr("Row %1: %2")
            .replace("%1", str(row + 1))
            .replace("%2", what.replace("%1", self._text(row, WRONG)))
        )

    def add_entry(self) -> None:
        """Add an empty row and start editing its wrong form."""
        row = self._append(WordEntry(""))
        self.table.setCurrentCell(row, WRONG)
        item = self.table.item(row, WRONG)
        if item is not None:
            self.table.editItem(item)

    def remove_selected(self) -> None:
        """Remove the selected rows."""
        rows = sorted({index.row() for index in self.table.selectedIndexes()}, reverse=True)
        if not rows and self.table.currentRow() >= 0:
            rows = [self.table.currentRow()]
        for row in rows:
            self.table.removeRow(row)

    # Files ---------------------------------------------------------------------------------

    def import_file(self) -> None:
        """Read a word-list file into the table; a listed wrong form is updated in place."""
        path = Dialogs.choose_word_list_import(self)
        if path is None:
            return
        try:
            entries = read_word_list_file(path)
        except (WordListError, OSError) as exc:
            Dialogs.show_error(
                self,
                self.tr("Cannot import the word list"),
                self.tr("“%1” cannot be read as a word list:\n%2")
                .replace("%1", Path(path).name)
                .replace("%2", str(exc)),
            )
            return
        for entry in entries:
            row = self._row_of(entry.wrong)
            if row is None:
                self._append(entry)
            else:
                self._set_row(row, entry)
        self.status.setText(
            self.tr("Imported %n entries; press OK to keep them.", "", len(entries))
        )

    def export_file(self) -> None:
        """Write the table (as shown, saved or not) to a UTF-8 tab-separated file."""
        try:
            entries = self.entries()
        except WordListError as exc:
            Dialogs.show_error(self, self.tr("Cannot export the word list"), str(exc))
            return
        path = Dialogs.choose_word_list_export(self)
        if path is None:
            return
        try:
            _write_atomically(Path(path), format_word_list(entries))
        except OSError as exc:
            Dialogs.show_error(self, self.tr("Cannot export the word list"), str(exc))
            return
        self.status.setText(self.tr("Exported %n entries.", "", len(entries)))

    # Saving --------------------------------------------------------------------------------

    def save(self) -> None:
        """Store the table as the office word list, in its order, all or nothing."""
        entries = self.entries()
        kept = {e.wrong for e in entries}
        with self.store.store.transaction():
            for wrong in self._stored:
                if wrong not in kept:
                    self.store.remove(wrong)
            for entry in entries:
                self.store.add(entry)  # adding in table order keeps the table's order
        self._stored = [e.wrong for e in entries]

    def accept(self) -> None:
        """Save and close; on a bad row or a store error say why and stay open."""
        try:
            self.save()
        except (StoreError, ValueError) as exc:  # WordListError is a ValueError
            Dialogs.show_error(self, self.tr("Cannot save the word list"), str(exc))
            return
        super().accept()


def _write_atomically(target: Path, text: str) -> None:
    """Write text as UTF-8 under a temporary name beside the target, then swap it in."""
    fd, temp = tempfile.mkstemp(prefix=".wordlist-", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
