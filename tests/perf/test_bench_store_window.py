"""Runs the store and window benchmarks small so they keep working; timings are not judged."""

from __future__ import annotations

import re
import subprocess
import sys

from tests.conftest import REPO


def run_quick(module: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", module, "--quick"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_store_benchmark_prints_every_figure() -> None:
    out = run_quick("tests.perf.bench_store")
    assert re.search(r"import of 500 Markdown files: .* [\d,]+ articles/s", out)
    for label in ("1 char, common", "2 chars, rare", "4 chars, common", "first list page"):
        assert re.search(re.escape(label) + r".*\d+\.\d\d ms", out), label
    assert re.search(r"database size: [\d.,]+ MB with the search index, [\d.,]+ MB without", out)


def test_window_benchmark_prints_every_figure() -> None:
    out = run_quick("tests.perf.bench_window")
    assert re.search(r"painted window with the list: +\d+ ms", out), out
    assert re.search(r"first preview on screen: +\d+ ms", out), out
    assert re.search(r"keystroke to preview, [\d,]+-character article: median \d+ ms", out), out
    assert re.search(
        r"non-stop typing, \d+ characters .*: keystroke to preview median \d+ ms, max \d+ ms; "
        r"largest gap between refreshes \d+ ms",
        out,
    ), out
    assert re.search(r"memory in use \(RSS\) after typing: \d+ MB", out), out
    for phase in (
        "paste a table",
        "type in the middle of the table",
        "type at the end of the table",
        "save the table",
        "open the table from the list",
        "paste a long text",
        "type in the long text",
        "save",
        "proofread",
        "all phases",
    ):
        assert re.search(re.escape(phase) + r": worst stall \d+ ms, p99 \d+ ms", out), out
