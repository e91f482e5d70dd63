"""A huge paste read in the worker process gives the blocks the window's own reading gives."""

from __future__ import annotations

from desktop.body.blocks import Table
from desktop.body.markdown_writer import blocks_to_markdown
from desktop.body.paste_process import PasteKind, PasteProcess, read_paste

#: A paragraph as Word puts it on the clipboard: a bold lead-in, runs in styled spans.
WORD_PARAGRAPH = (
    "<p class=MsoNormal style='text-indent:32.0pt;line-height:150%'><b><span lang=ZH-CN "
    "style='font-size:16.0pt;font-family:仿宋_GB2312'>{n}是抓学习。</span></b><span lang=ZH-CN "
    "style='font-size:16.0pt;font-family:仿宋_GB2312;mso-font-kerning:0pt'>会议要求，全市各级"
    "工会要突破300个服务站点。</span></p>\n"
)


def word_html(paragraphs: int) -> str:
    """Clipboard HTML of a long report pasted from Word."""
    body = "".join(
        WORD_PARAGRAPH.format(n="一二三四五六七八九十"[i % 10]) for i in range(paragraphs)
    )
    return f"<html><body>{body}</body></html>"


def test_a_huge_word_paste_read_in_the_process_equals_reading_it_here() -> None:
    html = word_html(800)
    html = html.replace("</body>", "<p>全市职工<b>技能竞赛。</b>共1,200人参加</p></body>")
    process = PasteProcess(chars=100_000)
    try:
        assert len(html) > process.chars
        pasted = process.read_paste(PasteKind.HTML, html)
        assert process.read == 1
    finally:
        process.close()
    assert pasted == read_paste(PasteKind.HTML, html)
    markdown = blocks_to_markdown(pasted)
    assert (
        markdown.startswith("**一是抓学习。**会议要求")
        and "**技能竞赛。**共1,200人参加" in markdown
    )


def test_a_short_paste_is_read_here_and_a_long_markdown_paste_in_the_process() -> None:
    process = PasteProcess(chars=50_000)
    try:
        assert process.read_paste(PasteKind.MARKDOWN, "**一是抓学习。**会议要求。\n") == (
            read_paste(PasteKind.MARKDOWN, "**一是抓学习。**会议要求。\n")
        )
        assert process.read == 0
        markdown = "\n\n".join(f"第{i}段：职工之家建设情况。" for i in range(5_000)) + "\n"
        blocks = process.read_paste(PasteKind.MARKDOWN, markdown)
        assert process.read == 1
        assert blocks_to_markdown(blocks) == markdown
    finally:
        process.close()


def test_a_long_table_is_read_in_the_process_and_comes_back_whole() -> None:
    """2,000 rows (150,000 characters of HTML, under the length limit) go to the process."""
    from tests.perf.stall_scenario import table_html

    html = table_html(2000)
    process = PasteProcess()
    try:
        assert len(html) < process.chars and process.wants_process(PasteKind.HTML, html)
        pasted = process.read_paste(PasteKind.HTML, html)
        assert process.read == 1
    finally:
        process.close()
    assert pasted == read_paste(PasteKind.HTML, html)
    (table,) = pasted
    assert isinstance(table, Table) and len(table.rows) == 2000
    assert [run.text for run in table.rows[-1][2]] == ["职工2000号"]


def test_a_short_table_is_read_here() -> None:
    process = PasteProcess()
    try:
        rows = "".join(f"<tr><td>{i}</td><td>第{i}分会</td></tr>" for i in range(60))
        html = f"<table>{rows}</table>"
        assert not process.wants_process(PasteKind.HTML, html)
        process.read_paste(PasteKind.HTML, html)
        assert process.read == 0 and process.pid is None  # no process started for it
    finally:
        process.close()


def test_the_worker_process_runs_below_the_windows_priority_from_its_start() -> None:
    import os

    process = PasteProcess(chars=10)
    try:
        process.start()  # a spare: started before any paste
        pid = process.pid
        assert pid is not None
        process.read_paste(PasteKind.MARKDOWN, "第一段：职工之家建设情况。\n")
        assert process.read == 1 and process.pid == pid  # the spare read it
        assert os.getpriority(os.PRIO_PROCESS, pid) >= os.getpriority(os.PRIO_PROCESS, 0) + 1
    finally:
        process.close()
    assert process.pid is None


def test_a_worker_that_died_is_replaced_and_the_paste_still_read() -> None:
    import os
    import signal

    process = PasteProcess(chars=10)
    try:
        process.start()
        pid = process.pid
        assert pid is not None
        os.kill(pid, signal.SIGKILL)
        markdown = "第一段：职工之家建设情况。\n"
        assert process.read_paste(PasteKind.MARKDOWN, markdown) == read_paste(
            PasteKind.MARKDOWN, markdown
        )
        assert process.read_paste(PasteKind.MARKDOWN, markdown) == read_paste(
            PasteKind.MARKDOWN, markdown
        )
        assert process.pid not in (None, pid)
    finally:
        process.close()
