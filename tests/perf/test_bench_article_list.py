"""Runs the article list benchmark in quick mode so it keeps working; timings are not checked."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.perf import bench_article_list


def test_quick_benchmark_runs_and_prints_every_figure(
    tmp_path: Path, qapp, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "bench.db"
    bench_article_list.main(["--quick", "-n", "1200", "--repeat", "1", "--db", str(db)])
    out = capsys.readouterr().out
    for figure in (
        "model creation + first page",
        "pane creation + show + first paint",
        "filter: text 工会",
        "filter: status approved",
        "sort: title A to Z",
        "sort: updated, newest first",
        "scroll to row 10,000 via fetchMore",
        "update_article after a save",
        "with 10,000 rows fetched",
    ):
        assert figure in out
    assert "built 1,200 articles" in out
