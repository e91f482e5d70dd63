"""The ``newsroom`` program: a command runs without Qt; no command opens the window."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from desktop import cli
from desktop.gui import app, launch
from tests.conftest import REPO


def test_no_command_opens_the_window_on_the_database(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    opened: list[tuple[Path, str | None]] = []

    def run_app(db_path: Path, lang: str | None = None) -> int:
        opened.append((db_path, lang))
        return 7

    monkeypatch.setattr(app, "run_app", run_app)
    assert launch.main(["--db", str(tmp_path / "n.db"), "--lang", "en"]) == 7
    assert opened == [(tmp_path / "n.db", "en")]


def test_the_command_line_alone_asks_for_a_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        cli.main([])
    assert exited.value.code == 2
    assert "a command is required" in capsys.readouterr().err


def test_a_command_runs_without_loading_qt(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from desktop.gui.launch import main\n"
        f"status = main(['--db', {str(tmp_path / 'n.db')!r}, 'list', '--json'])\n"
        "print(status, any(m.split('.')[0] == 'PySide6' for m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["[]", "0 False"]


def test_python_m_desktop_gui_is_the_whole_program(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "desktop.gui", "--db", str(tmp_path / "n.db"), "list"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
