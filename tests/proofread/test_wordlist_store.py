"""The office word list and ignored problems in the database."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.proofread import Severity, WordEntry, check_article
from desktop.proofread.wordlist import read_word_list_file
from desktop.proofread.wordlist_store import (
    IgnoredProblems,
    WordListStore,
    published_phones,
    settings_for,
)
from desktop.store import Store
from tests.conftest import make_article

ENTRIES = [
    WordEntry("某旧称", "新名称", Severity.SERIOUS, "2024年更名"),
    WordEntry("全总", "中华全国总工会", Severity.MINOR, "", ("完全总结", "安全总监")),
    WordEntry("禁用词"),
]


@pytest.fixture
def store(db_location: str | Path) -> Iterator[Store]:
    """The word list lives in the database: once in an SQLite file, once on a server."""
    with Store.open(db_location) as opened:
        yield opened


def test_schema_has_the_tables(store: Store) -> None:
    assert store.schema_version() >= 6
    assert WordListStore(store).list() == []


def test_add_list_remove(store: Store) -> None:
    words = WordListStore(store)
    for entry in ENTRIES:
        words.add(entry)
    assert words.list() == ENTRIES
    words.add(WordEntry("禁用词", "", Severity.MINOR))
    assert words.list()[-1] == WordEntry("禁用词", "", Severity.MINOR)
    assert words.remove("某旧称") and not words.remove("某旧称")
    assert [e.wrong for e in words.list()] == ["全总", "禁用词"]


def test_export_then_import_gives_the_same_list(store: Store, tmp_path: Path) -> None:
    words = WordListStore(store)
    for entry in ENTRIES:
        words.add(entry)
    path = tmp_path / "office.tsv"
    assert words.export_file(path) == 3
    assert read_word_list_file(path) == ENTRIES
    with Store.open(tmp_path / "other.db") as other:
        assert WordListStore(other).import_file(path) == 3
        assert WordListStore(other).list() == ENTRIES
        assert WordListStore(other).import_file(path, replace=True) == 3
        assert WordListStore(other).list() == ENTRIES


def test_the_office_list_and_site_phone_reach_the_checks(store: Store) -> None:
    WordListStore(store).add(ENTRIES[0])
    store.save_site(store.site().with_value("phone", "0571-87654321、12351"))
    article = store.add_article(make_article(body="某旧称发来通知，电话0571-87654321。\n"))
    problems = check_article(article, settings_for(store, article.id))
    assert [(p.kind.value, p.text, p.suggestion) for p in problems] == [
        ("office-word", "某旧称", "新名称")
    ]


def test_ignored_problems_are_recorded_with_a_reason(store: Store) -> None:
    article = store.add_article(make_article(body="本文为内部资料。\n"))
    assert article.id is not None
    (problem,) = check_article(article, settings_for(store, article.id))
    ignores = IgnoredProblems(store)
    ignores.ignore(article.id, problem.key, "领导已同意公开")
    (recorded,) = ignores.for_article(article.id)
    assert recorded.reason == "领导已同意公开"
    assert check_article(article, settings_for(store, article.id)) == []
    ignores.unignore(article.id, problem.key)
    assert len(check_article(article, settings_for(store, article.id))) == 1


def test_published_phones_split() -> None:
    assert published_phones("0571-87654321、12351, 13800000000") == (
        "0571-87654321",
        "12351",
        "13800000000",
    )
