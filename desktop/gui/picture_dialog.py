"""The picture dialog: choose a picture file (or edit a placed one), its alt text and caption."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage, QImageIOHandler, QImageReader, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.gui.dialogs import Dialogs
from desktop.pictures import PictureError
from desktop.store.errors import StoreError

#: Stores a picture (bytes, file name, keep the original) and returns its ``media/…`` path;
#: raises PictureError for a file that is not a usable picture.
PictureStore = Callable[[bytes, str, bool], str]
#: Returns the bytes of a stored picture given its ``media/…`` path, or None.
PictureSource = Callable[[str], "bytes | None"]

#: Size of the preview box, in pixels.
PREVIEW_SIZE = QSize(320, 200)
#: File dialog filter of the picture formats the store accepts.
PICTURE_PATTERNS = "*.jpg *.jpeg *.png *.gif *.bmp *.webp *.tif *.tiff"


@dataclass(frozen=True)
class PictureChoice:
    """What the dialog settled: the stored picture and how the article shows it."""

    path: str  # media/<hash>.<ext>
    alt: str = ""
    caption: str = ""
    keep_original: bool = False
    cover: bool = False


class PictureDialog(QDialog):
    """Insert a picture (file → store) or edit a placed one: preview, alt text, caption."""

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        store: PictureStore | None = None,
        source: PictureSource | None = None,
        path: str = "",
        alt: str = "",
        caption: str = "",
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._stored_path = path
        self.editing = bool(path)
        self.setWindowTitle(self.tr("Edit picture") if self.editing else self.tr("Insert picture"))

        self.file_edit = QLineEdit()
        self.file_edit.setReadOnly(True)
        self.file_edit.setPlaceholderText(self.tr("No file chosen"))
        self.choose_button = QPushButton(self.tr("Choose file…"))
        self.choose_button.clicked.connect(self.choose_file)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_edit, 1)
        file_row.addWidget(self.choose_button)

        self.preview = QLabel()
        self.preview.setObjectName("picture_preview")
        self.preview.setFixedSize(PREVIEW_SIZE)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setFrameShape(QLabel.Shape.StyledPanel)
        self.preview.setWordWrap(True)

        self.alt_edit = QLineEdit(alt)
        self.alt_edit.setPlaceholderText(self.tr("What the picture shows, for screen readers"))
        self.caption_edit = QLineEdit(caption)
        self.caption_edit.setPlaceholderText(self.tr("Shown under the picture, e.g. 图为…"))
        self.keep_original = QCheckBox(self.tr("Keep the original file as well"))
        self.keep_original.setToolTip(
            self.tr("The page uses a resized copy; the original is kept in the database too.")
        )
        self.cover = QCheckBox(self.tr("Use as the cover picture (标题图)"))

        self.error_label = QLabel()
        self.error_label.setObjectName("picture_error")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.hide()

        form = QFormLayout()
        if not self.editing:
            form.addRow(self.tr("File:"), file_row)
        form.addRow(self.tr("Preview:"), self.preview)
        form.addRow(self.tr("Alt text:"), self.alt_edit)
        form.addRow(self.tr("Caption:"), self.caption_edit)
        if not self.editing:
            form.addRow("", self.keep_original)
        form.addRow("", self.cover)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

        self.preview.setText(self.tr("No picture"))
        if self.editing and source is not None:
            self._show_preview(QImage.fromData(source(path) or b""))
        self._update_ok()

    def choose_file(self) -> None:
        """Ask for a file and show it."""
        name = Dialogs.choose_picture_file(self)
        if name:
            self.set_file(name)

    def set_file(self, name: str) -> None:
        """Take this file as the picture to insert and preview it."""
        self.file_edit.setText(name)
        self.error_label.hide()
        reader = QImageReader(name)
        # Upright as the editor and the page show it: the camera's EXIF orientation applies.
        reader.setAutoTransform(True)
        size = reader.size()
        if size.isValid():
            # The scaled size is of the stored (unrotated) image; a quarter turn swaps its sides.
            turned = bool(
                reader.transformation() & QImageIOHandler.Transformation.TransformationRotate90
            )
            fit = PREVIEW_SIZE.transposed() if turned else PREVIEW_SIZE
            reader.setScaledSize(size.scaled(fit, Qt.AspectRatioMode.KeepAspectRatio))
        image = reader.read()
        if image.isNull():
            self.preview.setPixmap(QPixmap())
            self.preview.setText(self.tr("Not a picture that can be shown"))
        else:
            self._show_preview(image)
        self._update_ok()

    def choice(self) -> PictureChoice:
        """The settled picture (valid once the dialog was accepted)."""
        return PictureChoice(
            path=self._stored_path,
            alt=self.alt_edit.text().strip(),
            caption=self.caption_edit.text().strip(),
            keep_original=self.keep_original.isChecked() and not self.editing,
            cover=self.cover.isChecked(),
        )

    def accept(self) -> None:
        """Store the chosen file (once); stay open with the reason if it is not a picture."""
        if not self.editing:
            path = self._store_file()
            if not path:
                return
            self._stored_path = path
        super().accept()

    def _store_file(self) -> str:
        name = self.file_edit.text()
        if not name or self._store is None:
            self._show_error(self.tr("Choose a picture file first."))
            return ""
        file = Path(name)
        try:
            data = file.read_bytes()
        except OSError as exc:
            self._show_error(
                self.tr("%1 cannot be read (%2)")
                .replace("%1", file.name)
                .replace("%2", exc.strerror or str(exc))
            )
            return ""
        try:
            return self._store(data, file.name, self.keep_original.isChecked())
        except PictureError as exc:
            self._show_error(
                self.tr("%1 cannot be used: %2").replace("%1", file.name).replace("%2", exc.problem)
            )
            return ""
        except StoreError as exc:  # a full disk or a read-only database, worded as for a save
            self._show_error(str(exc))
            return ""

    def _show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()

    def _show_preview(self, image: QImage) -> None:
        if image.isNull():
            return
        pixmap = QPixmap.fromImage(image).scaled(
            PREVIEW_SIZE,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
        self.preview.setPixmap(pixmap)

    def _update_ok(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(self.editing or bool(self.file_edit.text()))
