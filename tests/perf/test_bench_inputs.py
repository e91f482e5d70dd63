"""Smoke test of the inputs benchmark: it builds and reads its corpus, prints the survival table."""

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
    assert lines[1].startswith("| source | files | bold | italic | lists | tables | merged |"), (
        result.stdout
    )
    docx_row = next(line for line in lines if line.startswith("| report .docx | 1 |"))
    assert docx_row.count("100%") == 9 and docx_row.endswith("| 0 |"), docx_row
    # Word's real clipboard HTML, pasted: every bold and italic run of the Word files kept.
    word_row = next(line for line in lines if line.startswith("| Word 2013 clipboard |"))
    cells = word_row.split(" | ")
    assert cells[2].startswith("100% (") and cells[3].startswith("100% ("), word_row
    assert word_row.endswith("| 0 |"), word_row
