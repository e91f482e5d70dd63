"""Smoke test of the import benchmark: it runs and prints its figures (timing is not judged)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent / "bench_import.py"


def test_bench_import_quick_prints_figures() -> None:
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--quick"],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    assert re.search(r"10 \.docx files .* files/s, 0 failed", result.stdout), result.stdout
    assert re.search(r"peak RSS \d+ MB", result.stdout), result.stdout
    assert re.search(r"cleaner \d+ ms, editor paste path \d+ ms", result.stdout), result.stdout
