"""Runs the autosave benchmark small so it keeps working; timings are not judged."""

from __future__ import annotations

import re
import subprocess
import sys

from tests.conftest import REPO


def test_autosave_benchmark_prints_every_figure() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tests.perf.bench_autosave", "--quick"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
    )
    out = result.stdout
    assert result.returncode == 0, out + result.stderr
    assert re.search(r"autosave of a 10,000-character article: median \d+\.\d ms", out), out
    assert re.search(r"backup of the [\d,]+ MB database: \d+\.\d\d s copy only", out), out
    assert re.search(r"restore of the [\d,]+ MB backup .*: \d+\.\d\d s", out), out
    assert len(re.findall(r"store growth over 1,000 edits .*: [\d,]+ bytes per edit", out)) == 2
