"""check_article over every field, Markdown offsets, fixes and ignoring."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.article_file import read_article_file
from desktop.proofread import (
    Field,
    ProblemKind,
    ProofreadSettings,
    Severity,
    StaleProblem,
    apply_fix,
    check_article,
    field_text,
    fix_all,
    has_serious,
)
from tests.conftest import REPO, make_article

from .helpers import problems, spans

SAMPLES = sorted((REPO / "resources" / "samples" / "articles").glob("*.md"))


def test_every_field_is_checked() -> None:
    article = make_article(
        title="全市工会再接再励",
        kicker="凝心聚力,建功立业",
        subtitle="——2024年上半年工作综述.",
        summary="上半年 全市各级工会",
        author="市总工会付主席",
        body="正文,内容。\n\n![会议现场,摄影](images/a.jpg)\n",
    )
    fields = {p.field for p in check_article(article)}
    assert {
        Field.TITLE,
        Field.KICKER,
        Field.SUBTITLE,
        Field.SUMMARY,
        Field.AUTHOR,
        Field.BODY,
        Field.CAPTION,
    } <= fields


def test_offsets_point_into_each_field_text() -> None:
    article = make_article(summary="上半年,全市", body="**一是抓学习。**会议要求,全市各级工会\n")
    for problem in check_article(article):
        assert field_text(article, problem.field)[problem.start : problem.end] == problem.text


def test_markdown_syntax_is_not_flagged_but_its_text_is() -> None:
    body = (
        "# 标题,一\n\n"
        "**一是抓学习。**会议要求,全市。\n\n"
        '访问[通知原文](https://www.example.org/a,b.html "原文,链接")了解。\n\n'
        "| 项目 | 数量 |\n|:--|--:|\n| 工会,好 | 3个 |\n\n"
        "- 列表项,第一\n1. 第一项\n\n"
        "`code,x` 代码中\n\n```\ncode block, 中文,\n```\n\n"
        '![图为会议现场,摄影:张三](images/会议,图.jpg "现场图片,很好")\n'
    )
    found = problems(body)
    flagged = [(p.field, p.text, body[p.start - 2 : p.start]) for p in found]
    assert all(p.text in (",", ":") for p in found), flagged
    contexts = {body[p.start - 2 : p.end + 1] for p in found}
    assert contexts == {
        "标题,一",
        "要求,全",
        "工会,好",
        "列表项,第"[1:],
        "现场,摄",
        "摄影:张",
        "图片,很",
    }
    captions = [p for p in found if p.field is Field.CAPTION]
    assert len(captions) == 3


def test_a_span_across_markdown_syntax_gets_no_blind_fix() -> None:
    (problem,) = [p for p in problems("大家要再接**再励**，") if p.kind is ProblemKind.COMMON_ERROR]
    assert problem.text == "再接**再励"
    assert problem.suggestion is None


def test_apply_fix_and_fix_all() -> None:
    text = "会议要求,全市各级工会,突破 300 个。"
    found = problems(text, Field.SUMMARY)
    first = found[0]
    assert apply_fix(text, first) == "会议要求，全市各级工会,突破 300 个。"
    assert (
        fix_all(text, found, ProblemKind.HALF_WIDTH_PUNCTUATION)
        == "会议要求，全市各级工会，突破 300 个。"
    )
    assert fix_all(text, found) == "会议要求，全市各级工会，突破300个。"
    assert problems(fix_all(text, found), Field.SUMMARY) == []


def test_fix_all_in_a_markdown_body_keeps_the_syntax() -> None:
    body = "**一是抓学习。**会议要求,全市各级工会.\n\n![现场,图](a.jpg)\n"
    fixed = fix_all(body, problems(body))
    assert fixed == "**一是抓学习。**会议要求，全市各级工会。\n\n![现场，图](a.jpg)\n"


def test_a_stale_problem_is_refused() -> None:
    text = "会议要求,全市"
    (problem,) = problems(text)
    with pytest.raises(StaleProblem):
        apply_fix("新的文字" + text, problem)
    assert fix_all("新的文字" + text, [problem]) == "新的文字" + text


def test_keys_survive_edits_elsewhere_and_ignoring_hides_the_problem() -> None:
    text = "市总工会召开全委会议，会议要求,全市各级工会。"
    (before,) = problems(text)
    (after,) = problems("今天上午，" + text + "大家表示赞同。")
    assert before.key == after.key and before.start != after.start
    settings = ProofreadSettings().with_ignored({before.key})
    assert problems(text, settings=settings) == []


def test_garbled_text_wins_over_typography_on_the_same_span() -> None:
    assert [k for k, _, _ in spans("会员??人")] == ["garbled"]


def test_serious_and_minor() -> None:
    assert not has_serious(problems("会议要求,全市"))
    assert has_serious(problems("内部资料"))
    assert problems("内部资料")[0].severity is Severity.SERIOUS


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_sample_articles_have_no_serious_problems(path: Path) -> None:
    found = check_article(read_article_file(path))
    assert [p for p in found if p.severity is Severity.SERIOUS] == []


def test_a_long_article_is_checked_as_its_parts_are() -> None:
    """Three sample articles in one body give each one's problems, at their own places.

    How long checking takes is measured by tests/perf/bench_proofread.py.
    """
    mistake = "会议要求,全市各级工会再接再励。"
    bodies = [read_article_file(p).body.rstrip("\n") + "\n\n" + mistake for p in SAMPLES[:3]]
    expected: list[tuple[ProblemKind, int, int, str]] = []
    offset = 0
    for body in bodies:
        for problem in check_article(make_article(body=body + "\n")):
            if problem.field is Field.BODY:
                expected.append(
                    (problem.kind, offset + problem.start, offset + problem.end, problem.text)
                )
        offset += len(body) + 2
    found = check_article(make_article(body="\n\n".join(bodies) + "\n"))
    whole = [(p.kind, p.start, p.end, p.text) for p in found if p.field is Field.BODY]
    assert sorted(whole) == sorted(expected)
    assert {ProblemKind.HALF_WIDTH_PUNCTUATION, ProblemKind.COMMON_ERROR} <= {k for k, *_ in whole}


def test_a_check_that_breaks_names_the_field_instead_of_saying_no_problems(monkeypatch) -> None:
    import desktop.proofread.checker as checker
    from desktop.proofread import ProblemKind, Severity, has_serious
    from tests.conftest import make_article

    def broken(*args, **kwargs):
        raise ValueError("call limit reached\n --> 1:1")

    monkeypatch.setattr(checker, "check_typography", broken)
    problems = checker.check_article(make_article(title="标题", body="正文，第一段。\n"))
    failed = [p for p in problems if p.kind is ProblemKind.CHECK_FAILED]
    assert {p.field.value for p in failed} >= {"title", "body"}
    assert all(p.severity is Severity.SERIOUS for p in failed) and has_serious(problems)
    assert "ValueError: call limit reached" in failed[0].message
