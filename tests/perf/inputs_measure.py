"""What a Word file holds, feature by feature, and how much of it an article's Markdown kept.

The source of truth is the ``.docx`` itself, read with python-docx and its XML: runs with
direct bold or italic (or a bold/italic character style), numbered and bulleted paragraphs,
Quote paragraphs, table cells and the cells merged across rows or columns, external links,
pictures, and every letter and digit. The result is the Markdown rendered by the article
dialect and read back as text with, for each character, whether it is bold, italic, in a
list item, a quote, a table cell or a link. A run counts as kept when its text appears,
after the previous run found, with every character (spaces aside) bold (or italic…); a
merged table counts as right when some table of the result has exactly its cells, spans and
texts. Used by ``bench_inputs`` over python-docx reports, real Word files and Word's real
clipboard HTML.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar

import docx
from docx.oxml.ns import qn
from docx.text.run import Run as DocxRun

from desktop.body.dialect import markdown_to_html

FEATURES = ("bold", "italic", "lists", "tables", "merged", "links", "pictures", "quotes")
#: Office markup and typed bullets that must never reach an article.
JUNK = re.compile(
    r"mso-|font-family|<o:p|class=|style=|<span|<font|&nbsp;|\xa0|^l\s|Mso|\{\\|@page|"
    r"<!--|\bWingdings\b",
    re.M | re.I,
)
_VML_PICTURE = "{urn:schemas-microsoft-com:vml}imagedata"
#: A picture stored with the article (the page links it relative to its own folder).
_STORED = re.compile(r"(?:^|/)media/[0-9a-f]{64}\.")
_WORD = re.compile(r"[^\W_]", re.U)
_SPACE = re.compile(r"\s+")
_HEADING_STYLES = ("heading", "title", "subtitle")
_QUOTE_STYLES = ("quote", "intense quote")

#: One cell of a table grid: (row, column, rows spanned, columns spanned, text).
Cell = tuple[int, int, int, int, str]


def _squash(text: str) -> str:
    """Text with every space removed: line breaks join differently in Chinese and Latin."""
    return _SPACE.sub("", text.replace("\xa0", " "))


@dataclass
class Expected:
    """What one Word document holds."""

    bold: list[str] = field(default_factory=list)
    italic: list[str] = field(default_factory=list)
    lists: list[str] = field(default_factory=list)
    tables: list[str] = field(default_factory=list)  # the texts of plain tables' cells
    merged: list[frozenset[Cell]] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)
    pictures: int = 0
    quotes: list[str] = field(default_factory=list)
    text: Counter[str] = field(default_factory=Counter)


_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"


def _name(tag: str) -> str:
    return _MC + tag[3:] if tag.startswith("mc:") else qn(tag)


def _inside(element, tag: str) -> bool:  # type: ignore[no-untyped-def]
    wanted = _name(tag)
    parent = element.getparent()
    while parent is not None:
        if parent.tag == wanted:
            return True
        parent = parent.getparent()
    return False


def _style_chain(style):  # type: ignore[no-untyped-def]
    while style is not None:
        yield style
        style = style.base_style


def _is_list(paragraph) -> bool:  # type: ignore[no-untyped-def]
    ppr = paragraph._p.pPr
    if ppr is not None and ppr.numPr is not None:
        num = ppr.numPr.find(qn("w:numId"))
        return num is None or num.get(qn("w:val")) != "0"
    for style in _style_chain(paragraph.style):
        style_ppr = style.element.pPr
        if style_ppr is not None and style_ppr.numPr is not None:
            return True
    return False


def _run_has(run: DocxRun, name: str) -> bool:
    direct = getattr(run, name)
    if direct is not None:
        return bool(direct)
    style = run.style
    return bool(style is not None and getattr(style.font, name))


def _segments(runs: list[DocxRun], name: str) -> list[str]:
    """The texts of consecutive runs that all have the property (bold, italic)."""
    found: list[str] = []
    current = ""
    for run in runs:
        if _run_has(run, name):
            current += run.text
            continue
        if _squash(current):
            found.append(current)
        current = ""
    if _squash(current):
        found.append(current)
    return found


def _cell_text(tc) -> str:  # type: ignore[no-untyped-def]
    return " ".join(t.text or "" for t in tc.iter(qn("w:t")) if not _inside(t, "mc:Fallback"))


def _grid(tbl) -> list[Cell]:  # type: ignore[no-untyped-def]
    """The cells of a Word table with their spans (gridSpan across, vMerge down)."""
    cells: list[list[int | str]] = []
    for row_index, tr in enumerate(tbl.findall(qn("w:tr"))):
        column = 0
        for tc in tr.findall(qn("w:tc")):
            tcpr = tc.find(qn("w:tcPr"))
            span = 1
            merge = None
            if tcpr is not None:
                grid_span = tcpr.find(qn("w:gridSpan"))
                if grid_span is not None:
                    span = int(grid_span.get(qn("w:val"), "1"))
                v_merge = tcpr.find(qn("w:vMerge"))
                if v_merge is not None:
                    merge = v_merge.get(qn("w:val"), "continue")
            if merge == "continue":
                for cell in cells:
                    if cell[1] == column and int(cell[0]) + int(cell[2]) == row_index:
                        cell[2] = int(cell[2]) + 1
                        break
            else:
                cells.append([row_index, column, 1, span, _squash(_cell_text(tc))])
            column += span
    return [(int(r), int(c), int(rs), int(cs), str(t)) for r, c, rs, cs, t in cells]


def expected_from_docx(path: Path) -> Expected:
    """Read what a Word document holds, feature by feature."""
    document = docx.Document(str(path))
    body = document.element.body
    expected = Expected()
    for t in body.iter(qn("w:t")):
        if not _inside(t, "mc:Fallback"):
            expected.text.update(_WORD.findall(t.text or ""))
    paragraphs = [
        docx.text.paragraph.Paragraph(p, document.part)
        for p in body.iter(qn("w:p"))
        if not _inside(p, "mc:Fallback") and not _inside(p, "w:txbxContent")
    ]
    for paragraph in paragraphs:
        runs = [
            DocxRun(r, paragraph)
            for r in paragraph._p.iter(qn("w:r"))
            if not _inside(r, "w:del") and not _inside(r, "mc:Fallback")
        ]
        text = "".join(run.text for run in runs)
        style = (paragraph.style.name or "").lower() if paragraph.style is not None else ""
        heading = style.startswith(_HEADING_STYLES)
        if not heading:  # a heading's bold is its style's, and its numbering is no list
            expected.bold += _segments(runs, "bold")
            expected.italic += _segments(runs, "italic")
            if _is_list(paragraph) and _squash(text) and not _inside(paragraph._p, "w:tc"):
                expected.lists.append(text)
        if style in _QUOTE_STYLES and _squash(text):
            expected.quotes.append(text)
        for link in paragraph._p.findall(qn("w:hyperlink")):
            relation = link.get(qn("r:id"))
            if relation is None or relation not in document.part.rels:
                continue
            link_text = "".join(t.text or "" for t in link.iter(qn("w:t")))
            if _squash(link_text):
                expected.links.append((link_text, document.part.rels[relation].target_ref))
    for tbl in body.iter(qn("w:tbl")):
        if _inside(tbl, "w:tbl") or _inside(tbl, "mc:Fallback"):
            continue  # a table in a table: its cells are its parent's text
        grid = _grid(tbl)
        if any(rows > 1 or columns > 1 for _, _, rows, columns, _ in grid):
            expected.merged.append(frozenset(grid))
        else:
            expected.tables += [text for *_, text in grid if text]
    pictures = [*body.iter(qn("a:blip")), *body.iter(_VML_PICTURE)]
    expected.pictures = sum(1 for picture in pictures if not _inside(picture, "mc:Fallback"))
    return expected


class _Result(HTMLParser):
    """Rendered article HTML as text, each character with the features it has."""

    # A header cell is bold on the page: the editor keeps no separate bold in it.
    _FLAGS: ClassVar[dict[str, str]] = {
        "strong": "b",
        "b": "b",
        "th": "b",
        "em": "i",
        "i": "i",
        "li": "l",
        "blockquote": "q",
    }

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chars: list[str] = []
        self.flags: list[frozenset[str]] = []
        self.hrefs: list[str | None] = []
        self.media = 0
        self.tables: list[set[Cell]] = []
        self._open: Counter[str] = Counter()
        self._href: list[str | None] = []
        self._table: list[dict[tuple[int, int], bool]] = []
        self._row = -1
        self._cell: list[int | str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag in self._FLAGS:
            self._open[self._FLAGS[tag]] += 1
        if tag == "a":
            self._href.append(values.get("href"))
        elif tag == "img" and _STORED.search(values.get("src", "")):
            self.media += 1
        elif tag == "table":
            self.tables.append(set())
            self._table.append({})
            self._row = -1
        elif tag == "tr":
            self._row += 1
        elif tag in ("td", "th") and self._table:
            taken = self._table[-1]
            column = 0
            while taken.get((self._row, column)):
                column += 1
            rows = int(values.get("rowspan") or 1)
            columns = int(values.get("colspan") or 1)
            for row in range(self._row, self._row + rows):
                for col in range(column, column + columns):
                    taken[(row, col)] = True
            self._cell = [self._row, column, rows, columns, ""]
            self._open["c"] += 1
        if tag in ("p", "li", "br", "tr", "td", "th", "h1", "h2", "h3", "h4", "blockquote"):
            self._add(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._FLAGS and self._open[self._FLAGS[tag]]:
            self._open[self._FLAGS[tag]] -= 1
        if tag == "a" and self._href:
            self._href.pop()
        elif tag in ("td", "th") and self._cell is not None:
            row, column, rows, columns, text = self._cell
            self.tables[-1].add((int(row), int(column), int(rows), int(columns), str(text)))
            self._cell = None
            self._open["c"] -= 1
        elif tag == "table" and self._table:
            self._table.pop()

    def handle_data(self, data: str) -> None:
        self._add(data)

    def _add(self, text: str) -> None:
        if self._cell is not None:
            self._cell[4] = str(self._cell[4]) + _squash(text)
        flags = frozenset(name for name, count in self._open.items() if count > 0)
        href = self._href[-1] if self._href else None
        for char in text:
            self.chars.append(char)
            self.flags.append(flags)
            self.hrefs.append(href)


class Measured:
    """A result's text with its features, searched for the runs a source holds."""

    def __init__(self, markdown: str) -> None:
        result = _Result()
        result.feed(markdown_to_html(markdown))
        result.close()
        keep = [index for index, char in enumerate(result.chars) if not char.isspace()]
        self.text = "".join(result.chars[index] for index in keep)
        self.flags = [result.flags[index] for index in keep]
        self.hrefs = [result.hrefs[index] for index in keep]
        self.media = result.media
        self.tables = [frozenset(table) for table in result.tables]
        self.words = Counter(_WORD.findall(self.text))

    def found(self, texts: list[str], test) -> int:  # type: ignore[no-untyped-def]
        """How many texts appear, in order, with test true of every character."""
        kept = 0
        cursor = 0
        for text in texts:
            wanted = _squash(text)
            start = self.text.find(wanted, cursor)
            while start >= 0:
                span = range(start, start + len(wanted))
                if all(test(index) for index in span):
                    kept += 1
                    cursor = start + len(wanted)
                    break
                start = self.text.find(wanted, start + 1)
        return kept


def _same_url(found: str | None, wanted: str) -> bool:
    return found is not None and found.rstrip("/") == wanted.rstrip("/")


def measure(markdown: str, expected: Expected) -> dict[str, tuple[int, int]]:
    """Per feature: (kept, in the source); plus "text" (letters and digits kept, in all)."""
    result = Measured(markdown)
    kept = {
        "bold": result.found(expected.bold, lambda i: "b" in result.flags[i]),
        "italic": result.found(expected.italic, lambda i: "i" in result.flags[i]),
        "lists": result.found(expected.lists, lambda i: "l" in result.flags[i]),
        "tables": result.found(expected.tables, lambda i: "c" in result.flags[i]),
        "merged": sum(grid in result.tables for grid in expected.merged),
        "links": sum(
            result.found([text], lambda i, url=url: _same_url(result.hrefs[i], url))
            for text, url in expected.links
        ),
        "pictures": min(result.media, expected.pictures),
        "quotes": result.found(expected.quotes, lambda i: "q" in result.flags[i]),
    }
    totals = {
        "bold": len(expected.bold),
        "italic": len(expected.italic),
        "lists": len(expected.lists),
        "tables": len(expected.tables),
        "merged": len(expected.merged),
        "links": len(expected.links),
        "pictures": expected.pictures,
        "quotes": len(expected.quotes),
    }
    figures = {name: (kept[name], totals[name]) for name in FEATURES}
    words = expected.text
    figures["text"] = (
        sum(min(count, result.words[char]) for char, count in words.items()),
        sum(words.values()),
    )
    return figures


def junk(markdown: str) -> int:
    """Office markup left in an article's Markdown."""
    return len(JUNK.findall(markdown))
