"""三校: the proofreading pass recorded with each 送审 and each signature."""

from __future__ import annotations

from dataclasses import replace

from desktop.article import Article
from desktop.proofread import check_article
from desktop.proofread.checker import Severity
from desktop.proofread.wordlist_store import IgnoredProblems, settings_for
from desktop.review.log import ProofreadingPass
from desktop.store import Store


def proofreading_pass(store: Store, article: Article) -> ProofreadingPass:
    """Run the checks on the stored article: problems open, serious ones, ignored with reasons."""
    assert article.id is not None
    settings = settings_for(store, article.id)
    every = check_article(article, replace(settings, ignored=frozenset()))
    reasons = {p.key: p.reason for p in IgnoredProblems(store).for_article(article.id)}
    open_problems = [p for p in every if p.key not in reasons]
    ignored = tuple((p.text, reasons[p.key]) for p in every if p.key in reasons)
    return ProofreadingPass(
        found=len(open_problems),
        serious=sum(1 for p in open_problems if p.severity is Severity.SERIOUS),
        ignored=ignored,
    )
