"""The article list's table model: store listings fetched page by page as the view scrolls.

Filtering and sorting are done by the store (indexed SQL, key-paged), never by a proxy model,
so a filter or sort change costs one page query whatever the size of the newsroom. The model
keeps the rows it has fetched as a prefix of the store's ordering; single rows are patched in
place after a save or a delete so the view keeps its selection and scroll position.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from dataclasses import replace
from enum import IntEnum
from typing import Any

from peewee import PeeweeException
from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QIcon

from desktop.article import Column, Status
from desktop.gui.labels import status_label
from desktop.gui.work import WorkQueue
from desktop.resources import resource_path
from desktop.store import ArticleSummary, Cursor, ListQuery, Sort, Store, StoreError

__all__ = ["ArticleTableModel", "ListColumn"]

log = logging.getLogger(__name__)

_Index = QModelIndex | QPersistentModelIndex

#: Errors a listing can raise when the database is busy, locked or damaged.
_STORE_ERRORS = (StoreError, PeeweeException, sqlite3.Error)


class ListColumn(IntEnum):
    """The columns of the article table, in display order."""

    TITLE = 0
    COLUMN = 1
    STATUS = 2
    PUBLISHED = 3
    UPDATED = 4


#: Table columns the store can order by; 栏目 and 状态 have no index to sort on.
SORT_OF_COLUMN: dict[ListColumn, Sort] = {
    ListColumn.TITLE: Sort.TITLE,
    ListColumn.PUBLISHED: Sort.DATE,
    ListColumn.UPDATED: Sort.UPDATED,
}
_COLUMN_OF_SORT = {sort: column for column, sort in SORT_OF_COLUMN.items()}

_SORT_VALUE: dict[Sort, Callable[[ArticleSummary], Any]] = {
    Sort.DATE: lambda s: s.published_at,
    Sort.TITLE: lambda s: s.title,
    Sort.UPDATED: lambda s: s.updated_at,
}

_TIME_FORMAT = "%Y-%m-%d %H:%M"


def _count(store: Store, query: ListQuery) -> int:
    """Count a listing's matches on the worker thread (-1: the count failed)."""
    try:
        return store.count_articles(query)
    except _STORE_ERRORS as exc:
        log.warning("cannot count articles: %s", exc)
        return -1
    finally:
        # Peewee connections are per thread, so this closes only the worker's own one.
        store.close()


class ArticleTableModel(QAbstractTableModel):
    """Articles of the store as a table, fetched lazily and filtered and sorted by the store."""

    #: The number of articles matching the filter changed (after a save, delete or reload).
    total_changed = Signal(int)
    #: The store could not be read; the message is meant for the user.
    load_failed = Signal(str)

    def __init__(self, store: Store, page_size: int = 200, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._page_size = max(1, page_size)
        self._query = ListQuery(sort=Sort.DATE, descending=True)
        self._rows: list[ArticleSummary] = []
        self._more = False
        self._total: int | None = None
        # Built lazily and dropped when rows move, so a fetch never pays for it.
        self._row_of_id: dict[int, int] | None = None
        self._headers = {
            ListColumn.TITLE: self.tr("Title"),
            ListColumn.COLUMN: self.tr("Column", "the website section (栏目) of an article"),
            ListColumn.STATUS: self.tr("Status"),
            ListColumn.PUBLISHED: self.tr("Published"),
            ListColumn.UPDATED: self.tr("Updated"),
        }
        self._status_labels = {status: status_label(status) for status in Status}
        # The review stage of fetched rows, read a page at a time from the review log.
        self._stage_source: Callable[[list[int]], dict[int, str]] | None = None
        self._stages: dict[int, str] = {}
        # On a shared server: who else is editing which article ("name (PC)").
        self._editing: dict[int, str] = {}
        self._editing_icon: QIcon | None = None
        self._not_sortable_tip = self.tr("The list cannot be sorted by this column")
        # One count at a time (a common search word takes 100+ ms), off the GUI thread; the
        # queue is a child so deleting the model waits for it.
        self._counts = WorkQueue(self, name="article-count")
        self._generation = 0
        self._counting = False
        self._reload(self._page_size)

    # Qt model interface ----------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        """Return the number of rows fetched so far (not the total)."""
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        """Return the number of table columns."""
        return 0 if parent.isValid() else len(ListColumn)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Return what the view shows for a cell: text, tooltip or the article id."""
        if not index.isValid():
            return None
        # Qt asks for many roles per cell and paint; answer the common ones first, cheaply.
        if role == Qt.ItemDataRole.DisplayRole:
            summary = self._rows[index.row()]
            column = index.column()
            if column == ListColumn.TITLE:
                return summary.title
            if column == ListColumn.COLUMN:
                return summary.column
            if column == ListColumn.STATUS:
                stage = self._stages.get(summary.id)
                label = self._status_labels[summary.status]
                return f"{label} · {stage}" if stage else label
            if column == ListColumn.PUBLISHED:
                return summary.published_at.strftime(_TIME_FORMAT)
            if column == ListColumn.UPDATED:
                return summary.updated_at.strftime(_TIME_FORMAT)
            return None
        if role == Qt.ItemDataRole.UserRole:
            return self._rows[index.row()].id
        if role == Qt.ItemDataRole.DecorationRole:
            editing = index.column() == ListColumn.TITLE and bool(self._editing)
            if editing and self._rows[index.row()].id in self._editing:
                return self._editing_icon
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            summary = self._rows[index.row()]
            lines = [summary.title]
            editor = self._editing.get(summary.id)
            if editor:
                lines.append(self.tr("Being edited by %1").replace("%1", editor))
            if summary.subtitle:
                lines.append(summary.subtitle)
            if summary.author:
                lines.append(f"({summary.author})")
            return "\n".join(lines)
        return None

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        """Return the column titles, and which order a first click on a header sorts in."""
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(ListColumn):
            return None
        column = ListColumn(section)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._headers[column]
        if role == Qt.ItemDataRole.InitialSortOrderRole and column in SORT_OF_COLUMN:
            # Titles read A to Z, but a first click on a date wants the newest first.
            ascending = column == ListColumn.TITLE
            order = Qt.SortOrder.AscendingOrder if ascending else Qt.SortOrder.DescendingOrder
            return order.value
        if role == Qt.ItemDataRole.ToolTipRole and column not in SORT_OF_COLUMN:
            return self._not_sortable_tip
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        """Rows can be selected, never edited in place."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def canFetchMore(self, parent: _Index) -> bool:
        """Whether the store has more rows after the last one fetched."""
        return not parent.isValid() and self._more

    def fetchMore(self, parent: _Index) -> None:
        """Fetch the next page from the store, keyed on the last row fetched."""
        if parent.isValid() or not self._more:
            return
        try:
            page = self._store.list_articles(
                replace(self._query, limit=self._page_size, after=self._cursor_after_last())
            )
        except _STORE_ERRORS as exc:
            self._fail(exc)
            return
        self._more = page.next_cursor is not None
        if not page.items:
            return
        first = len(self._rows)
        self._read_stages([s.id for s in page.items])
        self.beginInsertRows(QModelIndex(), first, first + len(page.items) - 1)
        self._rows.extend(page.items)
        if self._row_of_id is not None:
            self._row_of_id.update((s.id, first + i) for i, s in enumerate(page.items))
        self.endInsertRows()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Re-query the store in the order of ``column``; 栏目 and 状态 keep the current order."""
        try:
            sort = SORT_OF_COLUMN[ListColumn(column)]
        except (ValueError, KeyError):
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if sort is self._query.sort and descending == self._query.is_descending:
            return
        self._query = replace(self._query, sort=sort, descending=descending)
        self._reload(self._page_size)

    # Newsroom interface ----------------------------------------------------------------------

    @property
    def query(self) -> ListQuery:
        """The filter and order of the listing (without paging)."""
        return self._query

    def is_sortable(self, column: int) -> bool:
        """Whether clicking this column's header re-sorts the list."""
        return column in {c.value for c in SORT_OF_COLUMN}

    def sort_column(self) -> int:
        """Return the table column the list is ordered by."""
        return int(_COLUMN_OF_SORT[self._query.sort])

    def sort_order(self) -> Qt.SortOrder:
        """Return the direction the list is ordered in."""
        if self._query.is_descending:
            return Qt.SortOrder.DescendingOrder
        return Qt.SortOrder.AscendingOrder

    def set_filter(
        self,
        text: str = "",
        status: Status | None = None,
        column: str | None = None,
        ids: tuple[int, ...] | None = None,
    ) -> None:
        """Show only articles containing ``text``, in ``status`` and ``column``, among ``ids``
        (the articles waiting for the current person) (None: any)."""
        text = text.strip()
        column = column or None
        query = self._query
        if (text, status, column, ids) == (query.text, query.status, query.column, query.ids):
            return
        self._query = replace(query, text=text, status=status, column=column, ids=ids)
        self._reload(self._page_size)

    def set_stage_source(self, source: Callable[[list[int]], dict[int, str]] | None) -> None:
        """Say how to read the review stage of articles (shown after their status)."""
        self._stage_source = source
        self._stages = {}
        self._read_stages([s.id for s in self._rows])
        if self._rows:
            column = ListColumn.STATUS
            self.dataChanged.emit(self.index(0, column), self.index(len(self._rows) - 1, column))

    def set_editing(self, editing: dict[int, str]) -> None:
        """Show who else is editing which article (an icon on its title, and its tooltip)."""
        if editing == self._editing:
            return
        if self._editing_icon is None:
            self._editing_icon = QIcon(str(resource_path("icons", "editing.svg")))
        changed = set(editing) ^ set(self._editing) | {
            i for i in editing if editing[i] != self._editing.get(i)
        }
        self._editing = dict(editing)
        for article_id in changed:
            row = self.row_of(article_id)
            if row >= 0:
                self.dataChanged.emit(self.index(row, 0), self.index(row, 0))

    def editing(self) -> dict[int, str]:
        """Who else is editing which article, as the list shows it."""
        return dict(self._editing)

    def _read_stages(self, ids: list[int]) -> None:
        if self._stage_source is None or not ids:
            return
        try:
            self._stages.update(self._stage_source(ids))
        except _STORE_ERRORS as exc:
            log.warning("cannot read review stages: %s", exc)

    def refresh(self) -> None:
        """Re-read the listing from the store, keeping the filter, order and rows fetched."""
        self._reload(max(self._page_size, len(self._rows)))

    def article_id(self, row: int) -> int:
        """Return the id of the article shown in ``row``."""
        return self._rows[row].id

    def summary(self, row: int) -> ArticleSummary:
        """Return everything the list knows of the article in ``row``."""
        return self._rows[row]

    def row_of(self, article_id: int) -> int:
        """Return the row showing ``article_id``, or -1 if it is not fetched or filtered out."""
        if self._row_of_id is None:
            self._row_of_id = {s.id: row for row, s in enumerate(self._rows)}
        return self._row_of_id.get(article_id, -1)

    def fetch_through(self, summary: ArticleSummary, max_rows: int) -> int:
        """Fetch pages until ``summary``'s article is shown; return its row, or -1.

        Gives up (-1) when the article no longer matches the filter or lies beyond
        ``max_rows``, so keeping a selection never costs more than a few page queries.
        """
        row = self.row_of(summary.id)
        if row >= 0 or not self._more or not self._matches(summary):
            return row
        key = self._sort_key(summary)
        descending = self._query.is_descending
        while self._more and len(self._rows) < max_rows:
            self.fetchMore(QModelIndex())
            last = self._sort_key(self._rows[-1]) if self._rows else key
            # Past its place in the order: it is not in the listing after all.
            if (last <= key) if descending else (last >= key):
                break
        return self.row_of(summary.id)

    def total(self) -> int:
        """Return how many articles match the filter, fetched or not (counted once, then kept)."""
        if self._total is None:
            if not self._more:
                self._total = len(self._rows)
            else:
                try:
                    self._total = self._store.count_articles(self._query)
                except _STORE_ERRORS as exc:
                    self._fail(exc)
                    return len(self._rows)
        return self._total

    def request_total(self) -> None:
        """Have ``total_changed`` report the count soon, counting on a worker thread if needed."""
        if self.total_known():
            self.total_changed.emit(self.total())
            return
        if str(self._store.path) == ":memory:":
            # Another thread's connection would open a different, empty database.
            self.total_changed.emit(self.total())
            return
        self._counts.cancel_all()  # a count still queued for an older filter is not needed
        self._counting = True
        store, query, generation = self._store, self._query, self._generation
        job = self._counts.start(lambda _context: _count(store, query))
        job.succeeded.connect(lambda count: self._counted(generation, count))

    def total_known(self) -> bool:
        """Whether total() answers without asking the store."""
        return self._total is not None or not self._more

    def columns(self) -> list[Column]:
        """Return the website's columns, for a filter menu."""
        return self._store.columns()

    def status_label(self, status: Status) -> str:
        """Return a status as the list shows it, in the user's language."""
        return self._status_labels[status]

    def update_article(self, summary: ArticleSummary) -> None:
        """Show a saved (or new) article: patch its row, move it, insert it or drop it."""
        self._stages.pop(summary.id, None)
        self._read_stages([summary.id])
        old = self.row_of(summary.id)
        if not self._matches(summary):
            if old >= 0:
                self.remove_article(summary.id)
            elif self._total is not None and self._more:
                # It may have matched before, unfetched: count again rather than guess.
                self._total = None
                self.total_changed.emit(self.total())
            return
        new = self._position(summary, skip=old)
        others = len(self._rows) - (old >= 0)
        if new == others and self._more and not self._comes_next(summary, skip=old):
            # Its place is among rows not fetched yet: a later page brings it.
            if old >= 0:
                self._remove_row(old)
            else:
                self._set_total(None if self._total is None else self._total + 1)
            return
        if old < 0:
            self.beginInsertRows(QModelIndex(), new, new)
            self._rows.insert(new, summary)
            self._row_of_id = None
            self.endInsertRows()
            self._set_total(None if self._total is None else self._total + 1)
            return
        if new != old:
            # Qt's destination is the row before which it lands in the list *with* the row.
            destination = new + 1 if new > old else new
            self.beginMoveRows(QModelIndex(), old, old, QModelIndex(), destination)
            del self._rows[old]
            self._rows.insert(new, summary)
            self._row_of_id = None
            self.endMoveRows()
        else:
            self._rows[old] = summary
        last = self.columnCount() - 1
        self.dataChanged.emit(self.index(new, 0), self.index(new, last))

    def remove_article(self, article_id: int) -> None:
        """Drop an article's row after it was deleted; nothing happens if it is not shown."""
        row = self.row_of(article_id)
        if row >= 0:
            self._remove_row(row)
            self._set_total(None if self._total is None else self._total - 1)

    # Inner workings --------------------------------------------------------------------------

    def _counted(self, generation: int, count: int) -> None:
        if generation != self._generation:
            return  # counted for a filter that has changed since
        self._counting = False
        if count >= 0 and self._total is None:
            self._total = count
            self.total_changed.emit(count)

    def _reload(self, limit: int) -> None:
        self._generation += 1
        self._counting = False
        self.beginResetModel()
        try:
            page = self._store.list_articles(replace(self._query, limit=limit, after=None))
        except _STORE_ERRORS as exc:
            self._rows, self._more = [], False
            self._fail(exc)
        else:
            self._rows, self._more = page.items, page.next_cursor is not None
        self._stages = {}
        self._read_stages([s.id for s in self._rows])
        self._row_of_id = None
        self._total = None
        self.endResetModel()
        if not self._more:
            self.total_changed.emit(len(self._rows))

    def _cursor_after_last(self) -> Cursor | None:
        # The rows fetched are a prefix of the store's order, so the last one is where the
        # next page starts even after rows were patched, moved or removed.
        if not self._rows:
            return None
        last = self._rows[-1]
        return Cursor(_SORT_VALUE[self._query.sort](last), last.id)

    def _sort_key(self, summary: ArticleSummary) -> tuple[Any, int]:
        return _SORT_VALUE[self._query.sort](summary), summary.id

    def _position(self, summary: ArticleSummary, skip: int) -> int:
        """Return where ``summary`` belongs among the fetched rows other than row ``skip``."""
        rows = self._rows
        key = self._sort_key(summary)
        descending = self._query.is_descending
        lo, hi = 0, len(rows)
        while lo < hi:
            mid = (lo + hi) // 2
            other = self._sort_key(rows[mid])
            if (other > key) if descending else (other < key):
                lo = mid + 1
            else:
                hi = mid
        return lo - 1 if 0 <= skip < lo else lo

    def _matches(self, summary: ArticleSummary) -> bool:
        """Whether the article passes the current filter."""
        query = self._query
        if query.status is not None and summary.status is not query.status:
            return False
        if query.column is not None and summary.column != query.column:
            return False
        if query.ids is not None and summary.id not in query.ids:
            return False
        if not query.text and query.date_from is None and query.date_to is None:
            return True
        # Text matching is the search index's business: ask for the listing's first row at
        # or after this article's place; it is this article exactly when it matches.
        value, article_id = self._sort_key(summary)
        probe = Cursor(value, article_id + 1 if query.is_descending else article_id - 1)
        try:
            page = self._store.list_articles(replace(query, limit=1, after=probe))
        except _STORE_ERRORS as exc:
            self._fail(exc)
            return False
        return bool(page.items) and page.items[0].id == article_id

    def _comes_next(self, summary: ArticleSummary, skip: int) -> bool:
        """Whether ``summary`` is the first unfetched row once row ``skip`` is left out."""
        rows = [s for i, s in enumerate(self._rows[-2:], max(0, len(self._rows) - 2)) if i != skip]
        after = None
        if rows:
            value, last_id = self._sort_key(rows[-1])
            after = Cursor(value, last_id)
        try:
            page = self._store.list_articles(replace(self._query, limit=1, after=after))
        except _STORE_ERRORS as exc:
            self._fail(exc)
            return False
        return bool(page.items) and page.items[0].id == summary.id

    def _remove_row(self, row: int) -> None:
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._rows[row]
        self._row_of_id = None
        self.endRemoveRows()
        if not self._rows and self._more:
            # Nothing left to key the next page on: start again from the top.
            self._reload(self._page_size)

    def _set_total(self, total: int | None) -> None:
        self._total = total
        if total is not None:
            self.total_changed.emit(total)
        elif not self._more:
            self.total_changed.emit(len(self._rows))
        elif self._counting:
            # The count in flight may or may not have seen this change: count again.
            self._generation += 1
            self.request_total()

    def _fail(self, exc: Exception) -> None:
        log.warning("cannot list articles: %s", exc)
        self._more = False
        self.load_failed.emit(self.tr("Cannot read the article list: %1").replace("%1", str(exc)))
