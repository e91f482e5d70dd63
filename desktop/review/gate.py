"""What an export may take: approved and published articles whose signatures match them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from desktop.article import EXPORTABLE, Article, Status
from desktop.review import log
from desktop.review.log import Action, LogEntry
from desktop.review.record import hash_in
from desktop.review.state import Phase, replay
from desktop.store import Store


@dataclass(frozen=True)
class Refusal:
    """An article the export did not take, and why."""

    article_id: int
    title: str
    reason: str

    def line(self) -> str:
        """The refusal as one line of the export summary."""
        return f"refused {self.article_id} 《{self.title}》: {self.reason}"


@dataclass(frozen=True)
class Override:
    """An article taken on an approver's override, with who and why."""

    article_id: int
    title: str
    user: str
    reason: str

    def line(self) -> str:
        """The override as one line of the export summary."""
        return f"override {self.article_id} 《{self.title}》 by {self.user}: {self.reason}"


@dataclass(frozen=True)
class GateResult:
    """The articles an export takes, those it refuses, and those taken on an override."""

    taken: list[Article]
    refused: list[Refusal]
    overrides: list[Override]
    #: Approved articles taken for the first time since their approval (logged as published).
    newly_published: list[int]


def gate_articles(
    store: Store, articles: Sequence[Article], hashes: Mapping[int, str] | None = None
) -> GateResult:
    """Split the articles an export was asked for into those it takes and those it refuses.

    Approved and published articles need a signed-off state whose hash matches their current
    content (or an approver's override of exactly this content). Drafts and articles in review
    that the export was explicitly asked for are taken as they are: they are not claimed to
    be signed off. ``hashes`` gives articles' content hashes by id when the caller knows them
    already (the export remembers them by version), so those articles need no body here.
    """
    conn = store.database.connection()
    ids = [a.id for a in articles if a.id is not None]
    logs = log.entries_of(conn, ids)
    taken: list[Article] = []
    refused: list[Refusal] = []
    overrides: list[Override] = []
    published: list[int] = []
    for article in articles:
        assert article.id is not None
        if Status(article.status) not in EXPORTABLE:
            taken.append(article)
            continue
        state = replay(logs.get(article.id, []))
        known = hashes.get(article.id) if hashes is not None else None
        current = known if known is not None else hash_in(conn, article)
        if state.exportable(current):
            taken.append(article)
            if state.phase is Phase.APPROVED:
                published.append(article.id)
            if state.override_hash == current:
                overrides.append(
                    Override(article.id, article.title, state.override_by, state.override_reason)
                )
        elif state.changed_after_signature or state.bound_hash:
            refused.append(
                Refusal(article.id, article.title, "its content changed after it was signed")
            )
        else:
            refused.append(
                Refusal(
                    article.id,
                    article.title,
                    "marked approved, but no sign-off of this content is recorded",
                )
            )
    return GateResult(taken, refused, overrides, published)


def record_published(store: Store, article_ids: Sequence[int], user: str = "") -> None:
    """Log that an export took these approved articles (once per approval)."""
    conn = store.database.connection()
    now = store.clock().replace(microsecond=0)
    with store.transaction():
        logs = log.entries_of(conn, article_ids)
        for article_id in article_ids:
            state = replay(logs.get(article_id, []))
            if state.phase is Phase.APPROVED:
                entry = LogEntry(
                    article_id, Action.PUBLISHED, user, now, content_hash=state.approved_hash
                )
                log.append(conn, entry)
