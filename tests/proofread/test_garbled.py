"""Garbled text (乱码) from wrong decodings, repaired where the bytes survive."""

from __future__ import annotations

import pytest

from desktop.proofread import Severity

from .helpers import problems, spans

TEXT = "全市各级工会积极开展送温暖活动"


def test_utf8_read_as_gbk_is_repaired() -> None:
    garbled = "全市各级工会".encode().decode("gbk")  # 鍏ㄥ競鍚勭骇宸ヤ細
    (problem,) = problems(f"通知：{garbled}。")
    assert problem.kind.value == "garbled"
    assert problem.severity is Severity.SERIOUS
    assert problem.text == garbled
    assert problem.suggestion == "全市各级工会"


def test_utf8_read_as_latin1_is_repaired() -> None:
    garbled = "工会".encode().decode("cp1252")  # å·¥ä¼š
    assert ("garbled", garbled, "工会") in spans(f"市总{garbled}召开会议")


def test_gbk_read_as_latin1_is_repaired() -> None:
    garbled = "职工群众".encode("gbk").decode("latin-1")
    assert ("garbled", garbled, "职工群众") in spans(f"服务{garbled}。")


def test_lost_characters_are_serious_without_a_fix() -> None:
    assert ("garbled", "\ufffd\ufffd", None) in spans("市总工会\ufffd\ufffd会议")
    assert ("garbled", "锟斤拷锟斤拷", None) in spans("锟斤拷锟斤拷工会")
    (problem,) = problems("会员??人")
    assert problem.severity is Severity.SERIOUS


def test_a_lone_question_mark_inside_chinese_is_punctuation_not_garbage() -> None:
    # One '?' cannot be told from a half-width question mark: the typography check has it.
    assert [k for k, _, _ in spans("真的吗?是的")] == ["half-width-punctuation"]
    assert [k for k, _, _ in spans("会员?人")] == ["half-width-punctuation"]
    # The reviews' own lost characters (音?一般) are not reported as garbled text either.
    assert [k for k, _, _ in spans("音?一般，音量?可以")] == ["half-width-punctuation"] * 2
    # Beside other garbled characters a lone '?' belongs to the garbled stretch.
    damaged = "施“山水田".encode().decode("gbk", errors="replace").replace("\ufffd", "?")
    text = f"他们实{damaged}林路人口综合治理工程”"
    (problem,) = [p for p in problems(text) if p.kind.value == "garbled"]
    assert "?" in problem.text and problem.severity is Severity.SERIOUS
    assert problem.suggestion is None  # the lost bytes leave the repair uncertain


def test_long_mojibake_becomes_one_problem() -> None:
    garbled = TEXT.encode().decode("gbk", errors="replace")
    found = problems(garbled)
    assert len(found) == 1
    assert found[0].start == 0 and found[0].end == len(garbled)


@pytest.mark.parametrize(
    "text",
    [
        TEXT,
        "café Müller naïve façade",
        "温度 25°C，面积 30m²，价格 ¥100",
        "阿依古丽·买买提，“……”——",
        "我们的嵘、堃、喆、昇等名字用字",
        "《中华人民共和国工会法》第三十条",
    ],
)
def test_correct_text_is_not_garbled(text: str) -> None:
    assert [k for k, _, _ in spans(text) if k == "garbled"] == []


PARAGRAPH = (
    "全市各级工会要认真贯彻落实会议精神，切实做好困难职工帮扶工作，"
    "确保“县级工会加强年”各项任务落到实处。"
)


@pytest.mark.parametrize(
    "garbled",
    [
        PARAGRAPH.encode("gbk").decode("latin-1"),  # a whole paragraph of GBK read as Latin-1
        PARAGRAPH.encode().decode("latin-1"),  # and of UTF-8
    ],
)
def test_a_whole_garbled_paragraph_is_repaired_in_one_piece(garbled: str) -> None:
    (problem,) = problems(garbled)
    assert problem.severity is Severity.SERIOUS
    assert (problem.start, problem.end) == (0, len(garbled))
    assert problem.suggestion == PARAGRAPH


@pytest.mark.parametrize(
    "garbled",
    [
        # UTF-8 read as Latin-1 twice over: one re-reading gives Latin letters again.
        TEXT.encode().decode("latin-1").encode().decode("latin-1"),
        # UTF-8 read as GBK twice over: one re-reading gives more rare characters.
        TEXT.encode().decode("gbk", errors="replace").encode().decode("gbk", errors="replace"),
    ],
)
def test_double_encoded_utf8_is_flagged_without_an_invented_fix(garbled: str) -> None:
    found = [p for p in problems(f"通知：{garbled}。") if p.kind.value == "garbled"]
    assert found and all(p.severity is Severity.SERIOUS for p in found)
    assert [p.suggestion for p in found if p.suggestion is not None] == []


def test_gbk_read_as_big5_is_flagged_but_not_repaired() -> None:
    # Both readings are ordinary characters: which one is right cannot be certain.
    garbled = "有利于".encode("gbk").decode("big5")  # 衄瞳衾
    text = f"就一定会{garbled}台湾经济和社会的发展。"
    (problem,) = [p for p in problems(text) if p.kind.value == "garbled"]
    assert problem.text == garbled and problem.severity is Severity.SERIOUS
    assert problem.suggestion is None


def test_no_repair_stops_short_of_the_garbled_stretch() -> None:
    # 基本原则在改革开 read as GBK: the last bytes share characters with the next ones.
    garbled = "基本原则在改革开".encode().decode("gbk", errors="replace")
    text = f"四项{garbled}放中"
    for problem in problems(text):
        if problem.suggestion is not None:
            fixed = text[: problem.start] + problem.suggestion + text[problem.end :]
            assert fixed == "四项基本原则在改革开放中"


def test_every_repair_offered_on_damaged_prose_gives_the_original_back() -> None:
    import random

    from desktop.proofread.garbled import check_garbled
    from tests.perf.bench_proofread import _repair_is_right
    from tests.perf.garbled_corpus import damaged

    offered = 0
    for d in damaged(random.Random(8), 40):
        findings = list(check_garbled(d.text))
        if any(f.suggestion is not None for f in findings):
            offered += 1
            assert _repair_is_right(d.text, d.clean, findings), (d.kind, d.text)
    assert offered >= 50  # the Latin-1 and UTF-8 kinds are repaired, not only flagged


def test_sample_articles_have_no_garbled_text() -> None:
    from desktop.proofread.garbled import check_garbled
    from desktop.resources import resource_path

    paths = sorted(resource_path("samples", "articles").glob("*.md"))
    assert len(paths) >= 10
    found = [
        (path.name, text[f.start : f.end])
        for path in paths
        for text in [path.read_text("utf-8")]
        for f in check_garbled(text)
    ]
    assert found == []


def test_clean_corpus_has_no_garbled_alarm() -> None:
    from desktop.proofread.garbled import check_garbled
    from tests.perf.garbled_corpus import clean_sentences

    alarms = [(s, s[f.start : f.end]) for s in clean_sentences() for f in check_garbled(s)]
    assert alarms == []
