"""``newsroom attach``, run as a user runs it: in a separate process."""

from __future__ import annotations

import json
from pathlib import Path

from tests.attachments.files import archive, workbook
from tests.test_cli import newsroom

REPORT = """---
title: 关于举办2026年职工运动会的通知
date: 2026-05-06 09:30
column: 通知公告
status: review
---

各基层工会：现将报名表随文印发，请于6月30日前报送。
"""


def _database(tmp_path: Path) -> Path:
    (tmp_path / "通知.md").write_text(REPORT, encoding="utf-8")
    db = tmp_path / "newsroom.db"
    newsroom("import", tmp_path / "通知.md", db=db)
    return db


def test_attach_list_rename_and_remove(tmp_path: Path) -> None:
    db = _database(tmp_path)
    (tmp_path / "报名表.xlsx").write_bytes(workbook())
    (tmp_path / "材料.zip").write_bytes(archive())
    attached = newsroom("attach", "1", tmp_path / "报名表.xlsx", tmp_path / "材料.zip", db=db)
    lines = [line.split("\t") for line in attached.stdout.splitlines()]
    assert [(n, name, kind) for n, name, kind, _size, _path in lines] == [
        ("1", "报名表.xlsx", "Excel 表格"),
        ("2", "材料.zip", "ZIP 压缩包"),
    ]
    newsroom("attach", "1", "--rename", "2", "参赛须知和联系方式.zip", db=db)
    newsroom("attach", "1", "--remove", "1", db=db)
    listed = json.loads(newsroom("attach", "1", "--json", db=db).stdout)
    assert [(a["name"], a["type"]) for a in listed] == [("参赛须知和联系方式.zip", "zip")]
    page = newsroom("show", "1", "--format", "html", db=db).stdout
    assert 'download="参赛须知和联系方式.zip"' in page and "报名表.xlsx" not in page
    out = tmp_path / "site"
    newsroom("export", "--out", out, "--status", "review", db=db)
    assert (out / "files" / f"{listed[0]['sha256']}.zip").read_bytes() == (
        tmp_path / "材料.zip"
    ).read_bytes()


def test_a_refused_file_attaches_none_of_them(tmp_path: Path) -> None:
    db = _database(tmp_path)
    (tmp_path / "报名表.xlsx").write_bytes(workbook())
    (tmp_path / "安装程序.pdf").write_bytes(b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00")
    result = newsroom(
        "attach", "1", tmp_path / "报名表.xlsx", tmp_path / "安装程序.pdf", db=db, check=False
    )
    assert result.returncode == 1
    assert "安装程序.pdf" in result.stderr and "cannot be attached" in result.stderr
    assert newsroom("attach", "1", db=db).stdout == ""
    chinese = newsroom("--lang", "zh_CN", "attach", "1", "--remove", "3", db=db, check=False)
    assert chinese.returncode == 1 and "没有第 3 个附件" in chinese.stderr
