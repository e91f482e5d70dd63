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


def test_a_question_mark_after_a_question_word_is_punctuation_not_garbage() -> None:
    assert [k for k, _, _ in spans("真的吗?是的")] == ["half-width-punctuation"]
    assert [k for k, _, _ in spans("会员?人")] == ["garbled"]


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
