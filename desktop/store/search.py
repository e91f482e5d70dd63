"""The Chinese substring search index: one token per Chinese character, matched as phrases.

SQLite's FTS5 with the ``unicode61`` tokenizer sees a run of Chinese characters as one word,
and the trigram tokenizer cannot answer queries shorter than three characters. We therefore
index a copy of the text in which every CJK character, full-width punctuation mark and digit
stands alone as a token; a query is the same transformation of the search text, matched as a
phrase, so any substring of one or more characters is found. The index's rowid encodes the
publication time followed by the article id, so ``ORDER BY rowid DESC LIMIT n`` walks the
posting lists newest first and stops after n hits instead of sorting every match.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

#: rowid = publication time (epoch seconds) * ID_SPAN + article id; ids stay below ID_SPAN.
ID_SPAN = 10_000_000

#: Full-width and CJK punctuation kept as tokens, so a phrase never matches across a comma.
PUNCTUATION_TOKENS = "，。、；：？！“”‘’（）《》〈〉【】「」『』〔〕—…·～％＃＠"

# Characters that become single tokens: CJK (ideographs, kana, hangul, compatibility forms),
# full-width forms, the punctuation above and ASCII digits.
_SINGLE_CLASS = (
    "[\u2e80-\u2fdf\u3000-\u9fff\ua960-\ua97f\uac00-\ud7ff\uf900-\ufaff\ufe30-\ufe4f"
    "\uff00-\uffef\U00020000-\U0003134f0-9" + re.escape(PUNCTUATION_TOKENS) + "]"
)


@functools.cache
def _single() -> re.Pattern[str]:
    # Compiled on first use (milliseconds for these ranges): opening a store for an export
    # never searches nor indexes.
    return re.compile(f"({_SINGLE_CLASS})")


_HAS_TOKEN = re.compile(r"\w", re.UNICODE)

TOKENIZER = "unicode61 remove_diacritics 2 tokenchars '" + PUNCTUATION_TOKENS + "'"


def index_text(text: str | None) -> str:
    """Return the text as the index stores it: CJK characters and digits spaced apart."""
    if not text:
        return ""
    if max(text) <= "\uffff":
        # A substitution calls back into Python for every character: a second for 300,000
        # characters, on every save (SQLite's triggers call this for the old and new text).
        # A piece at a time: one call over 300,000 characters would hold Python's lock for
        # a tenth of a second while the save runs beside the window.
        table = _spaced_table()
        return "".join(text[i : i + 20_000].translate(table) for i in range(0, len(text), 20_000))
    return " ".join(_single().split(text))  # the same result for text beyond the BMP


def prepare_index_text() -> None:
    """Build the table ``index_text`` spaces characters with, ahead of the first save."""
    _spaced_table()


@functools.cache
def _spaced_table() -> dict[int, str]:
    """Each single-token character of the BMP, mapped to itself with a space either side."""
    every = "".join(map(chr, range(0x10000)))
    return {ord(c): f" {c} " for c in _single().findall(every)}


def match_expression(query: str) -> str | None:
    """Turn what a user typed into an FTS5 phrase query, or None when nothing can match."""
    query = query.strip()
    if not query or not (_HAS_TOKEN.search(query) or any(c in PUNCTUATION_TOKENS for c in query)):
        return None
    phrase = " ".join(index_text(query).split())
    expression = '"' + phrase.replace('"', '""') + '"'
    # A Latin word at the end is probably still being typed: match it as a prefix.
    if query[-1].isascii() and query[-1].isalpha():
        expression += " *"
    return expression


# The same search on a PostgreSQL server. FTS5 is SQLite's; the server keeps, per article, the
# set of its tokens and of its adjacent token pairs (one text[] with a GIN index, exact for one-
# and two-token queries: no position limit, whatever the article's length) and its token
# sequence as text, one line per field, for longer phrases and for a Latin word being typed.

#: Latin words are also indexed by their first characters (up to this many) as "^pre" terms.
PREFIX_CHARS = 8


# A token: one of the single-token characters, or a run of other letters and digits (what
# ``index_text`` followed by FTS5's tokenizer gives, in one pass).
@functools.cache
def _token() -> re.Pattern[str]:
    return re.compile(f"{_SINGLE_CLASS}|(?:(?!{_SINGLE_CLASS})[^\\W_])+")


#: Latin letters with accents (Latin-1 to Latin Extended-B) and what they are without them.
_PLAIN_LATIN = {
    code: "".join(
        c for c in unicodedata.normalize("NFD", chr(code)) if not unicodedata.combining(c)
    )
    for code in range(0xC0, 0x250)
}


_ACCENTED = re.compile("[\u00c0-\u024f]")


def _fold(text: str) -> str:
    """Lower case, and Latin letters without their accents (as remove_diacritics does)."""
    text = text.lower()
    return text.translate(_PLAIN_LATIN) if _ACCENTED.search(text) else text


def tokens(text: str | None) -> list[str]:
    """Return the tokens of a text as the index sees them: CJK characters one by one."""
    if not text:
        return []
    return _token().findall(_fold(text))


def index_terms(fields: Iterable[str | None]) -> tuple[list[str], str]:
    """Return an article's index terms and its token lines, from its searchable fields."""
    terms: set[str] = set()
    lines = []
    for text in fields:
        found = tokens(text)
        unique = set(found)
        terms.update(unique)
        terms.update(map(" ".join, itertools.pairwise(found)))
        for word in unique:
            if len(word) > 1 or (word.isascii() and word.isalpha()):
                terms.update("^" + word[:n] for n in range(1, min(len(word), PREFIX_CHARS) + 1))
        lines.append(" " + " ".join(found) + " ")
    return list(terms), "\n".join(lines)


@dataclass(frozen=True)
class ServerMatch:
    """A search as the server runs it: terms every match has, and the phrase to confirm."""

    terms: list[str]
    #: The token sequence as it stands in the token lines: an exact test on its own.
    pattern: str
    #: Whether the terms alone are exact (one or two tokens), with no need to test the lines.
    exact: bool


def server_match(query: str) -> ServerMatch | None:
    """Turn what a user typed into a server search, or None when nothing can match."""
    if match_expression(query) is None:
        return None
    query = query.strip()
    found = tokens(query)
    if not found:
        return None
    prefix = query[-1].isascii() and query[-1].isalpha()
    whole = found[:-1] if prefix else found
    terms = [f"{a} {b}" for a, b in itertools.pairwise(whole)] or whole[:1]
    if prefix:
        terms.append("^" + found[-1][:PREFIX_CHARS])
    exact = (not prefix and len(found) <= 2) or (
        prefix and len(found) == 1 and len(found[0]) <= PREFIX_CHARS
    )
    pattern = " " + " ".join(found) + ("" if prefix else " ")
    return ServerMatch(sorted(set(terms)), pattern, exact)


# Newest first on the server. A common term is in most articles, and the GIN index hands over
# every one of them before they can be sorted; so the index also holds each article's month of
# publication (a second column of the same GIN index), and a search asks for the term and a
# few months at once. The index intersects the two lists itself, stepping over the common
# term's long list by the months' short ones, so a window of months costs what its articles
# cost, whatever the term. Windows go back from the newest month, each four times the last, until
# the page is full: a common word fills it in the first window, a rare one takes a handful of
# windows, each cheap because the rare term's own list is short.


def month_of(published: object) -> str:
    """Return the month key (``2025-11``) of a publication time or its stored text."""
    text = published.isoformat() if isinstance(published, dt.date) else str(published)
    return text[:7]


def _month_number(published: object) -> int:
    text = month_of(published)
    return int(text[:4]) * 12 + int(text[5:7]) - 1


def month_windows(
    first: object, last: object, descending: bool = True, start: object | None = None
) -> Iterator[list[str]]:
    """Yield the months from ``last`` back to ``first`` (or forward) in growing windows.

    The first window reaches to ``start``'s month (where the page would end if every article
    matched), each later one is four times as long as the one before: a rare term needs few
    windows (each a round trip), and a common one stops in the first or second.
    """
    low, high = _month_number(first), _month_number(last)
    if low > high:
        return
    months = range(high, low - 1, -1) if descending else range(low, high + 1)
    size = 1
    if start is not None:
        size = max(1, abs(_month_number(start) - months[0]) + 1)
    position = 0
    while position < len(months):
        window = months[position : position + size]
        yield [f"{m // 12:04d}-{m % 12 + 1:02d}" for m in window]
        position += len(window)
        size *= 4
