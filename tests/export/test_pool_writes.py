"""Render workers that write their pages into a new bundle's staging folder themselves."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from desktop.export import ExportOptions, export_bundle, folder_media, pool, run_export
from desktop.export.writer import write_staged
from desktop.store import Store
from tests.export.sample_bundle import PICTURE, read_tree


def export(store: Store, target: Path, media: Path) -> object:
    """Export the whole site, both editions, with the sample picture."""
    options = ExportOptions(target=target, media=folder_media(media), traditional=True)
    return run_export(store, options)


def use_two_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    """Render every later export's pages in two worker processes, however few they are."""
    monkeypatch.setattr(pool, "PROCESS_THRESHOLD", 1)
    monkeypatch.setattr(pool, "worker_count", lambda: 2)


@pytest.fixture
def workers(monkeypatch: pytest.MonkeyPatch) -> None:
    """Render every export's pages in two worker processes, however few they are."""
    use_two_workers(monkeypatch)


def test_pages_written_by_workers_make_the_same_bundle_with_its_pictures(
    sample_store: Store, tmp_path: Path, media_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    export(sample_store, tmp_path / "here", media_root)
    use_two_workers(monkeypatch)
    summary = export(sample_store, tmp_path / "workers", media_root)
    assert read_tree(tmp_path / "workers") == read_tree(tmp_path / "here")
    # The picture a page shows came along, found from the worker's record of the page.
    assert (tmp_path / "workers" / PICTURE).is_file()
    assert summary.missing_media == ()  # type: ignore[attr-defined]
    manifest = json.loads((tmp_path / "workers/manifest.json").read_text("utf-8"))
    pages = [f for f in manifest["files"] if f["path"].endswith(".html")]
    assert PICTURE in {m for f in pages for m in f.get("media", [])}


def test_forked_workers_are_sent_list_pages_by_position(
    sample_store: Store, tmp_path: Path, media_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    export(sample_store, tmp_path / "here", media_root)
    use_two_workers(monkeypatch)
    monkeypatch.setattr(pool, "start_method", lambda: "fork")
    sent: list[object] = []
    submit = pool.ProcessPoolExecutor.submit

    def recording_submit(self, fn, /, *args, **kwargs):  # type: ignore[no-untyped-def]
        sent.extend(args[0])  # the task's pages
        return submit(self, fn, *args, **kwargs)

    monkeypatch.setattr(pool.ProcessPoolExecutor, "submit", recording_submit)
    export(sample_store, tmp_path / "workers", media_root)
    assert read_tree(tmp_path / "workers") == read_tree(tmp_path / "here")
    # A forked worker holds the plan: list pages go as positions, article pages as their
    # positions and their articles' bodies, the stored ones.
    assert {type(page) for page in sent} == {int, tuple}
    bodies = {a.body for a in sample_store.iter_articles(ExportOptions(tmp_path).statuses)}
    assert all(isinstance(page[1], str) for page in sent if isinstance(page, tuple))
    assert {page[1] for page in sent if isinstance(page, tuple)} == bodies


def _dies_after_one_page(jobs, paths, staging):  # type: ignore[no-untyped-def]
    """A worker that writes the first page of its batch and dies (killed, out of memory)."""
    write_staged(staging, paths[0], pool._render_batch(jobs[:1])[0], set())
    os._exit(1)


def test_workers_dying_midway_leave_a_whole_bundle(
    sample_store: Store, tmp_path: Path, media_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    export(sample_store, tmp_path / "here", media_root)
    use_two_workers(monkeypatch)
    monkeypatch.setattr(pool, "BATCH", 3)
    monkeypatch.setattr(pool, "_render_batch_into", _dies_after_one_page)
    # Forked workers see the dying task; spawned ones import the real module and would not.
    monkeypatch.setattr(pool, "start_method", lambda: "fork")
    summary = export(sample_store, tmp_path / "workers", media_root)
    # The half-written pages were rendered again here: every page, whole, and no other.
    assert read_tree(tmp_path / "workers") == read_tree(tmp_path / "here")
    assert summary.rendered > 0  # type: ignore[attr-defined]


def test_a_closed_export_leaves_nothing_behind_while_workers_write(
    sample_store: Store, tmp_path: Path, media_root: Path, workers: None
) -> None:
    options = ExportOptions(
        target=tmp_path / "site", media=folder_media(media_root), traditional=True
    )
    run = export_bundle(sample_store, options)
    for report in run:
        if report.phase.name == "RENDER" and report.done >= 3:
            break
    run.close()  # as the window's cancel does
    left = sorted(p.name for p in tmp_path.iterdir() if p.name != media_root.name)
    assert "site" not in left
    assert [name for name in left if name.startswith(".")] == []  # no staging folder
