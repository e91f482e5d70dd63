"""The command line, run as a user runs it: in a separate process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

ARTICLE = """---
title: {title}
date: 2026-0{month}-06 09:30
column: 工会动态
author: 市总工会组宣部
source: 澜江市总工会
status: {status}
---

**一是抓学习。**会议要求，全市各级工会突破300个服务站点。
"""


def newsroom(
    *args: str | Path, db: Path | None = None, check: bool = True
) -> subprocess.CompletedProcess[str]:
    """Run ``newsroom`` in a subprocess and return what it printed."""
    command = [sys.executable, "-m", "desktop", *map(str, args)]
    if db is not None:
        command += ["--db", str(db)]
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    result = subprocess.run(
        command, capture_output=True, text=True, encoding="utf-8", cwd=REPO, env=env, timeout=120
    )
    if check:
        assert result.returncode == 0, result.stderr
    return result


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    folder = tmp_path / "稿件"
    folder.mkdir()
    for n, (title, status) in enumerate(
        [
            ("职工技能大赛开幕", "published"),
            ("送温暖活动启动", "draft"),
            ("劳模报告会", "approved"),
        ],
        start=1,
    ):
        (folder / f"{n}.md").write_text(
            ARTICLE.format(title=title, month=n, status=status), encoding="utf-8"
        )
    return folder


def test_import_list_search_show(tmp_path: Path, articles: Path) -> None:
    db = tmp_path / "n.db"
    out = newsroom("import", articles, db=db).stdout.splitlines()
    assert out == ["1\t职工技能大赛开幕", "2\t送温暖活动启动", "3\t劳模报告会"]

    rows = json.loads(newsroom("list", "--json", db=db).stdout)
    assert [r["title"] for r in rows] == ["劳模报告会", "送温暖活动启动", "职工技能大赛开幕"]
    assert rows[0]["date"] == "2026-03-06" and rows[0]["status"] == "approved"
    assert set(rows[0]) >= {
        "id",
        "title",
        "subtitle",
        "column",
        "author",
        "source",
        "status",
        "date",
        "updated_at",
    }
    drafts = json.loads(newsroom("list", "--status", "draft", "--json", db=db).stdout)
    assert [r["title"] for r in drafts] == ["送温暖活动启动"]

    found = json.loads(newsroom("search", "温暖", "--json", db=db).stdout)
    assert [r["title"] for r in found] == ["送温暖活动启动"]
    assert newsroom("search", "不存在的词", db=db).stdout == ""

    shown = json.loads(newsroom("show", "1", "--format", "json", db=db).stdout)
    assert shown["title"] == "职工技能大赛开幕" and "突破300个" in shown["body"]
    markdown = newsroom("show", "1", db=db).stdout
    assert markdown.startswith("---\ntitle: 职工技能大赛开幕")
    page = newsroom("show", "1", "--format", "html", db=db).stdout
    assert page.lstrip().lower().startswith("<!doctype html>")
    assert "<strong>一是抓学习。</strong>" in page


def test_a_bad_file_imports_nothing(tmp_path: Path, articles: Path) -> None:
    db = tmp_path / "n.db"
    (articles / "4.md").write_text("---\ntitle: [坏\n---\n正文", encoding="utf-8")
    result = newsroom("import", articles, db=db, check=False)
    assert result.returncode == 1
    assert "4.md" in result.stderr and "front matter" in result.stderr
    assert json.loads(newsroom("list", "--json", db=db).stdout) == []


def test_gb18030_file_imports(tmp_path: Path) -> None:
    path = tmp_path / "gbk.md"
    path.write_bytes(
        ARTICLE.format(title="困难职工帮扶", month=4, status="draft").encode("gb18030")
    )
    assert newsroom("import", path, db=tmp_path / "n.db").stdout == "1\t困难职工帮扶\n"


def test_site_settings(tmp_path: Path) -> None:
    db = tmp_path / "n.db"
    newsroom("site", "--set", "name=澜江工会网", "--set", "icp=澜ICP备00000000号-1", db=db)
    settings = json.loads(newsroom("site", "--json", db=db).stdout)
    assert settings["name"] == "澜江工会网" and settings["icp"] == "澜ICP备00000000号-1"
    for key in (
        "name",
        "url",
        "sponsor",
        "address",
        "postcode",
        "phone",
        "icp",
        "police_icp",
        "site_code",
        "support",
        "maintainer",
    ):
        assert key in settings
    bad = newsroom("site", "--set", "colour=red", db=db, check=False)
    assert bad.returncode == 1 and "unknown site setting" in bad.stderr


def test_errors_are_one_clear_line(tmp_path: Path) -> None:
    db = tmp_path / "n.db"
    missing = newsroom("show", "42", db=db, check=False)
    assert missing.returncode == 1 and "no article with id 42" in missing.stderr
    assert "Traceback" not in missing.stderr
    nothing = newsroom("import", tmp_path / "nowhere", db=db, check=False)
    assert nothing.returncode == 1 and "no such file" in nothing.stderr
    usage = newsroom("list", "--status", "live", db=db, check=False)
    assert usage.returncode == 2


def test_database_from_environment(tmp_path: Path, articles: Path, monkeypatch) -> None:
    db = tmp_path / "env.db"
    monkeypatch.setenv("NEWSROOM_DB", str(db))
    newsroom("import", articles / "1.md")
    assert db.exists()


def test_db_option_before_or_after_the_command(tmp_path: Path, articles: Path) -> None:
    db = tmp_path / "n.db"
    subprocess.run(
        [sys.executable, "-m", "desktop", "--db", str(db), "import", str(articles / "1.md")],
        cwd=REPO,
        check=True,
        capture_output=True,
        timeout=120,
    )
    rows = json.loads(newsroom("list", "--json", db=db).stdout)
    assert [r["title"] for r in rows] == ["职工技能大赛开幕"]
