"""The sign-off flow through the core: who may do what, in which order, bound to which text."""

from __future__ import annotations

import dataclasses
import sqlite3

import peewee
import pytest

from desktop.article import Status
from desktop.review import log
from desktop.review.flow import ReviewFlow, ReviewRefused, Step
from desktop.review.log import Action
from desktop.review.state import Phase
from desktop.store import Store
from tests.conftest import make_article
from tests.review.helpers import AUTHOR, set_up_office


@pytest.fixture(autouse=True)
def no_user_from_outside(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEWSROOM_USER", raising=False)


@pytest.fixture
def office(store: Store) -> Store:
    set_up_office(store)
    return store


def draft(store: Store, **fields: object) -> int:
    article = store.add_article(make_article(status=Status.DRAFT, **fields))
    assert article.id is not None
    return article.id


def actions(store: Store, article_id: int) -> list[Action]:
    return [e.action for e in log.entries(store.database.connection(), article_id)]


def test_three_stages_signed_in_order_approve_the_article(office: Store) -> None:
    article_id = draft(office)
    state = ReviewFlow(office, AUTHOR).submit(article_id)
    assert state.phase is Phase.REVIEW and state.open_stage == 1
    assert office.get_article(article_id).status is Status.REVIEW
    ReviewFlow(office, "李红").sign(article_id, "同意，请复审。")
    ReviewFlow(office, "王强").sign(article_id, "同意。")
    state = ReviewFlow(office, "赵书记").sign(article_id, "同意发布。")
    assert state.phase is Phase.APPROVED
    assert [s.user for s in state.signatures] == ["李红", "王强", "赵书记"]
    assert [s.opinion for s in state.signatures] == ["同意，请复审。", "同意。", "同意发布。"]
    assert office.get_article(article_id).status is Status.APPROVED
    assert actions(office, article_id) == [
        Action.SUBMITTED,
        Action.SIGNED,
        Action.SIGNED,
        Action.SIGNED,
        Action.APPROVED,
    ]


def test_the_author_may_not_sign_their_own_article(office: Store) -> None:
    site = office.site().with_value("stage1", "张明,陈晓")
    office.save_site(site)
    article_id = draft(office)
    ReviewFlow(office, "陈晓").submit(article_id)
    with pytest.raises(ReviewRefused, match="may not sign their own article"):
        ReviewFlow(office, "陈晓").sign(article_id, "同意。")
    assert actions(office, article_id) == [Action.SUBMITTED]


def test_a_person_may_not_sign_a_stage_they_are_not_named_for(office: Store) -> None:
    article_id = draft(office)
    ReviewFlow(office, AUTHOR).submit(article_id)
    with pytest.raises(
        ReviewRefused, match=r"王强 may not sign stage 1 \(初审\); allowed: 张明, 李红"
    ):
        ReviewFlow(office, "王强").sign(article_id, "同意。")
    with pytest.raises(ReviewRefused, match="路人甲 may not sign stage 1"):
        ReviewFlow(office, "路人甲").sign(article_id, "同意。")
    assert ReviewFlow(office, "张明").state(article_id).open_stage == 1


def test_the_same_person_may_not_sign_two_stages_unless_the_office_allows_it(office: Store) -> None:
    office.save_site(office.site().with_value("stage2", "王强,张明"))
    article_id = draft(office)
    ReviewFlow(office, AUTHOR).submit(article_id)
    ReviewFlow(office, "张明").sign(article_id, "同意。")
    with pytest.raises(ReviewRefused, match="already signed an earlier stage"):
        ReviewFlow(office, "张明").sign(article_id, "同意。")
    office.save_site(office.site().with_value("allow_same_signer", "yes"))
    state = ReviewFlow(office, "张明").sign(article_id, "同意。")
    assert [s.user for s in state.signatures] == ["张明", "张明"]


def test_refusals_name_what_is_missing(office: Store) -> None:
    article_id = draft(office)
    with pytest.raises(ReviewRefused, match="say who you are"):
        ReviewFlow(office, "").submit(article_id)
    with pytest.raises(ReviewRefused, match="not waiting for a signature"):
        ReviewFlow(office, "张明").sign(article_id, "同意。")
    ReviewFlow(office, AUTHOR).submit(article_id)
    with pytest.raises(ReviewRefused, match="needs an opinion"):
        ReviewFlow(office, "张明").sign(article_id, "  ")
    with pytest.raises(ReviewRefused, match="returning needs a reason"):
        ReviewFlow(office, "张明").return_(article_id, "")
    with pytest.raises(ReviewRefused, match="already in review"):
        ReviewFlow(office, AUTHOR).submit(article_id)


def test_a_return_needs_a_reason_and_the_author_sees_it(office: Store) -> None:
    article_id = draft(office)
    ReviewFlow(office, AUTHOR).submit(article_id)
    ReviewFlow(office, "张明").sign(article_id, "同意。")
    ReviewFlow(office, "王强").sign(article_id, "同意。")
    state = ReviewFlow(office, "赵书记").return_(article_id, "第二段数字需核实。")
    assert state.phase is Phase.DRAFT and state.returned_reason == "第二段数字需核实。"
    assert office.get_article(article_id).status is Status.DRAFT
    view = ReviewFlow(office, AUTHOR).view(article_id)
    assert view.state.returned_reason == "第二段数字需核实。" and Step.SUBMIT in view.steps
    # Resubmitting starts a new round: every stage signs again.
    state = ReviewFlow(office, AUTHOR).submit(article_id)
    assert state.open_stage == 1 and state.signatures == [] and state.returned_reason == ""


def test_an_edit_after_approval_sends_the_article_back_to_the_first_stage(office: Store) -> None:
    article_id = draft(office)
    ReviewFlow(office, AUTHOR).submit(article_id)
    for signer in ("张明", "王强", "赵书记"):
        ReviewFlow(office, signer).sign(article_id, "同意。")
    approved = office.get_article(article_id)
    saved = office.save_article(dataclasses.replace(approved, title="市总工会召开十五届全委会议"))
    assert saved.status is Status.REVIEW
    assert office.get_article(article_id).status is Status.REVIEW
    state = ReviewFlow(office, "张明").state(article_id)
    assert state.phase is Phase.REVIEW and state.open_stage == 1 and state.signatures == []
    assert actions(office, article_id)[-1] is Action.CHANGED
    # A save that changes nothing on the page (the status alone) is not a change of content.
    assert actions(office, article_id).count(Action.CHANGED) == 1


def test_an_edit_goes_back_to_the_stage_the_office_sets(office: Store) -> None:
    office.save_site(office.site().with_value("review_restart_stage", "2"))
    article_id = draft(office)
    ReviewFlow(office, AUTHOR).submit(article_id)
    ReviewFlow(office, "张明").sign(article_id, "同意。")
    ReviewFlow(office, "王强").sign(article_id, "同意。")
    article = office.get_article(article_id)
    office.save_article(dataclasses.replace(article, body=article.body + "补充一句。\n"))
    state = ReviewFlow(office, "王强").state(article_id)
    assert state.open_stage == 2 and [s.user for s in state.signatures] == ["张明"]


def test_one_and_two_stage_offices(office: Store) -> None:
    office.save_site(office.site().with_value("review_stages", "1").with_value("stage1", "赵书记"))
    article_id = draft(office)
    ReviewFlow(office, AUTHOR).submit(article_id)
    assert ReviewFlow(office, "赵书记").view(article_id).stage_name == "终审"
    assert ReviewFlow(office, "赵书记").sign(article_id, "同意。").phase is Phase.APPROVED


def test_withdrawal_needs_an_approver_or_the_author_and_takes_it_off(office: Store) -> None:
    article_id = draft(office)
    ReviewFlow(office, AUTHOR).submit(article_id)
    for signer in ("张明", "王强", "赵书记"):
        ReviewFlow(office, signer).sign(article_id, "同意。")
    with pytest.raises(ReviewRefused, match="may not withdraw"):
        ReviewFlow(office, "张明").withdraw(article_id, "不再发布。")
    with pytest.raises(ReviewRefused, match="withdrawing needs a reason"):
        ReviewFlow(office, "赵书记").withdraw(article_id, "")
    state = ReviewFlow(office, "赵书记").withdraw(article_id, "活动延期，撤稿。")
    assert state.phase is Phase.DRAFT and state.withdrawn_reason == "活动延期，撤稿。"
    assert office.get_article(article_id).status is Status.DRAFT


def test_waiting_for_me_lists_what_this_person_may_sign_now(office: Store) -> None:
    first, second = draft(office, title="第一篇"), draft(office, title="第二篇")
    ReviewFlow(office, AUTHOR).submit(first)
    ReviewFlow(office, AUTHOR).submit(second)
    ReviewFlow(office, "张明").sign(second, "同意。")
    assert ReviewFlow(office, "李红").waiting_for_me() == [first]
    assert ReviewFlow(office, "张明").waiting_for_me() == [first]
    assert ReviewFlow(office, "王强").waiting_for_me() == [second]
    assert ReviewFlow(office, AUTHOR).waiting_for_me() == []


def test_each_pass_records_the_proofreading_with_ignored_problems_and_reasons(
    office: Store,
) -> None:
    from desktop.proofread import check_article
    from desktop.proofread.wordlist_store import IgnoredProblems, settings_for

    article_id = draft(office, body="会议要求,全市各级工会要突破300个服务站点。\n")
    problems = check_article(office.get_article(article_id), settings_for(office, article_id))
    assert problems, "the half-width comma is a problem"
    IgnoredProblems(office).ignore(article_id, problems[0].key, "引文原样保留")
    ReviewFlow(office, AUTHOR).submit(article_id)
    ReviewFlow(office, "张明").sign(article_id, "同意。")
    entries = log.entries(office.database.connection(), article_id)
    passes = [e.proofreading for e in entries if e.proofreading is not None]
    assert len(passes) == 2
    assert passes[0].ignored == ((problems[0].text, "引文原样保留"),)
    assert passes[0].found == len(problems) - 1


def test_the_log_takes_no_update_and_no_delete(office: Store) -> None:
    article_id = draft(office)
    ReviewFlow(office, AUTHOR).submit(article_id)
    conn = office.database.connection()
    refused = (sqlite3.DatabaseError, peewee.DatabaseError)  # the server's error through Peewee
    with pytest.raises(refused, match="append-only"):
        conn.execute("UPDATE review_log SET user = '别人'")
    with pytest.raises(refused, match="append-only"):
        conn.execute("DELETE FROM review_log")
    office.trash_article(article_id)
    office.delete_forever([article_id])
    assert [e.user for e in log.entries(conn, article_id)] == [AUTHOR]


def test_restoring_an_approved_revision_does_not_make_it_approved_again(office: Store) -> None:
    article_id = draft(office)
    ReviewFlow(office, AUTHOR).submit(article_id)
    for signer in ("张明", "王强", "赵书记"):
        ReviewFlow(office, signer).sign(article_id, "同意。")
    approved = office.get_article(article_id)
    edited = office.save_article(dataclasses.replace(approved, title="改过的标题"))
    assert edited.status is Status.REVIEW
    revision = next(
        r
        for r in office.revisions(article_id)
        if office.revision(r.id).article.status is Status.APPROVED
    )
    restored = office.restore_revision(article_id, revision.id, edited.version)
    assert restored.title == approved.title
    assert restored.status is not Status.APPROVED
    state = ReviewFlow(office, "张明").state(article_id)
    assert state.phase is Phase.REVIEW and state.signatures == []
    approvals = [a for a in actions(office, article_id) if a is Action.APPROVED]
    assert len(approvals) == 1  # nothing was forged by the restore


def test_added_approved_articles_are_recorded_as_approved_before_the_record(store: Store) -> None:
    article = store.add_article(make_article(status=Status.PUBLISHED))
    assert article.id is not None
    (entry,) = log.entries(store.database.connection(), article.id)
    assert entry.action is Action.APPROVED_BEFORE_RECORD
    assert entry.text == "approved before sign-off was recorded"
    assert ReviewFlow(store, "张明").state(article.id).phase is Phase.APPROVED
    assert log.entries(store.database.connection(), draft(store)) == []
