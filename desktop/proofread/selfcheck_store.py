"""What the site self-check keeps in the database: the last link check and column windows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from desktop.i18n import tr
from desktop.proofread.link_check import ArticleLinks, LinkResult, LinkStatus
from desktop.store import Store


@dataclass(frozen=True)
class CheckedLink:
    """One address of one article as the last link check found it."""

    article_id: int
    title: str
    result: LinkResult
    checked_at: dt.datetime


def save_link_results(
    store: Store,
    checked: Sequence[ArticleLinks],
    results: Mapping[str, LinkResult],
    checked_at: dt.datetime,
    article_ids: Sequence[int] | None = None,
) -> None:
    """Replace the stored results of the checked articles (all articles when ``article_ids``
    is None: a full check forgets links that are gone), keeping only answered addresses."""
    db = store.database
    when = checked_at.replace(microsecond=0).isoformat(sep=" ")
    with store.transaction():
        if article_ids is None:
            db.execute_sql("DELETE FROM link_check")
        else:
            for article_id in article_ids:
                db.execute_sql("DELETE FROM link_check WHERE article_id = ?", (article_id,))
        for links in checked:
            for url in links.urls:
                result = results.get(url)
                if result is None:  # cancelled before it was asked
                    continue
                db.execute_sql(
                    "INSERT INTO link_check (article_id, url, status, code, final_url, detail, "
                    "checked_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (
                        links.article_id,
                        url,
                        result.status.value,
                        result.code,
                        result.final_url,
                        result.detail,
                        when,
                    ),
                )


def last_link_results(store: Store, dead_only: bool = False) -> list[CheckedLink]:
    """Return the stored results of articles not in the trash, by article then address."""
    rows = store.database.execute_sql(
        "SELECT l.article_id, a.title, l.url, l.status, l.code, l.final_url, l.detail, "
        "l.checked_at FROM link_check l JOIN article a ON a.id = l.article_id "
        "WHERE a.deleted_at IS NULL ORDER BY l.article_id, l.url"
    ).fetchall()
    found = []
    for article_id, title, url, status, code, final_url, detail, checked_at in rows:
        try:
            kind = LinkStatus(status)
        except ValueError:
            continue  # written by a newer version: not ours to interpret
        result = LinkResult(url, kind, code, final_url, detail)
        if dead_only and not result.dead:
            continue
        found.append(
            CheckedLink(article_id, title, result, dt.datetime.fromisoformat(str(checked_at)))
        )
    return found


def column_windows(store: Store) -> dict[int, int]:
    """Return the update windows set per column, in days, by column id."""
    rows = store.database.execute_sql("SELECT column_id, days FROM column_window").fetchall()
    return {int(column_id): int(days) for column_id, days in rows}


def set_column_window(store: Store, column_id: int, days: int | None) -> None:
    """Set a column's update window in days (None: back to its kind's default)."""
    if days is not None and days < 1:
        raise ValueError(tr("a column's update window is at least one day"))
    with store.transaction():
        store.database.execute_sql("DELETE FROM column_window WHERE column_id = ?", (column_id,))
        if days is not None:
            store.database.execute_sql(
                "INSERT INTO column_window (column_id, days) VALUES (?, ?)", (column_id, days)
            )


def set_column_windows(store: Store, windows: Mapping[int, int | None]) -> None:
    """Set several columns' update windows in one transaction (None: the kind's default)."""
    if any(days is not None and days < 1 for days in windows.values()):
        raise ValueError(tr("a column's update window is at least one day"))
    with store.transaction():
        for column_id, days in windows.items():
            set_column_window(store, column_id, days)
