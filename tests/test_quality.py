"""The project's own checks: lint, types, and packaging of the resources."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from tests.conftest import REPO


def run_tool(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *command], cwd=REPO, capture_output=True, text=True, timeout=600
    )


def test_ruff_finds_nothing() -> None:
    result = run_tool("ruff", "check", "desktop", "tests")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_finds_nothing() -> None:
    result = run_tool("mypy")
    assert result.returncode == 0, result.stdout + result.stderr


def test_wheel_carries_the_resources(tmp_path: Path) -> None:
    """A normal (non-editable) install finds templates, CSS and samples inside the package."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(tmp_path),
            str(REPO),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    wheel = next(tmp_path.glob("newsroom-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "desktop/_resources/templates/article.html" in names
    assert "desktop/_resources/css/site.css" in names
    assert any(n.startswith("desktop/_resources/samples/articles/") for n in names)
    target = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(target)
    probe = subprocess.run(
        [sys.executable, "-c", "from desktop.resources import resource_dir; print(resource_dir())"],
        cwd=tmp_path,
        env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert probe.returncode == 0, probe.stderr
    assert Path(probe.stdout.strip()) == target / "desktop" / "_resources"
