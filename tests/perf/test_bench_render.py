"""Smoke test of the render benchmark: it runs and prints its figures (timing is not judged)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent / "bench_render.py"


def test_bench_render_quick_prints_figures() -> None:
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--quick"],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert re.search(r"median \d+\.\d+ ms, p95 \d+\.\d+ ms", result.stdout), result.stdout
    assert re.search(r"\b(3\d{3}|4\d{3}|5\d{3}) body characters", result.stdout), result.stdout
    assert re.search(r"Markdown → blocks \d+\.\d+ ms, blocks → Markdown \d+\.\d+ ms", result.stdout)
    assert re.search(r"editor document → Markdown \d+\.\d+ ms", result.stdout), result.stdout
    shares = r"plain bodies: \d+ of \d+ export benchmark bodies .*, \d+ of \d+ demo articles"
    assert re.search(shares, result.stdout), result.stdout
    per_body = r"plain \d+\.\d+ ms, Python-Markdown \d+\.\d+ ms .*render_body \d+\.\d+ ms"
    assert re.search(per_body, result.stdout), result.stdout
