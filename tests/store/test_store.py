"""The store: articles, columns, versions, trash and site settings."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest

from desktop.article import Article, Column, Status
from desktop.render.urls import safe_slug
from desktop.site import Site
from desktop.store import ArticleNotFound, ConflictError, ListQuery, Store, StoreError
from tests.conftest import make_article


def test_new_article_round_trips_every_field(store: Store) -> None:
    article = make_article(
        kicker="凝心聚力促发展",
        subtitle="——全市工会系统“双争”活动综述",
        summary="会议总结了一年来的工作。",
        keywords=["全委会", "工会"],
        cover="media/abc.jpg",
        status=Status.REVIEW,
    )
    stored = store.add_article(article)
    assert stored.id is not None and stored.version == 1
    loaded = store.get_article(stored.id)
    for name in (
        "kicker",
        "title",
        "subtitle",
        "column",
        "author",
        "source",
        "summary",
        "keywords",
        "cover",
        "status",
        "body",
        "published_at",
    ):
        assert getattr(loaded, name) == getattr(article, name), name
    assert loaded.created_at is not None and loaded.updated_at is not None


def test_saving_bumps_the_version_and_detects_conflicts(store: Store) -> None:
    first = store.add_article(make_article())
    mine = store.get_article(first.id)
    theirs = store.get_article(first.id)
    mine.title = "我的修改"
    saved = store.save_article(mine)
    assert saved.version == 2
    theirs.title = "别人的修改"
    with pytest.raises(ConflictError) as caught:
        store.save_article(theirs)
    assert caught.value.found == 2
    assert store.get_article(first.id).title == "我的修改"


def test_a_second_store_on_the_same_file_sees_and_conflicts(store: Store) -> None:
    stored = store.add_article(make_article())
    with Store.open(store.location) as other:
        copy = other.get_article(stored.id)
        copy.body = "另一个窗口的正文。\n"
        other.save_article(copy)
    stale = stored
    stale.body = "过时的正文。\n"
    with pytest.raises(ConflictError):
        store.save_article(stale)


def test_trash_hides_but_keeps_the_article(store: Store) -> None:
    stored = store.add_article(make_article())
    store.trash_article(stored.id)
    with pytest.raises(ArticleNotFound):
        store.get_article(stored.id)
    assert store.list_articles().items == []
    assert store.trashed_ids() == [stored.id]
    store.restore_article(stored.id)
    assert store.get_article(stored.id).title == stored.title


def test_columns_keep_their_order_and_get_ascii_slugs(store: Store) -> None:
    store.save_columns([Column("工会动态", "news"), Column("通知公告", "notices")])
    store.ensure_column("基层风采")
    columns = store.columns()
    assert [c.name for c in columns] == ["工会动态", "通知公告", "基层风采"]
    assert columns[0].slug == "news"
    assert all(c.slug.isascii() and "/" not in c.slug for c in columns)
    reordered = [columns[2], columns[0], columns[1]]
    assert [c.name for c in store.save_columns(reordered)] == ["基层风采", "工会动态", "通知公告"]


def test_hostile_column_slugs_are_cleaned(store: Store) -> None:
    store.save_columns(
        [Column("坏栏目", "../../etc/passwd"), Column("空栏目", "栏目"), Column("保留名", "CON")]
    )
    columns = store.columns()
    slugs = [c.slug for c in columns]
    assert slugs[0] == "etc-passwd"
    assert slugs[1].startswith("c")
    # The store keeps the very folder name the export uses (Windows reserves "con").
    assert slugs[2] == f"c{columns[2].id}" == safe_slug(columns[2])
    assert all(all(ch.isalnum() or ch == "-" for ch in slug) for slug in slugs)


def test_site_settings_round_trip(store: Store) -> None:
    assert store.site() == Site()
    site = Site().with_value("name", "澜江工会网").with_value("page_size", "15")
    store.save_site(site)
    assert store.site().name == "澜江工会网"
    assert store.site().page_size == 15


def test_bad_articles_are_refused(store: Store) -> None:
    with pytest.raises(StoreError):
        store.add_article(make_article(title="   "))
    with pytest.raises(StoreError):
        store.add_article(make_article(published_at=dt.datetime(1900, 1, 1)))
    assert store.count_articles() == 0


def test_add_articles_is_all_or_nothing(store: Store) -> None:
    good = make_article("第一篇")
    bad = make_article("  ")
    with pytest.raises(StoreError):
        store.add_articles([good, bad])
    assert store.count_articles() == 0


def test_known_values_remember_authors_and_sources(store: Store) -> None:
    store.add_articles(
        [
            make_article(author="市总工会组宣部"),
            make_article(author="区总工会"),
            make_article(author="市总工会组宣部"),
        ]
    )
    assert store.known_values("author")[:2] == ["市总工会组宣部", "区总工会"]
    assert store.known_values("source") == ["澜江市总工会"]


def test_iter_articles_filters_by_status(store: Store) -> None:
    store.add_articles([make_article(f"稿件{i}", status=s) for i, s in enumerate(Status)])
    titles = [a.title for a in store.iter_articles([Status.APPROVED, Status.PUBLISHED], batch=1)]
    assert titles == ["稿件2", "稿件3"]


def test_iter_articles_by_ids_and_without_bodies(store: Store) -> None:
    added = store.add_articles(
        [make_article(f"稿件{i}", body=f"**一是抓落实。**正文第{i}篇。\n") for i in range(7)]
    )
    wanted = [added[5].id, added[1].id, added[3].id, 999]
    whole = list(store.iter_articles(ids=wanted, batch=2))  # unknown ids are skipped
    assert [a.id for a in whole] == [added[1].id, added[3].id, added[5].id]
    assert whole == [store.get_article(a.id) for a in whole if a.id is not None]
    light = list(store.iter_articles(with_body=False))
    assert [a.body for a in light] == [""] * 7
    assert [replace(a, body="") for a in store.iter_articles()] == light


def test_pragmas_and_application_id(db_path: Path) -> None:
    with Store.open(db_path) as store:
        pragma = lambda name: store.database.execute_sql(f"PRAGMA {name}").fetchone()[0]  # noqa: E731
        assert pragma("journal_mode") == "wal"
        assert pragma("foreign_keys") == 1
        assert pragma("busy_timeout") == 5000
        assert pragma("synchronous") == 2  # FULL
        assert pragma("application_id") == 0x4E575352
        assert pragma("wal_autocheckpoint") == 256


def test_the_log_is_written_into_the_file_once_it_holds_a_megabyte(db_path: Path) -> None:
    """A window's log stays small: every check of a live log reads all its frames."""
    from desktop.store.file_locks import reading
    from desktop.store.integrity import _committed_frames

    most = 0
    with Store.open(db_path) as store:
        article = store.add_article(make_article("日志", body="正文" * 1500))
        for n in range(150):  # an afternoon of autosaves: each a few pages of the log
            article = store.save_article(replace(article, body=article.body + f"第{n}句。"))
            with reading(f"{db_path}-shm") as index:
                found = _committed_frames(index.read(96))
            assert found is not None
            most = max(most, found[0])
    assert 256 <= most < 256 + 40  # written into the file at the first commit past 256 pages


def test_a_server_database_is_tagged_and_versioned_like_a_file(store: Store) -> None:
    if not store.is_server:
        pytest.skip("the SQLite header is checked above")
    row = store.database.execute_sql(
        "SELECT application_id, version FROM newsroom_schema"
    ).fetchone()
    assert row == (0x4E575352, store.schema_version()) and store.schema_version() >= 6


def test_count_matches_listing(store: Store) -> None:
    store.add_articles(
        [
            make_article(f"第{i}篇", status=Status.DRAFT if i % 2 else Status.PUBLISHED)
            for i in range(7)
        ]
    )
    assert store.count_articles() == 7
    assert store.count_articles(ListQuery(status=Status.DRAFT)) == 3
    assert store.count_articles(ListQuery(text="第3")) == 1


def test_unsaved_article_save_adds_it(store: Store) -> None:
    saved = store.save_article(Article(title="新稿"))
    assert saved.id is not None
    assert store.get_article(saved.id).title == "新稿"
