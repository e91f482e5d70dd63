"""Exporting the website: the dialog asking where and what, and the summary shown at the end."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QSettings, QStandardPaths, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop.article import EXPORTABLE, Status
from desktop.export import ExportError, ExportOptions, ExportSummary, check_target
from desktop.export.manifest import MANIFEST
from desktop.gui.dialogs import Dialogs
from desktop.gui.labels import status_label
from desktop.gui.proofread_labels import kind_label
from desktop.proofread.gate import ArticleFindings

#: QSettings keys of the last export; the dialog opens with them.
TARGET_KEY = "export/target"
ZIP_KEY = "export/zip"
STATUSES_KEY = "export/statuses"
CHANGED_ONLY_KEY = "export/changed_only"
TRADITIONAL_KEY = "export/traditional"

#: Name of the bundle in the Documents folder the first time; ASCII so any web server takes it.
DEFAULT_NAME = "newsroom-site"

_ERROR_STYLE = "color:#b00020"


def _documents() -> Path:
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(location) if location else Path.home()


def _holds_other_files(folder: Path) -> bool:
    """Whether ``folder`` has files in it and is not a bundle of ours."""
    try:
        return folder.is_dir() and any(folder.iterdir()) and not (folder / MANIFEST).is_file()
    except OSError:
        return False


class ExportDialog(QDialog):
    """Asks where the bundle goes (folder or zip) and which articles; checks the target first."""

    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.options: ExportOptions | None = None
        self.setWindowTitle(self.tr("Export the website"))
        self.setMinimumWidth(560)

        self.folder_radio = QRadioButton(self.tr("A folder"))
        self.folder_radio.setObjectName("as_folder")
        self.zip_radio = QRadioButton(self.tr("A zip file"))
        self.zip_radio.setObjectName("as_zip")
        self.kind_group = QButtonGroup(self)
        self.kind_group.addButton(self.folder_radio)
        self.kind_group.addButton(self.zip_radio)
        self.target_edit = QLineEdit()
        self.target_edit.setObjectName("target")
        self.browse_button = QPushButton(self.tr("Browse…"))
        self.browse_button.setObjectName("browse")

        self.status_boxes: dict[Status, QCheckBox] = {}
        statuses_box = QGroupBox(self.tr("Articles to export"))
        statuses_layout = QHBoxLayout(statuses_box)
        for status in Status:
            box = QCheckBox(status_label(status))
            box.setObjectName(f"status_{status.value}")
            self.status_boxes[status] = box
            statuses_layout.addWidget(box)
        statuses_layout.addStretch(1)
        self.changed_only_box = QCheckBox(
            self.tr("Only the files changed since the last export (an update package)")
        )
        self.changed_only_box.setObjectName("changed_only")
        self.changed_only_box.setToolTip(
            self.tr(
                "For uploading to a server that has the last export: the folder or zip holds "
                "only new and changed files, and its manifest.json lists the files to delete. "
                "Leave it off for the whole website (unchanged pages are reused either way)."
            )
        )
        self.traditional_box = QCheckBox(self.tr("Add a traditional-Chinese edition (繁體)"))
        self.traditional_box.setObjectName("traditional")
        self.traditional_box.setToolTip(
            self.tr(
                "Adds a copy of every page converted to traditional Chinese in the zh-hant "
                "folder, linked from each page. The variant is a site setting."
            )
        )
        self.error_label = QLabel()
        self.error_label.setObjectName("export_error")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(_ERROR_STYLE)
        self.error_label.hide()

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Export"))

        kind_row = QHBoxLayout()
        kind_row.addWidget(self.folder_radio)
        kind_row.addWidget(self.zip_radio)
        kind_row.addStretch(1)
        target_row = QHBoxLayout()
        target_row.addWidget(self.target_edit, 1)
        target_row.addWidget(self.browse_button)
        form = QFormLayout()
        form.addRow(self.tr("Export as:"), kind_row)
        form.addRow(self.tr("Save to:"), target_row)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(statuses_box)
        layout.addWidget(self.changed_only_box)
        layout.addWidget(self.traditional_box)
        layout.addWidget(self.error_label)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

        self._load_settings()
        self.browse_button.clicked.connect(self._browse)
        self.zip_radio.toggled.connect(self._kind_changed)
        self.target_edit.textEdited.connect(lambda _text: self.error_label.hide())
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    # Settings ---------------------------------------------------------------------------------

    def _load_settings(self) -> None:
        as_zip = bool(self.settings.value(ZIP_KEY, False, type=bool))
        (self.zip_radio if as_zip else self.folder_radio).setChecked(True)
        target = str(self.settings.value(TARGET_KEY, "") or "")
        if not target:
            target = str(_documents() / (DEFAULT_NAME + (".zip" if as_zip else "")))
        self.target_edit.setText(target)
        saved = str(self.settings.value(STATUSES_KEY, "") or "")
        chosen = {s for s in Status if s.value in saved.split(",")} or set(EXPORTABLE)
        for status, box in self.status_boxes.items():
            box.setChecked(status in chosen)
        self.changed_only_box.setChecked(
            bool(self.settings.value(CHANGED_ONLY_KEY, False, type=bool))
        )
        self.traditional_box.setChecked(
            bool(self.settings.value(TRADITIONAL_KEY, False, type=bool))
        )

    def _save_settings(self, options: ExportOptions) -> None:
        self.settings.setValue(TARGET_KEY, str(options.target))
        self.settings.setValue(ZIP_KEY, options.as_zip)
        self.settings.setValue(STATUSES_KEY, ",".join(s.value for s in options.statuses))
        self.settings.setValue(CHANGED_ONLY_KEY, options.changed_only)
        self.settings.setValue(TRADITIONAL_KEY, bool(options.traditional))
        self.settings.sync()

    # Choosing ---------------------------------------------------------------------------------

    def _browse(self) -> None:
        chosen = Dialogs.choose_export_target(
            self, self.zip_radio.isChecked(), self.target_edit.text().strip()
        )
        if chosen:
            if self.zip_radio.isChecked() and not chosen.lower().endswith(".zip"):
                chosen += ".zip"
            elif not self.zip_radio.isChecked() and _holds_other_files(Path(chosen)):
                # Picking "Documents" means "put it in there": a folder of its own inside.
                chosen = str(Path(chosen) / DEFAULT_NAME)
            self.target_edit.setText(os.path.normpath(chosen))
            self.error_label.hide()

    def _kind_changed(self, as_zip: bool) -> None:
        # Keep the name and swap the suffix, so switching back and forth is harmless.
        text = self.target_edit.text().strip()
        if text:
            if as_zip and not text.lower().endswith(".zip"):
                self.target_edit.setText(text.rstrip("/\\") + ".zip")
            elif not as_zip and text.lower().endswith(".zip"):
                self.target_edit.setText(text[: -len(".zip")])
        self.error_label.hide()

    def chosen_options(self) -> ExportOptions | None:
        """Return the options as filled in, or None (and show why) when they cannot be used."""
        text = self.target_edit.text().strip()
        statuses = tuple(s for s, box in self.status_boxes.items() if box.isChecked())
        if not text:
            self._refuse(self.tr("Choose where to save the website."))
            return None
        if not statuses:
            self._refuse(self.tr("Choose at least one status of articles to export."))
            return None
        options = ExportOptions(
            target=Path(os.path.abspath(os.path.expanduser(text))),
            as_zip=self.zip_radio.isChecked(),
            statuses=statuses,
            changed_only=self.changed_only_box.isChecked(),
            traditional=self.traditional_box.isChecked(),
        )
        try:
            check_target(options)
        except ExportError as exc:
            self._refuse(target_problem_text(options, str(exc)), str(exc))
            return None
        return options

    def _refuse(self, message: str, detail: str = "") -> None:
        self.error_label.setText(message)
        self.error_label.setToolTip(detail)
        self.error_label.show()

    def accept(self) -> None:
        """Close with the options only if the target can take a bundle; else say why and stay."""
        options = self.chosen_options()
        if options is None:
            return
        self.options = options
        self._save_settings(options)
        super().accept()


def target_problem_text(options: ExportOptions, detail: str) -> str:
    """Return, in the user's language, why ``options.target`` cannot take the bundle."""
    target = Path(os.path.abspath(options.target))
    if options.as_zip and target.is_dir():
        return QCoreApplication.translate(
            "ExportDialog",
            "This is a folder. Type a new file name ending in .zip, or export as a folder.",
        )
    if not options.as_zip and target.exists() and not target.is_dir():
        return QCoreApplication.translate(
            "ExportDialog", "This is a file, not a folder. Choose a new or empty folder."
        )
    if not options.as_zip and target.is_dir() and not target.is_symlink():
        return QCoreApplication.translate(
            "ExportDialog",
            "This folder already holds other files and no website exported by Newsroom. "
            "Choose a new or empty folder, so that none of your files are replaced.",
        )
    if options.as_zip and target.exists() and not target.is_symlink():
        return QCoreApplication.translate(
            "ExportDialog",
            "This file exists and is not a website exported by Newsroom. "
            "Choose a new file name, so that none of your files are replaced.",
        )
    return QCoreApplication.translate(
        "ExportDialog", "Newsroom cannot write the website here: %1"
    ).replace("%1", detail)


class ExportSummaryDialog(QDialog):
    """What the export did: counts, size, where it went, overrides and missing pictures."""

    def __init__(
        self,
        summary: ExportSummary,
        overrides: Sequence[ArticleFindings] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.summary = summary
        self.setWindowTitle(self.tr("Export finished"))
        self.setMinimumWidth(520)
        locale = QLocale()

        headline = QLabel(self.tr("%n article(s) exported.", "", summary.articles))
        headline.setObjectName("headline")
        self.target_label = QLabel(str(summary.target))
        self.target_label.setObjectName("target")
        self.target_label.setWordWrap(True)
        self.target_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form = QFormLayout()
        form.addRow(self.tr("Saved to:"), self.target_label)
        rows = [
            ("written", self.tr("New or changed files:"), locale.toString(summary.written)),
            ("unchanged", self.tr("Unchanged files:"), locale.toString(summary.unchanged)),
            ("removed", self.tr("Removed files:"), locale.toString(summary.removed)),
            ("files", self.tr("Files in the website:"), locale.toString(summary.files)),
            ("bytes", self.tr("Total size:"), locale.formattedDataSize(summary.bytes)),
        ]
        self.counts: dict[str, QLabel] = {}
        for name, caption, value in rows:
            label = QLabel(value)
            label.setObjectName(name)
            self.counts[name] = label
            form.addRow(caption, label)

        layout = QVBoxLayout(self)
        layout.addWidget(headline)
        layout.addLayout(form)

        self.override_text: QPlainTextEdit | None = None
        if overrides:
            layout.addWidget(
                QLabel(self.tr("Exported although these articles have serious problems:"))
            )
            self.override_text = QPlainTextEdit(override_lines(overrides))
            self.override_text.setObjectName("overrides")
            self.override_text.setReadOnly(True)
            self.override_text.setMaximumHeight(110)
            layout.addWidget(self.override_text)

        # The sign-off gate: approved articles left out, and those taken on an override.
        self.sign_off_text: QPlainTextEdit | None = None
        if summary.refused or summary.overrides:
            gate = QLabel(
                self.tr(
                    "Sign-off (三审三校): articles left out because their signatures do not "
                    "cover their text, and articles taken on an approver's override:"
                )
            )
            gate.setWordWrap(True)
            layout.addWidget(gate)
            self.sign_off_text = QPlainTextEdit("\n".join((*summary.refused, *summary.overrides)))
            self.sign_off_text.setObjectName("sign_off")
            self.sign_off_text.setReadOnly(True)
            self.sign_off_text.setMaximumHeight(110)
            layout.addWidget(self.sign_off_text)

        self.missing_text: QPlainTextEdit | None = None
        if summary.missing_media:
            warning = QLabel(
                self.tr(
                    "%n picture(s) used by the pages were not found; they will show as "
                    "broken images on the website:",
                    "",
                    len(summary.missing_media),
                )
            )
            warning.setWordWrap(True)
            warning.setStyleSheet(_ERROR_STYLE)
            layout.addWidget(warning)
            self.missing_text = QPlainTextEdit("\n".join(summary.missing_media))
            self.missing_text.setObjectName("missing_media")
            self.missing_text.setReadOnly(True)
            self.missing_text.setMaximumHeight(110)
            layout.addWidget(self.missing_text)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.open_button = QPushButton(self.tr("Open folder"))
        self.open_button.setObjectName("open_folder")
        self.copy_button = QPushButton(self.tr("Copy list of changed files"))
        self.copy_button.setObjectName("copy_changed")
        self.copy_button.setEnabled(bool(summary.written_paths))
        self.copy_button.setToolTip(
            self.tr("Copies the paths of the new or changed files, one per line, for uploading.")
        )
        self.buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout.addWidget(self.buttons)

        self.open_button.clicked.connect(self._open_folder)
        self.copy_button.clicked.connect(self.copy_changed_files)
        self.buttons.rejected.connect(self.reject)

    def folder(self) -> Path:
        """Return the folder to show: the bundle folder, or the folder holding the zip."""
        return self.summary.target.parent if self.summary.as_zip else self.summary.target

    @classmethod
    def open_folder(cls, folder: Path) -> bool:
        """Open a folder in the system's file manager (tests replace this)."""
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def _open_folder(self) -> None:
        type(self).open_folder(self.folder())

    def copy_changed_files(self) -> None:
        """Put the bundle paths of the new or changed files on the clipboard, one per line."""
        clipboard = QGuiApplication.clipboard()
        clipboard.setText("\n".join(self.summary.written_paths) + "\n")


def override_lines(overrides: Sequence[ArticleFindings]) -> str:
    """Return one translated line per article exported despite serious problems."""
    lines = []
    for article, problems in overrides:
        separator = QCoreApplication.translate("ExportSummaryDialog", ", ", "list separator")
        kinds = separator.join(sorted({kind_label(p.kind) for p in problems}))
        name = f"#{article.id}" if article.id is not None else ""
        count = len(problems)  # lupdate misses a call as the plural argument
        line = QCoreApplication.translate(
            "ExportSummaryDialog", "%1 “%2”: %n serious problem(s) (%3)", "", count
        )
        lines.append(line.replace("%1", name).replace("%2", article.title).replace("%3", kinds))
    return "\n".join(lines)
