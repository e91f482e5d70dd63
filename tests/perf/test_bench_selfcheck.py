"""Smoke test of the self-check benchmark: it runs and prints its figures (timing is not judged)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent / "bench_selfcheck.py"


def test_bench_selfcheck_quick_prints_figures() -> None:
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--quick"],
        capture_output=True,
        text=True,
        timeout=240,
        check=True,
    )
    assert re.search(r"distinct pairs: \d+, similarity max 0\.\d+", result.stdout), result.stdout
    assert "called duplicates at 0.5: 0" in result.stdout, result.stdout
    assert re.search(r"60 characters changed: .* found 14/14", result.stdout), result.stdout
    assert re.search(r"MinHash search over \d+ articles: \d+ ms", result.stdout), result.stdout
