"""The site's path layout: ASCII paths from dates and ids, relative links between pages."""

from __future__ import annotations

import datetime as dt
import posixpath

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from desktop.article import Article, Column
from desktop.render.urls import (
    STYLESHEET,
    _relative_from,
    article_path,
    column_path,
    home_path,
    is_valid_slug,
    list_page_path,
    relative_url,
    safe_slug,
)


def _article(title: str = "标题", **fields: object) -> Article:
    values: dict[str, object] = {"published_at": dt.datetime(2024, 5, 6, 9, 30), "id": 123}
    values.update(fields)
    return Article(title=title, **values)  # type: ignore[arg-type]


def test_article_path_from_date_and_id() -> None:
    assert article_path(_article()) == "news/2024/05/123.html"
    assert article_path(_article(published_at=dt.datetime(2023, 12, 31), id=7)) == (
        "news/2023/12/7.html"
    )


@pytest.mark.parametrize(
    "title", ["../../etc/passwd", "CON", "a/b\\c", "..", "C:\\Windows", "<script>", " ", "工会"]
)
def test_title_never_affects_the_path(title: str) -> None:
    assert article_path(_article(title=title)) == "news/2024/05/123.html"


def test_unsaved_article_gets_a_draft_path_of_the_same_depth() -> None:
    assert article_path(_article(id=None)) == "news/2024/05/draft.html"


@pytest.mark.parametrize("bad", [-1, True, "5/../../x"])
def test_article_id_must_be_a_whole_number(bad: object) -> None:
    with pytest.raises(ValueError):
        article_path(_article(id=bad))


def test_column_and_home_paths() -> None:
    assert column_path("union-news") == "columns/union-news/index.html"
    assert column_path("union-news", 2) == "columns/union-news/index_2.html"
    assert home_path() == "index.html"
    assert home_path(3) == "index_3.html"
    assert STYLESHEET == "static/site.css"


@pytest.mark.parametrize("page", [0, -1, 1.5, True])
def test_page_numbers_start_at_one(page: object) -> None:
    with pytest.raises(ValueError):
        home_path(page)  # type: ignore[arg-type]


@pytest.mark.parametrize("slug", ["工会动态", "../x", "Union", "a b", "", "con", "-x", "a--b"])
def test_column_path_refuses_unsafe_slug_text(slug: str) -> None:
    with pytest.raises(ValueError):
        column_path(slug)


@pytest.mark.parametrize(
    ("slug", "expected"),
    [
        ("union-news", "union-news"),
        ("Union News", "union-news"),
        ("  ../../etc/Passwd ", "etc-passwd"),
        ("工会动态", "c5"),
        ("CON", "c5"),
        ("lpt1", "c5"),
        ("---", "c5"),
        ("x" * 100, "x" * 64),
    ],
)
def test_safe_slug_sanitises_or_falls_back(slug: str, expected: str) -> None:
    column = Column(name="工会动态", slug=slug, id=5)
    assert safe_slug(column) == expected
    assert column_path(column) == f"columns/{expected}/index.html"


def test_safe_slug_without_id() -> None:
    assert safe_slug(Column(name="通知", slug="通知")) == "column"


@given(st.text())
def test_safe_slug_is_always_valid(text: str) -> None:
    assert is_valid_slug(safe_slug(Column(name="x", slug=text, id=1)))


@pytest.mark.parametrize(
    ("from_path", "to_path", "expected"),
    [
        ("news/2024/05/123.html", "index.html", "../../../index.html"),
        ("news/2024/05/123.html", "static/site.css", "../../../static/site.css"),
        ("news/2024/05/123.html", "news/2024/05/124.html", "124.html"),
        ("news/2024/05/123.html", "news/2023/12/9.html", "../../2023/12/9.html"),
        ("columns/union-news/index_2.html", "columns/union-news/index.html", "index.html"),
        ("columns/a/index.html", "columns/b/index.html", "../b/index.html"),
        ("index.html", "columns/a/index.html", "columns/a/index.html"),
        ("index.html", "index.html", "index.html"),
        ("index.html", "media/", "media/"),
        ("news/2024/05/1.html", "news/2024/05/1.html#fn:1", "1.html#fn:1"),
        ("news/2024/05/1.html", "#top", "#top"),
    ],
)
def test_relative_url(from_path: str, to_path: str, expected: str) -> None:
    assert relative_url(from_path, to_path) == expected
    if not to_path.startswith("#"):
        # Following the link from the page's folder lands on the target.
        link = expected.partition("#")[0]
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(from_path), link))
        assert resolved == posixpath.normpath(to_path.partition("#")[0])


@pytest.mark.parametrize("bad", ["/etc/passwd", "../x.html", "a/../../x.html", "a\\b.html", ""])
def test_relative_url_refuses_paths_outside_the_site(bad: str) -> None:
    with pytest.raises(ValueError):
        relative_url("index.html", bad)
    with pytest.raises(ValueError):
        relative_url(bad or "/", "index.html")


def test_list_page_path() -> None:
    assert list_page_path("columns/a/index.html", 2) == "columns/a/index_2.html"
    assert list_page_path("index_3.html", 1) == "index.html"


_PART = st.sampled_from(["news", "2024", "05", "a", "a.b", ".", "columns", "index.html", "1.html"])


@given(
    st.lists(_PART, min_size=1, max_size=5).map("/".join),
    st.lists(_PART, min_size=1, max_size=5).map("/".join),
    st.sampled_from(["", "/", "#top"]),
)
@example("news/a/1.html", "news/05/1.html", "")  # a folder beside the page's
@example("news/./1.html", "news/a/1.html", "")  # the page's folder is "."
@settings(max_examples=400)
def test_relative_url_beside_the_page_is_the_url_from_its_own_folder(
    from_path: str, to_path: str, ending: str
) -> None:
    """A link out of the page's folder, shared by every folder beside it, is the URL worked
    out from the page's own folder."""
    target = to_path + ending
    folder, slash, _ = from_path.rpartition("/")
    try:
        expected = _relative_from(folder + slash, target)
    except ValueError:
        with pytest.raises(ValueError):
            relative_url(from_path, target)
        return
    assert relative_url(from_path, target) == expected


def test_relative_url_from_sibling_folders_shares_links_but_not_into_the_own_folder() -> None:
    months = [f"columns/c5/2024-{m:02d}/index.html" for m in (1, 2, 3)]
    for page in months:
        for month in months:
            expected = "index.html" if month == page else f"../{month.split('/')[2]}/index.html"
            assert relative_url(page, month) == expected
