"""Typography of Chinese text in the office's style: full-width punctuation, quotes, spaces.

autocorrect-py (the Rust ``autocorrect`` linter) does the context-sensitive part: half-width
``, . : ! ?`` beside Chinese characters, spaces around full-width punctuation and full-width
letters or digits. Its spacing rules are switched off because they *add* a space between
Chinese and Latin text or digits, which this office's style forbids. Our own rules cover
what it leaves alone: ``;``, brackets, quotes, dashes, ellipses, doubled punctuation, spaces
between Chinese characters and the office's no-space-before-digits rule.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
import threading
from collections.abc import Iterator

import autocorrect_py

from desktop.proofread.cjk import FULL_PUNCT, HAN, has_han
from desktop.proofread.problem import Field, Finding, ProblemKind, Severity

#: autocorrect configuration: every rule named, so a newer default cannot switch one on.
AUTOCORRECT_CONFIG = """
rules:
  space-word: 0
  space-punctuation: 0
  space-bracket: 0
  space-backticks: 0
  space-dash: 0
  space-dollar: 0
  fullwidth: 1
  no-space-fullwidth: 1
  no-space-fullwidth-quote: 1
  halfwidth-word: 1
  halfwidth-punctuation: 1
  spellcheck: 0
"""

_configured = False
_config_lock = threading.Lock()


def _autocorrect_ready() -> None:
    """Load our configuration into autocorrect once (its configuration is process-wide)."""
    global _configured
    if not _configured:
        with _config_lock:
            if not _configured:
                autocorrect_py.load_config(AUTOCORRECT_CONFIG)  # type: ignore[attr-defined]
                _configured = True


_MINOR = Severity.MINOR
_SPACES = "[ \t\u00a0\u3000]+"
_FULL_ALNUM = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")


#: Longest piece handed to autocorrect at once: its parser gives up ("call limit reached") on
#: texts of a few hundred thousand characters, so long articles are checked in pieces.
PIECE_CHARS = 20_000
# Where a piece may end: after a line break, else after a sentence's full stop.
_PIECE_END = re.compile("\n|(?<=[。！？；])")


def _pieces(text: str) -> Iterator[tuple[int, str]]:
    """Yield (offset, piece) of ``text`` in pieces of at most about ``PIECE_CHARS``."""
    start = 0
    while len(text) - start > PIECE_CHARS:
        window = text[start : start + PIECE_CHARS]
        ends = [m.end() for m in _PIECE_END.finditer(window) if m.end() > PIECE_CHARS // 2]
        end = start + (ends[-1] if ends else PIECE_CHARS)
        yield start, text[start:end]
        start = end
    yield start, text[start:]


def _autocorrect(text: str) -> Iterator[Finding]:
    """Run autocorrect over ``text`` piece by piece, findings in the text's offsets."""
    for offset, piece in _pieces(text):
        for finding in _autocorrect_piece(piece):
            yield dataclasses.replace(
                finding, start=finding.start + offset, end=finding.end + offset
            )


#: How far ``local_edits`` looks for the texts to agree again after a difference, and how
#: many characters must agree for that.
_LOOKAHEAD = 4
_AGREE = 2


def local_edits(old: str, new: str) -> list[tuple[int, int, int, int]]:
    """Return the edits (old start, old end, new start, new end) that turn ``old`` into ``new``.

    autocorrect changes a line in small, separate places (a comma made full-width, a space
    taken out), so the two texts are walked side by side and re-aligned after each difference,
    in linear time; difflib's matcher took seconds on a long paragraph with many commas.
    Falls back to difflib for the rest of a line when no re-alignment is found nearby.
    """
    edits: list[tuple[int, int, int, int]] = []
    i = j = 0
    while i < len(old) and j < len(new):
        if old[i] == new[j]:
            i += 1
            j += 1
            continue
        step = _realign(old, new, i, j)
        if step is None:
            matcher = difflib.SequenceMatcher(None, old[i:], new[j:], autojunk=False)
            edits += [
                (i + a1, i + a2, j + b1, j + b2)
                for op, a1, a2, b1, b2 in matcher.get_opcodes()
                if op != "equal"
            ]
            return edits
        edits.append((i, i + step[0], j, j + step[1]))
        i, j = i + step[0], j + step[1]
    if i < len(old) or j < len(new):
        edits.append((i, len(old), j, len(new)))
    return edits


def _realign(old: str, new: str, i: int, j: int) -> tuple[int, int] | None:
    """Return the smallest (skip in old, skip in new) after which the texts agree again."""
    for total in range(1, 2 * _LOOKAHEAD + 1):
        for a in range(max(0, total - _LOOKAHEAD), min(total, _LOOKAHEAD) + 1):
            b = total - a
            rest = min(_AGREE, len(old) - i - a, len(new) - j - b)
            if rest < 0:
                continue
            if old[i + a : i + a + rest] == new[j + b : j + b + rest] and (
                rest == _AGREE or (i + a + rest == len(old) and j + b + rest == len(new))
            ):
                return a, b
    return None


def _autocorrect_piece(text: str) -> Iterator[Finding]:
    """Turn autocorrect's corrected lines into one finding per changed span."""
    if not text.strip():
        return
    _autocorrect_ready()
    result = autocorrect_py.lint_for(text, "text")
    if not result.lines:
        return
    starts = [0]
    for line in text.split("\n")[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    for changed in result.lines:
        if not 1 <= changed.line <= len(starts):
            continue
        line_start = starts[changed.line - 1]
        line_end = starts[changed.line] - 1 if changed.line < len(starts) else len(text)
        # ``col`` does not count leading spaces autocorrect stripped: find the text instead.
        at = text.find(changed.old, line_start + max(changed.col - 1, 0) - 8, line_end)
        if at < 0:
            at = text.find(changed.old, line_start, line_end)
        if at < 0:
            continue
        for i1, i2, j1, j2 in local_edits(changed.old, changed.new):
            old, new = changed.old[i1:i2], changed.new[j1:j2]
            if i1 == i2:  # a pure insertion: attach it to the character before
                if i1 == 0:
                    continue
                i1, old, new = i1 - 1, changed.old[i1 - 1], changed.old[i1 - 1] + new
            if not old.strip():
                kind, message = ProblemKind.SPACE, "Space beside full-width punctuation"
            elif _FULL_ALNUM.search(old):
                kind = ProblemKind.FULL_WIDTH_ALPHANUMERIC
                message = "Full-width letters or digits; use half-width ones"
            else:
                kind = ProblemKind.HALF_WIDTH_PUNCTUATION
                message = f"Half-width {old.strip()!r} in Chinese text; use {new.strip()!r}"
            yield Finding(kind, _MINOR, at + i1, at + i1 + len(old), message, new)


_SEMICOLON = re.compile(f"(?<=[{HAN}]);|;(?=[{HAN}])")
_HAN_SPACE = re.compile(f"(?<=[{HAN}]){_SPACES}(?=[{HAN}])")
_HAN_SPACES_2 = re.compile(f"(?<=[{HAN}])(?:[ \t\u00a0]{{2,}}|\u3000+)(?=[{HAN}])")
_DIGIT_SPACE = re.compile(f"(?<=[{HAN}]){_SPACES}(?=\\d)|(?<=[\\d%‰]){_SPACES}(?=[{HAN}])")
_DOUBLED = re.compile("[，。、；：]{2,}|([？！])\\1+")
_ELLIPSIS = re.compile("(?<!…)(?:…|…{3})(?!…)|\\.{3,}|。{3,}|·{3,}")
_DASH = re.compile("(?<!—)(?:—|—{3})(?!—)|-{2,}|－+|─+")
_HAN_OR_PUNCT = re.compile(f"[{HAN}{FULL_PUNCT}]")

_BRACKETS = {"(": ")", "（": "）", "《": "》", "【": "】", "〔": "〕"}
_CLOSERS = {close: open_ for open_, close in _BRACKETS.items()}
_FAMILY = {"(": "round", "（": "round", ")": "round", "）": "round"}
_BRACKET_CHARS = re.compile("[()（）《》【】〔〕]")


def _han_beside(text: str, start: int, end: int) -> bool:
    """Return whether a Chinese character or full-width mark touches the span."""
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    return bool(_HAN_OR_PUNCT.match(before) or _HAN_OR_PUNCT.match(after))


def _punctuation(text: str) -> Iterator[Finding]:
    """Half-width semicolons, doubled punctuation, dashes and ellipses."""
    for m in _SEMICOLON.finditer(text):
        yield Finding(
            ProblemKind.HALF_WIDTH_PUNCTUATION,
            _MINOR,
            m.start(),
            m.end(),
            "Half-width ';' in Chinese text; use '；'",
            "；",
        )
    for m in _DOUBLED.finditer(text):
        run = m.group()
        if set(run) == {"。"} and len(run) >= 3:
            continue  # an ellipsis typed as full stops: reported below
        fix = "。" if "。" in run else run[0]
        yield Finding(
            ProblemKind.DOUBLED_PUNCTUATION,
            _MINOR,
            m.start(),
            m.end(),
            f"Doubled punctuation {run!r}",
            fix,
        )
    for pattern, right, what in ((_ELLIPSIS, "……", "ellipsis"), (_DASH, "——", "dash")):
        for m in pattern.finditer(text):
            if not _han_beside(text, m.start(), m.end()):
                continue
            yield Finding(
                ProblemKind.DASH_ELLIPSIS,
                _MINOR,
                m.start(),
                m.end(),
                f"Use the Chinese {what} {right!r} instead of {m.group()!r}",
                right,
            )


def _spaces(text: str, field: Field) -> Iterator[Finding]:
    """Spaces between Chinese characters, and between Chinese characters and digits."""
    # Headlines and bylines separate phrases with one space ("凝心聚力 建功立业").
    headline = field in (Field.KICKER, Field.TITLE, Field.SUBTITLE, Field.AUTHOR, Field.SOURCE)
    for m in (_HAN_SPACES_2 if headline else _HAN_SPACE).finditer(text):
        yield Finding(
            ProblemKind.SPACE,
            _MINOR,
            m.start(),
            m.end(),
            "Space between Chinese characters",
            "",
        )
    for m in _DIGIT_SPACE.finditer(text):
        yield Finding(
            ProblemKind.SPACE_BEFORE_DIGIT,
            _MINOR,
            m.start(),
            m.end(),
            "No space between Chinese characters and digits in this office's style",
            "",
        )


def _brackets(text: str) -> Iterator[Finding]:
    """Unbalanced brackets and half-width round brackets around Chinese text."""
    stacks: dict[str, list[int]] = {}
    for m in _BRACKET_CHARS.finditer(text):
        char, at = m.group(), m.start()
        family = _FAMILY.get(char, _CLOSERS.get(char, char))
        if char in _BRACKETS:
            stacks.setdefault(family, []).append(at)
            continue
        stack = stacks.get(family)
        if not stack:
            yield Finding(
                ProblemKind.BRACKETS,
                _MINOR,
                at,
                at + 1,
                f"Closing {char!r} without an opening",
                None,
            )
            continue
        opened = stack.pop()
        if family != "round":
            continue
        opener = text[opened]
        chinese = has_han(text[opened + 1 : at]) or bool(
            opened > 0 and _HAN_OR_PUNCT.match(text[opened - 1])
        )
        for pos, mark, full in ((opened, opener, "（"), (at, char, "）")):
            if chinese and mark in "()":
                yield Finding(
                    ProblemKind.BRACKETS,
                    _MINOR,
                    pos,
                    pos + 1,
                    f"Half-width bracket {mark!r} around Chinese text; use {full!r}",
                    full,
                )
            elif not chinese and mark in "（）" and (opener in "()" or char in "()"):
                half = "(" if mark == "（" else ")"
                yield Finding(
                    ProblemKind.BRACKETS,
                    _MINOR,
                    pos,
                    pos + 1,
                    f"Mismatched brackets; use {half!r}",
                    half,
                )
    for stack in stacks.values():
        for at in stack:
            yield Finding(
                ProblemKind.BRACKETS, _MINOR, at, at + 1, f"{text[at]!r} is never closed", None
            )


_DOUBLE_QUOTES = re.compile('["“”]')
_SINGLE_QUOTES = re.compile("['‘’]")
_LATIN = re.compile("[A-Za-z0-9]")


def _quotes_in_line(text: str, start: int, end: int) -> Iterator[Finding]:
    """Check that quotes in one paragraph pair up as opening and closing Chinese quotes."""
    for pattern, straight, opening, closing in (
        (_DOUBLE_QUOTES, '"', "“", "”"),
        (_SINGLE_QUOTES, "'", "‘", "’"),
    ):
        marks = [m.start() for m in pattern.finditer(text, start, end)]
        if not marks:
            continue
        if straight == "'":
            # An apostrophe (don't, it’s) is not a quote; neither is a prime after a digit.
            marks = [
                p
                for p in marks
                if not (
                    p > start
                    and p + 1 < end
                    and _LATIN.match(text[p - 1])
                    and _LATIN.match(text[p + 1] if p + 1 < len(text) else "")
                )
                and not (text[p] == "'" and p > start and text[p - 1].isdigit())
            ]
        # Straight quotes around text with no Chinese belong to English: leave those pairs.
        kept: list[int] = []
        straight_run = [p for p in marks if text[p] == straight]
        english: set[int] = set()
        for a, b in zip(straight_run[::2], straight_run[1::2], strict=False):
            inner = text[a + 1 : b]
            if not has_han(inner) and not _han_beside(text, a, a) and closing not in inner:
                english.update((a, b))
        kept = [p for p in marks if p not in english]
        if not kept:
            continue
        if len(kept) % 2:
            last = kept[-1]
            yield Finding(
                ProblemKind.QUOTES,
                _MINOR,
                last,
                last + 1,
                "Unbalanced quotation marks in this paragraph",
                None,
            )
            for p in kept[:-1]:
                if text[p] == straight:
                    yield Finding(
                        ProblemKind.QUOTES,
                        _MINOR,
                        p,
                        p + 1,
                        "Half-width quotation mark in Chinese text",
                        None,
                    )
            continue
        for index, p in enumerate(kept):
            expected = opening if index % 2 == 0 else closing
            if text[p] != expected:
                what = "Half-width" if text[p] == straight else "Wrong-way"
                yield Finding(
                    ProblemKind.QUOTES,
                    _MINOR,
                    p,
                    p + 1,
                    f"{what} quotation mark; use {expected!r}",
                    expected,
                )


def _quotes(text: str) -> Iterator[Finding]:
    """Check quotes paragraph by paragraph (a line of the checkable text)."""
    start = 0
    while start <= len(text):
        end = text.find("\n", start)
        if end < 0:
            end = len(text)
        if end > start:
            yield from _quotes_in_line(text, start, end)
        start = end + 1


def check_typography(text: str, field: Field) -> Iterator[Finding]:
    """Yield every typography finding in ``text`` (one field's checkable text)."""
    yield from _autocorrect(text)
    yield from _punctuation(text)
    yield from _spaces(text, field)
    yield from _brackets(text)
    yield from _quotes(text)
