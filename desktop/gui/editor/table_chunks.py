"""Long tables as consecutive small QTextTables that look and read as one table.

Qt's QTextDocumentLayout lays a whole QTextTable out again on every change inside it: a
keystroke in a 300-row table costs 300-1,000 ms, whatever our own code does. A table longer
than ``rows_per_chunk`` rows is therefore built as several QTextTables ("chunks") one right
after the other, with the same column widths, no gap between them and the header row only
in the first. Every chunk after the first carries ``CONTINUATION`` in its table format (a
format property: nothing in the text a user types or pastes can make a table continue
another); whatever reads the document joins a chain of chunks back into one table.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtGui import (
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextFrameFormat,
    QTextLength,
    QTextTable,
    QTextTableFormat,
)

#: Table format property: this table continues the one right before it.
CONTINUATION = QTextFormat.Property.UserProperty + 10
#: Cells per chunk. A keystroke re-lays out its chunk and a step of a paste or a load inserts
#: one: in a bare QTextEdit here 7-15 ms for 50 cells, 10-20 ms for 100, 20-50 ms for 250
#: (``python -m tests.perf.bench_table_chunks``), several times that on a loaded machine.
CHUNK_CELLS = 60
MIN_CHUNK_ROWS = 8
MAX_CHUNK_ROWS = 40
#: Inner padding of every table cell, in pixels.
CELL_PADDING = 4.0
#: What the columns' percentages add up to: at 100 Qt's rounding makes a table a pixel wider
#: than the editor, which then shows a horizontal scrollbar.
SHARES_TOTAL = 99.0
#: Widest a column's text counts when the columns of a long table share the width.
_WIDEST_COUNTED = 30


def rows_per_chunk(columns: int) -> int:
    """How many rows one chunk of a table of ``columns`` columns holds."""
    return max(MIN_CHUNK_ROWS, min(MAX_CHUNK_ROWS, CHUNK_CELLS // max(1, columns)))


def chunk_bounds(
    total_rows: int, spans: dict[tuple[int, int], tuple[int, int]], per_chunk: int
) -> list[tuple[int, int]]:
    """The (first, end) row ranges of a table's chunks; a merged cell never crosses one."""
    reach = [0] * (total_rows + 1)  # reach[r]: the furthest row a span starting above r covers
    for (row, _column), (down, _across) in spans.items():
        if 0 <= row < total_rows:
            reach[row] = max(reach[row], row + down)
    bounds: list[tuple[int, int]] = []
    first, covered = 0, 0
    for row in range(total_rows):
        covered = max(covered, reach[row])
        end = row + 1
        if end - first >= per_chunk and covered <= end and total_rows - end >= 1:
            bounds.append((first, end))
            first = end
    if first < total_rows or not bounds:
        bounds.append((first, total_rows))
    return bounds


def base_format() -> QTextTableFormat:
    """The format of a table of the article body, as one QTextTable."""
    table_format = QTextTableFormat()
    table_format.setCellPadding(CELL_PADDING)
    table_format.setCellSpacing(0.0)
    table_format.setBorder(1.0)
    table_format.setBorderCollapse(True)
    table_format.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
    return table_format


def chunk_format(
    widths: Sequence[float] | None, *, continuation: bool, last: bool
) -> QTextTableFormat:
    """The format of one chunk of a long table: fixed column shares and no seam."""
    table_format = base_format()
    if widths is not None:
        table_format.setColumnWidthConstraints(
            [QTextLength(QTextLength.Type.PercentageLength, share) for share in widths]
        )
    # Qt's 3D border style draws each table's outline twice as bright and dark lines.
    table_format.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
    if continuation:
        table_format.setProperty(CONTINUATION, True)
    if not last:
        # A table keeps its cell padding below its last row; pulling the next chunk up by
        # it lays its top border on this one's bottom border: one line, as in one table.
        table_format.setBottomMargin(-CELL_PADDING)
    return table_format


def column_shares(texts: Iterable[Sequence[str]], columns: int) -> list[float]:
    """Column widths in percent, after the longest text of each column (as Qt sizes one table)."""
    widest = [2] * columns
    for row in texts:
        for column, text in enumerate(row[:columns]):
            width = sum(2 if ord(char) > 0x2E80 else 1 for char in text)
            widest[column] = max(widest[column], min(_WIDEST_COUNTED, width))
    return share_out(widest)


def share_out(weights: Sequence[float]) -> list[float]:
    """Column widths in percent in proportion to ``weights``, summing to ``SHARES_TOTAL``."""
    total = sum(weights) or 1.0
    return [SHARES_TOTAL * weight / total for weight in weights]


def is_continuation(table: QTextTable) -> bool:
    """Whether this table continues the table right before it."""
    return bool(table.format().boolProperty(CONTINUATION))


def _table_at(document: QTextDocument, position: int) -> QTextTable | None:
    if not 0 <= position < document.characterCount():
        return None
    cursor = QTextCursor(document)
    cursor.setPosition(position)
    frame = cursor.currentFrame()  # never None; currentTable() is (see block_list)
    return frame if isinstance(frame, QTextTable) else None


# QTextTable.document() is never asked: under PySide6 the wrapper it returns can take the
# document down with it when it is collected, so the document is always passed in.


def next_chunk(document: QTextDocument, table: QTextTable) -> QTextTable | None:
    """The chunk that continues this table, if any."""
    # Two tables in a row sit two positions apart (the frames' own boundary characters).
    following = _table_at(document, table.lastPosition() + 2)
    if (
        following is not None
        and following.firstPosition() == table.lastPosition() + 2
        and is_continuation(following)
    ):
        return following
    return None


def previous_chunk(document: QTextDocument, table: QTextTable) -> QTextTable | None:
    """The chunk this table continues, if it is a continuation."""
    if not is_continuation(table):
        return None
    before = _table_at(document, table.firstPosition() - 2)
    if before is not None and before.lastPosition() == table.firstPosition() - 2:
        return before
    return None


def chain_from(document: QTextDocument, table: QTextTable) -> list[QTextTable]:
    """This table and the chunks continuing it, in order."""
    chain = [table]
    following = next_chunk(document, table)
    while following is not None:
        chain.append(following)
        following = next_chunk(document, following)
    return chain


def whole_chain(document: QTextDocument, table: QTextTable) -> list[QTextTable]:
    """Every chunk of the table this one belongs to, the first first."""
    first = table
    before = previous_chunk(document, first)
    while before is not None:
        first = before
        before = previous_chunk(document, first)
    return chain_from(document, first)


def gap_between(document: QTextDocument, position: int) -> tuple[QTextTable, QTextTable] | None:
    """The two chunks of one table a position lies between (the empty block Qt keeps there)."""
    before = _table_at(document, position - 1)
    if before is None or before.lastPosition() != position - 1:
        return None
    following = next_chunk(document, before)
    if following is None:
        return None
    return before, following


def set_column_shares(chain: Sequence[QTextTable], widths: Sequence[float] | None) -> None:
    """Give every chunk of a table the same column widths (None: Qt sizes them)."""
    constraints = (
        [QTextLength(QTextLength.Type.PercentageLength, share) for share in widths]
        if widths is not None
        else []
    )
    for table in chain:
        table_format = table.format()
        table_format.setColumnWidthConstraints(constraints)
        table.setFormat(table_format)


def chain_shares(chain: Sequence[QTextTable]) -> list[float] | None:
    """The column widths, in percent, the chunks of a table share (None: none set)."""
    constraints = chain[0].format().columnWidthConstraints()
    if not constraints:
        return None
    return [length.rawValue() for length in constraints]
