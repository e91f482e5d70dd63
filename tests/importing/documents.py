"""Real .docx files built with python-docx: Chinese text, bold lead-ins, lists, tables, photos."""

from __future__ import annotations

import io
from pathlib import Path

from docx import Document
from docx.shared import Cm

from tests.pictures.images import flat_png, photo


def report_docx(
    path: Path,
    *,
    title: str = "市总工会召开全委会议",
    photos: int = 2,
    caption: bool = True,
    paragraphs: int = 3,
) -> Path:
    """Write a typical county union report: title, lead-ins, a list, a table and photos."""
    document = Document()
    document.add_paragraph(title)
    lead = document.add_paragraph()
    lead.add_run("一是抓学习。").bold = True
    lead.add_run("会议要求，全市各级工会要突破300个服务站点。")
    for index in range(photos):
        document.add_picture(io.BytesIO(photo(1600, 1200, orientation=6)), width=Cm(12))
        if caption:
            document.add_paragraph(f"图为活动现场{index + 1}", style="Caption")
    for index in range(paragraphs):
        paragraph = document.add_paragraph()
        paragraph.add_run(f"二是抓落实{index}。").bold = True
        paragraph.add_run("各级工会干部深入基层，走访慰问困难职工120户。")
    document.add_paragraph("走访困难职工", style="List Bullet")
    document.add_paragraph("开展技能培训", style="List Bullet")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "项目"
    table.cell(0, 1).text = "数量"
    table.cell(1, 0).text = "服务站点"
    table.cell(1, 1).text = "300个"
    document.add_paragraph("（市总工会组宣部）")
    document.save(str(path))
    return path


def chart_docx(path: Path) -> Path:
    """A document with one flat PNG chart and no title-like first line."""
    document = Document()
    document.add_paragraph("今年以来，全市工会系统认真贯彻落实上级部署，取得了显著成效。")
    document.add_picture(io.BytesIO(flat_png()), width=Cm(8))
    document.save(str(path))
    return path
