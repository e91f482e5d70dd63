"""Garbled spans from round trips between UTF-8, GBK, Big5 and Latin-1; clean text left alone."""

from __future__ import annotations

import random

import pytest

from desktop.proofread import Field, ProblemKind, ProofreadSettings, check_text
from desktop.proofread.garbled import check_garbled
from desktop.proofread.problem import Severity
from desktop.proofread.roundtrip import check_round_trips, repair
from tests.perf.garbled_corpus import DAMAGE, clean_sentences, damaged


def _garbled(text: str) -> list[str]:
    return [text[f.start : f.end] for f in check_garbled(text) if f.severity is Severity.SERIOUS]


@pytest.mark.parametrize(
    ("text", "inside"),
    [
        ("会议确?!翱h級工會加強年”活动", "?!翱h"),  # from a real union site's page
        ("助推當?shù)夭璁a業發展", "?sh"),
    ],
)
def test_real_garbled_spans_from_a_site_are_serious(text: str, inside: str) -> None:
    spans = _garbled(text)
    assert any(inside in span for span in spans), spans


def test_utf8_read_as_big5_is_found_and_repaired() -> None:
    damaged_text = "工人".encode().decode("big5")
    text = f"全市{damaged_text}代表召开会议。"
    findings = [f for f in check_garbled(text) if f.suggestion]
    assert [f.suggestion for f in findings] == ["工人"]


def test_traditional_utf8_read_as_gbk_is_repaired() -> None:
    assert repair("縣級工會".encode().decode("gbk")) == ("縣級工會", "UTF-8 read as GBK")


def test_kunkao_with_other_characters_is_found() -> None:
    assert _garbled("员拥锟叫丰富的经验")


@pytest.mark.parametrize(
    "clean",
    [
        "小S和大S的书",
        "重複N遍",
        "在噹噹網買書",
        "邛崃、大邑",
        "玉溪捲菸廠",
        "你好吗?我很好",
        "嗞嗞响",
    ],
)
def test_rare_words_and_capitals_are_not_garbled(clean: str) -> None:
    assert list(check_round_trips(clean)) == []
    assert _garbled(clean) == []


def test_clean_corpus_has_no_serious_garbled_alarm() -> None:
    sentences = clean_sentences()
    assert len(sentences) > 5000
    alarms = [(s, span) for s in sentences for span in _garbled(s)]
    assert alarms == []


def test_most_damaged_spans_of_every_kind_are_found() -> None:
    found = {kind: 0 for kind in DAMAGE}
    for d in damaged(random.Random(3), 30):
        found[d.kind] += any(f.start < d.end and d.start < f.end for f in check_garbled(d.text))
    # The kinds whose output is plain Chinese of the other script are the weak ones.
    weak = {"GBK read as Big5", "Big5 read as GBK", "GBK with a lost byte"}
    for kind, hits in found.items():
        assert hits >= (15 if kind in weak else 26), (kind, hits)


def test_garbled_round_trip_is_a_serious_problem_of_the_article() -> None:
    body = "全市" + "职工之家".encode().decode("big5", errors="replace") + "建设。"
    problems = check_text(body, Field.BODY, ProofreadSettings())
    assert any(p.kind is ProblemKind.GARBLED and p.severity is Severity.SERIOUS for p in problems)


@pytest.mark.parametrize(
    ("original", "before", "after"),
    [("工作", "第四条防震减灾", "，应当纳入计划。"), ("期间", "“九五”", "，我国还要")],
)
def test_gbk_read_as_utf8_with_question_marks_beside_punctuation_is_found(
    original: str, before: str, after: str
) -> None:
    damaged_text = original.encode("gbk").decode("utf-8", errors="replace").replace("\ufffd", "?")
    assert _garbled(before + damaged_text + after), damaged_text


def test_emphatic_question_marks_are_not_garbled() -> None:
    assert _garbled("真的吗??我不信。") == []
    assert _garbled("房间太小了！??") == []


def test_gbk_read_as_big5_without_odd_characters_is_found_by_its_word_pairs() -> None:
    # 卡帕說非洲不要 read as Big5: ordinary traditional characters in no word's order.
    damaged_text = "非洲不要".encode("gbk").decode("big5")
    text = f"尼亞總統說{damaged_text}外來的教師爺。"
    found = [f for f in check_garbled(text) if f.severity is Severity.SERIOUS]
    # 準 (for 非) happens to make a word with 說 before it; the rest of the run is found.
    assert any(text[f.start : f.end] == damaged_text[1:] for f in found), found
    assert all(f.suggestion is None for f in found)


@pytest.mark.parametrize(
    "clean",
    ["遼寧省大窪縣認真落實", "接近小孩尿尿，而且要", "自己不断揣磨", "參加《歐華時報》組織的活動"],
)
def test_real_words_that_reread_as_words_are_not_garbled(clean: str) -> None:
    assert _garbled(clean) == []


@pytest.mark.parametrize(
    ("text", "damaged_text"),
    [
        ("本腩A訂回上海的機票", "腩A"),  # 想預 one byte late: 預's trail byte is a capital
        ("這是矗立谶\\動員村正門", "谶\\"),  # 在運 one byte late: a backslash alone
    ],
)
def test_a_byte_lost_from_gbk_is_found(text: str, damaged_text: str) -> None:
    spans = _garbled(text)
    assert any(span in damaged_text or damaged_text in span for span in spans), spans


@pytest.mark.parametrize(
    "clean", ["他买A股赚了钱", "小S和大S", "会员T恤发放", "顶~顶牧玲爷爷", "微博@市总工会发布"]
)
def test_capitals_and_marks_in_real_prose_are_not_garbled(clean: str) -> None:
    assert _garbled(clean) == []


def test_one_bopomofo_or_kana_among_chinese_is_garbled_but_no_is_not() -> None:
    # GBK's full-width comma read as Big5 is ㄛ: 距离，步行 becomes 距离ㄛ祭行.
    assert _garbled("站有些距离ㄛ祭行要20分钟")
    assert _garbled("小清新の店很好看") == []
