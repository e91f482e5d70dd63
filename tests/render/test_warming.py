"""The body warmer's pass over a database, and the preview's page rendered with its body."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import signal
import sqlite3
import threading
import time
from dataclasses import replace
from pathlib import Path

import pytest

from desktop.article import EXPORTABLE, Status
from desktop.export import ExportOptions, run_export
from desktop.render.body_cache import (
    BodyCache,
    body_key,
    default_path,
    edition_body,
    keep_body,
    made_at_once,
)
from desktop.render.editions import site_variant
from desktop.render.page import render_article_page
from desktop.render.process import PageProcess
from desktop.render.warming import recent_article_ids, warm_database, warm_store
from desktop.store import Store
from tests.conftest import make_article
from tests.export.sample_bundle import fill_sample_site, read_tree
from tests.review.helpers import sign_off


def gate(open_: bool) -> threading.Event:
    """Return a gate, open or closed."""
    event = threading.Event()
    if open_:
        event.set()
    return event


def traditional_site(store: Store) -> Store:
    """Fill ``store`` with the sample site, its 繁體 edition on."""
    fill_sample_site(store)
    store.save_site(replace(store.site(), traditional="yes"))
    return store


def test_a_pass_renders_every_missing_body_of_every_edition_once(
    store: Store, tmp_path: Path, rendered: list[str]
) -> None:
    traditional_site(store)
    binned = replace(next(iter(store.iter_articles([Status.DRAFT]))), body="作废的稿件。\n")
    store.save_article(binned)
    assert binned.id is not None
    store.trash_article(binned.id)
    articles = list(store.iter_articles())
    report = warm_store(store, None, gate(True), gate(False))
    variant = site_variant(store.site())
    assert report.looked_at == len(articles) and not report.stopped
    # Every 繁體 body, and the simplified ones that are not plain (those are made at once).
    kept = [
        (a.body, v) for a in articles for v in (None, variant) if made_at_once(a.body, v) is None
    ]
    assert len(articles) < len(kept) < 2 * len(articles)
    assert report.rendered == len(kept) == len(rendered)
    cache = BodyCache()
    assert cache.missing([(a.body, v) for a in articles for v in (None, variant)]) == []
    cache.close()
    # Drafts too (an import's articles are): an office approves most of them as they came.
    assert any(a.status is Status.DRAFT for a in articles)
    assert binned.body not in rendered  # the trash is not

    rendered.clear()
    again = warm_store(store, None, gate(True), gate(False))
    assert again.rendered == 0 and rendered == []
    run_export(store, ExportOptions(target=tmp_path / "warm"))
    assert rendered == []  # the export found every body
    run_export(store, ExportOptions(target=tmp_path / "cold", cache_bodies=False))
    assert read_tree(tmp_path / "warm") == read_tree(tmp_path / "cold")


def test_a_pass_marks_no_entry_used_by_an_export(store: Store) -> None:
    traditional_site(store)
    article = next(iter(store.iter_articles(EXPORTABLE)))
    variant = site_variant(store.site())
    assert keep_body(article.body, variant, edition_body(article.body, variant))
    with sqlite3.connect(default_path()) as db:
        db.execute("UPDATE bodies SET used = 1")
    warm_store(store, None, gate(True), gate(False))
    with sqlite3.connect(default_path()) as db:
        row = db.execute(
            "SELECT used FROM bodies WHERE key = ?", (body_key(article.body, variant),)
        ).fetchone()
    assert row == (1,)  # still dropped when no export has used it for 60 days


def test_a_stopped_pass_renders_nothing(store: Store, rendered: list[str]) -> None:
    traditional_site(store)
    report = warm_store(store, None, gate(False), gate(True))
    assert report.stopped and report.rendered == 0 and rendered == []


def test_a_paused_pass_waits_and_goes_on_when_let(store: Store, rendered: list[str]) -> None:
    traditional_site(store)
    go_on, stop = gate(False), gate(False)
    done: list[object] = []
    worker = threading.Thread(target=lambda: done.append(warm_store(store, None, go_on, stop)))
    worker.start()
    worker.join(0.5)
    assert worker.is_alive() and rendered == []  # held back: nothing rendered
    go_on.set()
    worker.join(60)
    assert not worker.is_alive() and rendered and not done[0].stopped  # type: ignore[attr-defined]


def test_the_most_recently_modified_come_first_up_to_the_limit(db_path: Path) -> None:
    now = [dt.datetime(2026, 3, 1, 9, 0)]

    def clock() -> dt.datetime:
        now[0] += dt.timedelta(minutes=1)
        return now[0]

    with Store.open(db_path, clock=clock) as store:
        for number in range(1, 6):
            store.add_article(make_article(f"第{number}期职工讲堂开讲"))
        ids = recent_article_ids(store)
        assert len(ids) == 5
        oldest = ids[-1]
        store.save_article(replace(store.get_article(oldest), summary="讲堂新增线上直播。"))
        sign_off(store, oldest)  # changed after publication: signed off again
        assert recent_article_ids(store, limit=2) == [oldest, ids[0]]


def test_the_warmer_process_function_fills_the_cache(db_path: Path, rendered: list[str]) -> None:
    with Store.open(db_path) as store:
        traditional_site(store)
        articles = list(store.iter_articles(EXPORTABLE))
    warm_database(db_path, default_path(), gate(True), gate(False), "zh_CN", niceness=0)
    cache = BodyCache()
    assert cache.missing([(a.body, None) for a in articles]) == []
    cache.close()


def test_a_long_page_rendered_in_its_process_brings_the_exports_body_back(store: Store) -> None:
    fill_sample_site(store)
    article = next(iter(store.iter_articles(EXPORTABLE)))
    pages = PageProcess(body_chars=0)  # every page in the worker process
    try:
        page, body = pages.render_page_and_body(article, store.site(), store.columns())
    finally:
        pages.close()
    assert pages.rendered == 1
    assert body == edition_body(article.body, None)
    assert page == render_article_page(article, store.site(), store.columns())


def _window_that_dies(db: str, cache: str, pids: multiprocessing.Queue) -> None:
    """Stand-in for the window's process: start a paused warmer, say its pid, then hang."""
    context = multiprocessing.get_context("spawn")
    go_on, stop = context.Event(), context.Event()  # never opened: the user is typing
    warmer = context.Process(
        target=warm_database, args=(Path(db), Path(cache), go_on, stop, "en", 0), daemon=True
    )
    warmer.start()
    pids.put(warmer.pid)
    stop.wait()


def _gone(pid: int) -> bool:
    """Whether process ``pid`` has ended (a zombie nobody reaped counts as ended)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] in {"Z", "X"}
    except FileNotFoundError:
        return True


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_a_paused_warmer_ends_when_the_window_process_is_killed(
    db_path: Path, tmp_path: Path
) -> None:
    with Store.open(db_path) as store:
        traditional_site(store)
    context = multiprocessing.get_context("spawn")
    pids: multiprocessing.Queue = context.Queue()
    window = context.Process(
        target=_window_that_dies, args=(str(db_path), str(tmp_path / "cache.sqlite3"), pids)
    )
    window.start()
    warmer = pids.get(timeout=60)
    assert not _gone(warmer)
    os.kill(window.pid or 0, signal.SIGKILL)  # a crash: nothing closes the gates
    window.join()
    deadline = time.monotonic() + 60
    while not _gone(warmer) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _gone(warmer)
