"""A re-export into the last export's folder planned from ids and versions.

Each test changes what a user changes (a body, a title, the settings, the code's version, a
file in the folder) and checks which pages the next export rendered and that the folder then
holds exactly what an export into a new folder writes.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
from dataclasses import replace
from pathlib import Path

import pytest

from desktop.article import Status
from desktop.cli import EXIT_FAILED, main
from desktop.export import ExportOptions, run_export
from desktop.export import fingerprints as fingerprints_module
from desktop.export import memory as memory_module
from desktop.export import quick as quick_module
from desktop.export.manifest import indented_json, sha256_hex
from desktop.export.options import ExportSummary
from desktop.export.quick import STATE_PREFIX, BundleState, ListedManifest
from desktop.render import urls
from desktop.store import Store
from tests.conftest import REPO
from tests.export.test_reexport import (
    bundle_files,
    edit,
    export,
    oldest_in_column,
    pages_of,
    site_store,
)

__all__ = ["site_store"]  # the fixture, shared with the other re-export tests


def stamped(store: Store, folder: Path) -> int:
    """Return how many articles the state of the last export into ``folder`` stamps."""
    row = store.database.execute_sql(
        "SELECT count(*) FROM export_stamp WHERE bundle = ?", (str(folder),)
    ).fetchone()
    return int(row[0])


def same_as_a_new_export(store: Store, folder: Path, tmp_path: Path) -> None:
    """Assert ``folder`` holds byte for byte what an export into a new folder writes."""
    fresh = tmp_path / "fresh"
    run_export(store, ExportOptions(fresh))
    assert bundle_files(folder) == bundle_files(fresh)


def export_with_new_fingerprint(store: Store, site: Path) -> ExportSummary:
    """Export once more, the renderer's fingerprint read anew (and forgotten again after)."""
    fingerprints_module.renderer_fingerprint.cache_clear()
    memory_module.memory_stamp.cache_clear()
    try:
        return export(store, site)
    finally:
        fingerprints_module.renderer_fingerprint.cache_clear()
        memory_module.memory_stamp.cache_clear()


def test_a_body_change_reads_and_renders_one_article(site_store: Store, tmp_path: Path) -> None:
    site = tmp_path / "site"
    export(site_store, site)
    assert stamped(site_store, site) == 24  # kept by id with each article's version
    middle, _newer, _older = oldest_in_column(site_store)
    edit(site_store, middle, body="**一是强化引领。**职工之家新增阅览角。\n")
    summary = export(site_store, site)
    path = urls.article_path(site_store.get_article(middle))
    assert summary.rendered == 1
    assert set(summary.written_paths) == {path, "manifest.json"}
    assert summary.files == len(bundle_files(site))
    assert summary.bytes == sum(len(data) for data in bundle_files(site).values())
    remembered = BundleState.read(site_store, str(site))
    assert remembered is not None
    known = remembered.known(site_store, [middle])
    assert known[middle].version == site_store.get_article(middle).version
    same_as_a_new_export(site_store, site, tmp_path)


@pytest.mark.parametrize("most_recent", [1, 500])
def test_change_after_change_renders_one_page_each(
    site_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, most_recent: int
) -> None:
    # The memory keeps recent changes beside its whole copy, which is written again past a
    # limit (here after every second change, or not in this test).
    monkeypatch.setattr(memory_module, "MOST_RECENT", most_recent)
    site = tmp_path / "site"
    export(site_store, site)
    for article_id, text in (
        (3, "第一次补充。"),
        (7, "第二次补充。"),
        (3, "第三次补充。"),
        (11, "再补充。"),
    ):
        edit(site_store, article_id, body=f"{text}\n")
        summary = export(site_store, site)
        assert summary.rendered == 1, article_id
        page = site / urls.article_path(site_store.get_article(article_id))
        assert text in page.read_text("utf-8")
    assert (site_store.state_value(memory_module.RECENT_KEY) is None) == (most_recent == 1)
    # Re-exports read only the recent entries; written whole again, it still holds them all.
    whole = json.loads(site_store.state_value(memory_module.STATE_KEY) or "{}")
    assert len(whole["articles"]) == 24
    same_as_a_new_export(site_store, site, tmp_path)


def test_every_edition_of_a_changed_article_is_rendered(site_store: Store, tmp_path: Path) -> None:
    site = tmp_path / "site"
    run_export(site_store, ExportOptions(site, traditional=True))
    middle, _newer, _older = oldest_in_column(site_store)
    edit(site_store, middle, body="职工书屋里的图书更新了。\n")
    summary = run_export(site_store, ExportOptions(site, traditional=True))
    path = urls.article_path(site_store.get_article(middle))
    assert summary.rendered == 2
    assert set(summary.written_paths) == {path, "zh-hant/" + path, "manifest.json"}
    assert "職工書屋" in (site / "zh-hant" / path).read_text("utf-8")


def test_after_a_title_change_the_next_body_change_is_quick_again(
    site_store: Store, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    export(site_store, site)
    middle, newer, older = oldest_in_column(site_store)
    edit(site_store, middle, title="职工书屋焕新开放")
    titled = export(site_store, site)
    written = set(titled.written_paths)
    for neighbour in (newer, older):  # their 上一篇/下一篇 show the title
        assert urls.article_path(site_store.get_article(neighbour)) in written
    edit(site_store, newer, body="换了新书架。\n")
    summary = export(site_store, site)
    assert summary.rendered == 1
    # The neighbour's page, rendered on its own, still shows the new title beside it.
    page = (site / urls.article_path(site_store.get_article(newer))).read_text("utf-8")
    assert "职工书屋焕新开放" in page and "换了新书架" in page
    same_as_a_new_export(site_store, site, tmp_path)


def test_a_new_version_of_the_program_renders_every_page(
    site_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    first = export(site_store, site)
    monkeypatch.setattr(fingerprints_module, "__version__", "99.0")
    summary = export_with_new_fingerprint(site_store, site)
    assert summary.rendered == pages_of(first)
    assert summary.written == 1  # the same pages: only the manifest's renderer is new


def test_a_page_removed_from_the_folder_is_written_again(site_store: Store, tmp_path: Path) -> None:
    site = tmp_path / "site"
    export(site_store, site)
    middle, _newer, _older = oldest_in_column(site_store)
    removed = site / urls.article_path(site_store.get_article(middle))
    original = removed.read_bytes()
    removed.unlink()
    summary = export(site_store, site)
    assert summary.written_paths == (urls.article_path(site_store.get_article(middle)),)
    assert removed.read_bytes() == original


def test_the_folders_look_ends_with_the_export_quick_or_whole(
    site_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The folder's files are looked at on a thread of their own; none outlives the export,
    which then ends without Python's teardown (``exit_now``)."""
    site = tmp_path / "site"
    export(site_store, site)
    look = quick_module._FolderLook._look

    def slow_look(self: quick_module._FolderLook) -> None:
        time.sleep(0.3)  # a slow disk: the export must still wait for it
        look(self)

    monkeypatch.setattr(quick_module._FolderLook, "_look", slow_look)
    middle, _newer, _older = oldest_in_column(site_store)
    edit(site_store, middle, body="改过的正文。")
    assert export(site_store, site).rendered == 1  # pieced together
    edit(site_store, middle, title="改过的标题")  # lists show titles: the whole plan
    assert export(site_store, site).rendered > 1
    assert [t.name for t in threading.enumerate() if t.name == "export-folder"] == []


def test_a_removed_folder_is_exported_whole(site_store: Store, tmp_path: Path) -> None:
    site = tmp_path / "site"
    first = export(site_store, site)
    shutil.rmtree(site)
    again = export(site_store, site)
    assert again.rendered == first.rendered
    same_as_a_new_export(site_store, site, tmp_path)


def test_a_replaced_manifest_is_not_trusted(site_store: Store, tmp_path: Path) -> None:
    site = tmp_path / "site"
    export(site_store, site)
    manifest = site / "manifest.json"
    data = json.loads(manifest.read_bytes())
    data["files"] = [f for f in data["files"] if f["path"] != "index.html"]
    manifest.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n")
    summary = export(site_store, site)
    assert "manifest.json" in summary.written_paths
    same_as_a_new_export(site_store, site, tmp_path)


def test_an_article_added_or_unpublished_is_planned_whole(
    site_store: Store, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    export(site_store, site)
    middle, _newer, _older = oldest_in_column(site_store)
    article = site_store.get_article(middle)
    site_store.save_article(replace(article, status=Status.DRAFT))
    summary = export(site_store, site)
    assert urls.article_path(article) in summary.removed_paths
    same_as_a_new_export(site_store, site, tmp_path)


HEAVY = (
    "jinja2",
    "markdown",
    "nh3",
    "PIL",
    "opencc",
    "datasketch",
    "yaml",
    "charset_normalizer",
    "desktop.proofread",
    "desktop.render.page",
    "desktop.export.pool",
    "desktop.attachments.library",  # a page without attachments needs none of it
    "psycopg",  # peewee's PostgreSQL driver: only team mode's server database loads it
    "desktop.render.converter",  # Python-Markdown's converter: only a body that is not plain
    "xml.etree",
    # The other commands' code: ``newsroom export`` builds only its own parser.
    "desktop.selfcheck_cli",
    "desktop.attachments.commands",
    "desktop.importing",
    "desktop.article_file",
    "desktop.encodings",
)


def export_in_new_process(
    db_path: Path, site: Path, modules: tuple[str, ...] = HEAVY
) -> tuple[str, list[str]]:
    """Run ``newsroom export`` in a new process; its output and which of ``modules`` (by
    default the heavy ones) it loaded."""
    script = (
        "import sys\n"
        "from desktop.cli import main\n"
        f"code = main(['--db', {str(db_path)!r}, 'export', '--out', {str(site)!r}])\n"
        f"print(code, [name for name in {modules!r} if name in sys.modules])\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    *lines, last = result.stdout.strip().splitlines()
    code, loaded = last.split(" ", 1)
    assert code == "0", result.stdout + result.stderr
    return "\n".join(lines), json.loads(loaded.replace("'", '"'))


def test_a_whole_export_loads_no_library_it_does_not_need(
    site_store: Store, tmp_path: Path, db_path: Path
) -> None:
    """The feed's quoting and the libraries' versions cost an export tens of milliseconds
    through the standard library's XML helpers and package metadata."""
    unneeded = ("xml.sax", "urllib.request", "http.client", "importlib.metadata")
    output, loaded = export_in_new_process(db_path, tmp_path / "site", unneeded)
    assert (tmp_path / "site" / "index.html").is_file(), output
    assert loaded == []


def test_an_export_with_nothing_to_render_loads_no_renderer(
    site_store: Store, tmp_path: Path, db_path: Path
) -> None:
    site = tmp_path / "site"
    export(site_store, site)
    output, loaded = export_in_new_process(db_path, site)
    assert "written 0" in output
    assert loaded == []


def test_one_change_is_exported_without_planning_the_whole_site(
    site_store: Store, tmp_path: Path, db_path: Path
) -> None:
    site = tmp_path / "site"
    export(site_store, site)
    middle, _newer, _older = oldest_in_column(site_store)
    edit(site_store, middle, body="职工书屋里的图书更新了。\n")
    output, loaded = export_in_new_process(db_path, site)
    assert "written 2" in output and "pages rendered 1" in output
    # The page was rendered (the renderer loaded), but by itself: no whole plan and its pool
    # of page workers, no proofreading.
    assert "desktop.render.page" in loaded
    assert "desktop.export.pool" not in loaded and "desktop.proofread" not in loaded
    # Nor the picture library, OpenCC or the PostgreSQL driver (team mode's alone), nor the
    # attachments' code when the page has none.
    assert not {"PIL", "opencc", "psycopg", "desktop.attachments.library"} & set(loaded)
    same_as_a_new_export(site_store, site, tmp_path)


def test_one_plain_change_loads_the_page_renderer_and_nothing_else_heavy(
    site_store: Store, tmp_path: Path, db_path: Path
) -> None:
    # The page's template engine and the sanitiser: a plain body needs no Markdown converter.
    site = tmp_path / "site"
    export(site_store, site)
    middle, _newer, _older = oldest_in_column(site_store)
    edit(site_store, middle, body="**一是抓学习。**职工书屋里的图书更新了。\n\n- 新书\n- 旧书\n")
    output, loaded = export_in_new_process(db_path, site)
    assert "pages rendered 1" in output
    assert loaded == ["jinja2", "nh3", "desktop.render.page"]
    same_as_a_new_export(site_store, site, tmp_path)


def test_a_full_export_then_one_with_nothing_changed_is_quick_in_new_processes(
    site_store: Store, tmp_path: Path, db_path: Path
) -> None:
    site = tmp_path / "site"
    output, _loaded = export_in_new_process(db_path, site)
    assert "written 0" not in output  # the first export writes the whole bundle
    output, loaded = export_in_new_process(db_path, site)
    assert "written 0" in output and "pages rendered 0" in output
    assert loaded == []  # the quick path: no renderer, no whole plan
    middle, _newer, _older = oldest_in_column(site_store)
    edit(site_store, middle, body="职工之家添置了新书架。\n")
    output, loaded = export_in_new_process(db_path, site)
    assert "pages rendered 1" in output and "desktop.export.pool" not in loaded
    same_as_a_new_export(site_store, site, tmp_path)


def test_an_export_into_another_folder_keeps_the_first_folder_quick(
    site_store: Store, tmp_path: Path
) -> None:
    # The office exports to its site folder and, now and then, a copy to a USB stick: the
    # next export into the site folder still renders only what changed.
    site, stick = tmp_path / "site", tmp_path / "stick"
    export(site_store, site)
    copied = export(site_store, stick)
    assert copied.rendered == pages_of(copied)
    shutil.rmtree(stick)
    again = export(site_store, site)
    assert again.rendered == 0 and again.written == 0
    middle, _newer, _older = oldest_in_column(site_store)
    edit(site_store, middle, body="工会小组开展读书分享会。\n")
    summary = export(site_store, site)
    assert summary.rendered == 1
    same_as_a_new_export(site_store, site, tmp_path)


def test_only_the_newest_folders_are_remembered(
    site_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(quick_module, "MOST_FOLDERS", 2)
    first, second, third = (tmp_path / name for name in ("first", "second", "third"))
    for folder in (first, second, third):
        export(site_store, folder)
    assert stamped(site_store, first) == 0 and BundleState.read(site_store, str(first)) is None
    assert stamped(site_store, second) == stamped(site_store, third) == 24
    assert export(site_store, second).rendered == 0
    export(site_store, first)  # planned whole: the state written longest ago makes way
    assert stamped(site_store, first) == 24 and stamped(site_store, second) == 0


def test_an_update_package_into_a_folder_forgets_only_that_folder(
    site_store: Store, tmp_path: Path
) -> None:
    site, package = tmp_path / "site", tmp_path / "package"
    export(site_store, site)
    export(site_store, package)
    run_export(site_store, ExportOptions(package, changed_only=True))
    assert site_store.state_value(STATE_PREFIX + str(package)) is None
    assert stamped(site_store, package) == 0
    assert export(site_store, site).rendered == 0


def flip_table_root(path: Path, table: str) -> None:
    """Damage the first page of ``table`` in a closed database file, as a bad disk does."""
    connection = sqlite3.connect(path)
    try:
        page_size = connection.execute("PRAGMA page_size").fetchone()[0]
        root = connection.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,))
        start = (int(root.fetchone()[0]) - 1) * int(page_size)
    finally:
        connection.close()
    data = bytearray(path.read_bytes())
    data[start : start + 12] = bytes(b ^ 0xA5 for b in data[start : start + 12])
    path.write_bytes(bytes(data))


# revision: pages the export never reads, found only by the check running beside it;
# article: pages it reads, whose read error the check's verdict explains.
@pytest.mark.parametrize("table", ["revision", "article"])
def test_a_damaged_database_is_reported_before_the_export_writes_anything(
    site_store: Store,
    tmp_path: Path,
    db_path: Path,
    table: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    site = tmp_path / "site"
    export(site_store, site)
    middle, _newer, _older = oldest_in_column(site_store)
    edit(site_store, middle, body="职工书屋里的图书更新了。\n")  # a page to write
    site_store.close()
    before_site, before_db = bundle_files(site), db_path.read_bytes()
    flip_table_root(db_path, table)
    damaged = db_path.read_bytes()
    assert main(["--db", str(db_path), "export", "--out", str(site)]) == EXIT_FAILED
    assert "damaged" in capsys.readouterr().err
    assert bundle_files(site) == before_site
    assert db_path.read_bytes() == damaged != before_db


def reindex_on(path: Path, index: str, column: str, instead: str) -> None:
    """Make ``index``'s entries stand for another column than the one they hold, as damage
    that changes values but leaves every page readable does (the quick check passes)."""
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA writable_schema = ON")
        connection.execute(
            "UPDATE sqlite_master SET sql = replace(sql, ?, ?) WHERE name = ?",
            (f"article({column}", f"article({instead}", index),
        )
        connection.commit()
    finally:
        connection.close()
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA quick_check").fetchall() == [("ok",)]


def test_a_changed_article_its_indexes_do_not_hold_is_reported_before_writing(
    site_store: Store, tmp_path: Path, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The check beside a quick re-export leaves the article table's indexes to the export,
    # which compares the rows it reads with them: a mismatch sends it the whole way, where
    # the full check reports the damage before anything is written.
    site = tmp_path / "site"
    export(site_store, site)
    middle, _newer, _older = oldest_in_column(site_store)
    edit(site_store, middle, body="职工书屋里的图书更新了。\n")  # a page to write
    site_store.close()
    reindex_on(db_path, "article_by_author", "author", "source")
    before_site, damaged = bundle_files(site), db_path.read_bytes()
    assert main(["--db", str(db_path), "export", "--out", str(site)]) == EXIT_FAILED
    error = capsys.readouterr().err
    assert "damaged" in error and "article_by_author" in error
    assert bundle_files(site) == before_site
    assert db_path.read_bytes() == damaged


def test_an_export_that_reads_every_article_checks_every_index_first(
    site_store: Store, tmp_path: Path, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = tmp_path / "site"
    export(site_store, site)
    site_store.save_site(site_store.site().with_value("name", "澜江市总工会新闻网"))  # whole way
    site_store.close()
    reindex_on(db_path, "article_by_author", "author", "source")
    before_site = bundle_files(site)
    assert main(["--db", str(db_path), "export", "--out", str(site)]) == EXIT_FAILED
    assert "article_by_author" in capsys.readouterr().err
    assert bundle_files(site) == before_site


def test_a_quick_re_export_compares_the_rows_it_publishes(
    site_store: Store, tmp_path: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    export(site_store, site)
    middle, newer, older = oldest_in_column(site_store)
    edit(site_store, middle, body="职工书屋里的图书更新了。\n")
    compared: list[set[int]] = []
    real = quick_module.rows_off_their_indexes

    def spy(connection: sqlite3.Connection, table: str, ids: object) -> set[int] | None:
        compared.append(set(ids))  # type: ignore[call-overload]
        return real(connection, table, compared[-1])

    monkeypatch.setattr(quick_module, "rows_off_their_indexes", spy)
    summary = export(site_store, site)
    assert summary.rendered == 1
    read = set().union(*compared)
    assert {middle, newer, older} <= read  # the page's own row and the titles it links to


def listed_as_parsed(data: bytes) -> None:
    """Assert that the quick re-export's reading of a manifest gives what parsing it gives."""
    listed, whole = ListedManifest(data), json.loads(data)
    assert listed.paths == [f["path"] for f in whole["files"]]
    assert listed.sizes == [f["size"] for f in whole["files"]]
    assert listed.articles == len(whole["articles"])
    for record in whole["files"]:
        assert listed.record(record["path"]) == record
    for article in whole["articles"]:
        assert listed.article(article["id"]) == article
    assert listed.record("no/such.html") is None and listed.article(10**9) is None


def test_the_manifest_is_read_without_parsing_it_whole_and_gives_the_same(
    site_store: Store, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    export(site_store, site)
    data = (site / "manifest.json").read_bytes()
    assert ListedManifest(data)._whole is None  # split at its lines, not parsed
    listed_as_parsed(data)
    # A path with a character JSON escapes, and an entry with pictures, read as well.
    whole = json.loads(data)
    whole["files"][0]["path"] = 'news/"引号"\\a.html'
    whole["files"][1]["media"] = ["media/2026/03/会场.jpg"]
    odd = (indented_json(whole) + "\n").encode()
    assert ListedManifest(odd)._whole is not None
    listed_as_parsed(odd)
    whole["files"][0]["path"] = "news/a.html"
    plain = (indented_json(whole) + "\n").encode()
    assert ListedManifest(plain)._whole is None
    listed_as_parsed(plain)


def test_a_new_markdown_version_renders_every_page(
    site_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    first = export(site_store, site)
    # An upgraded library as an installer leaves it: its .dist-info folder first on the path.
    upgraded = tmp_path / "site-packages"
    (upgraded / "markdown-99.0.dist-info").mkdir(parents=True)
    monkeypatch.syspath_prepend(str(upgraded))
    summary = export_with_new_fingerprint(site_store, site)
    assert summary.rendered == pages_of(first)


def test_a_quick_re_export_reads_the_review_log_after_its_mark_only(
    site_store: Store, tmp_path: Path
) -> None:
    # The log grows with every save and sign-off: a re-export reads the entries made since
    # the last export by their ids, never the whole log.
    site = tmp_path / "site"
    export(site_store, site)
    middle, _newer, _older = oldest_in_column(site_store)
    edit(site_store, middle, body="职工书屋里的图书更新了。\n")
    statements: list[str] = []
    connection = site_store.database.connection()
    connection.set_trace_callback(statements.append)
    try:
        assert export(site_store, site).rendered == 1
    finally:
        connection.set_trace_callback(None)
    plans = [
        " ".join(str(row[3]) for row in connection.execute(f"EXPLAIN QUERY PLAN {sql}"))
        for sql in dict.fromkeys(statements)
        if sql.lstrip().upper().startswith("SELECT") and "review_log" in sql
    ]
    assert plans and not [plan for plan in plans if "SCAN review_log" in plan], plans


def rewritten(data: bytes, path: str, page: bytes, source: str, article: int, status: str) -> bytes:
    """The manifest ``data`` parsed, one file's and one article's entry changed, written anew."""
    whole = json.loads(data)
    for record in whole["files"]:
        if record["path"] == path:
            record.update(sha256=sha256_hex(page), size=len(page), source=source)
    for entry in whole["articles"]:
        if entry["id"] == article:
            entry["status"] = status
    return (indented_json(whole) + "\n").encode()


def test_the_manifest_is_patched_in_place_as_the_whole_plan_writes_it(
    site_store: Store, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    export(site_store, site)
    data = (site / "manifest.json").read_bytes()
    whole = json.loads(data)
    escaped = json.loads(data)
    escaped["files"][0]["path"] = 'news/"引号"\\a.html'  # read whole, not split at its lines
    odd = (indented_json(escaped) + "\n").encode()
    for manifest in (data, odd):
        listed = ListedManifest(manifest)
        # The last file and the first article: edits at both ends, in either section.
        path, article = whole["files"][-1]["path"], whole["articles"][0]
        page = quick_module._Page(path, "<p>新的一页</p>".encode(), "f" * 64)
        records = {path: listed.record(path) or {}}
        statuses = [(listed.article(article["id"]) or {}, "approved")]
        patched = quick_module._patched_manifest(listed, [page], records, statuses)
        assert patched == rewritten(
            manifest, path, page.data, page.source, article["id"], "approved"
        )
    # An entry that no longer holds what was read of it is not patched: the whole plan runs.
    listed = ListedManifest(data)
    path = whole["files"][1]["path"]
    records = {path: {**(listed.record(path) or {}), "size": 1}}
    page = quick_module._Page(path, b"x", "f" * 64)
    with pytest.raises(quick_module._NotQuick):
        quick_module._patched_manifest(listed, [page], records)
