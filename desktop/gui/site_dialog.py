"""The site settings dialog: the header and footer fields, and the columns and their order."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.article import Column
from desktop.site import NUMBER_SETTINGS, Site


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
    }


class SiteDialog(QDialog):
    """Edit the site settings and the columns bar; ``result_values()`` returns both."""

    def __init__(self, site: Site, columns: Sequence[Column], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Site settings"))
        self._site = site
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
        self.columns_table = QTableWidget(0, 2)
        self.columns_table.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Folder name")])
        self.columns_table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.Stretch
        )
        self.columns_table.verticalHeader().hide()
        self.columns_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.columns_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        for column in columns:
            self._append_column(column)
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
        sides = QHBoxLayout()
        sides.addWidget(fields_box, 3)
        sides.addWidget(columns_box, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(sides)
        layout.addWidget(buttons)

    def _append_column(self, column: Column) -> None:
        row = self.columns_table.rowCount()
        self.columns_table.insertRow(row)
        name = QTableWidgetItem(column.name)
        name.setData(Qt.ItemDataRole.UserRole, column.id)
        self.columns_table.setItem(row, 0, name)
        self.columns_table.setItem(row, 1, QTableWidgetItem(column.slug))

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
        for col in range(2):
            a = self.columns_table.takeItem(row, col)
            b = self.columns_table.takeItem(target, col)
            self.columns_table.setItem(row, col, b)
            self.columns_table.setItem(target, col, a)
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
