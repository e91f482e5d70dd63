"""Import and paste figures: .docx files per second, a 20-page paste in ms, peak memory.

Run ``python -m tests.perf.bench_import [--quick] [--files N] [--workers N]``. Targets:
100 .docx files with two photos each under 20 s; a 20-page paste under 1 s. The script only
reports, it never fails on timing (benchmarks are not timed tests).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

# Runnable as a plain script from any folder: make the checkout importable.
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import psutil

from desktop.importing import import_files
from desktop.importing.batch import default_workers
from desktop.importing.html import clean_blocks, html_to_markdown
from desktop.store import Store
from tests.importing.documents import report_docx

IMPORT_TARGET_S = 20.0
PASTE_TARGET_MS = 1000.0
_PARAGRAPH = (
    "<p class=MsoNormal style='text-indent:32.0pt;line-height:28.0pt'><span "
    "style='font-size:16.0pt;font-family:仿宋_GB2312'>　　</span><b><span "
    "style='font-size:16.0pt;font-family:仿宋_GB2312'>一是抓学习{n}。</span></b><span "
    "style='font-size:16.0pt;font-family:仿宋_GB2312'>会议要求，全市各级工会要突破<span "
    "lang=EN-US>300</span>个服务站点，深入开展职工思想政治引领工作，推动学习\n"
    "教育走深走实，围绕中心工作服务职工群众，深化产业工人队伍建设改革。<span "
    "lang=EN-US><o:p></o:p></span></span></p>\n"
)
_ITEM = (
    "<p class=MsoListParagraph style='margin-left:21.0pt;text-indent:-21.0pt;mso-list:l0 "
    "level1 lfo1'><!--[if !supportLists]--><span style='font-family:Wingdings'><span "
    "style='mso-list:Ignore'>l<span style='font:7.0pt \"Times New Roman\"'>&nbsp; </span>"
    "</span></span><!--[endif]--><span style='font-family:仿宋_GB2312'>走访慰问困难职工"
    "<span lang=EN-US>{n}</span>户<o:p></o:p></span></p>\n"
)


def word_clipboard(pages: int) -> str:
    """Clipboard HTML of about ``pages`` pages of a Word report (12 paragraphs, 3 items a page)."""
    body = "".join(
        _PARAGRAPH.format(n=page * 12 + i) for page in range(pages) for i in range(12)
    ) + "".join(_ITEM.format(n=n) for n in range(pages * 3))
    return f"<html><body><!--StartFragment-->{body}<!--EndFragment--></body></html>"


def bench_import(files: int, folder: Path, workers: int | None = None) -> tuple[float, int]:
    """Import ``files`` .docx files (two photos each) into a fresh store; seconds and failures.

    workers: reading processes (default: one per core; 1 reads in this process).
    """
    source = folder / "docx"
    source.mkdir()
    template = report_docx(source / "0000.docx", photos=2)
    data = template.read_bytes()
    for index in range(1, files):
        (source / f"{index:04d}.docx").write_bytes(data)
    with Store.open(folder / "bench.db") as store:
        start = time.perf_counter()
        failed = sum(
            1
            for step in import_files(store, [source], workers=workers)
            if step.result and not step.result.ok
        )
        return time.perf_counter() - start, failed


def bench_paste(pages: int, runs: int) -> tuple[float, float, int]:
    """Median ms of the Qt-free cleaner (HTML → Markdown) and of the editor's paste path."""
    html = word_clipboard(pages)
    core = []
    for _ in range(runs):
        start = time.perf_counter()
        markdown = html_to_markdown(html)
        core.append((time.perf_counter() - start) * 1000)
    qt = []
    try:
        from PySide6.QtCore import QMimeData
        from PySide6.QtWidgets import QApplication

        from desktop.gui.editor.rich_editor import RichTextEditor

        app = QApplication.instance() or QApplication([])
        for _ in range(runs):
            editor = RichTextEditor()
            mime = QMimeData()
            mime.setHtml(html)
            start = time.perf_counter()
            editor.insertFromMimeData(mime)
            qt.append((time.perf_counter() - start) * 1000)
            editor.deleteLater()
        app.processEvents()
    except ImportError:
        pass
    assert clean_blocks(html)
    return sorted(core)[len(core) // 2], sorted(qt)[len(qt) // 2] if qt else -1.0, len(markdown)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmarks and print their figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="10 files, 3 paste runs")
    parser.add_argument("--files", type=int, default=100)
    parser.add_argument(
        "--workers", type=int, default=None, help="reading processes (default: one per core)"
    )
    args = parser.parse_args(argv)
    files = 10 if args.quick else args.files
    runs = 3 if args.quick else 7
    process = psutil.Process()
    with tempfile.TemporaryDirectory() as folder:
        seconds, failed = bench_import(files, Path(folder), args.workers)
    peak = getattr(process.memory_info(), "peak_wset", None) or _peak_rss()
    rate = files / seconds
    print(
        f"import: {files} .docx files (2 photos each, {args.workers or default_workers()} "
        f"reading processes) in {seconds:.2f} s, {rate:.1f} files/s, "
        f"{failed} failed (target: 100 files under {IMPORT_TARGET_S:.0f} s, "
        f"i.e. {100 / rate:.1f} s for 100)"
    )
    print(f"import: peak RSS {peak / 1_048_576:.0f} MB (this process; workers not counted)")
    core_ms, qt_ms, size = bench_paste(20, runs)
    print(
        f"paste: 20-page Word clipboard ({size} Markdown characters): cleaner {core_ms:.0f} ms, "
        f"editor paste path {qt_ms:.0f} ms (target: under {PASTE_TARGET_MS:.0f} ms)"
    )
    return 0


def _peak_rss() -> int:
    """Peak resident memory of this process in bytes (Linux/macOS)."""
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


if __name__ == "__main__":
    sys.exit(main())
