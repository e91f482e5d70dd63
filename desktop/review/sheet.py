"""The 审签单 (sign-off sheet): one page to print, sign by hand and keep on file.

Rendered from resources/templates/review/signoff_sheet.html with escaping on: every value is
the article's or the log's text, never markup. The window shows it and the command line and
the window turn it into a PDF through the GUI's HTML → PDF path.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache

import jinja2

from desktop.article import Article
from desktop.media_paths import pictures_used
from desktop.resources import resource_path
from desktop.review.content import SHORT
from desktop.review.log import Action, LogEntry
from desktop.review.rules import ReviewRules
from desktop.review.state import Phase, replay
from desktop.site import Site
from desktop.wordcount import count_words

#: What each log action is called on the sheet.
ACTION_NAMES = {
    Action.SUBMITTED: "送审",
    Action.SIGNED: "签署",
    Action.RETURNED: "退回",
    Action.APPROVED: "审核通过",
    Action.CHANGED: "签署后修改，重新审核",
    Action.PUBLISHED: "发布（导出）",
    Action.WITHDRAWN: "撤稿",
    Action.OVERRIDDEN: "越过签署导出",
    Action.APPROVED_BEFORE_RECORD: "记录签署之前已审核通过",
}


@dataclass(frozen=True)
class StageRow:
    """One stage of the sheet: its name and, once signed, who, when, what and on which content."""

    stage: int
    name: str
    signer: str
    time: str
    opinion: str
    hash_prefix: str
    matches: bool  # the signature covers the content as it is now


@dataclass(frozen=True)
class ProofingRow:
    """One 校 of the sheet: when, at which step, problems found, fixed since, ignored."""

    time: str
    step: str
    user: str
    found: int
    serious: int
    fixed: int
    ignored: tuple[tuple[str, str], ...]


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(resource_path("templates", "review")),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _time(value: dt.datetime) -> str:
    return value.strftime("%Y-%m-%d %H:%M")


def stage_rows(entries: list[LogEntry], rules: ReviewRules, current_hash: str) -> list[StageRow]:
    """One row per stage the office runs, filled from this round's signatures."""
    state = replay(entries)
    signed = {s.stage: s for s in state.signatures}
    rows = []
    for stage in range(1, rules.stages + 1):
        sig = signed.get(stage)
        rows.append(
            StageRow(
                stage=stage,
                name=rules.stage_name(stage),
                signer=sig.user if sig else "",
                time=sig.time[:16] if sig else "",
                opinion=sig.opinion if sig else "",
                hash_prefix=sig.content_hash[:SHORT] if sig else "",
                matches=bool(sig) and sig is not None and sig.content_hash == current_hash,
            )
        )
    return rows


def proofing_rows(entries: list[LogEntry], rules: ReviewRules) -> list[ProofingRow]:
    """Every proofreading pass recorded with a 送审 or a signature, oldest first."""
    rows: list[ProofingRow] = []
    previous: int | None = None
    for entry in entries:
        if entry.proofreading is None:
            continue
        found = entry.proofreading.found
        step = "送审" if entry.action is Action.SUBMITTED else rules.stage_name(entry.stage)
        rows.append(
            ProofingRow(
                time=_time(entry.time),
                step=step,
                user=entry.user,
                found=found,
                serious=entry.proofreading.serious,
                fixed=max(0, previous - found) if previous is not None else 0,
                ignored=entry.proofreading.ignored,
            )
        )
        previous = found
    return rows


def render_sheet(
    article: Article,
    site: Site,
    entries: list[LogEntry],
    rules: ReviewRules,
    current_hash: str,
    printed_at: dt.datetime | None = None,
) -> str:
    """Return the sign-off sheet of an article as a whole HTML document (Chinese)."""
    state = replay(entries)
    pictures = [p for p in pictures_used(article.body, article.cover) if "/thumbs/" not in p]
    phase_names = {
        Phase.DRAFT: "草稿",
        Phase.REVIEW: f"待{rules.stage_name(state.open_stage)}" if state.open_stage else "审核中",
        Phase.APPROVED: "已审核通过",
        Phase.PUBLISHED: "已发布",
    }
    history = [
        {
            "time": _time(e.time),
            "action": ACTION_NAMES[e.action],
            "stage": rules.stage_name(e.stage) if e.stage else "",
            "user": e.user,
            "text": e.text if e.action is not Action.APPROVED_BEFORE_RECORD else "",
            "hash": e.content_hash[:SHORT],
        }
        for e in entries
    ]
    template = _environment().get_template("signoff_sheet.html")
    return template.render(
        site=site,
        article=article,
        words=count_words(article.body) + count_words(article.title),
        pictures=len(pictures),
        phase=phase_names[state.phase],
        stages=stage_rows(entries, rules, current_hash),
        proofing=proofing_rows(entries, rules),
        history=history,
        current_hash=current_hash[:SHORT],
        same_signer_allowed=rules.allow_same_signer,
        before_record=state.before_record,
        override=state.override_hash == current_hash and bool(state.override_hash),
        override_by=state.override_by,
        override_reason=state.override_reason,
        returned_reason=state.returned_reason if state.phase is Phase.DRAFT else "",
        printed_at=_time(printed_at or dt.datetime.now()),
    )
