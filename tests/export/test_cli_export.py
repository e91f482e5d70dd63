"""``newsroom export``: progress on stderr, a summary on stdout, one line and exit 1 on failure."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.store import Store
from tests.conftest import REPO


def test_export_folder_then_changed_only(
    sample_store: Store, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "site"
    assert main(["export", "--db", str(db_path), "--out", str(out)]) == 0
    captured = capsys.readouterr()
    assert "export: reading articles" in captured.err
    lines = captured.out.splitlines()
    assert lines[0].startswith("written ") and ", unchanged 0, removed 0" in lines[0]
    assert lines[2] == f"folder {out}"
    assert (out / "manifest.json").is_file()

    article = sample_store.get_article(1)
    sample_store.save_article(replace(article, summary="新的摘要。"))
    assert main(["export", "--db", str(db_path), "--out", str(out), "--changed-only"]) == 0
    first = capsys.readouterr().out.splitlines()[0]
    written = int(first.split(",")[0].split()[1])
    # In both editions the article's page (its description) and the lists showing the summary
    # (home, column, month, its three keywords), then the feed and the manifest.
    assert 1 < written <= 16


def test_export_zip_with_statuses(
    sample_store: Store, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "site.zip"
    code = main(
        ["export", "--db", str(db_path), "--zip", str(target), "--status", "draft", "review"]
    )
    assert code == 0
    with zipfile.ZipFile(target) as archive:
        manifest = json.loads(archive.read("manifest.json"))
    assert manifest["statuses"] == ["draft", "review"]
    assert capsys.readouterr().out.splitlines()[2] == f"zip {target}"


def test_export_failure_is_one_line(
    sample_store: Store, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "mine.txt").write_text("keep me")
    assert main(["export", "--db", str(db_path), "--out", str(tmp_path)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1
    assert captured.err.startswith("newsroom export: ") and "no Newsroom bundle" in captured.err
    assert (tmp_path / "mine.txt").read_text() == "keep me"


def test_export_needs_a_target(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["export"])
    assert exit_info.value.code == 2
    assert "--out" in capsys.readouterr().err


_ENDING = """
import atexit, sys, threading
from desktop.cli import main

class Teardown:
    def __del__(self):
        print("torn down", flush=True)

kept = Teardown()  # freed only by Python's teardown of this module
atexit.register(lambda: print("at exit", flush=True))
if sys.argv[1] == "thread":
    threading.Thread(target=threading.Event().wait, args=(2,)).start()
sys.exit(main(sys.argv[2:], exit_at_end=True))
"""


@pytest.mark.parametrize("thread", ["", "thread"])
def test_the_program_ends_after_an_export_without_its_teardown(
    sample_store: Store, db_path: Path, tmp_path: Path, thread: str
) -> None:
    sample_store.close()
    out = tmp_path / "site"
    result = subprocess.run(
        [sys.executable, "-c", _ENDING, thread, "--db", str(db_path), "export", "--out", str(out)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("written ") and lines[2] == f"folder {out}"
    assert (out / "manifest.json").is_file()
    # Its output out and the functions registered for exit run; the objects left not freed,
    # unless another thread still runs: then the process ends the ordinary way.
    ending = [line for line in lines if line in ("at exit", "torn down")]
    assert ending == (["at exit", "torn down"] if thread else ["at exit"])
    # A failed export ends at once too, with its exit code.
    result = subprocess.run(
        [sys.executable, "-c", _ENDING, thread, "--db", str(db_path), "export", "--out", "/"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 1 and "newsroom export:" in result.stderr
