"""Copy article HTML and Export this article: inline-styled HTML and a self-contained page."""

from __future__ import annotations

import base64
import re
from dataclasses import replace

from desktop.export import article_fragment_html, single_article_page
from desktop.export.fragment import SINGLE_PAGE_CSP
from tests.conftest import make_article
from tests.export.sample_bundle import TABLE_AND_LIST, png_bytes
from tests.render.html_tree import parse
from tests.render.render_samples import columns, full_site, report_article


def test_fragment_has_inline_styles_and_no_classes_or_script() -> None:
    article = make_article(body=TABLE_AND_LIST + "\n正文<b onclick=x>加粗</b>\n", id=5)
    html = article_fragment_html(article)
    tree = parse(f"<div>{html}</div>")
    assert "class=" not in html and "<script" not in html and "onclick" not in html
    assert "file:" not in html
    paragraphs = tree.find_all("p")
    assert "text-indent:2em" in paragraphs[0].attrs["style"]
    assert paragraphs[0].find("strong").text() == "“一站式”服务。"
    assert all("style" in node.attrs for node in tree.find_all("td") + tree.find_all("table"))
    assert "text-align:center" in tree.find_all("td")[1].attrs["style"]
    assert tree.find_all("li") and tree.find_all("ul")[0].attrs["style"]
    assert paragraphs[-1].text() == "（市总工会组宣部）"
    assert "text-align:right" in paragraphs[-1].attrs["style"]


def test_fragment_paragraphs_in_lists_are_not_indented() -> None:
    html = article_fragment_html(make_article(body="- 一\n\n- 二\n\n> 引用\n"))
    for paragraph in parse(f"<div>{html}</div>").find_all("p")[:-1]:
        assert "text-indent" not in paragraph.attrs["style"]


def test_fragment_links_become_absolute_with_a_site() -> None:
    article = report_article()
    relative = article_fragment_html(article)
    assert 'src="../../../media/2024/05/contest.jpg"' in relative
    absolute = article_fragment_html(article, full_site())
    assert 'src="https://www.ljzgh.example.cn/media/2024/05/contest.jpg"' in absolute
    assert 'href="#fn:1"' in absolute  # footnote links stay in the text


def test_single_page_inlines_the_stylesheet_and_keeps_script_out() -> None:
    article = report_article()
    page = single_article_page(article, full_site(), columns())
    assert '<link rel="stylesheet"' not in page
    assert page.count("<style>") == 1 and ".article-body" in page
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert csp and csp.group(1) == SINGLE_PAGE_CSP
    assert "script" not in SINGLE_PAGE_CSP and "default-src 'none'" in SINGLE_PAGE_CSP
    assert "<script" not in page
    # Links to other pages go to the live site; in-page links stay.
    assert 'href="https://www.ljzgh.example.cn/columns/union-news/index.html"' in page
    assert 'href="#top"' in page
    assert re.search(r'href="\.\./', page) is None
    assert 'src="https://www.ljzgh.example.cn/media/2024/05/contest.jpg"' in page


def test_single_page_embeds_pictures_it_has() -> None:
    picture = png_bytes()
    seen: list[str] = []

    def media(path: str) -> bytes | None:
        seen.append(path)
        return picture

    page = single_article_page(report_article(), full_site(), columns(), media=media)
    assert seen == ["media/2024/05/contest.jpg"]
    encoded = base64.b64encode(picture).decode()
    assert f'src="data:image/jpeg;base64,{encoded}"' in page


def test_single_page_of_a_hostile_article_stays_clean() -> None:
    article = replace(
        make_article(id=9), title="</style><script>alert(1)</script>", body=TABLE_AND_LIST
    )
    page = single_article_page(article, full_site(), columns())
    assert "<script" not in page and page.count("</style>") == 1
    parse(page)
