"""The review log: every 送审, signature, 退回, approval, export and 撤稿, never changed.

The table is created by migration 7. Triggers refuse every UPDATE and DELETE of its rows, so
nothing in Newsroom (or a tool run on the file) can rewrite or remove what was recorded; rows
do not cascade with their article either, so deleting an article for good keeps its record.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Any


class Action(str, Enum):
    """What was done to an article on its way through review."""

    SUBMITTED = "submitted"  # 送审
    SIGNED = "signed"  # a stage signed with an opinion (审核意见)
    RETURNED = "returned"  # 退回, with a reason
    APPROVED = "approved"  # the last stage signed
    CHANGED = "changed"  # content changed after a signature: back to a stage
    PUBLISHED = "published"  # taken by an export
    WITHDRAWN = "withdrawn"  # 撤稿, with a reason
    OVERRIDDEN = "overridden"  # an approver let the export take unsigned content, with a reason
    APPROVED_BEFORE_RECORD = "approved-before-record"  # approved before sign-off was recorded


#: What the log says for an article that was approved or published before Newsroom recorded
#: sign-off (an older database, or a file that arrived approved).
BEFORE_RECORD_NOTE = "approved before sign-off was recorded"


@dataclass(frozen=True)
class ProofreadingPass:
    """One 校: the checks run on the content signed, with counts and the problems left ignored."""

    found: int
    serious: int
    ignored: tuple[tuple[str, str], ...] = ()  # (problem text or key, the reason recorded)

    def to_json(self) -> dict[str, Any]:
        """Return the pass as JSON data."""
        return {
            "found": self.found,
            "serious": self.serious,
            "ignored": [{"problem": p, "reason": r} for p, r in self.ignored],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ProofreadingPass:
        """Read a pass back from ``to_json``."""
        ignored = tuple((str(i["problem"]), str(i["reason"])) for i in data.get("ignored", ()))
        return cls(int(data.get("found", 0)), int(data.get("serious", 0)), ignored)


@dataclass(frozen=True)
class LogEntry:
    """One row of the review log."""

    article_id: int
    action: Action
    user: str
    time: dt.datetime
    stage: int = 0
    text: str = ""  # the opinion of a signature, the reason of a return, withdrawal or override
    content_hash: str = ""
    proofreading: ProofreadingPass | None = None
    id: int | None = field(default=None, compare=False)

    def to_json(self) -> dict[str, Any]:
        """Return the entry as the command line's JSON shows it."""
        data: dict[str, Any] = {
            "id": self.id,
            "article_id": self.article_id,
            "action": self.action.value,
            "stage": self.stage,
            "user": self.user,
            "time": self.time.isoformat(sep=" "),
            "content_hash": self.content_hash,
        }
        if self.action is Action.SIGNED:
            data["opinion"] = self.text
        else:
            data["reason"] = self.text
        if self.proofreading is not None:
            data["proofreading"] = self.proofreading.to_json()
        return data


#: The store's SQLite connection (``store.database.connection()``).
Connection = sqlite3.Connection


SCHEMA = (
    f"""CREATE TABLE review_log (
        id INTEGER PRIMARY KEY,
        article_id INTEGER NOT NULL,
        action TEXT NOT NULL CHECK (action IN ({", ".join(repr(a.value) for a in Action)})),
        stage INTEGER NOT NULL DEFAULT 0,
        user TEXT NOT NULL DEFAULT '',
        time TEXT NOT NULL,
        text TEXT NOT NULL DEFAULT '',
        content_hash TEXT NOT NULL DEFAULT '',
        proofreading TEXT NOT NULL DEFAULT ''
    )""",
    "CREATE INDEX review_log_by_article ON review_log(article_id, id)",
    """CREATE TRIGGER review_log_append_only_update BEFORE UPDATE ON review_log
    BEGIN SELECT RAISE(ABORT, 'the review log is append-only'); END""",
    """CREATE TRIGGER review_log_append_only_delete BEFORE DELETE ON review_log
    BEGIN SELECT RAISE(ABORT, 'the review log is append-only'); END""",
)


def create_review_log(conn: sqlite3.Connection) -> None:
    """Create the review log table and the triggers that keep it append-only."""
    for statement in SCHEMA:
        conn.execute(statement)


_COLUMNS = "id, article_id, action, stage, user, time, text, content_hash, proofreading"


def append(conn: Connection, entry: LogEntry) -> None:
    """Add one entry at the end of the log (the only write the log ever takes)."""
    conn.execute(
        "INSERT INTO review_log (article_id, action, stage, user, time, text, content_hash, "
        "proofreading) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            entry.article_id,
            entry.action.value,
            entry.stage,
            entry.user,
            entry.time.isoformat(sep=" "),
            entry.text,
            entry.content_hash,
            json.dumps(entry.proofreading.to_json(), ensure_ascii=False)
            if entry.proofreading is not None
            else "",
        ),
    )


def _entry(row: Sequence[Any]) -> LogEntry:
    proofreading = ProofreadingPass.from_json(json.loads(row[8])) if row[8] else None
    return LogEntry(
        id=row[0],
        article_id=row[1],
        action=Action(row[2]),
        stage=row[3],
        user=row[4],
        time=dt.datetime.fromisoformat(row[5]),
        text=row[6],
        content_hash=row[7],
        proofreading=proofreading,
    )


def entries(conn: Connection, article_id: int) -> list[LogEntry]:
    """Return an article's log, oldest first."""
    rows = conn.execute(
        f"SELECT {_COLUMNS} FROM review_log WHERE article_id = ? ORDER BY id", (article_id,)
    ).fetchall()
    return [_entry(r) for r in rows]


def entries_of(conn: Connection, article_ids: Iterable[int]) -> dict[int, list[LogEntry]]:
    """Return the logs of several articles at once, each oldest first."""
    found: dict[int, list[LogEntry]] = {}
    ids = list(article_ids)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        rows = conn.execute(
            f"SELECT {_COLUMNS} FROM review_log WHERE article_id IN "
            f"({', '.join('?' * len(chunk))}) ORDER BY id",
            chunk,
        ).fetchall()
        for row in rows:
            found.setdefault(row[1], []).append(_entry(row))
    return found


def all_entries(conn: Connection) -> list[LogEntry]:
    """Return the whole log, oldest first."""
    return [_entry(r) for r in conn.execute(f"SELECT {_COLUMNS} FROM review_log ORDER BY id")]
