"""Word lists: wrong forms of set phrases and names, each with a suggestion and a severity.

A list is kept as a plain UTF-8 file, one entry per line::

    wrong<TAB>suggestion<TAB>severity<TAB>note<TAB>exceptions

Only ``wrong`` is required; severity is ``serious`` (default) or ``minor`` (严重/一般 also
read); ``exceptions`` are correct words containing the wrong form, separated by ``、`` or
``,`` (e.g. 全总 is not wrong inside 完全总结). A suggestion that contains the wrong form is
an exception by itself. Lines starting with ``#`` are comments. Comma-separated files saved
by a spreadsheet (UTF-8 with or without BOM, or GB18030) are read too.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path

from desktop.i18n import tr
from desktop.proofread.problem import Finding, ProblemKind, Severity
from desktop.resources import resource_path

HEADER = "# wrong\tsuggestion\tseverity\tnote\texceptions"
_SPLIT_EXCEPTIONS = re.compile("[、,，;；]")


class WordListError(ValueError):
    """A word-list file cannot be read; the message names the line."""


@dataclass(frozen=True)
class WordEntry:
    """One wrong form, what to write instead (may be empty) and how serious it is."""

    wrong: str
    suggestion: str = ""
    severity: Severity = Severity.SERIOUS
    note: str = ""
    exceptions: tuple[str, ...] = ()

    @property
    def allowed(self) -> tuple[str, ...]:
        """Return the correct words that may contain the wrong form."""
        if self.suggestion and self.wrong in self.suggestion:
            return (*self.exceptions, self.suggestion)
        return self.exceptions


@dataclass(frozen=True)
class WordList:
    """An ordered list of entries with a compiled matcher (built once, on first use)."""

    entries: tuple[WordEntry, ...] = ()
    kind: ProblemKind = ProblemKind.OFFICE_WORD
    _index: dict[str, WordEntry] = field(default_factory=dict, init=False, compare=False)

    def __post_init__(self) -> None:
        for entry in self.entries:
            self._index[entry.wrong] = entry  # a later duplicate wins, as in a file

    @cached_property
    def _pattern(self) -> re.Pattern[str] | None:
        if not self._index:
            return None
        return re.compile(_trie_pattern(self._index))

    def find(self, text: str) -> Iterator[Finding]:
        """Yield a finding for every wrong form in ``text``."""
        pattern = self._pattern
        if pattern is None:
            return
        pos = 0
        while (match := pattern.search(text, pos)) is not None:
            entry = self._index[match.group()]
            if _excused(text, match.start(), entry):
                pos = match.start() + 1  # a shorter wrong form may still start here
                continue
            yield Finding(
                self.kind,
                entry.severity,
                match.start(),
                match.end(),
                _message(self.kind, entry),
                entry.suggestion or None,
            )
            pos = match.end()


def _message(kind: ProblemKind, entry: WordEntry) -> str:
    what = "is a common wrong form" if kind is ProblemKind.COMMON_ERROR else "is on the word list"
    text = f"{entry.wrong!r} {what}"
    if entry.suggestion:
        text += f"; use {entry.suggestion!r}"
    if entry.note:
        text += f" ({entry.note})"
    return text


def _excused(text: str, start: int, entry: WordEntry) -> bool:
    """Return whether the match at ``start`` is part of one of the entry's correct words."""
    for word in entry.allowed:
        at = word.find(entry.wrong)
        while at >= 0:
            if start - at >= 0 and text.startswith(word, start - at):
                return True
            at = word.find(entry.wrong, at + 1)
    return False


def _trie_pattern(words: Iterable[str]) -> str:
    """Return a regular expression matching the longest of ``words``, built as a trie."""
    # One alternation of hundreds of words is tried word by word at every position; a trie
    # shares prefixes so each position costs about one character comparison.
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict[str, dict]) -> str:
        branches = [re.escape(char) + build(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(trie)


def parse_word_list(text: str, default_severity: Severity = Severity.SERIOUS) -> list[WordEntry]:
    """Read entries from the text of a word-list file (tab- or comma-separated)."""
    text = text.lstrip("\ufeff")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    tabbed = any("\t" in ln for ln in lines)
    rows = (
        [ln.split("\t") for ln in lines]
        if tabbed
        else list(csv.reader(io.StringIO("\n".join(lines))))
    )
    entries: list[WordEntry] = []
    for number, row in enumerate(rows, start=1):
        cells = [c.strip() for c in row] + [""] * 5
        wrong, suggestion, severity, note, exceptions = cells[:5]
        if not wrong or (number == 1 and wrong.lower() in ("wrong", "错误", "错误写法")):
            continue
        try:
            level = Severity.parse(severity) if severity else default_severity
        except ValueError as exc:
            raise WordListError(
                tr("entry {number} ({wrong}): {exc}", number=number, wrong=wrong, exc=exc)
            ) from None
        if suggestion == wrong:
            raise WordListError(
                tr(
                    "entry {number} ({wrong}): the suggestion is the same word",
                    number=number,
                    wrong=wrong,
                )
            )
        allowed = tuple(w.strip() for w in _SPLIT_EXCEPTIONS.split(exceptions) if w.strip())
        entries.append(WordEntry(wrong, suggestion, level, note, allowed))
    return entries


def format_word_list(entries: Iterable[WordEntry]) -> str:
    """Return the text of a word-list file holding ``entries``."""
    lines = [HEADER]
    for e in entries:
        cells = [e.wrong, e.suggestion, e.severity.value, e.note, "、".join(e.exceptions)]
        lines.append("\t".join(c.replace("\t", " ").replace("\n", " ") for c in cells))
    return "\n".join(lines) + "\n"


def read_word_list_file(path: str | Path) -> list[WordEntry]:
    """Read a word-list file saved as UTF-8 (with or without BOM) or as GB18030."""
    data = Path(path).read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Spreadsheets on Chinese Windows save CSV in the ANSI code page (GBK).
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError:
            raise WordListError(tr("{path}: not a UTF-8 or GBK text file", path=path)) from None
    return parse_word_list(text)


@cache
def starter_word_list() -> WordList:
    """Return the shipped list of common wrong forms of set phrases and official names."""
    entries = read_word_list_file(resource_path("wordlists", "common-errors.tsv"))
    return WordList(tuple(entries), kind=ProblemKind.COMMON_ERROR)
