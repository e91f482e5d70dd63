"""What a check reports: a Problem with its kind, severity, place and suggested fix."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from enum import Enum

from desktop.i18n import tr


class Severity(str, Enum):
    """How much a problem matters: serious problems fail ``newsroom check`` and gate export."""

    MINOR = "minor"
    SERIOUS = "serious"

    @classmethod
    def parse(cls, text: str) -> Severity:
        """Read a severity as written in a word-list file (English or Chinese)."""
        value = text.strip().lower()
        if value in ("", "serious", "严重", "error"):
            return cls.SERIOUS
        if value in ("minor", "一般", "提示", "warning"):
            return cls.MINOR
        raise ValueError(tr("unknown severity {text!r} (expected serious or minor)", text=text))


class Field(str, Enum):
    """The article field a problem is in; CAPTION offsets point into the body's Markdown.

    One member per field declared ``proofread`` in ``desktop.article`` (a test keeps them
    equal), in the order an editor reads them; the check follows this order.
    """

    KICKER = "kicker"
    TITLE = "title"
    SUBTITLE = "subtitle"
    SUMMARY = "summary"
    BODY = "body"
    CAPTION = "caption"
    AUTHOR = "author"
    SOURCE = "source"

    @property
    def attribute(self) -> str:
        """Return the Article attribute holding this field's text (captions live in the body)."""
        return "body" if self is Field.CAPTION else self.value


class ProblemKind(str, Enum):
    """What is wrong; the GUI shows a translated explanation per kind."""

    HALF_WIDTH_PUNCTUATION = "half-width-punctuation"
    FULL_WIDTH_ALPHANUMERIC = "full-width-alphanumeric"
    QUOTES = "quotes"
    BRACKETS = "brackets"
    DOUBLED_PUNCTUATION = "doubled-punctuation"
    DASH_ELLIPSIS = "dash-ellipsis"
    SPACE = "space"
    SPACE_BEFORE_DIGIT = "space-digit"
    COMMON_ERROR = "common-error"
    OFFICE_WORD = "office-word"
    PROTECTED_NAME = "protected-name"
    GARBLED = "garbled"
    HIDDEN_CHARACTER = "hidden-character"
    ID_NUMBER = "id-number"
    PHONE = "phone"
    BANK_CARD = "bank-card"
    SECRET_MARK = "secret-mark"
    LINK = "link"
    PICTURE_ALT = "picture-alt"
    CHECK_FAILED = "check-failed"

    @property
    def group(self) -> str:
        """Return the check family (typography, wordlist, protected, garbled, privacy…)."""
        return _GROUPS[self]


_GROUPS = {
    **{
        k: "typography"
        for k in (
            ProblemKind.HALF_WIDTH_PUNCTUATION,
            ProblemKind.FULL_WIDTH_ALPHANUMERIC,
            ProblemKind.QUOTES,
            ProblemKind.BRACKETS,
            ProblemKind.DOUBLED_PUNCTUATION,
            ProblemKind.DASH_ELLIPSIS,
            ProblemKind.SPACE,
            ProblemKind.SPACE_BEFORE_DIGIT,
        )
    },
    ProblemKind.COMMON_ERROR: "wordlist",
    ProblemKind.OFFICE_WORD: "wordlist",
    ProblemKind.PROTECTED_NAME: "protected",
    ProblemKind.GARBLED: "garbled",
    ProblemKind.HIDDEN_CHARACTER: "hidden",
    ProblemKind.LINK: "links",
    ProblemKind.PICTURE_ALT: "links",
    ProblemKind.CHECK_FAILED: "failed",
    **{
        k: "privacy"
        for k in (
            ProblemKind.ID_NUMBER,
            ProblemKind.PHONE,
            ProblemKind.BANK_CARD,
            ProblemKind.SECRET_MARK,
        )
    },
}


@dataclass(frozen=True, slots=True)
class Finding:
    """A problem found by one check, with offsets into the text that check was given."""

    kind: ProblemKind
    severity: Severity
    start: int
    end: int
    message: str
    suggestion: str | None = None


@dataclass(frozen=True)
class Problem:
    """One problem in one field; ``start``/``end`` are offsets into that field's text."""

    kind: ProblemKind
    severity: Severity
    field: Field
    start: int
    end: int
    text: str  # the field's text[start:end] when the check ran
    message: str  # English source text; the GUI shows a translation chosen by kind
    suggestion: str | None  # replacement for text ("" deletes it); None when no fix is known
    key: str  # stable across edits elsewhere in the article: use it to record an ignore

    def to_json(self) -> dict[str, object]:
        """Return the problem as a JSON object."""
        return {
            "kind": self.kind.value,
            "severity": self.severity.value,
            "field": self.field.value,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "suggestion": self.suggestion,
            "message": self.message,
            "key": self.key,
        }


def problem_key(kind: ProblemKind, field: Field, text: str, before: str, after: str) -> str:
    """Return a key built from what the problem is and its neighbourhood, never its offset."""
    # Offsets move as the editor types; the words around a problem rarely do.
    raw = "\x1f".join((kind.value, field.value, text, before, after))
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]


class StaleProblem(ValueError):
    """The text changed since the problem was found, so its fix no longer applies."""


def apply_fix(text: str, problem: Problem) -> str:
    """Return ``text`` with the problem's suggestion put in place of the problem's span."""
    if problem.suggestion is None:
        raise ValueError(
            tr(
                "no suggested fix for {value} problem {text!r}",
                value=problem.kind.value,
                text=problem.text,
            )
        )
    if text[problem.start : problem.end] != problem.text:
        raise StaleProblem(
            tr(
                "the text at {start}-{end} is no longer {text!r}",
                start=problem.start,
                end=problem.end,
                text=problem.text,
            )
        )
    return text[: problem.start] + problem.suggestion + text[problem.end :]


def fix_all(text: str, problems: list[Problem], kind: ProblemKind | None = None) -> str:
    """Apply every fixable problem of ``kind`` (all kinds if None) that still matches the text."""
    chosen = [
        p
        for p in problems
        if (kind is None or p.kind is kind)
        and p.suggestion is not None
        and text[p.start : p.end] == p.text
    ]
    # Right to left so earlier offsets stay valid; skip a fix overlapping one already applied.
    chosen.sort(key=lambda p: (p.start, p.end), reverse=True)
    limit = len(text) + 1
    for problem in chosen:
        if problem.end > limit or (problem.end == limit and problem.start == limit):
            continue
        text = apply_fix(text, problem)
        limit = problem.start
    return text
