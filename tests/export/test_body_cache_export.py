"""The export with its cache of rendered bodies: the same bundle warm, cold and without it."""

from __future__ import annotations

import sqlite3
import zlib
from dataclasses import replace
from pathlib import Path

import pytest

from desktop.export import ExportOptions, run_export
from desktop.export import pool as pool
from desktop.export.options import ExportError
from desktop.render.body_cache import body_key, default_path
from desktop.store import Store
from tests.export.sample_bundle import read_tree
from tests.review.helpers import sign_off


def export(store: Store, target: Path, **options: object):
    """Export the whole site (both editions and the 长辈版) to ``target``."""
    opts = ExportOptions(target=target, traditional=True)
    return run_export(store, replace(opts, **options))  # type: ignore[arg-type]


def test_pages_are_the_same_warm_cold_and_without_the_cache(
    sample_store: Store, tmp_path: Path, rendered: list[str]
) -> None:
    export(sample_store, tmp_path / "uncached", cache_bodies=False)
    assert not default_path().exists()
    without = len(rendered)
    assert without > 0
    rendered.clear()
    export(sample_store, tmp_path / "cold")
    cold = len(rendered)
    # Cold, each body is rendered once per edition's characters (simplified for the
    # ordinary and 长辈版 pages, 繁體 for zh-hant/), never once per page.
    assert 0 < cold < without
    rendered.clear()
    export(sample_store, tmp_path / "warm")
    assert rendered == []
    assert read_tree(tmp_path / "warm") == read_tree(tmp_path / "cold")
    assert read_tree(tmp_path / "cold") == read_tree(tmp_path / "uncached")


def test_a_changed_body_is_rendered_and_shows(
    sample_store: Store, tmp_path: Path, rendered: list[str]
) -> None:
    export(sample_store, tmp_path / "before")
    article = sample_store.get_article(2)
    changed = article.body + "\n**“补充说明”。**活动共吸引职工群众1500余人次参与。\n"
    sample_store.save_article(replace(article, body=changed))
    sign_off(sample_store, article.id)  # changed after publication: signed off again
    rendered.clear()
    export(sample_store, tmp_path / "after")
    assert changed in rendered and len(rendered) == 2  # its simplified and 繁體 texts
    page = (tmp_path / "after/news/2026/01/2.html").read_text("utf-8")
    assert "<strong>“补充说明”。</strong>活动共吸引职工群众1500余人次参与" in page
    assert "補充說明" in (tmp_path / "after/zh-hant/news/2026/01/2.html").read_text("utf-8")
    rendered.clear()
    export(sample_store, tmp_path / "uncached", cache_bodies=False)
    assert read_tree(tmp_path / "after") == read_tree(tmp_path / "uncached")


def test_a_cached_body_is_never_trusted_for_safety(
    sample_store: Store, tmp_path: Path, rendered: list[str]
) -> None:
    export(sample_store, tmp_path / "site")
    body = sample_store.get_article(2).body
    # Someone with access to the cache folder plants a script in a body's entry.
    planted = zlib.compress("<p>通知</p><script>location='https://evil.example/'</script>".encode())
    with sqlite3.connect(default_path()) as db:
        db.execute("UPDATE bodies SET html = ? WHERE key = ?", (planted, body_key(body, None)))
    with pytest.raises(ExportError, match="script"):
        export(sample_store, tmp_path / "another")
    assert not (tmp_path / "another").exists()  # nothing half-made is left


def test_worker_processes_fill_and_read_the_same_cache(
    sample_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    export(sample_store, tmp_path / "here", cache_bodies=False)
    monkeypatch.setattr(pool, "PROCESS_THRESHOLD", 1)
    monkeypatch.setattr(pool, "worker_count", lambda: 2)
    export(sample_store, tmp_path / "cold")
    with sqlite3.connect(default_path()) as db:
        (entries,) = db.execute("SELECT count(*) FROM bodies").fetchone()
    assert entries >= len(list(sample_store.iter_articles(with_body=False)))
    export(sample_store, tmp_path / "warm")
    assert read_tree(tmp_path / "cold") == read_tree(tmp_path / "here")
    assert read_tree(tmp_path / "warm") == read_tree(tmp_path / "here")
