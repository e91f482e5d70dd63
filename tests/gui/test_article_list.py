"""The article list: a lazily fetched table model over the store, and the pane around it."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtTest import QAbstractItemModelTester, QTest

from desktop.article import Status
from desktop.gui.article_list import SEARCH_DELAY_MS, ArticleListPane
from desktop.gui.article_list_model import ArticleTableModel, ListColumn
from desktop.store import ArticleSummary, ListQuery, Sort, Store
from tests.conftest import make_article

BASE = dt.datetime(2026, 1, 1, 8, 0)
COLUMNS = ["工会动态", "基层风采", "通知公告"]
STATUSES = list(Status)


def fill(store: Store, count: int) -> list[int]:
    """Store ``count`` articles an hour apart; every third one does not mention 工会."""
    batch = []
    for i in range(count):
        fields: dict[str, object] = {
            "published_at": BASE + dt.timedelta(hours=i),
            "column": COLUMNS[i % len(COLUMNS)],
            "status": STATUSES[i % len(STATUSES)],
            "subtitle": f"——第{i}期" if i % 2 else "",
        }
        if i % 3 == 0:
            fields.update(body="学校举行秋季运动会。", author="区教育局", source="澜江日报")
            title = f"运动会简讯{(i * 37) % 1000:03d}"
        else:
            title = f"工会要闻{(i * 37) % 1000:03d}"
        batch.append(make_article(title, **fields))
    return [a.id for a in store.add_articles(batch) if a.id is not None]


def fetch_all(model: ArticleTableModel) -> None:
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())


def shown_ids(model: ArticleTableModel) -> list[int]:
    return [model.article_id(row) for row in range(model.rowCount())]


def store_ids(store: Store, **query: object) -> list[int]:
    return [s.id for s in store.list_articles(ListQuery(limit=10_000, **query)).items]  # type: ignore[arg-type]


def summary_of(store: Store, article_id: int) -> ArticleSummary:
    article = store.get_article(article_id)
    return next(s for s in store.list_articles(ListQuery(limit=10_000)).items if s.id == article.id)


@pytest.fixture
def model(store: Store, qtbot) -> ArticleTableModel:
    fill(store, 250)
    return ArticleTableModel(store, page_size=100)


@pytest.fixture
def pane(model: ArticleTableModel, qtbot) -> ArticleListPane:
    widget = ArticleListPane(model)
    qtbot.addWidget(widget)
    widget.resize(900, 600)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


# The model --------------------------------------------------------------------------------


def test_qt_model_tester_accepts_fetches_filters_sorts_and_row_edits(store, model, qtbot):
    tester = QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    # The tester would fetch from its own modelReset handler, which it runs before it marks
    # the reset finished, and then reports the insert as overlapping the reset: the test
    # drives every fetch itself instead.
    tester.setUseFetchMore(False)
    fetch_all(model)
    model.set_filter(text="工会", status=Status.DRAFT)
    model.sort(ListColumn.TITLE, Qt.SortOrder.AscendingOrder)
    fetch_all(model)
    model.set_filter()
    model.sort(ListColumn.UPDATED, Qt.SortOrder.DescendingOrder)
    first = model.article_id(0)
    saved = store.save_article(replace(store.get_article(first), title="改过的标题"))
    model.update_article(summary_of(store, saved.id))
    model.remove_article(model.article_id(5))
    model.refresh()
    assert tester is not None
    assert model.rowCount() == 100


def test_rows_arrive_a_page_at_a_time_until_the_store_has_no_more(model):
    assert model.rowCount() == 100
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 200
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 250
    assert not model.canFetchMore(QModelIndex())
    assert model.total() == 250
    # Newest first by default, no row twice.
    assert shown_ids(model) == store_ids(model._store)


def test_the_table_shows_title_column_status_times_id_and_a_subtitle_tooltip(store, model):
    odd = next(r for r in range(10) if model.summary(r).subtitle)
    summary = model.summary(odd)
    cell = {c: model.index(odd, c) for c in ListColumn}
    assert model.data(cell[ListColumn.TITLE]) == summary.title
    assert model.data(cell[ListColumn.COLUMN]) == summary.column
    assert model.data(cell[ListColumn.STATUS]) in {"Draft", "In review", "Approved", "Published"}
    assert model.data(cell[ListColumn.PUBLISHED]) == summary.published_at.strftime("%Y-%m-%d %H:%M")
    assert model.data(cell[ListColumn.TITLE], Qt.ItemDataRole.UserRole) == summary.id
    tip = model.data(cell[ListColumn.STATUS], Qt.ItemDataRole.ToolTipRole)
    assert summary.title in tip and summary.subtitle in tip
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in ListColumn]
    assert headers == ["Title", "Column", "Status", "Published", "Updated"]


@pytest.mark.parametrize("order", [Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder])
def test_sorting_by_title_follows_the_store(store, model, order):
    model.sort(ListColumn.TITLE, order)
    assert model.rowCount() == 100  # a new query, paged again
    fetch_all(model)
    descending = order == Qt.SortOrder.DescendingOrder
    assert shown_ids(model) == store_ids(store, sort=Sort.TITLE, descending=descending)
    titles = [model.summary(r).title for r in range(model.rowCount())]
    assert titles == sorted(titles, reverse=descending)
    assert model.sort_column() == ListColumn.TITLE and model.sort_order() == order


def test_sorting_by_update_time_and_back_to_publication_date(store, model):
    model.sort(ListColumn.UPDATED, Qt.SortOrder.DescendingOrder)
    fetch_all(model)
    assert shown_ids(model) == store_ids(store, sort=Sort.UPDATED, descending=True)
    model.sort(ListColumn.PUBLISHED, Qt.SortOrder.AscendingOrder)
    fetch_all(model)
    assert shown_ids(model) == store_ids(store, sort=Sort.DATE, descending=False)


def test_column_and_status_headers_do_not_sort(model, qtbot):
    before = shown_ids(model)
    with qtbot.assertNotEmitted(model.modelReset):
        model.sort(ListColumn.STATUS, Qt.SortOrder.AscendingOrder)
        model.sort(ListColumn.COLUMN, Qt.SortOrder.DescendingOrder)
    assert shown_ids(model) == before
    assert not model.is_sortable(ListColumn.STATUS) and model.is_sortable(ListColumn.UPDATED)
    assert model.headerData(
        ListColumn.STATUS, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole
    )


def test_a_two_character_chinese_search_is_done_by_the_store(store, model):
    model.set_filter(text="工会")
    fetch_all(model)
    assert model.rowCount() == model.total() == 166
    assert all(model.summary(r).title.startswith("工会要闻") for r in range(model.rowCount()))
    assert shown_ids(model) == store_ids(store, text="工会")
    model.set_filter(text="运动")
    fetch_all(model)
    assert model.rowCount() == 84
    model.set_filter(text="没有这篇")
    assert model.rowCount() == 0 and model.total() == 0


def test_status_and_column_filters_combine_with_the_search(store, model):
    model.set_filter(status=Status.REVIEW)
    fetch_all(model)
    assert {model.summary(r).status for r in range(model.rowCount())} == {Status.REVIEW}
    assert model.total() == store.count_articles(ListQuery(status=Status.REVIEW))
    model.set_filter(column="基层风采")
    fetch_all(model)
    assert {model.summary(r).column for r in range(model.rowCount())} == {"基层风采"}
    model.set_filter(text="工会", status=Status.APPROVED, column="通知公告")
    fetch_all(model)
    expected = store_ids(store, text="工会", status=Status.APPROVED, column="通知公告")
    assert shown_ids(model) == expected and expected
    assert model.query.sort is Sort.DATE  # a filter keeps the order


def test_a_saved_article_is_patched_in_place_without_a_reset(store, model, qtbot):
    article_id = model.article_id(3)
    saved = store.save_article(replace(store.get_article(article_id), title="新标题"))
    with (
        qtbot.assertNotEmitted(model.modelReset),
        qtbot.waitSignal(model.dataChanged) as changed,
    ):
        model.update_article(summary_of(store, saved.id))
    assert changed.args[0].row() == 3
    assert model.data(model.index(3, ListColumn.TITLE)) == "新标题"


def test_a_saved_article_moves_to_its_new_place_in_the_order(store, model, qtbot):
    # Everything was stored this very second; make the save the one recent change.
    store.database.execute_sql("UPDATE article SET updated_at = '2026-02-01 00:00:00'")
    model.sort(ListColumn.UPDATED, Qt.SortOrder.DescendingOrder)
    article_id = model.article_id(50)
    saved = store.save_article(replace(store.get_article(article_id), title="刚刚保存"))
    with qtbot.waitSignal(model.rowsMoved):
        model.update_article(summary_of(store, saved.id))
    assert model.row_of(article_id) == 0
    fetch_all(model)
    assert shown_ids(model) == store_ids(store, sort=Sort.UPDATED, descending=True)


def test_a_save_that_leaves_the_filter_drops_the_row_and_a_new_article_is_inserted(store, model):
    model = ArticleTableModel(store, page_size=20)
    model.set_filter(status=Status.DRAFT)
    total = model.total()
    article_id = model.article_id(0)
    saved = store.save_article(replace(store.get_article(article_id), status=Status.REVIEW))
    model.update_article(summary_of(store, saved.id))
    assert model.row_of(article_id) == -1 and model.total() == total - 1
    old = BASE - dt.timedelta(days=1)
    new = store.add_article(make_article("旧草稿", status=Status.DRAFT, published_at=old))
    model.update_article(summary_of(store, new.id))  # the oldest: beyond the fetched rows
    assert model.row_of(new.id) == -1 and model.total() == total
    newest = store.add_article(make_article("置顶草稿", status=Status.DRAFT))
    model.update_article(summary_of(store, newest.id))
    assert model.row_of(newest.id) == 0 and model.total() == total + 1
    fetch_all(model)
    assert shown_ids(model) == store_ids(store, status=Status.DRAFT)


def test_a_save_under_a_search_asks_the_index_whether_it_still_matches(store, model):
    model.set_filter(text="工会")
    article_id = model.article_id(2)
    changed = replace(
        store.get_article(article_id),
        title="运动会",
        body="秋季运动会。",
        author="区教育局",
        source="澜江日报",
    )
    store.save_article(changed)
    model.update_article(summary_of(store, article_id))
    assert model.row_of(article_id) == -1
    fetch_all(model)
    assert shown_ids(model) == store_ids(store, text="工会")


def test_a_deleted_article_leaves_without_a_reset(store, model, qtbot):
    fetch_all(model)
    article_id = model.article_id(120)
    store.trash_article(article_id)
    with (
        qtbot.assertNotEmitted(model.modelReset),
        qtbot.waitSignal(model.rowsRemoved),
        qtbot.waitSignal(model.total_changed) as total,
    ):
        model.remove_article(article_id)
    assert total.args == [249]
    assert model.row_of(article_id) == -1 and model.rowCount() == 249
    model.remove_article(article_id)  # twice is harmless
    assert model.rowCount() == 249


def test_the_total_is_counted_off_the_gui_thread_and_stale_counts_are_dropped(model, qtbot):
    assert not model.total_known()
    counts: list[int] = []
    model.total_changed.connect(counts.append)
    model.request_total()  # all 250, still counting when the filter changes
    model.set_filter(text="工会")
    model.request_total()
    qtbot.waitUntil(lambda: 166 in counts)
    assert counts == [166] and model.total_known() and model.total() == 166
    model.set_filter(text="运动")
    fetch_all(model)
    with qtbot.waitSignal(model.total_changed) as known:
        model.request_total()  # everything fetched: no need to ask the store
    assert known.args == [84]


def test_refresh_keeps_the_filter_order_and_the_rows_already_fetched(store, model):
    model.set_filter(status=Status.PUBLISHED)
    model.sort(ListColumn.TITLE, Qt.SortOrder.AscendingOrder)
    model.fetchMore(QModelIndex())
    fetched = model.rowCount()
    store.add_article(make_article("啊最早的标题", status=Status.PUBLISHED))
    model.refresh()
    assert model.rowCount() >= fetched
    assert model.summary(0).title == "啊最早的标题"
    assert model.query.status is Status.PUBLISHED and model.query.sort is Sort.TITLE


# The pane ---------------------------------------------------------------------------------


def test_the_table_is_set_up_for_a_long_list(pane, qtbot):
    table = pane.table
    assert table.isSortingEnabled() and table.alternatingRowColors() and not table.wordWrap()
    assert table.verticalHeader().isHidden()
    header = table.horizontalHeader()
    assert header.sortIndicatorSection() == ListColumn.PUBLISHED
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    assert header.sectionResizeMode(ListColumn.TITLE) == header.ResizeMode.Stretch
    assert pane.search_edit.placeholderText() == "Search title, body, byline…"
    assert pane.search_edit.isClearButtonEnabled()
    assert pane.status_combo.count() == 5
    assert [pane.column_combo.itemText(i) for i in range(1, 4)] == COLUMNS
    qtbot.waitUntil(lambda: pane.count_label.text() == "Articles: 250")


def test_keyboard_navigation_announces_each_article(pane, qtbot):
    with qtbot.waitSignal(pane.article_selected) as first:
        pane.select_row(3)
    assert first.args == [pane.model.article_id(3)]
    pane.table.setFocus()
    with qtbot.waitSignal(pane.article_selected) as moved:
        QTest.keyClick(pane.table, Qt.Key.Key_Down)
    assert moved.args == [pane.model.article_id(4)]
    with qtbot.waitSignal(pane.article_selected) as back:
        QTest.keyClick(pane.table, Qt.Key.Key_Up)
    assert back.args == [pane.model.article_id(3)]
    assert pane.current_article_id() == pane.model.article_id(3)


def test_the_context_menu_actions_ask_the_window(pane, qtbot):
    with qtbot.waitSignal(pane.new_requested):
        pane.new_action.trigger()
    assert not pane.delete_action.isEnabled()  # nothing chosen yet
    pane.select_row(4)
    wanted = pane.model.article_id(4)
    with qtbot.waitSignal(pane.duplicate_requested) as duplicate:
        pane.duplicate_action.trigger()
    with qtbot.waitSignal(pane.delete_requested) as delete:
        pane.delete_action.trigger()
    assert duplicate.args == [wanted] and delete.args == [wanted]
    assert pane.delete_action.shortcut().matches(Qt.Key.Key_Delete)


def test_the_delete_key_in_the_table_asks_to_delete(pane, qtbot):
    pane.select_row(2)
    pane.activateWindow()
    pane.table.setFocus()
    qtbot.waitUntil(pane.table.hasFocus)
    with qtbot.waitSignal(pane.delete_requested) as delete:
        QTest.keyClick(pane.table, Qt.Key.Key_Delete)
    assert delete.args == [pane.model.article_id(2)]


def test_rapid_typing_in_the_search_box_runs_one_query(pane, qtbot):
    resets = []
    pane.model.modelReset.connect(lambda: resets.append(pane.model.query.text))
    with qtbot.waitSignal(pane.model.modelReset, timeout=SEARCH_DELAY_MS * 10):
        # Chinese arrives through the input method as committed text, not key events.
        for char in "工会要闻x":
            pane.search_edit.insert(char)
        QTest.keyClick(pane.search_edit, Qt.Key.Key_Backspace)
        assert resets == []  # nothing yet while typing
    assert resets == ["工会要闻"]
    assert not pane._search_timer.isActive()
    qtbot.waitUntil(lambda: pane.count_label.text() == "Articles: 166")


def test_the_combos_filter_at_once_and_the_column_list_reloads(store, pane, qtbot):
    with qtbot.waitSignal(pane.model.modelReset):
        pane.status_combo.setCurrentIndex(pane.status_combo.findData(Status.APPROVED))
    assert pane.model.query.status is Status.APPROVED
    pane.column_combo.setCurrentIndex(pane.column_combo.findText("通知公告"))
    assert pane.model.query.column == "通知公告"
    store.ensure_column("劳模风采")
    pane.reload_columns()
    assert pane.column_combo.findText("劳模风采") > 0
    assert pane.column_combo.currentText() == "通知公告"  # the choice survives
    with qtbot.waitSignal(pane.model.modelReset):
        pane.set_columns(["工会动态"])  # the chosen column is gone: back to all
    assert pane.column_combo.currentIndex() == 0 and pane.model.query.column is None


def test_the_current_article_survives_a_sort_and_a_refresh_without_a_new_signal(pane, qtbot):
    model = pane.model
    model.fetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    pane.select_row(7)
    chosen = pane.current_article_id()
    with qtbot.assertNotEmitted(pane.article_selected):
        pane.table.sortByColumn(ListColumn.TITLE, Qt.SortOrder.AscendingOrder)
        assert model.query.sort is Sort.TITLE
        model.refresh()
    assert pane.current_article_id() == chosen
    selected = pane.table.selectionModel().selectedRows()
    assert [i.row() for i in selected] == [model.row_of(chosen)]


def test_clicking_a_header_that_cannot_sort_leaves_the_arrow_on_the_real_order(pane):
    header = pane.table.horizontalHeader()
    before = shown_ids(pane.model)
    header.setSortIndicator(ListColumn.STATUS, Qt.SortOrder.AscendingOrder)
    assert header.sortIndicatorSection() == ListColumn.PUBLISHED
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    assert shown_ids(pane.model) == before
    header.setSortIndicator(ListColumn.TITLE, Qt.SortOrder.DescendingOrder)
    assert pane.model.query.sort is Sort.TITLE and pane.model.query.is_descending


def test_scrolling_to_the_bottom_fetches_more(pane, qtbot):
    pane.table.scrollToBottom()
    qtbot.waitUntil(lambda: pane.model.rowCount() > 100)


def test_the_pane_can_build_its_own_model_from_a_store(store, qtbot):
    fill(store, 3)
    widget = ArticleListPane(store)
    qtbot.addWidget(widget)
    assert widget.model.rowCount() == 3
    assert widget.select_article(widget.model.article_id(2))
    assert not widget.select_article(999_999)
