"""The list of proofreading problems of the article in the editor, with fix and ignore buttons."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyle,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.gui.dialogs import Dialogs
from desktop.gui.proofread_labels import (
    field_label,
    kind_label,
    problem_colour,
    severity_label,
    shown_text,
)
from desktop.proofread import Problem, ProblemKind, Severity

_PROBLEM_ROLE = Qt.ItemDataRole.UserRole
_IGNORED_COLOUR = QColor("#8a8a8a")


def severity_icon(colour: QColor) -> QIcon:
    """Return a small filled circle in a problem's colour."""
    pixmap = QPixmap(12, 12)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(colour)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(1, 1, 10, 10)
    painter.end()
    return QIcon(pixmap)


class ProblemsPanel(QWidget):
    """Lists the problems of one article; asks the window to fix, ignore or show them."""

    #: Put this problem's suggestion in place.
    fix_requested = Signal(Problem)
    #: Put every suggestion of this kind in place.
    fix_all_requested = Signal(ProblemKind)
    #: Record this problem as ignored in the article, with the reason the user gave.
    ignore_requested = Signal(Problem, str)
    #: Show this ignored problem again.
    unignore_requested = Signal(Problem)
    #: Move the editor's cursor to this problem (double-click or Enter on a row).
    locate_requested = Signal(Problem)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._problems: list[Problem] = []
        self._ignored: dict[str, str] = {}

        self.summary = QLabel()
        self.summary.setObjectName("problems_summary")
        self.show_ignored = QCheckBox(self.tr("Show ignored"))
        self.show_ignored.setObjectName("show_ignored")
        self.tree = QTreeWidget()
        self.tree.setObjectName("problems_tree")
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setHeaderLabels(
            [self.tr("Problem"), self.tr("Where"), self.tr("Text"), self.tr("Suggestion")]
        )
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        # ResizeToContents of an empty list leaves no room for the header's margins: "问…".
        margin = header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
        widest = max(
            header.fontMetrics().horizontalAdvance(self.tree.headerItem().text(c))
            for c in range(self.tree.columnCount())
        )
        header.setMinimumSectionSize(
            widest + 2 * margin + header.fontMetrics().averageCharWidth() * 2
        )

        self.fix_button = QPushButton(self.tr("Fix"))
        self.fix_button.setObjectName("fix_button")
        self.fix_all_button = QPushButton(self.tr("Fix all of this kind"))
        self.fix_all_button.setObjectName("fix_all_button")
        self.ignore_button = QPushButton(self.tr("Ignore…"))
        self.ignore_button.setObjectName("ignore_button")
        self.unignore_button = QPushButton(self.tr("Stop ignoring"))
        self.unignore_button.setObjectName("unignore_button")

        # The summary, the buttons and "show ignored" share one line under the list: the panel
        # sits under the editor, and on a 768-pixel screen every line of it is a line of text
        # the editor does not show.
        buttons = QHBoxLayout()
        buttons.addWidget(self.summary, 1)
        for button in (
            self.fix_button,
            self.fix_all_button,
            self.ignore_button,
            self.unignore_button,
        ):
            buttons.addWidget(button)
        buttons.addWidget(self.show_ignored)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)

        self.tree.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.tree.itemActivated.connect(self._on_activated)
        self.show_ignored.toggled.connect(lambda _on: self._fill())
        self.fix_button.clicked.connect(self._fix)
        self.fix_all_button.clicked.connect(self._fix_all)
        self.ignore_button.clicked.connect(self._ignore)
        self.unignore_button.clicked.connect(self._unignore)
        self._fill()

    # Showing -------------------------------------------------------------------------------

    def set_problems(
        self, problems: Sequence[Problem], ignored: Mapping[str, str] | Collection[str] = ()
    ) -> None:
        """Show an article's problems in reading order; ``ignored`` maps keys to reasons."""
        self._problems = list(problems)
        if isinstance(ignored, Mapping):
            self._ignored = dict(ignored)
        else:
            self._ignored = dict.fromkeys(ignored, "")
        self._fill()

    def problems(self) -> list[Problem]:
        """Return the problems listed, ignored ones included."""
        return list(self._problems)

    def shown_problems(self) -> list[Problem]:
        """Return the problems in the rows of the list, top to bottom."""
        return [self._problem(item) for item in self._items()]

    def current_problem(self) -> Problem | None:
        """Return the problem of the selected row."""
        item = self.tree.currentItem()
        return self._problem(item) if item is not None else None

    def select_problem(self, problem: Problem) -> bool:
        """Select the row of a problem (matched by key), e.g. when the editor's cursor is on it."""
        for item in self._items():
            if self._problem(item).key == problem.key:
                self.tree.setCurrentItem(item)
                return True
        return False

    def _items(self) -> list[QTreeWidgetItem]:
        items = (self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount()))
        return [item for item in items if item is not None]

    def _is_ignored(self, problem: Problem) -> bool:
        return problem.key in self._ignored

    def _fill(self) -> None:
        current = self.current_problem()
        self.tree.clear()
        showing_ignored = self.show_ignored.isChecked()
        for problem in self._problems:
            ignored = self._is_ignored(problem)
            if ignored and not showing_ignored:
                continue
            self.tree.addTopLevelItem(self._item(problem, ignored))
        if current is not None:
            self.select_problem(current)
        items = self._items()
        if self.tree.currentItem() is None and items:
            self.tree.setCurrentItem(items[0])
        self._update_summary()
        self._update_buttons()

    def _item(self, problem: Problem, ignored: bool) -> QTreeWidgetItem:
        suggestion = problem.suggestion
        if suggestion is None:
            fix = "—"
        elif suggestion:
            fix = shown_text(suggestion)
        else:
            fix = self.tr("(delete)")
        item = QTreeWidgetItem(
            [kind_label(problem.kind), field_label(problem.field), shown_text(problem.text), fix]
        )
        item.setData(0, _PROBLEM_ROLE, problem)
        colour = problem_colour(problem)
        item.setIcon(0, severity_icon(colour))
        tip = f"{severity_label(problem.severity)} · {kind_label(problem.kind)}"
        if ignored:
            reason = self._ignored.get(problem.key, "")
            tip = self.tr("Ignored: %1").replace("%1", reason or self.tr("no reason given"))
            for column in range(item.columnCount()):
                item.setForeground(column, QBrush(_IGNORED_COLOUR))
        for column in range(item.columnCount()):
            item.setToolTip(column, tip)
        return item

    @staticmethod
    def _problem(item: QTreeWidgetItem) -> Problem:
        problem = item.data(0, _PROBLEM_ROLE)
        assert isinstance(problem, Problem)
        return problem

    def _update_summary(self) -> None:
        active = [p for p in self._problems if not self._is_ignored(p)]
        serious = sum(1 for p in active if p.severity is Severity.SERIOUS)
        minor = len(active) - serious
        if not active:
            text = self.tr("No problems")
        else:
            text = (
                self.tr("%1 serious, %2 minor")
                .replace("%1", str(serious))
                .replace("%2", str(minor))
            )
        hidden = len(self._problems) - len(active)
        if hidden:
            text += self.tr(" (%1 ignored)").replace("%1", str(hidden))
        self.summary.setText(text)

    def _update_buttons(self) -> None:
        problem = self.current_problem()
        live = problem is not None and not self._is_ignored(problem)
        fixable = live and problem is not None and problem.suggestion is not None
        self.fix_button.setEnabled(fixable)
        self.fix_all_button.setEnabled(
            live
            and problem is not None
            and sum(
                1
                for p in self._problems
                if p.kind is problem.kind and p.suggestion is not None and not self._is_ignored(p)
            )
            > 0
        )
        self.ignore_button.setEnabled(live)
        self.unignore_button.setEnabled(problem is not None and not live)
        self.unignore_button.setVisible(self.show_ignored.isChecked())

    # Asking --------------------------------------------------------------------------------

    def _on_activated(self, item: QTreeWidgetItem, _column: int) -> None:
        self.locate_requested.emit(self._problem(item))

    def _fix(self) -> None:
        problem = self.current_problem()
        if problem is not None and problem.suggestion is not None:
            self.fix_requested.emit(problem)

    def _fix_all(self) -> None:
        problem = self.current_problem()
        if problem is not None:
            self.fix_all_requested.emit(problem.kind)

    def _ignore(self) -> None:
        problem = self.current_problem()
        if problem is None or self._is_ignored(problem):
            return
        reason = Dialogs.ask_ignore_reason(self, problem)
        if reason is not None:
            self.ignore_requested.emit(problem, reason)

    def _unignore(self) -> None:
        problem = self.current_problem()
        if problem is not None and self._is_ignored(problem):
            self.unignore_requested.emit(problem)
