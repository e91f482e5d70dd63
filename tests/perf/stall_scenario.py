"""The window under a heartbeat: pasting, typing, saving and proofreading a huge article.

Run in a fresh process by ``tests/perf/bench_window.py`` (``python -m
tests.perf.stall_scenario DB SETTINGS CHARS ROWS TYPED [TRACE_MS]``). A QTimer ticks every
10 ms on the GUI thread; a gap between two ticks is time the window could not answer the
user. The script drives the real main window through each phase, waits until the window has
settled (preview shown, underlines and the proofreading panel up to date, autosave written),
and prints the gaps of each phase as one JSON line. The table's phases: paste it, type in the
middle of it and at its end, save it, and open it again from the list. With TRACE_MS, each
stall longer than that is explained by ``tests/perf/stall_tracer.py``: what the GUI thread
ran meanwhile.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")

from PySide6.QtCore import QMimeData, QSettings, QTimer
from PySide6.QtGui import QTextCursor, QTextTable
from PySide6.QtWidgets import QApplication

from desktop.gui.preview import register_preview_scheme
from tests.perf.corpus import WORDS, sentence
from tests.perf.stall_tracer import StallTracer, explain

#: The heartbeat's interval: a tick later than this by much is a stall.
TICK_MS = 10
#: The window counts as settled once nothing was pending for this long.
QUIET_MS = 600

#: Word's clipboard markup around each run of text, as it pastes a report: it is what makes
#: 300,000 characters of text about 5 MB of HTML.
_SPAN = (
    "<span lang=ZH-CN style='font-size:16.0pt;line-height:150%;font-family:仿宋_GB2312;"
    'mso-ascii-font-family:"Times New Roman";mso-hansi-font-family:"Times New Roman";'
    'mso-bidi-font-family:"Times New Roman";color:black;mso-font-kerning:0pt\'>{}</span>'
)
_PARAGRAPH = (
    "<p class=MsoNormal style='text-indent:32.0pt;mso-char-indent-count:2.0;"
    "line-height:150%;mso-pagination:widow-orphan'>{}</p>\n"
)


def word_html(chars: int, seed: int = 5) -> tuple[str, int]:
    """Clipboard HTML as Word gives it for a report of about ``chars`` characters."""
    rng = random.Random(seed)
    paragraphs, size, n = [], 0, 0
    while size < chars:
        n += 1
        lead = f"{'一二三四五六七八九十'[n % 10]}是{rng.choice(WORDS)}{rng.choice(WORDS)}。"
        text = "".join(sentence(rng, rng.randint(8, 20)) for _ in range(3))
        pieces = [text[i : i + 12] for i in range(0, len(text), 12)]
        spans = "<b>" + _SPAN.format(lead) + "</b>" + "".join(_SPAN.format(p) for p in pieces)
        paragraphs.append(_PARAGRAPH.format(spans))
        size += len(lead) + len(text)
    return "<html><body>" + "".join(paragraphs) + "</body></html>", size


def table_html(rows: int) -> str:
    """Clipboard HTML of a table of ``rows`` rows (a roster of union members, say)."""
    cells = "".join(
        f"<tr><td>{i}</td><td>第{i % 37 + 1}分会</td><td>职工{i}号</td>"
        f"<td>{'一线班组' if i % 3 else '机关科室'}</td><td>{i % 90 + 10}场</td></tr>"
        for i in range(1, rows + 1)
    )
    header = "<tr><th>序号</th><th>分会</th><th>姓名</th><th>岗位</th><th>活动</th></tr>"
    return f"<html><body><table>{header}{cells}</table></body></html>"


def main() -> None:
    """Drive the window through every phase and print each phase's gaps."""
    db, settings_path = Path(sys.argv[1]), sys.argv[2]
    chars, rows, typed = int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
    # Stalls longer than this many milliseconds are explained by a sampler (0: none).
    trace_ms = float(sys.argv[6]) if len(sys.argv) > 6 else 0.0
    register_preview_scheme()
    app = QApplication([])
    from desktop.gui.app import open_window

    window = open_window(db, QSettings(settings_path, QSettings.Format.IniFormat))
    assert window is not None
    window.show()
    if window.page_check is not None:
        window.page_check.start()

    ticks: list[float] = []
    heartbeat = QTimer()
    heartbeat.setInterval(TICK_MS)
    heartbeat.timeout.connect(lambda: ticks.append(time.perf_counter()))
    phases: list[dict] = []
    tracer = StallTracer() if trace_ms else None
    html, text_chars = word_html(chars)
    rich = window.editor.rich

    def settled() -> bool:
        return window.is_settled()

    def clipboard(markup: str) -> QMimeData:
        # Made before the heartbeat starts: a real clipboard holds the copied markup already
        # (turning 8 MB of Python text into Qt's is the benchmark's own cost, 14 ms).
        mime = QMimeData()
        mime.setHtml(markup)
        return mime

    copied = {"table": clipboard(table_html(rows)), "text": clipboard(html)}

    def paste(mime: QMimeData) -> None:
        rich.setFocus()
        rich.insertFromMimeData(mime)

    def to_end() -> None:
        cursor = rich.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.End)
        rich.setTextCursor(cursor)

    def script() -> Iterator[Callable[[], bool] | float]:
        yield lambda: "preview" in marks and window.session.is_checked() and settled()
        heartbeat.start()
        if tracer is not None:
            tracer.start()
        yield 0.3
        begin("paste a table")
        window.new_article()
        rich.setFocus()
        yield 0.1  # the paste is the user's next action, not part of making the article
        paste(copied["table"])
        yield settled
        yield from table_phases()
        begin("paste a long text")
        window.new_article()
        rich.setFocus()
        yield 0.1
        paste(copied["text"])
        yield settled
        begin("type in the long text")
        to_end()
        for _ in range(typed):
            rich.insertPlainText("字")
            yield 0.03
        yield settled
        begin("save")
        rich.insertPlainText("。")
        window.save_action.trigger()
        yield settled
        begin("proofread")
        window.check_action.trigger()
        yield settled
        end()

    def table_phases() -> Iterator[Callable[[], bool] | float]:
        """Type in the middle and at the end of the pasted table, save it, open it again."""
        begin("type in the middle of the table")
        middle = tables()[len(tables()) // 2]
        rich.setTextCursor(middle.cellAt(middle.rows() // 2, 2).lastCursorPosition())
        for _ in range(typed):
            rich.insertPlainText("字")
            yield 0.03
        yield settled
        begin("type at the end of the table")
        last = tables()[-1]
        rich.setTextCursor(last.cellAt(last.rows() - 1, 2).lastCursorPosition())
        for _ in range(typed):
            rich.insertPlainText("字")
            yield 0.03
        yield settled
        begin("save the table")
        rich.insertPlainText("。")
        window.session.save()
        yield settled
        begin("open the table from the list")
        table_id = window.current_id()
        assert table_id is not None
        window.new_article()
        yield settled
        window.open_article(table_id)
        yield settled

    def tables() -> list[QTextTable]:
        frames = rich.document().rootFrame().childFrames()
        return [frame for frame in frames if isinstance(frame, QTextTable)]

    marks: set[str] = set()
    window.preview.rendered.connect(lambda _g: marks.add("preview"))

    def begin(name: str) -> None:
        end()
        phases.append({"name": name, "first": len(ticks), "started": time.perf_counter()})
        print(f"phase: {name}", file=sys.stderr, flush=True)

    def end() -> None:
        if phases and "last" not in phases[-1]:
            phases[-1]["last"] = len(ticks)
            phases[-1]["seconds"] = time.perf_counter() - phases[-1]["started"]

    steps = script()
    quiet_since: list[float] = []

    def advance() -> None:
        try:
            step = next(steps)
        except StopIteration:
            finish()
            return
        if isinstance(step, float):
            QTimer.singleShot(int(step * 1000), advance)
            return
        quiet_since.clear()

        def poll() -> None:
            if not step():
                quiet_since.clear()
            elif not quiet_since:
                quiet_since.append(time.perf_counter())
            elif (time.perf_counter() - quiet_since[0]) * 1000 >= QUIET_MS:
                advance()
                return
            QTimer.singleShot(20, poll)

        poll()

    def finish() -> None:
        heartbeat.stop()
        if tracer is not None:
            tracer.stop()
        report = []
        for phase in phases:
            stamps = ticks[max(0, phase["first"] - 1) : phase["last"]]
            gaps = [(b - a) * 1000 for a, b in itertools.pairwise(stamps)]
            report.append({"name": phase["name"], "gaps": gaps, "seconds": phase["seconds"]})
            if tracer is not None:
                report[-1]["started"] = phase["started"]
                report[-1]["stalls"] = explain(tracer.samples, stamps, trace_ms, tracer.names)
        body = window.editor.body_markdown()
        print(
            json.dumps(
                {
                    "phases": report,
                    "chars": text_chars,
                    "html_bytes": len(html.encode("utf-8")),
                    "rows": rows,
                    "body_chars": len(body),
                }
            )
        )
        window.session.forget_changes()
        window.close()
        app.quit()

    QTimer.singleShot(0, advance)
    app.exec()


if __name__ == "__main__":
    main()
