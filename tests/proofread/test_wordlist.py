"""Word lists: the shipped list of common errors and the file format."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.proofread import (
    Field,
    Problem,
    ProofreadSettings,
    Severity,
    WordEntry,
    WordList,
    check_text,
)
from desktop.proofread.problem import ProblemKind
from desktop.proofread.wordlist import (
    WordListError,
    format_word_list,
    parse_word_list,
    read_word_list_file,
    starter_word_list,
)

from .helpers import spans


def test_starter_list_has_at_least_forty_entries() -> None:
    assert len(starter_word_list().entries) >= 40


@pytest.mark.parametrize(
    ("text", "wrong", "right"),
    [
        ("大家要再接再励，", "再接再励", "再接再厉"),
        ("面对困难一愁莫展", "一愁莫展", "一筹莫展"),
        ("上门按装空调", "按装", "安装"),
        ("既使下雨也要去", "既使", "即使"),
        ("会议强调要布署好工作", "布署", "部署"),
        ("中国总工会召开会议", "中国总工会", "中华全国总工会"),
        ("市总工会付主席李明", "付主席", "副主席"),
        ("人力资源与社会保障局", "人力资源与社会保障", "人力资源和社会保障"),
    ],
)
def test_common_errors_are_flagged_with_the_right_form(text: str, wrong: str, right: str) -> None:
    assert ("common-error", wrong, right) in spans(text)


def test_a_suggestion_containing_the_wrong_form_excuses_it() -> None:
    assert spans("中华全国总工会召开会议。") == []
    assert ("common-error", "全国总工会", "中华全国总工会") in spans("全国总工会召开会议。")
    assert spans("学习习近平新时代中国特色社会主义思想。") == []


def test_exceptions_excuse_correct_words_containing_the_wrong_form() -> None:
    words = WordList((WordEntry("全总", "中华全国总工会", exceptions=("完全总结", "安全总监")),))
    settings = ProofreadSettings(office_words=words)
    assert spans("要完全总结经验，安全总监到场。", settings=settings) == []
    found = spans("全总召开会议。", settings=settings)
    assert ("office-word", "全总", "中华全国总工会") in found


def test_longest_entry_wins_and_severity_is_the_entry_s() -> None:
    words = WordList(
        (WordEntry("总工会", "", Severity.MINOR), WordEntry("市总工会", "", Severity.SERIOUS))
    )
    settings = ProofreadSettings(office_words=words, starter_words=WordList())
    problems = _problems("澜江市总工会", settings)
    assert [(p.text, p.severity) for p in problems] == [("市总工会", Severity.SERIOUS)]


def _problems(text: str, settings: ProofreadSettings) -> list[Problem]:
    return check_text(text, Field.BODY, settings)


def test_forbidden_term_without_suggestion() -> None:
    settings = ProofreadSettings(office_words=WordList((WordEntry("某旧称"),)))
    (problem,) = _problems("文件中出现某旧称。", settings)
    assert problem.kind is ProblemKind.OFFICE_WORD
    assert problem.suggestion is None
    assert problem.severity is Severity.SERIOUS


def test_file_format_round_trip() -> None:
    entries = [
        WordEntry("既使", "即使", Severity.MINOR, "既…又… is fine"),
        WordEntry("全总", "中华全国总工会", Severity.SERIOUS, "", ("完全总结", "安全总监")),
        WordEntry("某旧称"),
    ]
    assert parse_word_list(format_word_list(entries)) == entries


def test_reads_spreadsheet_csv_in_gbk_with_header(tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_bytes("错误写法,建议,严重程度,说明\n按装,安装,一般,常见错字\n".encode("gbk"))
    assert read_word_list_file(path) == [WordEntry("按装", "安装", Severity.MINOR, "常见错字")]


def test_reads_utf8_with_bom(tmp_path: Path) -> None:
    path = tmp_path / "list.txt"
    path.write_text("\ufeff# comment\n按装\t安装\n", encoding="utf-8")
    assert read_word_list_file(path) == [WordEntry("按装", "安装")]


def test_bad_severity_names_the_entry() -> None:
    with pytest.raises(WordListError, match="按装"):
        parse_word_list("按装\t安装\tvery bad\n")
