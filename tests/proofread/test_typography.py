"""Typography in the office's style: punctuation, quotes, brackets and spaces."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.proofread import Field, ProblemKind
from desktop.proofread.typography import check_typography, local_edits

from .helpers import spans


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("会议要求,全市各级工会", ("half-width-punctuation", ",", "，")),
        ("全市突破300个站点.", ("half-width-punctuation", ".", "。")),
        ("时间:上午9:00", ("half-width-punctuation", ":", "：")),
        ("真的吗?是的", ("half-width-punctuation", "?", "？")),
        ("加油!职工们", ("half-width-punctuation", "!", "！")),
        ("一是抓学习;二是强服务", ("half-width-punctuation", ";", "；")),
        ("共300人,其中女职工120人", ("half-width-punctuation", ",", "，")),
        ("突破３００个", ("full-width-alphanumeric", "３００", "300")),
        ("各县(区)总工会", ("brackets", "(", "（")),
        ("（市总工会组宣部)", ("brackets", ")", "）")),
        ('他说"好的"', ("quotes", '"', "“")),
        ("他说“好的“。", ("quotes", "“", "”")),
        ("好，，好", ("doubled-punctuation", "，，", "，")),
        ("完成了，。", ("doubled-punctuation", "，。", "。")),
        ("等等...还有", ("dash-ellipsis", "...", "……")),
        ("等等。。。还有", ("dash-ellipsis", "。。。", "……")),
        ("会议—重要", ("dash-ellipsis", "—", "——")),
        ("会议--重要", ("dash-ellipsis", "--", "——")),
        ("全市 各级工会", ("space", " ", "")),
        ("工会 ，突破", ("space", " ", "")),
        ("突破 300个", ("space-digit", " ", "")),
        ("突破300 个", ("space-digit", " ", "")),
    ],
)
def test_flags_office_style_problems(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in spans(text)


@pytest.mark.parametrize(
    "text",
    [
        "突破300个服务站点，全市各级工会。",
        "会议于10:30召开，增长3.5%，日期2023-07-06。",
        "约1,000人参加，第1,2,3名获奖。",
        'He said "hello, world." and left.',
        "We did it. It's done, isn't it?",
        "访问 https://www.example.org/a,b.html 了解详情。",
        "版本号v1.2.3，文件config.yaml。",
        "Python(3.11) is (good); x = f(a, b)",
        "“凝心聚力”。全市各级工会……推进——落实",
        "他说：“他讲‘好的’。”",
        "各县（区）总工会（见附件1）",
        "2023年7月6日上午",
        "",
    ],
)
def test_correct_text_is_not_flagged(text: str) -> None:
    assert spans(text) == []


def test_the_office_style_never_asks_for_a_space_before_digits_or_latin() -> None:
    assert spans("突破300个站点，用Python写代码，增长3.5%。") == []


def test_quotes_inside_english_are_left_alone_next_to_chinese() -> None:
    assert spans('他说了一句 "OK" 就走了。') == [] or all(
        k != "quotes" for k, _, _ in spans('他说了一句 "OK" 就走了。')
    )


def test_unbalanced_quotes_and_brackets_have_no_guess() -> None:
    assert ("quotes", "“", None) in spans("他说“好的。")
    assert ("brackets", "（", None) in spans("（未闭合的括号")
    assert ("brackets", "）", None) in spans("多余的括号）")


def test_headlines_may_separate_phrases_with_one_space() -> None:
    assert spans("凝心聚力 建功立业", Field.KICKER) == []
    assert spans("市总工会组宣部 张三", Field.AUTHOR) == []
    assert ("space", "  ", "") in spans("凝心聚力  建功立业", Field.TITLE)
    assert ("space", " ", "") in spans("凝心聚力 建功立业", Field.SUMMARY)


def test_kinds_are_reported_for_the_gui() -> None:
    kinds = {k for k, _, _ in spans("会议要求,全市 各级工会突破 300 个站点")}
    assert {
        ProblemKind.HALF_WIDTH_PUNCTUATION.value,
        ProblemKind.SPACE.value,
        ProblemKind.SPACE_BEFORE_DIGIT.value,
    } <= kinds


@given(
    st.text(alphabet="工会职工，,。. 300a", max_size=80),
    st.text(alphabet="工会，,。. 3a", max_size=80),
)
def test_local_edits_turn_one_text_into_the_other(old: str, new: str) -> None:
    out, last = [], 0
    for i1, i2, j1, j2 in local_edits(old, new):
        assert last <= i1 <= i2
        out += [old[last:i1], new[j1:j2]]
        last = i2
    out.append(old[last:])
    assert "".join(out) == new


def test_a_long_paragraph_full_of_half_width_commas_is_checked_whole() -> None:
    # One line of 290,000 characters with 10,000 problems: autocorrect's parser refuses so
    # long a text at once, and aligning its answer must stay linear.
    sentence = "全市各级工会组织职工参加技能竞赛，突破300人,成绩优异。"
    text = sentence * 10_000
    problems = list(check_typography(text, Field.BODY))
    commas = [p for p in problems if p.kind is ProblemKind.HALF_WIDTH_PUNCTUATION]
    assert len(commas) == 10_000
    assert all(text[p.start : p.end] == "," and p.suggestion == "，" for p in commas)
