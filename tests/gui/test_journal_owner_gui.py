"""Two copies of Newsroom on one PC for one server: the second is refused, the first's kept
edits stay its own, and after the first is killed a new copy takes the journal over."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.store import Store
from desktop.store.journal import EditJournal
from desktop.store.location import ServerAddress
from tests.conftest import REPO, make_article, running_server
from tests.pg_server import ThrowawayServer


@pytest.fixture(scope="module")
def server() -> Iterator[ThrowawayServer]:
    """A server of this module's own: the test stops and starts it."""
    yield from running_server()


COPY = r"""
import os, sys
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication
from desktop.gui.preview import register_preview_scheme
register_preview_scheme()
app = QApplication([])
from desktop.config import SaveTiming
from desktop.gui.app import open_window
from desktop.gui.dialogs import Dialogs
from desktop.gui.i18n import install_translators
translators = install_translators(app, "zh_CN")
def say(cls, parent, title, message):
    print("error", title, "|", message.replace("\n", " "), flush=True)
Dialogs.show_error = classmethod(say)
Dialogs.show_info = classmethod(say)
Dialogs.ask_retry_server = classmethod(lambda cls, parent, message: False)
window = open_window(sys.argv[1], QSettings(sys.argv[2], QSettings.Format.IniFormat))
if window is None:
    sys.exit(3)
window.session.set_timing(SaveTiming(pause_ms=50, max_wait_ms=300, retry_ms=500))
window.connection.set_intervals(200, (100, 200, 400))
window.show()
state = []
def step():
    session = window.session
    if session.current is None:
        pass
    elif not state:
        body = window.editor.body_markdown().replace("\n", " ")
        print("open", session.pending_edits(), body, flush=True)
        state.append("open")
    elif state == ["open"] and not session.is_online():
        rich = window.editor.rich
        cursor = rich.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.End)
        rich.setTextCursor(cursor)
        rich.insertPlainText("第一个窗口离线时写的。")
        state.append("typed")
    elif state == ["open", "typed"] and session.pending_edits() == 1:
        print("kept", flush=True)
        state.append("kept")
    QTimer.singleShot(50, step)
QTimer.singleShot(0, step)
app.exec()
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_a_second_copy_for_the_same_server_is_refused_and_a_later_one_takes_over(
    server: ThrowawayServer, tmp_path: Path
) -> None:
    url = server.database("owner")
    with Store.open(url) as store:
        article = store.add_article(make_article())
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QTWEBENGINE_DISABLE_SANDBOX": "1"}

    def start(name: str) -> subprocess.Popen[str]:
        return subprocess.Popen(
            [sys.executable, "-c", COPY, url, str(tmp_path / f"{name}.ini")],
            cwd=REPO,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )

    first = start("first")
    copies = [first]
    halted = False
    try:
        assert first.stdout is not None
        assert first.stdout.readline().startswith("open 0 ")
        server.halt()
        halted = True
        assert first.stdout.readline().strip() == "kept"

        # A second copy on this PC: told plainly, in Chinese, and it never opens a window.
        second = start("second")
        copies.append(second)
        said, _ = second.communicate(timeout=120)
        assert second.returncode == 3, said
        assert said.startswith("error 新闻编辑室已经打开 |"), said
        assert "本机已有一个新闻编辑室窗口打开了这个服务器" in said
        assert "open" not in said.split("|", 1)[1]

        os.kill(first.pid, signal.SIGKILL)
        first.wait(timeout=30)
        journal = EditJournal.for_server(ServerAddress.parse(url))
        (kept,) = journal.pending()  # the first copy's edit, as it kept it
        assert kept.id == article.id and "第一个窗口离线时写的。" in kept.body
        journal.close()

        # With the first copy gone, a new one takes the journal over and saves what it kept.
        server.resume()
        halted = False
        third = start("third")
        copies.append(third)
        assert third.stdout is not None
        line = third.stdout.readline()
        if line.startswith("error"):
            line = third.stdout.readline()  # the notice that the killed copy did not close
        # It shows the kept edit and has saved it on the server (the journal is empty again).
        assert line.startswith("open 0 ") and "第一个窗口离线时写的。" in line, line
        with Store.open(url) as store:
            assert "第一个窗口离线时写的。" in store.get_article(article.id or 0).body
    finally:
        if halted:
            server.resume()
        for child in copies:
            if child.poll() is None:
                child.kill()
                child.wait(timeout=30)


PROBE = "import sys; from desktop.store.journal import EditJournal; EditJournal(sys.argv[1])"


def another_copy_may_own(path: Path) -> bool:
    """Whether another process on this PC could take the journal at ``path`` now."""
    probe = subprocess.run(
        [sys.executable, "-c", PROBE, str(path)], cwd=REPO, capture_output=True, text=True
    )
    return probe.returncode == 0


def test_moving_the_window_to_another_database_lets_the_servers_journal_go(
    qtbot, server: ThrowawayServer, tmp_path: Path
) -> None:
    import shiboken6
    from PySide6.QtCore import QSettings

    from desktop.gui.app import WindowHost
    from tests.gui.conftest import dispose

    url = server.database("move")
    with Store.open(url) as store:
        store.add_article(make_article())
    host = WindowHost(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    window = host.open(url)
    assert window is not None and window.session.journal is not None
    journal_path = window.session.journal.path
    assert not another_copy_may_own(journal_path)  # this copy has it while on the server
    with qtbot.waitSignal(host.switched, timeout=20_000) as switched:
        assert host.switch_to(tmp_path / "本单位网站.db")
    own = switched.args[0]
    try:
        qtbot.waitUntil(lambda: not shiboken6.isValid(window), timeout=10_000)
        assert another_copy_may_own(journal_path)
    finally:
        store = own.store
        dispose(qtbot, own)
        store.close()
