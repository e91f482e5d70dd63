"""Read HTML (Python-Markdown output or a paste from Word/WPS/browsers) into editor blocks.

Only structure and the inline styles the article dialect knows survive: fonts, colours,
sizes, classes and scripts are dropped here, which is what makes this the paste cleaner too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

from desktop.gui.editor.blocks import (
    LINE_BREAK,
    OBJECT_CHAR,
    Block,
    ListLevel,
    Run,
    Table,
    TextBlock,
    normalise_blocks,
)

_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
# Elements that start a new paragraph when they open or close.
_PARAGRAPHS = frozenset(
    [
        "p",
        "div",
        "pre",
        "address",
        "article",
        "aside",
        "section",
        "header",
        "footer",
        "main",
        "nav",
        "figure",
        "figcaption",
        "dl",
        "dt",
        "dd",
        "center",
        "details",
        "summary",
        "form",
        "fieldset",
    ]
)
# Elements whose content is never article text.
_SKIPPED = frozenset(
    ["script", "style", "head", "title", "template", "noscript", "object", "iframe", "svg", "math"]
)
_VOID = frozenset(
    [
        "br",
        "hr",
        "img",
        "meta",
        "link",
        "input",
        "col",
        "area",
        "base",
        "wbr",
        "source",
        "track",
        "param",
    ]
)
_BOLD_WEIGHT = re.compile(r"font-weight\s*:\s*(bold|bolder|[6-9]00)", re.I)
_NORMAL_WEIGHT = re.compile(r"font-weight\s*:\s*(normal|lighter|[1-5]00)", re.I)
_ITALIC = re.compile(r"font-style\s*:\s*(italic|oblique)", re.I)
_NOT_ITALIC = re.compile(r"font-style\s*:\s*normal", re.I)
_STRIKE = re.compile(r"text-decoration(-line)?\s*:[^;]*line-through", re.I)


@dataclass
class _Open:
    """An open element and the inline style it imposes (None: leaves it unchanged)."""

    tag: str
    bold: bool | None = None
    italic: bool | None = None
    strike: bool | None = None
    href: str | None = None


class _BlockBuilder(HTMLParser):
    """An HTMLParser that collects blocks; tolerant of unclosed and stray tags."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self._stack: list[_Open] = []
        self._runs: list[Run] = []
        self._heading = 0
        self._lists: list[ListLevel] = []
        self._quote = 0
        self._in_item = 0  # open <li> elements
        self._item_paragraph_break = False
        self._skip = 0
        self._table_depth = 0
        self._table_rows: list[tuple[bool, list[list[Run]]]] = []
        self._in_thead = False
        self._cell: list[Run] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Open an element."""
        if self._skip:
            if tag in _SKIPPED:
                self._skip += 1
            return
        if tag in _SKIPPED:
            self._skip = 1
            return
        attributes = {name: value or "" for name, value in attrs}
        if tag == "br":
            self._target().append(Run(LINE_BREAK))
            return
        if tag == "img":
            src = attributes.get("src", "")
            if src:
                alt = attributes.get("alt", "")
                self._target().append(Run(OBJECT_CHAR, image_src=src, image_alt=alt))
            return
        if tag == "hr":
            if self._cell is None:
                self._flush()
                self.blocks.append(TextBlock(rule=True, quote=self._quote))
            return
        if self._table_depth and tag in ("table", "tr", "td", "th", "thead", "tbody", "tfoot"):
            self._table_start(tag)
        elif tag == "table":
            self._flush()
            self._table_depth = 1
            self._table_rows = []
        elif self._cell is not None and (tag in _PARAGRAPHS or tag in _HEADINGS or tag == "li"):
            self._cell_break()
        elif tag in _HEADINGS:
            self._flush()
            self._heading = _HEADINGS[tag]
        elif tag in ("ul", "ol"):
            self._flush()
            start = attributes.get("start", "1")
            self._lists.append(
                ListLevel(numbered=tag == "ol", start=int(start) if start.isdigit() else 1)
            )
        elif tag == "li":
            self._flush()
            self._in_item += 1
        elif tag == "blockquote":
            self._flush()
            self._quote += 1
        elif tag in _PARAGRAPHS:
            self._paragraph_boundary()
        if tag not in _VOID:
            self._stack.append(_inline_style(tag, attributes))

    def handle_endtag(self, tag: str) -> None:
        """Close an element (and any unclosed ones inside it)."""
        if self._skip:
            if tag in _SKIPPED:
                self._skip -= 1
            return
        if not any(open_.tag == tag for open_ in self._stack):
            return  # a stray end tag, as Word likes to write
        while self._stack:
            if self._stack.pop().tag == tag:
                break
        if self._table_depth:
            self._table_end(tag)
        elif tag in _HEADINGS:
            self._flush()
            self._heading = 0
        elif tag in ("ul", "ol"):
            self._flush()
            if self._lists:
                self._lists.pop()
        elif tag == "li":
            self._flush()
            self._in_item = max(0, self._in_item - 1)
        elif tag == "blockquote":
            self._flush()
            self._quote = max(0, self._quote - 1)
        elif tag in _PARAGRAPHS:
            self._paragraph_boundary()

    def handle_data(self, data: str) -> None:
        """Add text in the current inline style."""
        if self._skip or (self._table_depth and self._cell is None):
            return
        target = self._target()
        if self._item_paragraph_break and data.strip():
            target.append(Run(LINE_BREAK))
            self._item_paragraph_break = False
        bold = italic = strike = False
        href = ""
        for open_ in self._stack:
            bold = open_.bold if open_.bold is not None else bold
            italic = open_.italic if open_.italic is not None else italic
            strike = open_.strike if open_.strike is not None else strike
            href = open_.href if open_.href is not None else href
        target.append(Run(data, bold=bold, italic=italic, strike=strike, href=href))

    def close(self) -> None:
        """Finish parsing and flush whatever is still open."""
        super().close()
        if self._table_depth:
            self._table_depth = 1
            self._table_end("table")
        self._flush()

    def _target(self) -> list[Run]:
        return self._cell if self._cell is not None else self._runs

    def _paragraph_boundary(self) -> None:
        # A loose list item holds <p>s; the editor keeps one block per item, so the
        # item's later paragraphs continue it after a line break.
        if self._in_item and self._lists:
            if any(run.text.strip() for run in self._runs):
                self._item_paragraph_break = True
        else:
            self._flush()

    def _flush(self) -> None:
        self._item_paragraph_break = False
        if not self._runs:
            return
        lists = tuple(self._lists) if self._in_item and not self._heading else ()
        self.blocks.append(
            TextBlock(runs=self._runs, heading=self._heading, lists=lists, quote=self._quote)
        )
        self._runs = []

    def _cell_break(self) -> None:
        if self._cell and any(run.text.strip() for run in self._cell):
            self._cell.append(Run(LINE_BREAK))

    def _table_start(self, tag: str) -> None:
        if tag == "table":
            self._table_depth += 1  # a nested table is flattened into its cell
        elif self._table_depth > 1:
            self._cell_break()
        elif tag == "thead":
            self._in_thead = True
        elif tag == "tr":
            self._table_rows.append((self._in_thead, []))
        elif tag in ("td", "th"):
            if not self._table_rows:
                self._table_rows.append((self._in_thead, []))
            header, cells = self._table_rows[-1]
            self._table_rows[-1] = (header or (tag == "th" and not cells), cells)
            self._cell = []
            cells.append(self._cell)

    def _table_end(self, tag: str) -> None:
        if tag == "table":
            self._table_depth -= 1
            if self._table_depth == 0:
                self._cell = None
                self._in_thead = False
                self._append_table()
        elif self._table_depth > 1:
            self._cell_break()
        elif tag == "thead":
            self._in_thead = False
        elif tag in ("td", "th"):
            self._cell = None

    def _append_table(self) -> None:
        rows = [cells for _, cells in self._table_rows if cells]
        self._table_rows = []
        if rows:
            # Markdown tables always have exactly one header row: the first row is it.
            self.blocks.append(Table(header=rows[0], rows=rows[1:]))


def _inline_style(tag: str, attributes: dict[str, str]) -> _Open:
    """The inline style an element sets, from its tag and its style attribute."""
    open_ = _Open(tag)
    if tag in ("strong", "b"):
        open_.bold = True
    elif tag in ("em", "i", "cite", "var", "dfn"):
        open_.italic = True
    elif tag in ("del", "s", "strike"):
        open_.strike = True
    elif tag == "a":
        open_.href = attributes.get("href", "")
    style = attributes.get("style", "")
    if style:
        if _BOLD_WEIGHT.search(style):
            open_.bold = True
        elif _NORMAL_WEIGHT.search(style):
            open_.bold = False
        if _ITALIC.search(style):
            open_.italic = True
        elif _NOT_ITALIC.search(style):
            open_.italic = False
        if _STRIKE.search(style):
            open_.strike = True
    return open_


def blocks_from_html(html: str) -> list[Block]:
    """Parse an HTML fragment into normalised editor blocks, dropping what Markdown can't hold."""
    parser = _BlockBuilder()
    parser.feed(html)
    parser.close()
    return normalise_blocks(parser.blocks)
