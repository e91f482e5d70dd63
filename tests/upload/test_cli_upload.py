"""``newsroom upload``: the last export to the remembered server; progress, summary, exit 1."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.cli import main
from desktop.store import Store
from desktop.upload.hostkeys import HOST_KEYS_FILE
from tests.upload.conftest import tree
from tests.upload.servers import PASSWORD, USER, FtpServer, SftpServer


def run(db_path: Path, *args: str) -> int:
    return main(["upload", "--db", str(db_path), *args])


def test_upload_the_last_export_to_the_remembered_folder(
    site_store: Store, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bundle, server = tmp_path / "site", tmp_path / "server"
    assert main(["export", "--db", str(db_path), "--out", str(bundle)]) == 0
    capsys.readouterr()
    assert site_store.site().export_target == str(bundle)

    assert run(db_path, "--to", str(server)) == 0
    captured = capsys.readouterr()
    files = len(tree(bundle))
    assert f"upload: {files}/{files} files" in captured.err
    assert captured.out.splitlines()[0] == (
        f"sent {files} file(s), deleted 0, 0 unchanged, to {server}"
    )
    assert tree(server) == tree(bundle)
    assert site_store.site().upload_url == str(server)

    # Next time neither the server nor the bundle needs saying.
    assert run(db_path) == 0
    assert capsys.readouterr().out.startswith("sent 0 file(s), deleted 0")


def test_dry_run_lists_the_changes_and_changes_nothing(
    bundle: Path, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    server = tmp_path / "server"
    server.mkdir()
    assert run(db_path, "--to", str(server), "--from", str(bundle), "--dry-run") == 0
    out = capsys.readouterr().out.splitlines()
    assert "+ manifest.json" in out and "+ media/2026/05/photo.png" in out
    assert out[-1].startswith(f"would send {len(tree(bundle))} file(s)")
    assert tree(server) == {}


def test_plain_ftp_needs_yes(
    bundle: Path,
    db_path: Path,
    ftp: FtpServer,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("NEWSROOM_UPLOAD_PASSWORD", PASSWORD)
    url = f"ftp://{USER}@127.0.0.1:{ftp.port}/site"
    assert run(db_path, "--to", url, "--from", str(bundle)) == 1
    err = capsys.readouterr().err
    assert err.startswith("newsroom upload: plain FTP") and "--yes" in err
    assert len(err.strip().splitlines()) == 1 and tree(ftp.root) == {}

    assert run(db_path, "--to", url, "--from", str(bundle), "--yes") == 0
    assert tree(ftp.root / "site") == tree(bundle)


def test_sftp_with_yes_remembers_the_host_key(
    bundle: Path,
    db_path: Path,
    sftp: SftpServer,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("NEWSROOM_UPLOAD_PASSWORD", PASSWORD)
    url = f"sftp://{USER}@127.0.0.1:{sftp.port}/site"
    assert run(db_path, "--to", url, "--from", str(bundle)) == 1  # no terminal to ask on
    assert "not accepted" in capsys.readouterr().err
    assert run(db_path, "--to", url, "--from", str(bundle), "--yes") == 0
    assert tree(sftp.root / "site") == tree(bundle)
    assert f"127.0.0.1:{sftp.port}" in (db_path.parent / HOST_KEYS_FILE).read_text()
    # Now known: no --yes needed.
    assert run(db_path, "--to", url, "--from", str(bundle)) == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--to", "http://example.org/"], "cannot upload to http://"),
        (["--to", "sftp://u:pw@127.0.0.1/x"], "leave the password out"),
        ([], "no upload address"),
        (["--to", "/tmp/x", "--from", "/nonexistent/export"], "no export at"),
    ],
)
def test_bad_input_is_one_line_and_exit_1(
    db_path: Path, args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(db_path, *args) == 1
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1
