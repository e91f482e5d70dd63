"""The frame of every page (columns bar, footer) made once per export, never out of date."""

from __future__ import annotations

import pytest

from desktop.render.editions import ELDER
from desktop.render.page import page_context, render_article_page
from tests.render.html_tree import parse
from tests.render.render_samples import columns, full_site, report_article


def _bar(context: dict) -> list[tuple[str, str, bool]]:
    return [(link.name, link.url, link.current) for link in context["nav"]]


def test_pages_of_one_folder_share_their_columns_bar() -> None:
    site, cols = full_site(), columns()
    first = page_context(site, cols, "news/2024/05/1.html", current_column=cols[1])
    second = page_context(site, cols, "news/2024/05/2.html", current_column=cols[1])
    assert second["nav"] is first["nav"]  # made once, not once per page
    # Equal settings and columns in new objects (a worker's own copies) share it too.
    again = page_context(full_site(), columns(), "news/2024/05/3.html", current_column=columns()[1])
    assert again["nav"] is first["nav"]


def test_each_folder_edition_and_current_column_has_its_own_bar() -> None:
    site, cols = full_site(), columns()
    notices, news = cols[0], cols[1]
    deep = page_context(site, cols, "news/2024/05/1.html", current_column=news)
    assert _bar(deep) == [
        ("工会动态", "../../../columns/union-news/index.html", True),
        ("基层风采", "../../../columns/grassroots/index.html", False),
        ("通知公告", "../../../columns/notices/index.html", False),
    ]
    top = page_context(site, cols, "index.html")
    assert _bar(top) == [
        ("工会动态", "columns/union-news/index.html", False),
        ("基层风采", "columns/grassroots/index.html", False),
        ("通知公告", "columns/notices/index.html", False),
    ]
    other = page_context(site, cols, "news/2024/05/2.html", current_column=notices)
    assert [current for _, _, current in _bar(other)] == [False, False, True]
    elder = page_context(
        site, cols, "elder/news/2024/05/1.html", current_column=news, edition=ELDER
    )
    assert _bar(elder)[0] == ("工会动态", "../../../columns/union-news/index.html", True)
    assert page_context(site, cols, "elder/index.html", edition=ELDER)["nav"][0].url == (
        "columns/union-news/index.html"
    )


def test_settings_and_columns_changed_in_place_show_on_the_next_page() -> None:
    # The preview keeps its Site and Column objects and edits them: the frame compares values.
    site, cols = full_site(), columns()
    article = report_article()
    before = parse(render_article_page(article, site, cols))
    assert "工会动态" in before.find("nav", class_="columns-bar").text()
    cols[1].name = "工会要闻"
    site.copyright = "版权所有 © 澜江市总工会宣传部"
    after = parse(render_article_page(article, site, cols))
    assert "工会要闻" in after.find("nav", class_="columns-bar").text()
    assert "工会动态" not in after.find("nav", class_="columns-bar").text()
    assert "澜江市总工会宣传部" in after.find("footer").text()
    cols[1].position = 9  # moves to the end of the bar
    moved = page_context(site, cols, "news/2024/05/1.html")
    assert [name for name, _, _ in _bar(moved)] == ["基层风采", "通知公告", "工会要闻"]


@pytest.mark.parametrize("path", ["", "../x.html", "news/../../x.html"])
def test_a_page_outside_the_site_is_still_refused(path: str) -> None:
    site, cols = full_site(), columns()
    page_context(site, cols, "news/x.html")  # a frame and bars exist already
    with pytest.raises(ValueError):
        page_context(site, cols, path)
