"""Navigation between exported pages: 上一篇/下一篇, related articles, months, keywords."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import lxml.html
import pytest

from desktop.article import Article, Status
from desktop.export import ExportOptions, run_export
from desktop.render import urls
from desktop.store import Store


def story(title: str, day: int, month: int = 5, **fields: object) -> Article:
    values: dict[str, object] = {
        "title": title,
        "body": f"**“{title}”。**正文。\n",
        "column": "工会动态",
        "published_at": dt.datetime(2026, month, day, 9, 0),
        "status": Status.PUBLISHED,
    }
    values.update(fields)
    return Article(**values)  # type: ignore[arg-type]


@pytest.fixture
def site(store: Store, tmp_path: Path) -> Path:
    store.save_site(replace(store.site(), url="https://union.example.cn/", page_size=2))
    store.ensure_column("工会动态", "news")
    store.ensure_column("通知公告", "notices")
    store.add_articles(
        [
            story("四月的会议", 20, 4, keywords=["工会", "会议"]),
            story("五月的座谈", 6, keywords=["工会"]),
            story("五月的培训", 12, keywords=["培训", "会议"]),
            story("五月的竞赛", 28, keywords=["竞赛"]),
            story("一则通知", 8, column="通知公告", keywords=["工会"]),
        ]
    )
    out = tmp_path / "site"
    run_export(store, ExportOptions(out))
    return out


def page(site: Path, path: str) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring((site / path).read_text("utf-8"))


def links(tree: lxml.html.HtmlElement, xpath: str) -> list[str]:
    return [a.text_content() for a in tree.xpath(xpath)]


def test_previous_and_next_follow_the_column_list(site: Path) -> None:
    # The column lists newest first: 竞赛 (28), 培训 (12), 座谈 (6), 会议 (4-20).
    middle = page(site, "news/2026/05/3.html")  # 五月的培训
    assert links(middle, "//p[@class='article-prev']/a") == ["五月的竞赛"]
    assert links(middle, "//p[@class='article-next']/a") == ["五月的座谈"]
    newest = page(site, "news/2026/05/4.html")
    assert links(newest, "//p[@class='article-prev']/span") == ["没有了"]
    # The notice is alone in its column: no neighbours, and never one from another column.
    notice = page(site, "news/2026/05/5.html")
    assert links(notice, "//nav[@class='article-nav']//a") == []


def test_related_articles_share_keywords_most_first(site: Path) -> None:
    meeting = page(site, "news/2026/04/1.html")  # 工会, 会议
    # 培训 shares 会议, 座谈 and the notice share 工会: one each, newest first.
    assert links(meeting, "//section[@class='related']//a") == [
        "五月的培训",
        "一则通知",
        "五月的座谈",
    ]
    contest = page(site, "news/2026/05/4.html")
    assert contest.xpath("//section[@class='related']") == []


def test_months_and_keywords_have_their_own_paginated_lists(site: Path) -> None:
    may = page(site, "columns/news/2026-05/index.html")
    assert links(may, "//ul[@class='news-list']//a[@class='news-title']") == [
        "五月的竞赛",
        "五月的培训",
    ]
    may_2 = page(site, "columns/news/2026-05/index_2.html")
    assert links(may_2, "//a[@class='news-title']") == ["五月的座谈"]
    column = page(site, "columns/news/index.html")
    assert links(column, "//nav[@class='archive']//a") == ["2026年5月", "2026年4月"]
    union = page(site, urls.tag_path("工会"))
    assert links(union, "//a[@class='news-title']") == ["一则通知", "五月的座谈"]
    tags = page(site, urls.TAGS_INDEX)
    assert links(tags, "//ul[@class='tag-cloud']//a")[0] == "工会"  # the most used first


def test_sitemap_robots_and_sharing(site: Path) -> None:
    names = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locations = [
        loc.text for loc in ET.parse(site / "sitemap.xml").getroot().findall("s:url/s:loc", names)
    ]
    base = "https://union.example.cn/"
    assert base + "columns/news/2026-05/index.html" in locations
    assert base + urls.tag_path("会议") in locations and base + urls.TAGS_INDEX in locations
    assert (site / "robots.txt").read_text() == (
        f"User-agent: *\nAllow: /\n\nSitemap: {base}sitemap.xml\n"
    )
    head = page(site, "news/2026/05/3.html").head
    assert head.xpath("link[@rel='canonical']/@href") == [base + "news/2026/05/3.html"]
    og = {m.get("property"): m.get("content") for m in head.xpath("meta[@property]")}
    assert og["og:title"] == "五月的培训" and og["og:url"] == base + "news/2026/05/3.html"


def test_the_party_and_government_mark_is_the_sites_own_picture(
    store: Store, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import io

    from PIL import Image

    from desktop.cli import main

    picture = tmp_path / "dzjg.png"
    buffer = io.BytesIO()
    Image.new("RGB", (110, 55), (215, 0, 15)).save(buffer, "PNG")
    picture.write_bytes(buffer.getvalue())
    store.add_article(story("一则动态", 6))
    assert main(["site", "--db", str(db_path), "--set", "url=https://union.example.cn/",
                 "--set", "conac_url=https://registry.example.cn/site/0000",
                 "--set", f"conac_image={picture}"]) == 0  # fmt: skip
    with Store.open(db_path) as reopened:
        stored = reopened.site().conac_image
    assert stored.startswith("media/") and stored.endswith(".png")
    out = tmp_path / "site"
    assert main(["export", "--db", str(db_path), "--out", str(out)]) == 0
    home = page(out, "index.html")
    (mark,) = home.xpath("//p[@class='conac']//img")
    assert mark.get("alt") == "党政机关网站标识"
    assert (out / stored).is_file()  # the picture travels with the bundle
    assert mark.get("src") == stored
    capsys.readouterr()
