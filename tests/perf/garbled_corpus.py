"""Clean Chinese prose from several sources, and the same prose damaged by each round trip."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

CORPUS = Path(__file__).parent / "zh_corpus"
SOURCES = ("peoples-daily-1998.txt", "reviews.txt", "jieba-tests.txt", "cpython-cjk.txt")


#: The tuning set: the sources the thresholds of the garbled-text check may be chosen on.
#: People's Daily is the pair model's own kind of text (its pairs across words come from other
#: sentences of the same month).
TUNING_SOURCES = ("peoples-daily-1998.txt",)
#: The held-out set: sources the thresholds are never chosen on and the pair model has no
#: text of (informal reviews, jieba's test sentences, CPython's codec texts).
HELD_OUT_SOURCES = ("reviews.txt", "jieba-tests.txt", "cpython-cjk.txt")
SOURCES = TUNING_SOURCES + HELD_OUT_SOURCES


@cache
def sentences_of(sources: tuple[str, ...]) -> tuple[str, ...]:
    """Return every sentence of ``sources``, plus a 繁體 copy of every second one (OpenCC)."""
    import opencc

    simplified = [
        line
        for name in sources
        for line in (CORPUS / name).read_text("utf-8").splitlines()
        if line.strip()
    ]
    s2tw = opencc.OpenCC("s2tw")
    traditional = [s2tw.convert(s) for s in simplified[::2]]
    return tuple(simplified + traditional)


def clean_sentences() -> tuple[str, ...]:
    """Return the whole clean corpus: the tuning set, then the held-out set."""
    return tuning_sentences() + held_out_sentences()


def tuning_sentences() -> tuple[str, ...]:
    """Return the clean sentences the garbled-text check's thresholds are chosen on."""
    return sentences_of(TUNING_SOURCES)


def held_out_sentences() -> tuple[str, ...]:
    """Return the clean sentences kept out of tuning, to measure the check honestly."""
    return sentences_of(HELD_OUT_SOURCES)


def _through(true: str, wrong: str, lost: str = "\ufffd") -> Callable[[str], str]:
    def damage(span: str) -> str:
        data = span.encode(true, errors="replace")
        return data.decode(wrong, errors="replace").replace("\ufffd", lost)

    return damage


def _kunkao(span: str) -> str:
    data = span.encode("gbk", errors="replace").decode("utf-8", errors="replace")
    return data.encode("utf-8").decode("gbk", errors="replace")


def _lost_byte(span: str) -> str:
    return span.encode("gbk", errors="replace")[1:].decode("gbk", errors="replace")


#: Each kind of damage: what a copy through the wrong decoding does to a span of text.
DAMAGE: dict[str, Callable[[str], str]] = {
    "UTF-8 read as GBK": _through("utf-8", "gbk"),
    "UTF-8 read as GBK, ? for lost": _through("utf-8", "gbk", "?"),
    "UTF-8 read as Big5": _through("utf-8", "big5"),
    "UTF-8 read as Big5, ? for lost": _through("utf-8", "big5", "?"),
    "GBK read as UTF-8": _through("gbk", "utf-8"),
    "GBK read as UTF-8, ? for lost": _through("gbk", "utf-8", "?"),
    "Big5 read as UTF-8": _through("big5", "utf-8"),
    "GBK read as Big5": _through("gbk", "big5"),
    "Big5 read as GBK": _through("big5", "gbk"),
    "UTF-8 read as cp1252": _through("utf-8", "cp1252"),
    "UTF-8 read as Latin-1": _through("utf-8", "latin-1"),
    "GBK read as cp1252": _through("gbk", "cp1252"),
    "Big5 read as Latin-1": _through("big5", "latin-1"),
    "锟斤拷 (U+FFFD via GBK)": _kunkao,
    "GBK with a lost byte": _lost_byte,
}


@dataclass(frozen=True)
class Damaged:
    """A sentence with one damaged span: where it is, and the original text of it."""

    kind: str
    text: str
    start: int
    end: int
    original: str
    clean: str  # the whole sentence before the damage


def damaged(
    rng: random.Random, per_kind: int, sentences: tuple[str, ...] | None = None
) -> Iterator[Damaged]:
    """Yield ``per_kind`` sentences damaged by each round trip (2+ characters changed).

    A span of 2-8 characters of a sentence (of the whole clean corpus unless ``sentences``
    are given) goes through the round trip; the damaged span is the stretch of it the round
    trip changed, which must be two characters or more.
    """
    if sentences is None:
        sentences = clean_sentences()
    for kind, damage in DAMAGE.items():
        made = 0
        while made < per_kind:
            s = rng.choice(sentences)
            length = rng.randint(2, 8)
            if len(s) < length + 2:
                continue
            at = rng.randrange(0, len(s) - length)
            original = s[at : at + length]
            if not any("\u4e00" <= c <= "\u9fff" for c in original):
                continue
            try:
                original.encode("big5" if "Big5" in kind else "gbk")
            except UnicodeEncodeError:
                continue  # the span could not have been stored in that encoding
            bad = damage(original)
            # Only the characters the round trip changed are the damaged span: a lost byte
            # of a digit deletes the digit, and the span ends where the decoding falls back
            # in step. Spans of one character are left out (the target is 2 or more).
            keep = _common_prefix(original, bad)
            tail = _common_prefix(original[keep:][::-1], bad[keep:][::-1])
            changed = bad[keep : len(bad) - tail]
            if len(changed) < 2 or len(original) - keep - tail < 1:
                continue
            start = at + keep
            text = s[:at] + bad + s[at + length :]
            yield Damaged(
                kind, text, start, start + len(changed), original[keep : len(original) - tail], s
            )
            made += 1


def _common_prefix(a: str, b: str) -> int:
    """Return how many leading characters ``a`` and ``b`` share."""
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n
