"""Hidden characters: controls, format marks and private-use characters a reader cannot see.

They come from bad copies (Word's soft hyphens, a web page's zero-width spaces and bidi
overrides) or from fonts that draw a glyph at a private-use code point. A page shows them as
nothing, as a box, or, for bidi overrides, as text in a misleading order. Single-line fields
lose them when saved (``desktop.article.clean_line``); the body keeps them, so the check shows
where they are.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from desktop.article import is_hidden_character
from desktop.proofread.problem import Finding, ProblemKind, Severity

#: Bidi embeddings, overrides and isolates: they can make a text read differently than it is.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Breaks and tabs are text in the body; in a single-line field they are hidden characters too.
_BREAKS = frozenset("\t\n\v\f\r\x1c\x1d\x1e\x1f\x85\u2028\u2029")


# Controls and private-use characters have no Unicode name of their own.
_UNNAMED = {"Cc": "CONTROL", "Co": "PRIVATE USE", "Cs": "SURROGATE", "Cn": "NONCHARACTER"}


def code_point_name(char: str) -> str:
    """Return ``U+202E RIGHT-TO-LEFT OVERRIDE``: how a hidden character is shown to a person."""
    name = unicodedata.name(char, "") or _UNNAMED.get(unicodedata.category(char), "")
    return f"U+{ord(char):04X} {name}".rstrip()


def _hidden(char: str, single_line: bool) -> bool:
    if char in _BREAKS:
        return single_line
    return is_hidden_character(char)


def check_hidden(text: str, *, single_line: bool) -> Iterator[Finding]:
    """Yield every run of hidden characters in ``text``; ``single_line`` flags breaks too."""
    if text.isprintable():
        return  # the fast path: no break, control, format or private-use character
    start = -1
    for index, char in enumerate(f"{text}a"):
        hidden = index < len(text) and _hidden(char, single_line)
        if hidden and start < 0:
            start = index
        elif not hidden and start >= 0:
            yield _finding(text, start, index, single_line)
            start = -1


def _finding(text: str, start: int, end: int, single_line: bool) -> Finding:
    run = text[start:end]
    names = ", ".join(dict.fromkeys(code_point_name(c) for c in run))
    bidi = any(c in BIDI_CONTROLS for c in run)
    private = any(unicodedata.category(c) == "Co" for c in run)
    if single_line:
        # What saving the field would do: breaks become a space, the rest goes.
        suggestion: str | None = " " if any(c in _BREAKS for c in run) else ""
    else:
        # A font may draw something at a private-use code point: only the editor can tell.
        suggestion = None if private else ""
    return Finding(
        ProblemKind.HIDDEN_CHARACTER,
        Severity.SERIOUS if bidi else Severity.MINOR,
        start,
        end,
        f"Hidden character: {names}",
        suggestion,
    )
