"""Smoke test of the upload benchmark: it runs and prints its figures (timing is not judged)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent / "bench_upload.py"


def test_bench_upload_quick_prints_figures() -> None:
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--quick"],
        capture_output=True,
        text=True,
        timeout=240,
        check=True,
    )
    for name in ("folder", "FTP", "SFTP"):
        line = re.search(
            rf"^{name}: first upload .*nothing changed \S+ s \(0 files\)$", result.stdout, re.M
        )
        assert line, result.stdout
