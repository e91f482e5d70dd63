"""Before an export: which articles still have serious problems, and what to record if sent."""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from desktop.article import Article
from desktop.i18n import tr
from desktop.proofread.checker import check_article
from desktop.proofread.problem import Problem, Severity
from desktop.proofread.wordlist_store import IgnoredProblems, settings_for
from desktop.store import Store


class ArticleFindings(NamedTuple):
    """An article and its serious problems that nobody chose to ignore."""

    article: Article
    problems: list[Problem]


def serious_findings(store: Store, articles: Iterable[Article]) -> list[ArticleFindings]:
    """Return the articles with unresolved serious problems, in the order given."""
    base = settings_for(store)  # the word list and site phones are read once for all articles
    ignored = IgnoredProblems(store)
    findings = []
    for article in articles:
        keys = ignored.keys(article.id) if article.id is not None else frozenset()
        serious = [
            p
            for p in check_article(article, base.with_ignored(keys))
            if p.severity is Severity.SERIOUS
        ]
        if serious:
            findings.append(ArticleFindings(article, serious))
    return findings


def format_override_note(findings: Iterable[ArticleFindings]) -> str:
    """Return the lines an export summary records when the user exported despite findings."""
    lines = []
    for article, problems in findings:
        kinds = sorted({p.kind.value for p in problems})
        name = f"#{article.id}" if article.id is not None else tr("(unsaved)")
        lines.append(
            tr(
                "{name} {title!r}: {count} serious problem(s) ({kinds}) exported as confirmed by "
                "the user",
                name=name,
                title=article.title,
                count=len(problems),
                kinds=", ".join(kinds),
            )
        )
    return "\n".join(lines)
