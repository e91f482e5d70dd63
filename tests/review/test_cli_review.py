"""``newsroom review …`` and the review facts in list and show, run as a user would."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

ARTICLE = """---
title: 市总工会召开全委会议
column: 工会动态
author: 市总工会组宣部
---

会议要求，全市各级工会要突破300个服务站点。
"""


def newsroom(
    *args: str, db: Path, user: str | None = None, check: bool = True
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    env.pop("NEWSROOM_USER", None)
    if user is not None:
        env["NEWSROOM_USER"] = user
    result = subprocess.run(
        [sys.executable, "-m", "desktop", "--db", str(db), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=REPO,
        env=env,
        timeout=120,
    )
    if check:
        assert result.returncode == 0, result.stderr
    return result


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "newsroom.db"
    source = tmp_path / "会议.md"
    source.write_text(ARTICLE, encoding="utf-8")
    newsroom("import", str(source), db=path)
    newsroom(
        "site",
        "--set",
        "review_stages=3",
        "--set",
        "stage1=张明，李红",
        "--set",
        "stage2=王强",
        "--set",
        "stage3=赵书记",
        db=path,
    )
    return path


def test_stage_lists_take_full_and_half_width_commas(db: Path) -> None:
    site = json.loads(newsroom("site", "--json", db=db).stdout)
    assert (site["stage1"], site["stage2"], site["stage3"]) == ("张明,李红", "王强", "赵书记")
    assert site["review_stages"] == 3 and site["allow_same_signer"] == "no"


def test_the_whole_flow_on_the_command_line(db: Path) -> None:
    assert newsroom("--user", "陈晓", "review", "submit", "1", db=db).stdout == (
        "1\twaiting for stage 1 (初审)\n"
    )
    newsroom("review", "sign", "1", "--opinion", "同意，请复审。", db=db, user="张明")
    newsroom("review", "sign", "1", "--user", "王强", "--opinion", "同意。", db=db)
    refused = newsroom(
        "review", "sign", "1", "--opinion", "同意。", db=db, user="陈晓", check=False
    )
    assert refused.returncode == 1 and refused.stdout == ""
    assert refused.stderr.count("\n") == 1
    assert "陈晓 may not sign stage 3 (终审); allowed: 赵书记" in refused.stderr
    in_chinese = newsroom(
        "--lang",
        "zh_CN",
        "review",
        "sign",
        "1",
        "--opinion",
        "同意。",
        db=db,
        user="陈晓",
        check=False,
    )
    assert "陈晓无权签署第3审（终审）；可签署的人：赵书记" in in_chinese.stderr
    returned = newsroom("review", "return", "1", "--reason", "标题需修改。", db=db, user="赵书记")
    assert returned.stdout == "1\tdraft\n"
    shown = json.loads(newsroom("show", "1", "--format", "json", db=db).stdout)
    assert shown["status"] == "draft" and shown["returned_reason"] == "标题需修改。"
    newsroom("review", "submit", "1", db=db, user="陈晓")
    for user in ("李红", "王强", "赵书记"):
        newsroom("review", "sign", "1", "--opinion", f"{user}：同意。", db=db, user=user)
    (row,) = json.loads(newsroom("list", "--json", db=db).stdout)
    assert row["status"] == "approved" and row["stage"] == 0
    assert [(s["stage"], s["user"], s["opinion"]) for s in row["signatures"]] == [
        (1, "李红", "李红：同意。"),
        (2, "王强", "王强：同意。"),
        (3, "赵书记", "赵书记：同意。"),
    ]
    entries = json.loads(newsroom("review", "log", "1", "--json", db=db).stdout)
    assert [e["action"] for e in entries] == [
        "submitted",
        "signed",
        "signed",
        "returned",
        "submitted",
        "signed",
        "signed",
        "signed",
        "approved",
    ]
    for entry in entries:
        assert {"action", "stage", "user", "time", "content_hash"} <= set(entry)
        assert len(entry["content_hash"]) == 64
    assert entries[1]["opinion"] == "同意，请复审。" and entries[3]["reason"] == "标题需修改。"
    withdrawn = newsroom("review", "withdraw", "1", "--reason", "活动取消。", db=db, user="赵书记")
    assert withdrawn.stdout == "1\tdraft\n"


def test_refusals_are_one_line_with_exit_1(db: Path) -> None:
    nobody = newsroom("review", "submit", "1", db=db, check=False)
    assert nobody.returncode == 1
    assert nobody.stderr.strip().endswith("say who you are first (--user NAME or NEWSROOM_USER)")
    missing = newsroom("review", "sign", "99", "--opinion", "同意", db=db, user="张明", check=False)
    assert missing.returncode == 1 and "no article with id 99" in missing.stderr
    assert "Traceback" not in missing.stderr + nobody.stderr
