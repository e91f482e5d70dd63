"""How much a stretch of text reads like Chinese prose: how common its characters are, and
how many of its neighbouring characters are pairs found inside real words.

The frequencies and the pairs inside words come from jieba's dictionary
(``resources/proofread/char-frequency.txt``, ``char-pairs.txt``), the pairs across words from
People's Daily sentences the garbled-text benchmark does not measure on (``prose-pairs.txt``;
all MIT, built by ``tests/perf/zh_corpus/make_corpus.py``). A wrong decoding gives ordinary-looking
characters in an order no word has (GBK read as Big5: 有利于 becomes 衄瞳衾); the pairs
tell the two apart where single characters cannot.
"""

from __future__ import annotations

import itertools
import math
import re
from functools import cache

from desktop.resources import resource_path

#: Characters rarer than this rank count as rare in prose.
COMMON_RANK = 6000
_HAN = re.compile("[\u3400-\u9fff\uf900-\ufaff]")
# What a repair of prose may hold: Han, digits and letters, and Chinese punctuation.
_PROSE = re.compile(
    "[\u3400-\u9fff\uf900-\ufaff0-9A-Za-z\uff10-\uff19，。、；：？！“”‘’（）《》『』「」—…·]+"
)


@cache
def ranks() -> dict[str, int]:
    """Return each common Han character's frequency rank (0 is the most frequent)."""
    text = resource_path("proofread", "char-frequency.txt").read_text("utf-8")
    chars = "".join(ln for ln in text.splitlines() if not ln.startswith("#"))
    return {c: i for i, c in enumerate(chars)}


def _read_pairs(name: str) -> set[str]:
    """Return the pairs of a pairs file: each line a character, then those that follow it."""
    text = resource_path("proofread", name).read_text("utf-8")
    pairs: set[str] = set()
    for line in text.splitlines():
        if line and not line.startswith("#"):
            first = line[0]
            pairs.update(first + second for second in line[1:])
    return pairs


@cache
def word_pairs() -> frozenset[str]:
    """Return the pairs of neighbouring characters that occur inside dictionary words."""
    return frozenset(_read_pairs("char-pairs.txt"))


@cache
def neighbour_pairs() -> frozenset[str]:
    """Return the pairs of neighbouring characters of words and of running prose."""
    return word_pairs() | _read_pairs("prose-pairs.txt")


def rarity(char: str) -> float:
    """Return how unexpected a Han character is in prose: log of its rank (rare: 10)."""
    rank = ranks().get(char)
    return math.log(rank + 20) if rank is not None else 10.0


def pair_share(text: str) -> float:
    """Return the share of neighbouring Han characters in ``text`` that form a word pair."""
    pairs = neighbour_pairs()
    total = known = 0
    for a, b in itertools.pairwise(text):
        if _HAN.match(a) and _HAN.match(b):
            total += 1
            known += a + b in pairs
    return known / total if total else 0.0


def mean_rarity(text: str) -> float:
    """Return the mean rarity of the Han characters in ``text`` (10 when there are none)."""
    values = [rarity(c) for c in text if _HAN.match(c)]
    return sum(values) / len(values) if values else 10.0


def is_common(char: str) -> bool:
    """Return whether a Han character is among the common characters of prose."""
    return ranks().get(char, COMMON_RANK) < COMMON_RANK


def in_word(text: str, i: int) -> bool:
    """Return whether ``text[i]`` forms a word pair with the character before or after it."""
    pairs = neighbour_pairs()
    return (i > 0 and text[i - 1 : i + 1] in pairs) or text[i : i + 2] in pairs


def _known_pairs(text: str) -> tuple[int, int]:
    """Return (word pairs, pairs of neighbouring Han characters) in ``text``."""
    pairs = neighbour_pairs()
    total = known = 0
    for a, b in itertools.pairwise(text):
        if _HAN.match(a) and _HAN.match(b):
            total += 1
            known += a + b in pairs
    return known, total


#: The least share of a repair's neighbouring Han characters that must form word pairs.
MIN_PAIR_SHARE = 0.5


def clearly_better(
    before: str, damaged: str, repaired: str, after: str, min_share: float = MIN_PAIR_SHARE
) -> bool:
    """Return whether ``repaired`` reads as Chinese prose in place, far better than ``damaged``.

    ``before`` and ``after`` are the neighbouring text. The repair must be made of common
    characters; with the characters touching it, at least half of its neighbouring Han
    characters must form word pairs, more word pairs than the damaged text forms there; and
    it must be no rarer than the damaged text.
    """
    if not _HAN.search(repaired) or not _PROSE.fullmatch(repaired):
        return False
    if any(_HAN.match(c) and not is_common(c) for c in repaired):
        return False
    left, right = before[-1:], after[:1]
    known, total = _known_pairs(left + repaired + right)
    if total and known < min_share * total:
        return False
    was, _ = _known_pairs(left + damaged + right)
    if total and known <= was:
        return False
    return mean_rarity(repaired) <= mean_rarity(damaged)
