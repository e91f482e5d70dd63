"""Time render_article_page on a ~4,000-character Chinese article (median and p95, in ms),
the body's conversions (Markdown ⇄ blocks, Markdown ⇄ the rich editor's document), and plain
bodies: CPU time per body of the plain renderer against Python-Markdown on the export
benchmark's articles, and how many bodies take the plain path there and among the demo articles.

Run ``python tests/perf/bench_render.py [--quick] [--runs N]``. The targets are a median under
10 ms for the page, so the preview can re-render on every pause in typing, and under 30 ms
for each direction of the editor's conversion; the script only reports, it never fails on
timing (benchmarks are not timed tests).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

# Runnable as a plain script from any folder: make the checkout importable.
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from desktop.article import Article, Column
from desktop.article_file import read_article_file
from desktop.body.dialect import article_markdown, markdown_to_blocks
from desktop.render.markdown import markdown_html, render_body
from desktop.render.page import render_article_page
from desktop.render.plain_body import plain_body_html
from desktop.render.sanitise import sanitise_html
from desktop.site import Site
from tests.perf.bench_export import BODY_CHARS, with_list
from tests.perf.corpus import articles

DEMO_ARTICLES = Path(__file__).resolve().parents[2] / "resources" / "samples" / "articles"

TARGET_MS = 10.0
CONVERSION_TARGET_MS = 30.0
_PHRASES = [
    "全市各级工会",
    "围绕中心工作",
    "服务职工群众",
    "深化产业工人队伍建设改革",
    "开展技能竞赛",
    "建设职工之家",
    "推进户外劳动者服务站点建设",
    "做好困难职工帮扶",
    "维护职工合法权益",
    "加强基层工会组织建设",
    "提升服务能力",
    "创新工作方法",
    "形成长效机制",
    "取得明显成效",
]
_LEADS = ["一是抓学习。", "二是强服务。", "三是优作风。", "“凝心聚力”。", "“建功立业”。"]


def sample_body(chars: int = 4000, seed: int = 2024) -> str:
    """Return a Markdown body of about ``chars`` characters: lead-ins, a list and a table."""
    rng = random.Random(seed)
    parts: list[str] = []
    size = 0
    while size < chars:
        sentences = "".join(
            "，".join(rng.sample(_PHRASES, 3)) + f"，共{rng.randint(2, 999)}场次。"
            for _ in range(3)
        )
        paragraph = f"**{rng.choice(_LEADS)}**{sentences}"
        parts.append(paragraph)
        size += len(paragraph)
        if len(parts) == 4:
            parts.append("\n".join(f"{n}. {rng.choice(_PHRASES)}；" for n in range(1, 6)))
        if len(parts) == 8:
            rows = "\n".join(
                f"| {rng.choice(_PHRASES)} | {rng.randint(1, 99)}项 | {rng.randint(100, 9999)}人 |"
                for _ in range(6)
            )
            parts.append(f"| 项目 | 数量 | 覆盖人数 |\n|:--|:-:|--:|\n{rows}")
    return "\n\n".join(parts) + "\n"


def sample_article() -> Article:
    """Return the benchmark article with every field the page shows."""
    return Article(
        title="全市工会系统深入推进产业工人队伍建设改革",
        kicker="凝心聚力 建功立业",
        subtitle="——2024年上半年工作综述",
        body=sample_body(),
        column="工会动态",
        author="市总工会组宣部",
        source="市总工会",
        published_at=dt.datetime(2024, 7, 1, 9, 0),
        summary="上半年，全市各级工会围绕中心、服务大局，各项工作取得明显成效。",
        keywords=["工会", "产业工人"],
        id=4000,
    )


def measure(runs: int) -> tuple[float, float, int]:
    """Render the sample ``runs`` times; return (median ms, p95 ms, body characters)."""
    article = sample_article()
    site = Site(name="某市总工会", sponsor="某市总工会", icp="某ICP备00000000号")
    columns = [Column("工会动态", "union-news", 1, 1), Column("通知公告", "notices", 2, 2)]
    render_article_page(article, site, columns)  # warm-up: templates compile, imports settle
    times: list[float] = []
    for _ in range(runs):
        start = time.perf_counter()
        render_article_page(article, site, columns)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    return statistics.median(times), p95, len(article.body)


def _best_ms(runs: int, work: Callable[[], object]) -> float:
    """The fastest of ``runs`` timed calls of work, in ms (after one warm-up call)."""
    work()
    times: list[float] = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return min(times)


def measure_conversions(runs: int) -> dict[str, float]:
    """Best ms of the body's conversions of the sample body, both ways (editor ones with Qt)."""
    source = sample_body()
    blocks = markdown_to_blocks(source)
    figures = {
        "Markdown → blocks": _best_ms(runs, lambda: markdown_to_blocks(source)),
        "blocks → Markdown": _best_ms(runs, lambda: article_markdown(blocks)),
    }
    try:
        from PySide6.QtGui import QGuiApplication, QTextDocument

        from desktop.gui.editor.markdown_document import document_to_markdown, markdown_to_document
    except ImportError:
        return figures
    app = QGuiApplication.instance() or QGuiApplication([])  # held while documents exist
    document = QTextDocument()
    figures["Markdown → editor document"] = _best_ms(
        runs, lambda: markdown_to_document(source, document)
    )
    figures["editor document → Markdown"] = _best_ms(runs, lambda: document_to_markdown(document))
    del app
    return figures


def _best_cpu_ms(passes: int, work: Callable[[str], object], bodies: list[str]) -> float:
    """The lowest CPU ms per body over ``passes`` passes of work over every body."""
    best = float("inf")
    for _ in range(passes):
        start = time.process_time()
        for body in bodies:
            work(body)
        best = min(best, (time.process_time() - start) * 1000 / len(bodies))
    return best


def measure_plain_bodies(count: int, passes: int) -> dict[str, float]:
    """CPU ms per body, plain renderer against Python-Markdown, and the plain bodies' shares."""
    bodies = [with_list(article).body for article in articles(count, body_chars=BODY_CHARS)]
    demo = [read_article_file(path).body for path in sorted(DEMO_ARTICLES.glob("*.md"))]
    plain = [body for body in bodies if plain_body_html(body) is not None]
    markdown_ms = _best_cpu_ms(passes, markdown_html, bodies)
    return {
        "bodies": len(bodies),
        "plain": len(plain),
        "demo": len(demo),
        "demo plain": sum(plain_body_html(body) is not None for body in demo),
        "plain ms": _best_cpu_ms(passes, plain_body_html, plain) if plain else float("nan"),
        "markdown ms": markdown_ms,
        "render_body ms": _best_cpu_ms(passes, render_body, bodies),
        "markdown + sanitiser ms": _best_cpu_ms(
            passes, lambda body: sanitise_html(markdown_html(body)), bodies
        ),
    }


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="few runs, for a smoke test")
    parser.add_argument("--runs", type=int, default=None, help="number of timed renders")
    args = parser.parse_args(argv)
    runs = args.runs or (20 if args.quick else 300)
    median, p95, chars = measure(runs)
    verdict = "within" if median < TARGET_MS else "OVER"
    print(f"render_article_page: {chars} body characters, {runs} runs")
    print(f"median {median:.2f} ms, p95 {p95:.2f} ms ({verdict} the {TARGET_MS:.0f} ms target)")
    conversions = measure_conversions(3 if args.quick else 20)
    print(
        f"body conversions, {chars} characters (best of runs; editor target "
        f"{CONVERSION_TARGET_MS:.0f} ms each way): "
        + ", ".join(f"{name} {ms:.1f} ms" for name, ms in conversions.items())
    )
    plain = measure_plain_bodies(50 if args.quick else 1000, 1 if args.quick else 3)
    print(
        f"plain bodies: {plain['plain']} of {plain['bodies']} export benchmark bodies "
        f"({100 * plain['plain'] / plain['bodies']:.0f}%), {plain['demo plain']} of "
        f"{plain['demo']} demo articles ({100 * plain['demo plain'] / plain['demo']:.0f}%)"
    )
    print(
        f"CPU per {BODY_CHARS}-character body (best of passes): plain {plain['plain ms']:.2f} ms, "
        f"Python-Markdown {plain['markdown ms']:.2f} ms "
        f"({plain['markdown ms'] / plain['plain ms']:.0f}x); with the sanitiser: render_body "
        f"{plain['render_body ms']:.2f} ms, "
        f"Python-Markdown {plain['markdown + sanitiser ms']:.2f} ms"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
