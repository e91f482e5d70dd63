"""Near-duplicate threshold of the site self-check, measured rather than guessed.

Distinct articles (the 14 sample articles, and runs of real prose from the shipped corpus cut
to article length) are compared pair by pair; near-copies are made from each sample article
the way offices copy a report: names of places and people, figures and a few words changed.
The similarity (Jaccard of character trigrams) of both groups is printed, with how many
copies and distinct pairs the threshold in ``desktop/proofread/selfcheck.py`` calls
near-duplicates, and the time of the MinHash search over a site.

    python tests/perf/bench_selfcheck.py [--quick]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from desktop.article import Article
from desktop.article_file import read_article_file
from desktop.demo import sample_dir
from desktop.proofread.selfcheck import (
    DUPLICATE_THRESHOLD,
    jaccard,
    near_duplicates,
    shingles,
    similarity_text,
)

CORPUS = Path(__file__).resolve().parent / "zh_corpus"
PLACES = ["青石", "云溪", "桐山", "白沙", "金湖", "松林"]
NAMES = ["李文华", "王建国", "陈晓燕", "刘志强", "张丽萍", "赵海峰"]


def samples() -> list[Article]:
    articles = [read_article_file(p) for p in sorted((sample_dir() / "articles").glob("*.md"))]
    for number, article in enumerate(articles, start=1):
        article.id = number
    return articles


def corpus_articles(count: int, size: int = 900) -> list[Article]:
    """Runs of consecutive sentences of real prose, each about ``size`` characters."""
    text = "".join(p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))).replace(
        "\n", ""
    )
    articles = []
    for n in range(count):
        start = n * size
        if start + size > len(text):
            break
        articles.append(Article(title=f"语料{n}", body=text[start : start + size], id=1000 + n))
    return articles


def near_copy(article: Article, rng: random.Random, changes: int) -> Article:
    """The same report for another unit: place and person names, figures, a few words changed."""
    body = article.body.replace("澜江", rng.choice(PLACES))
    for name in ("周明远", "赵红梅", "孙立新"):
        body = body.replace(name, rng.choice(NAMES))
    chars = list(body)
    for _ in range(changes):  # a few words retyped
        at = rng.randrange(len(chars))
        if chars[at].isdigit():
            chars[at] = str(rng.randrange(10))
        elif "\u4e00" <= chars[at] <= "\u9fff":
            chars[at] = rng.choice("本县各级职工工会组织开展活动")
    return Article(title=article.title.replace("市", "县"), body="".join(chars))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="a small run for the test suite")
    args = parser.parse_args()
    rng = random.Random(14)
    originals = samples()
    distinct = originals + corpus_articles(20 if args.quick else 300)
    grams = [shingles(similarity_text(a)) for a in distinct]
    scores = sorted(
        jaccard(grams[i], grams[j]) for i in range(len(grams)) for j in range(i + 1, len(grams))
    )
    called = sum(s >= DUPLICATE_THRESHOLD for s in scores)
    print(
        f"distinct pairs: {len(scores)}, similarity max {scores[-1]:.3f}, "
        f"99.9th percentile {scores[int(len(scores) * 0.999)]:.3f}; "
        f"called duplicates at {DUPLICATE_THRESHOLD}: {called}"
    )
    for changes in (0, 10, 30, 60):
        copies = [
            jaccard(
                shingles(similarity_text(a)), shingles(similarity_text(near_copy(a, rng, changes)))
            )
            for a in originals
        ]
        found = sum(s >= DUPLICATE_THRESHOLD for s in copies)
        print(
            f"near-copies with names, figures and {changes} characters changed: "
            f"similarity min {min(copies):.3f}, median {sorted(copies)[len(copies) // 2]:.3f}; "
            f"found {found}/{len(copies)}"
        )
    site = distinct + [near_copy(a, rng, 10) for a in originals]
    for number, article in enumerate(site, start=1):
        article.id = number
    started = time.perf_counter()
    pairs = near_duplicates(site)
    elapsed = time.perf_counter() - started
    print(f"MinHash search over {len(site)} articles: {elapsed * 1000:.0f} ms, {len(pairs)} pairs")


if __name__ == "__main__":
    main()
