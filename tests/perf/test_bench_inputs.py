"""Smoke test of the inputs benchmark: it builds its corpus and prints the survival table."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO

SCRIPT = Path(__file__).resolve().parent / "bench_inputs.py"


def test_bench_inputs_prints_every_feature_for_every_source() -> None:
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--documents", "1"],
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
        cwd=REPO,
    )
    lines = result.stdout.splitlines()
    assert lines[1].startswith("| source | bold | italic | lists | tables | merged |"), (
        result.stdout
    )
    docx_row = next(line for line in lines if line.startswith("| .docx |"))
    assert docx_row.count("100%") == 9 and docx_row.endswith("| 0 |"), docx_row
