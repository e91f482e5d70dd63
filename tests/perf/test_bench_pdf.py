"""Smoke test of the PDF benchmark: it runs and prints its figures (timing is not judged)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent / "bench_pdf.py"


def test_bench_pdf_quick_prints_figures() -> None:
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--quick"],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    assert re.search(r"\d{4} body characters and a 1600×1200 photo, \d+ KB", result.stdout)
    assert re.search(r"cold \(.*\): \d+ ms", result.stdout), result.stdout
    for kind in ("new page", "reused page"):
        assert re.search(rf"warm, {kind} \(2 runs\): median \d+ ms, p95 \d+ ms", result.stdout), (
            result.stdout
        )
