"""Single-line fields hold no controls, format or private-use characters, whatever the path."""

from __future__ import annotations

import dataclasses
import unicodedata
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from desktop.article import Article, clean_fields, clean_line, is_hidden_character
from desktop.article_file import parse_article
from desktop.importing.batch import read_import_file
from desktop.store import Store
from tests.conftest import make_article
from tests.importing.documents import report_docx

#: Categories no cleaned line keeps: controls, format characters, private use, surrogates.
FORBIDDEN = {"Cc", "Cf", "Co", "Cs"}
ORDINARY = "澜江市总工会召开第十五届全委会议：“一是抓学习”（2026年）——突破300个！Union 3.0 ，。、；"


@given(st.text())
def test_clean_line_leaves_no_forbidden_character(text: str) -> None:
    cleaned = clean_line(text)
    assert not any(unicodedata.category(c) in FORBIDDEN for c in cleaned)
    assert "\u2028" not in cleaned and "\u2029" not in cleaned


@given(st.text())
def test_clean_line_is_idempotent(text: str) -> None:
    once = clean_line(text)
    assert clean_line(once) == once


@given(st.text(alphabet=st.sampled_from(ORDINARY + " \u3000")))
def test_ordinary_chinese_text_and_punctuation_are_untouched(text: str) -> None:
    assert clean_line(text) == text


@given(st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cf", "Co", "Cs", "Zl", "Zp"))))
def test_only_hidden_characters_are_removed(text: str) -> None:
    expected = "".join(c for c in text if not is_hidden_character(c))
    assert clean_line(text) == expected


def test_breaks_and_tabs_become_one_space_and_hidden_characters_go() -> None:
    assert clean_line("市总工会\r\n召开\t全委会议") == "市总工会 召开 全委会议"
    # Private use (BMP and plane 15), bidi override and isolate, zero-width space, soft hyphen,
    # BOM, a C1 control, ZWJ: all gone.
    dirty = "\ue000标\U000f0001题\u202e：\u2066一\u200b是\u00ad抓\ufeff学\x85习\u200d。\x07"
    assert clean_line(dirty) == "标题：一是抓学 习。"  # U+0085 is a line break: a space


def test_clean_fields_cleans_every_single_line_field_and_keeps_the_body() -> None:
    dirty = "工会\ue000动态\u202e"
    article = Article(
        title=dirty,
        kicker=dirty,
        subtitle=dirty,
        column=dirty,
        author=dirty,
        source=dirty,
        summary=f"摘要\n{dirty}",
        keywords=[dirty, "\u200b"],
        cover=f"media/{dirty}.png",
        body=f"正文{dirty}\n",
    )
    cleaned = clean_fields(article)
    for name in ("title", "kicker", "subtitle", "column", "author", "source"):
        assert getattr(cleaned, name) == "工会动态"
    assert cleaned.summary == "摘要 工会动态"
    assert cleaned.keywords == ["工会动态"]
    assert cleaned.cover == "media/工会动态.png"
    assert cleaned.body == article.body  # a font may need a private-use character


def test_markdown_front_matter_is_cleaned_on_import() -> None:
    article = parse_article(
        '---\ntitle: "市总工会\\uE000召开\\u202E全委会议"\nauthor: "组宣部\\t"\n'
        'keywords: ["工会\\u200B", "\\u200B"]\n---\n\n正文\ue000。\n'
    )
    assert article.title == "市总工会召开全委会议"
    assert article.author == "组宣部"
    assert article.keywords == ["工会"]
    assert article.body == "正文\ue000。\n"


def test_a_title_of_only_hidden_characters_is_no_title() -> None:
    article = parse_article('---\ntitle: "\\u200B\\uE000"\n---\n\n正文\n', default_title="通知")
    assert article.title == "通知"


def test_word_documents_are_cleaned_on_import(tmp_path: Path) -> None:
    path = report_docx(tmp_path / "报告.docx", title="市总工会\ue000召开\u200b全委会议", photos=0)
    imported = read_import_file(path)
    assert imported.article.title == "市总工会召开全委会议"


def test_the_store_cleans_whatever_reaches_it(store: Store) -> None:
    stored = store.add_article(make_article("市总工会\u202e召开全委会议", source="澜江\ue000日报"))
    assert stored.id is not None
    kept = store.get_article(stored.id)
    assert (kept.title, kept.source) == ("市总工会召开全委会议", "澜江日报")
    assert (stored.title, stored.source) == (kept.title, kept.source)
    saved = store.save_article(dataclasses.replace(kept, kicker="引题\x1b[31m"))
    assert store.get_article(stored.id).kicker == saved.kicker == "引题[31m"
    assert store.columns()[0].name == "工会动态"
