"""Smoke test of the attachment benchmark: it runs and prints its figures (timing is not judged)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent / "bench_attach.py"


def test_bench_attach_quick_prints_figures() -> None:
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--quick"],
        capture_output=True,
        text=True,
        timeout=240,
        check=True,
    )
    assert re.search(r"store a 2\.0 MB file \(work queue\): median \d+ ms", result.stdout), (
        result.stdout
    )
    assert re.search(r"with 2 attachments \(GUI thread\): median \d+ ms", result.stdout), (
        result.stdout
    )
