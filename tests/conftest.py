"""Fixtures shared by every test: a fresh database and a private data folder for each test."""

from __future__ import annotations

import os
import shutil

# Before any Qt import: no screen here, and QtWebEngine runs as root in CI.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--disable-gpu --no-sandbox")

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.article import Article, Status
from desktop.i18n import set_language
from desktop.importing.office import find_soffice
from desktop.store import Store
from tests.pg_server import ServerUnavailable, ThrowawayServer

# Programs the tests use from the system: skipped on a developer's machine without them,
# never under CI, where `.ci/run` installs them and a missing one must fail.
needs_libreoffice = pytest.mark.skipif(
    find_soffice() is None and not os.environ.get("CI"),
    reason="LibreOffice is not installed (.ci/run installs it)",
)
needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None and not os.environ.get("CI"),
    reason="poppler-utils (pdftotext, pdffonts, pdfinfo) is missing (.ci/run installs it)",
)

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def private_data_folder(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Point every user folder at a temporary one so no test touches the real data folder."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("APPDATA", str(home / "appdata"))
    monkeypatch.delenv("NEWSROOM_DB", raising=False)
    return home


@pytest.fixture(autouse=True)
def english_core_messages() -> Iterator[None]:
    """Every test starts and ends with the core speaking English, its source language."""
    set_language("en")
    yield
    set_language("en")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Return the path of a database file that does not exist yet."""
    return tmp_path / "newsroom.db"


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    """Return a fresh, empty store on a real SQLite file."""
    with Store.open(db_path) as opened:
        yield opened


def running_server() -> Iterator[ThrowawayServer]:
    """Start a throwaway PostgreSQL server and stop it at the end; skipped here without one,
    failed in CI (a fixture's body: ``yield from running_server()``)."""
    server = ThrowawayServer()
    try:
        server.start()
    except ServerUnavailable as exc:
        server.stop()
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the PostgreSQL tests, but no server starts: {exc}")
        pytest.skip(f"no PostgreSQL server here: {exc}")
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def pg_server() -> Iterator[ThrowawayServer]:
    """A throwaway PostgreSQL server for the session."""
    yield from running_server()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_location(request: pytest.FixtureRequest, db_path: Path) -> str | Path:
    """Where a fresh store goes, once per backend: an SQLite file, a new server database."""
    if request.param == "sqlite":
        return db_path
    server: ThrowawayServer = request.getfixturevalue("pg_server")
    return server.database()


def make_article(title: str = "市总工会召开全委会议", **fields: object) -> Article:
    """Return an article with sensible Chinese defaults, overridden by ``fields``."""
    values: dict[str, object] = {
        "title": title,
        "body": "**一是抓学习。**会议要求，全市各级工会要突破300个服务站点。\n",
        "column": "工会动态",
        "author": "市总工会组宣部",
        "source": "澜江市总工会",
        "published_at": dt.datetime(2026, 5, 6, 9, 30),
        "status": Status.PUBLISHED,
    }
    values.update(fields)
    return Article(**values)  # type: ignore[arg-type]


@pytest.fixture
def rendered(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The Markdown texts the cache of rendered bodies had rendered in this process, in order."""
    from desktop.render import body_cache
    from desktop.render.markdown import render_body

    calls: list[str] = []

    def counting(text: str) -> str:
        calls.append(text)
        return render_body(text)

    monkeypatch.setattr(body_cache, "render_body", counting)
    return calls
