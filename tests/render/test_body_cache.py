"""The cache of rendered bodies: hits, misses, and never a stale or damaged body.

Its bodies here go to Python-Markdown (a link each), as the bodies the cache keeps do: a plain
body in simplified characters is made at once and never kept (the tests at the end).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import sys
from pathlib import Path

import pytest

import desktop.render.body_cache as body_cache
from desktop.render.body_cache import (
    BodyCache,
    body_key,
    body_renderer_version,
    default_path,
    edition_body,
    renderer_version_of,
)
from desktop.render.markdown import render_body
from desktop.traditional import Variant

BODY = (
    "**“凝心聚力”。**全市各级工会开展[职工技能竞赛](https://example.org/a.html)300余场。\n\n"
    "- 一是抓学习\n- 二是抓落实\n"
)
OTHER = "**“建功立业”。**区总工会慰问[一线职工](https://example.org/b.html)1200人次。\n"
#: A plain body (running text, a bold lead-in, a list): made at once, never kept.
PLAIN = "**“凝心聚力”。**全市各级工会开展职工技能竞赛300余场。\n\n- 一是抓学习\n- 二是抓落实\n"


def read_back(path: Path, text: str, variant: Variant | None = None) -> tuple[str, BodyCache]:
    """Return a body's HTML through a new connection to the cache at ``path``, and the cache."""
    cache = BodyCache(path)
    cache.prefetch([(text, variant)])
    html = cache.body(text, variant)
    cache.close()
    return html, cache


def test_a_body_rendered_once_is_read_back_not_rendered(
    tmp_path: Path, rendered: list[str]
) -> None:
    path = tmp_path / "bodies.sqlite3"
    first, cold = read_back(path, BODY)
    second, warm = read_back(path, BODY)
    assert first == second == render_body(BODY)
    assert "<strong>“凝心聚力”。</strong>全市" in second and "<a href=" in second
    assert (cold.misses, cold.hits, warm.misses, warm.hits) == (1, 0, 0, 1)
    assert rendered == [BODY]


def test_a_changed_body_is_rendered_anew(tmp_path: Path, rendered: list[str]) -> None:
    path = tmp_path / "bodies.sqlite3"
    read_back(path, BODY)
    changed = BODY.replace("300", "400")
    html, cache = read_back(path, changed)
    assert "400余场" in html and "300" not in html
    assert cache.misses == 1 and rendered == [BODY, changed]


def test_another_renderer_version_never_sees_the_old_html(
    tmp_path: Path, rendered: list[str]
) -> None:
    path = tmp_path / "bodies.sqlite3"
    read_back(path, BODY)
    # Poison the entry: were the key not to carry the version, the next read would show this.
    with sqlite3.connect(path) as db:
        db.execute("UPDATE bodies SET html = ?", (body_cache.zlib.compress(b"<p>old</p>"),))
    newer = BodyCache(path, version="a later renderer")
    newer.prefetch([(BODY, None)])
    assert newer.body(BODY, None) == render_body(BODY)
    assert newer.misses == 1
    newer.close()


def test_editions_have_entries_of_their_own(tmp_path: Path, rendered: list[str]) -> None:
    path = tmp_path / "bodies.sqlite3"
    text = "**“职工书屋”。**读书分享会开展了20余场，职工们说这里是学习的好地方。\n"
    simplified, _ = read_back(path, text)
    traditional, cache = read_back(path, text, Variant.TAIWAN)
    assert cache.misses == 1
    assert traditional == edition_body(text, Variant.TAIWAN) != simplified
    assert "職工書屋" in traditional and "职工书屋" in simplified


def test_the_version_follows_the_dialect_and_its_settings(tmp_path: Path) -> None:
    package = Path(body_cache.__file__).resolve().parent.parent
    copy = tmp_path / "desktop"
    for source in body_cache._SOURCES:
        (copy / source).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(package / source, copy / source)
    assert renderer_version_of(copy) == body_renderer_version()
    markdown_py = copy / "render" / "converter.py"
    # A setting of the dialect (the footnotes' back-link title) changes every body's HTML.
    source = markdown_py.read_text("utf-8")
    assert "返回正文第 %d 处" in source
    markdown_py.write_text(source.replace("返回正文第 %d 处", "回到正文"), "utf-8")
    assert renderer_version_of(copy) != body_renderer_version()
    assert body_key(BODY, None, renderer_version_of(copy)) != body_key(BODY, None)


def test_a_damaged_entry_is_a_miss_and_is_written_anew(tmp_path: Path, rendered: list[str]) -> None:
    path = tmp_path / "bodies.sqlite3"
    read_back(path, BODY)
    with sqlite3.connect(path) as db:
        db.execute("UPDATE bodies SET html = ?", (b"not zlib at all",))
    html, cache = read_back(path, BODY)
    assert html == render_body(BODY) and cache.misses == 1
    _, again = read_back(path, BODY)
    assert again.hits == 1


def test_a_cache_that_cannot_be_opened_renders_every_body(
    tmp_path: Path, rendered: list[str]
) -> None:
    blocked = tmp_path / "bodies.sqlite3"
    blocked.mkdir()  # a folder where the file should be
    cache = BodyCache(blocked)
    assert not cache.usable
    cache.prefetch([(BODY, None), (OTHER, None)])
    assert cache.body(BODY, None) == render_body(BODY)
    assert cache.body(OTHER, None) == render_body(OTHER)
    cache.close()
    assert rendered == [BODY, OTHER]


def kept_after_pruning(path: Path) -> list[bytes]:
    """Prune the cache at ``path`` as an export's start does; return the keys it keeps."""
    cache = BodyCache(path)
    cache.prune()
    cache.close()
    with sqlite3.connect(path) as db:
        return [bytes(k) for (k,) in db.execute("SELECT key FROM bodies")]


def test_entries_no_export_used_for_long_are_dropped(tmp_path: Path) -> None:
    path = tmp_path / "bodies.sqlite3"
    read_back(path, BODY)
    read_back(path, OTHER)
    with sqlite3.connect(path) as db:
        db.execute("UPDATE bodies SET used = used - 100 WHERE key = ?", (body_key(OTHER, None),))
    assert kept_after_pruning(path) == [body_key(BODY, None)]


def test_an_entry_read_on_a_later_day_is_marked_used_again(tmp_path: Path) -> None:
    path = tmp_path / "bodies.sqlite3"
    read_back(path, BODY)
    read_back(path, OTHER)
    with sqlite3.connect(path) as db:
        db.execute("UPDATE bodies SET used = used - 100")
    read_back(path, BODY)  # read by today's export: kept; OTHER was not
    assert kept_after_pruning(path) == [body_key(BODY, None)]


def hashed_bodies(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Return the list of body texts the cache hashes from now on, in order."""
    hashed: list[str] = []
    real_key = body_cache.body_key

    def counting_key(text: str, variant: Variant | None, version: str | None = None) -> bytes:
        hashed.append(text)
        return real_key(text, variant, version)

    monkeypatch.setattr(body_cache, "body_key", counting_key)
    return hashed


def test_a_batch_hashes_each_body_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "bodies.sqlite3"
    read_back(path, BODY)
    hashed = hashed_bodies(monkeypatch)
    html, cache = read_back(path, BODY)
    assert html == render_body(BODY) and cache.hits == 1
    assert hashed == [BODY]  # by prefetch; the page's question finds the same key


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="the XDG cache folder")
def test_the_cache_lives_in_the_users_cache_folder() -> None:
    # tests/conftest.py points XDG_CACHE_HOME into the test's private home.
    expected = Path(os.environ["XDG_CACHE_HOME"]) / "Newsroom" / "rendered-bodies.sqlite3"
    assert default_path() == expected


def test_entries_of_other_rendering_code_are_dropped(tmp_path: Path) -> None:
    path = tmp_path / "bodies.sqlite3"
    older = BodyCache(path, version="the renderer before an update")
    older.prefetch([(OTHER, None)])
    older.body(OTHER, None)
    older.close()
    read_back(path, BODY)
    assert kept_after_pruning(path) == [body_key(BODY, None)]


def test_a_cache_file_of_an_earlier_layout_is_started_again(
    tmp_path: Path, rendered: list[str]
) -> None:
    path = tmp_path / "bodies.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE bodies (key BLOB PRIMARY KEY, html BLOB, used INTEGER)")
        db.execute("INSERT INTO bodies VALUES (?, ?, 0)", (body_key(BODY, None), b"x"))
    html, cache = read_back(path, BODY)
    assert html == render_body(BODY) and cache.misses == 1
    assert read_back(path, BODY)[1].hits == 1


def cache_keys(path: Path) -> list[bytes]:
    """Return the keys the cache file at ``path`` holds."""
    with sqlite3.connect(path) as db:
        return [bytes(k) for (k,) in db.execute("SELECT key FROM bodies")]


def test_a_plain_simplified_body_is_made_at_once_and_never_kept(
    tmp_path: Path, rendered: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "bodies.sqlite3"
    hashed = hashed_bodies(monkeypatch)
    first, cold = read_back(path, PLAIN)
    second, warm = read_back(path, PLAIN)
    assert first == second == render_body(PLAIN) == edition_body(PLAIN, None)
    assert (cold.made, cold.misses, warm.made, warm.hits) == (1, 0, 1, 0)
    assert hashed == [] and cache_keys(path) == []  # neither looked up nor written
    # A body asked for outside its batch is made at once too.
    cache = BodyCache(path)
    assert cache.body(PLAIN, None) == first and cache.made == 1
    cache.close()
    assert cache_keys(path) == []


def test_a_plain_body_in_traditional_characters_is_kept(
    tmp_path: Path, rendered: list[str]
) -> None:
    path = tmp_path / "bodies.sqlite3"
    first, cold = read_back(path, PLAIN, Variant.TAIWAN)
    second, warm = read_back(path, PLAIN, Variant.TAIWAN)
    assert first == second == edition_body(PLAIN, Variant.TAIWAN)
    assert (cold.misses, warm.hits) == (1, 1)
    assert cache_keys(path) == [body_key(PLAIN, Variant.TAIWAN)]


def test_a_plain_simplified_body_is_never_missing_nor_kept_from_elsewhere(tmp_path: Path) -> None:
    path = tmp_path / "bodies.sqlite3"
    cache = BodyCache(path)
    wanted = [(PLAIN, None), (PLAIN, Variant.TAIWAN), (BODY, None)]
    assert cache.missing(wanted) == [(PLAIN, Variant.TAIWAN), (BODY, None)]
    cache.keep(PLAIN, None, render_body(PLAIN))  # as the preview hands it over
    cache.keep(BODY, None, render_body(BODY))
    cache.close()
    assert cache_keys(path) == [body_key(BODY, None)]
