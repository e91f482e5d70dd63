"""The upload itself: a generator yielding (done, total) progress, driven alike by the CLI,
the window and the tests. Closing it early stops after the file being sent."""

from __future__ import annotations

import enum
import ssl
from collections.abc import Callable, Generator, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from desktop.export.manifest import MANIFEST, FileRecord, Manifest, sha256_hex
from desktop.i18n import tr
from desktop.upload.errors import ConnectionLost, UploadCancelled, UploadError
from desktop.upload.hostkeys import HostKeyStore
from desktop.upload.passwords import known_password
from desktop.upload.plan import UploadPlan, plan_upload
from desktop.upload.questions import Questions
from desktop.upload.source import BundleSource
from desktop.upload.targets import FolderRemote, Remote, parents
from desktop.upload.url import Scheme, UploadUrl

#: How often a file is sent again when the server holds other bytes than were sent.
VERIFY_TRIES = 3
#: How often the upload reconnects after the connection dropped, before it gives up.
RECONNECT_TRIES = 5

T = TypeVar("T")


class UploadPhase(str, enum.Enum):
    """The stages an upload reports, for a progress dialog to name in its own language."""

    CONNECT = "connect"
    COMPARE = "compare"
    SEND = "send"
    DELETE = "delete"
    DONE = "done"


@dataclass(frozen=True)
class UploadSummary:
    """What an upload did."""

    target: str
    sent: int
    deleted: int
    unchanged: int
    reconnects: int
    foreign: list[str] = field(default_factory=list)
    dry_run: bool = False

    def lines(self) -> list[str]:
        """The summary as lines for the command line."""
        counts = {
            "sent": self.sent,
            "deleted": self.deleted,
            "unchanged": self.unchanged,
            "target": self.target,
        }
        shown = [
            tr(
                "would send {sent} file(s), would delete {deleted}, {unchanged} unchanged, "
                "to {target}",
                **counts,
            )
            if self.dry_run
            else tr(
                "sent {sent} file(s), deleted {deleted}, {unchanged} unchanged, to {target}",
                **counts,
            )
        ]
        if self.reconnects:
            shown.append(
                tr(
                    "the connection dropped {reconnects} time(s) and was resumed",
                    reconnects=self.reconnects,
                )
            )
        if self.foreign:
            shown.append(
                tr(
                    "{count} file(s) on the server are not part of the exported site and were left "
                    "as they were",
                    count=len(self.foreign),
                )
            )
        return shown


@dataclass(frozen=True)
class UploadProgress:
    """One step of an upload: files done of total, the file at hand, and at the end a summary."""

    done: int
    total: int
    phase: UploadPhase
    path: str = ""
    plan: UploadPlan | None = None  # once compared: what the upload is about to do
    summary: UploadSummary | None = None


def connect(
    url: UploadUrl,
    questions: Questions,
    host_keys: HostKeyStore,
    tls: ssl.SSLContext | None = None,
    password_given: str | None = None,
) -> Remote:
    """Open the target: ask before plain FTP, find or ask the password, check the host key.

    ``password_given`` (typed in the window) wins over the environment and the keychain.
    """
    if url.is_folder:
        return FolderRemote(Path(url.path))
    if url.scheme is Scheme.FTP and not questions.confirm_plain_ftp(url.text()):
        raise UploadCancelled(
            tr(
                "plain FTP sends the password and the files unencrypted; confirm it (--yes), or "
                "use sftp:// or ftps://"
            )
        )
    asked: list[str] = []

    def password() -> str:
        # Asked at most once: a reconnect reuses what the user typed.
        if asked:
            return asked[0]
        found = password_given or known_password(url) or questions.ask_password(url.account)
        if found is None:
            raise UploadCancelled(
                tr(
                    "no password for {account}: type it, keep it in the system keychain, or set "
                    "NEWSROOM_UPLOAD_PASSWORD",
                    account=url.account,
                )
            )
        asked.append(found)
        return found

    if url.scheme is Scheme.SFTP:
        from desktop.upload.sftp import SftpRemote

        return SftpRemote(url, password, host_keys, questions)
    from desktop.upload.ftp import FtpRemote

    return FtpRemote(url, password, tls)


class _Connection:
    """Runs target operations, reconnecting (a bounded number of times) when the link drops."""

    def __init__(self, remote: Remote) -> None:
        self.remote = remote
        self.reconnects = 0

    def run(self, operation: Callable[[Remote], T]) -> T:
        while True:
            try:
                return operation(self.remote)
            except ConnectionLost as lost:
                if self.reconnects >= RECONNECT_TRIES:
                    raise UploadError(
                        tr(
                            "{lost}; gave up after {reconnect_tries} reconnections. The site on "
                            "the server is whole; upload again to finish",
                            lost=lost,
                            reconnect_tries=RECONNECT_TRIES,
                        )
                    ) from None
                self.reconnects += 1
                self._reconnect()

    def _reconnect(self) -> None:
        # A failed reconnection is counted by the next try of the operation.
        with suppress(ConnectionLost):
            self.remote.reconnect()


def _server_manifest(connection: _Connection) -> tuple[Manifest | None, bytes | None]:
    data = connection.run(lambda remote: remote.read(MANIFEST))
    if data is None:
        return None, None
    try:
        return Manifest.from_bytes(data), data
    except ValueError:
        return None, data  # someone else's manifest.json: compare everything by content


def _send(connection: _Connection, path: str, data: bytes) -> None:
    """Send one file and check it on the server: size always, SHA-256 when it can be read."""
    expected = sha256_hex(data)
    for _attempt in range(VERIFY_TRIES):
        connection.run(lambda remote: remote.write(path, data))
        if connection.remote.can_read_back:
            back = connection.run(lambda remote: remote.read(path))
            if back is not None and len(back) == len(data) and sha256_hex(back) == expected:
                return
        elif connection.run(lambda remote: remote.size(path)) == len(data):
            return
    raise UploadError(
        tr(
            "{path} arrived damaged on the server {verify_tries} times (size or SHA-256 differ); "
            "the pages linking to it were not switched",
            path=path,
            verify_tries=VERIFY_TRIES,
        )
    )


@contextmanager
def _closing(remote: Remote) -> Iterator[None]:
    try:
        yield
    finally:
        remote.close()


def upload_bundle(
    bundle: BundleSource, remote: Remote, target: str, dry_run: bool = False
) -> Generator[UploadProgress, None, UploadSummary]:
    """Make the server's folder hold exactly the bundle, yielding progress; return the summary.

    Raises :class:`UploadError` with the server's site whole: every page already switched has
    all its files, every other page is the previous one. Closes ``remote`` when done.
    """
    connection = _Connection(remote)
    with _closing(remote):
        yield UploadProgress(0, 0, UploadPhase.COMPARE)
        server, server_bytes = _server_manifest(connection)
        listing = connection.run(lambda r: r.listing())

        def same_on_server(record: FileRecord) -> bool:
            if not remote.can_read_back:
                return False
            data = connection.run(lambda r: r.read(record.path))
            return data is not None and sha256_hex(data) == record.sha256

        plan = plan_upload(
            bundle.manifest, bundle.manifest_bytes, server, server_bytes, listing, same_on_server
        )
        for path in plan.uploads:
            if not bundle.has(path):
                raise UploadError(
                    tr(
                        "the update package {location} lacks {path}, and the server does not have "
                        "it: export the whole site and upload that",
                        location=bundle.location,
                        path=path,
                    )
                )
        total = plan.total
        yield UploadProgress(0, total, UploadPhase.COMPARE, plan=plan)
        done = 0
        if not dry_run:
            for path in plan.uploads:
                yield UploadProgress(done, total, UploadPhase.SEND, path)
                _send(connection, path, bundle.read(path))
                done += 1
            if plan.manifest_changes:
                yield UploadProgress(done, total, UploadPhase.SEND, MANIFEST)
                _send(connection, MANIFEST, bundle.manifest_bytes)
                done += 1
            emptied: set[str] = set()
            for path in plan.deletions:
                yield UploadProgress(done, total, UploadPhase.DELETE, path)
                connection.run(lambda r, p=path: r.delete(p))  # type: ignore[misc]
                emptied.update(parents(path))
                done += 1
            for folder in sorted(emptied, key=lambda f: (-f.count("/"), f)):
                connection.run(lambda r, f=folder: r.remove_folder(f))  # type: ignore[misc]
        summary = UploadSummary(
            target=target,
            sent=len(plan.uploads) + int(plan.manifest_changes),
            deleted=len(plan.deletions),
            unchanged=plan.unchanged,
            reconnects=connection.reconnects,
            foreign=plan.foreign,
            dry_run=dry_run,
        )
        yield UploadProgress(done, total, UploadPhase.DONE, summary=summary)
        return summary
