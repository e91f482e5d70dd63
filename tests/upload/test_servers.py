"""Uploads to real FTP, FTPS and SFTP servers on 127.0.0.1, including dropped connections."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import asyncssh
import pytest

from desktop.export.manifest import MANIFEST
from desktop.store import Store
from desktop.upload import HostKeyChanged, HostKeyStore, Questions, UploadCancelled, UploadError
from tests.upload.conftest import export_to, tree
from tests.upload.helpers import YES, password, trusting, upload
from tests.upload.servers import USER, Drops, FtpServer, SftpServer, ftp_server, sftp_server
from tests.upload.test_upload import pages_are_whole


def ftp_url(server: FtpServer, scheme: str = "ftp") -> str:
    return f"{scheme}://{USER}@127.0.0.1:{server.port}/site"


def sftp_url(server: SftpServer) -> str:
    return f"sftp://{USER}@127.0.0.1:{server.port}/www/site"


def test_ftp_holds_exactly_the_bundle(bundle: Path, ftp: FtpServer) -> None:
    upload(bundle, ftp_url(ftp))
    assert tree(ftp.root / "site") == tree(bundle)


def test_plain_ftp_is_refused_without_confirmation(bundle: Path, ftp: FtpServer) -> None:
    asked: list[str] = []

    def refuse(url: str) -> bool:
        asked.append(url)
        return False

    with pytest.raises(UploadCancelled, match="unencrypted"):
        upload(bundle, ftp_url(ftp), Questions(confirm_plain_ftp=refuse, ask_password=password))
    assert asked == [ftp_url(ftp)]
    assert tree(ftp.root) == {}


def test_ftps_holds_exactly_the_bundle(bundle: Path, tmp_path: Path) -> None:
    asked: list[str] = []

    def no_plain(url: str) -> bool:
        asked.append(url)
        return False

    with ftp_server(tmp_path / "ftps-root", tls=True) as server:
        assert server.certificate is not None
        questions = Questions(confirm_plain_ftp=no_plain, ask_password=password)
        upload(bundle, ftp_url(server, "ftps"), questions, tls=trusting(server.certificate))
        assert tree(server.root / "site") == tree(bundle)
    assert asked == []  # FTPS is encrypted: nothing to confirm


def test_ftps_refuses_a_certificate_it_cannot_trust(bundle: Path, tmp_path: Path) -> None:
    with ftp_server(tmp_path / "ftps-root", tls=True) as server:
        with pytest.raises(UploadError, match="TLS"):
            upload(bundle, ftp_url(server, "ftps"))
        assert tree(server.root) == {}


def test_a_dropped_connection_resumes_where_it_stopped(bundle: Path, tmp_path: Path) -> None:
    drops = Drops(after=[3, 7])
    with ftp_server(tmp_path / "ftp-root", drops=drops) as server:
        summary, _ = upload(bundle, ftp_url(server))
        assert drops.dropped == 2 and summary.reconnects >= 2
        assert tree(server.root / "site") == tree(bundle)


def test_an_upload_that_gives_up_leaves_the_old_site_then_a_rerun_finishes(
    site_store: Store, bundle: Path, tmp_path: Path, media: Path
) -> None:
    drops = Drops()
    with ftp_server(tmp_path / "ftp-root", drops=drops) as server:
        site = server.root / "site"
        upload(bundle, ftp_url(server))
        old = tree(site)
        for article in site_store.iter_articles():
            body = f"![图](../../../media/2026/05/photo.png)\n\n{article.title}新版。\n"
            site_store.save_article(dataclasses.replace(article, body=body))
        export_to(site_store, bundle, media)
        new_files = len(tree(bundle))

        # Two files go through, then the server drops every connection as soon as it stores.
        drops.after = [2] + [0] * 10
        drops.stored = 0
        with pytest.raises(UploadError, match="upload again"):
            upload(bundle, ftp_url(server))
        assert (site / MANIFEST).read_bytes() == old[MANIFEST]
        pages_are_whole(site)

        drops.after = []
        summary, _ = upload(bundle, ftp_url(server))
        assert tree(site) == tree(bundle)
        # The two files that got through before the drop were checked, not sent again.
        assert summary.unchanged >= 2 and summary.sent < new_files


def test_sftp_holds_exactly_the_bundle(bundle: Path, sftp: SftpServer) -> None:
    upload(bundle, sftp_url(sftp))
    assert tree(sftp.root / "www" / "site") == tree(bundle)


def test_an_unknown_host_key_is_asked_once_and_remembered(
    bundle: Path, sftp: SftpServer, tmp_path: Path
) -> None:
    keys = HostKeyStore(tmp_path / "keys.json")
    asked: list[tuple[str, str, str]] = []

    def trust(host: str, kind: str, shown: str) -> bool:
        asked.append((host, kind, shown))
        return True

    questions = Questions(confirm_host_key=trust, ask_password=password)
    upload(bundle, sftp_url(sftp), questions, host_keys=keys)
    upload(bundle, sftp_url(sftp), questions, host_keys=keys)
    expected = sftp.host_key.get_fingerprint("sha256")
    assert asked == [(f"127.0.0.1:{sftp.port}", "ssh-ed25519", expected)]


def test_an_unknown_host_key_refused_uploads_nothing(
    bundle: Path, sftp: SftpServer, tmp_path: Path
) -> None:
    questions = Questions(ask_password=password)  # says no to the host key
    keys = HostKeyStore(tmp_path / "keys.json")
    with pytest.raises(UploadCancelled, match="not accepted"):
        upload(bundle, sftp_url(sftp), questions, host_keys=keys)
    assert tree(sftp.root) == {} and not keys.path.exists()


def test_a_changed_host_key_is_refused_with_a_warning(bundle: Path, tmp_path: Path) -> None:
    keys = HostKeyStore(tmp_path / "keys.json")
    with sftp_server(tmp_path / "sftp-root") as server:
        upload(bundle, sftp_url(server), host_keys=keys)
        port = server.port
    impostor_key = asyncssh.generate_private_key("ssh-ed25519")
    with sftp_server(tmp_path / "impostor-root", host_key=impostor_key) as impostor:
        # The impostor answers on the address the real server had.
        keys.remember(f"127.0.0.1:{impostor.port}", *_key_of(keys, f"127.0.0.1:{port}"))
        with pytest.raises(HostKeyChanged, match=r"WARNING.*another host key"):
            upload(bundle, sftp_url(impostor), YES, host_keys=keys)
        assert tree(impostor.root) == {}


def _key_of(keys: HostKeyStore, host_port: str) -> tuple[str, bytes]:
    import base64
    import json

    known = json.loads(keys.path.read_text())[host_port]
    return known["type"], base64.b64decode(known["key"])


def test_a_wrong_password_is_a_clear_error(bundle: Path, sftp: SftpServer) -> None:
    questions = Questions.accept_all(lambda _account: "wrong")
    with pytest.raises(UploadError, match="refused the user name or password"):
        upload(bundle, sftp_url(sftp), questions)
