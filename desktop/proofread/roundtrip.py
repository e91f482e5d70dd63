"""Garbled text from round trips between UTF-8, GBK, Big5 and Latin-1 that garbled.py misses.

A span decoded with the wrong encoding leaves characters a Chinese writer never types: rare
Han characters, kana, Greek, Cyrillic, box drawing or Bopomofo among Chinese, ``?`` or ``!``
and stray ASCII letters inside a Chinese run (GBK and Big5 trail bytes 0x40-0x7E are ASCII).
Two or more of them close together make a garbled span. The repair is a decoder search: the
span is encoded again with each wrong decoding and decoded with each true encoding (also one
byte shifted, for a lost byte); a result made only of common characters is the suggestion.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from desktop.proofread.problem import Finding, ProblemKind, Severity
from desktop.resources import resource_path

#: Characters rarer than this rank (in the shipped frequency list) count as odd in prose.
COMMON_RANK = 6000
#: (how the bytes were wrongly read, what they really were) pairs the repair tries, in order.
ROUND_TRIPS = (
    ("gbk", "utf-8"),
    ("big5", "utf-8"),
    ("gbk", "big5"),
    ("big5", "gbk"),
    ("cp1252", "utf-8"),
    ("cp1252", "gbk"),
    ("cp1252", "big5"),
    ("latin-1", "utf-8"),
    ("latin-1", "gbk"),
    ("latin-1", "big5"),
    ("gbk", "gbk"),  # a byte lost from GBK text: the rest reads one byte out of step
    ("big5", "big5"),
)
_HAN = re.compile("[\u3400-\u9fff\uf900-\ufaff]")
# Scripts that a wrong decoding of Chinese bytes produces and Chinese prose does not use.
_FOREIGN = re.compile(
    "[\u0080-\u00b6\u00b8-\u00d6\u00d8-\u00f6\u00f8-\u07ff\u2500-\u257f\u3040-\u30ff"
    "\u3100-\u312f\u3130-\u318f\uac00-\ud7af\ue000-\uf8ff\ufe30-\ufe4f\ufffd"
    "\u3400-\u4dbf\uf900-\ufaff\U00020000-\U0003134f]"
)
_QUESTION_WORDS = "吗呢吧么嘛啊呀否谁哪几嗎麼誰幾"
_PROSE_PUNCT = set("，。、；：？！“”‘’（）《》—…·\u3000 \n\t,.;:()\"'[]【】「」『』-/%")
_CONTEXT = 8  # characters either side of an odd character that are read for its neighbours


@cache
def _ranks() -> dict[str, int]:
    """Return each common Han character's frequency rank (0 is the most frequent)."""
    text = resource_path("proofread", "char-frequency.txt").read_text("utf-8")
    chars = "".join(ln for ln in text.splitlines() if not ln.startswith("#"))
    return {c: i for i, c in enumerate(chars)}


@cache
def _candidates() -> re.Pattern[str]:
    """Return a pattern for characters that may be odd (common ones are skipped at C speed)."""
    common = "".join(c for c, rank in _ranks().items() if rank < COMMON_RANK and c != "锟")
    plain = common + "".join(_PROSE_PUNCT) + "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    return re.compile("[^" + re.escape(plain) + "\\s]")


def _oddness(text: str, i: int) -> int:
    """Return 2 for a character no Chinese prose holds, 1 for a rare Han character, else 0."""
    char = text[i]
    if char == "锟":
        return 2  # only ever seen in 锟斤拷, U+FFFD's UTF-8 bytes read as GBK
    if _HAN.match(char):
        if _ranks().get(char, COMMON_RANK) < COMMON_RANK:
            return 0
        return 1 if _in_national_sets(char) else 2
    if _FOREIGN.match(char):
        if "\u00c0" <= char <= "\u024f" and _latin_word(text, i):
            return 0  # café, Müller
        return 2
    if (char.islower() or char == "?") and char.isascii() and 0 < i < len(text) - 1:
        # A lower-case ASCII letter or ? alone inside a Chinese run is a GBK or Big5 trail
        # byte read on its own (capitals are real: 小S, 重複N遍).
        before, after = text[i - 1], text[i + 1]
        if char == "?" and before in _QUESTION_WORDS:
            return 0  # a half-width question mark, left to the typography check
        left = (
            _HAN.match(before)
            or before == "?"
            or (_after_chinese(text, i) and _latin_next(text, i))
        )
        right = _HAN.match(after) or after in "?!" or _latin_next(text, i)
        if left and right:
            return 2
    return 0


def _latin_word(text: str, i: int) -> bool:
    """Return whether an accented letter stands beside an ASCII letter, as in a Latin word."""
    return any(
        0 <= j < len(text) and text[j].isascii() and text[j].isalpha() for j in (i - 1, i + 1)
    )


def _after_chinese(text: str, i: int) -> bool:
    """Return whether the run of lower-case ASCII letters holding ``text[i]`` follows Han or ?."""
    while i > 0 and text[i - 1].isascii() and text[i - 1].islower():
        i -= 1
    return i > 0 and bool(_HAN.match(text[i - 1]) or text[i - 1] == "?")


def _latin_next(text: str, i: int) -> bool:
    """Return whether a Latin-1 letter follows within three characters (?shù: bytes as Latin)."""
    return any("\u00c0" <= c <= "\u024f" for c in text[i + 1 : i + 4])


def _in_national_sets(char: str) -> bool:
    """Return whether a Han character is in GB2312 or Big5 (the sets typed text comes from)."""
    for encoding in ("gb2312", "big5"):
        try:
            char.encode(encoding)
        except UnicodeEncodeError:
            continue
        return True
    return False


def _plausible(text: str) -> bool:
    """Return whether a decoded text reads as Chinese: common characters, prose punctuation."""
    if not _HAN.search(text):
        return False
    ranks = _ranks()
    for char in text:
        if char in _PROSE_PUNCT or (char.isascii() and char.isalnum()):
            continue
        if ranks.get(char, COMMON_RANK) >= COMMON_RANK:
            return False
    return True


def _spans(text: str) -> Iterator[tuple[int, int, bool]]:
    """Yield (start, end, sure) of stretches with two or more odd characters close together.

    ``sure`` is False when every odd character is merely a rare Han character: such a stretch
    is garbled only if re-reading its bytes gives plain Chinese.
    """
    start = prev = -10
    count = strong = 0
    for candidate in _candidates().finditer(text):
        i = candidate.start()
        odd = _oddness(text, i)
        if not odd:
            continue
        if i - prev <= 3 and not _breaks(text[prev + 1 : i]):
            count += 1 + (text[i] == "锟")
            strong += odd == 2
        else:
            if count >= 2:
                yield start, prev + 1, strong > 0
            start, count, strong = i, 1 + (text[i] == "锟"), int(odd == 2)
        prev = i
    if count >= 2:
        yield start, prev + 1, strong > 0


def _breaks(gap: str) -> bool:
    return any(c.isspace() or c in "，。；：！？、" for c in gap)


def repair(span: str) -> tuple[str, str] | None:
    """Return (repaired text, round trip) when re-reading the span's bytes gives plain Chinese."""
    for wrong, true in ROUND_TRIPS:
        try:
            data = span.replace("\ufffd", "?").encode(wrong)
        except UnicodeEncodeError:
            continue
        for shift in (0, 1) if wrong != true else (1,):
            try:
                fixed = data[shift:].decode(true)
            except UnicodeDecodeError:
                continue
            if _plausible(fixed) and not re.search("[?A-Za-z]", fixed):
                return fixed, f"{true.upper()} read as {wrong.upper()}"
    return None


def check_round_trips(text: str) -> Iterator[Finding]:
    """Yield garbled spans a wrong decoding left, with the repair when the bytes allow one."""
    if text.isascii():
        return
    for start, end, sure in _spans(text):
        # Widen to the whole run the decoder left, so the repair sees every byte of it.
        while start > 0 and _joins(text, start - 1):
            start -= 1
        while end < len(text) and _joins(text, end):
            end += 1
        span = text[start:end]
        if len(set(span)) == 1 and span != "锟":
            continue  # a doubled word (嗞嗞, 潺潺): a wrong decoding does not repeat itself
        found = repair(span)
        if not sure and (found is None or not found[1].startswith("UTF-8")):
            # Rare words (邛崃, 捲菸) read as other GBK or Big5 words by chance; a valid
            # UTF-8 reading of their bytes does not happen by chance.
            continue
        if found is not None:
            fixed, how = found
            message = f"Garbled text ({how}); probably {fixed!r}"
            yield Finding(ProblemKind.GARBLED, Severity.SERIOUS, start, end, message, fixed)
        else:
            message = "Garbled text: a wrong encoding left these characters"
            yield Finding(ProblemKind.GARBLED, Severity.SERIOUS, start, end, message, None)


def _joins(text: str, i: int) -> bool:
    """Return whether ``text[i]`` beside a garbled span is odd too (and so part of it)."""
    return _oddness(text, i) > 0
