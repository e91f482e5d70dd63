"""The sign-off flow: 送审, 通过 with an opinion, 退回 with a reason, 撤稿, and their refusals.

draft → 送审 → stage 1 → … → the last stage → approved → published (by export). Every action
is appended to the review log together with the status change, in one transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace
from enum import Enum

from desktop.article import Article, Status
from desktop.i18n import tr
from desktop.review import log
from desktop.review.log import Action, LogEntry, ProofreadingPass
from desktop.review.proofing import proofreading_pass
from desktop.review.record import hash_in, status_of
from desktop.review.rules import ReviewRules
from desktop.review.state import Phase, ReviewState, replay
from desktop.store import Store
from desktop.store.revisions import RevisionReason


def phase_name(phase: Phase) -> str:
    """The phase in the language spoken: draft, in review, approved, published."""
    names = {
        Phase.DRAFT: tr("a draft"),
        Phase.REVIEW: tr("in review"),
        Phase.APPROVED: tr("approved"),
        Phase.PUBLISHED: tr("published"),
    }
    return names[phase]


class ReviewRefused(Exception):
    """This person may not do this now; the message says why, in one line."""


class Step(str, Enum):
    """What a person can do to an article in review (the editor pane's buttons)."""

    SUBMIT = "submit"  # 送审
    SIGN = "sign"  # 通过
    RETURN = "return"  # 退回
    WITHDRAW = "withdraw"  # 撤稿
    OVERRIDE = "override"  # let the export take content not signed as it is


@dataclass(frozen=True)
class ReviewView:
    """An article's review as a person sees it: state, rules, the content's hash, their steps."""

    article_id: int
    state: ReviewState
    rules: ReviewRules
    current_hash: str
    steps: frozenset[Step]
    entries: tuple[LogEntry, ...]

    @property
    def last_signed_hash(self) -> str:
        """The content the newest signature or approval in the log covered ("" if none)."""
        return last_signed_hash(self.entries)

    @property
    def has_signed_revision(self) -> bool:
        """Whether there is a signed text to compare the current one with."""
        return bool(self.last_signed_hash)

    @property
    def stage_name(self) -> str:
        """The open stage's name, or "" when no stage is open."""
        return self.rules.stage_name(self.state.open_stage) if self.state.open_stage else ""


#: Log entries that put a signature or an approval on a content hash.
_SIGNING = (Action.SIGNED, Action.APPROVED, Action.APPROVED_BEFORE_RECORD, Action.OVERRIDDEN)


def last_signed_hash(entries: tuple[LogEntry, ...] | list[LogEntry]) -> str:
    """Return the content hash of the newest signature or approval in a log ("" if none)."""
    for entry in reversed(entries):
        if entry.action in _SIGNING:
            return entry.content_hash
    return ""


class ReviewFlow:
    """What ``user`` may do to articles, with the store's review log as the record."""

    def __init__(
        self, store: Store, user: str, clock: Callable[[], dt.datetime] | None = None
    ) -> None:
        self.store = store
        self.user = user.strip()
        self.clock = clock or store.clock

    # Reading ----------------------------------------------------------------------------

    def rules(self) -> ReviewRules:
        """The office's rules as the site settings say now."""
        return ReviewRules.of(self.store.site())

    def entries(self, article_id: int) -> list[LogEntry]:
        """The article's review log, oldest first."""
        return log.entries(self.store.database.connection(), article_id)

    def state(self, article_id: int) -> ReviewState:
        """Where the article stands in review."""
        return replay(self.entries(article_id))

    def view(
        self, article_id: int, article: Article | None = None, current_hash: str | None = None
    ) -> ReviewView:
        """The article's review with the steps this person may take now.

        ``article``: the article as just saved (not read back); ``current_hash``: its content
        hash when already computed (a long body is hashed beside the window).
        """
        if article is None:
            article = self.store.get_article(article_id)
        entries = self.entries(article_id)
        state = replay(entries)
        rules = self.rules()
        steps = frozenset(
            step for step in Step if self._refusal(step, article, state, rules, "x") is None
        )
        return ReviewView(
            article_id,
            state,
            rules,
            self.current_hash(article) if current_hash is None else current_hash,
            steps,
            tuple(entries),
        )

    def current_hash(self, article: Article) -> str:
        """The content hash of an article as it stands."""
        return hash_in(self.store.database.connection(), article)

    def signed_revision(self, article_id: int) -> int | None:
        """The newest revision holding the text last signed, to compare the current one with."""
        wanted = last_signed_hash(self.entries(article_id))
        if not wanted:
            return None
        for info in self.store.revisions(article_id):
            if self.current_hash(self.store.revision(info.id).article) == wanted:
                return info.id
        return None

    def waiting_for_me(self) -> list[int]:
        """The ids of the articles whose open stage this person may sign now, newest first."""
        if not self.user:
            return []
        rules = self.rules()
        conn = self.store.database.connection()
        ids = [
            row[0]
            for row in conn.execute(
                "SELECT id FROM article WHERE status = 'review' AND deleted_at IS NULL "
                "ORDER BY published_at DESC, id DESC"
            )
        ]
        logs = log.entries_of(conn, ids)
        return [i for i in ids if self._sign_refusal(replay(logs.get(i, [])), rules) is None]

    # Acting -----------------------------------------------------------------------------

    def submit(self, article_id: int) -> ReviewState:
        """送审: send a draft (or a returned or withdrawn article) to the first stage."""
        return self._act(Step.SUBMIT, article_id, "")

    def sign(self, article_id: int, opinion: str) -> ReviewState:
        """通过: sign the open stage with an opinion; the last stage approves the article."""
        return self._act(Step.SIGN, article_id, opinion)

    def return_(self, article_id: int, reason: str) -> ReviewState:
        """退回: send the article back to its author with a reason."""
        return self._act(Step.RETURN, article_id, reason)

    def withdraw(self, article_id: int, reason: str) -> ReviewState:
        """撤稿: take the article out of review or off the site, with a reason."""
        return self._act(Step.WITHDRAW, article_id, reason)

    def override(self, article_id: int, reason: str) -> ReviewState:
        """Let the export take the article's content as it is, on an approver's recorded reason."""
        return self._act(Step.OVERRIDE, article_id, reason)

    def _now(self) -> dt.datetime:
        return self.clock().replace(microsecond=0)

    def _act(self, step: Step, article_id: int, text: str) -> ReviewState:
        text = text.strip()
        with self.store.transaction():
            article = self.store.get_article(article_id)
            state = self.state(article_id)
            rules = self.rules()
            refusal = self._refusal(step, article, state, rules, text)
            if refusal is not None:
                raise ReviewRefused(
                    tr(
                        "article {id} 《{title}》: {refusal}",
                        id=article_id,
                        title=article.title,
                        refusal=refusal,
                    )
                )
            conn = self.store.database.connection()
            current = self.current_hash(article)
            proofing: ProofreadingPass | None = None
            if step in (Step.SUBMIT, Step.SIGN):
                proofing = proofreading_pass(self.store, article)
            stage = state.open_stage if step in (Step.SIGN, Step.RETURN) else 0
            action = {
                Step.SUBMIT: Action.SUBMITTED,
                Step.SIGN: Action.SIGNED,
                Step.RETURN: Action.RETURNED,
                Step.WITHDRAW: Action.WITHDRAWN,
                Step.OVERRIDE: Action.OVERRIDDEN,
            }[step]
            entry = LogEntry(
                article_id, action, self.user, self._now(), stage, text, current, proofing
            )
            log.append(conn, entry)
            if step in (Step.SIGN, Step.OVERRIDE):
                # The text signed stays in the history, for the next reviewer's comparison.
                self.store.keep_revision(article_id, RevisionReason.STATUS)
            if step is Step.SIGN and stage >= rules.stages:
                log.append(
                    conn,
                    LogEntry(
                        article_id, Action.APPROVED, self.user, self._now(), stage, "", current
                    ),
                )
            after = self.state(article_id)
            status = status_of(after)
            if status is not Status(article.status):
                self.store.save_article(replace(article, status=status), RevisionReason.STATUS)
        return after

    # Refusals ---------------------------------------------------------------------------

    def _refusal(
        self, step: Step, article: Article, state: ReviewState, rules: ReviewRules, text: str
    ) -> str | None:
        """Why this person may not take ``step`` now, or None when they may."""
        if not self.user:
            return tr("say who you are first (--user NAME or NEWSROOM_USER)")
        if step is Step.SUBMIT:
            if state.phase is not Phase.DRAFT:
                return tr(
                    "it is already {phase}; only a draft can be sent to review",
                    phase=phase_name(state.phase),
                )
            return None
        if step is Step.SIGN:
            if not text:
                return tr("a signature needs an opinion (审核意见)")
            return self._sign_refusal(state, rules)
        if step is Step.RETURN:
            if not text:
                return tr("returning needs a reason")
            return self._sign_refusal(state, rules, returning=True)
        if step is Step.WITHDRAW:
            if not text:
                return tr("withdrawing needs a reason")
            if state.phase is Phase.DRAFT:
                return tr("it is a draft: there is nothing to withdraw")
            if rules.is_approver(self.user) or (
                state.phase is Phase.REVIEW and state.submitter == self.user
            ):
                return None
            final = ", ".join(rules.signers(rules.stages)) or tr("nobody is named")
            return tr(
                "{user} may not withdraw it: only its author while in review, or a {stage} "
                "signer ({signers})",
                user=self.user,
                stage=rules.stage_name(rules.stages),
                signers=final,
            )
        if step is Step.OVERRIDE:
            if not text:
                return tr("an override needs a reason")
            if not rules.is_approver(self.user):
                return tr(
                    "only a {stage} signer may override the sign-off",
                    stage=rules.stage_name(rules.stages),
                )
            if state.phase is Phase.DRAFT:
                return tr("it is a draft: send it to review instead")
            if state.exportable(self.current_hash(article)):
                return tr("its signatures match its content: there is nothing to override")
            return None
        return None  # pragma: no cover - every step is handled above

    def _sign_refusal(
        self, state: ReviewState, rules: ReviewRules, *, returning: bool = False
    ) -> str | None:
        """Why this person may not sign (or, ``returning``, return) the open stage now."""
        if not self.user:
            return tr("say who you are first (--user NAME or NEWSROOM_USER)")
        if state.phase is not Phase.REVIEW or not state.open_stage:
            if returning:
                return tr(
                    "it is not waiting for a signature (it is {phase}): there is nothing to return",
                    phase=phase_name(state.phase),
                )
            return tr(
                "it is not waiting for a signature (it is {phase})", phase=phase_name(state.phase)
            )
        stage = state.open_stage
        name = rules.stage_name(stage)
        if stage > rules.stages:
            return tr("every stage is signed; stage {stage} does not exist", stage=stage)
        if not rules.may_sign(self.user, stage):
            allowed = ", ".join(rules.signers(stage)) or tr("nobody is named yet")
            if returning:
                return tr(
                    "{user} may not return it at stage {stage} ({name}); allowed: {allowed}",
                    user=self.user,
                    stage=stage,
                    name=name,
                    allowed=allowed,
                )
            return tr(
                "{user} may not sign stage {stage} ({name}); allowed: {allowed}",
                user=self.user,
                stage=stage,
                name=name,
                allowed=allowed,
            )
        if state.submitter == self.user:
            if returning:
                return tr(
                    "{user} sent it to review and may not return their own article", user=self.user
                )
            return tr("{user} sent it to review and may not sign their own article", user=self.user)
        if state.signed_by(self.user) and not rules.allow_same_signer and not returning:
            return tr(
                "{user} already signed an earlier stage; the same person may not sign two "
                "stages (site setting allow_same_signer)",
                user=self.user,
            )
        return None
