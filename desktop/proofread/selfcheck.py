"""The site self-check (自查): what an inspection of the site would mark, before exporting.

Government and public-organisation sites are inspected for stale and empty columns,
back-dated news, copied reports, serious wording errors, dead links and pictures without
alternative text. ``site_self_check`` finds each of these in the store and returns one
``SelfCheckReport``: findings, each tied to its article (or column), and a count per kind.
Nothing here goes on the network: dead links come from the last link check.
"""

from __future__ import annotations

import datetime as dt
import re
import zlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from desktop.article import EXPORTABLE, Article, Column, Status
from desktop.i18n import tr
from desktop.proofread.checker import ProofreadSettings, check_article
from desktop.proofread.problem import ProblemKind, Severity
from desktop.proofread.selfcheck_store import column_windows, last_link_results
from desktop.store import Store
from desktop.store.origin import imported_dates
from desktop.store.revisions import RevisionReason


class FindingKind(str, Enum):
    """A kind of finding, in the order the report lists them."""

    STALE_COLUMN = "stale-column"
    EMPTY_COLUMN = "empty-column"
    BACKDATED = "backdated"
    FUTURE_DATE = "future-date"
    NEAR_DUPLICATE = "near-duplicate"
    SERIOUS_PROBLEM = "serious-problem"
    DEAD_LINK = "dead-link"
    PICTURE_ALT = "picture-alt"


#: Days a column may go without a new article: news columns and notice columns.
NEWS_WINDOW_DAYS = 14
NOTICE_WINDOW_DAYS = 183
#: Words in a column's name that make it a notices column (updated far less often).
_NOTICE_WORDS = ("通知", "公告", "公示", "通告", "公开", "政策", "文件")
#: Published more than this long before the article was first stored: back-dated.
BACKDATING_SLACK = dt.timedelta(days=1)
#: Jaccard similarity of character trigrams from which two articles are near-duplicates,
#: measured by tests/perf/bench_selfcheck.py: 26,335 pairs of distinct articles (samples and
#: real prose) reach 0.084 at most; a sample report with its names and figures changed keeps
#: 0.82 or more, and still 0.56 with 60 further characters retyped.
DUPLICATE_THRESHOLD = 0.5
_SHINGLE = 3
_PERMUTATIONS = 128
_MIN_TEXT = 40  # characters: shorter texts say too little to be called copies
_WORDS = re.compile(r"[\W_]+")
_MARKUP = re.compile(r"!?\[([^\]]*)\]\([^)]*\)|<[^>]+>|[*_`#>|~-]")


def default_window(column_name: str) -> int:
    """Return the default update window of a column, in days, from its name."""
    if any(word in column_name for word in _NOTICE_WORDS):
        return NOTICE_WINDOW_DAYS
    return NEWS_WINDOW_DAYS


@dataclass(frozen=True)
class Finding:
    """One thing an inspection would mark, tied to its article when it has one."""

    kind: FindingKind
    article_id: int | None  # what double-clicking opens; None for an empty column
    title: str  # the article's title (a column finding: its newest article's, or "")
    column: str
    data: dict[str, Any] = field(default_factory=dict)  # the figures the message shows

    def message(self) -> str:
        """Return what was found, in the current language."""
        return _message(self.kind, self.data)

    def to_json(self) -> dict[str, Any]:
        """Return the finding as a JSON object."""
        return {
            "kind": self.kind.value,
            "article_id": self.article_id,
            "title": self.title,
            "column": self.column,
            "message": self.message(),
            **self.data,
        }


def _message(kind: FindingKind, data: dict[str, Any]) -> str:
    """What a finding says, in the current language (``desktop.i18n``)."""
    if kind is FindingKind.STALE_COLUMN:
        return tr(
            "column “{column}” not updated for {days} days (window {window} days, "
            "last article {last})",
            **data,
        )
    if kind is FindingKind.EMPTY_COLUMN:
        return tr("column “{column}” has no published article", **data)
    if kind is FindingKind.BACKDATED:
        if "changed" in data:
            return tr(
                "published {published}, {days} days before the date was set ({changed})", **data
            )
        return tr("published {published}, {days} days before it was stored ({created})", **data)
    if kind is FindingKind.FUTURE_DATE:
        return tr("publication date {published} is in the future", **data)
    if kind is FindingKind.NEAR_DUPLICATE:
        return tr("{similarity}% the same as article {other_id} “{other_title}”", **data)
    if kind is FindingKind.SERIOUS_PROBLEM:
        return tr("{count} serious proofreading problem(s), the first: {first}", **data)
    if kind is FindingKind.DEAD_LINK:
        return tr("{url} leads nowhere: {status} (checked {checked})", **data)
    return tr("picture {picture} has no alternative text", **data)


def kind_name(kind: FindingKind) -> str:
    """Return what the report calls a kind, as inspections name it (current language)."""
    names = {
        FindingKind.STALE_COLUMN: tr("Columns not updated in time"),
        FindingKind.EMPTY_COLUMN: tr("Empty columns"),
        FindingKind.BACKDATED: tr("Back-dated articles"),
        FindingKind.FUTURE_DATE: tr("Articles dated in the future"),
        FindingKind.NEAR_DUPLICATE: tr("Near-duplicate articles"),
        FindingKind.SERIOUS_PROBLEM: tr("Serious wording and proofreading errors"),
        FindingKind.DEAD_LINK: tr("Dead links (last link check)"),
        FindingKind.PICTURE_ALT: tr("Pictures without alternative text"),
    }
    return names[kind]


@dataclass(frozen=True)
class SelfCheckReport:
    """Every finding of one self-check, in report order."""

    checked_at: dt.datetime
    articles: int  # how many articles were looked at
    findings: tuple[Finding, ...]
    links_checked_at: dt.datetime | None = None  # the link check the dead links come from

    def count(self, kind: FindingKind) -> int:
        """How many findings of one kind."""
        return sum(1 for f in self.findings if f.kind is kind)

    def of_kind(self, kind: FindingKind) -> list[Finding]:
        """The findings of one kind."""
        return [f for f in self.findings if f.kind is kind]

    def summary_lines(self) -> list[str]:
        """One line per kind: its name and how many were found."""
        return [
            tr("{kind}: {count}", kind=kind_name(kind), count=self.count(kind))
            for kind in FindingKind
        ]

    def to_json(self) -> dict[str, Any]:
        """Return the report as a JSON object: summary counts and the findings."""
        return {
            "checked_at": self.checked_at.isoformat(sep=" ", timespec="seconds"),
            "articles": self.articles,
            "links_checked_at": (
                self.links_checked_at.isoformat(sep=" ", timespec="seconds")
                if self.links_checked_at
                else None
            ),
            "summary": {kind.value: self.count(kind) for kind in FindingKind},
            "findings": [f.to_json() for f in self.findings],
        }


def _date(value: dt.datetime) -> str:
    return value.strftime("%Y-%m-%d")


def column_findings(
    columns: Sequence[Column],
    articles: Sequence[Article],
    windows: dict[int, int],
    now: dt.datetime,
) -> list[Finding]:
    """Stale columns (newest article older than the column's window) and empty columns."""
    newest: dict[str, Article] = {}
    for article in articles:
        if article.status not in EXPORTABLE or article.published_at > now:
            continue
        seen = newest.get(article.column)
        if seen is None or article.published_at > seen.published_at:
            newest[article.column] = article
    found = []
    for column in columns:
        window = windows.get(column.id or -1, default_window(column.name))
        last = newest.get(column.name)
        if last is None:
            found.append(
                Finding(FindingKind.EMPTY_COLUMN, None, "", column.name, {"column": column.name})
            )
            continue
        days = (now - last.published_at).days
        if days > window:
            data = {
                "column": column.name,
                "days": days,
                "window": window,
                "last": _date(last.published_at),
            }
            found.append(Finding(FindingKind.STALE_COLUMN, last.id, last.title, column.name, data))
    return found


def date_findings(
    articles: Iterable[Article],
    now: dt.datetime,
    imported: Mapping[int, dt.datetime] | None = None,
    date_set_at: Callable[[Article], dt.datetime | None] | None = None,
) -> list[Finding]:
    """Articles published before they were written (by more than a day) or in the future.

    imported: the date each imported article arrived with (``desktop.store.origin``). An
    archive article keeping that date was published then, on the old site, not back-dated;
    one whose date was changed since is back-dated when the new date is more than a day
    before the change (``date_set_at`` tells when the current date was set).
    """
    imported = imported or {}
    found = []
    for article in articles:
        published = article.published_at
        if published > now:
            found.append(
                Finding(
                    FindingKind.FUTURE_DATE,
                    article.id,
                    article.title,
                    article.column,
                    {"published": published.strftime("%Y-%m-%d %H:%M")},
                )
            )
            continue
        arrived = imported.get(article.id) if article.id is not None else None
        if arrived is not None:
            if published.replace(microsecond=0) == arrived:
                continue
            changed = date_set_at(article) if date_set_at else article.updated_at
            if changed is not None and changed - published > BACKDATING_SLACK:
                data = {
                    "published": _date(published),
                    "changed": _date(changed),
                    "days": (changed - published).days,
                }
                found.append(
                    Finding(FindingKind.BACKDATED, article.id, article.title, article.column, data)
                )
        elif article.created_at is not None and article.created_at - published > BACKDATING_SLACK:
            data = {
                "published": _date(published),
                "created": _date(article.created_at),
                "days": (article.created_at - published).days,
            }
            found.append(
                Finding(FindingKind.BACKDATED, article.id, article.title, article.column, data)
            )
    return found


def date_set_at(store: Store, article: Article) -> dt.datetime | None:
    """When the article's current publication date was set, from its revisions.

    The oldest revision of the newest run that holds the current date; the last update
    when no revision holds it yet (an autosave between kept revisions).
    """
    if article.id is None:
        return None
    published = article.published_at.replace(microsecond=0)
    since = None
    for info in store.revisions(article.id):  # newest first
        if info.reason is RevisionReason.CONFLICT:
            continue  # a text that lost a conflict was never the article's
        if store.revision(info.id).article.published_at.replace(microsecond=0) != published:
            break
        since = info.created_at
    return since or article.updated_at


def similarity_text(article: Article) -> str:
    """The article's words for comparing: title and body without markup or punctuation."""
    return _WORDS.sub("", article.title + _MARKUP.sub(r"\1", article.body)).lower()


def shingles(text: str) -> set[str]:
    """Character trigrams of a text (Chinese has no spaces to split words on)."""
    return {text[i : i + _SHINGLE] for i in range(max(1, len(text) - _SHINGLE + 1))}


def jaccard(a: set[str], b: set[str]) -> float:
    """Shared trigrams over all trigrams of two texts."""
    return len(a & b) / len(a | b) if a or b else 0.0


def near_duplicates(
    articles: Sequence[Article], threshold: float = DUPLICATE_THRESHOLD
) -> list[tuple[Article, Article, float]]:
    """Pairs of articles at least ``threshold`` alike (newer first), found with MinHash LSH
    (datasketch) so that a thousand articles are not compared pair by pair; each candidate
    pair is then measured exactly."""
    # Imported here: datasketch brings numpy and scipy (seconds on a busy machine), which
    # opening the window's Tools menu must not wait for; this runs on a worker.
    from datasketch import MinHash, MinHashLSH

    sets: dict[int, set[str]] = {}
    digests: dict[int, MinHash] = {}
    # Copies of one empty digest share its permutations: drawing them is most of the cost of
    # a new MinHash.
    empty = MinHash(num_perm=_PERMUTATIONS, hashfunc=zlib.crc32)  # C speed; trigrams are short
    lsh = MinHashLSH(threshold=threshold, num_perm=_PERMUTATIONS)
    by_id = {a.id: a for a in articles if a.id is not None}
    for article_id, article in by_id.items():
        text = similarity_text(article)
        if len(text) < _MIN_TEXT:
            continue
        grams = shingles(text)
        sets[article_id] = grams
        digest = empty.copy()
        digest.update_batch([g.encode("utf-8") for g in grams])
        lsh.insert(str(article_id), digest)
        digests[article_id] = digest
    pairs: list[tuple[Article, Article, float]] = []
    for article_id, grams in sets.items():
        for other_key in lsh.query(digests[article_id]):
            other_id = int(other_key)
            if other_id <= article_id:
                continue  # each pair once
            score = jaccard(grams, sets[other_id])
            if score >= threshold:
                a, b = by_id[article_id], by_id[other_id]
                newer, older = (a, b) if a.published_at >= b.published_at else (b, a)
                pairs.append((newer, older, score))
    pairs.sort(key=lambda p: (-p[2], p[0].id or 0))
    return pairs


def duplicate_findings(
    articles: Sequence[Article], threshold: float = DUPLICATE_THRESHOLD
) -> list[Finding]:
    """One finding per near-duplicate pair, on the newer article."""
    return [
        Finding(
            FindingKind.NEAR_DUPLICATE,
            newer.id,
            newer.title,
            newer.column,
            {"other_id": older.id, "other_title": older.title, "similarity": round(score * 100)},
        )
        for newer, older, score in near_duplicates(articles, threshold)
    ]


_PICTURE_ADDRESS = re.compile(r"\(\s*<?([^\s)>]+)|\bsrc\s*=\s*[\"']?([^\"'\s>]+)", re.IGNORECASE)


def _picture_address(body: str, start: int, end: int) -> str:
    """The address of the picture whose markup starts at ``start`` (``![](…)`` or ``<img>``)."""
    match = _PICTURE_ADDRESS.match(body, end) or _PICTURE_ADDRESS.search(body[start:end])
    if match is None:
        return body[start:end]
    return next(group for group in match.groups() if group)


def proofreading_findings(
    articles: Sequence[Article],
    settings_for: Callable[[Article], ProofreadSettings],
    progress: Callable[[int, int], None] = lambda done, total: None,
) -> list[Finding]:
    """Unresolved serious problems (one finding per article) and pictures without alt text;
    ``progress(done, total)`` after each article (it may raise to stop the check)."""
    found = []
    alt = []
    for done, article in enumerate(articles):
        progress(done, len(articles))
        problems = check_article(article, settings_for(article))
        serious = [p for p in problems if p.severity is Severity.SERIOUS]
        if serious:
            first = serious[0]
            fix = f" → {first.suggestion}" if first.suggestion else ""
            data = {"count": len(serious), "first": f"{first.text}{fix}"}
            found.append(
                Finding(
                    FindingKind.SERIOUS_PROBLEM, article.id, article.title, article.column, data
                )
            )
        for problem in problems:
            if problem.kind is ProblemKind.PICTURE_ALT:
                name = _picture_address(article.body, problem.start, problem.end)
                alt.append(
                    Finding(
                        FindingKind.PICTURE_ALT,
                        article.id,
                        article.title,
                        article.column,
                        {"picture": name},
                    )
                )
    return found + alt


def link_findings(store: Store) -> tuple[list[Finding], dt.datetime | None]:
    """Dead links from the last link check, and when that check ran."""
    results = last_link_results(store)
    checked = max((r.checked_at for r in results), default=None)
    found = [
        Finding(
            FindingKind.DEAD_LINK,
            r.article_id,
            r.title,
            "",
            {"url": r.result.url, "status": r.result.describe(), "checked": _date(r.checked_at)},
        )
        for r in results
        if r.result.dead
    ]
    return found, checked


def site_self_check(
    store: Store,
    *,
    now: dt.datetime | None = None,
    statuses: Sequence[Status] = EXPORTABLE,
    settings_for: Callable[[Article], ProofreadSettings] | None = None,
    progress: Callable[[int, int], None] = lambda done, total: None,
) -> SelfCheckReport:
    """Run every check of the self-check over the articles of ``statuses`` (default: those an
    export publishes) and return the report. Proofreading, the long part, calls
    ``progress(done, total)`` after each article; an exception from it ends the check."""
    from desktop.proofread.wordlist_store import IgnoredProblems
    from desktop.proofread.wordlist_store import settings_for as stored_settings

    now = now or dt.datetime.now().replace(microsecond=0)
    articles = list(store.iter_articles(statuses))
    if settings_for is None:
        # The word lists and protected names are built once; only the ignores differ.
        base = stored_settings(store)
        ignores = IgnoredProblems(store)

        def settings_for(article: Article) -> ProofreadSettings:
            if article.id is None:
                return base
            return base.with_ignored(ignores.keys(article.id))

    dead, links_checked = link_findings(store)
    columns_of = {a.id: a.column for a in articles}
    wanted = set(columns_of)
    dead = [
        Finding(f.kind, f.article_id, f.title, columns_of.get(f.article_id, ""), f.data)
        for f in dead
        if f.article_id in wanted
    ]
    findings = [
        *column_findings(store.columns(), articles, column_windows(store), now),
        *date_findings(
            articles, now, imported_dates(store), lambda article: date_set_at(store, article)
        ),
        *duplicate_findings(articles),
        *proofreading_findings(articles, settings_for, progress),
        *dead,
    ]
    order = list(FindingKind)
    findings.sort(key=lambda f: order.index(f.kind))
    return SelfCheckReport(now, len(articles), tuple(findings), links_checked)
