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
    assert all(hits >= 28 for hits in found.values()), found


def test_damaged_spans_of_the_held_out_set_are_found() -> None:
    from tests.perf.garbled_corpus import held_out_sentences

    found = {kind: 0 for kind in DAMAGE}
    for d in damaged(random.Random(3), 60, held_out_sentences()):
        found[d.kind] += any(f.start < d.end and d.start < f.end for f in check_garbled(d.text))
    # GBK read as Big5 gives ordinary characters of the other script: the weakest kind.
    assert all(hits >= (52 if kind == "GBK read as Big5" else 55) for kind, hits in found.items())
    assert sum(found.values()) >= 0.98 * 60 * len(DAMAGE), found


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


def test_utf8_read_as_gbk_among_gbk_symbols_and_in_traditional_text_is_found() -> None:
    # 计划 read as GBK is 璁″垝: the ″ between is one of GBK's symbols.
    damaged_text = "计划".encode().decode("gbk")
    findings = list(check_garbled(f"在这些国家里，这种{damaged_text}不久便告结束"))
    assert [f.suggestion for f in findings] == ["计划"]
    # 的風 read as GBK: 風 is no GB2312 character, but a common 繁體 one.
    damaged_text = "的風".encode().decode("gbk", errors="replace")
    assert _garbled(f"往昔{damaged_text}雲際會，史冊")


def test_utf8_read_as_big5_is_found_by_the_utf8_in_its_bytes() -> None:
    damaged_text = "高增长水平".encode().decode("big5", errors="replace")
    assert _garbled(f"经济保持了{damaged_text}；但由于美国")


def test_gbk_read_as_cp1252_is_repaired_across_its_ascii_trail_bytes() -> None:
    damaged_text = "進行".encode("gbk").decode("cp1252")  # ßMÐÐ: 0x4D is an M
    text = f"對此{damaged_text}了深入討論"
    assert [f.suggestion for f in check_garbled(text)] == ["進行"]


def test_no_repair_is_offered_when_the_garbled_stretch_goes_on_past_a_word() -> None:
    from tests.perf.bench_proofread import _repair_is_right

    clean = "也蠻新奇，可以控制ppt的播放，可以躺著"
    damaged_text = "制ppt的播".encode("gbk").decode("cp1252")  # ÖÆpptµÄ²¥
    text = clean.replace("制ppt的播", damaged_text)
    findings = list(check_garbled(text))
    assert findings
    assert all(f.suggestion is None for f in findings) or _repair_is_right(text, clean, findings)


def test_gbk_punctuation_read_as_big5_symbols_is_found() -> None:
    damaged_text = "、第".encode("gbk").decode("big5")  # ﹜菴
    assert _garbled(f"第一届{damaged_text}二届获奖") == [damaged_text]


def test_a_byte_lost_from_gbk_before_a_lone_trail_byte_is_found() -> None:
    # 的科研人員 one byte late ends in a T standing alone: 目蒲腥藛T.
    damaged_text = "的科研人員".encode("gbk")[1:].decode("gbk")
    text = f"任何一個研究所{damaged_text}坐在辦公室的"
    assert any("T" in span for span in _garbled(text))


def test_question_marks_after_a_comma_are_lost_characters_not_emphasis() -> None:
    damaged_text = "加以整治".encode("gbk").decode("utf-8", errors="replace").replace("\ufffd", "?")
    assert _garbled(f"对这些问题要采取切實措施，{damaged_text}。")
    assert _garbled(f"{damaged_text}大型丛书")  # at the start of a text
    assert _garbled("房间太小了！??") == []


def test_tuning_and_held_out_sets_share_no_source_and_no_sentence() -> None:
    from tests.perf.garbled_corpus import (
        HELD_OUT_SOURCES,
        TUNING_SOURCES,
        held_out_sentences,
        tuning_sentences,
    )

    assert not set(TUNING_SOURCES) & set(HELD_OUT_SOURCES)
    assert not set(tuning_sentences()) & set(held_out_sentences())
    assert len(tuning_sentences()) > 4000 and len(held_out_sentences()) > 2000


def test_one_big5_character_read_as_latin1_is_found_but_units_are_not() -> None:
    damaged_text = "慢".encode("big5").decode("latin-1")  # ºC
    assert _garbled(f"就是京東發貨太{damaged_text}了") == [damaged_text]
    assert _garbled("室内温度25°C左右，面积30m²的会议室") == []
