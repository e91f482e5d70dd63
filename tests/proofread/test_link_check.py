"""External link checking against a real web server on 127.0.0.1, and the kept results."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.article import Article
from desktop.proofread.link_check import (
    LinkOptions,
    LinkStatus,
    article_links,
    check_addresses,
    check_url,
)
from desktop.proofread.links import external_addresses
from desktop.proofread.selfcheck_store import last_link_results, save_link_results
from desktop.store import Store
from tests.proofread.linkserver import LinkServer, link_server
from tests.upload.helpers import trusting

FAST = LinkOptions(timeout=0.5, max_redirects=3, workers=4)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[LinkServer]:
    with link_server(tmp_path) as running:
        yield running


def test_a_page_that_answers_is_ok(server: LinkServer) -> None:
    result = check_url(server.url("/ok"), FAST)
    assert result.status is LinkStatus.OK and result.code == 200 and not result.dead
    assert result.describe() == "OK"
    assert server.requests == [("HEAD", "/ok")]  # HEAD is enough: no page is downloaded


def test_a_moved_page_is_followed_and_says_where(server: LinkServer) -> None:
    result = check_url(server.url("/moved"), FAST)
    assert result.status is LinkStatus.REDIRECTED and not result.dead
    assert result.final_url == server.url("/ok")
    assert result.describe() == f"redirected to {server.url('/ok')}"


def test_a_missing_page_is_dead_with_404(server: LinkServer) -> None:
    result = check_url(server.url("/missing"), FAST)
    assert result.status is LinkStatus.NOT_FOUND and result.dead and result.describe() == "404"
    # HEAD answered 404: GET is asked too, since some servers mishandle HEAD.
    assert server.requests == [("HEAD", "/missing"), ("GET", "/missing")]


def test_a_server_error_is_dead_with_500(server: LinkServer) -> None:
    result = check_url(server.url("/broken"), FAST)
    assert result.status is LinkStatus.HTTP_ERROR and result.code == 500 and result.dead
    assert result.describe() == "500"


def test_head_refused_falls_back_to_get(server: LinkServer) -> None:
    result = check_url(server.url("/no-head"), FAST)
    assert result.status is LinkStatus.OK
    assert server.requests == [("HEAD", "/no-head"), ("GET", "/no-head")]


def test_a_server_that_never_answers_times_out(server: LinkServer) -> None:
    result = check_url(server.silent_url, FAST)
    assert result.status is LinkStatus.TIMED_OUT and result.dead
    assert result.describe() == "timed out"


def test_nothing_listening_is_refused(server: LinkServer) -> None:
    result = check_url(server.refused_url, FAST)
    assert result.status is LinkStatus.REFUSED and result.describe() == "refused"


def test_redirects_stop_at_the_limit(server: LinkServer) -> None:
    result = check_url(server.url("/loop"), FAST)
    assert result.status is LinkStatus.TOO_MANY_REDIRECTS and result.dead
    assert len(server.requests) == FAST.max_redirects + 1


def test_a_certificate_nobody_vouches_for_is_reported(server: LinkServer) -> None:
    result = check_url(server.https_base + "/ok", FAST)
    assert result.status is LinkStatus.BAD_CERTIFICATE and result.dead
    trusted = LinkOptions(timeout=0.5, tls_context=trusting(server.certificate))
    assert check_url(server.https_base + "/ok", trusted).status is LinkStatus.OK


def test_chinese_file_names_are_sent_percent_encoded(server: LinkServer) -> None:
    assert check_url(server.url("/通知.pdf"), FAST).status is LinkStatus.OK


def test_addresses_are_found_in_links_pictures_and_html() -> None:
    body = (
        "详见[市总工会](https://www.example.org.cn/a.html)和<https://gov.example.cn/b>。\n\n"
        '![](http://img.example.cn/c.jpg)<a href="https://www.example.org.cn/a.html">再次</a>\n\n'
        "[附件](files/通知.pdf)、[邮件](mailto:office@example.cn)\n"
    )
    assert external_addresses(body) == [
        "https://www.example.org.cn/a.html",
        "https://gov.example.cn/b",
        "http://img.example.cn/c.jpg",
    ]


def test_every_address_is_asked_once_a_handful_at_a_time(server: LinkServer) -> None:
    urls = [server.url(p) for p in ("/ok", "/moved", "/missing", "/broken", "/ok")]
    urls.append(server.silent_url)
    steps = [(p.done, p.total) for p in check_addresses(urls, FAST)]
    assert steps[0] == (0, 5) and steps[-1] == (5, 5)
    results = list(check_addresses(urls, FAST))[-1].results
    assert {url: r.status for url, r in results.items()} == {
        server.url("/ok"): LinkStatus.OK,
        server.url("/moved"): LinkStatus.REDIRECTED,
        server.url("/missing"): LinkStatus.NOT_FOUND,
        server.url("/broken"): LinkStatus.HTTP_ERROR,
        server.silent_url: LinkStatus.TIMED_OUT,
    }


def test_cancelling_stops_asking_new_addresses(server: LinkServer) -> None:
    urls = [server.url(f"/ok?{n}") for n in range(20)]
    asked = []
    for progress in check_addresses(urls, LinkOptions(workers=2), cancelled=lambda: bool(asked)):
        asked.append(progress.done)
    assert asked[-1] < 20  # the two running finish, nothing more is asked


def test_results_are_kept_per_article_and_a_recheck_replaces_them(
    store: Store, server: LinkServer
) -> None:
    first = store.add_article(
        Article(title="第一篇", body=f"[正常]({server.url('/ok')})[失效]({server.url('/missing')})")
    )
    second = store.add_article(Article(title="第二篇", body=f"[出错]({server.url('/broken')})"))
    links = article_links([first, second])
    results = list(check_addresses([u for a in links for u in a.urls], FAST))[-1].results
    when = dt.datetime(2026, 6, 1, 9, 0)
    save_link_results(store, links, results, when)
    dead = last_link_results(store, dead_only=True)
    assert [(d.article_id, d.result.url, d.result.describe()) for d in dead] == [
        (first.id, server.url("/missing"), "404"),
        (second.id, server.url("/broken"), "500"),
    ]
    assert len(last_link_results(store)) == 3 and dead[0].checked_at == when
    # The second article is fixed and checked again on its own: the first keeps its result.
    assert second.id is not None
    fixed = store.save_article(dataclasses.replace(second, body=f"[已修复]({server.url('/ok')})"))
    again = article_links([fixed])
    results = list(check_addresses(again[0].urls, FAST))[-1].results
    save_link_results(store, again, results, when, article_ids=[second.id])
    assert [d.article_id for d in last_link_results(store, dead_only=True)] == [first.id]
    # An article in the trash no longer counts.
    assert first.id is not None
    store.trash_article(first.id)
    assert last_link_results(store, dead_only=True) == []
