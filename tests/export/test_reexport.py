"""A re-export renders only the pages whose inputs changed, and nothing else changes its pages.

The export remembers each article's fingerprints by id and version and plans from articles
read without their bodies; these tests count the pages it renders and compare the bytes it
writes with those of an export that remembered nothing.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import pytest

from desktop.article import Status
from desktop.export import ExportOptions, ExportSummary, run_export
from desktop.export.manifest import indented_json
from desktop.export.memory import STATE_KEY
from desktop.render import urls
from desktop.store import Store
from tests.perf.corpus import articles
from tests.review.helpers import sign_off

ARTICLES = 24


@pytest.fixture
def site_store(store: Store) -> Store:
    """Return a store holding two dozen published articles in five columns."""
    store.add_articles(
        replace(article, status=Status.PUBLISHED)
        for article in articles(ARTICLES, seed=11, body_chars=400)
    )
    return store


def export(store: Store, target: Path) -> ExportSummary:
    """Export the whole site to ``target``."""
    return run_export(store, ExportOptions(target))


def pages_of(summary: ExportSummary) -> int:
    """Return how many pages (HTML files) the bundle holds."""
    return len([p for p in bundle_files(summary.target) if p.endswith(".html")])


def bundle_files(folder: Path) -> dict[str, bytes]:
    """Return every file of a folder bundle by its bundle path."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def edit(store: Store, article_id: int, **changes: object) -> None:
    """Save a change to a published article and sign it off again, as the office would."""
    article = store.get_article(article_id)
    store.save_article(replace(article, **changes))  # type: ignore[arg-type]
    sign_off(store, article_id)


def oldest_in_column(store: Store) -> tuple[int, int, int]:
    """Return an article in the middle of its column, with its newer and older neighbours."""
    column = sorted(
        (a for a in store.iter_articles() if a.column == "工会动态"),
        key=lambda a: (a.published_at, a.id or 0),
    )
    older, middle, newer = column[0], column[1], column[2]
    assert middle.id and older.id and newer.id
    return middle.id, newer.id, older.id


def test_nothing_changed_renders_nothing(site_store: Store, tmp_path: Path) -> None:
    first = export(site_store, tmp_path / "site")
    assert first.rendered == pages_of(first)
    again = export(site_store, tmp_path / "site")
    assert (again.rendered, again.written) == (0, 0)
    assert again.unchanged == first.files


def test_one_body_changed_renders_only_its_page(site_store: Store, tmp_path: Path) -> None:
    export(site_store, tmp_path / "site")
    middle, _newer, _older = oldest_in_column(site_store)
    edit(site_store, middle, body="**一是强化引领。**全市工会补充了新的内容。\n")
    summary = export(site_store, tmp_path / "site")
    path = urls.article_path(site_store.get_article(middle))
    # A body shows on its own page only: the lists show titles, dates and summaries.
    assert summary.rendered == 1
    assert set(summary.written_paths) == {path, "manifest.json"}
    assert "全市工会补充了新的内容" in (tmp_path / "site" / path).read_text("utf-8")


def test_a_title_change_renders_the_neighbours_that_show_it(
    site_store: Store, tmp_path: Path
) -> None:
    export(site_store, tmp_path / "site")
    middle, newer, older = oldest_in_column(site_store)
    edit(site_store, middle, title="职工书屋焕新开放")
    summary = export(site_store, tmp_path / "site")
    written = set(summary.written_paths)
    for neighbour in (newer, older):  # their 上一篇/下一篇 links show the new title
        page = urls.article_path(site_store.get_article(neighbour))
        assert page in written
        assert "职工书屋焕新开放" in (tmp_path / "site" / page).read_text("utf-8")
    assert urls.article_path(site_store.get_article(middle)) in written
    assert any(p.startswith("columns/") for p in written)  # the column's list shows it too
    # Far fewer pages than the whole site, but every one that shows the title.
    assert 3 <= summary.rendered < pages_of(summary) // 2
    for path, data in bundle_files(tmp_path / "site").items():
        if path.endswith(".html") and path not in written:
            assert "职工书屋焕新开放".encode() not in data


def test_a_settings_change_renders_every_page(site_store: Store, tmp_path: Path) -> None:
    first = export(site_store, tmp_path / "site")
    site_store.save_site(site_store.site().with_value("name", "澜江市总工会新闻网"))
    summary = export(site_store, tmp_path / "site")
    assert summary.rendered == pages_of(first)
    assert "澜江市总工会新闻网" in (tmp_path / "site" / "index.html").read_text("utf-8")


def test_remembered_articles_give_the_same_bytes(site_store: Store, tmp_path: Path) -> None:
    cold = export(site_store, tmp_path / "cold")
    assert site_store.state_value(STATE_KEY)  # the fingerprints are kept in the database
    warm = export(site_store, tmp_path / "warm")  # a new folder: every page rendered again
    assert warm.rendered == cold.rendered
    assert bundle_files(tmp_path / "warm") == bundle_files(tmp_path / "cold")


def test_forgotten_memory_is_rebuilt(site_store: Store, tmp_path: Path) -> None:
    export(site_store, tmp_path / "site")
    site_store.set_state_value(STATE_KEY, '{"stamp": "other code", "articles": {}}')
    again = export(site_store, tmp_path / "site")
    assert (again.rendered, again.written) == (0, 0)


def test_a_page_edited_in_the_bundle_is_written_again(site_store: Store, tmp_path: Path) -> None:
    first = export(site_store, tmp_path / "site")
    page = tmp_path / "site" / "index.html"
    original = page.read_bytes()
    # The same size, so only its time tells it apart from the file the manifest lists.
    tampered = original.replace("最新文章".encode(), "最旧文章".encode())
    assert len(tampered) == len(original) and tampered != original
    manifest_time = (tmp_path / "site" / "manifest.json").stat().st_mtime_ns
    page.write_bytes(tampered)
    os.utime(page, ns=(manifest_time + 10**9, manifest_time + 10**9))
    again = export(site_store, tmp_path / "site")
    assert again.written_paths == ("index.html",)
    assert page.read_bytes() == original
    assert again.files == first.files


@pytest.mark.parametrize(
    "value",
    [
        {"b": [1, {"z": '引号"与\\反斜杠\n', "a": []}], "a": {}, "c": True, "d": None},
        [],
        {"files": [{"path": "news/2026/05/1.html", "size": 12, "media": ["media/a.png"]}]},
        "\u2028控制\x01字符",
    ],
)
def test_the_manifest_is_indented_as_json_dumps_would(value: object) -> None:
    import json

    assert indented_json(value) == json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True)
