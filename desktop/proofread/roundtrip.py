"""Garbled text from round trips between UTF-8, GBK, Big5 and Latin-1 that garbled.py misses.

A span decoded with the wrong encoding leaves characters a Chinese writer never types: rare
Han characters, kana, Greek, Cyrillic, box drawing or Bopomofo among Chinese, ``?`` or ``!``
and stray ASCII letters inside a Chinese run (GBK and Big5 trail bytes 0x40-0x7E are ASCII).
Two or more of them close together make a garbled span. The repair is a decoder search: the
span is encoded again with each wrong decoding and decoded with each true encoding (also one
byte shifted, for a lost byte); a result made only of common characters is the suggestion.
"""

from __future__ import annotations

import itertools
import operator
import re
from collections.abc import Iterator
from functools import cache

from desktop.proofread.plausible import (
    COMMON_RANK,
    clearly_better,
    in_word,
    is_common,
    neighbour_pairs,
    ranks,
)
from desktop.proofread.problem import Finding, ProblemKind, Severity

__all__ = ["COMMON_RANK", "ROUND_TRIPS", "check_round_trips", "oddness", "repair"]
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
#: ``?`` and the ASCII marks among GBK and Big5 trail bytes (0x40-0x7E) no prose puts
#: between two Chinese characters.
_TRAIL_MARKS = "?@[\\]^_`{|}~"
#: Characters that make a garbled span on their own: 锟 (only ever in 锟斤拷) and the trail
#: marks no prose uses between Chinese characters (@ and ~ are: 微博@某人, 顶~顶).
_ALONE_GARBLED = "锟[\\]^_`{|}"
# Bopomofo, kana (but の, as in 小清新の店) and small form variants: one alone among Chinese
# is a wrong decoding (GBK's full-width comma read as Big5 is ㄛ).
_ALONE_SCRIPT = re.compile("[\u3041-\u306d\u306f-\u30ff\u3105-\u312f\ufe50-\ufe6b]")


def _alone(char: str) -> bool:
    """Return whether one such character makes a garbled span on its own."""
    return char in _ALONE_GARBLED or _ALONE_SCRIPT.match(char) is not None


_PROSE_PUNCT = set("，。、；：？！“”‘’（）《》—…·\u3000 \n\t,.;:()\"'[]【】「」『』-/%")
_CONTEXT = 8  # characters either side of an odd character that are read for its neighbours


@cache
def _candidates() -> re.Pattern[str]:
    """Return a pattern for characters that may be odd (common ones are skipped at C speed)."""
    common = "".join(c for c, rank in ranks().items() if rank < COMMON_RANK and c != "锟")
    plain = common + "".join(_PROSE_PUNCT) + "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    return re.compile("[^" + re.escape(plain) + "\\s]")


def oddness(text: str, i: int) -> int:
    """Return 2 for a character no Chinese prose holds, 1 for a rare Han character, else 0."""
    char = text[i]
    if char == "锟":
        return 2  # only ever seen in 锟斤拷, U+FFFD's UTF-8 bytes read as GBK
    if _HAN.match(char):
        if ranks().get(char, COMMON_RANK) < COMMON_RANK:
            return 0
        return 1 if _in_national_sets(char) else 2
    if _FOREIGN.match(char):
        if "\u00c0" <= char <= "\u024f" and _latin_word(text, i):
            return 0  # café, Müller
        return 2
    if (char.islower() or char in _TRAIL_MARKS) and char.isascii() and 0 < i < len(text) - 1:
        # A lower-case ASCII letter, ? or a mark such as ^ or | alone inside a Chinese run is
        # a GBK or Big5 trail byte read on its own (capitals are real: 小S, 重複N遍).
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
    known = ranks()
    for char in text:
        if char in _PROSE_PUNCT or (char.isascii() and char.isalnum()):
            continue
        if known.get(char, COMMON_RANK) >= COMMON_RANK:
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
        odd = oddness(text, i)
        if not odd:
            continue
        if i - prev <= 3 and not _breaks(text[prev + 1 : i]):
            count += 1 + _alone(text[i])
            strong += odd == 2
        else:
            if count >= 2:
                yield start, prev + 1, strong > 0
            start, count, strong = i, 1 + _alone(text[i]), int(odd == 2)
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
    taken: list[tuple[int, int]] = []
    for start, end, sure in _spans(text):
        # Widen to the whole run the decoder left, so the repair sees every byte of it.
        while start > 0 and _joins(text, start - 1):
            start -= 1
        while end < len(text) and _joins(text, end):
            end += 1
        span = text[start:end]
        if len(set(span)) == 1 and not _alone(span[0]):
            continue  # a doubled word (嗞嗞, 潺潺): a wrong decoding does not repeat itself
        found = repair(span)
        # Rare words (邛崃, 捲菸) read as other GBK or Big5 words by chance; a valid UTF-8
        # reading of their bytes does not happen by chance, and neither does a re-reading
        # that turns characters no word holds into words.
        if not sure and (
            found is None
            or not (found[1].startswith("UTF-8") or _reads_better(text, start, end, found[0]))
        ):
            continue
        taken.append((start, end))
        if found is not None:
            fixed, how = found
            message = f"Garbled text ({how}); probably {fixed!r}"
            yield Finding(ProblemKind.GARBLED, Severity.SERIOUS, start, end, message, fixed)
        else:
            message = "Garbled text: a wrong encoding left these characters"
            yield Finding(ProblemKind.GARBLED, Severity.SERIOUS, start, end, message, None)
    for start, end in _lost_lead_bytes(text):
        if not any(s < end and start < e for s, e in taken):
            taken.append((start, end))
            message = "Garbled text: a byte was lost here, and the characters after it shifted"
            yield Finding(ProblemKind.GARBLED, Severity.SERIOUS, start, end, message, None)
    for start, end, fixed, how in _misread_words(text):
        if not any(s < end and start < e for s, e in taken):
            message = f"Garbled text ({how}); probably {fixed!r}"
            yield Finding(ProblemKind.GARBLED, Severity.SERIOUS, start, end, message, fixed)


def _joins(text: str, i: int) -> bool:
    """Return whether ``text[i]`` beside a garbled span is odd too (and so part of it)."""
    return oddness(text, i) > 0


#: Characters this common (的, 是, 在 ...) stand beside any word without forming one.
_FUNCTION_RANK = 200
#: Chinese encodings whose bytes, read by the other, give ordinary characters of its own.
_CHINESE_MISREADS = (("big5", "gbk"), ("gbk", "big5"))
#: The least share of word pairs a re-reading must make to show a span is garbled (it is
#: never offered as a repair: either reading is ordinary text).
_FOUND_SHARE = 0.25


def _reads_better(text: str, start: int, end: int, fixed: str) -> bool:
    """Return whether ``fixed`` in place of ``text[start:end]`` reads far better as Chinese."""
    before = text[max(0, start - 3) : start]
    after = text[end : end + 3]
    return clearly_better(before, text[start:end], fixed, after)


def _unworded(text: str, i: int) -> bool:
    """Return whether ``text[i]`` is a Han character that forms no word with its neighbours."""
    char = text[i]
    if not _HAN.match(char):
        return bool(_candidates().match(text, i)) and oddness(text, i) > 0
    if ranks().get(char, COMMON_RANK) < _FUNCTION_RANK:
        return False
    return not in_word(text, i)


def _misread_words(text: str) -> Iterator[tuple[int, int, str, str]]:
    """Yield (start, end, repair, round trip) of GBK read as Big5 and Big5 read as GBK.

    Such a wrong reading gives ordinary characters of the other script, so nothing odd
    shows; but they stand in an order no word has. A run of two or more characters that form
    no word with their neighbours is re-read, and kept when the re-reading makes words.
    """
    pairs = neighbour_pairs()
    # Byte k of ``links`` is 1 when characters k-1 and k form a pair (one set lookup each,
    # all at C speed); a character forms no pair when the bytes either side of it are 0.
    links = b"\0" + bytes(map(pairs.__contains__, map(operator.add, text, text[1:]))) + b"\0"
    for loose in re.finditer(b"\0{2,}", links):
        first, last = loose.start(), loose.end() - 1
        for run in _loose_characters().finditer(text, first, last):
            i = run.start()
            while i < run.end():
                if not _unworded(text, i):
                    i += 1
                    continue
                j = i
                while j < run.end() and _unworded(text, j):
                    j += 1
                found = _search_misread(text, i, j, guarded=last - first < 2)
                # Where only one character forms no pair on either side, a re-reading that
                # makes a word inside it is chance unless it also joins the text around it
                # (豪華標 in 換了豪華標間 gives 花地夹).
                if found is not None and (last - first >= 2 or _touches_word(text, *found[:3])):
                    yield found
                i = j


def _touches_word(text: str, start: int, end: int, fixed: str) -> bool:
    """Return whether ``fixed`` in place of ``text[start:end]`` forms a pair with a neighbour."""
    pairs = neighbour_pairs()
    return (start > 0 and text[start - 1] + fixed[0] in pairs) or (
        end < len(text) and fixed[-1] + text[end] in pairs
    )


def _search_misread(
    text: str, i: int, j: int, guarded: bool = True
) -> tuple[int, int, str, str] | None:
    """Return (start, end, repair, round trip) of the misread span around ``text[i:j]``.

    The run of characters that form no word seldom covers the misread span exactly: a
    misread character may form a chance pair with a neighbour (腔 for 的 beside 深), and a
    real neighbour may form none. The exact run is re-read first, then the run one character
    wider or narrower at either end; the first window whose re-reading makes words wins.
    ``guarded`` (where one character alone forms no pair) keeps windows from taking in a
    character that forms a word outside.
    """
    for start, end in _windows(i, j):
        if start < 0 or end > len(text) or end - start < 2:
            continue
        if not _WINDOW.fullmatch(text, start, end):
            continue
        if guarded and (start, end) != (i, j) and _held(text, start, end):
            continue  # a character taken in forms a word outside: 嘉華 in 嘉華銀行
        found = _misread(text, start, end)
        if found is not None:
            return (start, end, *found)
    return None


def _held(text: str, start: int, end: int) -> bool:
    """Return whether ``text[start:end]`` forms a pair with the character before or after it."""
    pairs = neighbour_pairs()
    return (start > 0 and text[start - 1 : start + 1] in pairs) or text[end - 1 : end + 1] in pairs


def _windows(i: int, j: int) -> tuple[tuple[int, int], ...]:
    """Return the windows around a run ``[i, j)`` to re-read, the run itself first."""
    return (
        (i, j),
        (i - 1, j),
        (i, j + 1),
        (i - 1, j + 1),
        (i + 1, j),
        (i, j - 1),
    )


# What a misread window may hold: no ASCII, spaces or line breaks (GBK and Big5 give neither).
_WINDOW = re.compile(r"[^\x00-\x7f\s]+")


@cache
def _loose_characters() -> re.Pattern[str]:
    """Return a pattern for runs of characters that may stand in no word's order.

    The commonest characters (的, 是, 在 ...), punctuation, digits and ASCII stand beside
    anything, so they are skipped at C speed.
    """
    common = "".join(c for c, rank in ranks().items() if rank < _FUNCTION_RANK)
    plain = re.escape(common + "".join(_PROSE_PUNCT))
    return re.compile(f"[^{plain}\\s\\x00-\\x7f\\uff10-\\uff19]+")


def _misread(text: str, start: int, end: int) -> tuple[str, str] | None:
    """Return (reading, round trip) when re-reading ``text[start:end]`` as the other Chinese
    encoding, or one byte on (a byte lost from GBK), makes words in place."""
    span = text[start:end]
    before = text[max(0, start - 3) : start]
    after = text[end : end + 3]
    for wrong, true in _CHINESE_MISREADS:
        try:
            data = span.encode(wrong)
            fixed = data[1:].decode(true) if wrong == true else data.decode(true)
        except UnicodeError:
            continue
        if not fixed:
            continue
        better = clearly_better(before, span, fixed, after, _FOUND_SHARE)
        if better and _joined_in(text, start, end, fixed):
            return fixed, f"{true.upper()} read as {wrong.upper()}"
    return None


def _joined_in(text: str, start: int, end: int, fixed: str) -> bool:
    """Return whether the re-read run holds a word of its own and, when short, forms one with
    the text around it (a chance pair on one side is not enough: 大窪縣 gives 大黑郡)."""
    pairs = neighbour_pairs()
    if _MARKS.search(fixed) and not _MARKS.search(text[start:end]):
        return _punctuated(text, start, end, fixed)
    if not any(fixed[k : k + 2] in pairs for k in range(len(fixed) - 1)):
        # Two characters that end one word and start the next (款究 in 拨款究竟) make no word
        # of their own: they count when they form words on both sides.
        return len(fixed) == 2 and _words_both_sides(text, start, end, fixed)
    if len(fixed) >= 3 or len(set(text[start:end])) == 1:
        return len(set(text[start:end])) > 1
    left = text[start - 1] + fixed[0] if start > 0 else ""
    right = fixed[-1] + text[end] if end < len(text) else ""
    touching = [p for p in (left, right) if len(p) == 2 and _HAN.match(p[0]) and _HAN.match(p[1])]
    if not touching or any(p in pairs for p in touching):
        return True
    # A character outside the common ones (or no Han character at all: й), in a run that forms
    # no pair, is not a rare word's: 課尨 (for 揭示) forms none, 大窪縣's 窪縣 is a pair.
    span = text[start:end]
    return any(c not in ranks() and c not in _PROSE_PUNCT for c in span) and not any(
        text[k : k + 2] in pairs for k in range(max(0, start - 1), min(end, len(text) - 1))
    )


def _words_both_sides(text: str, start: int, end: int, fixed: str) -> bool:
    """Return whether ``fixed`` forms a word with the character before it and the one after
    it, where the misread characters form none with either."""
    if start < 1 or end >= len(text):
        return False
    pairs = neighbour_pairs()
    before, after = text[start - 1], text[end]
    if text[start - 1 : start + 1] in pairs or text[end - 1 : end + 1] in pairs:
        return False
    return before + fixed[0] in pairs and fixed[1] + after in pairs


#: Chinese punctuation that GBK or Big5 bytes of symbols (﹜, ◆, ※, §) give when re-read.
_MARKS = re.compile("[、，。；：“”‘’『』「」《》（）—]")


def _punctuated(text: str, start: int, end: int, fixed: str) -> bool:
    """Return whether a re-reading that turns symbols into Chinese punctuation makes words.

    GBK's 、 and 『 read as Big5 are ﹜ and ◆: a symbol between characters that form no
    word. The re-reading counts when each Han character it leaves beside the punctuation
    forms a word with the character on its other side, and at least one does.
    """
    pairs = neighbour_pairs()
    around = (text[start - 1] if start > 0 else "") + fixed + (text[end] if end < len(text) else "")
    han = [a + b for a, b in itertools.pairwise(around) if _HAN.match(a) and _HAN.match(b)]
    return bool(han) and all(p in pairs for p in han)


_HAN_THEN_CAPITAL = re.compile("(?<=[\u4e00-\u9fff])[\u4e00-\u9fff][A-Z](?=[\u4e00-\u9fff])")


def _lost_lead_bytes(text: str) -> Iterator[tuple[int, int]]:
    """Yield (start, end) of a character and a capital that are one GBK character shifted.

    When a byte is lost from GBK text, a character's trail byte pairs with the next lead
    byte, and a trail byte from 0x41 to 0x5A then stands alone as a capital letter (想預 read
    one byte late gives 腩A). Capitals are real in Chinese (A股, 小S), so the pair counts
    only when the character forms no word with the one before it, and re-read a byte later
    it forms a word with the one after the capital.
    """
    pairs = neighbour_pairs()
    for match in _HAN_THEN_CAPITAL.finditer(text):
        i = match.start()
        if text[i - 1 : i + 1] in pairs:
            continue
        try:
            shifted = match.group().encode("gbk")[1:].decode("gbk")
        except UnicodeError:
            continue
        if len(shifted) == 1 and is_common(shifted) and shifted + text[i + 2] in pairs:
            yield i, i + 2
    yield from _shifted_runs(text)


# A run of non-ASCII characters ending in an ASCII trail byte (0x40-0x7E) before Chinese.
_SHIFTED_END = re.compile(
    r"(?<=[^\x00-\x7f\s])[\x40-\x7e](?=[\u4e00-\u9fff，。、；：！？“”（）《》])"
)
#: The most characters before the trail byte that a byte lost from GBK re-reads.
_SHIFT_REACH = 8


def _shifted_runs(text: str) -> Iterator[tuple[int, int]]:
    """Yield (start, end) of stretches a byte lost from GBK left, ending at a lone trail byte.

    After a lost byte every character pairs the trail byte of one with the lead byte of the
    next, until a trail byte from 0x40 to 0x7E stands alone as ASCII (目蒲腥藛T for 的科研人員).
    The stretch before it, re-read one byte on, must give common characters that make words
    and run on into a word with the character after the trail byte, where the stretch itself
    forms no pair at all.
    """
    pairs = neighbour_pairs()
    for match in _SHIFTED_END.finditer(text):
        k = match.start()
        after = text[k + 1]
        best = None
        for start in range(k - 1, max(-1, k - 1 - _SHIFT_REACH), -1):
            if not _WINDOW.fullmatch(text, start, k):
                break
            try:
                shifted = text[start : k + 1].encode("gbk")[1:].decode("gbk")
            except UnicodeError:
                continue
            if not shifted or not all(_HAN.match(c) and is_common(c) for c in shifted):
                continue
            if start > 0 and text[start - 1 : start + 1] in pairs:
                continue
            if any(text[j : j + 2] in pairs for j in range(start, k - 1)):
                continue
            inner = [shifted[j : j + 2] in pairs for j in range(len(shifted) - 1)]
            if inner and sum(inner) * 2 < len(inner):
                continue
            # The reading runs on into a word past the trail byte, or is long enough to make
            # words of its own (科研人員 before 坐), or ends where the sentence pauses.
            runs_on = shifted[-1] + after in pairs
            if not _HAN.match(after):
                runs_on = sum(inner) >= 1
            if not runs_on and not (len(shifted) >= 3 and sum(inner) >= 2):
                continue
            best = start
        if best is not None and k + 1 - best >= 2:
            yield best, k + 1
