"""The strip above the editor that says who else is editing the article, with "take over"."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from desktop.store.locks import EditLock


class LockBanner(QFrame):
    """Hidden unless the article is someone else's: then read-only, and 接管编辑."""

    take_over_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lock_banner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        # Pale blue: information about someone else, not a fault of the user's.
        self.setStyleSheet("#lock_banner { background: #e4efff; border: 1px solid #8fb3e8; }")
        self.label = QLabel()
        self.label.setObjectName("lock_banner_text")
        self.label.setWordWrap(True)
        self.take_over_button = QPushButton(self.tr("Take over editing"))
        self.take_over_button.setObjectName("lock_banner_take_over")
        self.take_over_button.setToolTip(
            self.tr(
                "Edit the article yourself: the other person's editor becomes read-only and "
                "their unsaved text is kept in the history"
            )
        )
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.take_over_button)
        self.take_over_button.clicked.connect(self.take_over_requested)
        self.hide()

    def show_holder(self, holder: EditLock | None, taken_over: bool = False) -> None:
        """Say who is editing (None: nobody else, the banner goes away)."""
        if holder is None:
            self.hide()
            return
        who = holder.person
        if taken_over:
            when = dt.datetime.now().strftime("%H:%M")
            text = self.tr(
                "%1 (%2) took over editing this article at %3. Your unsaved text was kept in "
                "its history; you see it read-only now."
            ).replace("%3", when)
        else:
            text = self.tr(
                "%1 (%2) is editing this article. You see it read-only; it follows their saves."
            )
        self.label.setText(text.replace("%1", who).replace("%2", holder.host))
        self.show()
