"""An older database keeps its approved articles; the export takes only signed-off content."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from pathlib import Path

import pytest

from desktop.article import Status
from desktop.export import ExportOptions, run_export
from desktop.review import log
from desktop.review.flow import ReviewFlow
from desktop.review.log import Action
from desktop.store import Store
from desktop.store.migrations import migrate
from desktop.store.search import index_text
from tests.conftest import make_article
from tests.review.helpers import AUTHOR, set_up_office, sign_off


def old_database(path: Path) -> None:
    """A database as Newsroom wrote it before the review log (schema 6), three articles."""
    conn = sqlite3.connect(path)
    conn.create_function("newsroom_index_text", 1, index_text, deterministic=True)
    migrate(conn, target=6)
    for title, status in (
        ("已发布的通知", "published"),
        ("已审核的报道", "approved"),
        ("草稿", "draft"),
    ):
        conn.execute(
            "INSERT INTO article (title, body, published_at, status, created_at, updated_at) "
            "VALUES (?, '正文。', '2026-05-06 09:30:00', ?, '2026-05-06 09:30:00', "
            "'2026-05-06 09:30:00')",
            (title, status),
        )
    conn.commit()
    conn.close()


def test_existing_approved_and_published_articles_keep_their_status(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    old_database(path)
    with Store.open(path) as store:
        assert store.schema_version() >= 7
        statuses = {a.title: a.status for a in store.iter_articles()}
        assert statuses == {
            "已发布的通知": Status.PUBLISHED,
            "已审核的报道": Status.APPROVED,
            "草稿": Status.DRAFT,
        }
        conn = store.database.connection()
        for article in store.iter_articles():
            assert article.id is not None
            entries = log.entries(conn, article.id)
            if article.status is Status.DRAFT:
                assert entries == []
            else:
                assert [(e.action, e.text) for e in entries] == [
                    (Action.APPROVED_BEFORE_RECORD, "approved before sign-off was recorded")
                ]
        # They export as they are: approved before sign-off was recorded.
        summary = run_export(store, ExportOptions(tmp_path / "site"))
        assert summary.articles == 2 and summary.refused == ()


@pytest.fixture
def exported(store: Store, tmp_path: Path) -> tuple[Store, Path]:
    set_up_office(store)
    return store, tmp_path / "site"


def manifest_titles(target: Path) -> set[str]:
    manifest = json.loads((target / "manifest.json").read_text(encoding="utf-8"))
    return {a["title"] for a in manifest["articles"]}


def test_the_export_refuses_an_approved_article_changed_after_signing(
    exported: tuple[Store, Path],
) -> None:
    store, target = exported
    article = store.add_article(make_article(title="签过的文章", status=Status.DRAFT))
    other = store.add_article(make_article(title="另一篇已发布"))
    assert article.id is not None and other.id is not None
    sign_off(store, article.id)
    summary = run_export(store, ExportOptions(target))
    assert manifest_titles(target) == {"签过的文章", "另一篇已发布"}
    assert summary.refused == ()
    published = log.entries(store.database.connection(), article.id)[-1]
    assert published.action is Action.PUBLISHED
    # Marked approved again through the old API, after an edit: the export refuses it by name.
    edited = store.save_article(dataclasses.replace(store.get_article(article.id), title="改后"))
    store.save_article(dataclasses.replace(edited, status=Status.APPROVED))
    assert store.get_article(article.id).status is Status.REVIEW  # the log decides, not the caller
    conn = store.database.connection()
    conn.execute("UPDATE article SET status = 'approved' WHERE id = ?", (article.id,))
    summary = run_export(store, ExportOptions(target))
    assert manifest_titles(target) == {"另一篇已发布"}
    assert summary.refused == (
        f"refused {article.id} 《改后》: its content changed after it was signed",
    )
    assert summary.refused[0] in summary.lines()


def test_an_approvers_override_is_recorded_and_shown(exported: tuple[Store, Path]) -> None:
    store, target = exported
    article = store.add_article(make_article(title="急稿", status=Status.DRAFT))
    assert article.id is not None
    sign_off(store, article.id)
    store.save_article(dataclasses.replace(store.get_article(article.id), title="急稿（更正）"))
    with pytest.raises(Exception, match="only a 终审 signer may override"):
        ReviewFlow(store, "张明").override(article.id, "更正错字")
    ReviewFlow(store, "赵书记").override(article.id, "更正标题错字，内容未变")
    summary = run_export(store, ExportOptions(target))
    assert "急稿（更正）" in manifest_titles(target)
    assert summary.overrides == (
        f"override {article.id} 《急稿（更正）》 by 赵书记: 更正标题错字，内容未变",
    )
    # The override covers exactly that content: another change and it no longer does.
    store.save_article(dataclasses.replace(store.get_article(article.id), title="急稿（再改）"))
    summary = run_export(store, ExportOptions(target))
    assert "急稿（再改）" not in manifest_titles(target)


def test_drafts_asked_for_explicitly_are_not_claimed_signed(exported: tuple[Store, Path]) -> None:
    store, target = exported
    store.add_article(make_article(title="一篇草稿", status=Status.DRAFT))
    ReviewFlow(store, AUTHOR)  # nobody signs anything
    summary = run_export(store, ExportOptions(target, statuses=(Status.DRAFT,)))
    assert manifest_titles(target) == {"一篇草稿"} and summary.refused == ()
