"""Garbled text (乱码) left by decoding with the wrong encoding, repaired where possible.

Three shapes come from copying between old systems:

* UTF-8 bytes read as GBK: rare Chinese characters such as 鍏ㄥ競 (for 全市). Repaired by
  encoding the span as GBK and decoding it as UTF-8.
* UTF-8 or GBK bytes read as Latin-1/Windows-1252: runs such as å·¥ä¼š (工会) or Ö°¹¤
  (职工). Repaired by encoding as Windows-1252 and decoding as UTF-8 or GBK.
* Bytes that could not be decoded at all: U+FFFD (�), 锟斤拷 (U+FFFD's UTF-8 read as GBK),
  and ``?`` standing for a lost character inside Chinese text. Nothing to repair from.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from desktop.proofread.cjk import FULL_PUNCT, HAN
from desktop.proofread.plausible import (
    COMMON_RANK,
    clearly_better,
    is_common,
    neighbour_pairs,
    ranks,
    word_pairs,
)
from desktop.proofread.problem import Finding, ProblemKind, Severity
from desktop.proofread.roundtrip import check_round_trips, oddness

_SERIOUS = Severity.SERIOUS
_KIND = ProblemKind.GARBLED

_LOST = re.compile("\ufffd+|(?:锟斤拷)+|烫{3,}|屯{3,}")
# Characters a Windows-1252 or Latin-1 decoder produces from bytes 0x80-0xFF.
_CP1252_EXTRA = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
_CHINESE_CP1252 = "—…“”‘’"
_LATIN_HIGH = f"[\u0080-\u00ff{_CP1252_EXTRA}]"
# A run of such characters; an ASCII character from 0x40 to 0x7E among them is the trail
# byte of a GBK or Big5 character (ßLÊÕ is 週收's bytes DF 4C CA D5).
_LATIN_RUN = re.compile(f"{_LATIN_HIGH}(?:[\x40-\x7e]?{_LATIN_HIGH})+[\x40-\x7e]?")
# The bytes of two or more GBK or Big5 characters.
_DOUBLE_BYTES = re.compile(rb"(?:[\x81-\xfe][\x40-\x7e\x80-\xfe]){2,}")
_LATIN_LEAD = re.compile("[\u00c2-\u00f4]")
# GBK bytes of a run that would be UTF-8 for two or more characters from U+0800 up.
_UTF8_IN_GBK = re.compile(rb"(?:[\xe2-\xef][\x80-\xbf]{2}){2,}")
_GBK_CANDIDATE = re.compile(f"[{HAN}\u2000-\u33ff\ue000-\uf8ff\ufe30-\ufe4f\uff00-\uffef]{{3,}}")
_QUESTION = re.compile(f"(?<=[{HAN}])\\?+(?=[{HAN}])")
# Bytes of GBK or Big5 text read as UTF-8: ``?`` for the invalid ones, and characters of
# the two-byte UTF-8 range (Latin, Greek, Cyrillic, Hebrew, Arabic ...) or other odd blocks
# for the few that happen to be valid, with ASCII trail bytes between.
_ODD_OUT = (
    "\u0080-\u07ff\u0900-\u0dff\u1e00-\u1eff\u2c00-\u2dff\u2e80-\u2fdf\ua000-\ua9ff"
    "\ue000-\uf8ff\U000f0000-\U0010ffff"
)
_LOST_RUN = re.compile(f"[?{_ODD_OUT}]+(?:[!-~]{{1,2}}[?{_ODD_OUT}]+)*")
_HAN_CHAR = re.compile(f"[{HAN}]")
_CHINESE_EDGE = re.compile(f"[{HAN}{FULL_PUNCT}\u3000-\u303f\uff01-\uff5e]")
_QUESTION_WORDS = "吗呢吧么嘛啊呀否谁哪几嗎麼誰幾"
# After these a run of '?' is emphasis; after these, inside a sentence, a run of four or more
# is the lost bytes of two or more characters (措施，????????。).
_SENTENCE_END = "。！？!?…~～"
_MID_SENTENCE = "，、：；（《“‘—"


def _is_common_chinese(text: str) -> bool:
    """Return whether the text is Chinese of GB2312, or of common 繁體 characters (what a
    repair of real text gives)."""
    if not re.search(f"[{HAN}]", text):
        return False
    try:
        text.encode("gb2312")
    except UnicodeEncodeError:
        return all(is_common(c) or c in FULL_PUNCT for c in text)
    return True


def _latin_bytes(run: str) -> bytes | None:
    """Return the bytes a Windows-1252 (or Latin-1) decoder turned into ``run``."""
    out = bytearray()
    for char in run:
        code = ord(char)
        if code < 0x100:
            out.append(code)  # Latin-1, and the five bytes Windows-1252 leaves undefined
        else:
            try:
                out += char.encode("cp1252")
            except UnicodeEncodeError:
                return None
    return bytes(out)


def _latin_mojibake(text: str) -> Iterator[Finding]:
    """UTF-8 or GBK text that was decoded as Windows-1252 or Latin-1."""
    for match in _LATIN_RUN.finditer(text):
        run = match.group()
        if not _LATIN_LEAD.search(run) and not re.search("[\u00b0-\u00ff]{4}", run):
            continue
        data = _latin_bytes(run)
        if data is None:
            continue
        # Each character was one byte, so byte offsets are character offsets.
        found = False
        for piece in re.finditer(
            rb"(?:[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3})+",
            data,
        ):
            try:
                repaired = piece.group().decode("utf-8")
            except UnicodeDecodeError:
                continue
            if not _is_common_chinese(repaired):
                continue
            found = True
            start = match.start() + piece.start()
            yield Finding(
                _KIND,
                _SERIOUS,
                start,
                start + len(piece.group()),
                f"Garbled text (UTF-8 read as Latin-1); probably {repaired!r}",
                repaired,
            )
        if found:
            continue
        # Windows-1252's dashes, quotes and ellipsis are Chinese punctuation too: at the end
        # of a run they are the text's own (特殊µÄÙRšq¶YÎï¡ª—— ends in a real ——). UTF-8
        # has them as trail bytes (æˆ‘ is 我), so only the GBK and Big5 readings leave them.
        data = data[: len(run.rstrip(_CHINESE_CP1252))]
        for piece in _DOUBLE_BYTES.finditer(data):
            for true in ("gbk", "big5"):
                try:
                    repaired = piece.group().decode(true)
                except UnicodeDecodeError:
                    continue
                if _is_common_chinese(repaired):
                    start = match.start() + piece.start()
                    yield Finding(
                        _KIND,
                        _SERIOUS,
                        start,
                        start + len(piece.group()),
                        f"Garbled text ({true.upper()} read as Latin-1); probably {repaired!r}",
                        repaired,
                    )
                    break


# One Latin-1 character and an ASCII trail byte beside Chinese: one Big5 or GBK character
# read as Latin-1 (太ºC for 太慢). The degree, micro and superscript signs are units (25°C).
_ONE_LATIN = re.compile(
    f"(?<=[{HAN}0-9])[\u00a1-\u00af\u00b4\u00b6-\u00b8\u00ba-\u00fe][\x40-\x7e](?=[{HAN}])"
    f"|(?<=[{HAN}])[\u00a1-\u00af\u00b4\u00b6-\u00b8\u00ba-\u00fe][\x40-\x7e](?=[0-9])"
)


def _one_latin_character(text: str) -> Iterator[Finding]:
    """A Big5 or GBK character read as Latin-1 on its own, between Chinese characters.

    Its two bytes must give a common character that forms a word with a neighbour (细·Q, for
    细想); Latin letters after a sign (°C, ²) are the text's own.
    """
    pairs = neighbour_pairs()
    for match in _ONE_LATIN.finditer(text):
        data = match.group().encode("latin-1")
        start, end = match.span()
        for true in ("big5", "gbk"):
            try:
                char = data.decode(true)
            except UnicodeDecodeError:
                continue
            if not (_HAN_CHAR.fullmatch(char) and is_common(char)):
                continue
            if text[start - 1] + char in pairs or char + text[end] in pairs:
                yield Finding(
                    _KIND,
                    _SERIOUS,
                    start,
                    end,
                    f"Garbled text ({true.upper()} read as Latin-1); probably {char!r}",
                    None,
                )
                break


def _gbk_mojibake(text: str) -> Iterator[Finding]:
    """UTF-8 text that was decoded as GBK or Big5, giving runs of rare Chinese characters."""
    for run_match in _GBK_CANDIDATE.finditer(text):
        for wrong in ("gbk", "big5"):
            found = list(_utf8_in(run_match.group(), run_match.start(), wrong))
            yield from found
            if found:
                break


def _utf8_in(run: str, at: int, wrong: str) -> Iterator[Finding]:
    """UTF-8 text in ``run`` (at ``at`` in the text) that was decoded as ``wrong``."""
    data = run.encode(wrong, errors="replace")
    if not _UTF8_IN_GBK.search(data):
        return
    # Byte offset of every character boundary (one or two bytes a character).
    boundaries = {0: 0}
    offset = 0
    for index, char in enumerate(run, start=1):
        offset += len(char.encode(wrong, errors="replace"))
        boundaries[offset] = index
    pos = 0
    while (found := _UTF8_IN_GBK.search(data, pos)) is not None:
        start, end = found.span()
        if start not in boundaries:
            pos = start + 1  # misaligned: the real sequence may start a byte later
            continue
        # The match may run on into the real text after the garbled stretch (a character of
        # it can look like a UTF-8 sequence): the longest reading of two or more characters
        # that is common Chinese is the garbled part, but then its end is not certain.
        repaired = None
        whole = end
        while end - start >= 6:
            try:
                repaired = data[start:end].decode("utf-8")
            except UnicodeDecodeError:
                repaired = None
            if repaired is not None and _is_common_chinese(repaired):
                break
            repaired = None
            end -= 3
        if repaired is None:
            pos = start + 1
            continue
        # The last UTF-8 byte may share a character with the next, lost, byte.
        aligned = end in boundaries
        if not aligned and end + 1 not in boundaries:
            pos = start + 1
            continue
        last = boundaries[end] if aligned else boundaries[end + 1]
        # UTF-8 of a rare character just before: the garbled stretch begins earlier (閻樺北
        # for 鐘山 before 銆嬫渶 for 》最), so this reading is only part of it.
        first = start
        while first >= 3 and _one_han(data[first - 3 : first]):
            first -= 3
        certain = aligned and end == whole and first == start
        while first not in boundaries:
            first -= 1  # to the start of the character holding that byte
        yield Finding(
            _KIND,
            _SERIOUS,
            at + boundaries[first],
            at + last,
            f"Garbled text (UTF-8 read as {wrong.upper()}); probably {repaired!r}",
            repaired if certain else None,
        )
        pos = end if aligned else end + 1


def _one_han(data: bytes) -> bool:
    """Return whether three bytes are the UTF-8 of one Han character."""
    try:
        return _HAN_CHAR.fullmatch(data.decode("utf-8")) is not None
    except UnicodeDecodeError:
        return False


def _joinable(gap: str) -> bool:
    """Return whether two garbled spans this far apart are one garbled stretch."""
    # Undecodable leftovers between repaired pieces are short and are never punctuation.
    return len(gap) <= 3 and not any(c.isspace() or c in "，。、；：？！" for c in gap)


def _merged(text: str, findings: list[Finding]) -> Iterator[Finding]:
    """Join garbled spans that touch or are a few undecodable characters apart."""
    group: list[Finding] = []
    for finding in sorted(findings, key=lambda f: (f.start, f.end)):
        end = max(f.end for f in group) if group else 0
        if group and not _joinable(text[end : finding.start]):
            yield _join(group)
            group = []
        group.append(finding)
    if group:
        yield _join(group)


def _join(group: list[Finding]) -> Finding:
    if len(group) == 1:
        return group[0]
    start, end = group[0].start, max(f.end for f in group)
    pieces: list[str] = []
    fixable = True
    pos = start
    for finding in group:
        if finding.start < pos:
            continue  # inside a span already taken
        if finding.start > pos:
            pieces.append("?")
            fixable = False
        pieces.append(finding.suggestion if finding.suggestion is not None else "?")
        fixable = fixable and finding.suggestion is not None
        pos = finding.end
    severity = max((f.severity for f in group), key=lambda s: s is Severity.SERIOUS)
    guess = "".join(pieces)
    message = f"Garbled text; probably {guess!r}" if guess.strip("?") else group[0].message
    return Finding(_KIND, severity, start, end, message, guess if fixable else None)


def check_garbled(text: str) -> Iterator[Finding]:
    """Yield every garbled span in ``text``, neighbouring spans joined.

    A repair is offered only when it is certain; otherwise the span is flagged with no fix.
    """
    findings = list(_garbled(text))
    spans = list(findings if len(findings) < 2 else _merged(text, findings))
    # One '?' between Chinese characters with nothing garbled beside it is not garbled
    # text: a wrong decoding of two or more characters leaves more than one odd character,
    # and the one character a lone '?' may stand for cannot be told from a half-width
    # question mark (音?一般), which the typography check reports.
    spans = [f for f in spans if f.severity is not Severity.MINOR]
    for k, finding in enumerate(spans):
        if _beside_other(text, spans, k):
            if finding.suggestion is not None:
                yield _uncertain(finding)
            else:
                yield finding
            continue
        if finding.suggestion is None and finding.severity is _SERIOUS:
            # Pieces repaired one by one may leave gaps that the whole span's bytes fill.
            whole = _one_reading(text, finding)
            if whole is not None:
                message = f"Garbled text; probably {whole!r}"
                finding = Finding(_KIND, _SERIOUS, finding.start, finding.end, message, whole)
        if finding.suggestion is None or _certain(text, finding):
            yield finding
        else:
            yield _uncertain(finding)


def _uncertain(finding: Finding) -> Finding:
    """Return the garbled span flagged with no repair."""
    return Finding(
        _KIND,
        _SERIOUS,
        finding.start,
        finding.end,
        "Garbled text: a wrong encoding left these characters, and the original "
        "cannot be recovered for certain",
        None,
    )


def _beside_other(text: str, spans: list[Finding], k: int) -> bool:
    """Return whether another garbled span is only spaces and a little ASCII away from
    ``spans[k]``: then the garbled stretch runs across them, and the repair of one part is
    not certain (鎷滀簡 杩樻病, for 拜了 还没)."""
    here = spans[k]
    for other in spans[max(0, k - 1) : k] + spans[k + 1 : k + 2]:
        gap = (
            text[other.end : here.start]
            if other.end <= here.start
            else text[here.end : other.start]
        )
        if len(gap) <= 4 and gap.isascii():
            return True
    return False


_CONTEXT = 3  # characters either side of a span that a repair must read well with
# A lower-case letter, or a capital after a Han character, in a repair: a GBK or Big5 trail
# byte read on its own, so the repair is one byte out of step (炀Z， for 掛綵，).
_TRAIL_LETTER = re.compile(f"[a-z]|(?<=[{HAN}])[A-Z]")
_REPAIRED = re.compile(f"[{HAN}0-9A-Za-z，。、；：？！“”‘’（）《》—…·\uff01-\uff5e]+")


def _certain(text: str, finding: Finding) -> bool:
    """Return whether the repair is certain: clean Chinese that reads far better in place.

    The repair must be exactly what the span's bytes give through one round trip (no byte
    dropped, no ``?`` or replacement character, no Latin letters among the Chinese), the
    characters touching the span must read well beside it (the garbled stretch would go on
    past the repair otherwise), and the repaired text must read as Chinese prose clearly
    better than the damaged text does.
    """
    repaired = finding.suggestion
    if not repaired or not _REPAIRED.fullmatch(repaired) or _TRAIL_LETTER.search(repaired):
        return False
    start, end = finding.start, finding.end
    span = text[start:end]
    before = text[max(0, start - _CONTEXT) : start].rsplit("\n", 1)[-1]
    after = text[end : end + _CONTEXT].split("\n", 1)[0]
    if not _accounts_for(span, repaired, before, after):
        return False
    if start > 0 and not _fits(repaired[0], text, start - 1, -1):
        return False
    if end < len(text) and not _fits(repaired[-1], text, end, 1):
        return False
    return clearly_better(before, span, repaired, after)


def _one_reading(text: str, finding: Finding) -> str | None:
    """Return the one re-reading of the span's bytes that reads as Chinese in place, if any."""
    start, end = finding.start, finding.end
    before = text[max(0, start - _CONTEXT) : start].rsplit("\n", 1)[-1]
    after = text[end : end + _CONTEXT].split("\n", 1)[0]
    good = set(_good_readings(text[start:end], before, after))
    return good.pop() if len(good) == 1 else None


def _good_readings(span: str, before: str, after: str) -> Iterator[str]:
    """Yield every strict re-reading of ``span``'s bytes that reads far better in place."""
    readings: list[tuple[bytes, tuple[str, ...]]] = []
    latin = _latin_bytes(span)
    if latin is not None:
        readings.append((latin, ("utf-8", "gbk", "big5")))
    for wrong in ("gbk", "big5"):
        try:
            # Chinese read as the other Chinese encoding gives ordinary characters either
            # way, so only a UTF-8 reading of Chinese characters' bytes can be certain.
            readings.append((span.encode(wrong), ("utf-8",)))
        except UnicodeEncodeError:
            continue
    for data, trues in readings:
        for true in trues:
            try:
                reading = data.decode(true)
            except UnicodeDecodeError:
                continue
            if clearly_better(before, span, reading, after):
                yield reading


def _accounts_for(span: str, repaired: str, before: str, after: str) -> bool:
    """Return whether ``repaired`` is the one reading of every byte of ``span`` that reads well.

    The bytes of a run of Latin-1 characters, or of Chinese characters read as UTF-8, are
    re-read strictly; exactly one reading may read as Chinese prose, and it must be the
    repair. Chinese read as the other Chinese encoding (GBK as Big5 and back) gives ordinary
    characters either way, so such a repair is never certain.
    """
    return set(_good_readings(span, before, after)) == {repaired}


_PUNCT = FULL_PUNCT.replace("·", "")


def _fits(edge: str, text: str, i: int, step: int) -> bool:
    """Return whether ``text[i]``, beside a repair ending in ``edge``, reads well there.

    ``step`` is -1 for the neighbour before the repair, 1 for the one after it. A neighbour
    that a wrong decoding may also leave (an ASCII trail byte, Windows-1252 punctuation)
    fits only if what lies beyond it is plain; a Han neighbour must form a word with the
    repair or with the character beyond it, or be one of the commonest characters.
    """
    neighbour = text[i]
    if oddness(text, i) or not _PLAIN.match(neighbour):
        return False
    if neighbour.isascii() and _garbled_beyond(text, i, step):
        return False  # 控ÖÆpptµÄ²¥: the garbled stretch goes on past a word
    beyond = text[i + step] if 0 <= i + step < len(text) else ""
    if beyond and oddness(text, i + step):
        return False  # the garbled stretch goes on past a space or a mark
    if neighbour in _CP1252_EXTRA:
        # Windows-1252 punctuation among bytes read one to a character: Chinese beyond it.
        return not beyond or bool(re.match(f"[{HAN}\\s{_PUNCT}]", beyond))
    if neighbour.isascii() and not neighbour.isspace():
        # An ASCII trail byte: the run of bytes read one to a character may go on past it.
        return not beyond or (bool(_PLAIN.match(beyond)) and beyond not in _CP1252_EXTRA)
    if not re.match(f"[{HAN}]", neighbour):
        return True
    pair = neighbour + edge if step < 0 else edge + neighbour
    if re.match(f"[{HAN}]", edge) and pair in word_pairs():
        return True
    if ranks().get(neighbour, COMMON_RANK) < _FUNCTION_RANK:
        return True
    # A real neighbour belongs to a word on its far side; leftover garble forms none.
    far = beyond + neighbour if step < 0 else neighbour + beyond
    return far in word_pairs()


def _garbled_beyond(text: str, i: int, step: int) -> bool:
    """Return whether the garbled stretch may go on past the ASCII from ``text[i]`` on.

    Past a word, digits or spaces there may stand a character a Windows-1252 or Latin-1
    decoding leaves (控ÖÆpptµÄ²¥), a rare character, or one beside a lost byte (寰呴亣, 寰�);
    a '?' among the ASCII is a lost byte itself (鍐? 缃戠珯).
    """
    for _ in range(16):
        if not 0 <= i < len(text) or not text[i].isascii():
            break
        if text[i] == "?":
            return True
        i += step
    else:
        return False
    # The first three characters past it: the stretch beyond may hold its lost bytes a
    # character or two in (承璜剧殑5-6澶╅?侀仈, for 承諾的5-6天送達).
    for _ in range(3):
        if not 0 <= i < len(text) or text[i].isspace():
            return False
        if re.match(f"[\u0080-\u00ff{_CP1252_EXTRA}\ufffd?]", text[i]) or oddness(text, i):
            return True
        i += step
    return False


# What may stand beside a certain repair: Chinese, ASCII and Chinese punctuation.
# (Not the middle dot: it is Latin-1's 0xB7, a Big5 lead byte.)
_PLAIN = re.compile(f"[{HAN}\x00-\x7f{_PUNCT}\u3000-\u3002\uff01-\uff5e]")
#: Characters this common (的, 了, 在 ...) stand beside any word.
_FUNCTION_RANK = 200


def _garbled(text: str) -> Iterator[Finding]:
    for match in _LOST.finditer(text):
        yield Finding(
            _KIND,
            _SERIOUS,
            match.start(),
            match.end(),
            "Garbled text: characters were lost when the text was copied",
            None,
        )
    for match in _QUESTION.finditer(text):
        if text[match.start() - 1] in _QUESTION_WORDS:
            continue  # a half-width question mark, left to the typography check
        # One '?' alone is a minor finding that check_garbled keeps only as part of a
        # garbled stretch beside it.
        yield Finding(
            _KIND,
            _SERIOUS if len(match.group()) > 1 else Severity.MINOR,
            match.start(),
            match.end(),
            "A '?' inside Chinese text often stands for a character lost in a copy",
            None,
        )
    if not text.isascii():
        yield from _lost_runs(text)
        yield from _latin_mojibake(text)
        yield from _one_latin_character(text)
        yield from _gbk_mojibake(text)
        yield from check_round_trips(text)


def _lost_runs(text: str) -> Iterator[Finding]:
    """Runs of ``?`` and odd characters beside Chinese: GBK or Big5 bytes read as UTF-8."""
    for match in _LOST_RUN.finditer(text):
        run = match.group()
        marks = run.count("?")
        odd = sum(1 for c in run if c != "?" and not c.isascii())
        if not marks or len(run) < 2 or (marks < 2 and not odd):
            continue
        if _QUESTION.fullmatch(run):
            continue  # between two Han characters: the check of lone question marks has it
        start, end = match.span()
        before = text[start - 1] if start else ""
        after = text[end] if end < len(text) else ""
        if not (_CHINESE_EDGE.match(before) or _CHINESE_EDGE.match(after)):
            continue
        if not odd and run.strip("?") == "":
            if before and before in _QUESTION_WORDS + _SENTENCE_END:
                continue  # 真的吗?? and 太小了！?? are emphasis
            beside_marks = before and not _HAN_CHAR.match(before) and not _HAN_CHAR.match(after)
            if beside_marks and (before not in _MID_SENTENCE or len(run) < 4):
                continue  # ?? beside punctuation only: more likely emphasis than a loss
        yield Finding(
            _KIND,
            _SERIOUS,
            start,
            end,
            "Garbled text: characters were lost when the text was copied",
            None,
        )
