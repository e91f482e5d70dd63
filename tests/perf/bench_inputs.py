"""How much of a real document survives import and paste, feature by feature.

The corpus is made here by real programs: python-docx writes county-union reports (bold
lead-ins, italic, bullet and numbered lists, a plain and a merged table, links, photos,
Word's Quote style), and LibreOffice converts each to .doc, .odt, .rtf and HTML (its HTML
export is what it puts on the clipboard, pictures moved to a LibreOffice-style temporary
folder as its clipboard copy has them). Each is imported (files) or pasted (HTML) and the
Markdown is compared with what the generator put in: bold, italic, list items, tables,
merged cells, links, pictures and quotes kept; Chinese text kept; Office junk left.

Run ``python -m tests.perf.bench_inputs [--quick] [--documents N]``. Without LibreOffice only
the .docx row is measured. It prints figures and never fails on them.
"""

from __future__ import annotations

import argparse
import io
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import docx
from docx.enum.text import WD_COLOR_INDEX
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm

from desktop.importing import html_to_markdown, pasted_picture_resolver, read_import_file
from desktop.importing.html import PendingPictures
from desktop.importing.office import find_soffice
from desktop.pictures import DEFAULT_MAX_WIDTH
from tests.pictures.images import photo

LEADS = [
    "一是抓学习。",
    "二是抓落实。",
    "“凝心聚力”。",
    "三是强服务。",
    "四是重宣传。",
    "“暖心行动”。",
]
ITALIC = ["全市", "各级工会", "困难职工", "基层一线"]
FEATURES = ("bold", "italic", "lists", "tables", "merged", "links", "pictures", "quotes")
_JUNK = re.compile(
    r"mso-|font-family|<o:p|class=|style=|<span|<font|&nbsp;|\xa0|^l\s|Mso|\{\\|@page|"
    r"<!--|\bWingdings\b",
    re.M | re.I,
)
_HAN = re.compile("[\u4e00-\u9fff]")


@dataclass
class Expected:
    """What the generator put into one document."""

    bold: list[str] = field(default_factory=list)
    italic: list[str] = field(default_factory=list)
    lists: list[str] = field(default_factory=list)
    tables: list[str] = field(default_factory=list)  # a cell text of each plain table
    merged: int = 0
    links: list[tuple[str, str]] = field(default_factory=list)
    pictures: int = 0
    quotes: list[str] = field(default_factory=list)
    text: str = ""


def _hyperlink(paragraph, text: str, url: str) -> None:  # type: ignore[no-untyped-def]
    part = paragraph.part
    relation = part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), relation)
    run = OxmlElement("w:r")
    text_element = OxmlElement("w:t")
    text_element.text = text
    run.append(text_element)
    link.append(run)
    paragraph._p.append(link)


def make_document(path: Path, seed: int) -> Expected:
    """Write one report with python-docx and return what it holds."""
    expected = Expected()
    document = docx.Document()
    texts: list[str] = []
    document.add_paragraph(f"市总工会召开第{seed + 1}次全委会议")
    for index, lead in enumerate(LEADS[: 3 + seed % 4]):
        paragraph = document.add_paragraph()
        paragraph.add_run(lead).bold = True
        rest = f"会议要求，{ITALIC[index % 4]}要突破{300 + index}个服务站点，走访慰问职工。"
        paragraph.add_run(rest[:5])
        italic = ITALIC[(index + seed) % 4] + str(index)
        paragraph.add_run(italic).italic = True
        paragraph.add_run(rest[5:])
        if index == 1:
            paragraph.add_run("重点").font.highlight_color = WD_COLOR_INDEX.YELLOW
        expected.bold.append(lead)
        expected.italic.append(italic)
        texts += [lead, rest, italic]
    for item in ("走访困难职工", "开展技能培训", "落实帮扶资金"):
        document.add_paragraph(f"{item}{seed}", style="List Bullet")
        expected.lists.append(f"{item}{seed}")
    for item in ("摸清底数", "精准帮扶"):
        document.add_paragraph(f"{item}{seed}", style="List Number")
        expected.lists.append(f"{item}{seed}")
    link = document.add_paragraph("详见")
    _hyperlink(link, f"通知{seed}", f"https://union.example.cn/notice/{seed}.html")
    expected.links.append((f"通知{seed}", f"https://union.example.cn/notice/{seed}.html"))
    document.add_paragraph(f"工会是职工之家{seed}。", style="Quote")
    expected.quotes.append(f"工会是职工之家{seed}。")
    plain = document.add_table(rows=2, cols=2)
    for (row, column), text in {
        (0, 0): "项目",
        (0, 1): "数量",
        (1, 0): "站点",
        (1, 1): f"{seed}个",
    }.items():
        plain.cell(row, column).text = text
    expected.tables.append(f"{seed}个")
    document.add_paragraph("分项统计如下：")
    merged = document.add_table(rows=3, cols=3)
    merged.cell(0, 0).merge(merged.cell(1, 0)).text = "项目"
    merged.cell(0, 1).merge(merged.cell(0, 2)).text = "完成情况"
    merged.cell(1, 1).text = "计划"
    merged.cell(1, 2).text = "完成"
    for column, text in enumerate(["服务站点", "300个", f"{320 + seed}个"]):
        merged.cell(2, column).text = text
    expected.merged = 1
    for _ in range(1 + seed % 2):
        document.add_picture(io.BytesIO(photo(800, 600)), width=Cm(10))
        expected.pictures += 1
    document.add_paragraph("（市总工会组宣部）")
    document.save(path)
    expected.text = "".join(texts)
    return expected


def _convert(soffice: str, source: Path, target: str, out: Path, profile: Path) -> Path:
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            target,
            "--outdir",
            str(out),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return out / f"{source.stem}.{target.split(':')[0]}"


def _as_clipboard(html_file: Path, clipboard: Path) -> str:
    """LibreOffice's exported HTML with its pictures moved where its clipboard copy puts them."""
    html = html_file.read_text(encoding="utf-8", errors="replace")

    def move(match: re.Match[str]) -> str:
        name = match.group(2)
        source = html_file.parent / name
        if not source.is_file():
            return match.group(0)
        target = clipboard / f"lu{abs(hash(name)) % 10**8:x}_tmp_{source.name}"
        shutil.copyfile(source, target)
        return f"{match.group(1)}{target.as_uri()}"

    return re.sub(r'(<img\b[^>]*?\bsrc=")([^":]+)', move, html)


def measure(markdown: str, expected: Expected) -> dict[str, tuple[int, int]]:
    """Per feature: (kept, in the source)."""
    plain = markdown.replace("<strong>", "**").replace("</strong>", "**")
    found = {
        "bold": sum(f"**{text}**" in plain for text in expected.bold),
        "italic": sum(
            bool(re.search(rf"(?<!\*)\*{re.escape(text)}\*(?!\*)", plain))
            for text in expected.italic
        ),
        "lists": sum(
            bool(re.search(rf"^\s*(?:-|\d+\.) {re.escape(text)}$", markdown, re.M))
            for text in expected.lists
        ),
        "tables": sum(f"| {text} |" in markdown for text in expected.tables),
        "merged": int('<th rowspan="2">项目</th><th colspan="2">完成情况</th>' in markdown),
        "links": sum(f"[{text}]({url})" in markdown for text, url in expected.links),
        "pictures": min(
            len(re.findall(r"media/[0-9a-f]{64}\.(?:jpg|png)", markdown)), expected.pictures
        ),
        "quotes": sum(f"> {text}" in markdown for text in expected.quotes),
    }
    totals = {
        "bold": len(expected.bold),
        "italic": len(expected.italic),
        "lists": len(expected.lists),
        "tables": len(expected.tables),
        "merged": expected.merged,
        "links": len(expected.links),
        "pictures": expected.pictures,
        "quotes": len(expected.quotes),
    }
    return {name: (found[name], totals[name]) for name in FEATURES}


def text_kept(markdown: str, expected: Expected) -> tuple[int, int]:
    """Chinese characters of the source text found, in order, in the result."""
    want = Counter(_HAN.findall(expected.text))
    have = Counter(_HAN.findall(markdown))
    return sum(min(count, have[char]) for char, count in want.items()), sum(want.values())


def main(argv: list[str] | None = None) -> int:
    """Build the corpus, import and paste it, print the survival figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="two documents instead of twelve")
    parser.add_argument("--documents", type=int, default=0)
    args = parser.parse_args(argv)
    count = args.documents or (2 if args.quick else 12)
    soffice = find_soffice()
    rows: dict[str, dict[str, list[int]]] = {}
    with tempfile.TemporaryDirectory(prefix="bench-inputs-") as folder:
        work = Path(folder)
        clipboard = work / "lu8f3k2a.tmp"
        clipboard.mkdir()
        for seed in range(count):
            source = work / f"report{seed}.docx"
            expected = make_document(source, seed)
            results: dict[str, str] = {".docx": read_import_file(source).article.body}
            if soffice is not None:
                out = work / "out"
                for suffix in ("doc", "odt", "rtf"):
                    converted = _convert(soffice, source, suffix, out, work / "profile")
                    results[f".{suffix}"] = read_import_file(converted).article.body
                html_file = _convert(soffice, source, "html", out, work / "profile")
                pictures = PendingPictures(max_width=DEFAULT_MAX_WIDTH)
                problems: list[str] = []
                resolver = pasted_picture_resolver(pictures.add, problems)
                results["LibreOffice paste"] = html_to_markdown(
                    _as_clipboard(html_file, clipboard), resolver
                )
            for source_kind, markdown in results.items():
                row = rows.setdefault(source_kind, {})
                for name, (kept, total) in measure(markdown, expected).items():
                    row.setdefault(name, [0, 0])
                    row[name][0] += kept
                    row[name][1] += total
                kept, total = text_kept(markdown, expected)
                row.setdefault("text", [0, 0])
                row["text"][0] += kept
                row["text"][1] += total
                row.setdefault("junk", [0, 0])
                row["junk"][0] += len(_JUNK.findall(markdown))
    print(
        f"{count} documents made by python-docx" + (", converted by LibreOffice" if soffice else "")
    )
    header = ["source", *FEATURES, "text", "junk"]
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for source_kind, row in rows.items():
        cells = [source_kind]
        for name in (*FEATURES, "text"):
            kept, total = row[name]
            cells.append(f"{100 * kept / total:.0f}% ({kept}/{total})" if total else "–")
        cells.append(str(row["junk"][0]))
        print("| " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
