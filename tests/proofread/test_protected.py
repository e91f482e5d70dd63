"""Near misses of protected names are serious problems; correct text never is."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.article_file import read_article_file
from desktop.proofread import Severity, WordEntry, check_article
from desktop.proofread.protected import ProtectedTerms, homophones, look_alike
from desktop.proofread.wordlist_store import WordListStore, settings_for
from desktop.resources import resource_path
from desktop.store import Store
from tests.conftest import make_article
from tests.perf.garbled_corpus import clean_sentences
from tests.proofread.helpers import problems, spans


@pytest.mark.parametrize(
    ("text", "wrong", "right"),
    [
        ("热烈庆祝中华人民共合国成立。", "中华人民共合国", "中华人民共和国"),
        ("县攻府召开常务会议。", "攻府", "政府"),
        ("深入开展扫黑险恶专项斗争。", "扫黑险恶", "扫黑除恶"),
        ("成立工作领导小姐。", "领导小姐", "领导小组"),
    ],
)
def test_the_four_serious_errors_of_the_issue_are_found(text: str, wrong: str, right: str) -> None:
    found = [p for p in problems(text) if p.severity is Severity.SERIOUS and p.text == wrong]
    assert [p.suggestion for p in found] == [right]


@pytest.mark.parametrize(
    ("text", "wrong", "how"),
    [
        ("中华人共和国", "中华人共和国", "missing"),
        ("中华人民共共和国", "中华人民共共和国", "doubled"),
        ("中华民人共和国", "中华民人共和国", "swapped"),
        ("全国人民代表大汇", "全国人民代表大汇", "substituted"),  # 汇 sounds like 会
        ("中华全国总工汇", "中华全国总工汇", "substituted"),
    ],
)
def test_every_kind_of_near_miss_is_a_protected_name_problem(
    text: str, wrong: str, how: str
) -> None:
    found = [p for p in problems(f"大会指出，{text}。") if p.kind.value == "protected-name"]
    assert [(p.text, p.suggestion) for p in found] == [
        (wrong, wrong.replace(wrong, found[0].suggestion or ""))
    ]
    assert how in found[0].message


@pytest.mark.parametrize(
    "text",
    [
        "开展攻防演练。",
        "中华人民共和国国歌",
        "市总工会和县总工会",
        "改革開放以來，民族區域自治制度",  # 繁體 forms are not near misses
        "县公安局、市教育局和民政局",
        "党的十五大报告",
        "女职工委员会",
        "人力资源和社会保障局",
    ],
)
def test_correct_names_and_common_words_do_not_fire(text: str) -> None:
    assert [s for s in spans(text) if s[0] == "protected-name"] == []


def test_homophones_and_look_alikes() -> None:
    assert homophones("和", "合")
    assert not homophones("政", "攻")
    assert look_alike("政", "攻")
    assert look_alike("除", "险")
    assert not look_alike("十", "人")  # the same only in their empty corners


def test_office_names_and_site_names_are_protected(store: Store) -> None:
    WordListStore(store).add(WordEntry("市职工活动中心", "市工人文化宫"))
    store.save_site(store.site().with_value("name", "澜江工会网"))
    article = store.add_article(make_article(body="欢迎访问澜江工会往，市工人文化公开放。\n"))
    found = [p for p in check_article(article, settings_for(store, article.id))]
    assert [(p.text, p.suggestion) for p in found if p.kind.value == "protected-name"] == [
        ("澜江工会往", "澜江工会网"),
        ("市工人文化公", "市工人文化宫"),
    ]


def test_terms_added_later_are_found() -> None:
    terms = ProtectedTerms().with_terms(["王建国同志"])
    assert [f.suggestion for f in terms.find("向王建过同志学习")] == ["王建国同志"]
    assert list(terms.find("向王建国同志学习")) == []


def test_whole_check_on_the_clean_corpus_finds_only_real_mistakes() -> None:
    serious = sorted(
        (p.kind.value, p.text)
        for sentence in clean_sentences()
        for p in problems(sentence)
        if p.severity is Severity.SERIOUS
    )
    # The reviews hold two real mobile numbers and one real typo (装祯 for 装帧).
    assert [kind for kind, _ in serious] == ["common-error", "phone", "phone"]
    assert serious[0][1] == "装祯"


@pytest.mark.parametrize(
    "path",
    sorted(resource_path("samples", "articles").glob("*.md")),
    ids=lambda p: Path(p).name,
)
def test_sample_articles_have_no_protected_name_problem(path: Path) -> None:
    found = check_article(read_article_file(path))
    assert [p.text for p in found if p.kind.value == "protected-name"] == []
