"""A Qt-free model of an article body as the rich editor sees it: blocks of styled runs."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

#: Qt's in-block line separator, which is what Shift+Enter inserts and what <br> becomes.
LINE_BREAK = "\u2028"
#: Qt's placeholder character for an inline object (an image).
OBJECT_CHAR = "\ufffc"

# HTML collapses only ASCII whitespace; U+3000 and U+00A0 are text and must survive.
_ASCII_SPACE_RUN = re.compile(r"[ \t\n\r\f]+")


@dataclass(frozen=True)
class Run:
    """A span of text sharing one inline style; an image is a run of one OBJECT_CHAR."""

    text: str
    bold: bool = False
    italic: bool = False
    strike: bool = False
    href: str = ""
    image_src: str = ""
    image_alt: str = ""
    #: The picture's caption: a Markdown image title, shown under a lone picture as a figure.
    image_title: str = ""

    def same_style(self, other: Run) -> bool:
        """Whether two runs could be merged into one."""
        return (
            not self.image_src
            and not other.image_src
            and (self.bold, self.italic, self.strike, self.href)
            == (other.bold, other.italic, other.strike, other.href)
        )

    @property
    def emphasised(self) -> bool:
        """Whether the run carries bold, italic or strike."""
        return self.bold or self.italic or self.strike


@dataclass(frozen=True)
class ListLevel:
    """One level of list nesting: bullets or numbers (and the first number)."""

    numbered: bool
    start: int = 1

    def same_kind(self, other: ListLevel) -> bool:
        """Whether items of the two levels continue one list."""
        return self.numbered == other.numbered


@dataclass
class TextBlock:
    """A paragraph, heading, list item or horizontal rule, possibly inside a block quote."""

    runs: list[Run] = field(default_factory=list)
    heading: int = 0
    lists: tuple[ListLevel, ...] = ()
    quote: int = 0
    rule: bool = False

    @property
    def text(self) -> str:
        """The plain text of the block."""
        return "".join(run.text for run in self.runs)


#: Most rows or columns one merged cell may cover (a hostile rowspan must not build a huge grid).
MAX_SPAN = 50


@dataclass
class Table:
    """A table with one header row; every cell is a list of runs.

    The rows form a full grid; a merged cell sits at its top-left position, with its
    (rows, columns) in ``spans`` keyed by (row, column), row 0 being the header; the
    positions it covers hold empty cells. Markdown's pipe tables cannot merge, so a table
    with spans is written as an HTML table.
    """

    header: list[list[Run]]
    rows: list[list[list[Run]]]
    spans: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)

    @property
    def columns(self) -> int:
        """The number of columns (all rows are padded to it)."""
        return max([len(self.header), *(len(row) for row in self.rows)])


Block = TextBlock | Table


def merge_runs(runs: list[Run]) -> list[Run]:
    """Join adjacent runs of the same style and drop empty ones."""
    merged: list[Run] = []
    for run in runs:
        if not run.text:
            continue
        if merged and merged[-1].same_style(run):
            merged[-1] = replace(merged[-1], text=merged[-1].text + run.text)
        else:
            merged.append(run)
    return merged


def normalise_runs(runs: list[Run], *, heading: bool = False) -> list[Run]:
    """Canonical runs: whitespace collapsed as HTML does, edges trimmed, marks off edge spaces."""
    return list(_normalised(tuple(runs), heading))


#: Blocks remembered by _normalised: the editor normalises every block of a long article on
#: each refresh, and typing changes one of them.
NORMALISED_CACHE = 1 << 16


@lru_cache(maxsize=NORMALISED_CACHE)
def _normalised(original: tuple[Run, ...], heading: bool) -> tuple[Run, ...]:
    runs = list(original)
    while True:
        # One step can expose work for another (a space losing its bold merges into
        # plain text next to a line break), so repeat until nothing changes.
        normalised = _normalise_runs_once(runs, heading)
        if normalised == runs:
            return tuple(runs)
        runs = normalised


def _normalise_runs_once(runs: list[Run], heading: bool) -> list[Run]:
    collapsed: list[Run] = []
    previous_space = True  # the block's leading whitespace is dropped
    for run in merge_runs(runs):
        if run.image_src:
            title = canonical_title(run.image_title)
            collapsed.append(run if title == run.image_title else replace(run, image_title=title))
            previous_space = False
            continue
        text = _ASCII_SPACE_RUN.sub(" ", _CONTROL.sub("", run.text))
        if heading:
            text = text.replace(LINE_BREAK, " ")  # an ATX heading is one line
        if previous_space and not collapsed:
            # Python-Markdown strips all Unicode whitespace (U+3000 too) at a block's start.
            text = text.lstrip()
        elif previous_space:
            text = text.lstrip(" ")
        # A space next to a line break is invisible in both the editor and the page.
        text = text.replace(" " + LINE_BREAK, LINE_BREAK).replace(LINE_BREAK + " ", LINE_BREAK)
        if text:
            previous_space = text.endswith((" ", LINE_BREAK))
            collapsed.extend(_split_breaks(replace(run, text=text)))
    while collapsed:
        last = collapsed[-1]
        text = last.text if last.image_src else last.text.rstrip()
        if text:
            collapsed[-1] = replace(last, text=text)
            break
        collapsed.pop()
    # One break at a time: an empty line would end the paragraph in Markdown.
    merged = [
        replace(run, text=_BREAK_RUN.sub(LINE_BREAK, run.text)) if LINE_BREAK in run.text else run
        for run in merge_runs(collapsed)
    ]
    return _marks_off_edge_spaces(merged)


def canonical_title(title: str) -> str:
    """A caption as the article dialect can hold it: one line, trimmed, no ASCII quotes.

    A Markdown image title ends at a '"', Python-Markdown turns every whitespace character
    in a title (U+3000 too) into a space and the page collapses and trims a caption's
    spaces; so straight quotes become Chinese ones (paired where they pair) and any run of
    whitespace one space.
    """
    text = _TITLE_SPACE.sub(" ", _CONTROL.sub("", title)).strip()
    if '"' in text:
        text = re.sub(r'"([^"]*)"', r"“\1”", text).replace('"', "”")
    return text


_TITLE_SPACE = re.compile(r"\s+")
_BREAK_RUN = re.compile(f"\\s*{LINE_BREAK}\\s*")


_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")


def _split_breaks(run: Run) -> list[Run]:
    """Split line breaks out of a run: a break carries no emphasis and no link."""
    if LINE_BREAK not in run.text:
        return [run]
    pieces: list[Run] = []
    for index, part in enumerate(run.text.split(LINE_BREAK)):
        if index:
            pieces.append(Run(LINE_BREAK))
        if part:
            pieces.append(replace(run, text=part))
    return pieces


def _marks_off_edge_spaces(runs: list[Run]) -> list[Run]:
    """Move whitespace at the edge of a bold/italic/strike span out of the span.

    Python-Markdown does not open or close emphasis next to whitespace in every case
    (``** a**`` stays literal), so canonical documents never have formatted edge spaces.
    """
    while True:
        result: list[Run] = []
        for index, run in enumerate(runs):
            if (
                run.image_src
                or not run.emphasised
                or not (run.text[0].isspace() or run.text[-1].isspace())
            ):
                result.append(run)
                continue
            before = runs[index - 1] if index else Run("")
            after = runs[index + 1] if index + 1 < len(runs) else Run("")
            body = run.text.strip()
            if not body:
                result.append(_keep_marks(run, run.text, before, after))
                continue
            lead = run.text[: len(run.text) - len(run.text.lstrip())]
            trail = run.text[len(run.text.rstrip()) :]
            if lead:
                result.append(_keep_marks(run, lead, before, before))
            result.append(replace(run, text=body))
            if trail:
                result.append(_keep_marks(run, trail, after, after))
        merged = merge_runs(result)
        if merged == runs:
            return runs
        runs = merged


def _keep_marks(run: Run, text: str, before: Run, after: Run) -> Run:
    """A piece of a run keeping only the marks both neighbours share with it."""
    return replace(
        run,
        text=text,
        bold=run.bold and before.bold and after.bold,
        italic=run.italic and before.italic and after.italic,
        strike=run.strike and before.strike and after.strike,
    )


def normalise_blocks(blocks: list[Block]) -> list[Block]:
    """Bring blocks to the canonical form that Markdown can express without loss."""
    result: list[Block] = []
    for block in blocks:
        if isinstance(block, Table):
            width = block.columns
            if width == 0:
                continue
            header = [normalise_runs(cell) for cell in block.header]
            rows = [[normalise_runs(cell) for cell in row] for row in block.rows]
            header += [[] for _ in range(width - len(header))]
            rows = [row + [[] for _ in range(width - len(row))] for row in rows]
            # Python-Markdown renders a header-only table with one empty body row.
            rows = rows or [[[] for _ in range(width)]]
            spans = _normal_spans(block.spans, 1 + len(rows), width)
            for row, column in _covered(spans):
                (header if row == 0 else rows[row - 1])[column] = []
            result.append(Table(header=_plain_bold(header), rows=rows, spans=spans))
            continue
        runs = normalise_runs(block.runs, heading=bool(block.heading))
        if block.rule:
            if runs:
                result.append(replace(block, runs=runs, rule=False))
            result.append(TextBlock(rule=True, quote=block.quote))
            continue
        if not runs:
            continue  # empty paragraphs have no Markdown form
        # Built directly rather than with dataclasses.replace: a long article has thousands.
        if block.heading:
            runs = _plain_bold([runs])[0]
            result.append(TextBlock(runs, block.heading, (), block.quote, block.rule))
        else:
            lists = _clamp_lists(block, result)
            result.append(TextBlock(runs, block.heading, lists, block.quote, block.rule))
    return result


def _normal_spans(
    spans: dict[tuple[int, int], tuple[int, int]], height: int, width: int
) -> dict[tuple[int, int], tuple[int, int]]:
    """Spans clipped to the grid, with none of one cell and none overlapping another."""
    kept: dict[tuple[int, int], tuple[int, int]] = {}
    taken: set[tuple[int, int]] = set()
    for (row, column), (down, across) in sorted(spans.items()):
        if not (0 <= row < height and 0 <= column < width) or (row, column) in taken:
            continue
        down = max(1, min(down, height - row, MAX_SPAN))
        across = max(1, min(across, width - column, MAX_SPAN))
        cells = {(r, c) for r in range(row, row + down) for c in range(column, column + across)}
        if (down, across) == (1, 1) or cells & taken:
            continue
        kept[(row, column)] = (down, across)
        taken |= cells
    return kept


def _covered(spans: dict[tuple[int, int], tuple[int, int]]) -> set[tuple[int, int]]:
    """The positions merged cells cover, other than their own."""
    return {
        (r, c)
        for (row, column), (down, across) in spans.items()
        for r in range(row, row + down)
        for c in range(column, column + across)
        if (r, c) != (row, column)
    }


def _plain_bold(cells: list[list[Run]]) -> list[list[Run]]:
    """Drop bold where it is implied (headings, header cells) and so cannot be stored."""
    return [merge_runs([replace(run, bold=False) for run in cell]) for cell in cells]


def _clamp_lists(block: TextBlock, before: list[Block]) -> tuple[ListLevel, ...]:
    """Canonical list levels of an item, as Markdown can express them.

    An item goes at most one level deeper than the item before it; below the top level, the
    items under one parent form one list (an item adopts the open list's kind); an item
    continuing a list shares that list's level (and so its start number).
    """
    if not block.lists:
        return ()
    previous = before[-1] if before else None
    if not (
        isinstance(previous, TextBlock)
        and previous.lists
        and not previous.heading
        and previous.quote == block.quote
    ):
        previous = None
    lists = [level if level.numbered else ListLevel(numbered=False) for level in block.lists]
    continued = 0
    if previous is not None:
        for level in range(min(len(lists), len(previous.lists))):
            if level == 0 and not lists[0].same_kind(previous.lists[0]):
                break  # a new top-level list, written after a blank line
            lists[level] = previous.lists[level]
            continued = level + 1
    return tuple(lists[: continued + 1])
