"""Reading article files: front matter, Chinese encodings and clear errors."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from desktop.article import Status
from desktop.article_file import (
    ArticleFileError,
    find_article_files,
    format_article,
    parse_article,
    read_article_file,
)

SAMPLE = """---
title: 市总工会召开全委会议
kicker: 凝心聚力
subtitle: ——全市工会工作综述
date: 2026-05-06 09:30
column: 工会动态
author: 市总工会组宣部
source: 澜江市总工会
status: approved
summary: 会议总结了一年来的工作。
keywords: [全委会, 工会]
---

**一是抓学习。**会议要求，全市各级工会突破300个服务站点。
"""


def test_every_front_matter_key(tmp_path: Path) -> None:
    article = parse_article(SAMPLE)
    assert article.title == "市总工会召开全委会议"
    assert article.kicker == "凝心聚力"
    assert article.subtitle == "——全市工会工作综述"
    assert article.published_at == dt.datetime(2026, 5, 6, 9, 30)
    assert article.status is Status.APPROVED
    assert article.keywords == ["全委会", "工会"]
    assert article.body.startswith("**一是抓学习。**")


def test_gb18030_and_bom_files(tmp_path: Path) -> None:
    gbk = tmp_path / "gbk.md"
    gbk.write_bytes(SAMPLE.replace("\n", "\r\n").encode("gb18030"))
    bom = tmp_path / "bom.md"
    bom.write_bytes(b"\xef\xbb\xbf" + SAMPLE.encode("utf-8"))
    for path in (gbk, bom):
        article = read_article_file(path)
        assert article.title == "市总工会召开全委会议"
        assert "突破300个" in article.body


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"---\ntitle: [unclosed\n---\nbody", "broken front matter"),
        (b"---\ntitle: x\nbody never ends", "never ends"),
        (b"---\nkicker: only\n---\nbody", "no title"),
        (b"---\ntitle: x\nstatus: live\n---\n", "unknown status"),
        (b"---\ntitle: x\ndate: yesterday\n---\n", "not a date"),
        (b"---\ntitle: x\nauthr: typo\n---\n", "unknown front-matter key"),
        (b"---\n- a\n- b\n---\n", "key: value"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not a text file"),
    ],
)
def test_bad_files_name_the_file_and_the_problem(tmp_path: Path, content: bytes, problem: str):
    path = tmp_path / "坏稿件.md"
    path.write_bytes(content)
    with pytest.raises(ArticleFileError) as caught:
        read_article_file(path)
    assert "坏稿件.md" in str(caught.value)
    assert problem in str(caught.value)


def test_folders_are_searched_for_markdown(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "1.md").write_text(SAMPLE, encoding="utf-8")
    (tmp_path / "a" / "image.png").write_bytes(b"x")
    (tmp_path / "2.markdown").write_text(SAMPLE, encoding="utf-8")
    found = list(find_article_files([tmp_path]))
    assert [p.name for p in found] == ["2.markdown", "1.md"]
    with pytest.raises(ArticleFileError, match="no such file"):
        list(find_article_files([tmp_path / "missing"]))


def test_format_article_reads_back_the_same() -> None:
    article = parse_article(SAMPLE)
    again = parse_article(format_article(article))
    assert again == article


def test_a_file_without_front_matter_takes_its_first_heading_as_the_title() -> None:
    article = parse_article("# 市总工会召开全委会议\n\n**一是抓学习。**会议要求，全市各级工会。\n")
    assert article.title == "市总工会召开全委会议"
    assert article.body == "**一是抓学习。**会议要求，全市各级工会。\n"
    # Only an opening level-1 heading: later headings and those under front matter stay.
    titled = parse_article("---\ntitle: 通知\n---\n# 一、总体要求\n正文\n")
    assert titled.title == "通知" and titled.body.startswith("# 一、总体要求")
    with pytest.raises(ValueError, match="no title"):
        parse_article("正文第一段。\n\n# 二级标题\n")
