"""Revisions of articles: snapshots kept at saves, their pruning policy, and side-by-side diffs.

A revision is a full copy of an article (every field and the body) as it stood at one moment.
The article row always holds the newest text; revisions are the history behind it. This module
holds the rules (when to keep, what to prune) as plain functions that take the time as an
argument, so that tests can drive them with a fake clock, and ``RevisionLog``, the SQL over the
``revision`` table that the store calls inside its own transactions.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

import peewee as pw

from desktop.article import SNAPSHOT_FIELDS as SNAPSHOT_SPECS
from desktop.article import Article, Status, clean_fields, from_json_value, to_json_value


class RevisionReason(str, Enum):
    """Why a revision was kept."""

    ORIGINAL = "original"  # the article as first stored, kept before its first change
    SAVE = "save"  # the user saved
    AUTOSAVE = "autosave"  # saving while typing: at most one every few minutes
    STATUS = "status"  # the status changed (draft, review, approved, published)
    EXPORT = "export"  # the text as it went into an export
    RESTORE = "restore"  # an older revision was brought back
    BEFORE_RESTORE = "before-restore"  # the text a restore replaced
    CONFLICT = "conflict"  # a text that lost a conflict between two windows


@dataclass(frozen=True)
class RetentionPolicy:
    """Which revisions pruning keeps: everything recent, then one a day, then one a month."""

    #: Every revision younger than this many days is kept.
    keep_all_days: int = 7
    #: Up to this age, the newest revision of each day is kept; older ones, one per month.
    daily_days: int = 90
    #: The newest revisions of each article are kept whatever their age.
    keep_newest: int = 20


@dataclass(frozen=True)
class RevisionSettings:
    """How often revisions are kept and pruned; the window passes the user's choice."""

    #: Autosaves keep a revision only when the last one is older than this (or status changed).
    autosave_interval: dt.timedelta = dt.timedelta(minutes=10)
    retention: RetentionPolicy = field(default_factory=RetentionPolicy)
    #: Prune after this many revisions were kept by one open store.
    prune_every: int = 50
    #: Prune on open when the last pruning is older than this.
    prune_on_open_after: dt.timedelta = dt.timedelta(days=1)


@dataclass(frozen=True)
class RevisionInfo:
    """What a history list shows of a revision."""

    id: int
    article_id: int
    created_at: dt.datetime
    reason: RevisionReason
    version: int  # the article's version this copy was taken of (or based on, for conflicts)
    status: Status
    title: str
    size: int  # characters in the body


@dataclass(frozen=True)
class Revision:
    """A revision with the full copy of the article it kept."""

    info: RevisionInfo
    article: Article


#: The fields a snapshot keeps besides the body (the column by name: ids can change).
SNAPSHOT_FIELDS = tuple(spec.name for spec in SNAPSHOT_SPECS)


def snapshot_fields(article: Article) -> dict[str, Any]:
    """Return an article's fields (not the body) as JSON-ready values, cleaned as stored."""
    article = clean_fields(article)
    fields = {
        spec.name: to_json_value(spec, getattr(article, spec.name)) for spec in SNAPSHOT_SPECS
    }
    # Stored times have whole seconds; a copy must compare equal to what the row holds.
    fields["published_at"] = article.published_at.replace(microsecond=0).isoformat(sep=" ")
    return fields


def snapshot_digest(fields: dict[str, Any], body: str) -> str:
    """Return a digest of a snapshot, to skip keeping a copy identical to the last one."""
    canonical = json.dumps(fields, ensure_ascii=False, sort_keys=True)
    # surrogatepass: a lone surrogate pasted from a broken file must not make saving fail here.
    data = (
        canonical.encode("utf-8", "surrogatepass") + b"\0" + body.encode("utf-8", "surrogatepass")
    )
    return hashlib.sha256(data).hexdigest()


def article_from_snapshot(
    article_id: int, version: int, fields: dict[str, Any], body: str
) -> Article:
    """Rebuild the article a snapshot kept (a field it did not keep takes its default)."""
    values = {
        spec.name: from_json_value(spec, fields[spec.name])
        for spec in SNAPSHOT_SPECS
        if spec.name in fields
    }
    return Article(**values, id=article_id, version=version, body=body)


def autosave_keeps_revision(
    now: dt.datetime,
    last_kept: dt.datetime | None,
    status_changed: bool,
    interval: dt.timedelta,
) -> bool:
    """Whether an autosave keeps a revision: the first, after ``interval``, or a status change."""
    return last_kept is None or status_changed or now - last_kept >= interval


def plan_pruning(
    revisions: Sequence[tuple[int, dt.datetime]], now: dt.datetime, policy: RetentionPolicy
) -> list[int]:
    """Return the ids of one article's revisions (``(id, time)`` pairs) that pruning removes."""
    newest_first = sorted(revisions, key=lambda r: (r[1], r[0]), reverse=True)
    keep_all = dt.timedelta(days=policy.keep_all_days)
    daily = dt.timedelta(days=policy.daily_days)
    days: set[dt.date] = set()
    months: set[tuple[int, int]] = set()
    removed: list[int] = []
    for index, (revision_id, taken) in enumerate(newest_first):
        age = now - taken
        day, month = taken.date(), (taken.year, taken.month)
        if index < policy.keep_newest or age < keep_all:
            keep = True
        elif age < daily:
            keep = day not in days
        else:
            keep = month not in months
        if keep:
            days.add(day)
            months.add(month)
        else:
            removed.append(revision_id)
    return removed


class Change(str, Enum):
    """How a row of a side-by-side diff differs."""

    EQUAL = "equal"
    INSERT = "insert"  # only on the right (the newer text)
    DELETE = "delete"  # only on the left (the older text)
    REPLACE = "replace"  # changed: ``left_spans``/``right_spans`` mark the changed characters


@dataclass(frozen=True)
class DiffRow:
    """One row of a side-by-side comparison: a line on the left, on the right, or both."""

    change: Change
    left: str | None
    right: str | None
    left_number: int | None  # 1-based line numbers, None where a side has no line
    right_number: int | None
    left_spans: tuple[tuple[int, int], ...] = ()  # [start, end) character ranges to highlight
    right_spans: tuple[tuple[int, int], ...] = ()


def revision_diff(old: str, new: str) -> list[DiffRow]:
    """Compare two texts line by line for a side-by-side view, marking changed characters."""
    old_lines, new_lines = old.splitlines(), new.splitlines()
    rows: list[DiffRow] = []
    # autojunk off: in Chinese text common characters are meaningful, not noise.
    import difflib  # only for a comparison: not loaded by every opening of the store

    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for k in range(i2 - i1):
                rows.append(
                    DiffRow(
                        Change.EQUAL, old_lines[i1 + k], new_lines[j1 + k], i1 + k + 1, j1 + k + 1
                    )
                )
        elif tag == "delete":
            rows.extend(
                DiffRow(Change.DELETE, old_lines[i], None, i + 1, None) for i in range(i1, i2)
            )
        elif tag == "insert":
            rows.extend(
                DiffRow(Change.INSERT, None, new_lines[j], None, j + 1) for j in range(j1, j2)
            )
        else:
            for k in range(max(i2 - i1, j2 - j1)):
                i, j = i1 + k, j1 + k
                left = old_lines[i] if i < i2 else None
                right = new_lines[j] if j < j2 else None
                if left is None:
                    rows.append(DiffRow(Change.INSERT, None, right, None, j + 1))
                elif right is None:
                    rows.append(DiffRow(Change.DELETE, left, None, i + 1, None))
                else:
                    left_spans, right_spans = _changed_spans(left, right)
                    rows.append(
                        DiffRow(Change.REPLACE, left, right, i + 1, j + 1, left_spans, right_spans)
                    )
    return rows


def _changed_spans(
    left: str, right: str
) -> tuple[tuple[tuple[int, int], ...], tuple[tuple[int, int], ...]]:
    import difflib

    matcher = difflib.SequenceMatcher(None, left, right, autojunk=False)
    left_spans: list[tuple[int, int]] = []
    right_spans: list[tuple[int, int]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if i2 > i1:
            left_spans.append((i1, i2))
        if j2 > j1:
            right_spans.append((j1, j2))
    return tuple(left_spans), tuple(right_spans)


def changed_fields(old: Article, new: Article) -> list[tuple[str, Any, Any]]:
    """Return ``(field, old value, new value)`` for every field but the body that differs."""
    before, after = snapshot_fields(old), snapshot_fields(new)
    return [
        (name, before[name], after[name]) for name in SNAPSHOT_FIELDS if before[name] != after[name]
    ]


@dataclass(frozen=True)
class LastRevision:
    """What deciding on the next revision needs to know of the last one."""

    id: int
    created_at: dt.datetime
    digest: str


_INFO_COLUMNS = "id, article_id, created_at, reason, version, status, title, size"


def _info(row: Sequence[Any]) -> RevisionInfo:
    return RevisionInfo(
        id=row[0],
        article_id=row[1],
        created_at=dt.datetime.fromisoformat(row[2]),
        reason=RevisionReason(row[3]),
        version=row[4],
        status=Status(row[5]),
        title=row[6],
        size=row[7],
    )


class RevisionLog:
    """The ``revision`` table: the store calls it inside its own transactions."""

    def __init__(self, database: pw.Database) -> None:
        self.database = database

    def last(self, article_id: int) -> LastRevision | None:
        """Return the newest revision of an article, if it has any."""
        row = self.database.execute_sql(
            "SELECT id, created_at, digest FROM revision WHERE article_id = ? "
            "ORDER BY id DESC LIMIT 1",
            (article_id,),
        ).fetchone()
        if row is None:
            return None
        return LastRevision(row[0], dt.datetime.fromisoformat(row[1]), row[2])

    def keep(
        self,
        article: Article,
        reason: RevisionReason,
        now: dt.datetime,
        *,
        version: int,
        allow_duplicate: bool = False,
    ) -> int | None:
        """Keep a copy of ``article``; return its id, or None if it equals the last revision."""
        assert article.id is not None
        fields = snapshot_fields(article)
        digest = snapshot_digest(fields, article.body)
        last = self.last(article.id)
        if last is not None and last.digest == digest and not allow_duplicate:
            return None
        cursor = self.database.execute_sql(
            "INSERT INTO revision (article_id, created_at, reason, version, status, title, size,"
            " digest, fields, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                article.id,
                now.isoformat(sep=" "),
                reason.value,
                version,
                fields["status"],
                fields["title"],
                len(article.body),
                digest,
                json.dumps(fields, ensure_ascii=False),
                article.body,
            ),
        )
        return int(cursor.lastrowid)

    def list(self, article_id: int) -> list[RevisionInfo]:
        """Return an article's revisions, newest first."""
        rows = self.database.execute_sql(
            f"SELECT {_INFO_COLUMNS} FROM revision WHERE article_id = ? ORDER BY id DESC",
            (article_id,),
        ).fetchall()
        return [_info(row) for row in rows]

    def get(self, revision_id: int) -> Revision | None:
        """Return one revision with its full copy, or None."""
        row = self.database.execute_sql(
            f"SELECT {_INFO_COLUMNS}, fields, body FROM revision WHERE id = ?", (revision_id,)
        ).fetchone()
        if row is None:
            return None
        info = _info(row)
        article = article_from_snapshot(info.article_id, info.version, json.loads(row[8]), row[9])
        return Revision(info, article)

    def count(self, article_id: int | None = None) -> int:
        """Count the revisions of one article, or of all."""
        if article_id is None:
            return int(self.database.execute_sql("SELECT count(*) FROM revision").fetchone()[0])
        sql = "SELECT count(*) FROM revision WHERE article_id = ?"
        return int(self.database.execute_sql(sql, (article_id,)).fetchone()[0])

    def prune(self, now: dt.datetime, policy: RetentionPolicy) -> int:
        """Remove the revisions the policy lets go, for every article; return how many."""
        # Only articles with more than the always-kept newest ones can lose anything.
        crowded = [
            row[0]
            for row in self.database.execute_sql(
                "SELECT article_id FROM revision GROUP BY article_id HAVING count(*) > ?",
                (policy.keep_newest,),
            )
        ]
        removed = 0
        for article_id in crowded:
            rows = self.database.execute_sql(
                "SELECT id, created_at FROM revision WHERE article_id = ?", (article_id,)
            ).fetchall()
            doomed = plan_pruning(
                [(row[0], dt.datetime.fromisoformat(row[1])) for row in rows], now, policy
            )
            for start in range(0, len(doomed), 500):
                chunk = doomed[start : start + 500]
                self.database.execute_sql(
                    f"DELETE FROM revision WHERE id IN ({', '.join('?' * len(chunk))})", chunk
                )
            removed += len(doomed)
        return removed

    def delete_for(self, article_ids: Sequence[int]) -> None:
        """Remove every revision of these articles (emptying the trash)."""
        for start in range(0, len(article_ids), 500):
            chunk = list(article_ids[start : start + 500])
            self.database.execute_sql(
                f"DELETE FROM revision WHERE article_id IN ({', '.join('?' * len(chunk))})", chunk
            )
