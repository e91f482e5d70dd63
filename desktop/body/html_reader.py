"""Read HTML (Python-Markdown output or a paste from Word/WPS/browsers) into editor blocks.

Only structure and the inline styles the article dialect knows survive: fonts, colours,
sizes, classes and scripts are dropped here, which is what makes this the paste cleaner too.
The import of .docx files uses it as well.

Pasted HTML (``pasted=True``) gets more: Word's ``mso-list`` paragraphs become real list
items (their typed bullets, inside ``<!--[if !supportLists]-->``, are dropped), a line
break or source newline inside a paragraph is joined away (with no space between Chinese
characters), two line breaks in a row end the paragraph, links to in-document anchors or
local files are dropped, and every picture goes through a resolver that stores it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from html import unescape
from html.parser import HTMLParser

from desktop.body.blocks import (
    LINE_BREAK,
    MAX_SPAN,
    OBJECT_CHAR,
    Block,
    ListLevel,
    Run,
    Table,
    TextBlock,
    normalise_blocks,
)
from desktop.body.inline_style import declarations, read_inline_style
from desktop.render.picture_paths import site_picture_src
from desktop.render.sanitise import url_allowed

#: Given a pasted picture's ``src``, return the ``src`` to keep (e.g. a stored ``media/…``
#: path) or None to drop the picture.
ImageResolver = Callable[[str], "str | None"]

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
# Word's list paragraphs: style='…mso-list:l0 level2 lfo1'; the typed bullet is in a span
# styled mso-list:Ignore.
_MSO_LIST = re.compile(r"mso-list\s*:\s*l\d+\s+level(\d+)", re.I)
_MSO_IGNORE = re.compile(r"mso-list\s*:\s*ignore", re.I)
_SYMBOL_FONT = re.compile(r"\b(wingdings[ 23]*|webdings|symbol)\b", re.I)
# Word's Quote and Intense Quote paragraph styles (English and Chinese Word alike).
_QUOTE_CLASS = re.compile(r"\bMso(Intense)?Quote\b", re.I)
# A number or letter with its punctuation; a bare letter is a Wingdings bullet ("l", "n").
_NUMBER_MARKER = re.compile(
    r"[(（](\d{1,6}|[a-zA-Z]|[ivxlcdmIVXLCDM]{1,6})[)）]"
    r"|(\d{1,6}|[a-zA-Z]|[ivxlcdmIVXLCDM]{1,6})[.)）．、]"
)
# Chinese numbering (一、 （一） ①) has no Markdown form: it stays text at the paragraph start.
_CHINESE_MARKER = re.compile(
    r"[(（]?[一二三四五六七八九十百零〇]+[)）、.．]?|[\u2460-\u2473\u3251-\u325f]"
)
#: Word offers nine list levels; a deeper one in clipboard HTML is taken as the ninth.
_MSO_DEEPEST = 9
_CLIPBOARD_HEADER = re.compile(r"\AVersion:\d.*?(?=<)", re.S)
# Placeholders for a pasted source newline and a pasted <br>, settled when a block ends.
_SOFT = "\x01"
_HARD = "\x02"
_STRETCH = re.compile("[ \t\r\n\f\x01\x02]*[\x01\x02][ \t\r\n\f\x01\x02]*")
_SOURCE_NEWLINE = re.compile(r"[ \t\r\f]*\n[ \t\r\n\f]*")


@dataclass
class _Open:
    """An open element and the inline style it imposes (None: leaves it unchanged)."""

    tag: str
    bold: bool | None = None
    italic: bool | None = None
    strike: bool | None = None
    href: str | None = None
    marker: bool = False  # Word's typed list bullet: read, but not article text
    symbol: bool = False  # text in a symbol font (Wingdings, Symbol): a bullet, not letters


class _BlockBuilder(HTMLParser):
    """An HTMLParser that collects blocks; tolerant of unclosed and stray tags."""

    def __init__(self, pasted: bool = False, resolve_image: ImageResolver | None = None) -> None:
        super().__init__(convert_charrefs=True)
        self.pasted = pasted
        self.resolve_image = resolve_image
        self.blocks: list[Block] = []
        self._in_marker = False  # inside <!--[if !supportLists]-->
        self._marker_text: list[str] = []
        self._mso_level = 0  # Word list level of the open paragraph
        self._mso_lists: list[ListLevel] = []
        self._stack: list[_Open] = []
        self._runs: list[Run] = []
        self._heading = 0
        self._lists: list[ListLevel] = []
        self._quote = 0
        self._quote_paragraph = False  # the open paragraph has Word's Quote style
        self._cell_spans: dict[int, tuple[int, int]] = {}  # id of a cell: (rowspan, colspan)
        self._in_item = 0  # open <li> elements
        self._item_paragraph_break = False
        self._skip = 0
        self._table_depth = 0
        self._table_rows: list[tuple[bool, list[list[Run]]]] = []
        self._in_thead = False
        self._cell: list[Run] | None = None
        self._figure_runs: int | None = None  # where the open <figure>'s runs start
        self._caption: list[str] | None = None  # text of the open <figcaption>

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
        if self._caption is not None:
            # Inside a caption only its text counts: no breaks, pictures or paragraphs.
            if tag == "br":
                self._caption.append(" ")
            elif tag not in _VOID:
                self._stack.append(_Open(tag))
            return
        if tag == "br":
            if self._in_marker or self._marker_open():
                return
            in_text = self.pasted and self._cell is None
            self._target().append(Run(_HARD if in_text else LINE_BREAK))
            return
        if tag == "img":
            if self._in_marker or self._marker_open():
                return  # a picture bullet
            src = self._image_src(attributes.get("src", "").strip())
            if src:
                alt = attributes.get("alt", "")
                # Our own Markdown's title is the caption; a pasted page's title attribute
                # is only a tooltip (its captions come in <figcaption>).
                title = "" if self.pasted else attributes.get("title", "")
                self._target().append(
                    Run(OBJECT_CHAR, image_src=src, image_alt=alt, image_title=title)
                )
            return
        if tag == "figcaption" and self._caption is None and self._figure_image() is not None:
            # The caption of the picture above: it belongs to the picture, not the text.
            self._caption = []
            self._stack.append(_Open(tag))
            return
        if tag == "hr":
            if self._cell is None:
                self._flush()
                self.blocks.append(TextBlock(rule=True, quote=self._quote))
            return
        if self._table_depth and tag in ("table", "tr", "td", "th", "thead", "tbody", "tfoot"):
            self._table_start(tag, attributes)
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
            self._lists.append(
                ListLevel(numbered=tag == "ol", start=_list_start(attributes.get("start", "")))
            )
        elif tag == "li":
            self._flush()
            self._in_item += 1
        elif tag == "blockquote":
            self._flush()
            self._quote += 1
        elif tag in _PARAGRAPHS:
            self._paragraph_boundary()
            if tag == "figure":
                self._figure_runs = len(self._target())
            if self.pasted and tag == "p" and not self._lists:
                match = _MSO_LIST.search(attributes.get("style", ""))
                self._mso_level = min(int(match.group(1)), _MSO_DEEPEST) if match else 0
            if self.pasted and tag == "p":
                self._quote_paragraph = bool(_QUOTE_CLASS.search(attributes.get("class", "")))
        if tag not in _VOID:
            open_ = _inline_style(tag, attributes)
            if self.pasted:
                open_.marker = bool(_MSO_IGNORE.search(attributes.get("style", "")))
                open_.symbol = _symbol_font(tag, attributes)
                if open_.href is not None and not _pasted_link_allowed(open_.href):
                    open_.href = ""
            self._stack.append(open_)

    def handle_comment(self, data: str) -> None:
        """Follow Word's conditional comments around typed list bullets."""
        self._conditional(data.strip())

    def unknown_decl(self, data: str) -> None:
        """Follow Word's downlevel-revealed conditionals (``<![if !supportLists]>``)."""
        self._conditional(data.strip())

    def _conditional(self, text: str) -> None:
        if not self.pasted:
            return
        if text.lower().replace(" ", "") in ("[if!supportlists]", "if!supportlists"):
            self._in_marker = True
        elif text.lower() in ("[endif]", "endif") and self._in_marker:
            self._in_marker = False

    def _figure_image(self) -> int | None:
        """Index of the last picture read inside the open <figure>, if any."""
        if self._figure_runs is None or not any(o.tag == "figure" for o in self._stack):
            return None
        target = self._target()
        for index in range(len(target) - 1, min(self._figure_runs, len(target)) - 1, -1):
            if target[index].image_src:
                return index
        return None

    def _end_caption(self) -> None:
        """Give the figure's picture the caption just read (as its Markdown title)."""
        text = "".join(self._caption or [])
        self._caption = None
        index = self._figure_image()
        if index is not None and text.strip():
            target = self._target()
            target[index] = replace(target[index], image_title=text)

    def _marker_open(self) -> bool:
        return any(open_.marker for open_ in self._stack)

    def _symbol_bullet(self, data: str) -> bool:
        """Whether ``data`` is a bullet typed in a symbol font at a paragraph's start.

        WPS (and Word without its list markup) writes a bullet as the letter that the
        Wingdings or Symbol font draws as a dot ("l", "n", "§", "Ø"); read as a list item.
        """
        bullet = data.replace("\xa0", " ").strip()
        if len(bullet) != 1 or self._mso_level or self._lists or self._heading:
            return False
        if self._cell is not None or any(run.text.strip() or run.image_src for run in self._runs):
            return False
        if not any(open_.symbol for open_ in self._stack):
            return False
        self._mso_level = 1
        return True

    def _image_src(self, src: str) -> str | None:
        # A control character is no part of an address (Markdown cannot even write it back).
        if not src or any(ord(c) < 0x20 or ord(c) == 0x7F for c in src):
            return None
        if not self.pasted:
            return site_picture_src(src)
        if self.resolve_image is not None:
            return self.resolve_image(src)
        # Without a picture store, only pictures the page can show stay.
        return src if url_allowed(src, image=True) and not src.startswith("data:") else None

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
        if self._caption is not None:
            if not any(open_.tag == "figcaption" for open_ in self._stack):
                self._end_caption()
            return
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
        if self._caption is not None:
            self._caption.append(data)
            return
        if self.pasted:
            if self._in_marker or self._marker_open() or self._symbol_bullet(data):
                self._marker_text.append(data)
                return
            # Browsers keep typed spaces as no-break spaces; in an article they are spaces.
            data = _SOURCE_NEWLINE.sub(_SOFT, data.replace("\xa0", " "))
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
        mso_level, self._mso_level = self._mso_level, 0
        quote = self._quote + (1 if self._quote_paragraph else 0)
        self._quote_paragraph = False
        marker = "".join(self._marker_text).replace("\xa0", " ").strip()
        self._marker_text = []
        if not self._runs:
            return
        lists = tuple(self._lists) if self._in_item and not self._heading else ()
        runs = self._runs
        self._runs = []
        if mso_level and not self._heading:
            level = _list_level(marker)
            if level is None:
                runs = [Run(marker), *runs]  # Chinese numbering stays as typed
                self._mso_lists = []
            else:
                # Word numbers each paragraph on its own; levels are rebuilt from the depths.
                kept = self._mso_lists[: mso_level - 1]
                kept += [ListLevel(numbered=False)] * (mso_level - 1 - len(kept))
                self._mso_lists = [*kept, level]
                lists = tuple(self._mso_lists)
        else:
            if marker and _list_level(marker) != ListLevel(numbered=False):
                runs = [Run(marker), *runs]  # a numbered heading keeps its number
            if not self._in_item:
                self._mso_lists = []
        pieces = _settle_breaks(runs, split=True) if self.pasted else [runs]
        if self.pasted:
            pieces = [_embrace_quotes(piece) for piece in pieces]
        for piece in pieces:
            self.blocks.append(
                TextBlock(runs=piece, heading=self._heading, lists=lists, quote=quote)
            )

    def _cell_break(self) -> None:
        if self._cell and any(run.text.strip() for run in self._cell):
            self._cell.append(Run(LINE_BREAK))

    def _table_start(self, tag: str, attributes: dict[str, str]) -> None:
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
            self._cell_spans[id(self._cell)] = (
                _span(attributes.get("rowspan", "")),
                _span(attributes.get("colspan", "")),
            )

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
            if self.pasted and self._cell is not None:
                self._cell[:] = _embrace_quotes(_settle_breaks(self._cell, split=False)[0])
            self._cell = None

    def _append_table(self) -> None:
        rows = [cells for _, cells in self._table_rows]
        self._table_rows = []
        spans_of, self._cell_spans = self._cell_spans, {}
        if not any(rows):
            return
        # Lay the cells out on the grid a browser draws: a merged cell takes the places it
        # covers in the rows below and to its right.
        grid: dict[tuple[int, int], list[Run]] = {}
        spans: dict[tuple[int, int], tuple[int, int]] = {}
        taken: set[tuple[int, int]] = set()
        for row, cells in enumerate(rows):
            column = 0
            for cell in cells:
                while (row, column) in taken:
                    column += 1
                down, across = spans_of.get(id(cell), (1, 1))
                down = min(down, len(rows) - row)
                grid[(row, column)] = cell
                if (down, across) != (1, 1):
                    spans[(row, column)] = (down, across)
                taken.update(
                    (r, c) for r in range(row, row + down) for c in range(column, column + across)
                )
                column += across
        width = 1 + max(c for _, c in taken)
        # An empty <tr> is no row, unless a merged cell from above reaches into it.
        kept = [row for row in range(len(rows)) if any((row, c) in taken for c in range(width))]
        if len(kept) < len(rows):
            renumber = {row: index for index, row in enumerate(kept)}
            spans = {(renumber[r], c): span for (r, c), span in spans.items()}
        full = [[grid.get((row, c), []) for c in range(width)] for row in kept]
        # Markdown tables always have exactly one header row: the first row is it.
        self.blocks.append(Table(header=full[0], rows=full[1:], spans=spans))


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
    style = read_inline_style(attributes.get("style", ""))
    # A style on <b> or <i> can cancel it (font-weight:normal); mso-bidi-* never does.
    if style.bold is not None:
        open_.bold = style.bold
    if style.italic is not None:
        open_.italic = style.italic
    if style.strike:
        open_.strike = True
    return open_


def _span(value: str) -> int:
    """A rowspan or colspan attribute: 1 unless a small positive number."""
    value = value.strip()
    if not (value.isdecimal() and value.isascii() and len(value) <= 4):
        return 1
    return max(1, min(int(value), MAX_SPAN))


def _symbol_font(tag: str, attributes: dict[str, str]) -> bool:
    """Whether an element sets a symbol font (style font-family, or <font face=…>)."""
    family = attributes.get("face", "") if tag == "font" else ""
    style = attributes.get("style", "")
    if "font" in style.lower():
        found = declarations(style)
        family += " " + found.get("font-family", "") + " " + found.get("font", "")
    return bool(_SYMBOL_FONT.search(family))


def _list_start(start: str) -> int:
    """The first number of an ``<ol start=…>``: decimal digits, at most nine, else 1."""
    start = start.strip()
    return int(start) if start.isdecimal() and len(start) <= 9 and start.isascii() else 1


def _list_level(marker: str) -> ListLevel | None:
    """The list a Word bullet or number starts, or None for Chinese numbering."""
    if _CHINESE_MARKER.fullmatch(marker):
        return None
    match = _NUMBER_MARKER.fullmatch(marker)
    if match is None:
        return ListLevel(numbered=False)  # Wingdings "l", "·", "§", "Ø", "o", …
    number = match.group(1) or match.group(2)
    return ListLevel(numbered=True, start=int(number) if number.isdigit() else 1)


def _pasted_link_allowed(href: str) -> bool:
    """Links a page can keep: no in-document anchors of the source, no local files."""
    href = href.strip()
    return bool(href) and not href.startswith("#") and url_allowed(href)


def _wide(char: str) -> bool:
    """Whether a character is CJK or full-width, where a line break joins with no space."""
    code = ord(char)
    return (
        0x2E80 <= code <= 0x9FFF  # CJK radicals, punctuation, kana, ideographs
        or 0xF900 <= code <= 0xFAFF
        or 0xFE30 <= code <= 0xFE4F
        or 0xFF00 <= code <= 0xFFEF  # full-width forms
        or code >= 0x20000
    )


def _settle_breaks(runs: list[Run], *, split: bool) -> list[list[Run]]:
    """Resolve pasted newline and <br> placeholders: join, or split at two <br> in a row.

    split: a double break ends the paragraph; otherwise (a table cell) it is a line break.
    """
    joined = "".join(OBJECT_CHAR if run.image_src else run.text for run in runs)
    if _SOFT not in joined and _HARD not in joined:
        return [runs]
    edits: list[tuple[int, int, str | None]] = []
    for match in _STRETCH.finditer(joined):
        start, end = match.span()
        if match.group().count(_HARD) >= 2:
            edits.append((start, end, None if split else LINE_BREAK))
            continue
        before = joined[start - 1] if start else ""
        after = joined[end] if end < len(joined) else ""
        wide = not before or not after or _wide(before) or _wide(after)
        edits.append((start, end, "" if wide else " "))
    paragraphs: list[list[Run]] = [[]]
    offset = 0
    index = 0
    for run in runs:
        length = 1 if run.image_src else len(run.text)
        start, end = offset, offset + length
        offset = end
        if run.image_src:
            paragraphs[-1].append(run)
            continue
        position = start
        while index < len(edits) and edits[index][0] < end:
            edit_start, edit_end, glue = edits[index]
            if edit_start >= position:  # the edit begins in this run: apply it here
                if edit_start > position:
                    paragraphs[-1].append(replace(run, text=joined[position:edit_start]))
                if glue is None:
                    paragraphs.append([])
                elif glue:
                    paragraphs[-1].append(
                        Run(glue) if glue == LINE_BREAK else replace(run, text=glue)
                    )
            position = max(position, edit_end)
            if edit_end > end:
                break  # it goes on into the next run, which skips past it
            index += 1
        if position < end:
            paragraphs[-1].append(replace(run, text=joined[position:end]))
    return [paragraph for paragraph in paragraphs if paragraph] or [[]]


# Opening quotes and brackets with the closing one that pairs with each.
_PAIRED = {"“": "”", "‘": "’", "「": "」", "『": "』", "《": "》", "〈": "〉", "【": "】"}


def _embrace_quotes(runs: list[Run]) -> list[Run]:
    """Give a bold or italic run the opening quote left just outside it when it holds the
    closing one.

    LibreOffice writes a bold lead-in “凝心聚力”。 as ``“<b>凝心聚力”。</b>`` (the quote is a
    Western-script character to it, and its HTML writes the Western and Asian portions
    apart): the pair was emphasised together in the document, so it is again here. Only an
    unpaired closing quote inside the run moves its opening quote, never other text.
    """
    result = list(runs)
    for index in range(1, len(result)):
        before, run = result[index - 1], result[index]
        if run.image_src or before.image_src or not (run.bold or run.italic):
            continue
        opening = before.text[-1:]
        if opening not in _PAIRED or before.href != run.href or before.strike != run.strike:
            continue
        if (before.bold and not run.bold) or (before.italic and not run.italic):
            continue  # the quote has emphasis the run lacks: leave both as they are
        if before.bold == run.bold and before.italic == run.italic:
            continue
        closing = run.text.find(_PAIRED[opening])
        if closing < 0 or opening in run.text[:closing]:
            continue
        result[index - 1] = replace(before, text=before.text[:-1])
        result[index] = replace(run, text=opening + run.text)
    return [run for run in result if run.text or run.image_src]


def blocks_from_html(
    html: str, *, pasted: bool = False, resolve_image: ImageResolver | None = None
) -> list[Block]:
    """Parse an HTML fragment into normalised editor blocks, dropping what Markdown can't hold.

    pasted: clean a clipboard or imported document (see the module docstring); resolve_image
    then decides what becomes of each picture.
    """
    if pasted:
        html = _CLIPBOARD_HEADER.sub("", html, count=1)
    resolver = None if resolve_image is None else _ResolveOnce(resolve_image)
    # Markup Python's parser cannot read (``<![>``, ``<![ x]>``…) is a bogus comment to a
    # browser: read again as one, so the paste keeps everything a browser would show.
    for markup in (html, _BOGUS_DECLARATION.sub(_as_comment, html)):
        try:
            return normalise_blocks(_parse(markup, pasted, resolver))
        except _ResolverError as failure:
            raise failure.error from None  # the resolver's own fault, not the markup's
        except Exception:
            continue  # html.parser raises AssertionError on declarations it cannot read
    return _plain_text_blocks(html)


# ``<![`` opens a marked section for html.parser, which gives up on anything but CDATA, a
# Word conditional or a keyword; browsers read every ``<!`` that is not a comment or a
# doctype as a comment up to the next ``>``.
_BOGUS_DECLARATION = re.compile(r"<!(?!--|doctype)([^>]*)>?", re.I)
_TAG = re.compile(r"<[^>]*>?")
_BLANK_LINES = re.compile(r"\n[ \t\r\f]*\n\s*")


def _as_comment(match: re.Match[str]) -> str:
    return "<!--" + match.group(1) + "-->"


def _parse(html: str, pasted: bool, resolve_image: ImageResolver | None) -> list[Block]:
    parser = _BlockBuilder(pasted=pasted, resolve_image=resolve_image)
    parser.feed(html)
    parser.close()
    return parser.blocks


def _plain_text_blocks(html: str) -> list[Block]:
    """The text of markup no parse could read: tags dropped, one paragraph per blank line."""
    text = unescape(_TAG.sub("", html)).replace("\xa0", " ")
    paragraphs = [part.replace("\n", " ") for part in _BLANK_LINES.split(text)]
    return normalise_blocks([TextBlock(runs=[Run(part)]) for part in paragraphs])


class _ResolverError(Exception):
    """Carries an exception raised by the picture resolver through the parse."""

    def __init__(self, error: Exception) -> None:
        super().__init__(error)
        self.error = error


class _ResolveOnce:
    """A picture resolver called once per picture address, however often the markup is read."""

    def __init__(self, resolve: ImageResolver) -> None:
        self._resolve = resolve
        self._resolved: dict[str, str | None] = {}

    def __call__(self, src: str) -> str | None:
        if src not in self._resolved:
            try:
                self._resolved[src] = self._resolve(src)
            except Exception as exc:
                raise _ResolverError(exc) from exc
        return self._resolved[src]
