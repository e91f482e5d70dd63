"""Soft edit locks on a shared server: who is editing which article, kept alive by heartbeats.

Opening an article for editing takes its lock; the window renews it every
``LockTiming.beat_s`` seconds, and a lock without a heartbeat for ``LockTiming.expires_s`` is
free again (a PC switched off, a crash). Someone else opening a locked article sees it
read-only and may take the lock over; the one who held it learns so at their next heartbeat or
save. Locks are soft: they tell people apart, the article's version number still guards every
save. Times are the server's own clock, so PCs whose clocks differ agree on what expired.

On an SQLite file (one PC's store) no lock is taken: every call answers "yours".
"""

from __future__ import annotations

import socket
import uuid
from dataclasses import dataclass

from desktop.store.store import Store


@dataclass(frozen=True)
class LockTiming:
    """How often a held lock is renewed, and how long one without a heartbeat lasts (s)."""

    beat_s: int = 30
    expires_s: int = 120


@dataclass(frozen=True)
class EditLock:
    """Who holds an article's edit lock."""

    article_id: int
    login: str
    person: str
    host: str
    session: str
    #: Seconds since the holder's last heartbeat, by the server's clock.
    age_s: float


def this_host() -> str:
    """The name of this PC, as the lock shows it to others."""
    return socket.gethostname() or "?"


class EditLocks:
    """The edit locks one window takes, under its own session id, as one person."""

    def __init__(
        self,
        store: Store,
        person: str,
        *,
        login: str | None = None,
        host: str | None = None,
        timing: LockTiming | None = None,
    ) -> None:
        self.store = store
        self.person = person
        self.login = login or (store.address.login if store.address is not None else person)
        self.host = host or this_host()
        self.timing = timing or LockTiming()
        #: Tells this window's locks from the same person's in another window.
        self.session = uuid.uuid4().hex

    @property
    def active(self) -> bool:
        """Whether locks are taken at all (on a server; an SQLite file is one PC's)."""
        return self.store.is_server

    def _values(self, article_id: int) -> tuple[object, ...]:
        return (article_id, self.login, self.person, self.host, self.session)

    def take(self, article_id: int, *, reclaim: bool = True) -> EditLock | None:
        """Take the lock if it is free, expired or ours (this window's, or with ``reclaim``
        one left by this person on this PC); else return who holds it."""
        if not self.active:
            return None
        # The same person on the same PC: a run that crashed or was killed holding it.
        same_pc = (
            "OR (edit_lock.login = EXCLUDED.login AND edit_lock.host = EXCLUDED.host) "
            if reclaim
            else ""
        )
        with self.store.transaction():
            row = self.store.database.execute_sql(
                "INSERT INTO edit_lock (article_id, login, person, host, session, taken_at, "
                "beat_at) VALUES (?, ?, ?, ?, ?, now(), now()) ON CONFLICT (article_id) DO "
                "UPDATE SET login = EXCLUDED.login, person = EXCLUDED.person, "
                "host = EXCLUDED.host, session = EXCLUDED.session, "
                "taken_at = CASE WHEN edit_lock.session = EXCLUDED.session "
                "THEN edit_lock.taken_at ELSE now() END, beat_at = now() "
                "WHERE edit_lock.session = EXCLUDED.session "
                f"OR edit_lock.beat_at < now() - interval '{self.timing.expires_s} seconds' "
                f"{same_pc}RETURNING article_id",
                self._values(article_id),
            ).fetchone()
            if row is not None:
                return None
            return self.holder(article_id)

    def beat(self, article_id: int) -> EditLock | None:
        """Renew our lock (the heartbeat); return who holds it instead when it was taken over.

        A lock that expired and that nobody took meanwhile is simply taken again.
        """
        if not self.active:
            return None
        with self.store.transaction():
            cursor = self.store.database.execute_sql(
                "UPDATE edit_lock SET beat_at = now() WHERE article_id = ? AND session = ?",
                (article_id, self.session),
            )
            if cursor.rowcount:
                return None
        return self.take(article_id, reclaim=False)

    def take_over(self, article_id: int) -> None:
        """Take the lock whoever holds it (接管编辑); the holder is told at their next beat."""
        if not self.active:
            return
        with self.store.transaction():
            self.store.database.execute_sql(
                "INSERT INTO edit_lock (article_id, login, person, host, session, taken_at, "
                "beat_at) VALUES (?, ?, ?, ?, ?, now(), now()) ON CONFLICT (article_id) DO "
                "UPDATE SET login = EXCLUDED.login, person = EXCLUDED.person, "
                "host = EXCLUDED.host, session = EXCLUDED.session, taken_at = now(), "
                "beat_at = now()",
                self._values(article_id),
            )

    def release(self, article_id: int) -> None:
        """Give our lock back (the article was closed); someone else's is left alone."""
        if not self.active:
            return
        with self.store.transaction():
            self.store.database.execute_sql(
                "DELETE FROM edit_lock WHERE article_id = ? AND session = ?",
                (article_id, self.session),
            )

    def holder(self, article_id: int) -> EditLock | None:
        """Who holds a live lock on the article (us included), or None."""
        found = self.held(article_id)
        return found.get(article_id)

    def held(self, article_id: int | None = None) -> dict[int, EditLock]:
        """Every live lock (or the one on ``article_id``), by article id.

        The table holds a row per open editor, so reading it whole is a handful of rows.
        """
        if not self.active:
            return {}
        where = f"beat_at >= now() - interval '{self.timing.expires_s} seconds'"
        params: tuple[object, ...] = ()
        if article_id is not None:
            where += " AND article_id = ?"
            params = (article_id,)
        rows = self.store.database.execute_sql(
            "SELECT article_id, login, person, host, session, "
            f"extract(epoch FROM now() - beat_at) FROM edit_lock WHERE {where}",
            params,
        ).fetchall()
        return {
            row[0]: EditLock(row[0], row[1], row[2], row[3], row[4], float(row[5])) for row in rows
        }

    def is_mine(self, lock: EditLock | None) -> bool:
        """Whether a lock is this window's own."""
        return lock is not None and lock.session == self.session
