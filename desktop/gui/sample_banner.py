"""The banner saying the database holds sample content, and its questions."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QMessageBox, QPushButton, QWidget

from desktop.sample_content import SampleFindings


class SampleBanner(QFrame):
    """A strip above the panes: the content is invented, start your own or dismiss this."""

    start_own_requested = Signal()
    dismiss_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sample_banner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        # A pale yellow like a sticky note: noticed, but not an error.
        self.setStyleSheet("#sample_banner { background: #fff6d5; border: 1px solid #e0c870; }")
        self.label = QLabel(
            self.tr(
                "This database holds sample content: invented articles and placeholder site "
                "settings (ICP number, phone). Do not publish them."
            )
        )
        self.label.setObjectName("sample_banner_text")
        self.label.setWordWrap(True)
        self.start_button = QPushButton(self.tr("Start with our own content…"))
        self.start_button.setObjectName("sample_banner_start")
        self.start_button.setToolTip(
            self.tr(
                "Create a new database file for your office's own articles and site settings; "
                "the sample stays in its own file"
            )
        )
        self.dismiss_button = QPushButton(self.tr("Dismiss"))
        self.dismiss_button.setObjectName("sample_banner_dismiss")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.start_button)
        layout.addWidget(self.dismiss_button)
        self.start_button.clicked.connect(self.start_own_requested)
        self.dismiss_button.clicked.connect(self.dismiss_requested)


def start_own_box(parent: QWidget | None, count: int) -> QMessageBox:
    """The question before the sample articles are deleted for the office's own content."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(QCoreApplication.translate("SampleBanner", "Start with your own content"))
    box.setText(
        QCoreApplication.translate(
            "SampleBanner",
            "Delete the sample articles (%1) and enter your office's own site settings? "
            "Articles you have edited are kept.",
        ).replace("%1", str(count))
    )
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Yes)
    return box


def sample_export_box(parent: QWidget | None, findings: SampleFindings) -> QMessageBox:
    """The warning before an export that would publish sample content."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("SampleBanner", "Sample content"))
    box.setText(
        QCoreApplication.translate(
            "SampleBanner",
            "This export would publish the demo's sample content. Export it all the same?",
        )
    )
    box.setInformativeText("\n".join(findings.lines()))
    box.addButton(
        QCoreApplication.translate("SampleBanner", "Export anyway"),
        QMessageBox.ButtonRole.AcceptRole,
    )
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setEscapeButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    return box
