"""Listing with filters and sorts, paged by key."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.article import Status
from desktop.store import ListQuery, Sort, Store
from tests.conftest import make_article

START = dt.datetime(2026, 3, 1, 8, 0)


@pytest.fixture
def filled(store: Store) -> Store:
    titles = ["乙", "甲", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸", "甲"]
    store.add_articles(
        [
            make_article(
                title,
                status=list(Status)[i % 4],
                column=["工会动态", "通知公告", "基层风采"][i % 3],
                # Two articles share a timestamp: the id breaks the tie.
                published_at=START + dt.timedelta(hours=i if i != 5 else 4),
            )
            for i, title in enumerate(titles)
        ]
    )
    return store


def all_pages(store: Store, **query: object) -> list[int]:
    ids: list[int] = []
    after = None
    while True:
        page = store.list_articles(ListQuery(limit=3, after=after, **query))  # type: ignore[arg-type]
        ids += [a.id for a in page.items]
        assert len(page.items) <= 3
        if page.next_cursor is None:
            return ids
        after = page.next_cursor


@pytest.mark.parametrize("sort", list(Sort))
@pytest.mark.parametrize("descending", [True, False, None])
def test_paging_by_key_visits_every_row_once_in_order(
    filled: Store, sort: Sort, descending
) -> None:
    ids = all_pages(filled, sort=sort, descending=descending)
    rows = filled.list_articles(ListQuery(limit=1000, sort=sort, descending=descending)).items
    assert ids == [a.id for a in rows]
    assert sorted(ids) == list(range(1, 12))
    key = {
        Sort.DATE: lambda a: (a.published_at, a.id),
        Sort.TITLE: lambda a: (a.title, a.id),
        Sort.UPDATED: lambda a: (a.updated_at, a.id),
    }[sort]
    desc = descending if descending is not None else sort is not Sort.TITLE
    assert [key(a) for a in rows] == sorted((key(a) for a in rows), reverse=desc)


def test_filters(filled: Store) -> None:
    drafts = filled.list_articles(ListQuery(status=Status.DRAFT)).items
    assert drafts and all(a.status is Status.DRAFT for a in drafts)
    notices = filled.list_articles(ListQuery(column="通知公告")).items
    assert len(notices) == 4 and all(a.column == "通知公告" for a in notices)
    both = filled.list_articles(ListQuery(status=Status.REVIEW, column="通知公告")).items
    assert [a.title for a in both] == ["甲"]
    assert filled.list_articles(ListQuery(column="不存在")).items == []


def test_date_range_is_inclusive(store: Store) -> None:
    store.add_articles(
        [
            make_article(f"第{d}日", published_at=dt.datetime(2026, 4, d, 23, 59))
            for d in range(1, 8)
        ]
    )
    query = ListQuery(date_from=dt.date(2026, 4, 2), date_to=dt.date(2026, 4, 4))
    assert [a.title for a in store.list_articles(query).items] == ["第4日", "第3日", "第2日"]
    assert store.count_articles(query) == 3


def test_summary_json_has_the_documented_keys(filled: Store) -> None:
    row = filled.list_articles().items[0].to_json()
    for key in (
        "id",
        "title",
        "subtitle",
        "column",
        "author",
        "source",
        "status",
        "date",
        "updated_at",
    ):
        assert key in row
    assert len(row["date"]) == 10 and row["status"] in {s.value for s in Status}


@pytest.mark.parametrize("sort", [Sort.TITLE, Sort.UPDATED])
def test_common_words_sorted_by_title_take_the_index_walk_with_the_same_result(
    filled: Store, sort: Sort, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Above a threshold of matches the store walks the sort index; rows must not change."""
    from desktop.store import store as store_module

    queries = [
        ListQuery(text="一是", sort=sort, limit=4),
        ListQuery(text="学习", sort=sort, status=Status.REVIEW, limit=2),
        ListQuery(text="工会", sort=sort, column="通知公告", limit=3),
    ]

    def every_page(query: ListQuery) -> list[int]:
        ids: list[int] = []
        while True:
            page = filled.list_articles(query)
            ids += [a.id for a in page.items]
            if page.next_cursor is None:
                return ids
            query = ListQuery(**{**query.__dict__, "after": page.next_cursor})

    collected = [every_page(q) for q in queries]
    monkeypatch.setattr(store_module, "_MANY_MATCHES", 0)
    assert [every_page(q) for q in queries] == collected
    assert all(collected)
