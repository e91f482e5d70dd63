"""The office's own word list and the problems ignored per article, kept in the database."""

from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from desktop.i18n import tr
from desktop.proofread.checker import ProofreadSettings
from desktop.proofread.problem import ProblemKind, Severity
from desktop.proofread.protected import ProtectedTerms, shipped_protected_terms
from desktop.proofread.wordlist import (
    WordEntry,
    WordList,
    format_word_list,
    read_word_list_file,
)
from desktop.site import Site
from desktop.store import Store

_SEP = "\x1f"  # between exceptions in one column: never typed by a user


def _has_table(store: Store, name: str) -> bool:
    return store.has_table(name)


class WordListStore:
    """The office's own word list: forbidden terms, outdated names, required full names."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def list(self) -> list[WordEntry]:
        """Return every entry in the order it was added (empty before the table exists)."""
        if not _has_table(self.store, "office_word"):
            return []
        rows = self.store.database.execute_sql(
            "SELECT wrong, suggestion, severity, note, exceptions FROM office_word ORDER BY id"
        )
        return [
            WordEntry(w, s, Severity(sev), n, tuple(x for x in e.split(_SEP) if x))
            for w, s, sev, n, e in rows
        ]

    def word_list(self) -> WordList:
        """Return the entries as a list ready for checking."""
        return WordList(tuple(self.list()), kind=ProblemKind.OFFICE_WORD)

    def add(self, entry: WordEntry) -> None:
        """Add an entry, replacing the one with the same wrong form."""
        self._put([entry])

    def _put(self, entries: Iterable[WordEntry]) -> None:
        rows = [
            (
                e.wrong.strip(),
                e.suggestion.strip(),
                e.severity.value,
                e.note,
                _SEP.join(e.exceptions),
            )
            for e in entries
        ]
        for row in rows:
            if not row[0]:
                raise ValueError(tr("a word-list entry needs the wrong form"))
        with self.store.transaction():
            for row in rows:
                # Delete and insert (not REPLACE in place) so an updated entry moves to the end.
                self.store.database.execute_sql("DELETE FROM office_word WHERE wrong = ?", row[:1])
                self.store.database.execute_sql(
                    "INSERT INTO office_word (wrong, suggestion, severity, note, exceptions) "
                    "VALUES (?, ?, ?, ?, ?)",
                    row,
                )

    def remove(self, wrong: str) -> bool:
        """Remove the entry for ``wrong``; return whether there was one."""
        cursor = self.store.database.execute_sql(
            "DELETE FROM office_word WHERE wrong = ?", (wrong,)
        )
        return bool(cursor.rowcount)

    def import_file(self, path: str | Path, replace: bool = False) -> int:
        """Add (or with ``replace``, replace the list by) the entries of a file; return how many."""
        entries = read_word_list_file(path)  # read everything before changing anything
        with self.store.transaction():
            if replace:
                self.store.database.execute_sql("DELETE FROM office_word")
            self._put(entries)
        return len(entries)

    def export_file(self, path: str | Path) -> int:
        """Write the list as a UTF-8 tab-separated file (atomically); return how many entries."""
        entries = self.list()
        target = Path(path)
        fd, temp = tempfile.mkstemp(prefix=".wordlist-", dir=target.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(format_word_list(entries))
            os.replace(temp, target)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
        return len(entries)


@dataclass(frozen=True)
class IgnoredProblem:
    """A problem the user chose to ignore in one article, and why."""

    article_id: int
    key: str
    reason: str
    ignored_at: dt.datetime


class IgnoredProblems:
    """Problems ignored per article, with the reason the user recorded."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def ignore(self, article_id: int, key: str, reason: str) -> None:
        """Record that the problem ``key`` is to be ignored in the article."""
        now = dt.datetime.now().replace(microsecond=0).isoformat(sep=" ")
        self.store.database.execute_sql(
            "INSERT OR REPLACE INTO proofread_ignore (article_id, key, reason, ignored_at) "
            "VALUES (?, ?, ?, ?)",
            (article_id, key, reason.strip(), now),
        )

    def unignore(self, article_id: int, key: str) -> None:
        """Show the problem again."""
        self.store.database.execute_sql(
            "DELETE FROM proofread_ignore WHERE article_id = ? AND key = ?", (article_id, key)
        )

    def for_article(self, article_id: int) -> list[IgnoredProblem]:
        """Return the ignored problems of one article, oldest first."""
        if not _has_table(self.store, "proofread_ignore"):
            return []
        rows = self.store.database.execute_sql(
            "SELECT article_id, key, reason, ignored_at FROM proofread_ignore "
            "WHERE article_id = ? ORDER BY ignored_at, key",
            (article_id,),
        )
        return [IgnoredProblem(a, k, r, dt.datetime.fromisoformat(t)) for a, k, r, t in rows]

    def keys(self, article_id: int) -> frozenset[str]:
        """Return the ignored keys of one article, for ProofreadSettings.ignored."""
        return frozenset(p.key for p in self.for_article(article_id))


def published_phones(phone_setting: str) -> tuple[str, ...]:
    """Split the site's phone setting ("0571-1234567、12351") into single numbers."""
    return tuple(p for p in re.split(r"[，,、;；/\s]+|或", phone_setting) if p.strip())


def office_protected_terms(office: WordList, site: Site) -> ProtectedTerms:
    """Return the shipped protected names plus the site's own and the office list's names."""
    # A suggestion on the office list is a correct form the office cares about (a leader's
    # name and title, an organisation's name), so its near misses matter as much.
    own = (site.name, site.sponsor, site.maintainer, *(e.suggestion for e in office.entries))
    return shipped_protected_terms().with_terms(t for t in own if len(t) >= 2)


def settings_for(store: Store, article_id: int | None = None) -> ProofreadSettings:
    """Return proofreading settings from the store: office list, site phones, ignores."""
    ignored = IgnoredProblems(store).keys(article_id) if article_id is not None else frozenset()
    office = WordListStore(store).word_list()
    return ProofreadSettings(
        office_words=office,
        protected=office_protected_terms(office, store.site()),
        published_phones=published_phones(store.site().phone),
        ignored=ignored,
    )
