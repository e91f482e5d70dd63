"""``newsroom review …``: the sign-off flow on the command line, and review facts in JSON."""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.i18n import tr
from desktop.review import log
from desktop.review.content import SHORT
from desktop.review.record import hash_in
from desktop.review.rules import ReviewRules
from desktop.review.state import replay
from desktop.store import ArticleNotFound, Store

if TYPE_CHECKING:
    from desktop.review.flow import ReviewFlow

#: The environment variable naming who is acting when ``--user`` is not given.
USER_ENV = "NEWSROOM_USER"
#: The sheet's place in the site, for the printer (it links nothing outside itself).
SHEET_PATH = "review/sheet.html"


class ReviewCommandError(Exception):
    """A refusal or problem to report in one line, exit 1."""


def acting_user(args: argparse.Namespace, store: Store | None = None) -> str:
    """Who is acting: on a server the login (named by the office's people list); else
    ``--user``, else ``$NEWSROOM_USER``, else nobody."""
    if store is not None and store.address is not None:
        # The server checked the login's password: no name given here can stand in for it.
        return store.site().person(store.address.login)
    return (getattr(args, "user", None) or os.environ.get(USER_ENV, "")).strip()


def add_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add ``review`` and its actions to the command line's subparsers."""
    p = sub.add_parser(
        "review", parents=[common], help=tr("三审三校: submit, sign, return, withdraw")
    )
    actions = p.add_subparsers(dest="review_action", metavar="ACTION", required=True)
    a = actions.add_parser("submit", parents=[common], help=tr("送审: send a draft to review"))
    a.add_argument("id", type=int, metavar="ID")
    a = actions.add_parser("sign", parents=[common], help=tr("通过: sign the next open stage"))
    a.add_argument("id", type=int, metavar="ID")
    a.add_argument(
        "--opinion", required=True, metavar="TEXT", help=tr("the reviewer's opinion (审核意见)")
    )
    a = actions.add_parser("return", parents=[common], help=tr("退回: send back with a reason"))
    a.add_argument("id", type=int, metavar="ID")
    a.add_argument("--reason", required=True, metavar="TEXT")
    a = actions.add_parser("withdraw", parents=[common], help=tr("撤稿: withdraw with a reason"))
    a.add_argument("id", type=int, metavar="ID")
    a.add_argument("--reason", required=True, metavar="TEXT")
    a = actions.add_parser(
        "override",
        parents=[common],
        help=tr("let the export take the article as it is (final-stage signers, with a reason)"),
    )
    a.add_argument("id", type=int, metavar="ID")
    a.add_argument("--reason", required=True, metavar="TEXT")
    a = actions.add_parser("log", parents=[common], help=tr("print an article's review log"))
    a.add_argument("id", type=int, metavar="ID")
    a.add_argument("--json", action="store_true", help=tr("print a JSON array"))
    a = actions.add_parser("sheet", parents=[common], help=tr("write the sign-off sheet (审签单)"))
    a.add_argument("id", type=int, metavar="ID")
    a.add_argument("--pdf", metavar="FILE", help=tr("write it as PDF"))
    a.add_argument("--html", metavar="FILE", help=tr("write it as HTML"))


def run(store: Store, args: argparse.Namespace) -> int:
    """Run one ``review`` action; refusals raise ReviewCommandError."""
    # The flow brings proofreading (for the 校 passes): loaded for review commands only, so
    # that every other command (an export) starts without it.
    from desktop.review.flow import ReviewFlow, ReviewRefused

    flow = ReviewFlow(store, acting_user(args, store))
    action = args.review_action
    try:
        if action == "log":
            return _print_log(flow, args.id, args.json)
        if action == "sheet":
            return _write_sheet(store, args)
        if action == "submit":
            state = flow.submit(args.id)
        elif action == "sign":
            state = flow.sign(args.id, args.opinion)
        elif action == "return":
            state = flow.return_(args.id, args.reason)
        elif action == "withdraw":
            state = flow.withdraw(args.id, args.reason)
        else:
            state = flow.override(args.id, args.reason)
    except (ReviewRefused, ArticleNotFound) as exc:
        raise ReviewCommandError(str(exc)) from None
    rules = flow.rules()
    where = (
        f"waiting for stage {state.open_stage} ({rules.stage_name(state.open_stage)})"
        if state.open_stage
        else state.phase.value
    )
    print(f"{args.id}\t{where}")
    return 0


def _print_log(flow: ReviewFlow, article_id: int, as_json: bool) -> int:
    flow.store.get_article(article_id)  # an unknown id is refused, not an empty log
    entries = flow.entries(article_id)
    if as_json:
        print(json.dumps([e.to_json() for e in entries], ensure_ascii=False, indent=2))
        return 0
    for e in entries:
        print(
            f"{e.time:%Y-%m-%d %H:%M:%S}\t{e.action.value}\t{e.stage or ''}\t{e.user}\t"
            f"{e.content_hash[:SHORT]}\t{e.text}"
        )
    return 0


def sheet_html(store: Store, article_id: int) -> str:
    """Return the sign-off sheet of a stored article as HTML."""
    from desktop.review.sheet import render_sheet

    article = store.get_article(article_id)
    conn = store.database.connection()
    return render_sheet(
        article,
        store.site(),
        log.entries(conn, article_id),
        ReviewRules.of(store.site()),
        hash_in(conn, article),
    )


def _write_sheet(store: Store, args: argparse.Namespace) -> int:
    from desktop.printable import PdfFailed, PrintablePage, pdf_file_name, write_pdf

    html = sheet_html(store, args.id)
    if not args.pdf and not args.html:
        raise ReviewCommandError(tr("say where to write the sheet: --pdf FILE or --html FILE"))
    if args.html:
        Path(args.html).write_text(html, encoding="utf-8")
    if args.pdf:
        target = pdf_file_name(Path(args.pdf))
        try:
            write_pdf(PrintablePage(html=html, path=SHEET_PATH), target)
        except PdfFailed as exc:
            raise ReviewCommandError(str(exc)) from None
        print(target)
    return 0


def review_facts(
    conn: sqlite3.Connection, ids: Iterable[int], rules: ReviewRules
) -> dict[int, dict[str, Any]]:
    """Return ``stage`` and ``signatures`` (and the last return's reason) per article, for JSON."""
    logs = log.entries_of(conn, list(ids))
    facts: dict[int, dict[str, Any]] = {}
    for article_id, entries in logs.items():
        state = replay(entries)
        facts[article_id] = _facts(state, rules)
    return facts


def _facts(state: Any, rules: ReviewRules) -> dict[str, Any]:
    return {
        "stage": state.open_stage,
        "stage_name": rules.stage_name(state.open_stage) if state.open_stage else "",
        "signatures": [s.to_json() for s in state.signatures],
        "returned_reason": state.returned_reason,
    }


def with_review_facts(store: Store, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Add ``stage`` and ``signatures`` to JSON objects of articles (each with an ``id``)."""
    rules = ReviewRules.of(store.site())
    facts = review_facts(store.database.connection(), [r["id"] for r in rows], rules)
    empty = _facts(replay([]), rules)
    return [{**row, **facts.get(row["id"], empty)} for row in rows]
