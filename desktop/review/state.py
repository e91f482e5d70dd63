"""Where an article stands in review, read back from its log (the log is the only truth)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import Enum

from desktop.review.log import Action, LogEntry


class Phase(str, Enum):
    """The article's place in the flow."""

    DRAFT = "draft"  # never submitted, returned or withdrawn
    REVIEW = "review"  # waiting for the open stage's signature
    APPROVED = "approved"  # every stage signed (or approved before sign-off was recorded)
    PUBLISHED = "published"  # taken by an export since its approval


@dataclass(frozen=True)
class Signature:
    """A stage signed: who, when, with which opinion, on which content."""

    stage: int
    user: str
    time: str
    opinion: str
    content_hash: str

    def to_json(self) -> dict[str, object]:
        """Return the signature as the command line's JSON shows it."""
        return {
            "stage": self.stage,
            "user": self.user,
            "time": self.time,
            "opinion": self.opinion,
            "content_hash": self.content_hash,
        }


@dataclass
class ReviewState:
    """An article's review: phase, open stage, this round's signatures, the last reasons."""

    phase: Phase = Phase.DRAFT
    open_stage: int = 0  # the stage waiting for a signature (0: none)
    submitter: str = ""  # who sent it to review this round (the article's author in the flow)
    signatures: list[Signature] = field(default_factory=list)
    approved_hash: str = ""  # the content the approval covers ("" while not approved)
    before_record: bool = False  # approved before sign-off was recorded
    returned_reason: str = ""  # why it was last returned (cleared by the next 送审)
    returned_by: str = ""
    withdrawn_reason: str = ""
    override_hash: str = ""  # the content an approver approved by override (with a reason)
    override_reason: str = ""
    override_by: str = ""
    changed_after_signature: bool = False  # sent back by a change this round

    @property
    def bound_hash(self) -> str:
        """The content the latest signature or approval covers ("" when nothing is signed)."""
        if self.approved_hash:
            return self.approved_hash
        return self.signatures[-1].content_hash if self.signatures else ""

    def signed_by(self, user: str) -> bool:
        """Whether ``user`` signed a stage this round."""
        return any(s.user == user for s in self.signatures)

    def last_signature(self) -> Signature | None:
        """The newest signature of this round, if any."""
        return self.signatures[-1] if self.signatures else None

    def exportable(self, current_hash: str) -> bool:
        """Whether an export may take the article with this content."""
        signed = self.phase in (Phase.APPROVED, Phase.PUBLISHED)
        return signed and self.approved_hash == current_hash


def replay(entries: Sequence[LogEntry]) -> ReviewState:
    """Read an article's log, oldest first, into its review state."""
    state = ReviewState()
    for entry in entries:
        action = entry.action
        if action is Action.SUBMITTED:
            state = ReviewState(
                phase=Phase.REVIEW,
                open_stage=1,
                submitter=entry.user,
                override_hash=state.override_hash,
                override_reason=state.override_reason,
                override_by=state.override_by,
            )
        elif action is Action.SIGNED:
            state.signatures.append(
                Signature(
                    entry.stage,
                    entry.user,
                    entry.time.isoformat(sep=" "),
                    entry.text,
                    entry.content_hash,
                )
            )
            state.open_stage = entry.stage + 1
        elif action is Action.APPROVED:
            state.phase = Phase.APPROVED
            state.open_stage = 0
            state.approved_hash = entry.content_hash
        elif action is Action.APPROVED_BEFORE_RECORD:
            state = ReviewState(
                phase=Phase.APPROVED, approved_hash=entry.content_hash, before_record=True
            )
        elif action is Action.PUBLISHED:
            if state.phase is Phase.APPROVED:
                state.phase = Phase.PUBLISHED
        elif action is Action.CHANGED:
            kept = [s for s in state.signatures if s.stage < entry.stage]
            state.signatures = kept
            state.open_stage = min(entry.stage, len(kept) + 1)
            state.phase = Phase.REVIEW
            state.approved_hash = ""
            state.before_record = False
            state.changed_after_signature = True
        elif action is Action.RETURNED:
            state = ReviewState(
                phase=Phase.DRAFT,
                returned_reason=entry.text,
                returned_by=entry.user,
                submitter=state.submitter,
            )
        elif action is Action.WITHDRAWN:
            state = ReviewState(phase=Phase.DRAFT, withdrawn_reason=entry.text)
        elif action is Action.OVERRIDDEN:
            # An approver takes this exact content as approved, stages signed or not.
            state.phase = Phase.APPROVED
            state.open_stage = 0
            state.approved_hash = entry.content_hash
            state.override_hash = entry.content_hash
            state.override_reason = entry.text
            state.override_by = entry.user
    return state
