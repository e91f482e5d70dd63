"""Hidden characters (controls, format marks, private use) are shown with kind and position."""

from __future__ import annotations

from desktop.proofread import (
    Check,
    Field,
    ProblemKind,
    ProofreadSettings,
    Severity,
    apply_fix,
    check_article,
    check_text,
)
from desktop.proofread.hidden import code_point_name
from tests.conftest import make_article

HIDDEN = ProblemKind.HIDDEN_CHARACTER


def hidden(text: str, which: Field = Field.BODY) -> list[tuple[int, int, str, Severity]]:
    return [
        (p.start, p.end, p.text, p.severity)
        for p in check_text(text, which, ProofreadSettings())
        if p.kind is HIDDEN
    ]


def test_a_private_use_character_in_the_body_is_found_where_it_is() -> None:
    body = "**一是抓学习。**会议\ue000要求。\n\n第二段\U000f0001。\n"
    assert hidden(body) == [
        (12, 13, "\ue000", Severity.MINOR),  # offsets into the Markdown, ** included
        (21, 22, "\U000f0001", Severity.MINOR),
    ]


def test_a_private_use_character_in_the_body_is_not_deleted_blindly() -> None:
    (problem,) = [p for p in check_text("字体\ue000。", Field.BODY, ProofreadSettings())]
    assert problem.suggestion is None  # a font may draw something there
    assert "U+E000 PRIVATE USE" in problem.message


def test_a_bidi_override_is_serious_and_removed_by_its_fix() -> None:
    text = "会议通过\u202e议决\u202c。"
    problems = [p for p in check_text(text, Field.BODY, ProofreadSettings()) if p.kind is HIDDEN]
    assert [(p.start, p.severity) for p in problems] == [
        (4, Severity.SERIOUS),
        (7, Severity.SERIOUS),
    ]
    assert apply_fix(apply_fix(text, problems[1]), problems[0]) == "会议通过议决。"


def test_line_breaks_are_text_in_the_body_but_hidden_in_a_title() -> None:
    assert hidden("第一段。\n\n第二段。\n") == []
    (problem,) = [
        p
        for p in check_text("市总工会\t召开会议", Field.TITLE, ProofreadSettings())
        if p.kind is HIDDEN
    ]
    assert (problem.start, problem.end, problem.suggestion) == (4, 5, " ")


def test_a_run_of_hidden_characters_is_one_problem() -> None:
    assert hidden("工会\u200b\u200d\ufeff动态", Field.SUMMARY) == [
        (2, 5, "\u200b\u200d\ufeff", Severity.MINOR)
    ]


def test_hidden_characters_in_every_field_and_caption_are_reported() -> None:
    article = make_article(
        title="标题\ue000",
        kicker="引题\ue000",
        subtitle="副标题\ue000",
        summary="摘要\ue000",
        author="作者\ue000",
        source="来源\ue000",
        body="正文\ue000。\n\n![会议\ue000现场](images/a.jpg)\n",
    )
    found = {(p.field, p.text) for p in check_article(article) if p.kind is HIDDEN}
    assert {which for which, _ in found} == {
        Field.TITLE,
        Field.KICKER,
        Field.SUBTITLE,
        Field.SUMMARY,
        Field.AUTHOR,
        Field.SOURCE,
        Field.BODY,
        Field.CAPTION,
    }
    assert {text for _, text in found} == {"\ue000"}


def test_the_check_is_switched_off_with_the_garbled_text_check() -> None:
    settings = ProofreadSettings(checks=frozenset(Check) - {Check.GARBLED})
    assert not [p for p in check_text("工会\ue000", Field.TITLE, settings) if p.kind is HIDDEN]


def test_code_points_are_named_for_people() -> None:
    assert code_point_name("\u202e") == "U+202E RIGHT-TO-LEFT OVERRIDE"
    assert code_point_name("\x07") == "U+0007 CONTROL"
    assert code_point_name("\U000f0001") == "U+F0001 PRIVATE USE"
