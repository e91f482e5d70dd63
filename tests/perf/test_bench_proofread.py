"""Smoke test of the proofreading benchmark: it runs and prints its figures (timing not judged)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent / "bench_proofread.py"


def test_bench_proofread_quick_prints_figures() -> None:
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--quick"],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    assert re.search(r"median \d+\.\d+ ms, p95 \d+\.\d+ ms", result.stdout), result.stdout
    assert re.search(r"\b(9\d{3}|1\d{4}) body characters, [1-9]\d* problems", result.stdout)
    assert re.search(r"200 articles: \d+\.\d+ s total, \d+ articles/s", result.stdout)
    assert re.search(r"\d+\.\d+ ms per keystroke in all", result.stdout), result.stdout
    assert re.search(
        r"UTF-8 read as GBK +\d+\.\d+% \(\d+/20\) +\d+\.\d+% \(\d+/20\)", result.stdout
    )
    assert re.search(r"tuning set: all kinds recall \d+\.\d+% \(\d+/300\)", result.stdout)
    assert re.search(r"held-out set: all kinds recall \d+\.\d+% \(\d+/300\)", result.stdout)
    assert re.search(
        r"protected names: (2[4-9]|[3-9])\d{2,} terms.*median \d+\.\d+ ms", result.stdout
    )
    assert re.search(r"target\), 5 found", result.stdout)
    assert re.search(r"false alarms per 100,000 characters: serious 0\.00", result.stdout)
    assert re.search(r"precision 100\.00% \((\d+)/\1 give the original text\)", result.stdout)
