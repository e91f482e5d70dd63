"""What the store writes into the review log by itself: arrivals already approved, changes.

The store calls these inside its own transactions, so an edit and the entry sending the
article back are saved together or not at all. No Qt, and no import of the store.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterable

from desktop.article import EDITED_FIELDS, EXPORTABLE, Article, FieldKind, Status
from desktop.review import log
from desktop.review.content import content_hash, stored_picture_hash
from desktop.review.log import Action, LogEntry
from desktop.review.rules import ReviewRules
from desktop.review.state import Phase, ReviewState, replay
from desktop.site import REVIEW, Site


def rules_in(conn: sqlite3.Connection) -> ReviewRules:
    """Read the office's review rules straight from the site settings table."""
    site = Site()
    keys = sorted(REVIEW)
    rows = conn.execute(
        f"SELECT key, value FROM site_setting WHERE key IN ({', '.join('?' * len(keys))})", keys
    ).fetchall()
    for key, value in rows:
        try:
            site = site.with_value(key, value)
        except ValueError:
            continue  # a bad stored value falls back to the default, as the settings read it
    return ReviewRules.of(site)


def hash_in(conn: sqlite3.Connection, article: Article) -> str:
    """Return the article's content hash, pictures looked up in this database."""
    return content_hash(article, stored_picture_hash(conn))


def record_arrivals(
    conn: sqlite3.Connection, articles: Iterable[Article], now: dt.datetime
) -> None:
    """Log the articles that arrive approved or published as approved before the record."""
    for article in articles:
        if article.id is not None and Status(article.status) in EXPORTABLE:
            log.append(
                conn,
                LogEntry(
                    article_id=article.id,
                    action=Action.APPROVED_BEFORE_RECORD,
                    user="",
                    time=now,
                    text=log.BEFORE_RECORD_NOTE,
                    content_hash=hash_in(conn, article),
                ),
            )


def status_of(state: ReviewState) -> Status:
    """Return the article status that matches a review state."""
    return Status(state.phase.value)


def after_edit(conn: sqlite3.Connection, article: Article, now: dt.datetime) -> Status | None:
    """Note a save in the log; return the status the article must take, or None to keep it.

    A change to signed content sends the article back to the office's restart stage (an entry
    in the log, status review). A status of approved or published that the log does not back
    (a revision or file restored over a newer record) is not taken: the log's status is.
    """
    assert article.id is not None
    entries = log.entries(conn, article.id)
    if not entries:
        return None
    state = replay(entries)
    current = hash_in(conn, article)
    bound = state.bound_hash
    if bound and current != bound:
        stage = rules_in(conn).restart_stage
        log.append(
            conn,
            LogEntry(
                article_id=article.id,
                action=Action.CHANGED,
                user="",
                time=now,
                stage=stage,
                text=f"changed after a signature: back to stage {stage}",
                content_hash=current,
            ),
        )
        return Status.REVIEW
    wanted = Status(article.status)
    if wanted in EXPORTABLE and state.phase not in (Phase.APPROVED, Phase.PUBLISHED):
        return status_of(state)
    return None


def _article_from_row(row: sqlite3.Row) -> Article:
    values: dict[str, object] = {}
    present = set(row.keys())
    for spec in EDITED_FIELDS:
        if spec.column_name not in present:
            continue  # a field a later migration adds: its default, as that migration sets it
        value = row[spec.column_name]
        if spec.kind is FieldKind.COLUMN:
            value = row["column_name"] or ""
        elif spec.kind is FieldKind.KEYWORDS:
            value = [str(k) for k in json.loads(value or "[]")]
        elif spec.kind is FieldKind.TIME:
            value = dt.datetime.fromisoformat(str(value))
        elif spec.kind is FieldKind.STATUS:
            value = Status(value)
        values[spec.name] = value
    return Article(id=row["id"], **values)  # type: ignore[arg-type]


def create_review_log_with_history(conn: sqlite3.Connection) -> None:
    """Migration 7: the review log, with every approved or published article recorded so."""
    log.create_review_log(conn)
    factory = conn.row_factory
    conn.row_factory = sqlite3.Row
    try:
        rows = conn.execute(
            "SELECT a.*, c.name AS column_name FROM article a "
            "LEFT JOIN site_column c ON c.id = a.column_id "
            "WHERE a.status IN ('approved', 'published') ORDER BY a.id"
        ).fetchall()
        articles = [_article_from_row(r) for r in rows]
    finally:
        conn.row_factory = factory
    now = dt.datetime.now().replace(microsecond=0)
    record_arrivals(conn, articles, now)
