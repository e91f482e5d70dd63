"""Convert an article body between Markdown (as stored) and the rich editor's QTextDocument.

The QTextDocument adapter of the Qt-free body model (``desktop.body``). Loading renders the
Markdown with our Python-Markdown dialect, reads the HTML into blocks and builds the
document with QTextCursor, so the editor shows what the preview shows.
Saving walks the document (blocks, fragments, QTextList, QTextTable, block properties)
and writes the dialect back. Qt's own Markdown reader and writer are never used: their
CommonMark rules disagree with Python-Markdown on emphasis next to Chinese punctuation.
"""

from __future__ import annotations

from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QTextBlock,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextImageFormat,
    QTextLength,
    QTextList,
    QTextListFormat,
    QTextTable,
    QTextTableFormat,
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
from desktop.body.dialect import article_markdown, markdown_to_blocks

#: Block property holding how deep a block sits in block quotes (Qt's own property).
QUOTE_LEVEL = QTextFormat.Property.BlockQuoteLevel
#: Block property marking a horizontal rule (Qt draws it under the block).
RULE_WIDTH = QTextFormat.Property.BlockTrailingHorizontalRulerWidth
#: Image property holding the picture's alternative text.
IMAGE_ALT = QTextFormat.Property.UserProperty + 1
#: Image property holding the picture's caption (its Markdown title).
IMAGE_TITLE = QTextFormat.Property.UserProperty + 2

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


def document_blocks(document: QTextDocument) -> list[Block]:
    """The document's content as normalised blocks (a structural view, handy in tests)."""
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
            blocks.append(_read_table(table))
            list_path = []
            block = document.findBlock(table.lastPosition() + 1)
            continue
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
        blocks.append(
            TextBlock(
                runs=_read_runs(block),
                heading=max(0, min(6, block_format.headingLevel())),
                lists=lists,
                quote=max(0, _int_property(block_format, QUOTE_LEVEL)),
                rule=block_format.hasProperty(RULE_WIDTH),
            )
        )
        block = block.next()
    return normalise_blocks(blocks)


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
    rows: list[list[list[Run]]] = []
    for row in range(table.rows()):
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
                    runs.extend(_read_runs(block))
                    block = block.next()
            cells.append(runs)
        rows.append(cells)
    spans = {
        (row, column): (cell.rowSpan(), cell.columnSpan())
        for row in range(table.rows())
        for column in range(table.columns())
        if (cell := table.cellAt(row, column)).row() == row
        and cell.column() == column
        and (cell.rowSpan(), cell.columnSpan()) != (1, 1)
    }
    return Table(header=rows[0] if rows else [], rows=rows[1:], spans=spans)


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
        self.open_lists = []
        if not self.fresh_block:
            self.cursor.insertBlock(paragraph_format(), QTextCharFormat())
        table_format = QTextTableFormat()
        table_format.setCellPadding(4.0)
        table_format.setCellSpacing(0.0)
        table_format.setBorder(1.0)
        table_format.setBorderCollapse(True)
        table_format.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
        columns = table.columns
        qt_table = self.cursor.insertTable(1 + len(table.rows), columns, table_format)
        for row, cells in enumerate([table.header, *table.rows]):
            for column, runs in enumerate(cells):
                cell_cursor = qt_table.cellAt(row, column).firstCursorPosition()
                formats = [char_format(run, header_cell=row == 0) for run in runs]
                if row == 0:
                    cell_cursor.setBlockCharFormat(char_format(Run(""), header_cell=True))
                for run, text_format in zip(runs, formats, strict=True):
                    if run.image_src and isinstance(text_format, QTextImageFormat):
                        cell_cursor.insertImage(text_format)
                        continue
                    for index, line in enumerate(run.text.split(LINE_BREAK)):
                        if index:
                            cell_cursor.insertBlock()  # Enter in a cell starts a new block
                        cell_cursor.insertText(line, text_format)
        for (row, column), (down, across) in table.spans.items():
            qt_table.mergeCells(row, column, down, across)
        self.cursor.setPosition(qt_table.lastPosition() + 1)
        self.fresh_block = True
