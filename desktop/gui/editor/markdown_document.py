"""Convert an article body between Markdown (as stored) and the rich editor's QTextDocument.

The QTextDocument adapter of the Qt-free body model (``desktop.body``). Loading renders the
Markdown with our Python-Markdown dialect, reads the HTML into blocks and builds the
document with QTextCursor, so the editor shows what the preview shows.
Saving walks the document (blocks, fragments, QTextList, QTextTable, block properties)
and writes the dialect back. Qt's own Markdown reader and writer are never used: their
CommonMark rules disagree with Python-Markdown on emphasis next to Chinese punctuation.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from PySide6.QtCore import QObject
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QTextBlock,
    QTextBlockFormat,
    QTextBlockUserData,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextImageFormat,
    QTextLength,
    QTextList,
    QTextListFormat,
    QTextTable,
)

from desktop.body.blocks import (
    LINE_BREAK,
    OBJECT_CHAR,
    Block,
    ListLevel,
    Run,
    Table,
    TextBlock,
    normalise_blocks,
)
from desktop.body.dialect import article_markdown, converter_reader, markdown_to_blocks
from desktop.body.markdown_writer import (
    InlineMemo,
    join_chunks,
    markdown_chunks,
    table_row_line,
    table_rule_line,
)
from desktop.gui.editor.table_chunks import (
    base_format,
    chain_from,
    chunk_bounds,
    chunk_format,
    column_shares,
    next_chunk,
    rows_per_chunk,
)

#: Block property holding how deep a block sits in block quotes (Qt's own property).
QUOTE_LEVEL = QTextFormat.Property.BlockQuoteLevel
#: Block property marking a horizontal rule (Qt draws it under the block).
RULE_WIDTH = QTextFormat.Property.BlockTrailingHorizontalRulerWidth
#: Image property holding the picture's alternative text.
IMAGE_ALT = QTextFormat.Property.UserProperty + 1
#: Image property holding the picture's caption (its Markdown title).
IMAGE_TITLE = QTextFormat.Property.UserProperty + 2

#: Blocks walked into the segment map per block read, reading ahead: a block already read
#: costs a few microseconds to place in the map, so a step stays a few milliseconds.
SEGMENT_STEP = 20

#: Left margin per quote level, in pixels.
QUOTE_INDENT = 24.0
QUOTE_BACKGROUND = QColor("#f2f3f5")
LINK_COLOUR = QColor("#1a56b0")
#: Heading sizes relative to the body font, as Qt's own HTML importer sizes them.
HEADING_SIZE_ADJUSTMENT = {1: 3, 2: 2, 3: 1, 4: 0, 5: -1, 6: -2}
_NUMBERED_STYLES = {
    QTextListFormat.Style.ListDecimal,
    QTextListFormat.Style.ListLowerAlpha,
    QTextListFormat.Style.ListUpperAlpha,
    QTextListFormat.Style.ListLowerRoman,
    QTextListFormat.Style.ListUpperRoman,
}
_BULLET_STYLES = (
    QTextListFormat.Style.ListDisc,
    QTextListFormat.Style.ListCircle,
    QTextListFormat.Style.ListSquare,
)


def markdown_to_document(markdown: str, document: QTextDocument) -> None:
    """Replace the document's content with the article body given as Markdown.

    The document object stays the same, so a QTextEdit showing it keeps working; the
    load itself is not an undoable step.
    """
    blocks_to_document(markdown_to_blocks(markdown), document)


def document_to_markdown(document: QTextDocument) -> str:
    """Write the document as Markdown in the article dialect, normalised and stable."""
    return article_markdown(document_blocks(document))


def blocks_to_document(blocks: list[Block], document: QTextDocument) -> None:
    """Replace the document's content with blocks (not an undoable step)."""
    undo = document.isUndoRedoEnabled()
    document.setUndoRedoEnabled(False)  # also drops the old undo history
    document.clear()
    cursor = QTextCursor(document)
    cursor.beginEditBlock()
    insert_blocks(cursor, blocks, fresh_block=True)
    cursor.endEditBlock()
    document.setUndoRedoEnabled(undo)
    document.setModified(False)


def insert_blocks(cursor: QTextCursor, blocks: list[Block], *, fresh_block: bool) -> None:
    """Insert blocks at the cursor; fresh_block: the cursor's block is empty and reusable."""
    builder = _DocumentBuilder(cursor, fresh_block)
    for block in normalise_blocks(blocks):
        if isinstance(block, Table):
            builder.table(block)
        else:
            builder.text_block(block)


#: Characters (or table cells) inserted per step of ``insert_blocks_in_steps``.
STEP_CHARS = 4000


@dataclass(frozen=True)
class PreparedBlocks:
    """Blocks made ready for ``insert_blocks_in_steps`` away from the GUI thread: normalised,
    and each long table's column widths worked out (a 2,000-row table's take 100-300 ms)."""

    blocks: list[Block]
    #: Column widths of the tables that go in as chunks, by their index in ``blocks``.
    shares: dict[int, list[float]]
    #: Whether any block holds a picture (if not, nothing needs showing once they are in).
    pictures: bool = True


def prepare_blocks(blocks: list[Block], *, normalised: bool = False) -> PreparedBlocks:
    """Normalise blocks and size their long tables' columns (no Qt: any thread may call it).

    ``normalised``: they come from ``normalise_blocks`` already (a paste read in its process).
    """
    if not normalised:
        blocks = normalise_blocks(blocks)
    shares = {}
    pictures = False
    for index, block in enumerate(blocks):
        if isinstance(block, Table):
            widths = _chunk_shares(block)
            if widths is not None:
                shares[index] = widths
            cells = (cell for row in (block.header, *block.rows) for cell in row)
            pictures = pictures or any(run.image_src for cell in cells for run in cell)
        else:
            pictures = pictures or any(run.image_src for run in block.runs)
    return PreparedBlocks(blocks, shares, pictures)


def _chunk_shares(table: Table) -> list[float] | None:
    """The column widths a table's chunks share; None for a table that stays one chunk."""
    all_rows = [table.header, *table.rows]
    if len(chunk_bounds(len(all_rows), table.spans, rows_per_chunk(table.columns))) == 1:
        return None
    return column_shares(([_plain(cell) for cell in row] for row in all_rows), table.columns)


def insert_blocks_in_steps(
    cursor: QTextCursor,
    blocks: list[Block] | PreparedBlocks,
    *,
    fresh_block: bool,
    step_chars: int = STEP_CHARS,
    normalised: bool = False,
) -> Iterator[None]:
    """Insert blocks as ``insert_blocks`` does, pausing (yielding) after each few thousand
    characters or table cells, so a huge paste can be spread over the event loop.

    Blocks from ``prepare_blocks`` (or, ``normalised``, from ``normalise_blocks``) were made
    ready on a worker thread: for 300,000 characters normalising is a third of a second the
    window would wait at the first step, and a 2,000-row table's column widths as long.
    """
    if isinstance(blocks, PreparedBlocks):
        prepared = blocks
    else:
        prepared = PreparedBlocks(blocks, {}) if normalised else prepare_blocks(blocks)
    builder = _DocumentBuilder(cursor, fresh_block)
    done = 0
    for index, block in enumerate(prepared.blocks):
        if isinstance(block, Table):
            rows = max(1, step_chars // max(1, block.columns * 4))
            steps = builder.table_steps(
                block, rows_per_step=rows, widths=prepared.shares.get(index)
            )
            for _ in steps:
                yield
            done = 0
            continue
        builder.text_block(block)
        done += len(block.text) + 1
        if done >= step_chars:
            done = 0
            yield


def document_blocks(document: QTextDocument) -> list[Block]:
    """The document's content as normalised blocks (a structural view, handy in tests)."""
    return _walk(document, _read_runs, _read_table)


def _walk(
    document: QTextDocument,
    read_runs: Callable[[QTextBlock], list[Run]],
    read_table: Callable[[QTextTable], Table],
) -> list[Block]:
    """The document's blocks, each block's runs and each table from the given readers."""
    blocks: list[Block] = []
    list_path: list[ListLevel] = []
    tables = {
        frame.firstPosition(): frame
        for frame in document.rootFrame().childFrames()
        if isinstance(frame, QTextTable)
    }
    block = document.begin()
    while block.isValid():
        table = tables.get(block.position())
        if table is not None:
            whole = read_table(table)
            following = next_chunk(document, table)
            while following is not None:
                whole = join_tables(whole, read_table(following))
                table, following = following, next_chunk(document, following)
            blocks.append(whole)
            list_path = []
            block = document.findBlock(table.lastPosition() + 1)
            continue
        text_block, list_path = _text_block(block, list_path, read_runs)
        blocks.append(text_block)
        block = block.next()
    return normalise_blocks(blocks)


def join_tables(first: Table, continuation: Table) -> Table:
    """One table from a table and the chunk that continues it (its header row a body row)."""
    offset = 1 + len(first.rows)
    spans = dict(first.spans)
    spans.update(
        {(row + offset, column): span for (row, column), span in continuation.spans.items()}
    )
    return Table(
        header=first.header,
        rows=[*first.rows, continuation.header, *continuation.rows],
        spans=spans,
    )


def _walk_blocks(
    part: list[QTextBlock], read_runs: Callable[[QTextBlock], list[Run]]
) -> list[Block]:
    """Consecutive blocks (no table among them) as raw blocks, lists followed from the first."""
    list_path: list[ListLevel] = []
    blocks: list[Block] = []
    for block in part:
        text_block, list_path = _text_block(block, list_path, read_runs)
        blocks.append(text_block)
    return blocks


def _text_block(
    block: QTextBlock, list_path: list[ListLevel], read_runs: Callable[[QTextBlock], list[Run]]
) -> tuple[TextBlock, list[ListLevel]]:
    """One block as a raw TextBlock, and the list levels open after it."""
    text_list = block_list(block)
    if text_list is None:
        list_path = []
        lists: tuple[ListLevel, ...] = ()
    else:
        list_format = text_list.format()
        depth = max(1, list_format.indent())
        level = ListLevel(
            numbered=list_format.style() in _NUMBERED_STYLES,
            start=max(1, list_format.start()),
        )
        list_path = [*list_path[: depth - 1], level]
        lists = tuple(list_path)
    block_format = block.blockFormat()
    text_block = TextBlock(
        runs=read_runs(block),
        heading=max(0, min(6, block_format.headingLevel())),
        lists=lists,
        quote=max(0, _int_property(block_format, QUOTE_LEVEL)),
        rule=block_format.hasProperty(RULE_WIDTH),
    )
    return text_block, list_path


def block_list(block: QTextBlock) -> QTextList | None:
    """The list a block belongs to, if any.

    Asks Qt only when the block is in some list: PySide6 6.12's textList() and
    currentTable() release a reference to None each time they return no object,
    which crashes the interpreter after a few thousand calls.
    """
    if block.blockFormat().objectIndex() < 0:
        return None
    text_list = block.textList()
    return text_list if isinstance(text_list, QTextList) else None


def _int_property(text_format: QTextFormat, property_id: int) -> int:
    return text_format.intProperty(property_id) if text_format.hasProperty(property_id) else 0


def _read_runs(block: QTextBlock) -> list[Run]:
    runs: list[Run] = []
    iterator = block.begin()
    while not iterator.atEnd():
        fragment = iterator.fragment()
        iterator += 1
        if not fragment.isValid():
            continue
        char_format = fragment.charFormat()
        href = char_format.anchorHref() if char_format.isAnchor() else ""
        if char_format.isImageFormat():
            image = char_format.toImageFormat()
            for _ in fragment.text():
                runs.append(
                    Run(
                        OBJECT_CHAR,
                        image_src=image.name(),
                        image_alt=image.stringProperty(IMAGE_ALT),
                        image_title=image.stringProperty(IMAGE_TITLE),
                        href=href,
                    )
                )
            continue
        runs.append(
            Run(
                fragment.text().replace(OBJECT_CHAR, ""),
                bold=char_format.fontWeight() >= QFont.Weight.DemiBold.value,
                italic=char_format.fontItalic(),
                strike=char_format.fontStrikeOut(),
                href=href,
            )
        )
    return runs


def _read_table(table: QTextTable) -> Table:
    rows = [_read_row(table, row, _read_runs) for row in range(table.rows())]
    return Table(header=rows[0] if rows else [], rows=rows[1:], spans=_read_spans(table))


def _read_row(
    table: QTextTable, row: int, read_runs: Callable[[QTextBlock], list[Run]]
) -> list[list[Run]]:
    cells: list[list[Run]] = []
    for column in range(table.columns()):
        cell = table.cellAt(row, column)
        runs: list[Run] = []
        # A merged cell is read once, where it starts, with its spans.
        if cell.row() == row and cell.column() == column:
            last = cell.lastCursorPosition().position()
            block = cell.firstCursorPosition().block()
            while block.isValid() and block.position() <= last:
                if runs:
                    runs.append(Run(LINE_BREAK))
                runs.extend(read_runs(block))
                block = block.next()
        cells.append(runs)
    return cells


def _read_spans(table: QTextTable) -> dict[tuple[int, int], tuple[int, int]]:
    return {
        (row, column): (cell.rowSpan(), cell.columnSpan())
        for row in range(table.rows())
        for column in range(table.columns())
        if (cell := table.cellAt(row, column)).row() == row
        and cell.column() == column
        and (cell.rowSpan(), cell.columnSpan()) != (1, 1)
    }


class _ReadBlock(QTextBlockUserData):
    """What was last read from one block; dropped when the block changes."""

    def __init__(self, runs: list[Run]) -> None:
        super().__init__()
        self.runs = runs
        #: The block's Markdown chunks, when it is a plain paragraph, heading or rule.
        self.chunks: list[str] | None = None


@dataclass
class _ReadTable:
    """The rows last read from one table, None where a row changed since."""

    size: tuple[int, int]
    rows: list[list[list[Run]] | None]
    spans: dict[tuple[int, int], tuple[int, int]]
    lines: list[str | None]  # each row's pipe-table line, None where not written yet
    chunk: str | None = None
    #: The lines were written for the first table of a chain (row 0 the header).
    first: bool = True


@dataclass
class _Segments:
    """The Markdown of a document without tables, kept per segment: a plain block, or a run
    of list items and quotes (whose Markdown depends on each other), by its first block's
    position. An edit marks the segments it touches stale and moves the later ones; the next
    conversion reads only the stale ones (and their neighbours, which an edit may join to
    them), so a keystroke in a 300,000-character article does not walk every block."""

    starts: list[int] = field(default_factory=list)
    nested: list[bool] = field(default_factory=list)
    chunks: list[list[str]] = field(default_factory=list)
    stale: set[int] = field(default_factory=set)

    def edited(self, position: int, removed: int, added: int) -> None:
        """Note an edit (Qt's ``contentsChange``): stale where it is, moved after it."""
        starts = self.starts
        if not starts:
            return
        # The block before the edit's position too: an edit at a block's start may join it.
        first = max(0, bisect_right(starts, max(0, position - 1)) - 1)
        last = max(first, bisect_right(starts, position + removed) - 1)
        self.stale.update(range(first, last + 1))
        for index in range(first + 1, last + 1):
            starts[index] = position  # inside the edit: read again, kept in order meanwhile
        delta = added - removed
        if delta:
            for index in range(last + 1, len(starts)):
                starts[index] += delta


class DocumentReader(QObject):
    """Reads a document as blocks and Markdown, reading again only what changed since.

    The editor turns the body into Markdown on every refresh, autosave and check; in a
    300,000-character article reading and writing every block each time costs a quarter of
    a second or more. What was read from each block (its runs and, for a plain paragraph,
    its Markdown) is kept on the block (QTextBlockUserData) and each table's rows by table;
    ``contentsChange`` drops what an edit touches, and the Markdown of the whole document is
    kept until the next change. Lists and quotes are written afresh each time: a list item's
    Markdown depends on the items around it.
    """

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self._document = document
        self._tables: dict[int, _ReadTable] = {}  # by the table's object index
        self._markdown: str | None = None
        #: The Markdown by segment while the document has no table (None: none kept).
        self._segments: _Segments | None = None
        #: Where ``read_ahead`` goes on: every block before it has been read and written.
        self._ahead = 0
        self._memo: InlineMemo = {}
        self._inline_reader = converter_reader()
        #: Blocks read from Qt since the reader was made (what refreshes really cost).
        self.blocks_read = 0
        #: Times the whole document was written as Markdown.
        self.conversions = 0
        #: Blocks walked into the segment map by conversions (reading ahead not counted).
        self.blocks_walked = 0
        #: The read-ahead under way, resumed where it stopped until the document changes:
        #: started afresh each time, it walked every chunk of a 2,000-row table per step.
        self._ahead_steps: Iterator[None] | None = None
        document.contentsChange.connect(self._changed)

    def _changed(self, position: int, removed: int, added: int) -> None:
        self._markdown = None
        self._ahead_steps = None
        document = self._document
        end = position + added
        block = document.findBlock(position)
        if self._segments is not None:
            self._segments.edited(position, removed, added)
        if position <= self._ahead:
            self._ahead = block.position()
        while block.isValid() and block.position() <= end:
            if block.userData() is not None:
                block.setUserData(None)  # type: ignore[arg-type]
            block = block.next()
        for index in list(self._tables):
            table = document.object(index)
            if not isinstance(table, QTextTable):
                del self._tables[index]
                continue
            if table.lastPosition() < position or table.firstPosition() > end:
                continue
            kept = self._tables[index]
            first = table.cellAt(max(position, table.firstPosition()))
            last = table.cellAt(min(end, table.lastPosition()))
            if (
                kept.size != (table.rows(), table.columns())
                or (removed and added)
                or removed > 1
                or not (first.isValid() and last.isValid())
            ):
                # A new shape, a format change or merged cells, a removed selection: read it
                # all again. Typing and pasting in cells re-read the rows they touched.
                del self._tables[index]
                continue
            kept.chunk = None
            for row in range(first.row(), last.row() + last.rowSpan()):
                kept.rows[row] = None
                kept.lines[row] = None

    def _read(self, block: QTextBlock) -> _ReadBlock:
        kept = block.userData()
        if isinstance(kept, _ReadBlock):
            return kept
        kept = _ReadBlock(_read_runs(block))
        self.blocks_read += 1
        block.setUserData(kept)
        return kept

    def _runs(self, block: QTextBlock) -> list[Run]:
        return self._read(block).runs

    def _entry(self, table: QTextTable) -> _ReadTable:
        """What is kept of a table, made afresh when its shape changed."""
        index = table.objectIndex()
        size = (table.rows(), table.columns())
        kept = self._tables.get(index)
        if kept is None or kept.size != size:
            kept = _ReadTable(size, [None] * size[0], _read_spans(table), [None] * size[0])
            self._tables[index] = kept
        return kept

    @staticmethod
    def _written_as(kept: _ReadTable, first: bool) -> None:
        """Drop the lines written for another place in a chain (row 0 header or not)."""
        if kept.first != first:
            kept.first = first
            kept.lines = [None] * kept.size[0]
            kept.chunk = None

    def _kept_table(self, table: QTextTable) -> _ReadTable:
        kept = self._entry(table)
        for row, cells in enumerate(kept.rows):
            if cells is None:
                kept.rows[row] = _read_row(table, row, self._runs)
        return kept

    def _table(self, table: QTextTable) -> Table:
        kept = self._kept_table(table)
        rows = [cells or [] for cells in kept.rows]
        return Table(header=rows[0] if rows else [], rows=rows[1:], spans=dict(kept.spans))

    def _table_chunk(self, chain: list[QTextTable]) -> list[str]:
        """The Markdown of one table, given as its chunks (one QTextTable or several)."""
        kept = [self._kept_table(table) for table in chain]
        width = kept[0].size[1]
        rows = sum(part.size[0] for part in kept)
        if rows < 2 or width < 1 or any(part.spans or part.size[1] != width for part in kept):
            whole = self._table(chain[0])
            for table in chain[1:]:
                whole = join_tables(whole, self._table(table))
            return self._chunks([whole])  # the rare shapes are written whole, every time
        parts: list[str] = []
        for index, part in enumerate(kept):
            self._written_as(part, first=index == 0)
            if part.chunk is None:
                for row, line in enumerate(part.lines):
                    if line is None:
                        part.lines[row] = self._row_line(part, row)
                lines = [line or "" for line in part.lines]
                if index == 0:
                    lines[1:1] = [table_rule_line(width)]
                part.chunk = "\n".join(lines)
            parts.append(part.chunk)
        return ["\n".join(parts)]

    def _row_line(self, kept: _ReadTable, row: int) -> str:
        return table_row_line(
            kept.rows[row] or [],
            width=kept.size[1],
            header=kept.first and row == 0,
            reader=self._inline_reader,
            memo=self._memo,
        )

    def _chunks(self, blocks: list[Block]) -> list[str]:
        return markdown_chunks(blocks, reader=self._inline_reader, memo=self._memo)

    def blocks(self) -> list[Block]:
        """The document's content as normalised blocks, as ``document_blocks`` gives it."""
        return _walk(self._document, self._runs, self._table)

    def markdown(self) -> str:
        """The document as article Markdown, exactly as ``document_to_markdown`` gives it."""
        if self._markdown is None:
            self.conversions += 1
            if _has_tables(self._document):
                self._segments = None  # tables keep their rows' lines by table instead
                self._markdown = join_chunks(self._all_chunks())
            else:
                segments = self._updated_segments()
                self._markdown = join_chunks(
                    [chunk for chunks in segments.chunks for chunk in chunks]
                )
        return self._markdown

    def _updated_segments(self) -> _Segments:
        """The segment map with every stale segment read again (all of it the first time)."""
        kept = self._segments
        if kept is None:
            kept = _Segments()
            self._read_segments(self._document.begin(), None, kept)
            self._segments = kept
            return kept
        if kept.stale:
            # Every stale segment at once (edits between two conversions are few and
            # usually close), with a neighbour on each side that an edit may have joined.
            low, high = _stale_span(kept)
            while True:
                stop = kept.starts[high + 1] if high + 1 < len(kept.starts) else None
                fresh = _Segments()
                self._read_segments(self._document.findBlock(kept.starts[low]), stop, fresh)
                # Items that now run on into the next segment's list or quote join it.
                if _runs_on(kept, fresh, high, stop):
                    high += 1
                    continue
                break
            _splice(kept, fresh, low, high)
        return kept

    def _segments_ahead(self, budget: int) -> Iterator[None]:
        """Bring the segment map up to date in steps of ``budget`` blocks (reading ahead).

        After a large paste the whole map is stale: walking its thousands of blocks in one
        go was the one stall over 100 ms left in the conversion that follows the paste.
        """
        kept = self._segments
        if kept is None:
            fresh = _Segments()
            yield from self._segment_steps(self._document.begin(), None, fresh, budget)
            if self._segments is None:
                self._segments = fresh
            return
        if not kept.stale:
            return
        stale = kept.stale
        low, high = _stale_span(kept)
        stop = kept.starts[high + 1] if high + 1 < len(kept.starts) else None
        fresh = _Segments()
        yield from self._segment_steps(
            self._document.findBlock(kept.starts[low]), stop, fresh, budget
        )
        if self._segments is not kept or kept.stale is not stale:
            return  # a conversion between two steps brought the map up to date itself
        if _runs_on(kept, fresh, high, stop):
            return  # joined to the next list: the conversion reads that wider span itself
        _splice(kept, fresh, low, high)

    def _read_segments(self, block: QTextBlock, stop: int | None, into: _Segments) -> None:
        """Read blocks from ``block`` up to the block at position ``stop`` (or the end) as
        segments."""
        for _ in self._segment_steps(block, stop, into, None):
            pass

    def _segment_steps(
        self, block: QTextBlock, stop: int | None, into: _Segments, budget: int | None
    ) -> Iterator[None]:
        """``_read_segments``, pausing (yielding) after each ``budget`` blocks if given."""
        nested: list[QTextBlock] = []
        spent = 0
        while block.isValid():
            if budget is None:
                self.blocks_walked += 1
            elif spent >= budget:
                yield
                spent = 0
            spent += 1
            position = block.position()
            if stop is not None and position >= stop:
                break
            block_format = block.blockFormat()
            if block_format.objectIndex() >= 0 or _int_property(block_format, QUOTE_LEVEL) > 0:
                if not nested:
                    into.starts.append(position)
                    into.nested.append(True)
                    into.chunks.append([])
                nested.append(block)
            else:
                chunks = self._plain_chunks(block, block_format)
                if nested and not chunks:
                    # An empty paragraph has no Markdown: the items on both sides of it are
                    # one list (or quote), as in the whole conversion.
                    nested.append(block)
                    block = block.next()
                    continue
                if nested:
                    into.chunks[-1] = self._chunks(_walk_blocks(nested, self._runs))
                    nested = []
                into.starts.append(position)
                into.nested.append(False)
                into.chunks.append(chunks)
            block = block.next()
        if nested:
            into.chunks[-1] = self._chunks(_walk_blocks(nested, self._runs))

    def _plain_chunks(self, block: QTextBlock, block_format: QTextBlockFormat) -> list[str]:
        """The Markdown chunks of a plain paragraph, heading or rule (kept on the block)."""
        kept = self._read(block)
        if kept.chunks is None:
            kept.chunks = self._chunks(
                [
                    TextBlock(
                        runs=kept.runs,
                        heading=max(0, min(6, block_format.headingLevel())),
                        rule=block_format.hasProperty(RULE_WIDTH),
                    )
                ]
            )
        return kept.chunks

    def _all_chunks(self) -> list[str]:
        chunks: list[str] = []
        for _ in self._write(chunks, budget=None):
            pass
        return chunks

    def read_ahead(self, budget: int) -> bool:
        """Read and write up to ``budget`` blocks or table cells not read yet; whether all are.

        Run between events after a large paste, so the next refresh finds it all read.
        """
        if self._ahead_steps is None:
            self._ahead_steps = self._write([], budget=budget)
        if next(self._ahead_steps, True) is True:
            self._ahead_steps = None
            return True
        return False

    def _write(self, chunks: list[str], budget: int | None) -> Iterator[None]:
        """Append the document's chunks; with a budget, pause (yield) each time it is spent.

        Resumed only while the document is unchanged (``read_ahead``).
        """
        document = self._document
        tables = {
            frame.firstPosition(): frame
            for frame in document.rootFrame().childFrames()
            if isinstance(frame, QTextTable)
        }
        nested: list[QTextBlock] = []  # list items and quotes, written together
        spent = 0
        block = document.begin()
        if budget is not None and not tables:
            # Every block before the mark is read: a long article's reading ahead goes on
            # where it stopped instead of walking it from the start again each time.
            ahead = document.findBlock(self._ahead)
            block = ahead if ahead.isValid() else block
        while block.isValid():
            table = tables.get(block.position())
            if table is not None:
                chain = chain_from(document, table)
                if budget is None:
                    chunks.extend(self._chunks(_walk_blocks(nested, self._runs)))
                    nested.clear()
                    chunks.extend(self._table_chunk(chain))
                else:
                    for index, part in enumerate(chain):
                        while True:
                            spent += self._warm_table(part, budget - spent, first=index == 0)
                            if spent < budget:
                                break  # this chunk is all read
                            yield
                            spent = 0
                block = document.findBlock(chain[-1].lastPosition() + 1)
                continue
            block_format = block.blockFormat()
            if block_format.objectIndex() >= 0 or _int_property(block_format, QUOTE_LEVEL) > 0:
                nested.append(block)
            else:
                spent += self._read(block).chunks is None
                plain = self._plain_chunks(block, block_format)
                if nested and not plain and budget is None:
                    nested.append(block)  # an empty paragraph does not end a list
                    block = block.next()
                    continue
                if nested and budget is None:
                    chunks.extend(self._chunks(_walk_blocks(nested, self._runs)))
                nested.clear()
                chunks.extend(plain)
                if budget is not None and spent >= budget:
                    self._ahead = block.position()
                    yield
                    spent = 0
            block = block.next()
        if nested and budget is None:
            chunks.extend(self._chunks(_walk_blocks(nested, self._runs)))
        if budget is not None and not tables:
            self._ahead = document.characterCount()
            yield from self._segments_ahead(budget * SEGMENT_STEP)

    def _warm_table(self, table: QTextTable, budget: int, first: bool) -> int:
        """Read rows of a table not read yet, up to ``budget`` cells; return the cells read."""
        kept = self._entry(table)
        self._written_as(kept, first)
        spent = 0
        rows, width = kept.size
        for row in range(rows):
            if spent >= budget:
                break
            if kept.rows[row] is None:
                kept.rows[row] = _read_row(table, row, self._runs)
                spent += width
            if kept.lines[row] is None and not kept.spans:
                kept.lines[row] = self._row_line(kept, row)
        return spent


def _stale_span(kept: _Segments) -> tuple[int, int]:
    """The first and last segment to read again: the stale ones and a neighbour each side."""
    return max(0, min(kept.stale) - 1), min(len(kept.starts) - 1, max(kept.stale) + 1)


def _runs_on(kept: _Segments, fresh: _Segments, high: int, stop: int | None) -> bool:
    """Whether the segments read again end in a list or quote that joins the next one."""
    return bool(fresh.nested and fresh.nested[-1] and stop is not None and kept.nested[high + 1])


def _splice(kept: _Segments, fresh: _Segments, low: int, high: int) -> None:
    """Put the segments read again in place of segments ``low`` to ``high``."""
    kept.starts[low : high + 1] = fresh.starts
    kept.nested[low : high + 1] = fresh.nested
    kept.chunks[low : high + 1] = fresh.chunks
    kept.stale = set()


def _has_tables(document: QTextDocument) -> bool:
    return any(isinstance(frame, QTextTable) for frame in document.rootFrame().childFrames())


def paragraph_format(quote: int = 0) -> QTextBlockFormat:
    """The block format of a body paragraph (in quote levels of block quote)."""
    block_format = QTextBlockFormat()
    block_format.setBottomMargin(8.0)
    if quote:
        block_format.setProperty(QUOTE_LEVEL, quote)
        block_format.setLeftMargin(QUOTE_INDENT * quote)
        block_format.setBackground(QBrush(QUOTE_BACKGROUND))
    return block_format


def heading_format(level: int, quote: int = 0) -> QTextBlockFormat:
    """The block format of a heading of the given level."""
    block_format = paragraph_format(quote)
    block_format.setHeadingLevel(level)
    block_format.setTopMargin(12.0)
    return block_format


def rule_format(quote: int = 0) -> QTextBlockFormat:
    """The block format of a horizontal rule."""
    block_format = paragraph_format(quote)
    block_format.setProperty(RULE_WIDTH, QTextLength(QTextLength.Type.PercentageLength, 100))
    return block_format


def list_format(level: ListLevel, depth: int) -> QTextListFormat:
    """The list format of a list at depth (1 = top level)."""
    text_format = QTextListFormat()
    text_format.setIndent(depth)
    if level.numbered:
        text_format.setStyle(QTextListFormat.Style.ListDecimal)
        text_format.setStart(level.start)
    else:
        text_format.setStyle(_BULLET_STYLES[(depth - 1) % len(_BULLET_STYLES)])
    return text_format


def image_format(src: str, alt: str = "", title: str = "") -> QTextImageFormat:
    """The format of a picture: its path as the resource name, alt text and caption kept."""
    image = QTextImageFormat()
    image.setName(src)
    image.setProperty(IMAGE_ALT, alt)
    image.setProperty(IMAGE_TITLE, title)
    # The caption is what the page shows under the picture; the editor shows it on hover.
    image.setToolTip("\n".join(part for part in (title, alt) if part))
    return image


def char_format(run: Run, heading: int = 0, header_cell: bool = False) -> QTextCharFormat:
    """The complete character format of a run; headings and header cells show bold."""
    if run.image_src:
        text_format: QTextCharFormat = image_format(run.image_src, run.image_alt, run.image_title)
    else:
        text_format = QTextCharFormat()
    bold = run.bold or bool(heading) or header_cell
    text_format.setFontWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
    text_format.setFontItalic(run.italic)
    text_format.setFontStrikeOut(run.strike)
    if heading:
        text_format.setProperty(
            QTextFormat.Property.FontSizeAdjustment, HEADING_SIZE_ADJUSTMENT[heading]
        )
    if run.href:
        text_format.setAnchor(True)
        text_format.setAnchorHref(run.href)
        text_format.setForeground(QBrush(LINK_COLOUR))
        text_format.setFontUnderline(True)
    return text_format


class _DocumentBuilder:
    """Inserts blocks one after another at a cursor, keeping nested QTextLists open."""

    def __init__(self, cursor: QTextCursor, fresh_block: bool) -> None:
        self.cursor = cursor
        self.fresh_block = fresh_block
        self.open_lists: list[tuple[ListLevel, QTextList]] = []
        self.list_quote = 0

    def _new_block(self, block_format: QTextBlockFormat, first: QTextCharFormat) -> None:
        if self.fresh_block:
            self.cursor.setBlockFormat(block_format)
            self.cursor.setBlockCharFormat(first)
            self.fresh_block = False
        else:
            self.cursor.insertBlock(block_format, first)

    def text_block(self, block: TextBlock) -> None:
        if block.rule:
            block_format = rule_format(block.quote)
        elif block.heading:
            block_format = heading_format(block.heading, block.quote)
        else:
            block_format = paragraph_format(block.quote)
        formats = [char_format(run, block.heading) for run in block.runs]
        self._new_block(block_format, formats[0] if formats else QTextCharFormat())
        if block.lists:
            self._join_list(block)
        else:
            self.open_lists = []
        self._insert_runs(block.runs, formats)

    def _insert_runs(self, runs: list[Run], formats: list[QTextCharFormat]) -> None:
        for run, text_format in zip(runs, formats, strict=True):
            if run.image_src and isinstance(text_format, QTextImageFormat):
                self.cursor.insertImage(text_format)
            else:
                self.cursor.insertText(run.text, text_format)

    def _join_list(self, block: TextBlock) -> None:
        if block.quote != self.list_quote:
            self.open_lists = []
            self.list_quote = block.quote
        keep = 0
        for depth, level in enumerate(block.lists):
            if depth >= len(self.open_lists) or not self.open_lists[depth][0].same_kind(level):
                break
            keep = depth + 1
        depth = len(block.lists)
        del self.open_lists[min(keep, depth) :]
        if len(self.open_lists) == depth:
            self.open_lists[-1][1].add(self.cursor.block())
        else:
            # Markdown opens at most one new level per item, and normalisation ensures it.
            text_list = self.cursor.createList(list_format(block.lists[-1], depth))
            self.open_lists.append((block.lists[-1], text_list))

    def table(self, table: Table) -> None:
        for _ in self.table_steps(table, rows_per_step=1 + len(table.rows)):
            pass

    def table_steps(
        self, table: Table, rows_per_step: int, widths: list[float] | None = None
    ) -> Iterator[int]:
        """Insert a table a few rows at a time, yielding the rows inserted after each step.

        A long table goes in as chunks (``table_chunks``), each chunk a step of its own;
        ``widths`` are its chunks' column widths if already worked out (``prepare_blocks``).
        """
        self.open_lists = []
        if not self.fresh_block:
            self.cursor.insertBlock(paragraph_format(), QTextCharFormat())
        columns = table.columns
        all_rows = [table.header, *table.rows]
        bounds = chunk_bounds(len(all_rows), table.spans, rows_per_chunk(columns))
        if len(bounds) > 1 and widths is None:
            widths = column_shares(([_plain(cell) for cell in row] for row in all_rows), columns)
        step = max(1, rows_per_step)
        for index, (start, end) in enumerate(bounds):
            if len(bounds) == 1:
                table_format = base_format()
            else:
                table_format = chunk_format(
                    widths, continuation=index > 0, last=index == len(bounds) - 1
                )
            qt_table = self.cursor.insertTable(min(step, end - start), columns, table_format)
            for first in range(start, end, step):
                if first > start:
                    qt_table.appendRows(min(step, end - first))
                for row in range(first, min(first + step, end)):
                    self._fill_row(qt_table, row - start, all_rows[row], header=row == 0)
                if min(first + step, end) < len(all_rows):
                    yield min(first + step, end)
            for (row, column), (down, across) in table.spans.items():
                if start <= row < end:
                    qt_table.mergeCells(row - start, column, down, across)
            self.cursor.setPosition(qt_table.lastPosition() + 1)
        self.fresh_block = True

    def _fill_row(
        self, qt_table: QTextTable, row: int, cells: list[list[Run]], header: bool
    ) -> None:
        for column, runs in enumerate(cells):
            cell_cursor = qt_table.cellAt(row, column).firstCursorPosition()
            formats = [char_format(run, header_cell=header) for run in runs]
            if header:
                cell_cursor.setBlockCharFormat(char_format(Run(""), header_cell=True))
            for run, text_format in zip(runs, formats, strict=True):
                if run.image_src and isinstance(text_format, QTextImageFormat):
                    cell_cursor.insertImage(text_format)
                    continue
                for index, line in enumerate(run.text.split(LINE_BREAK)):
                    if index:
                        cell_cursor.insertBlock()  # Enter in a cell starts a new block
                    cell_cursor.insertText(line, text_format)


def _plain(runs: list[Run]) -> str:
    return "".join(run.text for run in runs)
