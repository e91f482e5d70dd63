"""Word files in: real .docx built with python-docx; broken ones refused with a clear message."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest

from desktop.article_file import ArticleFileError
from desktop.importing import find_import_files, read_import_file, save_imported
from desktop.pictures import picture_bytes
from desktop.render.page import render_article_page
from desktop.store import Store
from tests.importing.documents import chart_docx, report_docx

MEDIA = re.compile(r"media/[0-9a-f]{64}\.(?:jpg|png)")


def test_report_becomes_a_clean_article(store: Store, tmp_path: Path) -> None:
    imported = read_import_file(report_docx(tmp_path / "会议.docx"))
    article = imported.article
    assert article.title == "市总工会召开全委会议"
    assert article.author == "市总工会组宣部"
    body = article.body
    assert body.startswith("**一是抓学习。**会议要求，全市各级工会要突破300个服务站点。\n")
    assert "**二是抓落实0。**各级工会干部" in body
    assert "- 走访困难职工\n- 开展技能培训" in body
    assert "| 项目 | 数量 |\n| --- | --- |\n| 服务站点 | 300个 |" in body
    pictures = MEDIA.findall(body)
    assert len(pictures) == 2
    assert f'![图为活动现场1]({pictures[0]} "图为活动现场1")' in body
    assert "图为活动现场1\n" not in body.replace('"图为活动现场1")', "")  # no stray caption
    (stored,) = save_imported(store, [imported])
    page = render_article_page(stored, store.site(), store.columns())
    assert f'<img alt="图为活动现场1" src="../../../{pictures[0]}">' in page
    assert "<figcaption>图为活动现场1</figcaption>" in page
    assert "<strong>一是抓学习。</strong>会议要求" in page
    for path in pictures:
        data = picture_bytes(store, path)
        assert data is not None and data.startswith(b"\xff\xd8")  # JPEG, EXIF-free


def test_chart_stays_png_and_long_first_line_is_not_a_title(tmp_path: Path) -> None:
    imported = read_import_file(chart_docx(tmp_path / "charts.docx"))
    assert imported.article.title == "charts"  # the file name
    assert imported.article.body.startswith("今年以来")
    assert re.search(r"!\[\]\(media/[0-9a-f]{64}\.png\)", imported.article.body)


def _zip(entries: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return out.getvalue()


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"PK\x03\x04 not really a zip", "not a Word .docx file"),
        ("会议纪要".encode() * 100, "not a Word .docx file"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "save it as .docx"),
        (_zip({"hello.txt": b"hi"}), "not a Word document"),
        (_zip({"word/document.xml": b"\x00" * (50 * 1024 * 1024)}), "zip bomb"),
        (_zip({"word/document.xml": b"<w/>", "../../evil.sh": b"rm"}), "unsafe part name"),
        (_zip({"word/document.xml": b"<broken"}), "damaged Word document"),
    ],
    ids=["bad-zip", "text", "doc97", "no-document", "bomb", "dotdot", "broken-xml"],
)
def test_broken_docx_is_refused_naming_the_file(
    content: bytes, problem: str, tmp_path: Path
) -> None:
    path = tmp_path / "坏文件.docx"
    path.write_bytes(content)
    with pytest.raises(ArticleFileError) as caught:
        read_import_file(path)
    assert "坏文件.docx" in str(caught.value) and problem in str(caught.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["坏文件.docx"]  # nothing written


def test_word_lock_files_are_not_imported(tmp_path: Path) -> None:
    report_docx(tmp_path / "a.docx")
    (tmp_path / "~$a.docx").write_bytes(b"lock")
    assert [p.name for p in find_import_files([tmp_path])] == ["a.docx"]


def test_quote_styles_become_block_quotes(tmp_path: Path) -> None:
    from docx import Document

    document = Document()
    document.add_paragraph("市总工会召开全委会议")
    document.add_paragraph("会上强调：")
    document.add_paragraph("工会是职工之家。", style="Quote")
    document.add_paragraph("要把职工冷暖放在心上。", style="Intense Quote")
    document.add_paragraph("散会。")
    document.save(tmp_path / "引用.docx")
    body = read_import_file(tmp_path / "引用.docx").article.body
    assert body == "会上强调：\n\n> 工会是职工之家。\n>\n> 要把职工冷暖放在心上。\n\n散会。\n"
