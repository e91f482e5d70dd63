"""Run every check over an article's fields and report problems with offsets into each field."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import Enum

from desktop.article import PROOFREAD_FIELDS, Article
from desktop.body.markdown_text import BodyText, Segment, body_text
from desktop.i18n import tr
from desktop.proofread.garbled import check_garbled
from desktop.proofread.hidden import check_hidden
from desktop.proofread.links import check_links
from desktop.proofread.privacy import check_privacy
from desktop.proofread.problem import Field, Finding, Problem, ProblemKind, Severity, problem_key
from desktop.proofread.protected import ProtectedTerms, shipped_protected_terms
from desktop.proofread.typography import check_typography
from desktop.proofread.wordlist import WordList, starter_word_list

log = logging.getLogger(__name__)


class Check(str, Enum):
    """A family of checks that settings can switch off."""

    TYPOGRAPHY = "typography"
    WORDLIST = "wordlist"
    GARBLED = "garbled"
    PRIVACY = "privacy"
    LINKS = "links"


@dataclass(frozen=True)
class ProofreadSettings:
    """What to check and against which lists; build once and reuse while the user types."""

    office_words: WordList = field(default_factory=WordList)
    starter_words: WordList | None = None  # None: the shipped list of common errors
    protected: ProtectedTerms | None = None  # None: the shipped list of protected names
    published_phones: tuple[str, ...] = ()  # the site's own numbers (Site.phone) are fine
    checks: frozenset[Check] = frozenset(Check)
    ignored: frozenset[str] = frozenset()  # problem keys the user chose to ignore

    def common_errors(self) -> WordList:
        """Return the list of common wrong forms in use."""
        return self.starter_words if self.starter_words is not None else starter_word_list()

    def protected_terms(self) -> ProtectedTerms:
        """Return the protected names whose near misses are serious problems."""
        return self.protected if self.protected is not None else shipped_protected_terms()

    def with_ignored(self, keys: Iterable[str]) -> ProofreadSettings:
        """Return a copy that ignores the given problem keys."""
        return dataclasses.replace(self, ignored=frozenset(keys))


#: The declared proofread fields in the order an editor reads them; captions follow the body.
READING_ORDER = tuple(
    which for which in Field if which.value in {spec.name for spec in PROOFREAD_FIELDS}
)
_CONTEXT = 6  # characters either side that make a problem's key


def field_text(article: Article, which: Field) -> str:
    """Return the text that a problem's offsets in ``which`` point into."""
    return str(getattr(article, which.attribute))


def _findings(segment: Segment, which: Field, settings: ProofreadSettings) -> Iterator[Finding]:
    text = segment.text
    checks = settings.checks
    if Check.GARBLED in checks:
        yield from check_garbled(text)
        yield from check_hidden(text, single_line=which not in (Field.BODY, Field.CAPTION))
    if Check.PRIVACY in checks:
        yield from check_privacy(text, settings.published_phones)
    if Check.WORDLIST in checks:
        yield from settings.office_words.find(text)
        yield from settings.common_errors().find(text)
        yield from settings.protected_terms().find(text)
    if Check.TYPOGRAPHY in checks:
        yield from check_typography(text, which)


# When spans overlap, the more specific finding wins: a garbled "?" is not also a question
# mark to make full-width, and a word-list entry's punctuation is reported once.
# A garbled run with a repair beats the hidden (private-use) characters a bad decode left in it.
# A word-list entry beats the protected-name near miss of the same span (its note says more).
_RANK = {"garbled": 0, "hidden": 1, "privacy": 2, "wordlist": 3, "protected": 4, "typography": 5}


def _without_overlaps(findings: list[Finding]) -> list[Finding]:
    findings.sort(key=lambda f: (_RANK[f.kind.group], f.start, f.end))
    kept: list[Finding] = []
    taken: list[tuple[int, int, str]] = []
    for f in findings:
        clash = any(
            f.start < e and s < f.end and (group != f.kind.group or group == "typography")
            for s, e, group in taken
        )
        if clash and f.kind.group != "privacy":
            continue
        kept.append(f)
        taken.append((f.start, f.end, f.kind.group))
    kept.sort(key=lambda f: (f.start, f.end))
    return kept


def check_segment(
    segment: Segment, which: Field, source: str, settings: ProofreadSettings
) -> list[Problem]:
    """Check one segment and map its findings to problems in ``source`` (the field's text)."""
    text = segment.text
    problems: list[Problem] = []
    for f in _without_overlaps(list(_findings(segment, which, settings))):
        start, end, verbatim = segment.source_span(f.start, f.end)
        key = problem_key(
            f.kind,
            which,
            text[f.start : f.end],
            text[max(0, f.start - _CONTEXT) : f.start],
            text[f.end : f.end + _CONTEXT],
        )
        if key in settings.ignored:
            continue
        problems.append(
            Problem(
                kind=f.kind,
                severity=f.severity,
                field=which,
                start=start,
                end=end,
                text=source[start:end],
                message=f.message,
                # A span that runs across Markdown syntax (**, a link) is not replaced blindly.
                suggestion=f.suggestion if verbatim else None,
                key=key,
            )
        )
    return problems


def check_text(text: str, which: Field, settings: ProofreadSettings) -> list[Problem]:
    """Check one field's text; a BODY is read as Markdown, captions reported as CAPTION."""
    if which is Field.BODY:
        return check_body(body_text(text), text, settings)
    return check_segment(Segment(text), which, text, settings)


def check_body(body: BodyText, source: str, settings: ProofreadSettings) -> list[Problem]:
    """Check an already split Markdown body and its captions."""
    problems = check_segment(body.body, Field.BODY, source, settings)
    for caption in body.captions:
        problems.extend(check_segment(caption, Field.CAPTION, source, settings))
    return problems


def check_article(article: Article, settings: ProofreadSettings | None = None) -> list[Problem]:
    """Return every problem in the article's text fields, field by field, in reading order."""
    settings = settings or ProofreadSettings()
    problems: list[Problem] = []
    for which in READING_ORDER:
        text = field_text(article, which)
        if not text:
            continue
        try:
            if which is Field.BODY:
                problems.extend(check_text(text, Field.BODY, settings))
                if Check.LINKS in settings.checks:
                    problems.extend(check_links(text, settings.ignored))
            else:
                problems.extend(check_segment(Segment(text), which, text, settings))
        except Exception as exc:  # a check that breaks must not read as "no problems"
            log.debug("checking article %s (%s) failed", article.id, which.value, exc_info=True)
            problems.append(check_failed(which, exc))
    return problems


def check_failed(which: Field, exc: BaseException) -> Problem:
    """Return the serious problem that says a field could not be checked, and why.

    It stands where the field's problems would: the panel, ``newsroom check`` (exit 1) and the
    export's list of articles with serious problems all name the article instead of a traceback
    or a silent "no problems".
    """
    reason = f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"[:200]
    return Problem(
        kind=ProblemKind.CHECK_FAILED,
        severity=Severity.SERIOUS,
        field=which,
        start=0,
        end=0,
        text="",
        message=tr("this field could not be checked ({reason})", reason=reason),
        suggestion=None,
        key=problem_key(ProblemKind.CHECK_FAILED, which, "", "", type(exc).__name__),
    )


def has_serious(problems: Iterable[Problem]) -> bool:
    """Return whether any problem is serious (``newsroom check`` exits 1, export warns)."""
    return any(p.severity is Severity.SERIOUS for p in problems)


def problems_of_kind(problems: Iterable[Problem], kind: ProblemKind) -> list[Problem]:
    """Return the problems of one kind, e.g. to offer "fix all" for it."""
    return [p for p in problems if p.kind is kind]


def line_and_column(text: str, offset: int) -> tuple[int, int]:
    """Return the 1-based line and column of ``offset`` in ``text``."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1
