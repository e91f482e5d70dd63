"""The article list pane of the main window: a filter bar over a lazily fetched table.

The pane only asks: it emits ``article_selected`` and the ``*_requested`` signals and leaves
opening, creating, duplicating and deleting articles to the main window, which calls
``ArticleTableModel.update_article`` / ``remove_article`` / ``refresh`` once the store changed.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QMimeData,
    QModelIndex,
    QObject,
    QPoint,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QStyle,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.article import Status
from desktop.gui.article_list_model import ArticleTableModel, ListColumn
from desktop.importing.batch import IMPORT_SUFFIXES
from desktop.store import ArticleSummary, ListQuery, Store

__all__ = ["ArticleListPane", "ArticleTableModel", "ListColumn"]

#: Pause in typing after which the search runs: one query per word, not per keystroke.
SEARCH_DELAY_MS = 200
#: After a sort or filter change, fetch at most this many rows to keep the current article.
KEEP_CURRENT_ROWS = 2000


IMPORTABLE_SUFFIXES = IMPORT_SUFFIXES  # every file a folder import would take


def _article_files(mime: QMimeData | None) -> list[str]:
    if mime is None or not mime.hasUrls():
        return []
    paths = [url.toLocalFile() for url in mime.urls() if url.isLocalFile()]
    return [p for p in paths if p.lower().endswith(IMPORTABLE_SUFFIXES) or os.path.isdir(p)]


class ArticleListPane(QWidget):
    """Search box, status and column filters, the article table and a count beneath it."""

    #: The user moved to another article (click or keyboard); carries its id.
    article_selected = Signal(int)
    #: The user asked for a new article.
    new_requested = Signal()
    #: The user asked to duplicate the article with this id.
    duplicate_requested = Signal(int)
    #: The user asked to delete the article with this id.
    delete_requested = Signal(int)
    #: Files (Word or Markdown) were dropped on the list to be imported.
    import_requested = Signal(list)
    #: "Waiting for me" was switched on or off (the window answers with ``set_waiting``).
    waiting_toggled = Signal(bool)

    def __init__(self, source: ArticleTableModel | Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        model = (
            source
            if isinstance(source, ArticleTableModel)
            else ArticleTableModel(source, parent=self)
        )
        self._model = model
        self._restoring = False
        self._kept: ArticleSummary | None = None
        self._kept_query: ListQuery | None = None
        self._kept_scroll = 0

        self.search_edit = QLineEdit(self)
        self.search_edit.setPlaceholderText(self.tr("Search title, body, byline…"))
        self.search_edit.setClearButtonEnabled(True)
        self.status_combo = QComboBox(self)
        self.status_combo.addItem(self.tr("All statuses"), None)
        for status in Status:
            self.status_combo.addItem(model.status_label(status), status)
        self.column_combo = QComboBox(self)
        self.column_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.column_combo.addItem(self.tr("All columns"), None)
        self.reload_columns()
        # The articles waiting for the person at the keyboard: the count always shows on it.
        self.waiting_button = QToolButton(self)
        self.waiting_button.setObjectName("waiting_for_me")
        self.waiting_button.setCheckable(True)
        self._waiting_ids: tuple[int, ...] | None = None
        self.set_waiting_count(0)

        self.table = QTableView(self)
        self.table.setModel(model)
        self._set_up_table()
        # Word and Markdown files dropped on the list are imported (the window does it).
        self.table.setAcceptDrops(True)
        self.table.viewport().setAcceptDrops(True)
        self.table.viewport().installEventFilter(self)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("articleCount")

        self.new_action = QAction(self.tr("New Article"), self)
        self.duplicate_action = QAction(self.tr("Duplicate"), self)
        self.delete_action = QAction(self.tr("Delete"), self)
        self.delete_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        # Del belongs to the table only: in the search box it must still delete characters.
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.table.addAction(self.delete_action)

        filters = QHBoxLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        filters.addWidget(self.search_edit, 1)
        filters.addWidget(self.status_combo)
        filters.addWidget(self.column_combo)
        filters.addWidget(self.waiting_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)

        self.search_edit.textChanged.connect(self._search_timer.start)
        self.search_edit.returnPressed.connect(self._apply_filter)
        self._search_timer.timeout.connect(self._apply_filter)
        self.status_combo.currentIndexChanged.connect(self._apply_filter)
        self.column_combo.currentIndexChanged.connect(self._apply_filter)
        self.waiting_button.toggled.connect(self.waiting_toggled)
        self.table.selectionModel().currentRowChanged.connect(self._current_row_changed)
        self.table.customContextMenuRequested.connect(self._show_context_menu)
        self.table.horizontalHeader().sortIndicatorChanged.connect(self._sort_indicator_changed)
        self.new_action.triggered.connect(self.new_requested)
        self.duplicate_action.triggered.connect(self._request_duplicate)
        self.delete_action.triggered.connect(self._request_delete)
        model.modelAboutToBeReset.connect(self._keep_place)
        model.modelReset.connect(self._restore_place)
        model.total_changed.connect(self._show_total)
        self._update_actions()
        self._schedule_count()

    # Public interface ------------------------------------------------------------------------

    @property
    def model(self) -> ArticleTableModel:
        """The table's model: the window tells it about saved, new and deleted articles."""
        return self._model

    def current_article_id(self) -> int | None:
        """Return the id of the article in the current row, if any."""
        index = self.table.currentIndex()
        return self._model.article_id(index.row()) if index.isValid() else None

    def select_article(self, article_id: int) -> bool:
        """Make ``article_id`` the current row if it is fetched; False if it is not shown."""
        row = self._model.row_of(article_id)
        if row < 0:
            return False
        self.select_row(row)
        return True

    def select_row(self, row: int) -> None:
        """Make ``row`` current; ``article_selected`` follows if that changes the article."""
        index = self._model.index(row, 0)
        if not index.isValid():
            return
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)

    def reload_columns(self) -> None:
        """Re-read the website's columns from the store into the column filter."""
        self.set_columns([column.name for column in self._model.columns()])

    def set_columns(self, names: Sequence[str]) -> None:
        """Offer these column names in the column filter, keeping the one chosen if it stays."""
        chosen = self.column_combo.currentData()
        self.column_combo.blockSignals(True)
        try:
            self.column_combo.clear()
            self.column_combo.addItem(self.tr("All columns"), None)
            for name in names:
                self.column_combo.addItem(name, name)
            found = self.column_combo.findData(chosen) if chosen is not None else 0
            self.column_combo.setCurrentIndex(max(found, 0))
        finally:
            self.column_combo.blockSignals(False)
        if chosen is not None and self.column_combo.currentData() is None:
            self._apply_filter()  # the chosen column is gone: show every column again

    def focus_search(self) -> None:
        """Put the cursor in the search box with its text selected (for Ctrl+F)."""
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    # Set-up ----------------------------------------------------------------------------------

    def _set_up_table(self) -> None:
        table = self.table
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.setShowGrid(False)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        rows = table.verticalHeader()
        rows.hide()
        # Fixed heights: the view never measures rows, whatever their number.
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(table.fontMetrics().height() + 8)
        header = table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionsMovable(False)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(ListColumn.TITLE, QHeaderView.ResizeMode.Stretch)
        # Widths from sample text, never ResizeToContents, which reads every row; each at least
        # as wide as its header's text (in either language) with the sort arrow beside it.
        metrics = table.fontMetrics()
        pad = 16
        samples = {
            ListColumn.COLUMN: ["工会动态"],
            ListColumn.STATUS: [self._model.status_label(s) for s in Status],
            ListColumn.PUBLISHED: ["2026-05-06 09:30"],
            ListColumn.UPDATED: ["2026-05-06 09:30"],
        }
        for column, texts in samples.items():
            cell = max(metrics.horizontalAdvance(t) for t in texts) + pad
            header.resizeSection(column, max(cell, self.header_width(column)))
        header.setMinimumSectionSize(metrics.horizontalAdvance("0000") + pad)
        # The indicator must match the model before sorting is switched on, or the view
        # re-sorts by its default (first column, descending).
        header.setSortIndicator(self._model.sort_column(), self._model.sort_order())
        table.setSortingEnabled(True)

    def header_width(self, column: int) -> int:
        """The width a column's header needs to show its text whole, sort arrow included."""
        header = self.table.horizontalHeader()
        text = str(self._model.headerData(column, Qt.Orientation.Horizontal) or "")
        style = header.style()
        margin = style.pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
        arrow = style.pixelMetric(QStyle.PixelMetric.PM_HeaderMarkSize, None, header)
        return header.fontMetrics().horizontalAdvance(text) + 4 * margin + arrow

    def full_width(self) -> int:
        """The pane width at which every column shows, the title with room for a few words."""
        header = self.table.horizontalHeader()
        others = sum(header.sectionSize(c) for c in range(header.count()) if c != ListColumn.TITLE)
        title = max(self.table.fontMetrics().horizontalAdvance("市总工会召开全委会"), 120)
        scrollbar = self.table.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        layout = self.layout()
        margins = layout.contentsMargins().left() * 2 if layout is not None else 0
        frame = 2 * self.table.frameWidth() + margins
        return others + title + scrollbar + frame + 4

    # Reactions -------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Accept dropped article files and ask the window to import them."""
        if watched is self.table.viewport() and isinstance(event, (QDragEnterEvent, QDropEvent)):
            paths = _article_files(event.mimeData())
            if not paths:
                return False
            event.acceptProposedAction()
            if event.type() == QEvent.Type.Drop:
                self.import_requested.emit(paths)
            return True
        if watched is self.table.viewport() and event.type() == QEvent.Type.DragMove:
            event.accept()
            return True
        return super().eventFilter(watched, event)

    def _apply_filter(self) -> None:
        self._search_timer.stop()
        # Qt hands the status back as the plain string it stored for the str-based enum.
        status = self.status_combo.currentData()
        self._model.set_filter(
            text=self.search_edit.text(),
            status=Status(status) if status else None,
            column=self.column_combo.currentData(),
            ids=self._waiting_ids if self.waiting_button.isChecked() else None,
        )

    def set_waiting_count(self, count: int) -> None:
        """Show how many articles wait for the person at the keyboard."""
        self.waiting_button.setText(self.tr("Waiting for me: %Ln", "", count))

    def set_waiting(self, ids: list[int] | None) -> None:
        """Show only these articles while "waiting for me" is on (None: switch it off)."""
        self._waiting_ids = tuple(ids) if ids is not None else None
        if ids is None and self.waiting_button.isChecked():
            self.waiting_button.blockSignals(True)
            self.waiting_button.setChecked(False)
            self.waiting_button.blockSignals(False)
        self._apply_filter()

    def _current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._update_actions()
        if current.isValid() and not self._restoring:
            self.article_selected.emit(self._model.article_id(current.row()))

    def _sort_indicator_changed(self, section: int, _order: Qt.SortOrder) -> None:
        if not self._model.is_sortable(section):
            # The model kept its order: put the arrow back where the order really comes from.
            self.table.horizontalHeader().setSortIndicator(
                self._model.sort_column(), self._model.sort_order()
            )

    def _keep_place(self) -> None:
        index = self.table.currentIndex()
        self._kept = self._model.summary(index.row()) if index.isValid() else None
        self._kept_query = self._model.query
        self._kept_scroll = self.table.verticalScrollBar().value()

    def _restore_place(self) -> None:
        """After a reload, keep the current article and, for a refresh, the scroll position."""
        row = -1
        if self._kept is not None:
            row = self._model.fetch_through(self._kept, KEEP_CURRENT_ROWS)
        if row >= 0:
            self._set_current_row(row)
        self._update_actions()
        if self._kept_query == self._model.query:
            self.table.doItemsLayout()  # so that the scroll bar knows its new range
            self.table.verticalScrollBar().setValue(self._kept_scroll)
        elif row >= 0:
            self.table.scrollTo(self._model.index(row, 0))
        else:
            self.table.scrollToTop()
        self._schedule_count()

    def _set_current_row(self, row: int) -> None:
        self._restoring = True
        try:
            self.table.selectionModel().setCurrentIndex(
                self._model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
        finally:
            self._restoring = False

    def _schedule_count(self) -> None:
        if self._model.total_known():
            self._show_total(self._model.total())
        else:
            # Counting a common search word takes 100+ ms: the model counts off the GUI thread.
            self.count_label.setText(self.tr("Articles: …"))
            self._model.request_total()

    def _show_total(self, total: int) -> None:
        self.count_label.setText(self.tr("Articles: %Ln", "", total))

    def _update_actions(self) -> None:
        has_current = self.table.currentIndex().isValid()
        self.duplicate_action.setEnabled(has_current)
        self.delete_action.setEnabled(has_current)

    def _show_context_menu(self, position: QPoint) -> None:
        index = self.table.indexAt(position)
        if index.isValid() and index.row() != self.table.currentIndex().row():
            self.table.setCurrentIndex(index)
        menu = QMenu(self.table)
        menu.addAction(self.new_action)
        menu.addSeparator()
        menu.addAction(self.duplicate_action)
        menu.addAction(self.delete_action)
        menu.exec(self.table.viewport().mapToGlobal(position))
        menu.deleteLater()

    def _request_duplicate(self) -> None:
        article_id = self.current_article_id()
        if article_id is not None:
            self.duplicate_requested.emit(article_id)

    def _request_delete(self) -> None:
        article_id = self.current_article_id()
        if article_id is not None:
            self.delete_requested.emit(article_id)
