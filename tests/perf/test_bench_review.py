"""Smoke test of the sign-off sheet benchmark: it runs and prints its figures (not judged)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent / "bench_review.py"


def test_bench_review_quick_prints_figures() -> None:
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--quick"],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    assert re.search(r"sheet HTML \d+\.\d ms", result.stdout), result.stdout
    assert re.search(r"sheet PDF warm: median \d+ ms, p95 \d+ ms over 2 runs", result.stdout)
