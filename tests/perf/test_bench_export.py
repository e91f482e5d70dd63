"""Smoke test of the export benchmark: it runs and prints its figures (timing is not judged)."""

from __future__ import annotations

import re
import subprocess
import sys

from tests.conftest import REPO


def test_bench_export_quick_prints_figures() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tests.perf.bench_export", "--quick"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    for kind in ("cold", "warm"):
        line = rf"full export, {kind}: +\d+\.\d+ s, +\d+ articles/s"
        assert re.search(line, result.stdout), result.stdout
    assert re.search(r"re-export, 1 change.*written [1-9]", result.stdout), result.stdout
    # With nothing changed (after an export into another folder) the re-export is quick.
    assert re.search(r"re-export, nothing changed .*written 0, pages rendered 0", result.stdout)
    found = re.search(
        r"re-export, 1 change, by phase: \d+\.\d+ s = start-up and imports .* planning "
        r"\d+\.\d+ s, rendering \d+\.\d+ s \(1 pages\), writing \d+\.\d+ s; waiting for "
        r"the page check \d+\.\d+ s .* heavy modules loaded: (.*); load average",
        result.stdout,
    )
    assert found, result.stdout
    assert "psycopg" not in found.group(1) and "desktop.export.pool" not in found.group(1)
    assert "tracemalloc" in result.stdout
