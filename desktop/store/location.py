"""Where a store lives: an SQLite file on this PC, or a database on a PostgreSQL server.

``--db``, ``NEWSROOM_DB`` and the window all take either a path or a server URL such as
``postgresql://editor@192.168.1.10:5432/newsroom``; this module tells them apart and reads a
URL into its parts, so that the rest of the code never parses one by hand.
"""

from __future__ import annotations

import getpass
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from urllib.parse import parse_qsl, quote, unquote, urlsplit

from desktop.i18n import tr

#: The URL schemes that name a PostgreSQL server (libpq accepts both).
SERVER_SCHEMES = ("postgresql", "postgres")


class Backend(str, Enum):
    """The kind of database a store is kept in."""

    SQLITE = "sqlite"
    POSTGRESQL = "postgresql"


def is_server_url(location: str | Path) -> bool:
    """Whether ``location`` names a database on a server rather than a file."""
    text = str(location).strip()
    return any(text.lower().startswith(f"{scheme}://") for scheme in SERVER_SCHEMES)


@dataclass(frozen=True)
class ServerAddress:
    """A database on a PostgreSQL server, as a connection URL names it."""

    host: str = ""
    port: int | None = None
    database: str = ""
    user: str = ""
    password: str | None = None
    options: tuple[tuple[str, str], ...] = ()

    @classmethod
    def parse(cls, url: str) -> ServerAddress:
        """Read ``postgresql://user[:password]@host[:port]/database[?option=value…]``."""
        parts = urlsplit(url.strip())
        if parts.scheme.lower() not in SERVER_SCHEMES:
            raise ValueError(tr("not a PostgreSQL URL: {url!r}", url=url))
        try:
            port = parts.port
        except ValueError as exc:
            raise ValueError(tr("the port in {url!r} is not a number", url=url)) from exc
        database = unquote(parts.path.lstrip("/"))
        if not database or "/" in database:
            raise ValueError(tr("the URL {url!r} names no database (…/dbname at the end)", url=url))
        return cls(
            host=unquote(parts.hostname or ""),
            port=port,
            database=database,
            user=unquote(parts.username or ""),
            password=unquote(parts.password) if parts.password is not None else None,
            options=tuple(parse_qsl(parts.query)),
        )

    @property
    def login(self) -> str:
        """The server login: the person working, when the office gives each one their own."""
        return self.user or getpass.getuser()

    def url(self, *, with_password: bool = True) -> str:
        """Return the URL again (without the password for anything shown or logged)."""
        auth = quote(self.user, safe="") if self.user else ""
        if with_password and self.password is not None:
            auth += ":" + quote(self.password, safe="")
        host = self.host
        if ":" in host:  # an IPv6 address
            host = f"[{host}]"
        netloc = (auth + "@" if auth else "") + host
        if self.port is not None:
            netloc += f":{self.port}"
        query = "&".join(f"{quote(k)}={quote(v)}" for k, v in self.options)
        return f"postgresql://{netloc}/{quote(self.database, safe='')}" + (
            f"?{query}" if query else ""
        )

    def __str__(self) -> str:
        return self.url(with_password=False)
