"""Upload addresses as users type them, and where the password comes from."""

from __future__ import annotations

from pathlib import Path

import pytest
from keyring.backend import KeyringBackend

from desktop.upload import Questions, Scheme, UploadError, connect, parse_upload_url
from desktop.upload.hostkeys import HostKeyStore
from desktop.upload.passwords import (
    PASSWORD_ENV,
    keychain_available,
    known_password,
    remember_password,
)
from tests.upload.conftest import tree
from tests.upload.helpers import keychain, upload
from tests.upload.servers import PASSWORD, USER, FtpServer


@pytest.mark.parametrize(
    ("text", "scheme", "host", "port", "user", "path", "shown"),
    [
        (
            "sftp://web@example.org/var/www",
            Scheme.SFTP,
            "example.org",
            22,
            "web",
            "/var/www",
            "sftp://web@example.org/var/www",
        ),
        (
            "SFTP://web@example.org:2222/站点",
            Scheme.SFTP,
            "example.org",
            2222,
            "web",
            "/站点",
            "sftp://web@example.org:2222/%E7%AB%99%E7%82%B9",
        ),
        (
            "ftps://a%40b@ftp.example.org",
            Scheme.FTPS,
            "ftp.example.org",
            21,
            "a@b",
            "/",
            "ftps://a%40b@ftp.example.org/",
        ),
        (
            "ftp://ftp.example.org/pub",
            Scheme.FTP,
            "ftp.example.org",
            21,
            "anonymous",
            "/pub",
            "ftp://anonymous@ftp.example.org/pub",
        ),
    ],
)
def test_urls(
    text: str, scheme: Scheme, host: str, port: int, user: str, path: str, shown: str
) -> None:
    url = parse_upload_url(text)
    assert (url.scheme, url.host, url.port, url.user, url.path) == (scheme, host, port, user, path)
    assert url.text() == shown and parse_upload_url(url.text()) == url


def test_a_folder_is_a_target(tmp_path: Path) -> None:
    url = parse_upload_url(f"  {tmp_path}/site ")
    assert url.is_folder and url.path == f"{tmp_path}/site" and url.text() == url.path
    assert parse_upload_url(f"file://{tmp_path}").path == str(tmp_path)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "no upload address"),
        ("https://example.org/", "cannot upload to https://"),
        ("sftp://example.org/x", "no user name"),
        ("sftp://u:secret@example.org/x", "leave the password out"),
        ("sftp://u@example.org:99999/x", "port"),
    ],
)
def test_bad_urls_say_what_is_wrong(text: str, message: str) -> None:
    with pytest.raises(UploadError, match=message):
        parse_upload_url(text)


class MemoryKeyring(KeyringBackend):
    """A keychain that lives in memory, standing in for the system's."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.secrets.pop((service, username), None)


def test_the_password_comes_from_the_keychain(
    bundle: Path, ftp: FtpServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = parse_upload_url(f"ftp://{USER}@127.0.0.1:{ftp.port}/site")
    assert not keychain_available() and not remember_password(url, PASSWORD)
    with keychain(MemoryKeyring()):
        assert keychain_available() and remember_password(url, PASSWORD)
        assert known_password(url) == PASSWORD
        never_asked = Questions(confirm_plain_ftp=lambda _u: True)
        upload(bundle, url.text(), never_asked)
        assert tree(ftp.root / "site") == tree(bundle)
        monkeypatch.setenv(PASSWORD_ENV, "from-the-environment")
        assert known_password(url) == "from-the-environment"  # the environment wins


def test_no_password_anywhere_is_a_clear_refusal(ftp: FtpServer, tmp_path: Path) -> None:
    url = parse_upload_url(f"ftp://{USER}@127.0.0.1:{ftp.port}/site")
    with pytest.raises(UploadError, match=r"no password for editor@127\.0\.0\.1"):
        connect(url, Questions(confirm_plain_ftp=lambda _u: True), HostKeyStore(tmp_path / "k"))
