"""Smoke test of the live-update benchmark: it runs and prints its figures (not judged)."""

from __future__ import annotations

import os
import re
import subprocess
import sys

from tests.conftest import REPO
from tests.pg_server import ThrowawayServer


def test_bench_team_quick_prints_figures(pg_server: ThrowawayServer) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tests.perf.bench_team", "--quick", "--url", pg_server.database()],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    for label in ("save → list row", "lock → list pencil"):
        figure = rf"{re.escape(label)} +median +[\d.]+ ms +max +[\d.]+ ms"
        assert re.search(figure, result.stdout), result.stdout
