"""Before an export: list the articles that still have serious problems and ask to go on."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.gui.problems_panel import severity_icon
from desktop.gui.proofread_labels import field_label, kind_label, problem_colour, shown_text
from desktop.gui.screen_fit import fit_to_screen
from desktop.proofread.gate import ArticleFindings

_PROBLEM_ROLE = Qt.ItemDataRole.UserRole


class ExportGateDialog(QDialog):
    """Shows each article with unresolved serious problems; "Export anyway" or "Go back"."""

    def __init__(self, findings: Sequence[ArticleFindings], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Serious problems before export"))
        fit_to_screen(self, 640, 420)
        count = len(findings)
        self.message = QLabel(
            self.tr(
                "%n article(s) still have serious problems. Export them anyway, "
                "or go back and fix them?",
                "",
                count,
            )
        )
        self.message.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setObjectName("gate_tree")
        self.tree.setHeaderLabels(
            [self.tr("Article or problem"), self.tr("Where"), self.tr("Text")]
        )
        for article, problems in findings:
            top = QTreeWidgetItem(
                [
                    article.title or self.tr("(untitled)"),
                    self.tr("%n problem(s)", "", len(problems)),
                    "",
                ]
            )
            top.setData(0, _PROBLEM_ROLE, article.id)
            for problem in problems:
                child = QTreeWidgetItem(
                    [kind_label(problem.kind), field_label(problem.field), shown_text(problem.text)]
                )
                child.setIcon(0, severity_icon(problem_colour(problem)))
                child.setToolTip(2, problem.text)
                top.addChild(child)
            self.tree.addTopLevelItem(top)
        # Short lists open fully; a long one stays collapsed so every article shows.
        if sum(len(f.problems) for f in findings) <= 20:
            self.tree.expandAll()
        self.tree.resizeColumnToContents(0)

        self.buttons = QDialogButtonBox()
        self.export_button = QPushButton(self.tr("Export anyway"))
        self.export_button.setObjectName("export_anyway")
        self.back_button = QPushButton(self.tr("Go back"))
        self.back_button.setObjectName("go_back")
        self.buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.back_button, QDialogButtonBox.ButtonRole.RejectRole)
        # Going back is the safe answer, so Enter does that.
        self.back_button.setDefault(True)
        self.back_button.setFocus()
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.buttons)
