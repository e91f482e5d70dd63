"""Hundreds of damaged databases through the command line: a clear message, or the right data.

Every copy from :mod:`tests.store.damage` is run through ``newsroom list`` in-process (and a
sample through ``show``, ``export`` and a real subprocess). A damaged file must give a non-zero
exit, one line on stderr naming the file, no traceback, and leave the file, its -wal and its
-shm byte for byte as they were. A damage that happened to be harmless must print exactly what
the good database prints.
"""

from __future__ import annotations

import collections
import contextlib
import io
import signal
import subprocess
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

from desktop import cli
from tests.conftest import REPO
from tests.store.damage import (
    DamagedCopy,
    Files,
    GoodDatabase,
    damaged_copies,
    good_database,
    read_files,
    write_files,
)

#: Seconds one command may take on a damaged file before it counts as a hang.
HANG = 60


@dataclass(frozen=True)
class Outcome:
    """What one command did with one set of files."""

    code: object
    stdout: str
    stderr: str
    untouched: bool


@dataclass(frozen=True)
class Corpus:
    """The good databases and every damaged copy made from them."""

    good: GoodDatabase
    good_wal: GoodDatabase
    copies: list[DamagedCopy]

    def source(self, copy: DamagedCopy) -> GoodDatabase:
        """The good database a copy was made from (what a harmless damage must still show)."""
        if copy.kind == "foreign-wal":
            return self.good_wal if copy.seed % 2 else self.good
        return self.good_wal if copy.kind.startswith("wal-") else self.good


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    """Build the good databases once for the module; the copies are made from their bytes."""
    good = good_database(live_wal=False)
    good_wal = good_database(live_wal=True)
    other = good_database(live_wal=True, variant=1)
    return Corpus(good, good_wal, list(damaged_copies(good, good_wal, other)))


@contextlib.contextmanager
def time_limit(seconds: int) -> Iterator[None]:
    """Fail instead of hanging (the alarm interrupts SQLite between steps)."""

    def expired(signum: int, frame: object) -> None:
        raise TimeoutError(f"no answer after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def run_cli(files: Files, folder: Path, *argv: str) -> Outcome:
    """Write the files as ``folder/newsroom.db`` and run ``newsroom ARGV --db it`` in-process."""
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / "newsroom.db"
    write_files(files, db)
    before = read_files(db)
    out, err = io.StringIO(), io.StringIO()
    with time_limit(HANG), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code: object = cli.main([*argv, "--db", str(db)])
        except SystemExit as exc:
            code = exc.code
    return Outcome(code, out.getvalue(), err.getvalue(), read_files(db) == before)


def judge(outcome: Outcome, expected: str, folder: Path) -> str:
    """Return "damaged" or "harmless", failing the test for anything else."""
    if outcome.code == 0:
        assert outcome.stdout == expected, "a damaged file printed wrong data without a word"
        return "harmless"
    # The export's progress lines ("export: reading articles") may come first: it reads while
    # the database is checked, and writes nothing until the check has passed.
    said = [line for line in outcome.stderr.splitlines() if not line.startswith("export: ")]
    message = "\n".join(said).strip()
    assert outcome.code == cli.EXIT_FAILED
    assert "Traceback" not in outcome.stderr and "\n" not in message, outcome.stderr
    assert message.startswith("newsroom ") and str(folder / "newsroom.db") in message, message
    # A flipped low bit of the schema number reads as a newer Newsroom's file: clear, too.
    words = ("damaged", "not an SQLite", "another application", "newer Newsroom")
    assert any(word in message for word in words), message
    assert outcome.untouched, "a damaged file (or its -wal or -shm) was written to"
    return "damaged"


def test_the_corpus_has_every_kind_of_damage(corpus: Corpus) -> None:
    kinds = collections.Counter(copy.kind for copy in corpus.copies)
    assert len(corpus.copies) >= 300
    assert corpus.good_wal.has_wal and not corpus.good.has_wal
    assert {"header-flip", "table-page-flip", "index-page-flip", "wal-flip", "truncated"} <= set(
        kinds
    )
    assert {"zeroed-pages", "swapped-pages", "foreign-wal", "200-bytes-flipped"} <= set(kinds)
    again = list(damaged_copies(corpus.good, corpus.good_wal, good_database(live_wal=True)))
    assert [c.files[""] for c in again[:50]] == [c.files[""] for c in corpus.copies[:50]]


def test_every_damaged_copy_gives_a_clear_message_or_the_right_list(
    corpus: Corpus, tmp_path: Path
) -> None:
    expected = {
        id(source): run_cli(source.files, tmp_path / f"good{n}", "list").stdout
        for n, source in enumerate((corpus.good, corpus.good_wal))
    }
    assert all(text.count("\n") >= 14 for text in expected.values())
    found: collections.Counter[tuple[str, str]] = collections.Counter()
    for copy in corpus.copies:
        folder = tmp_path / copy.name
        outcome = run_cli(copy.files, folder, "list")
        try:
            verdict = judge(outcome, expected[id(corpus.source(copy))], folder)
        except AssertionError as exc:
            raise AssertionError(f"{copy.name}: {exc}\n{outcome.stderr}") from None
        found[(copy.kind, verdict)] += 1
    print_summary(found)
    damaged = sum(n for (_, verdict), n in found.items() if verdict == "damaged")
    assert damaged >= len(corpus.copies) // 2  # most damage is found, not just survived
    for kind in ("truncated", "swapped-pages", "wal-flip", "wal-truncated", "foreign-wal"):
        assert found[(kind, "harmless")] == 0, kind


def print_summary(found: collections.Counter[tuple[str, str]]) -> None:
    """Print how many copies of each kind were found damaged or were harmless (-s shows it)."""
    kinds = sorted({kind for kind, _ in found})
    for kind in kinds:
        print(f"{kind:20} damaged {found[kind, 'damaged']:3}  harmless {found[kind, 'harmless']:3}")


def sample(corpus: Corpus, every: int) -> list[DamagedCopy]:
    """Every ``every``-th copy, so each kind is in the sample."""
    return corpus.copies[::every]


@pytest.mark.parametrize(
    "argv", [("show", "3", "--format", "json"), ("show", "15"), ("search", "竞赛")]
)
def test_a_sample_through_show_and_search(
    corpus: Corpus, tmp_path: Path, argv: Sequence[str]
) -> None:
    expected = {
        id(source): run_cli(source.files, tmp_path / f"good{n}", *argv)
        for n, source in enumerate((corpus.good, corpus.good_wal))
    }
    wrong = 0
    for copy in sample(corpus, 7):
        folder = tmp_path / copy.name
        outcome = run_cli(copy.files, folder, *argv)
        good = expected[id(corpus.source(copy))]
        if outcome.code == good.code and outcome.stdout == good.stdout:
            continue
        if outcome.code == 0 or good.code != 0:
            wrong += 1  # a changed body that is still text: nothing in SQLite can see it
            continue
        judge(outcome, "", folder)
    print(f"{argv[0]}: {wrong} of {len(sample(corpus, 7))} printed changed text unnoticed")
    assert wrong <= 2


def test_a_sample_through_export(corpus: Corpus, tmp_path: Path) -> None:
    for copy in sample(corpus, 17):
        folder = tmp_path / copy.name
        outcome = run_cli(copy.files, folder, "export", "--out", str(folder / "site"))
        if outcome.code == 0:
            assert (folder / "site" / "manifest.json").exists()
        else:
            judge(outcome, "", folder)
            assert not (folder / "site").exists()


def test_a_few_through_a_real_process(corpus: Corpus, tmp_path: Path) -> None:
    chosen = {c.kind: c for c in corpus.copies if c.seed == 1}
    for kind in ("truncated", "wal-flip", "foreign-wal", "zeroed-pages", "swapped-pages"):
        folder = tmp_path / kind
        folder.mkdir()
        db = folder / "newsroom.db"
        write_files(chosen[kind].files, db)
        before = read_files(db)
        done = subprocess.run(
            [sys.executable, "-m", "desktop", "list", "--db", str(db)],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=HANG,
        )
        assert done.returncode == 1 and "Traceback" not in done.stderr, (kind, done.stderr)
        assert done.stderr.count("\n") == 1 and str(db) in done.stderr
        assert read_files(db) == before
