"""Smoke test of the PostgreSQL store benchmark: it runs and prints its figures (not judged)."""

from __future__ import annotations

import os
import re
import subprocess
import sys

from tests.conftest import REPO
from tests.pg_server import ThrowawayServer


def test_bench_store_pg_quick_prints_figures(pg_server: ThrowawayServer) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "tests.perf.bench_store_pg",
            "--quick",
            "--url",
            pg_server.database(),
        ],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    for label in ("search 1 char, common", "first list page", "a save's round trip"):
        assert re.search(rf"{re.escape(label)}.* [\d.]+ ms", result.stdout), result.stdout
    # The generated corpus is the same every run: the common character is in every article.
    common = re.search(r"search 1 char, common .*\(([\d,]+) matches\)", result.stdout)
    assert common is not None and common.group(1) == "2,000", result.stdout
