"""Time the article page as an A4 PDF: cold (web engine start and first PDF) and warm.

The article is the render benchmark's ~4,000-character Chinese report with a photo, rendered
by the one rendering path and written by ``desktop.gui.printing.html_to_pdf``. "Warm, new
page" is a PDF in a process whose web engine already runs (a second ``newsroom review
sheet``-style call: a fresh profile and page each time); "warm, reused page" is what the
window does from its second PDF on (File → Save as PDF… keeps its page). Every figure
includes rendering the page. Run ``python tests/perf/bench_pdf.py [--quick] [--runs N]``;
the target is under 1 s warm. The script only reports, it never fails on timing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

# Runnable as a plain script from any folder: make the checkout importable.
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from dataclasses import replace

from desktop.article import Column
from desktop.render.page import render_article_page
from desktop.render.urls import article_path
from desktop.site import Site
from tests.perf.bench_render import sample_article

TARGET_MS = 1000.0
PICTURE = "media/bench-photo.jpg"


def photo() -> bytes:
    """Return a 1600×1200 JPEG, the size of a resized camera photo."""
    from PySide6.QtCore import QBuffer, QIODevice
    from PySide6.QtGui import QColor, QImage, QPainter

    image = QImage(1600, 1200, QImage.Format.Format_RGB32)
    image.fill(QColor("#5b7fa6"))
    painter = QPainter(image)
    for step in range(0, 1600, 40):
        painter.fillRect(step, (step * 3) % 1200, 40, 200, QColor(step % 255, 120, 90))
    painter.end()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "JPEG", 85)
    return bytes(buffer.data().data())


def _summary(times: list[float]) -> str:
    times = sorted(times)
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    median = statistics.median(times)
    verdict = "within" if median < TARGET_MS else "OVER"
    return f"median {median:.0f} ms, p95 {p95:.0f} ms ({verdict} the {TARGET_MS:.0f} ms target)"


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="few runs, for a smoke test")
    parser.add_argument("--runs", type=int, default=None, help="number of timed PDFs of each kind")
    args = parser.parse_args(argv)
    runs = args.runs or (2 if args.quick else 15)

    site = Site(name="某市总工会", sponsor="某市总工会", icp="某ICP备00000000号")
    columns = [Column("工会动态", "union-news", 1, 1), Column("通知公告", "notices", 2, 2)]
    base = sample_article()
    article = replace(base, body=base.body + f'\n![会议现场]({PICTURE} "会议现场")\n')

    start = time.perf_counter()
    from desktop.gui.printing import PagePrinter, ensure_application, html_to_pdf

    ensure_application()
    picture = photo()

    def pictures(path: str) -> bytes | None:
        return picture if path == PICTURE else None

    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)

        def make_pdf(name: str, printer: PagePrinter | None = None) -> Path:
            html = render_article_page(article, site, columns)
            target = out / name
            html_to_pdf(
                html,
                target,
                page_path=article_path(article),
                picture_loader=pictures,
                printer=printer,
            )
            return target

        first = make_pdf("cold.pdf")
        cold_ms = (time.perf_counter() - start) * 1000
        fresh: list[float] = []
        for number in range(runs):
            start = time.perf_counter()
            make_pdf(f"fresh-{number}.pdf")
            fresh.append((time.perf_counter() - start) * 1000)
        printer = PagePrinter()
        make_pdf("reused-warm-up.pdf", printer)  # the window's first PDF starts its page
        reused: list[float] = []
        for number in range(runs):
            start = time.perf_counter()
            make_pdf(f"reused-{number}.pdf", printer)
            reused.append((time.perf_counter() - start) * 1000)
        size_kb = first.stat().st_size / 1024
        printer.dispose()

    print(
        f"article PDF: {len(article.body)} body characters and a 1600×1200 photo, {size_kb:.0f} KB"
    )
    print(f"cold (Qt and the web engine start, then the first PDF): {cold_ms:.0f} ms")
    print(f"warm, new page ({runs} runs): {_summary(fresh)}")
    print(f"warm, reused page ({runs} runs): {_summary(reused)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
