"""The article page as PDF: real files that a PDF reader finds the Chinese text in, on A4."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QBuffer, QIODevice
from PySide6.QtGui import QColor, QImage

from desktop.article import Column
from desktop.gui.printing import PagePrinter, PrintError, html_to_pdf
from desktop.pictures import add_picture
from desktop.render.page import render_article_page
from desktop.render.urls import article_path
from desktop.site import Site
from desktop.store import Store
from tests.conftest import REPO, make_article, needs_poppler

# CI installs poppler-utils (.ci/run): there a missing tool fails the tests instead.
pytestmark = needs_poppler

SITE = Site(name="澜江市总工会", sponsor="澜江市总工会", icp="滇ICP备12345678号")
COLUMNS = [Column("工会动态", "union-news", 1, id=1)]
PICTURE = "pictures/2026/05/meeting.jpg"
BODY = (
    "**一是抓学习。**会议要求，全市各级工会要突破300个服务站点。\n\n"
    "详见[全国总工会网站](https://www.acftu.org/)的通知。\n\n"
    f'![职工代表在会上发言](../../../{PICTURE} "职工代表在会上发言")\n\n'
    "| 单位 | 人数 |\n|---|---|\n| 城关镇工会 | 128 |\n"
)


def pdf_text(path: Path) -> str:
    """Return the text a PDF reader finds in the file (layout kept, pages joined)."""
    done = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    )
    return done.stdout


def pdf_fonts(path: Path) -> list[list[str]]:
    """Return ``pdffonts``'s table rows (name, type, encoding, emb, sub, uni, object, id)."""
    done = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    return [line.split() for line in done.stdout.splitlines()[2:] if line.strip()]


def pdf_info(path: Path) -> dict[str, str]:
    """Return ``pdfinfo``'s fields."""
    done = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    return {
        key.strip(): value.strip()
        for key, _, value in (line.partition(":") for line in done.stdout.splitlines())
    }


def jpeg_bytes() -> bytes:
    """Return a real JPEG photo-sized picture, larger than the page is wide."""
    image = QImage(1600, 1200, QImage.Format.Format_RGB32)
    image.fill(QColor("#3a7bd5"))
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "JPEG")
    return bytes(buffer.data().data())


def test_article_pdf_is_a4_with_the_chinese_text_and_embedded_fonts(qtbot, tmp_path) -> None:
    article = make_article(id=12, body=BODY, kicker="坚持以职工为中心")
    html = render_article_page(article, SITE, COLUMNS)
    picture = jpeg_bytes()
    asked: list[str] = []

    def pictures(path: str) -> bytes | None:
        asked.append(path)
        return picture if path == PICTURE else None

    target = tmp_path / "全委会议.pdf"
    html_to_pdf(html, target, page_path=article_path(article), picture_loader=pictures)

    assert target.read_bytes().startswith(b"%PDF-")
    text = pdf_text(target)
    for expected in (
        "市总工会召开全委会议",  # title
        "坚持以职工为中心",  # kicker
        "（市总工会组宣部）",  # byline
        "会议要求，全市各级工会要突破300个服务站点。",  # a body sentence
        "职工代表在会上发言",  # the picture's caption
        "城关镇工会",  # a table cell
        "发布时间：2026-05-06",
        "https://www.acftu.org/",  # a web link's address printed after its text
    ):
        assert expected in text
    # Screen-only parts of the page are not on paper.
    for absent in ("当前位置", "字号", "打印本页", "点击量", "跳到正文", "网站地图"):
        assert absent not in text
    assert PICTURE in asked
    fonts = pdf_fonts(target)
    assert fonts, "the PDF names no fonts"
    assert all(row[-5] == "yes" for row in fonts), fonts  # every font embedded
    assert all(row[-3] == "yes" for row in fonts), fonts  # with a Unicode map: searchable
    info = pdf_info(target)
    assert "A4" in info["Page size"]
    images = subprocess.run(
        ["pdfimages", "-list", str(target)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert images, "the picture is missing from the PDF"
    assert not list(tmp_path.glob(".*.tmp")) and not list(tmp_path.glob(".*.pdf"))


def test_one_printer_writes_one_pdf_after_another(qtbot, tmp_path) -> None:
    printer = PagePrinter()
    try:
        for number, title in enumerate(("春季职工运动会开幕", "劳模工作室授牌仪式举行"), start=1):
            article = make_article(title=title, id=number)
            target = tmp_path / f"{number}.pdf"
            html_to_pdf(
                render_article_page(article, SITE, COLUMNS),
                target,
                page_path=article_path(article),
                printer=printer,
            )
            assert title in pdf_text(target)
        assert printer.blocked_urls == []  # the page fetched nothing outside the app
    finally:
        printer.dispose()


def test_an_older_file_survives_a_failed_write_and_the_reason_is_given(qtbot, tmp_path) -> None:
    html = render_article_page(make_article(id=3), SITE, COLUMNS)
    folder = tmp_path / "已有文件夹.pdf"
    folder.mkdir()
    with pytest.raises(PrintError, match=r"已有文件夹\.pdf"):
        html_to_pdf(html, folder)
    assert folder.is_dir()
    with pytest.raises(PrintError, match="不存在"):
        html_to_pdf(html, tmp_path / "不存在" / "a.pdf")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["已有文件夹.pdf"]


def run_newsroom(module: str, *args: str | Path) -> subprocess.CompletedProcess[str]:
    """Run the program as a user does, in its own process, with no screen."""
    # Chinese messages (LANGUAGE comes first), in a locale every machine has.
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "LANGUAGE": "zh_CN", "LC_ALL": "C.UTF-8"}
    return subprocess.run(
        [sys.executable, "-m", module, *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=REPO,
        env=env,
        timeout=180,
    )


def test_newsroom_pdf_writes_the_stored_article_with_its_picture(tmp_path: Path) -> None:
    db = tmp_path / "newsroom.db"
    with Store.open(db) as store:
        store.save_site(SITE)
        path = add_picture(store, jpeg_bytes(), "会场.jpg")
        article = store.add_article(
            make_article(
                title="全市职工技能大赛落幕",
                body=f"![技能大赛现场]({path})\n\n本届大赛共有1200名职工参赛。\n",
            )
        )
    target = tmp_path / "技能大赛"
    done = run_newsroom("desktop.gui", "--db", db, "pdf", article.id, target)
    assert done.returncode == 0, done.stderr
    written = target.with_name("技能大赛.pdf")  # the ending is added
    assert done.stdout.strip() == str(written)
    assert done.stderr == ""  # the web engine's chatter stays out of the output
    text = pdf_text(written)
    assert "全市职工技能大赛落幕" in text and "本届大赛共有1200名职工参赛。" in text
    assert "（市总工会组宣部）" in text
    assert subprocess.run(
        ["pdfimages", "-list", str(written)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]

    missing = run_newsroom("desktop.gui", "--db", db, "pdf", "999", tmp_path / "无.pdf")
    assert missing.returncode == 1
    assert "999" in missing.stderr and not (tmp_path / "无.pdf").exists()

    core_only = run_newsroom("desktop", "--db", db, "pdf", article.id, tmp_path / "核心.pdf")
    assert core_only.returncode == 1
    assert "newsroom pdf" in core_only.stderr and "python -m desktop.gui pdf" in core_only.stderr
    assert "网页引擎" in core_only.stderr  # in the system's language
    assert not (tmp_path / "核心.pdf").exists()
