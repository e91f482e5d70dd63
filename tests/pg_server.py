"""A throwaway PostgreSQL server for the tests: initdb in a temporary folder, a private port.

The server runs as an unprivileged user (as root, ``initdb`` refuses to run: Debian's
``postgresql`` package creates the ``postgres`` user for that), listens on 127.0.0.1 at a free
port and on a socket in its own folder, trusts local logins (it is reachable only from this
machine and lives for one test session) and is stopped and deleted at the end.
"""

from __future__ import annotations

import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

#: Where Debian puts the server programs (PostgreSQL 15 here; any version found is used).
_BIN_FOLDERS = sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)

#: The login the tests connect as (the server's superuser, created by initdb).
USER = "newsroom"


class ServerUnavailable(RuntimeError):
    """No PostgreSQL server could be started here."""


def _program(name: str) -> str:
    for folder in _BIN_FOLDERS:
        if (folder / name).exists():
            return str(folder / name)
    found = shutil.which(name)
    if found is None:
        raise ServerUnavailable(f"PostgreSQL's {name} is not installed")
    return found


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class ThrowawayServer:
    """A PostgreSQL server in a temporary folder; ``database()`` gives a fresh empty database."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="newsroom-pg-"))
        self.port = _free_port()
        self._numbers = itertools.count(1)
        self._run_as: list[str] = []
        self.started = False

    def start(self) -> ThrowawayServer:
        """Create the cluster and start the server; ServerUnavailable when it cannot."""
        initdb = _program("initdb")
        _program("pg_ctl")
        if os.geteuid() == 0:
            if shutil.which("runuser") is None:
                raise ServerUnavailable("running as root without runuser to drop to 'postgres'")
            try:
                import pwd

                owner = pwd.getpwnam("postgres")
            except KeyError as exc:
                raise ServerUnavailable(
                    "no unprivileged 'postgres' user to run the server"
                ) from exc
            os.chown(self.folder, owner.pw_uid, owner.pw_gid)
            self._run_as = ["runuser", "-u", "postgres", "--"]
        data = self.folder / "data"
        self._run(
            [
                initdb,
                "-D",
                str(data),
                "-A",
                "trust",
                "-U",
                USER,
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
                "--no-sync",
            ]
        )
        self._start_server()
        self.started = True
        return self

    def _start_server(self) -> None:
        options = (
            f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
        )
        self._run(
            [
                _program("pg_ctl"),
                "-D",
                str(self.folder / "data"),
                "-o",
                options,
                "-l",
                str(self.folder / "log"),
                "-w",
                "-t",
                "60",
                "start",
            ]
        )

    def halt(self) -> None:
        """Stop the server under everyone's feet: every connection drops, committed data stays.

        A fast shutdown, not an immediate one: this server runs without fsync or synchronous
        commits, so only a clean stop keeps what was committed.
        """
        self._run([_program("pg_ctl"), "-D", str(self.folder / "data"), "-m", "fast", "-w", "stop"])

    def resume(self) -> None:
        """Start the halted server again on the same port, with everything it had."""
        self._start_server()

    def _run(self, command: list[str]) -> None:
        result = subprocess.run(
            self._run_as + command, capture_output=True, text=True, timeout=120, check=False
        )
        if result.returncode != 0:
            log = self.folder / "log"
            detail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise ServerUnavailable(
                f"{Path(command[0]).name} failed: {result.stderr.strip()} {detail}".strip()
            )

    def url(self, database: str = "postgres", user: str = USER) -> str:
        """Return the connection URL of a database on this server."""
        return f"postgresql://{user}@127.0.0.1:{self.port}/{database}"

    def admin(self, sql: str) -> None:
        """Run one statement as the superuser, outside a transaction (CREATE DATABASE …)."""
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(sql)  # type: ignore[arg-type]

    def database(self, prefix: str = "test") -> str:
        """Create a new empty database and return its URL."""
        name = f"{prefix}_{next(self._numbers)}"
        self.admin(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self) -> None:
        """Stop the server and delete its folder."""
        if self.started:
            self.started = False
            subprocess.run(
                [
                    *self._run_as,
                    _program("pg_ctl"),
                    "-D",
                    str(self.folder / "data"),
                    "-m",
                    "immediate",
                    "-w",
                    "stop",
                ],
                capture_output=True,
                timeout=60,
                check=False,
            )
        shutil.rmtree(self.folder, ignore_errors=True)
