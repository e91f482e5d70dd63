"""Smoke test of the warmer benchmark: it runs and prints its figures (timing is not judged)."""

from __future__ import annotations

import re
import subprocess
import sys

from tests.conftest import REPO


def test_bench_warm_quick_prints_figures() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tests.perf.bench_warm", "--quick"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )
    assert re.search(r"full export, cold: +\d+\.\d+ s", result.stdout), result.stdout
    # The pass ended; the corpus's bodies are all plain and simplified, which the cache does
    # not keep (made again faster than read back), so none is cached and none is missing.
    assert re.search(r"warmer pass: +\d+\.\d+ s \(ended\), 0 bodies cached", result.stdout), (
        result.stdout
    )
    assert re.search(r"full export after the window: +\d+\.\d+ s", result.stdout), result.stdout
