"""The journal of a server database belongs to one process at a time (one copy of Newsroom)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from desktop.store.journal import EditJournal, JournalBusy
from tests.conftest import REPO
from tests.store.test_journal import edited

KEEP_AND_WAIT = r"""
import sys
from desktop.store.journal import EditJournal
from tests.store.test_journal import edited
journal = EditJournal(sys.argv[1])
journal.keep(edited(body="第一个窗口暂存的修改。\n"))
print("kept", flush=True)
sys.stdin.readline()  # stays open, holding the journal, until killed
"""


def start_owner(path: Path) -> subprocess.Popen[str]:
    """Another process that keeps an edit in the journal at ``path`` and stays open."""
    child = subprocess.Popen(
        [sys.executable, "-c", KEEP_AND_WAIT, str(path)],
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None and child.stdout.readline().strip() == "kept"
    return child


def test_a_second_process_is_refused_and_takes_over_once_the_first_is_killed(
    tmp_path: Path,
) -> None:
    path = tmp_path / "servers" / "local-5432-news" / "journal.db"
    first = start_owner(path)
    try:
        with pytest.raises(JournalBusy) as refused:
            EditJournal(path)
        assert "already open" in str(refused.value)
        first.kill()  # SIGKILL: no clean-up in the first process, the OS lets the lock go
        first.wait(timeout=30)
        journal = EditJournal(path)
        (kept,) = journal.pending()
        assert kept.body == "第一个窗口暂存的修改。\n"  # the first's edit, untouched
        journal.close()
    finally:
        if first.poll() is None:
            first.kill()
            first.wait(timeout=30)


def test_journals_of_one_process_share_the_claim_until_the_last_closes(tmp_path: Path) -> None:
    path = tmp_path / "journal.db"
    window, startup = EditJournal(path), EditJournal(path)  # one copy: both are its own
    startup.close()
    window.keep(edited(body="窗口还开着。\n"))
    # Still owned by this process: another one is refused while the window's journal is open.
    probe = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from desktop.store.journal import EditJournal; EditJournal(sys.argv[1])",
            str(path),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert probe.returncode != 0 and "JournalBusy" in probe.stderr
    window.close()
    again = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from desktop.store.journal import EditJournal;"
            " print(EditJournal(sys.argv[1]).count())",
            str(path),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    assert again.stdout.strip() == "1"
