"""The FTP and FTPS targets (the standard library's ftplib; FTPS protects data too)."""

from __future__ import annotations

import ftplib
import io
import posixpath
import ssl
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress

from desktop.i18n import tr
from desktop.upload.errors import ConnectionLost, UploadError
from desktop.upload.targets import partial_name
from desktop.upload.url import Scheme, UploadUrl

_TIMEOUT = 30.0
# Transport failures: the socket closed, timed out, or the server said "try later" (4xx).
_DROPPED = (EOFError, OSError, ftplib.error_temp, ftplib.error_reply, ftplib.error_proto)


class FtpRemote:
    """A folder on an FTP server, over TLS for ``ftps://`` (explicit FTPS, data protected)."""

    can_read_back = True

    def __init__(
        self,
        url: UploadUrl,
        password: Callable[[], str],
        tls: ssl.SSLContext | None = None,
    ) -> None:
        self.url = url
        self._password = password
        self._tls = tls
        self._ftp: ftplib.FTP | None = None
        self.reconnect()

    def _full(self, path: str) -> str:
        return posixpath.join(self.url.path, path) if path else self.url.path

    def reconnect(self) -> None:
        """Connect and log in (and switch to TLS for FTPS)."""
        self.close()
        ftp: ftplib.FTP
        if self.url.scheme is Scheme.FTPS:
            # The system's certificate authorities (SSL_CERT_FILE adds a private one).
            ftp = ftplib.FTP_TLS(
                context=self._tls or ssl.create_default_context(), timeout=_TIMEOUT
            )
        else:
            ftp = ftplib.FTP(timeout=_TIMEOUT)
        try:
            ftp.connect(self.url.host, self.url.port)
            try:
                ftp.login(self.url.user, self._password())
            except ftplib.error_perm as exc:
                raise UploadError(
                    tr(
                        "the server {host_port} refused the user name or password: {exc}",
                        host_port=self.url.host_port,
                        exc=exc,
                    )
                ) from None
            if isinstance(ftp, ftplib.FTP_TLS):
                ftp.prot_p()
            ftp.voidcmd("TYPE I")  # sizes are byte counts only in binary mode
        except ssl.SSLError as exc:
            ftp.close()
            raise UploadError(
                tr(
                    "the TLS connection to {host_port} failed: {exc}",
                    host_port=self.url.host_port,
                    exc=exc,
                )
            ) from None
        except _DROPPED as exc:
            ftp.close()
            raise ConnectionLost(
                tr(
                    "FTP connection to {host_port} failed: {exc}",
                    host_port=self.url.host_port,
                    exc=exc,
                )
            ) from None
        self._ftp = ftp

    @contextmanager
    def _session(self) -> Iterator[ftplib.FTP]:
        if self._ftp is None:
            raise ConnectionLost(tr("not connected"))
        try:
            yield self._ftp
        except ssl.SSLError as exc:
            raise ConnectionLost(
                tr(
                    "the TLS connection to {host_port} broke: {exc}",
                    host_port=self.url.host_port,
                    exc=exc,
                )
            ) from None
        except _DROPPED as exc:
            raise ConnectionLost(
                tr(
                    "the connection to {host_port} dropped: {exc}",
                    host_port=self.url.host_port,
                    exc=exc,
                )
            ) from None
        except ftplib.error_perm as exc:
            raise UploadError(
                tr("the server {host_port} refused: {exc}", host_port=self.url.host_port, exc=exc)
            ) from None

    def listing(self) -> dict[str, int]:
        """Every file below the folder with its size (MLSD)."""
        found: dict[str, int] = {}
        pending = [""]
        with self._session() as ftp:
            while pending:
                folder = pending.pop()
                try:
                    entries = list(ftp.mlsd(self._full(folder), facts=["type", "size"]))
                except ftplib.error_perm:
                    continue  # no such folder yet
                for name, facts in entries:
                    path = posixpath.join(folder, name) if folder else name
                    kind = facts.get("type", "").lower()
                    if kind == "dir":
                        pending.append(path)
                    elif kind == "file":
                        found[path] = int(facts.get("size", "0"))
        return found

    def read(self, path: str) -> bytes | None:
        """A file's bytes, or None."""
        buffer = io.BytesIO()
        with self._session() as ftp:
            try:
                ftp.retrbinary(f"RETR {self._full(path)}", buffer.write)
            except ftplib.error_perm:
                return None
        return buffer.getvalue()

    def size(self, path: str) -> int | None:
        """A file's size, or None."""
        with self._session() as ftp:
            try:
                found = ftp.size(self._full(path))
            except ftplib.error_perm:
                return None
        return None if found is None else int(found)

    def write(self, path: str, data: bytes) -> None:
        """Store under the temporary name, then rename over the final one."""
        temporary, final = self._full(partial_name(path)), self._full(path)
        with self._session() as ftp:
            folder = posixpath.dirname(final)
            missing = []
            while folder not in ("", "/"):
                try:
                    ftp.sendcmd(f"MLST {folder}")
                    break
                except ftplib.error_perm:
                    missing.append(folder)
                    folder = posixpath.dirname(folder)
            for name in reversed(missing):
                ftp.mkd(name)
            ftp.storbinary(f"STOR {temporary}", io.BytesIO(data))
            try:
                ftp.rename(temporary, final)
            except ftplib.error_perm:
                # Some servers (Windows' IIS) refuse to rename over an existing file.
                with suppress(ftplib.error_perm):
                    ftp.delete(final)
                ftp.rename(temporary, final)

    def delete(self, path: str) -> None:
        """Remove a file if it is there."""
        with self._session() as ftp, suppress(ftplib.error_perm):
            ftp.delete(self._full(path))

    def remove_folder(self, folder: str) -> None:
        """Remove an empty folder."""
        with self._session() as ftp, suppress(ftplib.error_perm):
            ftp.rmd(self._full(folder))

    def close(self) -> None:
        """Log out and close."""
        if self._ftp is not None:
            try:
                self._ftp.quit()
            except (*_DROPPED, ftplib.error_perm):
                self._ftp.close()
        self._ftp = None
