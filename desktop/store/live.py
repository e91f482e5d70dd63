"""Live updates from a shared server: the notices its triggers send, read on a connection of
their own (``LISTEN``), so a window learns of another's save without reading any table again.

``LiveFeed.notices`` is meant for a worker thread: it yields each :class:`Notice` as it
arrives, wakes at least every ``wake_s`` seconds to see whether it should stop, and when the
connection breaks it reconnects by itself (every ``retry_s``) and then yields
:data:`RECONNECTED`, since notices sent while it was away are lost and whoever shows the
articles must read again what they show.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from contextlib import suppress
from dataclasses import dataclass
from typing import Any

from desktop.store.location import ServerAddress
from desktop.store.team_schema import CHANNEL


@dataclass(frozen=True)
class Notice:
    """One change on the server: what happened, to which article, at which version."""

    #: "saved", "new", "deleted", "review" (the sign-off log), "lock" (who edits it),
    #: "many" (too many to name: read the list again) or "reconnected".
    kind: str
    article_id: int | None = None
    version: int | None = None

    @property
    def changes_list(self) -> bool:
        """Whether the list must read everything it shows again."""
        return self.kind in ("many", "reconnected")


#: Yielded after the connection came back: notices may have been missed meanwhile.
RECONNECTED = Notice("reconnected")


def parse_notice(payload: str) -> Notice | None:
    """Read a trigger's payload; None for anything that is not one of ours."""
    try:
        data = json.loads(payload)
        kind = str(data["kind"])
        article_id = data.get("id")
        version = data.get("version")
        return Notice(
            kind,
            int(article_id) if article_id is not None else None,
            int(version) if version is not None else None,
        )
    except (ValueError, KeyError, TypeError, AttributeError):
        return None


class LiveFeed:
    """Listens to one server database's notices on its own connection."""

    def __init__(self, address: ServerAddress, *, wake_s: float = 0.5, retry_s: float = 3.0):
        self.address = address
        self.wake_s = wake_s
        self.retry_s = retry_s
        self._connection: Any = None
        self._closed = threading.Event()
        self._listened = False  # a connection was open before: a new one may have missed some

    def connect(self) -> None:
        """Open the listening connection (raises psycopg's error when the server is away)."""
        import psycopg

        options: dict[str, Any] = {"application_name": "newsroom live", "connect_timeout": 10}
        options.update(dict(self.address.options))
        connection = psycopg.connect(self.address.url(), autocommit=True, **options)
        connection.execute(f"LISTEN {CHANNEL}")
        self._connection = connection
        self._listened = True

    def notices(self, stop: Callable[[], bool]) -> Iterator[Notice]:
        """Yield notices until ``stop()`` says so (checked at least every ``wake_s``)."""
        import psycopg

        while not stop() and not self._closed.is_set():
            if self._connection is None:
                again = self._listened
                try:
                    self.connect()
                except psycopg.Error:
                    self._closed.wait(self.retry_s)
                    continue
                if again:
                    yield RECONNECTED
            try:
                for notify in self._connection.notifies(timeout=self.wake_s):
                    notice = parse_notice(notify.payload)
                    if notice is not None:
                        yield notice
                    if stop():
                        break
            except psycopg.Error:
                self._drop()
        self.close()

    def _drop(self) -> None:
        connection, self._connection = self._connection, None
        if connection is not None:
            # A broken connection may fail to close: it is gone either way.
            with suppress(Exception):
                connection.close()

    def close(self) -> None:
        """Stop listening and close the connection."""
        self._closed.set()
        self._drop()
