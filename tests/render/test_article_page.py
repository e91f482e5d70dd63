"""The article page's anatomy, read back from the rendered HTML as a user would see it."""

from __future__ import annotations

import dataclasses
import re

import pytest

from desktop.render.page import CSP, byline_text, render_article_page, render_list_page
from desktop.site import Site
from tests.render.html_tree import Node, parse
from tests.render.render_samples import (
    bare_site,
    columns,
    full_site,
    minimal_article,
    report_article,
)


@pytest.fixture
def page() -> Node:
    return parse(render_article_page(report_article(), full_site(), columns()))


@pytest.fixture
def bare_page() -> Node:
    return parse(render_article_page(minimal_article(), bare_site(), columns()))


def test_head(page: Node) -> None:
    html = page.find("html")
    assert html.attrs["lang"] == "zh-CN"
    assert page.find("meta", charset="utf-8")
    assert "width=device-width" in page.find("meta", name="viewport").attrs["content"]
    assert page.find("title").text() == "澜江市总工会召开2024年工作推进会 - 澜江市总工会"
    assert page.find("meta", name="description").attrs["content"].startswith("5月6日，")
    assert page.find("meta", name="keywords").attrs["content"] == "工会,工作推进会,产业工人"
    assert page.find("link", rel="stylesheet").attrs["href"] == "../../../static/site.css"


def test_csp_allows_no_script_and_comes_before_the_stylesheet(page: Node) -> None:
    csp = page.find("meta", http_equiv="Content-Security-Policy").attrs["content"]
    assert csp == CSP
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert directives["default-src"] == "'none'"
    assert "script-src" not in directives  # falls back to default-src 'none'
    assert "'unsafe-inline'" not in csp
    assert directives["base-uri"] == "'none'"
    head = page.find("head")
    tags = [n.tag + n.attrs.get("http-equiv", "") for n in head.iter()]
    assert tags.index("metaContent-Security-Policy") < tags.index("link")


def test_no_script_no_inline_style_anywhere(page: Node) -> None:
    for node in page.iter():
        assert node.tag not in ("script", "style", "iframe", "object", "embed", "base")
        assert "style" not in node.attrs
        assert not any(name.startswith("on") for name in node.attrs)
        for name in ("href", "src"):
            assert not node.attrs.get(name, "").lower().startswith(("javascript:", "data:"))


def test_header_and_columns_bar(page: Node) -> None:
    header = page.find("header", class_="site-header")
    name = header.find("a", class_="site-name")
    assert name.attrs["href"] == "../../../index.html"
    assert name.find("span", class_="site-title").text() == "澜江市总工会"
    assert name.find("span", class_="logo-mark").attrs["aria-hidden"] == "true"
    bar = header.find("nav", class_="columns-bar")
    assert bar.attrs["aria-label"]
    links = [(a.text(), a.attrs["href"]) for a in bar.find_all("a")]
    assert links == [
        ("首页", "../../../index.html"),
        ("工会动态", "../../../columns/union-news/index.html"),
        ("基层风采", "../../../columns/grassroots/index.html"),
        ("通知公告", "../../../columns/notices/index.html"),
    ]
    current = [a.text() for a in bar.find_all("a") if "aria-current" in a.attrs]
    assert current == ["工会动态"]


def test_skip_link_and_landmarks(page: Node) -> None:
    skip = page.find("a", class_="skip-link")
    assert skip.attrs["href"] == "#content"
    assert page.find("main").attrs["id"] == "content"
    assert page.find("article")
    assert page.find("footer", class_="site-footer")
    assert len(page.find_all("h1")) == 1


def test_breadcrumb(page: Node) -> None:
    crumb = page.find("nav", class_="breadcrumb")
    assert crumb.text() == "当前位置：首页 > 工会动态 > 正文"
    assert [a.attrs["href"] for a in crumb.find_all("a")] == [
        "../../../index.html",
        "../../../columns/union-news/index.html",
    ]


def test_breadcrumb_with_unknown_column_shows_its_name_unlinked(bare_page: Node) -> None:
    crumb = bare_page.find("nav", class_="breadcrumb")
    assert crumb.text() == "当前位置：首页 > 临时栏目 > 正文"
    assert len(crumb.find_all("a")) == 1


def test_title_block(page: Node) -> None:
    block = page.find("header", class_="title-block")
    parts = [n for n in block.children if isinstance(n, Node)]
    assert [(n.tag, n.attrs.get("class")) for n in parts[:3]] == [
        ("p", "kicker"),
        ("h1", "title"),
        ("p", "subtitle"),
    ]
    assert parts[0].text() == "凝聚奋进力量 建功新的征程"
    assert parts[1].text() == "澜江市总工会召开2024年工作推进会"
    assert parts[2].text() == "——全市工会系统部署下半年重点工作"


def test_meta_line_with_empty_hits_slot(page: Node) -> None:
    meta = page.find("p", class_="meta")
    assert meta.text() == "澜江市总工会 发布时间：2024-05-06 点击量： 来源：澜江市总工会"
    assert meta.find("time").attrs["datetime"] == "2024-05-06"
    hits = meta.find("span", class_="hits")
    assert hits.attrs["data-newsroom-slot"] == "hits"
    assert hits.children == []  # never a made-up number
    assert hits.comments == ["newsroom:hits"]


def test_body_and_byline(page: Node) -> None:
    body = page.find("div", class_="article-body")
    first = body.find_all("p")[0]
    assert first.find("strong").text() == "“凝心聚力”。"
    assert first.text().startswith("“凝心聚力”。全市各级工会")
    assert body.find("table")
    assert body.find("h3").text() == "主要做法"  # "##" moves down one level
    assert body.find("del").text() == "继续"
    assert page.find("p", class_="byline").text() == "（市总工会组宣部）"


def test_optional_parts_are_left_out(bare_page: Node) -> None:
    assert bare_page.find_all(class_="kicker") == []
    assert bare_page.find_all(class_="subtitle") == []
    assert bare_page.find_all(class_="byline") == []
    assert bare_page.find_all(class_="meta-source") == []
    assert bare_page.find_all("meta", name="description") == []
    assert bare_page.find_all("meta", name="keywords") == []


def test_footer_shows_every_site_field(page: Node) -> None:
    footer = page.find("footer")
    links = footer.find("nav", class_="footer-links")
    targets = {a.text(): a.attrs["href"] for a in links.find_all("a")}
    assert targets == {
        "联系我们": "mailto:zgh@ljzgh.example.cn",
        "网站地图": "../../../sitemap.xml",
        "返回顶部": "#top",
        "设为首页": "../../../index.html",
        "加入收藏": "123.html",
    }
    assert page.find("body").attrs["id"] == "top"
    text = footer.find("div", class_="footer-info").text()
    for piece in (
        "主办单位：澜江市总工会",
        "版权所有 © 澜江市总工会",
        "地址：澜江市滨江路88号",
        "邮编：330100",
        "举报电话：0571-12351",
        "浙ICP备12345678号-1",
        "浙公网安备33010002000001号",
        "网站标识码：3301000001",
        "技术支持：澜江市大数据中心",
        "网站维护：澜江市总工会办公室",
    ):
        assert piece in text, piece
    icp = footer.find("a", href="https://beian.miit.gov.cn/")
    assert icp.text() == "浙ICP备12345678号-1"


def test_footer_of_a_bare_site_has_only_the_link_row(bare_page: Node) -> None:
    footer = bare_page.find("footer")
    assert footer.find("div", class_="footer-info").find_all("p") == []
    texts = [a.text() for a in footer.find_all("a")]
    assert texts == ["网站地图", "返回顶部", "设为首页", "加入收藏"]  # no e-mail, no 联系我们


def test_copyright_setting_wins_over_sponsor() -> None:
    site = dataclasses.replace(full_site(), copyright="Copyright © 2024 澜江市总工会")
    footer = parse(render_article_page(report_article(), site, columns())).find("footer")
    assert "Copyright © 2024 澜江市总工会" in footer.text()
    assert "版权所有" not in footer.text()


def test_everything_the_author_typed_is_escaped() -> None:
    article = dataclasses.replace(
        report_article(),
        title='<script>alert(1)</script>"标题',
        kicker="<b>引题</b>",
        subtitle="<img src=x onerror=alert(1)>",
        author="<i>部</i>",
        source='"><script>',
        summary='"><script>alert(1)</script>',
        keywords=['"><x>'],
        column="<u>",
    )
    site = Site(name="<svg onload=alert(1)>", email='x"@y.cn', icp="<b>ICP</b>")
    html = render_article_page(article, site, columns())
    tree = parse(html)
    assert not tree.find_all("script")
    assert not tree.find_all("svg")
    assert not tree.find_all("b")
    assert tree.find("h1").text() == '<script>alert(1)</script>"标题'
    assert "&lt;script&gt;" in html


@pytest.mark.parametrize(
    ("author", "expected"),
    [
        ("市总工会组宣部", "（市总工会组宣部）"),
        ("（市总工会组宣部）", "（市总工会组宣部）"),
        ("(市总工会组宣部)", "（市总工会组宣部）"),
        ("  通讯员 张明  ", "（通讯员 张明）"),
        ("", ""),
        ("（）", ""),
    ],
)
def test_byline_text(author: str, expected: str) -> None:
    assert byline_text(author) == expected


def test_same_input_same_page() -> None:
    one = render_article_page(report_article(), full_site(), columns())
    two = render_article_page(report_article(), full_site(), columns())
    assert one == two


def test_list_page_links_articles_and_pages() -> None:
    articles = [report_article(), minimal_article()]
    html = render_list_page(
        "工会动态",
        articles,
        full_site(),
        columns(),
        "columns/union-news/index_2.html",
        page=2,
        pages=3,
        current_column=columns()[1],
    )
    tree = parse(html)
    assert tree.find("title").text() == "工会动态（第2页） - 澜江市总工会"
    entries = tree.find("ul", class_="news-list").find_all("li")
    assert [e.find("a").attrs["href"] for e in entries] == [
        "../../news/2024/05/123.html",
        "../../news/2025/01/7.html",
    ]
    assert entries[0].find("time").text() == "2024-05-06"
    pager = tree.find("nav", class_="pager")
    assert {a.text(): a.attrs["href"] for a in pager.find_all("a")} == {
        "上一页": "index.html",
        "下一页": "index_3.html",
    }
    bar = tree.find("nav", class_="columns-bar")
    assert bar.find("a", aria_current="page").text() == "工会动态"
    assert re.search(r'href="\.\./\.\./static/site\.css"', html)


def test_list_page_refuses_a_page_outside_the_range() -> None:
    with pytest.raises(ValueError):
        render_list_page("首页", [], bare_site(), [], "index.html", page=2, pages=1)
