"""Time the sign-off sheet: HTML from the review log, and the A4 PDF through the web engine.

Run ``python tests/perf/bench_review.py [--quick] [--runs N]``. The target is under 1 s for the
PDF, warm (the web engine already started by an earlier sheet, as in the window); the first,
cold PDF is printed too. The script only reports, it never fails on timing.
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
os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")

from desktop.article import Article, Status
from desktop.review.cli import SHEET_PATH, sheet_html
from desktop.review.flow import ReviewFlow
from desktop.store import Store

TARGET_MS = 1000.0
_BODY = "**一是抓学习。**会议要求，全市各级工会要突破300个服务站点，做好困难职工帮扶。\n\n" * 40


def signed_article(store: Store) -> int:
    """An article through three stages, with the office's people named."""
    site = store.site()
    for key, value in {"stage1": "张明,李红", "stage2": "王强", "stage3": "赵书记"}.items():
        site = site.with_value(key, value)
    store.save_site(site)
    article = store.add_article(
        Article(
            title="市总工会召开十五届三次全委会议",
            body=_BODY,
            status=Status.DRAFT,
            author="市总工会组宣部",
            column="工会动态",
            source="澜江市总工会",
        )
    )
    assert article.id is not None
    ReviewFlow(store, "陈晓").submit(article.id)
    for user in ("张明", "王强", "赵书记"):
        ReviewFlow(store, user).sign(article.id, f"{user}：同意。")
    return article.id


def main() -> None:
    """Print the sheet's HTML and PDF times."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="a few runs, for the test suite")
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    runs = 2 if args.quick else args.runs

    from PySide6.QtWidgets import QApplication

    from desktop.gui.preview_web import register_preview_scheme
    from desktop.gui.printing import PagePrinter, html_to_pdf

    register_preview_scheme()
    app = QApplication(sys.argv[:1])
    printer = PagePrinter()  # one printer for every sheet: warm after the first
    with tempfile.TemporaryDirectory() as folder, Store.open(Path(folder) / "bench.db") as store:
        article_id = signed_article(store)
        started = time.perf_counter()
        html = sheet_html(store, article_id)
        html_ms = (time.perf_counter() - started) * 1000
        target = Path(folder) / "sheet.pdf"
        started = time.perf_counter()
        html_to_pdf(html, target, page_path=SHEET_PATH, printer=printer)
        cold_ms = (time.perf_counter() - started) * 1000
        warm: list[float] = []
        for _ in range(runs):
            started = time.perf_counter()
            html_to_pdf(
                sheet_html(store, article_id), target, page_path=SHEET_PATH, printer=printer
            )
            warm.append((time.perf_counter() - started) * 1000)
        size = target.stat().st_size
        printer.dispose()
    warm.sort()
    p95 = warm[min(len(warm) - 1, round(0.95 * (len(warm) - 1)))]
    print(f"sheet HTML {html_ms:.1f} ms")
    print(f"sheet PDF cold {cold_ms:.0f} ms")
    print(
        f"sheet PDF warm: median {statistics.median(warm):.0f} ms, p95 {p95:.0f} ms "
        f"over {len(warm)} runs (target under {TARGET_MS:.0f} ms), {size} bytes"
    )
    del app


if __name__ == "__main__":
    main()
