"""The 审签单 as a real PDF: parsed back with pdftotext, the Chinese title, names and opinions."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from desktop.article import Status
from desktop.gui.printing import html_to_pdf
from desktop.review.cli import SHEET_PATH, sheet_html
from desktop.review.flow import ReviewFlow
from desktop.store import Store
from tests.conftest import make_article, needs_poppler
from tests.review.helpers import AUTHOR, set_up_office

pytestmark = needs_poppler


def pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_the_sheet_pdf_holds_the_title_the_names_and_the_opinions(
    qapp: object, store: Store, tmp_path: Path
) -> None:
    set_up_office(store)
    store.save_site(store.site().with_value("name", "澜江工会网"))
    article = store.add_article(
        make_article(title="市总工会召开十五届三次全委会议", status=Status.DRAFT)
    )
    assert article.id is not None
    ReviewFlow(store, AUTHOR).submit(article.id)
    ReviewFlow(store, "李红").sign(article.id, "文字已校，同意报复审。")
    ReviewFlow(store, "王强").sign(article.id, "同意报终审。")
    target = tmp_path / "审签单.pdf"
    html_to_pdf(sheet_html(store, article.id), target, page_path=SHEET_PATH)
    assert target.read_bytes().startswith(b"%PDF")
    text = pdf_text(target)
    for expected in (
        "网站信息发布审签单",
        "澜江工会网",
        "市总工会召开十五届三次全委会议",
        "市总工会组宣部",
        "李红",
        "王强",
        "文字已校，同意报复审。",
        "同意报终审。",
        "初审",
        "复审",
        "终审",
        "手写签名",
    ):
        assert expected in text, expected
    fonts = subprocess.run(["pdffonts", str(target)], capture_output=True, text=True).stdout
    lines = [line.split() for line in fonts.splitlines()[2:] if line.strip()]
    assert lines and all(line[-5] == "yes" for line in lines)  # every font embedded


def test_newsroom_review_sheet_writes_the_pdf(
    qapp: object, store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from desktop.gui.launch import main

    set_up_office(store)
    article = store.add_article(
        make_article(title="关于开展夏送清凉活动的通知", status=Status.DRAFT)
    )
    assert article.id is not None
    ReviewFlow(store, AUTHOR).submit(article.id)
    ReviewFlow(store, "张明").sign(article.id, "同意。")
    target = tmp_path / "sheet"
    code = main(["--db", str(store.path), "review", "sheet", str(article.id), "--pdf", str(target)])
    assert code == 0
    written = tmp_path / "sheet.pdf"  # the .pdf ending is added, as `newsroom pdf` does
    assert capsys.readouterr().out.strip() == str(written)
    text = pdf_text(written)
    assert "关于开展夏送清凉活动的通知" in text and "张明" in text and "同意。" in text
