"""Where an article came from: the publication date an imported article arrived with.

An article imported from an archive file carries the date it was published on the old site
(front matter ``date:``); the store's creation time is only the day of the import. The
self-check must not call such an article back-dated, so the import keeps, in the store's
bookkeeping (``store_state``, no schema change), the date each imported article arrived
with. A file without a date arrives dated at the import, which is never back-dated either.
"""

from __future__ import annotations

import datetime as dt

from desktop.article import Article
from desktop.store.store import Store

_PREFIX = "import-dated:"


def remember_imported_date(store: Store, article: Article) -> None:
    """Record the publication date a newly imported article arrived with."""
    if article.id is None:
        return
    when = article.published_at.replace(microsecond=0).isoformat(sep=" ")
    store.set_state_value(f"{_PREFIX}{article.id}", when)


def imported_dates(store: Store) -> dict[int, dt.datetime]:
    """Return the date each imported article arrived with, by article id."""
    rows = store.database.execute_sql(
        "SELECT key, value FROM store_state WHERE key LIKE ?", (_PREFIX + "%",)
    ).fetchall()
    dates: dict[int, dt.datetime] = {}
    for key, value in rows:
        try:
            dates[int(key[len(_PREFIX) :])] = dt.datetime.fromisoformat(value)
        except ValueError:
            continue  # a hand-edited row says nothing reliable
    return dates
