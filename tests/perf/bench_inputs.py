"""How much of a real document survives import and paste, feature by feature.

Three kinds of input, all written by real programs (``tests/real_inputs/README.md`` says
where each comes from and under which licence):

- county-union reports that python-docx writes here (bold lead-ins, italic, bullet and
  numbered lists, a plain and a merged table, links, photos, Word's Quote style), and what
  LibreOffice makes of each: .doc, .odt, .rtf and HTML (its HTML export is what it puts on
  the clipboard; pictures moved to a LibreOffice-style temporary folder as its clipboard
  copy has them);
- real Word files (``tests/real_inputs/ckeditor4``), imported, and converted by LibreOffice
  to HTML and pasted (and, with ``--full``, to .doc, .odt and .rtf and imported);
- Word's real clipboard HTML for those files, captured from Word 2007, 2013 and 2016 in
  Chrome, Firefox, Safari and (legacy) Edge, pasted.

Every result is compared with what the ``.docx`` holds (``tests/perf/inputs_measure.py``):
bold, italic, list items, table cells, merged tables, links, pictures and quotes kept;
letters and digits kept; Office junk left.

Run ``python -m tests.perf.bench_inputs [--quick] [--documents N] [--full]``. Without
LibreOffice only the rows that need no conversion are measured. It prints figures and never
fails on them.
"""

from __future__ import annotations

import argparse
import io
import re
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import docx
from docx.enum.text import WD_COLOR_INDEX
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm

from desktop.article_file import ArticleFileError
from desktop.importing import html_to_markdown, pasted_picture_resolver, read_import_file
from desktop.importing.html import PendingPictures
from desktop.importing.office import find_soffice
from desktop.pictures import DEFAULT_MAX_WIDTH
from tests.perf.inputs_measure import FEATURES, Expected, expected_from_docx, junk, measure
from tests.pictures.images import photo

REAL_INPUTS = Path(__file__).resolve().parents[1] / "real_inputs"
WORD_FILES = REAL_INPUTS / "ckeditor4"
#: Clipboard captures by file name: what the browser handed over when pasting from Word.
CAPTURES = ("chrome.html", "firefox.html", "safari.html", "datatransfer.html", "edge.html")
LEADS = [
    "一是抓学习。",
    "二是抓落实。",
    "“凝心聚力”。",
    "三是强服务。",
    "四是重宣传。",
    "“暖心行动”。",
]
ITALIC = ["全市", "各级工会", "困难职工", "基层一线"]


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


def make_document(path: Path, seed: int) -> None:
    """Write one county-union report with python-docx."""
    document = docx.Document()
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
    for item in ("走访困难职工", "开展技能培训", "落实帮扶资金"):
        document.add_paragraph(f"{item}{seed}", style="List Bullet")
    for item in ("摸清底数", "精准帮扶"):
        document.add_paragraph(f"{item}{seed}", style="List Number")
    link = document.add_paragraph("详见")
    _hyperlink(link, f"通知{seed}", f"https://union.example.cn/notice/{seed}.html")
    document.add_paragraph(f"工会是职工之家{seed}。", style="Quote")
    plain = document.add_table(rows=2, cols=2)
    for (row, column), text in {
        (0, 0): "项目",
        (0, 1): "数量",
        (1, 0): "站点",
        (1, 1): f"{seed}个",
    }.items():
        plain.cell(row, column).text = text
    document.add_paragraph("分项统计如下：")
    merged = document.add_table(rows=3, cols=3)
    merged.cell(0, 0).merge(merged.cell(1, 0)).text = "项目"
    merged.cell(0, 1).merge(merged.cell(0, 2)).text = "完成情况"
    merged.cell(1, 1).text = "计划"
    merged.cell(1, 2).text = "完成"
    for column, text in enumerate(["服务站点", "300个", f"{320 + seed}个"]):
        merged.cell(2, column).text = text
    for _ in range(1 + seed % 2):
        document.add_picture(io.BytesIO(photo(800, 600)), width=Cm(10))
    document.add_paragraph("（市总工会组宣部）")
    document.save(path)


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


def _convert_all(soffice: str, sources: list[Path], target: str, out: Path, profile: Path) -> None:
    """Convert many files in one LibreOffice run (it starts once, which is most of the time)."""
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            target,
            "--outdir",
            str(out),
            *map(str, sources),
        ],
        check=True,
        capture_output=True,
        timeout=900,
    )


def _paste(html: str) -> str:
    """Paste clipboard HTML as the window does: pictures stored, missing ones named."""
    pictures = PendingPictures(max_width=DEFAULT_MAX_WIDTH)
    problems: list[str] = []
    return html_to_markdown(html, pasted_picture_resolver(pictures.add, problems))


def _imported(path: Path, expected: Expected) -> tuple[str, Expected]:
    """An imported file as one text (title, subtitle, body, byline) and what to look for.

    The title, subtitle and byline become fields, which hold no emphasis, lists or links:
    runs that went into them are not looked for.
    """
    article = read_import_file(path).article
    fields = [article.title, article.subtitle, article.author]
    squashed = [re.sub(r"\s+", "", text) for text in fields if text]

    def in_body(text: str) -> bool:
        wanted = re.sub(r"\s+", "", text)
        return not any(wanted in field_text for field_text in squashed)

    looked_for = Expected(
        bold=[text for text in expected.bold if in_body(text)],
        italic=[text for text in expected.italic if in_body(text)],
        lists=[text for text in expected.lists if in_body(text)],
        tables=expected.tables,
        merged=expected.merged,
        links=[(text, url) for text, url in expected.links if in_body(text)],
        pictures=expected.pictures,
        quotes=[text for text in expected.quotes if in_body(text)],
        text=expected.text,
    )
    text = "\n\n".join([*(field for field in fields if field), article.body])
    return text, looked_for


class Table:
    """The figures of every source kind, added up over its documents."""

    def __init__(self) -> None:
        self.rows: dict[str, dict[str, list[int]]] = defaultdict(
            lambda: defaultdict(lambda: [0, 0])
        )
        self.documents: dict[str, int] = defaultdict(int)

    def add(self, source: str, markdown: str, expected: Expected) -> None:
        """Measure one result against what its source holds."""
        row = self.rows[source]
        for name, (kept, total) in measure(markdown, expected).items():
            row[name][0] += kept
            row[name][1] += total
        row["junk"][0] += junk(markdown)
        self.documents[source] += 1

    def print(self) -> None:
        """Print the table, one row a source kind."""
        header = ["source", "files", *FEATURES, "text", "junk"]
        print("| " + " | ".join(header) + " |")
        print("|" + "---|" * len(header))
        for source, row in self.rows.items():
            cells = [source, str(self.documents[source])]
            for name in (*FEATURES, "text"):
                kept, total = row[name]
                cells.append(f"{100 * kept / total:.0f}% ({kept}/{total})" if total else "–")
            cells.append(str(row["junk"][0]))
            print("| " + " | ".join(cells) + " |")


def _capture_source(capture: Path) -> str:
    """Which Word and how it reached the clipboard, from a capture's place in the corpus."""
    version = capture.parent.name.replace("word", "Word ").replace("office365", "Office 365")
    if capture.name == "edge.html":
        return f"{version} clipboard via Edge (legacy)"
    return f"{version} clipboard"


def _reports(table: Table, work: Path, count: int, soffice: str | None) -> None:
    clipboard = work / "lu8f3k2a.tmp"
    clipboard.mkdir()
    for seed in range(count):
        source = work / f"report{seed}.docx"
        make_document(source, seed)
        expected = expected_from_docx(source)
        table.add("report .docx", *_imported(source, expected))
        if soffice is None:
            continue
        out = work / "out"
        for suffix in ("doc", "odt", "rtf"):
            converted = _convert(soffice, source, suffix, out, work / "profile")
            table.add(f"report .{suffix}", *_imported(converted, expected))
        html_file = _convert(soffice, source, "html", out, work / "profile")
        table.add(
            "report, LibreOffice paste", _paste(_as_clipboard(html_file, clipboard)), expected
        )


def _word_files(table: Table, work: Path, soffice: str | None, full: bool) -> None:
    sources = sorted(path for path in WORD_FILES.rglob("*.docx") if not path.name.startswith("~$"))
    # LibreOffice names its output after the file: give each a short unique name first.
    named = work / "word"
    named.mkdir()
    copies: dict[Path, Path] = {}
    for index, path in enumerate(sources):
        copies[path] = named / f"w{index:03d}.docx"
        shutil.copyfile(path, copies[path])
    clipboard = work / "lu5c7d1e.tmp"
    clipboard.mkdir()
    if soffice is not None:
        _convert_all(soffice, list(copies.values()), "html", work / "word-html", work / "profile")
        if full:
            for suffix in ("doc", "odt", "rtf"):
                _convert_all(
                    soffice, list(copies.values()), suffix, work / "word-out", work / "profile"
                )
    for path in sources:
        expected = expected_from_docx(path)
        try:
            table.add("Word .docx files", *_imported(path, expected))
        except ArticleFileError as exc:
            print(f"{path.relative_to(REAL_INPUTS)}: {exc}", file=sys.stderr)
        for capture in sorted(path.parent.rglob("*.html")):
            if capture.name in CAPTURES:
                html = capture.read_text(encoding="utf-8", errors="replace")
                table.add(_capture_source(capture), _paste(html), _without_pictures(expected))
        if soffice is None:
            continue
        html_file = work / "word-html" / f"{copies[path].stem}.html"
        if html_file.is_file():
            pasted = _paste(_as_clipboard(html_file, clipboard))
            table.add("Word files, LibreOffice paste", pasted, expected)
        if full:
            for suffix in ("doc", "odt", "rtf"):
                converted = work / "word-out" / f"{copies[path].stem}.{suffix}"
                if converted.is_file():
                    table.add(f"Word files as .{suffix}", *_imported(converted, expected))


def _without_pictures(expected: Expected) -> Expected:
    """A capture's pictures stay in Word's clipboard folder on the capturing machine."""
    return Expected(**{**vars(expected), "pictures": 0})


def main(argv: list[str] | None = None) -> int:
    """Build and read the corpus, import and paste it, print the survival figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="two reports instead of twelve")
    parser.add_argument("--documents", type=int, default=0, help="python-docx reports to make")
    parser.add_argument(
        "--full", action="store_true", help="also import the Word files as .doc, .odt and .rtf"
    )
    args = parser.parse_args(argv)
    count = args.documents or (2 if args.quick else 12)
    soffice = find_soffice()
    table = Table()
    with tempfile.TemporaryDirectory(prefix="bench-inputs-") as folder:
        work = Path(folder)
        _reports(table, work, count, soffice)
        _word_files(table, work, soffice, args.full)
    print(
        f"{count} reports made by python-docx; Word files and clipboard captures from "
        "tests/real_inputs" + ("; conversions by LibreOffice" if soffice else "; no LibreOffice")
    )
    table.print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
