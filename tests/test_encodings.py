"""Text files in the encodings Chinese offices save in, Big5 and Big5-HKSCS included."""

from __future__ import annotations

from pathlib import Path

import opencc
import pytest

from desktop.article_file import ArticleFileError, UnclearEncodingError, read_article_file
from desktop.encodings import EncodingUnclear, decode_chinese, plausibility
from tests.test_cli import newsroom

SIMPLIFIED = """---
title: 市总工会召开全委会议
---

**一是抓学习。**会议要求，全市各级工会要突破300个服务站点，各级工会干部深入基层，走访慰问困难职工120户。
"""
TRADITIONAL = opencc.OpenCC("s2tw").convert(SIMPLIFIED)
# Two words whose GBK bytes are also valid Big5 (as 跪撰馱頗 補窒魂雄): too short to tell.
AMBIGUOUS = "---\ntitle: 各级工会\n---\n\n干部活动\n"


@pytest.mark.parametrize(
    ("text", "encoding", "title"),
    [
        (SIMPLIFIED, "gb18030", "市总工会召开全委会议"),
        (SIMPLIFIED, "gbk", "市总工会召开全委会议"),
        (TRADITIONAL, "big5", "市總工會召開全委會議"),
        (TRADITIONAL.replace("全委", "全委𨋢"), "big5hkscs", "市總工會召開全委𨋢會議"),
        (TRADITIONAL, "utf-16", "市總工會召開全委會議"),
        (SIMPLIFIED, "utf-8", "市总工会召开全委会议"),
    ],
    ids=["gb18030", "gbk", "big5", "big5-hkscs", "utf-16", "utf-8"],
)
def test_each_encoding_is_read_as_the_text_it_holds(
    text: str, encoding: str, title: str, tmp_path: Path
) -> None:
    path = tmp_path / "稿件.md"
    path.write_bytes(text.replace("全委会议", title[-4:]).encode(encoding))
    article = read_article_file(path)
    assert article.title == title
    assert "300" in article.body and "120" in article.body


def test_big5_read_as_gbk_does_not_read_as_chinese() -> None:
    data = TRADITIONAL.encode("big5")
    assert plausibility(data.decode("gb18030")) < 0.5  # what the import used to show
    assert plausibility(data.decode("big5")) > 0.95


def test_text_too_short_to_tell_is_refused_naming_the_candidates(tmp_path: Path) -> None:
    path = tmp_path / "短稿.md"
    path.write_bytes(AMBIGUOUS.encode("gbk"))
    with pytest.raises(UnclearEncodingError) as caught:
        read_article_file(path)
    assert caught.value.candidates == ("gb18030", "big5")
    assert "短稿.md" in str(caught.value) and "--encoding" in str(caught.value)
    assert caught.value.samples["big5"].endswith("補窒魂雄\n")
    assert read_article_file(path, encoding="gb18030").title == "各级工会"
    with pytest.raises(ArticleFileError, match="unknown encoding"):
        read_article_file(path, encoding="latin-9")


def test_a_choice_that_does_not_fit_the_bytes_says_so(tmp_path: Path) -> None:
    path = tmp_path / "稿件.md"
    path.write_bytes(SIMPLIFIED.encode("gbk"))
    with pytest.raises(ArticleFileError, match="is not text in Big5"):
        read_article_file(path, encoding="big5")


def test_decoding_without_a_plausible_candidate_asks() -> None:
    with pytest.raises(EncodingUnclear):
        decode_chinese("会议要求全市各级工会".encode("gbk")[1:] * 3)


def test_newsroom_import_refuses_then_takes_the_chosen_encoding(tmp_path: Path) -> None:
    path = tmp_path / "短稿.md"
    path.write_bytes(AMBIGUOUS.encode("gbk"))
    db = tmp_path / "newsroom.db"
    refused = newsroom("import", path, db=db, check=False)
    assert refused.returncode != 0
    assert "--encoding (gb18030, big5)" in refused.stderr and "Big5" in refused.stderr
    chosen = newsroom("import", "--encoding", "gb18030", path, db=db)
    assert chosen.stdout.split("\t")[1].strip() == "各级工会"
