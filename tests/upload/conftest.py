"""Fixtures of the upload tests: an exported bundle, and real servers on loopback."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.article import Article, Status
from desktop.export import ExportOptions, folder_media, run_export
from desktop.store import Store
from tests.export.sample_bundle import make_media_folder
from tests.upload.helpers import keychain
from tests.upload.servers import FtpServer, SftpServer, ftp_server, sftp_server


@pytest.fixture(autouse=True)
def no_keychain(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No test reads or writes the real system keychain, nor a password from outside."""
    monkeypatch.delenv("NEWSROOM_UPLOAD_PASSWORD", raising=False)
    with keychain():
        yield


def fill_site(store: Store) -> None:
    """Three published articles, one of them with a picture."""
    store.add_articles(
        [
            Article(
                title=f"市总工会第{n}次会议",
                body=f"第{n}篇文章。\n",
                column="工会动态",
                published_at=dt.datetime(2026, 5, 1 + n, 9, 0),
                status=Status.PUBLISHED,
            )
            for n in range(1, 3)
        ]
        + [
            Article(
                title="职工技能竞赛现场图片",
                body="![竞赛现场](../../../media/2026/05/photo.png)\n\n比赛现场。\n",
                column="基层风采",
                published_at=dt.datetime(2026, 5, 21, 9, 0),
                status=Status.PUBLISHED,
            )
        ]
    )


def export_to(store: Store, target: Path, media: Path, as_zip: bool = False) -> Path:
    """Export the store's site to ``target`` and return it."""
    run_export(store, ExportOptions(target=target, as_zip=as_zip, media=folder_media(media)))
    return target


@pytest.fixture
def media(tmp_path: Path) -> Path:
    """A media folder with the picture the pages use."""
    return make_media_folder(tmp_path / "media-root")


@pytest.fixture
def site_store(store: Store) -> Store:
    """The test store with a small site in it."""
    fill_site(store)
    return store


@pytest.fixture
def bundle(site_store: Store, tmp_path: Path, media: Path) -> Path:
    """The small site exported as a folder."""
    return export_to(site_store, tmp_path / "export", media)


@pytest.fixture
def ftp(tmp_path: Path) -> Iterator[FtpServer]:
    """A plain FTP server on loopback."""
    with ftp_server(tmp_path / "ftp-root") as server:
        yield server


@pytest.fixture
def sftp(tmp_path: Path) -> Iterator[SftpServer]:
    """An SFTP server on loopback."""
    with sftp_server(tmp_path / "sftp-root") as server:
        yield server


def tree(folder: Path) -> dict[str, bytes]:
    """Every file below ``folder`` by POSIX path."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }
