"""The site settings dialog: the header and footer fields, the columns and their order, and
each column's update window (how long it may go without a new article, for the self-check)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QStyle,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.article import Column
from desktop.gui.screen_fit import fit_to_screen
from desktop.proofread.selfcheck import default_window
from desktop.proofread.update_window import MAX_DAYS, WindowUnit, in_units, to_days
from desktop.site import NUMBER_SETTINGS, Site


@dataclass(frozen=True)
class SiteEdit:
    """What the site settings dialog returns: settings, columns, and update windows."""

    site: Site
    columns: list[Column]
    #: Update window in days by column name; None follows the default of the column's kind.
    windows: dict[str, int | None] = field(default_factory=dict)


def _unit_labels() -> dict[WindowUnit, str]:
    return {
        WindowUnit.DAYS: QCoreApplication.translate("SiteDialog", "days"),
        WindowUnit.WEEKS: QCoreApplication.translate("SiteDialog", "weeks"),
        WindowUnit.MONTHS: QCoreApplication.translate("SiteDialog", "months"),
    }


class WindowEditor(QWidget):
    """A column's update window as an amount and a unit (days, weeks, months)."""

    def __init__(self, days: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.amount = QSpinBox()
        self.amount.setRange(1, MAX_DAYS)
        self.unit = QComboBox()
        for unit, label in _unit_labels().items():
            self.unit.addItem(label, unit.value)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.amount)
        layout.addWidget(self.unit)
        #: Whether the user changed the window here (else the column keeps what it had).
        self.touched = False
        self.show_days(days)
        self.amount.valueChanged.connect(self._touch)
        self.unit.activated.connect(self._touch)

    def _touch(self, *_: object) -> None:
        self.touched = True

    def show_days(self, days: int) -> None:
        """Show ``days`` in the largest unit that says it exactly (not counted as a change)."""
        amount, unit = in_units(days)
        self.amount.blockSignals(True)
        self.amount.setValue(amount)
        self.amount.blockSignals(False)
        self.unit.setCurrentIndex(max(0, self.unit.findData(unit.value)))

    def days(self) -> int:
        """Return the window as shown, in days."""
        return to_days(self.amount.value(), WindowUnit(self.unit.currentData()))


def _traditional_choices() -> dict[str, str]:
    return {
        "no": QCoreApplication.translate("SiteDialog", "No"),
        "yes": QCoreApplication.translate("SiteDialog", "Yes, export a 繁體 edition too"),
    }


def _variant_choices() -> dict[str, str]:
    return {
        "taiwan": QCoreApplication.translate("SiteDialog", "Taiwan (臺灣正體)"),
        "hongkong": QCoreApplication.translate("SiteDialog", "Hong Kong (香港繁體)"),
        "standard": QCoreApplication.translate("SiteDialog", "Standard (OpenCC 繁體)"),
    }


def _elder_choices() -> dict[str, str]:
    return {
        "no": QCoreApplication.translate("SiteDialog", "No"),
        "yes": QCoreApplication.translate(
            "SiteDialog", "Yes, export a 长辈版 (large type, high contrast) too"
        ),
    }


def _same_signer_choices() -> dict[str, str]:
    return {
        "no": QCoreApplication.translate("SiteDialog", "No: each stage by another person"),
        "yes": QCoreApplication.translate(
            "SiteDialog", "Yes: one person may sign two stages (the sheet says so)"
        ),
    }


#: Settings chosen from a list rather than typed.
_CHOICE_LABELS = {
    "traditional": _traditional_choices,
    "traditional_variant": _variant_choices,
    "elder": _elder_choices,
    "allow_same_signer": _same_signer_choices,
}


def site_field_labels() -> dict[str, str]:
    """Return the translated label of every site setting."""
    return {
        "name": QCoreApplication.translate("SiteDialog", "Site name"),
        "url": QCoreApplication.translate("SiteDialog", "Site address (URL)"),
        "sponsor": QCoreApplication.translate("SiteDialog", "Sponsor (主办单位)"),
        "address": QCoreApplication.translate("SiteDialog", "Postal address"),
        "postcode": QCoreApplication.translate("SiteDialog", "Postcode"),
        "phone": QCoreApplication.translate("SiteDialog", "Telephone"),
        "email": QCoreApplication.translate("SiteDialog", "E-mail"),
        "icp": QCoreApplication.translate("SiteDialog", "ICP registration number"),
        "police_icp": QCoreApplication.translate(
            "SiteDialog", "Public security registration number"
        ),
        "site_code": QCoreApplication.translate("SiteDialog", "Website identification code"),
        "support": QCoreApplication.translate("SiteDialog", "Technical support"),
        "maintainer": QCoreApplication.translate("SiteDialog", "Maintained by"),
        "copyright": QCoreApplication.translate("SiteDialog", "Copyright line"),
        "page_size": QCoreApplication.translate("SiteDialog", "Articles per list page"),
        "picture_max_width": QCoreApplication.translate(
            "SiteDialog", "Largest picture width (pixels)"
        ),
        "attachment_max_mb": QCoreApplication.translate("SiteDialog", "Largest attachment (MB)"),
        "traditional": QCoreApplication.translate("SiteDialog", "Traditional Chinese edition"),
        "traditional_variant": QCoreApplication.translate(
            "SiteDialog", "Traditional Chinese variant"
        ),
        "elder": QCoreApplication.translate("SiteDialog", "Elder-friendly edition (长辈版)"),
        "conac_url": QCoreApplication.translate(
            "SiteDialog", "党政机关 mark: the site's registry page (URL)"
        ),
        "upload_url": QCoreApplication.translate("SiteDialog", "Upload to (server address)"),
        "export_target": QCoreApplication.translate("SiteDialog", "Last export (uploaded from)"),
        "review_stages": QCoreApplication.translate("SiteDialog", "Review stages (三审: 1 to 3)"),
        "stage1": QCoreApplication.translate("SiteDialog", "Who signs stage 1 (初审), by name"),
        "stage2": QCoreApplication.translate("SiteDialog", "Who signs stage 2 (复审), by name"),
        "stage3": QCoreApplication.translate("SiteDialog", "Who signs stage 3 (终审), by name"),
        "allow_same_signer": QCoreApplication.translate("SiteDialog", "Same person, two stages"),
        "review_restart_stage": QCoreApplication.translate(
            "SiteDialog", "A change after a signature goes back to stage"
        ),
        "people": QCoreApplication.translate("SiteDialog", "People on the server (login=name, …)"),
    }


class SiteDialog(QDialog):
    """Edit the site settings, the columns bar and update windows; see ``result_values()``."""

    def __init__(
        self,
        site: Site,
        columns: Sequence[Column],
        parent: QWidget | None = None,
        windows: Mapping[int, int] | None = None,
    ):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Site settings"))
        self._site = site
        # The windows stored per column id; a row's own window until the user changes it.
        self._windows = dict(windows or {})
        self._editors: dict[str, QLineEdit | QSpinBox | QComboBox] = {}

        fields_box = QGroupBox(self.tr("Header and footer"))
        form = QFormLayout(fields_box)
        for key, label in site_field_labels().items():
            value = getattr(site, key)
            editor: QLineEdit | QSpinBox | QComboBox
            if key in _CHOICE_LABELS:
                editor = QComboBox()
                for choice, choice_label in _CHOICE_LABELS[key]().items():
                    editor.addItem(choice_label, choice)
                editor.setCurrentIndex(max(0, editor.findData(value)))
            elif isinstance(value, int):
                editor = QSpinBox()
                rule = NUMBER_SETTINGS.get(key)
                editor.setRange(*((rule.minimum, rule.maximum) if rule else (1, 100_000)))
                editor.setValue(value)
            else:
                editor = QLineEdit(value)
                editor.setMinimumWidth(320)
            editor.setObjectName(f"site_{key}")
            self._editors[key] = editor
            form.addRow(label, editor)

        columns_box = QGroupBox(self.tr("Columns (栏目), in the order of the columns bar"))
        self.columns_table = QTableWidget(0, 3)
        self.columns_table.setObjectName("site_columns")
        self.columns_table.setHorizontalHeaderLabels(
            [self.tr("Name"), self.tr("Folder name"), self.tr("Update window")]
        )
        window_header = self.columns_table.horizontalHeaderItem(2)
        assert window_header is not None
        window_header.setToolTip(
            self.tr(
                "How long the column may go without a new article before the site self-check "
                "reports it as not updated in time (news columns: 2 weeks, notice columns: "
                "6 months by default)"
            )
        )
        self.columns_table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.Stretch
        )
        self.columns_table.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.ResizeToContents
        )
        self.columns_table.horizontalHeader().setSectionResizeMode(
            2, QHeaderView.ResizeMode.ResizeToContents
        )
        self.columns_table.verticalHeader().hide()
        self.columns_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.columns_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        for column in columns:
            self._append_column(column)
        # Room for a column name of six characters beside its folder and its window.
        metrics = self.columns_table.fontMetrics()
        measure = WindowEditor(14, self)
        self.columns_table.setMinimumWidth(
            metrics.horizontalAdvance("职工维权服务") * 2
            + metrics.horizontalAdvance("grassroots")
            + measure.sizeHint().width()
        )
        measure.hide()
        measure.deleteLater()
        # A renamed column the user left alone shows its new kind's default (通知… 6 months).
        self.columns_table.itemChanged.connect(self._name_changed)
        add = QPushButton(self.tr("Add column"))
        up = QPushButton(self.tr("Move up"))
        down = QPushButton(self.tr("Move down"))
        add.clicked.connect(self.add_column)
        up.clicked.connect(lambda: self.move_selected(-1))
        down.clicked.connect(lambda: self.move_selected(1))
        buttons_row = QHBoxLayout()
        for button in (add, up, down):
            buttons_row.addWidget(button)
        buttons_row.addStretch(1)
        columns_layout = QVBoxLayout(columns_box)
        columns_layout.addWidget(self.columns_table)
        columns_layout.addLayout(buttons_row)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        # The header and footer's fields scroll: all of them are taller than a laptop's 768
        # pixels, and a dialog taller than the screen hides its OK button.
        fields = QScrollArea()
        fields.setObjectName("site_fields")
        fields.setWidget(fields_box)
        fields.setWidgetResizable(True)
        fields.setFrameShape(QFrame.Shape.NoFrame)
        fields.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scrollbar = fields.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        fields.setMinimumWidth(fields_box.sizeHint().width() + scrollbar + 4)
        self._fields_height = fields_box.sizeHint().height()
        sides = QHBoxLayout()
        sides.addWidget(fields, 3)
        sides.addWidget(columns_box, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(sides)
        layout.addWidget(buttons)
        self._fit_screen()

    def _fit_screen(self) -> None:
        """Open as tall as the fields need, but no taller than the screen leaves room for."""
        hint = self.sizeHint()
        fit_to_screen(self, hint.width(), max(hint.height(), self._fields_height + 80))

    def _append_column(self, column: Column) -> None:
        row = self.columns_table.rowCount()
        self.columns_table.insertRow(row)
        name = QTableWidgetItem(column.name)
        name.setData(Qt.ItemDataRole.UserRole, column.id)
        self.columns_table.setItem(row, 0, name)
        self.columns_table.setItem(row, 1, QTableWidgetItem(column.slug))
        stored = self._windows.get(column.id) if column.id is not None else None
        editor = WindowEditor(stored or default_window(column.name))
        editor.setObjectName(f"window_{row}")
        self.columns_table.setCellWidget(row, 2, editor)

    def window_editor(self, row: int) -> WindowEditor:
        """Return the update window editor of a row of the columns table."""
        editor = self.columns_table.cellWidget(row, 2)
        assert isinstance(editor, WindowEditor)
        return editor

    def _stored_window(self, row: int) -> int | None:
        item = self.columns_table.item(row, 0)
        column_id = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return self._windows.get(column_id) if column_id is not None else None

    def _name_changed(self, item: QTableWidgetItem) -> None:
        if item.column() != 0 or self.columns_table.cellWidget(item.row(), 2) is None:
            return
        editor = self.window_editor(item.row())
        if not editor.touched and self._stored_window(item.row()) is None:
            editor.show_days(default_window(item.text().strip()))

    def add_column(self) -> None:
        """Add an empty column row and start editing its name."""
        self._append_column(Column(name=self.tr("New column"), slug=""))
        row = self.columns_table.rowCount() - 1
        self.columns_table.setCurrentCell(row, 0)
        item = self.columns_table.item(row, 0)
        if item is not None:
            self.columns_table.editItem(item)

    def move_selected(self, step: int) -> None:
        """Move the selected column up (-1) or down (+1) in the bar."""
        row = self.columns_table.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.columns_table.rowCount():
            return
        self.columns_table.blockSignals(True)
        for col in range(2):
            a = self.columns_table.takeItem(row, col)
            b = self.columns_table.takeItem(target, col)
            self.columns_table.setItem(row, col, b)
            self.columns_table.setItem(target, col, a)
        self.columns_table.blockSignals(False)
        # The windows go with their columns: swap what the two editors show and know.
        first, second = self.window_editor(row), self.window_editor(target)
        states = [(e.days(), e.touched) for e in (first, second)]
        for editor, (days, touched) in zip((second, first), states, strict=True):
            editor.show_days(days)
            editor.touched = touched
        self.columns_table.setCurrentCell(target, 0)

    def site(self) -> Site:
        """Return the site settings as edited."""
        site = self._site
        for key, editor in self._editors.items():
            if isinstance(editor, QSpinBox):
                text = str(editor.value())
            elif isinstance(editor, QComboBox):
                text = str(editor.currentData())
            else:
                text = editor.text()
            site = site.with_value(key, text)
        return site

    def columns(self) -> list[Column]:
        """Return the columns as edited, in bar order, skipping rows without a name."""
        result = []
        for row in range(self.columns_table.rowCount()):
            name_item = self.columns_table.item(row, 0)
            slug_item = self.columns_table.item(row, 1)
            name = name_item.text().strip() if name_item else ""
            if not name:
                continue
            column_id = name_item.data(Qt.ItemDataRole.UserRole) if name_item else None
            slug = slug_item.text().strip() if slug_item else ""
            result.append(Column(name=name, slug=slug, position=row + 1, id=column_id))
        return result

    def update_windows(self) -> dict[str, int | None]:
        """Return each named column's update window in days; None where it follows the
        default of its kind (left alone and never set, or set to exactly that default)."""
        windows: dict[str, int | None] = {}
        for row in range(self.columns_table.rowCount()):
            item = self.columns_table.item(row, 0)
            name = item.text().strip() if item else ""
            if not name:
                continue
            editor = self.window_editor(row)
            if not editor.touched:
                windows[name] = self._stored_window(row)
            else:
                days = editor.days()
                windows[name] = None if days == default_window(name) else days
        return windows

    def result_values(self) -> SiteEdit:
        """Return the settings, columns and update windows as edited."""
        return SiteEdit(self.site(), self.columns(), self.update_windows())
