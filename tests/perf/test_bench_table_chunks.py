"""Smoke test of the table-chunk benchmark: it runs and prints its figures (timing not judged)."""

from __future__ import annotations

import re
import subprocess
import sys

from tests.conftest import REPO


def test_bench_table_chunks_quick_prints_figures() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tests.perf.bench_table_chunks", "--quick"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    for rows in (200, 20):
        assert re.search(
            rf"  {rows} rows a table \(200 rows\): insert and lay out median \d+\.\d ms, "
            r"max \d+\.\d ms; repaint median \d+\.\d ms",
            result.stdout,
        ), result.stdout
