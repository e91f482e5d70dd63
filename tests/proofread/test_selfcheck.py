"""The site self-check: every kind of finding, found where it is and not where it is not."""

from __future__ import annotations

import datetime as dt
import html.parser
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import pytest

from desktop.article import Article, Column, Status
from desktop.article_file import read_article_file
from desktop.cli import main
from desktop.demo import open_store, sample_dir
from desktop.i18n import current_language, set_language
from desktop.proofread.link_check import LinkResult, LinkStatus, article_links
from desktop.proofread.selfcheck import (
    NEWS_WINDOW_DAYS,
    NOTICE_WINDOW_DAYS,
    FindingKind,
    default_window,
    near_duplicates,
    site_self_check,
)
from desktop.proofread.selfcheck_page import report_html
from desktop.proofread.selfcheck_store import save_link_results, set_column_window
from desktop.proofread.wordlist_store import IgnoredProblems
from desktop.store import Store

NOW = dt.datetime(2026, 6, 30, 12, 0)
CLEAN = "市总工会召开职工代表座谈会，听取一线职工对工会工作的意见和建议。"


@contextmanager
def chinese() -> Iterator[None]:
    """Speak Chinese inside the block, as the window and ``--lang zh_CN`` do."""
    before = current_language()
    set_language("zh_CN")
    try:
        yield
    finally:
        set_language(before)


def add(store: Store, title: str, column: str, published: dt.datetime, **fields: object) -> Article:
    """Store an approved article written a day before it was published (unless told)."""
    values: dict[str, object] = {
        "status": Status.APPROVED,
        "body": CLEAN,
        "created_at": published - dt.timedelta(hours=2),
    }
    values.update(fields)
    return store.add_articles(
        [Article(title=title, column=column, published_at=published, **values)]
    )[0]  # type: ignore[arg-type]


@pytest.fixture
def site(store: Store) -> Store:
    store.save_columns([Column("工会动态", "news"), Column("通知公告", "notices")])
    return store


def kinds(store: Store, kind: FindingKind, **options: object) -> list[tuple[int | None, str]]:
    report = site_self_check(store, now=NOW, **options)  # type: ignore[arg-type]
    return [(f.article_id, f.column) for f in report.of_kind(kind)]


def test_news_and_notice_columns_have_their_default_windows() -> None:
    assert default_window("工会动态") == NEWS_WINDOW_DAYS == 14
    assert default_window("通知公告") == NOTICE_WINDOW_DAYS
    assert 180 <= NOTICE_WINDOW_DAYS <= 184  # six months


def test_a_column_past_its_window_is_stale(site: Store) -> None:
    old_news = add(site, "三周前的动态", "工会动态", NOW - dt.timedelta(days=20))
    add(site, "四个月前的通知", "通知公告", NOW - dt.timedelta(days=120))
    assert kinds(site, FindingKind.STALE_COLUMN) == [(old_news.id, "工会动态")]
    report = site_self_check(site, now=NOW)
    assert report.of_kind(FindingKind.STALE_COLUMN)[0].data == {
        "column": "工会动态",
        "days": 20,
        "window": 14,
        "last": (NOW - dt.timedelta(days=20)).strftime("%Y-%m-%d"),
    }


def test_a_fresh_article_or_a_wider_window_makes_it_current(site: Store) -> None:
    add(site, "三周前的动态", "工会动态", NOW - dt.timedelta(days=20))
    news = next(c for c in site.columns() if c.name == "工会动态")
    assert news.id is not None
    set_column_window(site, news.id, 30)
    assert kinds(site, FindingKind.STALE_COLUMN) == []
    set_column_window(site, news.id, None)
    add(site, "本周动态", "工会动态", NOW - dt.timedelta(days=3))
    assert kinds(site, FindingKind.STALE_COLUMN) == []


def test_a_notice_column_goes_stale_after_six_months(site: Store) -> None:
    old = add(site, "去年的通知", "通知公告", NOW - dt.timedelta(days=200))
    add(site, "本周动态", "工会动态", NOW - dt.timedelta(days=1))
    assert kinds(site, FindingKind.STALE_COLUMN) == [(old.id, "通知公告")]


def test_a_column_with_only_drafts_is_empty(site: Store) -> None:
    add(site, "本周动态", "工会动态", NOW - dt.timedelta(days=1))
    add(site, "未审的通知", "通知公告", NOW - dt.timedelta(days=1), status=Status.DRAFT)
    assert kinds(site, FindingKind.EMPTY_COLUMN) == [(None, "通知公告")]
    add(site, "已发布的通知", "通知公告", NOW - dt.timedelta(days=2), status=Status.PUBLISHED)
    assert kinds(site, FindingKind.EMPTY_COLUMN) == []


def test_an_article_published_days_before_it_was_written_is_back_dated(site: Store) -> None:
    published = NOW - dt.timedelta(days=5)
    late = add(site, "补发的动态", "工会动态", published, created_at=NOW - dt.timedelta(days=1))
    # Written the evening before and published next morning: within a day, not back-dated.
    add(site, "次日发布", "工会动态", published, created_at=published - dt.timedelta(hours=20))
    add(site, "当天写当天发", "工会动态", published, created_at=published + dt.timedelta(hours=23))
    assert kinds(site, FindingKind.BACKDATED) == [(late.id, "工会动态")]
    finding = site_self_check(site, now=NOW).of_kind(FindingKind.BACKDATED)[0]
    assert finding.data["days"] == 4
    assert finding.message() == "published 2026-06-25, 4 days before it was stored (2026-06-29)"
    with chinese():
        assert finding.message() == "发布时间2026-06-25早于录入时间2026-06-29，相差4天"


ARCHIVE = """---
title: 市总工会召开2019年度劳模表彰大会
column: 工会动态
date: 2019-05-08 09:30
status: approved
---

市总工会召开劳模表彰大会，表彰一批在各条战线上作出突出贡献的劳动模范。
"""


def import_archive(store: Store, folder: Path, clock: dt.datetime) -> Article:
    """Import one archive Markdown file dated 2019 through ``newsroom import``'s own path."""
    from desktop.importing import read_import_file, save_imported

    path = folder / "劳模表彰.md"
    path.write_text(ARCHIVE, encoding="utf-8")
    store.clock = lambda: clock
    (article,) = save_imported(store, [read_import_file(path)])
    return article


def test_an_imported_archive_article_is_not_back_dated(site: Store, tmp_path: Path) -> None:
    now = dt.datetime(2026, 12, 1, 10, 0)
    imported = import_archive(site, tmp_path, now - dt.timedelta(days=2))
    assert imported.published_at == dt.datetime(2019, 5, 8, 9, 30)
    assert imported.created_at is not None and imported.created_at.year == 2026
    # Typed by hand today with the same old date: that one is back-dated.
    typed = add(site, "手工补录的旧闻", "工会动态", imported.published_at, created_at=now)
    report = site_self_check(site, now=now)
    assert [f.article_id for f in report.of_kind(FindingKind.BACKDATED)] == [typed.id]
    # Editing its text later keeps the archive date: still not back-dated.
    site.clock = lambda: now - dt.timedelta(days=1)
    site.save_article(replace(imported, body=imported.body + "会议号召全市职工向劳模学习。\n"))
    # (the edit sends it back to review: the check looks at every status to see it)
    report = site_self_check(site, now=now, statuses=tuple(Status))
    assert [f.article_id for f in report.of_kind(FindingKind.BACKDATED)] == [typed.id]


def test_an_imported_article_whose_date_is_moved_back_is_back_dated(
    site: Store, tmp_path: Path
) -> None:
    now = dt.datetime(2026, 12, 1, 10, 0)
    imported = import_archive(site, tmp_path, now - dt.timedelta(days=30))
    moved = dt.datetime(2026, 11, 20, 8, 0)
    site.clock = lambda: now - dt.timedelta(days=3)  # the date was changed on 28 November
    saved = site.save_article(replace(imported, published_at=moved))
    site.clock = lambda: now - dt.timedelta(days=1)  # a later edit of the text only
    site.save_article(replace(saved, body=saved.body + "会议号召全市职工向劳模学习。\n"))
    report = site_self_check(site, now=now, statuses=tuple(Status))
    (finding,) = report.of_kind(FindingKind.BACKDATED)
    assert finding.article_id == imported.id
    assert finding.data == {"published": "2026-11-20", "changed": "2026-11-28", "days": 8}
    assert finding.message() == "published 2026-11-20, 8 days before the date was set (2026-11-28)"
    with chinese():
        assert finding.message() == "发布时间2026-11-20早于改定发布时间的日期2026-11-28，相差8天"


def test_an_imported_article_whose_date_is_moved_within_a_day_is_not_back_dated(
    site: Store, tmp_path: Path
) -> None:
    now = dt.datetime(2026, 12, 1, 10, 0)
    imported = import_archive(site, tmp_path, now - dt.timedelta(days=30))
    site.clock = lambda: now - dt.timedelta(hours=2)
    site.save_article(replace(imported, published_at=now - dt.timedelta(hours=20)))
    report = site_self_check(site, now=now, statuses=tuple(Status))
    assert report.of_kind(FindingKind.BACKDATED) == []


def test_the_demo_articles_are_not_back_dated(tmp_path: Path) -> None:
    # The first run stores the samples today; they were written when they were published.
    store = open_store(tmp_path / "demo.db", demo_if_new=True)
    try:
        report = site_self_check(store, now=dt.datetime(2030, 1, 1))
        assert report.of_kind(FindingKind.BACKDATED) == []
    finally:
        store.close()


def test_an_article_dated_in_the_future_is_found(site: Store) -> None:
    ahead = add(site, "明天的动态", "工会动态", NOW + dt.timedelta(days=1))
    add(site, "刚才的动态", "工会动态", NOW - dt.timedelta(minutes=5))
    assert kinds(site, FindingKind.FUTURE_DATE) == [(ahead.id, "工会动态")]
    # A future article does not make its column current.
    assert kinds(site, FindingKind.STALE_COLUMN) == []


def _sample(name: str) -> Article:
    return read_article_file(sample_dir() / "articles" / name)


def _renamed(article: Article) -> Article:
    """The same report for another county: a few names and figures changed."""
    body = article.body
    for old, new in (("澜江", "青石"), ("周明远", "李文华"), ("2025", "2024"), ("160", "120")):
        body = body.replace(old, new)
    return Article(title=article.title.replace("市总工会", "县总工会"), body=body)


def test_two_reports_identical_but_for_a_few_names_are_near_duplicates(site: Store) -> None:
    original = _sample("01-plenary-meeting.md")
    first = add(site, original.title, "工会动态", NOW - dt.timedelta(days=3), body=original.body)
    copy = _renamed(original)
    second = add(site, copy.title, "工会动态", NOW - dt.timedelta(days=1), body=copy.body)
    found = site_self_check(site, now=NOW).of_kind(FindingKind.NEAR_DUPLICATE)
    assert [(f.article_id, f.data["other_id"]) for f in found] == [(second.id, first.id)]
    assert found[0].data["similarity"] >= 60


def test_different_sample_articles_are_not_duplicates() -> None:
    articles = [read_article_file(p) for p in sorted((sample_dir() / "articles").glob("*.md"))]
    for number, article in enumerate(articles, start=1):
        article.id = number
    assert near_duplicates(articles) == []


def test_serious_problems_are_reported_unless_ignored(site: Store) -> None:
    wrong = add(site, "学习宣传", "工会动态", NOW, body="热爱中华人民共合国，坚持依法行政。")
    add(site, "本周动态", "工会动态", NOW, body=CLEAN)
    found = site_self_check(site, now=NOW).of_kind(FindingKind.SERIOUS_PROBLEM)
    assert [f.article_id for f in found] == [wrong.id]
    assert "中华人民共合国" in found[0].data["first"] and "中华人民共和国" in found[0].data["first"]
    from desktop.proofread import check_article

    assert wrong.id is not None
    for problem in check_article(wrong):
        IgnoredProblems(site).ignore(wrong.id, problem.key, "引用原文")
    assert kinds(site, FindingKind.SERIOUS_PROBLEM) == []


def test_pictures_without_alternative_text(site: Store) -> None:
    bare = add(site, "活动照片", "工会动态", NOW, body="现场照片：\n\n![](media/ab/cd.jpg)\n")
    add(
        site,
        "有说明的照片",
        "工会动态",
        NOW,
        body="现场照片：\n\n![职工在会场发言](media/ef.jpg)\n",
    )
    found = site_self_check(site, now=NOW).of_kind(FindingKind.PICTURE_ALT)
    assert [(f.article_id, f.data["picture"]) for f in found] == [(bare.id, "media/ab/cd.jpg")]


def test_dead_links_come_from_the_last_check_only(site: Store) -> None:
    dead = add(site, "链接失效", "工会动态", NOW, body="[旧网址](https://old.example.cn/a)")
    alive = add(site, "链接正常", "工会动态", NOW, body="[网址](https://www.example.cn/b)")
    draft = add(
        site,
        "草稿",
        "工会动态",
        NOW,
        body="[旧网址](https://old.example.cn/a)",
        status=Status.DRAFT,
    )
    assert kinds(site, FindingKind.DEAD_LINK) == []  # never checked: nothing claimed
    results = {
        "https://old.example.cn/a": LinkResult(
            "https://old.example.cn/a", LinkStatus.NOT_FOUND, 404
        ),
        "https://www.example.cn/b": LinkResult("https://www.example.cn/b", LinkStatus.OK, 200),
    }
    save_link_results(site, article_links([dead, alive, draft]), results, NOW)
    report = site_self_check(site, now=NOW)
    assert [(f.article_id, f.data["status"]) for f in report.of_kind(FindingKind.DEAD_LINK)] == [
        (dead.id, "404")
    ]
    assert report.links_checked_at == NOW
    everything = site_self_check(site, now=NOW, statuses=tuple(Status))
    assert {f.article_id for f in everything.of_kind(FindingKind.DEAD_LINK)} == {dead.id, draft.id}


def test_the_summary_has_a_line_for_every_kind(site: Store) -> None:
    add(site, "明天的动态", "工会动态", NOW + dt.timedelta(days=1))
    report = site_self_check(site, now=NOW)
    with chinese():
        lines = report.summary_lines()
    assert len(lines) == len(FindingKind)
    assert "发布时间在未来：1" in lines and "空白栏目：2" in lines  # the future does not count


class _Elements(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, _ in attrs:
            assert not name.startswith("on")

    def handle_data(self, data: str) -> None:
        self.text += data


def test_the_report_page_escapes_everything_and_has_no_script(site: Store) -> None:
    title = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    add(site, title, "工会动态", NOW + dt.timedelta(days=1))
    with chinese():
        page = report_html(site_self_check(site, now=NOW), "澜江<b>工会网</b>")
    parsed = _Elements()
    parsed.feed(page)
    assert "script" not in parsed.tags and "img" not in parsed.tags and "b" not in parsed.tags
    assert title in parsed.text and "澜江<b>工会网</b> 网站自查报告" in parsed.text
    assert "default-src 'none'" in page and "http" not in page.replace("http-equiv", "")


# Command line ------------------------------------------------------------------------------


def test_selfcheck_json_shape_and_exit_code(
    site: Store, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add(site, "本周动态", "工会动态", dt.datetime.now() - dt.timedelta(days=1))
    add(site, "本月通知", "通知公告", dt.datetime.now() - dt.timedelta(days=10))
    site.close()
    assert main(["--db", str(db_path), "selfcheck", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert set(report) == {"checked_at", "articles", "links_checked_at", "summary", "findings"}
    assert report["articles"] == 2 and report["findings"] == []
    assert report["summary"] == {kind.value: 0 for kind in FindingKind}

    with Store.open(db_path) as store:
        add(store, "热爱中华人民共合国", "工会动态", dt.datetime.now() + dt.timedelta(days=2))
    assert main(["--db", str(db_path), "selfcheck", "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["summary"]["future-date"] == 1 and report["summary"]["serious-problem"] == 1
    future = next(f for f in report["findings"] if f["kind"] == "future-date")
    assert set(future) >= {"kind", "article_id", "title", "column", "message", "published"}


def test_selfcheck_writes_the_page_and_sets_windows(
    site: Store, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add(site, "三周前的动态", "工会动态", dt.datetime.now() - dt.timedelta(days=21))
    site.close()
    page = tmp_path / "报告" / "自查.html"
    assert main(["--db", str(db_path), "--lang", "en", "selfcheck", "--html", str(page)]) == 1
    out = capsys.readouterr().out
    assert "stale-column" in out and "Columns not updated in time: 1" in out
    assert "column “工会动态” not updated for 21 days" in page.read_text(encoding="utf-8")
    assert main(["--db", str(db_path), "--lang", "zh_CN", "selfcheck", "--html", str(page)]) == 1
    assert "栏目“工会动态”已21天未更新" in page.read_text(encoding="utf-8")
    assert "栏目更新不及时：1" in capsys.readouterr().out
    args = ["--db", str(db_path), "--lang", "en", "selfcheck", "--window", "工会动态=30"]
    assert main(args) == 1  # 通知公告 is still empty
    assert "Columns not updated in time: 0" in capsys.readouterr().out
    args = ["--db", str(db_path), "--lang", "en", "selfcheck", "--window", "没有的栏目=3"]
    assert main(args) == 1
    assert "--window needs COLUMN=DAYS" in capsys.readouterr().err


def test_links_command_lists_dead_links_and_keeps_them(
    site: Store, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.proofread.linkserver import link_server

    with link_server(tmp_path) as server:
        ok, moved, missing = (server.url(p) for p in ("/ok", "/moved", "/missing"))
        body = f"[正常]({ok})，[已搬家]({moved})，[失效]({missing})"
        article = add(site, "链接检查", "工会动态", dt.datetime.now(), body=body)
        site.close()
        assert main(["--db", str(db_path), "links", "--json"]) == 1
        rows = json.loads(capsys.readouterr().out)
        assert [(r["article_id"], r["status"], r["dead"]) for r in rows] == [
            (article.id, "ok", False),
            (article.id, "redirected", False),
            (article.id, "not_found", True),
        ]
        assert set(rows[0]) == {
            "article_id",
            "title",
            "url",
            "status",
            "code",
            "final_url",
            "description",
            "dead",
        }
        assert main(["--db", str(db_path), "--lang", "en", "links", str(article.id)]) == 1
        out = capsys.readouterr().out
        assert f"{article.id}\t404\t{server.url('/missing')}" in out
        assert "3 address(es) in 1 article(s) checked: 1 dead" in out
    assert main(["--db", str(db_path), "selfcheck", "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert [f["url"] for f in report["findings"] if f["kind"] == "dead-link"] == [
        server.url("/missing")
    ]
    assert main(["--db", str(db_path), "links", "999"]) == 1
    assert "999" in capsys.readouterr().err
