"""File → Connect to a server…, Use a local file…, and the remembered server at start.

The throwaway server trusts its own login; for these tests one login, ``mima``, must give a
password (scram-sha-256, as an office's server does), so a wrong one is refused for real.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from desktop.config import data_dir
from desktop.demo import open_store
from desktop.gui.dialogs import Dialogs
from desktop.gui.main_window import MainWindow
from desktop.gui.team import SERVER_KEY, starting_location
from desktop.store.location import ServerAddress
from desktop.store.server_login import (
    KEYRING_SERVICE,
    ConnectionRefused,
    LoginProblem,
    ServerLogin,
    check_connection,
    login_problem,
)
from tests.gui.conftest import dispose
from tests.pg_server import ThrowawayServer
from tests.upload.helpers import keychain
from tests.upload.test_url_and_passwords import MemoryKeyring

PASSWORD = "澜江-2026-secret"


@pytest.fixture(scope="module")
def password_login(pg_server: ThrowawayServer) -> str:
    """A login that needs its password, and a database for it; returns the database name."""
    pg_server.admin(
        "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'mima') THEN "
        "CREATE ROLE mima LOGIN SUPERUSER; END IF; END $$"
    )
    pg_server.admin(f"ALTER ROLE mima PASSWORD '{PASSWORD}'")
    hba = pg_server.folder / "data" / "pg_hba.conf"
    rules = hba.read_text()
    if "mima" not in rules:
        hba.write_text("host all mima 127.0.0.1/32 scram-sha-256\n" + rules)
        pg_server.admin("SELECT pg_reload_conf()")
    url = pg_server.database("connect")
    return ServerAddress.parse(url).database


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def errors(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(
        Dialogs, "show_error", classmethod(lambda cls, p, t, m: shown.append(f"{t}: {m}"))
    )
    return shown


@pytest.fixture
def file_window(qtbot, db_path: Path, settings: QSettings, errors) -> Iterator[MainWindow]:
    """The window on a database file on this PC."""
    store = open_store(db_path, demo_if_new=True)
    window = MainWindow(store, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.session.current is not None)
    yield window
    dispose(qtbot, window)
    store.close()


def _answer(monkeypatch: pytest.MonkeyPatch, login: ServerLogin | None) -> list[object]:
    asked: list[object] = []

    def ask(cls, parent, initial, keychain_there):
        asked.append((initial, keychain_there))
        return login

    monkeypatch.setattr(Dialogs, "ask_server_connection", classmethod(ask))
    return asked


def _connect(qtbot, window: MainWindow) -> list[object]:
    """Trigger File → Connect to a server…; return the databases the window asked to open."""
    requested: list[object] = []
    window.database_requested.connect(requested.append)
    window.connect_server_action.trigger()
    qtbot.waitUntil(lambda: not window.team.busy(), timeout=20_000)
    return requested


def test_connecting_remembers_the_server_and_keeps_the_password_in_the_keychain(
    qtbot, file_window: MainWindow, settings: QSettings, pg_server, password_login, monkeypatch
) -> None:
    memory = MemoryKeyring()
    login = ServerLogin("127.0.0.1", pg_server.port, password_login, "mima", PASSWORD)
    asked = _answer(monkeypatch, login)
    with keychain(memory):
        requested = _connect(qtbot, file_window)
    assert asked == [(None, True)]
    url = f"postgresql://mima@127.0.0.1:{pg_server.port}/{password_login}"
    assert requested == [url.replace("mima@", f"mima:{_quoted()}@")]
    settings.sync()
    assert settings.value(SERVER_KEY) == url
    assert PASSWORD not in Path(settings.fileName()).read_text(encoding="utf-8")
    assert memory.secrets == {(KEYRING_SERVICE, url): PASSWORD}


def _quoted() -> str:
    from urllib.parse import quote

    return quote(PASSWORD, safe="")


@pytest.mark.parametrize(
    ("change", "problem", "words"),
    [
        ({"password": "错误的密码"}, LoginProblem.WRONG_PASSWORD, "password of mima is wrong"),
        ({"database": "no_such_db"}, LoginProblem.NO_DATABASE, "no database no_such_db"),
        ({"port": 1}, LoginProblem.UNREACHABLE, "cannot be reached"),
        ({"login": "nobody_here"}, LoginProblem.UNKNOWN_LOGIN, "no login nobody_here"),
    ],
)
def test_a_failed_connection_says_why_and_the_file_stays_open(
    qtbot,
    file_window: MainWindow,
    settings: QSettings,
    errors: list[str],
    pg_server,
    password_login,
    monkeypatch,
    change: dict[str, object],
    problem: LoginProblem,
    words: str,
) -> None:
    values: dict[str, object] = {
        "host": "127.0.0.1",
        "port": pg_server.port,
        "database": password_login,
        "login": "mima",
        "password": PASSWORD,
    }
    values.update(change)
    _answer(monkeypatch, ServerLogin(**values))  # type: ignore[arg-type]
    with keychain(MemoryKeyring()):
        requested = _connect(qtbot, file_window)
    assert len(errors) == 1 and words in errors[0]
    assert "The database open now stays open." in errors[0]
    assert requested == [] and file_window.isVisible()
    assert not file_window.store.is_server
    assert settings.value(SERVER_KEY) is None
    with pytest.raises(ConnectionRefused) as caught:
        check_connection(ServerLogin(**values).address())  # type: ignore[arg-type]
    assert caught.value.problem is problem and login_problem(caught.value) is problem


def test_use_a_local_file_goes_back_and_forgets_the_server(
    qtbot, pg_server, password_login, settings: QSettings, errors
) -> None:
    url = f"postgresql://mima:{_quoted()}@127.0.0.1:{pg_server.port}/{password_login}"
    settings.setValue(SERVER_KEY, url.replace(f":{_quoted()}", ""))
    from desktop.store import Store

    store = Store.open(url)
    window = MainWindow(store, settings)
    window.show()
    requested: list[object] = []
    window.database_requested.connect(requested.append)
    try:
        assert window.local_file_action.isEnabled()
        window.local_file_action.trigger()
        assert requested == [data_dir() / "newsroom.db"]
        assert settings.value(SERVER_KEY) is None
    finally:
        dispose(qtbot, window)
        store.close()


def test_at_start_the_remembered_server_opens_asking_the_password_without_a_keychain(
    pg_server, password_login, settings: QSettings, errors, monkeypatch
) -> None:
    remembered = f"postgresql://mima@127.0.0.1:{pg_server.port}/{password_login}"
    settings.setValue(SERVER_KEY, remembered)
    asked: list[str] = []
    answers = iter(["不对", PASSWORD])

    def ask(cls, parent, server: str, why: str) -> str | None:
        asked.append(why)
        return next(answers)

    monkeypatch.setattr(Dialogs, "ask_server_password", classmethod(ask))
    default = data_dir() / "newsroom.db"
    with keychain():  # no system keychain at all
        location = starting_location(default, settings)
    assert location == remembered.replace("mima@", f"mima:{_quoted()}@")
    assert len(asked) == 2
    assert "password" in asked[0] and "wrong" in asked[1]
    # An explicit --db (or NEWSROOM_DB) always wins over the remembered server.
    assert starting_location(Path("/tmp/other.db"), settings) == Path("/tmp/other.db")


def test_at_start_a_server_that_is_away_falls_back_to_the_file_saying_why(
    settings: QSettings, errors: list[str]
) -> None:
    settings.setValue(SERVER_KEY, "postgresql://mima@127.0.0.1:1/newsroom")
    default = data_dir() / "newsroom.db"
    with keychain():
        assert starting_location(default, settings) == default
    assert len(errors) == 1
    assert "cannot be reached" in errors[0] and "on this PC instead" in errors[0]


def test_the_connect_dialog_and_the_lock_banner_speak_chinese(qtbot) -> None:
    from PySide6.QtWidgets import QApplication, QLabel

    from desktop.gui.i18n import install_translators, remove_translators
    from desktop.gui.lock_banner import LockBanner
    from desktop.gui.server_dialog import ServerDialog
    from desktop.store.locks import EditLock
    from desktop.store.server_login import problem_text

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    translators = install_translators(app, "zh_CN")
    try:
        dialog = ServerDialog(None, keychain=False)
        qtbot.addWidget(dialog)
        labels = [label.text() for label in dialog.findChildren(QLabel) if label.text()]
        assert "服务器" in labels and "登录名" in labels and "密码" in labels
        assert dialog.windowTitle() == "连接服务器"
        assert not dialog.remember.isEnabled()  # no keychain: asked at each start
        banner = LockBanner()
        qtbot.addWidget(banner)
        banner.show_holder(EditLock(3, "wangfang", "王芳", "PC-03", "s", 4.0))
        assert (
            banner.label.text()
            == "王芳（PC-03）正在编辑这篇稿件。您看到的是只读内容，会随对方的保存而更新。"
        )
        assert banner.take_over_button.text() == "接管编辑"
        refused = problem_text(
            LoginProblem.NO_DATABASE,
            ServerAddress.parse("postgresql://zhangli@192.168.1.10/newsroom"),
        )
        assert refused.startswith("服务器 192.168.1.10:5432 上没有数据库 newsroom")
    finally:
        remove_translators(app, translators)


def test_the_app_moves_its_window_to_the_server_and_back(
    qtbot, db_path: Path, pg_server, password_login, settings: QSettings, errors, monkeypatch
) -> None:
    from desktop.gui.app import REMEMBERED_DATABASE, WindowHost

    open_store(db_path, demo_if_new=True).close()
    host = WindowHost(settings)
    first = host.open(db_path)
    assert first is not None
    host.start(first)
    login = ServerLogin("127.0.0.1", pg_server.port, password_login, "mima", PASSWORD)
    _answer(monkeypatch, login)
    with keychain(MemoryKeyring()):
        first.connect_server_action.trigger()
        qtbot.waitUntil(lambda: host.window is not first, timeout=20_000)
    on_server = host.window
    assert on_server is not None and on_server.store.is_server
    assert on_server.store.address.user == "mima"  # type: ignore[union-attr]
    assert PASSWORD not in str(settings.value(REMEMBERED_DATABASE, ""))
    on_server.local_file_action.trigger()
    qtbot.waitUntil(lambda: host.window is not on_server, timeout=20_000)
    back = host.window
    assert back is not None and not back.store.is_server
    assert settings.value(SERVER_KEY) is None
    store = back.store
    dispose(qtbot, back)
    store.close()
