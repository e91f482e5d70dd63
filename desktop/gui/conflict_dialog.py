"""Two versions of one article saved at once: show both and let the user pick which stays."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.article import Article
from desktop.gui.dialogs import ConflictChoice
from desktop.gui.history_dialog import TIME_FORMAT, DiffView
from desktop.gui.screen_fit import fit_to_screen

__all__ = ["ConflictChoice", "ConflictDialog"]


class ConflictDialog(QDialog):
    """Shows the version saved elsewhere beside the one in this window; the user picks one."""

    def __init__(self, mine: Article, theirs: Article, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.mine = mine
        self.theirs = theirs
        self.choice: ConflictChoice | None = None
        self.setWindowTitle(self.tr("Changed elsewhere"))
        fit_to_screen(self, 1100, 700)

        headline = QLabel(
            self.tr("This article was changed in another window or on another computer.")
        )
        headline.setObjectName("conflict_headline")
        font = headline.font()
        font.setBold(True)
        headline.setFont(font)
        explanation = QLabel(
            self.tr(
                "Choose which version to keep. The other one is kept in the article's "
                "history either way, so nothing is lost. To decide later, keep editing: "
                "nothing is saved until you choose."
            )
        )
        explanation.setObjectName("conflict_explanation")
        explanation.setWordWrap(True)

        self.diff = DiffView()
        when = theirs.updated_at.strftime(TIME_FORMAT) if theirs.updated_at else ""
        theirs_caption = (
            self.tr("Saved elsewhere at %1").replace("%1", when)
            if when
            else self.tr("Saved elsewhere")
        )
        self.diff.compare(theirs, mine, theirs_caption, self.tr("Yours, in this window"))

        self.keep_mine = QPushButton(self.tr("Keep my version"))
        self.keep_mine.setObjectName("conflict_mine")
        self.take_theirs = QPushButton(self.tr("Take their version"))
        self.take_theirs.setObjectName("conflict_theirs")
        self.later = QPushButton(self.tr("Decide later"))
        self.later.setObjectName("conflict_later")
        buttons = QDialogButtonBox()
        buttons.addButton(self.keep_mine, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.take_theirs, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.later, QDialogButtonBox.ButtonRole.RejectRole)
        # Nothing preselected: Enter must not silently throw one of the texts out of the editor.
        for button in (self.keep_mine, self.take_theirs, self.later):
            button.setAutoDefault(False)
        self.keep_mine.clicked.connect(lambda: self._choose(ConflictChoice.MINE))
        self.take_theirs.clicked.connect(lambda: self._choose(ConflictChoice.THEIRS))
        self.later.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(headline)
        layout.addWidget(explanation)
        layout.addWidget(self.diff, 1)
        layout.addWidget(buttons)

    def _choose(self, choice: ConflictChoice) -> None:
        self.choice = choice
        self.accept()
