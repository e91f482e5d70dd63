"""Revisions: when they are kept, restoring them, pruning with a fake clock, conflicts, trash."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from desktop.article import Article, Status
from desktop.store import ArticleNotFound, ConflictError, Store
from desktop.store.errors import RevisionNotFound
from desktop.store.revisions import (
    Change,
    RetentionPolicy,
    RevisionReason,
    RevisionSettings,
    changed_fields,
    plan_pruning,
    revision_diff,
)
from tests.conftest import make_article

START = dt.datetime(2026, 3, 2, 9, 0, 0)


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self, start: dt.datetime = START) -> None:
        self.now = start

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += dt.timedelta(**delta)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def timed(db_location: str | Path, clock: FakeClock):
    """A store on a fake clock, autosave revisions at most every 10 minutes."""
    with Store.open(db_location, clock=clock) as opened:
        yield opened


def reasons(store: Store, article_id: int) -> list[RevisionReason]:
    return [r.reason for r in store.revisions(article_id)]


def test_an_explicit_save_keeps_the_original_and_the_new_text(timed: Store) -> None:
    stored = timed.add_article(make_article(body="第一稿。\n"))
    assert timed.revisions(stored.id) == []
    stored.body = "第二稿。\n"
    saved = timed.save_article(stored)
    infos = timed.revisions(saved.id)
    assert [i.reason for i in infos] == [RevisionReason.SAVE, RevisionReason.ORIGINAL]
    assert timed.revision(infos[0].id).article.body == "第二稿。\n"
    assert timed.revision(infos[1].id).article.body == "第一稿。\n"
    assert infos[0].version == saved.version and infos[0].size == len("第二稿。\n")
    assert infos[0].title == stored.title and infos[0].created_at == START


def test_saving_identical_content_keeps_no_duplicate(timed: Store) -> None:
    article = timed.add_article(make_article())
    article.body += "补充。\n"
    article = timed.save_article(article)
    article = timed.save_article(article)
    article = timed.save_article(article)
    assert reasons(timed, article.id) == [RevisionReason.SAVE, RevisionReason.ORIGINAL]
    assert article.version == 4  # the article itself was still saved each time


def test_autosave_keeps_one_revision_per_interval(timed: Store, clock: FakeClock) -> None:
    article = timed.add_article(make_article(body=""))
    for minute in range(35):  # typing for 35 minutes, autosaving every minute
        article.body += f"第{minute}分钟的内容。"
        article = timed.save_article(article, reason=RevisionReason.AUTOSAVE)
        clock.advance(minutes=1)
    kept = [r for r in timed.revisions(article.id) if r.reason is RevisionReason.AUTOSAVE]
    # Minutes 0, 10, 20 and 30: not one per keystroke or per autosave.
    assert [r.created_at - START for r in reversed(kept)] == [
        dt.timedelta(minutes=m) for m in (0, 10, 20, 30)
    ]
    assert timed.get_article(article.id).body.endswith("第34分钟的内容。")


def test_autosave_interval_is_a_setting(db_location: str | Path, clock: FakeClock) -> None:
    settings = RevisionSettings(autosave_interval=dt.timedelta(minutes=2))
    with Store.open(db_location, clock=clock, settings=settings) as store:
        article = store.add_article(make_article())
        for _ in range(6):
            article.body += "字"
            article = store.save_article(article, reason=RevisionReason.AUTOSAVE)
            clock.advance(minutes=1)
        assert reasons(store, article.id).count(RevisionReason.AUTOSAVE) == 3


def test_a_status_change_always_keeps_a_revision(timed: Store, clock: FakeClock) -> None:
    article = timed.add_article(make_article(status=Status.DRAFT))
    article.body += "一。"
    article = timed.save_article(article, reason=RevisionReason.AUTOSAVE)
    clock.advance(seconds=5)
    article.status = Status.APPROVED
    article = timed.save_article(article, reason=RevisionReason.AUTOSAVE)
    newest = timed.revisions(article.id)[0]
    assert newest.reason is RevisionReason.STATUS and newest.status is Status.APPROVED


def test_export_keeps_the_stored_text_once(timed: Store) -> None:
    article = timed.add_article(make_article())
    info = timed.keep_revision(article.id, RevisionReason.EXPORT)
    assert info is not None and info.reason is RevisionReason.EXPORT
    assert timed.keep_revision(article.id, RevisionReason.EXPORT) is None


def test_restoring_brings_back_every_field_byte_for_byte(timed: Store, clock: FakeClock) -> None:
    body = "**一是抓学习。**会议要求，\r\n突破300个。\n\n  行尾空格  \n\t制表符\u3000全角空格\n"
    first = timed.add_article(
        make_article(body=body, kicker="引题", keywords=["工会", "会议"], status=Status.REVIEW)
    )
    first.body = body + "后来加的。\n"
    first = timed.save_article(first)
    clock.advance(minutes=1)
    later = timed.get_article(first.id)
    later.title, later.subtitle, later.column = "改过的标题", "——改过的副标题", "通知公告"
    later.body, later.keywords, later.status = "全部重写。\n", [], Status.DRAFT
    later = timed.save_article(later)
    original = next(r for r in timed.revisions(first.id) if r.reason is RevisionReason.ORIGINAL)

    restored = timed.restore_revision(first.id, original.id, later.version)

    assert restored.body == body
    assert restored.body.encode("utf-8") == body.encode("utf-8")
    assert (restored.title, restored.kicker, restored.column) == (
        "市总工会召开全委会议",
        "引题",
        "工会动态",
    )
    assert restored.keywords == ["工会", "会议"] and restored.status is Status.REVIEW
    assert restored.version == later.version + 1
    assert reasons(timed, first.id)[0] is RevisionReason.RESTORE


def test_restoring_keeps_unrevisioned_autosaved_text(timed: Store, clock: FakeClock) -> None:
    article = timed.add_article(make_article(body="旧。\n"))
    article.body = "第一次自动保存。\n"
    article = timed.save_article(article, reason=RevisionReason.AUTOSAVE)
    clock.advance(minutes=1)
    article.body = "一分钟后又打的字，还没有修订。\n"
    article = timed.save_article(article, reason=RevisionReason.AUTOSAVE)
    oldest = timed.revisions(article.id)[-1]
    timed.restore_revision(article.id, oldest.id, article.version)
    bodies = [timed.revision(r.id).article.body for r in timed.revisions(article.id)]
    assert "一分钟后又打的字，还没有修订。\n" in bodies


def test_restoring_checks_the_version_and_the_article(timed: Store) -> None:
    article = timed.add_article(make_article())
    article.body = "改。\n"
    article = timed.save_article(article)
    other = timed.add_article(make_article("另一篇"))
    revision_id = timed.revisions(article.id)[0].id
    with pytest.raises(ConflictError):
        timed.restore_revision(article.id, revision_id, article.version - 1)
    with pytest.raises(RevisionNotFound):
        timed.restore_revision(other.id, revision_id, other.version)
    with pytest.raises(RevisionNotFound):
        timed.revision(999_999)


def test_a_conflict_keeps_the_losing_text(timed: Store) -> None:
    stored = timed.add_article(make_article())
    mine, theirs = timed.get_article(stored.id), timed.get_article(stored.id)
    theirs.body = "另一个窗口先保存了。\n"
    theirs = timed.save_article(theirs)
    mine.body = "我的文字，不能丢。\n"
    with pytest.raises(ConflictError) as caught:
        timed.save_article(mine, reason=RevisionReason.AUTOSAVE)
    assert timed.get_article(stored.id).body == "另一个窗口先保存了。\n"
    losing = timed.revision(caught.value.losing_revision_id)
    assert losing.info.reason is RevisionReason.CONFLICT
    assert losing.article.body == "我的文字，不能丢。\n"
    assert losing.info.version == stored.version  # the version my copy was based on


def test_force_save_takes_mine_and_keeps_theirs(timed: Store) -> None:
    stored = timed.add_article(make_article())
    mine, theirs = timed.get_article(stored.id), timed.get_article(stored.id)
    theirs.body = "他们的。\n"
    timed.save_article(theirs)
    mine.body = "我的。\n"
    with pytest.raises(ConflictError):
        timed.save_article(mine)
    shown = timed.get_article(stored.id)  # the window shows theirs beside mine; the user picks mine
    saved = timed.force_save(mine, based_on_version=shown.version)
    assert timed.get_article(stored.id).body == "我的。\n" and saved.version == shown.version + 1
    bodies = {timed.revision(r.id).article.body for r in timed.revisions(stored.id)}
    assert {"他们的。\n", "我的。\n"} <= bodies


def test_force_save_refuses_when_theirs_changed_again(timed: Store) -> None:
    stored = timed.add_article(make_article())
    shown = timed.get_article(stored.id)
    again = timed.get_article(stored.id)
    again.body = "又改了一次。\n"
    timed.save_article(again)
    mine = make_article(body="我的。\n", id=stored.id, version=stored.version)
    with pytest.raises(ConflictError):
        timed.force_save(mine, based_on_version=shown.version)
    assert timed.get_article(stored.id).body == "又改了一次。\n"


def test_two_stores_on_one_file_never_overwrite_each_other(db_location: str | Path) -> None:
    with Store.open(db_location) as one, Store.open(db_location) as two:
        stored = one.add_article(make_article())
        a, b = one.get_article(stored.id), two.get_article(stored.id)
        a.body, b.body = "窗口一。\n", "窗口二。\n"
        one.save_article(a)
        with pytest.raises(ConflictError) as caught:
            two.save_article(b)
        assert one.revision(caught.value.losing_revision_id).article.body == "窗口二。\n"


def test_saving_into_a_trashed_article_keeps_the_text(timed: Store) -> None:
    article = timed.add_article(make_article())
    timed.trash_article(article.id)
    article.body = "删除后还在打字。\n"
    with pytest.raises(ArticleNotFound) as caught:
        timed.save_article(article, reason=RevisionReason.AUTOSAVE)
    assert caught.value.losing_revision_id is not None
    timed.restore_article(article.id)
    assert timed.revision(caught.value.losing_revision_id).article.body == "删除后还在打字。\n"


def test_trash_lists_restores_and_empties_with_revisions(timed: Store, clock: FakeClock) -> None:
    keep = timed.add_article(make_article("留下的"))
    gone = timed.add_article(make_article("要删的"))
    gone.body = "改过。\n"
    gone = timed.save_article(gone)
    timed.trash_article(keep.id)
    clock.advance(minutes=1)
    timed.trash_article(gone.id)
    trash = timed.trash()
    assert [t.id for t in trash] == [gone.id, keep.id]
    assert trash[0].deleted_at == START + dt.timedelta(minutes=1) and trash[0].revisions == 2
    timed.restore_article(keep.id)
    assert timed.get_article(keep.id).title == "留下的"
    assert timed.empty_trash() == 1
    assert timed.trash() == [] and timed.revisions(gone.id) == []
    with pytest.raises(ArticleNotFound):
        timed.get_article(gone.id)
    assert timed.delete_forever([keep.id]) == 0  # only articles in the trash can go for good


def test_plan_pruning_keeps_recent_daily_and_monthly() -> None:
    now = dt.datetime(2026, 6, 30, 12, 0)
    policy = RetentionPolicy(keep_all_days=7, daily_days=90, keep_newest=3)
    times = [now - dt.timedelta(hours=6 * i) for i in range(4 * 400)]  # 4 a day for 400 days
    revisions = list(enumerate(times, start=1))
    removed = set(plan_pruning(revisions, now, policy))
    kept = [t for i, t in revisions if i not in removed]
    recent = [t for t in kept if now - t < dt.timedelta(days=7)]
    assert len(recent) == len([t for t in times if now - t < dt.timedelta(days=7)])
    daily = [t for t in kept if dt.timedelta(days=7) <= now - t < dt.timedelta(days=90)]
    assert len({t.date() for t in daily}) == len(daily)  # at most one a day
    assert len(daily) >= 82
    older = [t for t in kept if now - t >= dt.timedelta(days=90)]
    assert len({(t.year, t.month) for t in older}) == len(older) <= 11
    assert max(t for i, t in revisions if i in removed) <= now - dt.timedelta(days=7)


def test_plan_pruning_always_keeps_the_newest() -> None:
    now = dt.datetime(2026, 6, 30)
    ancient = [(i, dt.datetime(2020, 1, 1) + dt.timedelta(minutes=i)) for i in range(50)]
    removed = set(plan_pruning(ancient, now, RetentionPolicy(keep_newest=20)))
    assert set(range(30, 50)).isdisjoint(removed)
    assert len(removed) == 30  # one month, one more besides the newest 20 is already that month


def test_pruning_in_the_store_with_a_fake_clock(db_location: str | Path, clock: FakeClock) -> None:
    settings = RevisionSettings(
        autosave_interval=dt.timedelta(minutes=10),
        retention=RetentionPolicy(keep_all_days=7, daily_days=90, keep_newest=20),
        prune_every=10_000,  # prune by hand below
    )
    with Store.open(db_location, clock=clock, settings=settings) as store:
        article = store.add_article(make_article(body=""))
        for n in range(200 * 4):  # four explicit saves a day for 200 days
            article.body += f"{n}。"
            article = store.save_article(article)
            clock.advance(hours=6)
        before = len(store.revisions(article.id))
        removed = store.prune_revisions()
        infos = store.revisions(article.id)
        assert before == 801 and removed == before - len(infos)
        assert len(infos) < 7 * 4 + 83 + 5
        assert [i.id for i in infos[:20]] == [i.id for i in infos][:20]
        newest = store.revision(infos[0].id).article.body
        assert newest == store.get_article(article.id).body


def test_pruning_runs_by_itself_after_many_saves_and_on_open(
    db_location: str | Path, clock: FakeClock
) -> None:
    settings = RevisionSettings(
        retention=RetentionPolicy(keep_all_days=1, daily_days=2, keep_newest=5), prune_every=20
    )
    with Store.open(db_location, clock=clock, settings=settings) as store:
        article = store.add_article(make_article(body=""))
        for n in range(60):
            article.body += f"{n}。"
            article = store.save_article(article)
            clock.advance(hours=6)
        assert len(store.revisions(article.id)) < 40
    clock.advance(days=30)
    with Store.open(db_location, clock=clock, settings=settings) as store:
        assert len(store.revisions(article.id)) <= 5 + 2  # the newest 5, then one a month


def test_revision_diff_marks_changed_characters() -> None:
    old = "第一段不变。\n会议要求，全市突破300个站点。\n删掉的一段。\n"
    new = "第一段不变。\n会议要求，全市突破500个站点。\n新加的一段。\n最后一段。\n"
    rows = revision_diff(old, new)
    assert rows[0].change is Change.EQUAL and rows[0].left_number == rows[0].right_number == 1
    changed = rows[1]
    assert changed.change is Change.REPLACE
    assert [changed.left[a:b] for a, b in changed.left_spans] == ["3"]
    assert [changed.right[a:b] for a, b in changed.right_spans] == ["5"]
    assert [r.change for r in rows[2:]] in (
        [Change.REPLACE, Change.INSERT],
        [Change.DELETE, Change.INSERT, Change.INSERT],
    )
    assert rows[-1].right == "最后一段。" and rows[-1].left is None


def test_changed_fields_lists_metadata_changes() -> None:
    old = make_article()
    new = make_article(title="新标题", status=Status.DRAFT)
    assert changed_fields(old, new) == [
        ("title", "市总工会召开全委会议", "新标题"),
        ("status", "published", "draft"),
    ]


def test_a_new_article_through_save_article_is_added(timed: Store) -> None:
    added = timed.save_article(Article(title="新文章"))
    assert added.id is not None and added.version == 1
