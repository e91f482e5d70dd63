"""What a keystroke in a long table costs a bare QTextEdit, by the rows of each QTextTable.

Run ``python -m tests.perf.bench_table_chunks`` (2,000 rows of five columns, chunks of 300,
100, 50, 25 and 10 rows, none of the application's code involved) or ``--quick``. It prints,
per chunk size, the median and worst time of a keystroke in the middle of the table: the
insertion with Qt's layout of the chunk, and the repaint of the window that follows. The
editor's chunk size (``desktop/gui/editor/table_chunks.py``) was chosen from these figures.
It prints figures and never fails on timing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QTextCursor, QTextTable
from PySide6.QtWidgets import QApplication, QTextEdit

from desktop.gui.editor.table_chunks import base_format


def measure(app: QApplication, rows: int, chunk: int, keystrokes: int) -> tuple[list, list]:
    """Type ``keystrokes`` characters in the middle of a table of ``rows`` rows built as
    QTextTables of ``chunk`` rows; return the insertion and the repaint times (ms)."""
    editor = QTextEdit()
    editor.resize(900, 700)
    editor.show()
    document = editor.document()
    cursor = QTextCursor(document)
    cursor.beginEditBlock()
    tables: list[QTextTable] = []
    for start in range(0, rows, chunk):
        count = min(chunk, rows - start)
        table = cursor.insertTable(count, 5, base_format())
        for row in range(count):
            for column in range(5):
                cell = table.cellAt(row, column).firstCursorPosition()
                cell.insertText(f"第{(start + row) % 37 + 1}分会职工{start + row}号")
        tables.append(table)
        cursor.setPosition(table.lastPosition() + 1)
    cursor.endEditBlock()
    app.processEvents()
    middle = tables[len(tables) // 2]
    editor.setTextCursor(middle.cellAt(middle.rows() // 2, 2).lastCursorPosition())
    editor.ensureCursorVisible()
    app.processEvents()
    inserted, painted = [], []
    for _ in range(keystrokes):
        started = time.perf_counter()
        editor.insertPlainText("字")
        laid_out = time.perf_counter()
        app.processEvents()
        editor.viewport().repaint()
        inserted.append((laid_out - started) * 1000)
        painted.append((time.perf_counter() - laid_out) * 1000)
    editor.close()
    editor.deleteLater()
    app.processEvents()
    return inserted, painted


def main() -> None:
    """Measure each chunk size and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="200 rows, two sizes (CI)")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    rows, sizes, keystrokes = (
        (200, (200, 20), 3) if args.quick else (2000, (300, 100, 50, 25, 10), 15)
    )
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
    print(f"keystroke in the middle of a {rows:,}-row table, bare QTextEdit, load {load:.1f}:")
    for chunk in sizes:
        # One QTextTable of more than 300 rows takes seconds a keystroke: measured at 300.
        total = min(rows, 300) if chunk >= 300 else rows
        inserted, painted = measure(app, total, min(chunk, total), keystrokes)
        print(
            f"  {min(chunk, total)} rows a table ({total:,} rows): insert and lay out median "
            f"{statistics.median(inserted):.1f} ms, max {max(inserted):.1f} ms; repaint median "
            f"{statistics.median(painted):.1f} ms, max {max(painted):.1f} ms"
        )


if __name__ == "__main__":
    main()
