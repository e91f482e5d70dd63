"""Near misses of protected names: one wrong character in the country's or a body's name.

A site inspection fails a whole site for one serious wording error (严重表述错误). The terms
come from a shipped list (``resources/wordlists/protected-terms.txt``), the site settings and
the office word list. A near miss is a term with one character replaced by a homophone
(pypinyin) or a look-alike (the same four-corner code, or the same left or right half of it),
one character missing, doubled or extra inside it, or two neighbours swapped.

Matching uses one Aho–Corasick automaton (pyahocorasick). A term of four or more characters
is found through its two halves: one edit leaves one half intact, so every place a half
occurs is compared with the term there. Shorter terms and swaps are listed as explicit
variants, which keeps the automaton small enough for thousands of terms.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, cached_property

import ahocorasick
import opencc

from desktop.proofread.problem import Finding, ProblemKind, Severity
from desktop.resources import resource_path

_HAN = re.compile("[\u3400-\u9fff]")
#: Characters rarer than this (in the shipped frequency list) are not tried as substitutes.
_VARIANT_RANK = 6000
_KIND = ProblemKind.PROTECTED_NAME


@cache
def _four_corner() -> dict[str, str]:
    """Return the four-corner code (四角号码) of every common Han character."""
    text = resource_path("proofread", "four-corner.txt").read_text("utf-8")
    pairs = (ln.split("\t") for ln in text.splitlines() if ln and not ln.startswith("#"))
    return {char: code[:4] for char, code in pairs}


@cache
def _readings(char: str) -> frozenset[str]:
    """Return the toneless readings of a character (every reading of a heteronym)."""
    # Imported here: loading pypinyin's dictionaries takes most of a second, and every
    # command (an export too) imports the proofreader through the store.
    from pypinyin import Style, pinyin

    return frozenset(pinyin(char, style=Style.NORMAL, heteronym=True)[0])


def homophones(a: str, b: str) -> bool:
    """Return whether two characters share a reading, tones aside (和 and 合)."""
    return a != b and bool(_readings(a) & _readings(b)) and bool(_HAN.match(b))


def look_alike(a: str, b: str, strict: bool = False) -> bool:
    """Return whether two characters look alike by their four-corner codes (四角号码).

    The same code (政 and 攻), or, unless ``strict``, three of the four corners the same and
    none of those three an empty corner (除 and 险 share 阝 and most of the right part).
    """
    codes = _four_corner()
    ca, cb = codes.get(a), codes.get(b)
    if a == b or ca is None or cb is None:
        return False
    if ca == cb:
        return True
    if strict:
        return False
    same = [x for x, y in zip(ca, cb, strict=True) if x == y]
    return len(same) == 3 and "0" not in same


def similar(a: str, b: str, strict: bool = False) -> bool:
    """Return whether ``b`` in place of ``a`` is a homophone or look-alike substitution."""
    if strict:
        return look_alike(a, b, strict=True)
    return homophones(a, b) or look_alike(a, b)


@cache
def _substitutes(char: str, strict: bool) -> tuple[str, ...]:
    """Return the common characters that may stand in for ``char`` by mistake."""
    by_reading, by_code = _indexes()
    code = _four_corner().get(char)
    found: set[str] = set()
    if code is not None:
        found.update(by_code.get(("all", code), ()))
        if not strict:
            for k in range(4):
                found.update(by_code.get((str(k), code[:k] + "_" + code[k + 1 :]), ()))
    if not strict:
        for reading in _readings(char):
            found.update(by_reading.get(reading, ()))
    found.discard(char)
    return tuple(sorted(found))


@cache
def _indexes() -> tuple[dict[str, list[str]], dict[tuple[str, str], list[str]]]:
    """Return the common characters by toneless reading and by (part of) four-corner code."""
    by_reading: dict[str, list[str]] = {}
    by_code: dict[tuple[str, str], list[str]] = {}
    codes = _four_corner()
    for char in _common_chars():
        for reading in _readings(char):
            by_reading.setdefault(reading, []).append(char)
        code = codes.get(char)
        if code is not None:
            by_code.setdefault(("all", code), []).append(char)
            for k in range(4):
                by_code.setdefault((str(k), code[:k] + "_" + code[k + 1 :]), []).append(char)
    return by_reading, by_code


@cache
def _common_chars() -> str:
    text = resource_path("proofread", "char-frequency.txt").read_text("utf-8")
    chars = "".join(ln for ln in text.splitlines() if not ln.startswith("#"))
    return chars[:_VARIANT_RANK]


def _edit(term: str, window: str) -> str | None:
    """Return which one-character edit turns ``term`` into ``window``, or None."""
    n, w = len(term), len(window)
    if w == n:
        diff = [i for i in range(n) if term[i] != window[i]]
        if len(diff) == 1:
            k = diff[0]
            return "substituted" if similar(term[k], window[k], n <= 3) else None
        if len(diff) == 2 and diff[1] == diff[0] + 1 and n >= 3:
            k = diff[0]
            swapped = term[k] == window[k + 1] and term[k + 1] == window[k]
            return "swapped" if swapped else None
        return None
    if w == n - 1 and n >= 6:
        for k in range(1, n - 1):  # only inside: a term cut at its ends is another word
            if term[:k] + term[k + 1 :] == window:
                return "missing"
        return None
    if w == n + 1 and n >= 3:
        for k in range(1, n):
            if window[:k] + window[k + 1 :] == term and _HAN.match(window[k]):
                doubled = window[k] in (window[k - 1], window[k + 1])
                return "doubled" if doubled else "extra" if n >= 6 else None
    return None


def _far_end_fits(text: str, key_start: int, how: str, term: str) -> bool:
    """Return whether the far end of a window around an intact half can match ``term``.

    One edit inside a term leaves its last character in place (or the one before it, for a
    change of the last character; the two swapped); so near the end of any window anchored
    on the left half, ``term[-1]`` or ``term[-2]`` must stand, and likewise ``term[0]`` or
    ``term[1]`` near the start of one anchored on the right half. Checking four characters
    there spares the windows of most terms that merely share a half (总工会, 人民政府).
    """
    n = len(term)
    if how == "left":
        region = text[key_start + n - 3 : key_start + n + 1]
        return term[-1] in region or term[-2] in region
    anchor_end = key_start + n - n // 2
    region = text[max(0, anchor_end - n - 1) : anchor_end - n + 3]
    return term[0] in region or term[1] in region


@dataclass(frozen=True)
class ProtectedTerms:
    """Names that must be written exactly; ``find`` reports their near misses as serious."""

    terms: tuple[str, ...] = ()

    @cached_property
    def _automaton(self) -> ahocorasick.Automaton | None:
        """Return the automaton of exact terms, term halves and explicit variants."""
        entries: dict[str, list[tuple[str, str, int]]] = {}
        terms = {t for t in self.terms if len(t) >= 2 and _HAN.search(t)}
        for term in terms:
            entries.setdefault(term, []).append(("exact", term, 0))
            n = len(term)
            if n >= 4:
                m = n // 2
                entries.setdefault(term[:m], []).append(("left", term, 0))
                entries.setdefault(term[m:], []).append(("right", term, m))
            else:
                for k, char in enumerate(term):
                    for sub in _substitutes(char, True):
                        variant = term[:k] + sub + term[k + 1 :]
                        entries.setdefault(variant, []).append(("variant", term, 0))
                    if n == 3:
                        doubled = term[: k + 1] + char + term[k + 1 :]
                        entries.setdefault(doubled, []).append(("variant", term, 0))
            for k in range(n - 1):
                if term[k] != term[k + 1] and n >= 3:
                    swap = term[:k] + term[k + 1] + term[k] + term[k + 2 :]
                    entries.setdefault(swap, []).append(("variant", term, 0))
        if not entries:
            return None
        automaton = ahocorasick.Automaton()
        for key, value in entries.items():
            automaton.add_word(key, (key, tuple(value)))
        automaton.make_automaton()
        return automaton

    def with_terms(self, more: Iterable[str]) -> ProtectedTerms:
        """Return a list with ``more`` terms added (site names, the office's names)."""
        extra = tuple(t.strip() for t in more if t and t.strip())
        return ProtectedTerms(tuple(dict.fromkeys((*self.terms, *extra))))

    def find(self, text: str) -> Iterator[Finding]:
        """Yield a serious finding for every near miss of a protected term in ``text``."""
        automaton = self._automaton
        if automaton is None or not _HAN.search(text):
            return
        exact: list[tuple[int, int, str]] = []
        candidates: list[tuple[int, int, str]] = []
        for last, (key, uses) in automaton.iter(text):
            start = last + 1 - len(key)
            for how, term, _offset in uses:
                if how == "exact":
                    exact.append((start, last + 1, term))
                elif how == "variant":
                    if key not in self._term_set:
                        candidates.append((start, last + 1, term))
                elif _far_end_fits(text, start, how, term):
                    candidates.extend(self._windows(text, start, how, term))
        yield from self._near_misses(text, exact, candidates)

    @cached_property
    def _term_set(self) -> frozenset[str]:
        return frozenset(self.terms)

    @staticmethod
    def _windows(text: str, key_start: int, how: str, term: str) -> Iterator[tuple[int, int, str]]:
        """Yield the places around an intact half of ``term`` that are one edit from it."""
        n = len(term)
        # A left half starts the window; a right half ends it.
        anchor_end = key_start + n - n // 2
        for length in (n - 1, n, n + 1):
            start, end = (
                (key_start, key_start + length)
                if how == "left"
                else (
                    anchor_end - length,
                    anchor_end,
                )
            )
            if start < 0 or end > len(text):
                continue
            window = text[start:end]
            if window != term and _edit(term, window) is not None:
                yield start, end, term

    def _near_misses(
        self,
        text: str,
        exact: list[tuple[int, int, str]],
        candidates: list[tuple[int, int, str]],
    ) -> Iterator[Finding]:
        seen: set[tuple[int, int]] = set()
        taken: list[tuple[int, int]] = []
        for start, end, term in sorted(candidates, key=lambda c: (c[0], -(c[1] - c[0]))):
            if (start, end) in seen or any(s < end and start < e for s, e in taken):
                continue
            if any(
                (t == term and s < end and start < e) or (s <= start and end <= e and t != term)
                for s, e, t in exact
            ):
                continue  # the term itself is there, or the text is another term's part
            window = text[start:end]
            if window in self._term_set or _traditional(window) == term:
                continue  # another protected term (市总工会 beside 县总工会), or its 繁體 form
            how = _edit(term, window)
            if how is None:
                continue
            seen.add((start, end))
            taken.append((start, end))
            yield Finding(
                _KIND,
                Severity.SERIOUS,
                start,
                end,
                f"{window!r} looks like {term!r} with a character {how}; write {term!r}",
                term,
            )


@cache
def _simplifier() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def _traditional(window: str) -> str:
    """Return the simplified form of a window, so 改革開放 is 改革开放 written in 繁體."""
    return str(_simplifier().convert(window))


def read_protected_terms(text: str) -> tuple[str, ...]:
    """Read terms from the text of a protected-terms file (one a line, # comments)."""
    lines = (ln.split("#", 1)[0].strip() for ln in text.lstrip("\ufeff").splitlines())
    return tuple(dict.fromkeys(ln for ln in lines if ln))


@cache
def shipped_protected_terms() -> ProtectedTerms:
    """Return the shipped list of the country's, the party's, state bodies' and unions' names."""
    text = resource_path("wordlists", "protected-terms.txt").read_text("utf-8")
    return ProtectedTerms(read_protected_terms(text))
