"""Where an upload goes: ``sftp://``, ``ftps://``, ``ftp://`` URLs or a local/network folder."""

from __future__ import annotations

import enum
import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from desktop.i18n import tr
from desktop.upload.errors import UploadError


class Scheme(str, enum.Enum):
    """The kinds of server an upload can reach."""

    FOLDER = "folder"
    SFTP = "sftp"
    FTPS = "ftps"
    FTP = "ftp"


_DEFAULT_PORTS = {Scheme.SFTP: 22, Scheme.FTPS: 21, Scheme.FTP: 21}


@dataclass(frozen=True)
class UploadUrl:
    """A parsed upload target; never holds a password."""

    scheme: Scheme
    path: str  # the remote folder ("/var/www/site"), or the local folder
    host: str = ""
    port: int = 0
    user: str = ""

    @property
    def is_folder(self) -> bool:
        """Whether the target is a folder on this computer or the network."""
        return self.scheme is Scheme.FOLDER

    @property
    def encrypted(self) -> bool:
        """Whether passwords and files travel encrypted (plain FTP does not)."""
        return self.scheme is not Scheme.FTP

    @property
    def host_port(self) -> str:
        """``host:port``, the key under which a host key is remembered."""
        return f"{self.host}:{self.port}"

    @property
    def account(self) -> str:
        """``user@host:port``, the name a password is kept under in the keychain."""
        return f"{self.user}@{self.host}:{self.port}"

    def text(self) -> str:
        """The URL as the user writes it (no password), the form saved in the site settings."""
        if self.is_folder:
            return self.path
        port = "" if self.port == _DEFAULT_PORTS[self.scheme] else f":{self.port}"
        user = f"{quote(self.user, safe='')}@" if self.user else ""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{self.scheme.value}://{user}{host}{port}{quote(self.path, safe='/')}"


def parse_upload_url(text: str) -> UploadUrl:
    """Read an upload URL or folder path; raise :class:`UploadError` saying what is wrong."""
    text = text.strip()
    if not text:
        raise UploadError(
            tr("no upload address given (sftp://user@host/path, ftps://…, or a folder)")
        )
    scheme, sep, _rest = text.partition("://")
    if not sep or len(scheme) == 1:  # "C://x" is a drive, not a scheme
        return UploadUrl(Scheme.FOLDER, os.path.abspath(os.path.expanduser(text)))
    scheme = scheme.lower()
    if scheme == "file":
        return UploadUrl(Scheme.FOLDER, str(Path(unquote(urlsplit(text).path))))
    try:
        kind = Scheme(scheme)
    except ValueError:
        raise UploadError(
            tr(
                "cannot upload to {scheme}:// (use sftp://, ftps://, ftp:// or a folder)",
                scheme=scheme,
            )
        ) from None
    if kind is Scheme.FOLDER:
        raise UploadError(
            tr(
                "cannot upload to {scheme}:// (use sftp://, ftps://, ftp:// or a folder)",
                scheme=scheme,
            )
        )
    parts = urlsplit(text)
    if parts.password is not None:
        raise UploadError(
            tr(
                "leave the password out of the address: it is asked for, or read from "
                "NEWSROOM_UPLOAD_PASSWORD or the system keychain"
            )
        )
    if not parts.hostname:
        raise UploadError(tr("no server name in {text!r}", text=text))
    try:
        port = parts.port or _DEFAULT_PORTS[kind]
    except ValueError:
        raise UploadError(
            tr("the port in {text!r} is not a number from 1 to 65535", text=text)
        ) from None
    user = unquote(parts.username or "")
    if not user:
        user = "anonymous" if kind is not Scheme.SFTP else ""
    if not user:
        raise UploadError(tr("no user name in {text!r} (sftp://user@host/path)", text=text))
    path = unquote(parts.path) or "/"
    return UploadUrl(kind, path, host=parts.hostname, port=port, user=user)
