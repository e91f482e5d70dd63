"""The SFTP target (paramiko), with the server's host key checked against the ones remembered."""

from __future__ import annotations

import io
import posixpath
import socket
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress

import paramiko

from desktop.i18n import tr
from desktop.upload.errors import ConnectionLost, HostKeyChanged, UploadCancelled, UploadError
from desktop.upload.hostkeys import HostKeyState, HostKeyStore, fingerprint
from desktop.upload.questions import Questions
from desktop.upload.targets import partial_name
from desktop.upload.url import UploadUrl

_TIMEOUT = 30.0


class SftpRemote:
    """A folder on an SFTP server."""

    can_read_back = True

    def __init__(
        self,
        url: UploadUrl,
        password: Callable[[], str],
        host_keys: HostKeyStore,
        questions: Questions,
    ) -> None:
        self.url = url
        self._password = password
        self._host_keys = host_keys
        self._questions = questions
        self._transport: paramiko.Transport | None = None
        self._sftp: paramiko.SFTPClient | None = None
        self.reconnect()

    def _full(self, path: str) -> str:
        return posixpath.join(self.url.path, path) if path else self.url.path

    def reconnect(self) -> None:
        """Connect, check the host key, log in and open the SFTP session."""
        self.close()
        try:
            sock = socket.create_connection((self.url.host, self.url.port), timeout=_TIMEOUT)
        except OSError as exc:
            raise ConnectionLost(
                tr("cannot reach {host_port}: {exc}", host_port=self.url.host_port, exc=exc)
            ) from None
        transport = paramiko.Transport(sock)
        try:
            transport.start_client(timeout=_TIMEOUT)
            self._check_host_key(transport.get_remote_server_key())
            try:
                transport.auth_password(self.url.user, self._password())
            except paramiko.AuthenticationException:
                raise UploadError(
                    tr(
                        "the server {host_port} refused the user name or password",
                        host_port=self.url.host_port,
                    )
                ) from None
            sftp = paramiko.SFTPClient.from_transport(transport)
            if sftp is None:
                raise ConnectionLost(
                    tr("{host_port} opened no SFTP session", host_port=self.url.host_port)
                )
        except (paramiko.SSHException, EOFError, OSError) as exc:
            transport.close()
            raise ConnectionLost(
                tr(
                    "SFTP connection to {host_port} failed: {exc}",
                    host_port=self.url.host_port,
                    exc=exc,
                )
            ) from None
        except BaseException:
            transport.close()
            raise
        self._transport, self._sftp = transport, sftp

    def _check_host_key(self, key: paramiko.PKey) -> None:
        kind, raw = key.get_name(), key.asbytes()
        where = self.url.host_port
        state = self._host_keys.check(where, kind, raw)
        if state is HostKeyState.KNOWN:
            return
        shown = fingerprint(raw)
        if state is HostKeyState.CHANGED:
            raise HostKeyChanged(
                tr(
                    "WARNING: the server {where} shows another host key ({kind} {shown}) than the "
                    "one remembered ({where2}). It may not be your server. Nothing was uploaded; "
                    "if the server really got a new key, remove its line from {path}",
                    where=where,
                    kind=kind,
                    shown=shown,
                    where2=self._host_keys.remembered_fingerprint(where),
                    path=self._host_keys.path,
                )
            )
        if not self._questions.confirm_host_key(where, kind, shown):
            raise UploadCancelled(
                tr(
                    "the host key of {where} ({kind} {shown}) was not accepted (confirm it, or "
                    "--yes on the command line)",
                    where=where,
                    kind=kind,
                    shown=shown,
                )
            )
        self._host_keys.remember(where, kind, raw)

    @contextmanager
    def _session(self) -> Iterator[paramiko.SFTPClient]:
        if self._sftp is None:
            raise ConnectionLost(tr("not connected"))
        try:
            yield self._sftp
        except FileNotFoundError:
            raise
        except (paramiko.SSHException, EOFError, OSError) as exc:
            transport = self._transport
            if transport is None or not transport.is_active() or isinstance(exc, EOFError):
                raise ConnectionLost(
                    tr("the connection to {host_port} dropped", host_port=self.url.host_port)
                ) from None
            if isinstance(exc, paramiko.SSHException):
                raise ConnectionLost(
                    tr("SFTP error from {host_port}: {exc}", host_port=self.url.host_port, exc=exc)
                ) from None
            raise UploadError(
                tr("the server {host_port} refused: {exc}", host_port=self.url.host_port, exc=exc)
            ) from None

    def listing(self) -> dict[str, int]:
        """Every file below the folder with its size."""
        found: dict[str, int] = {}
        pending = [""]
        with self._session() as sftp:
            while pending:
                folder = pending.pop()
                try:
                    entries = sftp.listdir_attr(self._full(folder))
                except FileNotFoundError:
                    continue
                for entry in entries:
                    path = posixpath.join(folder, entry.filename) if folder else entry.filename
                    if stat.S_ISDIR(entry.st_mode or 0):
                        pending.append(path)
                    elif stat.S_ISREG(entry.st_mode or 0):
                        found[path] = int(entry.st_size or 0)
        return found

    def read(self, path: str) -> bytes | None:
        """A file's bytes, or None."""
        try:
            with self._session() as sftp, sftp.open(self._full(path), "rb") as handle:
                handle.prefetch()
                return bytes(handle.read())
        except FileNotFoundError:
            return None

    def size(self, path: str) -> int | None:
        """A file's size, or None."""
        try:
            with self._session() as sftp:
                return int(sftp.stat(self._full(path)).st_size or 0)
        except FileNotFoundError:
            return None

    def _make_folders(self, sftp: paramiko.SFTPClient, path: str) -> None:
        folder = posixpath.dirname(self._full(path))
        missing = []
        while folder not in ("", "/"):
            try:
                sftp.stat(folder)
                break
            except FileNotFoundError:
                missing.append(folder)
                folder = posixpath.dirname(folder)
        for name in reversed(missing):
            sftp.mkdir(name)

    def write(self, path: str, data: bytes) -> None:
        """Write to the temporary name and rename over the final one (POSIX rename)."""
        temporary, final = self._full(partial_name(path)), self._full(path)
        with self._session() as sftp:
            self._make_folders(sftp, path)
            sftp.putfo(io.BytesIO(data), temporary, file_size=len(data), confirm=True)
            try:
                sftp.posix_rename(temporary, final)
            except OSError:
                # A server without the posix-rename extension refuses to rename over a file.
                with suppress(FileNotFoundError):
                    sftp.remove(final)
                sftp.rename(temporary, final)

    def delete(self, path: str) -> None:
        """Remove a file if it is there."""
        try:
            with self._session() as sftp:
                sftp.remove(self._full(path))
        except FileNotFoundError:
            pass

    def remove_folder(self, folder: str) -> None:
        """Remove an empty folder."""
        try:
            with self._session() as sftp:
                sftp.rmdir(self._full(folder))
        except (FileNotFoundError, UploadError):
            pass  # not empty (servers say so in different ways), or already gone

    def close(self) -> None:
        """Close the session and the connection."""
        if self._sftp is not None:
            self._sftp.close()
        if self._transport is not None:
            self._transport.close()
        self._sftp = self._transport = None
