"""The writer's last line of defence: bundle paths stay inside and are valid Windows names."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.article import Article
from desktop.export import ExportError
from desktop.export.paths import check_bundle_path, is_bundle_path, referenced_media, site_path_of
from desktop.export.writer import BundleWriter
from desktop.render import urls


@pytest.mark.parametrize(
    "path",
    ["index.html", "news/2026/05/12.html", "columns/union-news/index_2.html", "static/site.css"],
)
def test_good_paths(path: str) -> None:
    assert is_bundle_path(path)


@pytest.mark.parametrize(
    "path",
    [
        "", "/etc/passwd", "../x.html", "news/../../x", "a//b", "./a", "C:\\x", "c:/x",
        "CON", "con.html", "news/Aux.txt", "LPT1", "com9.css", "a/nul", "trailing.", "sp ace",
        "新闻.html", "a?b", "a*b", "a|b", 'a"b', "a<b", "a\x00b", "x" * 200,
    ],
)  # fmt: skip
def test_bad_paths(path: str) -> None:
    assert not is_bundle_path(path)
    with pytest.raises(ExportError):
        check_bundle_path(path)


@given(
    title=st.text(max_size=400),
    ident=st.integers(min_value=1, max_value=10**12),
    when=st.datetimes(min_value=dt.datetime(1970, 1, 1), max_value=dt.datetime(9999, 12, 31)),
)
def test_every_article_path_is_a_bundle_path(title: str, ident: int, when: dt.datetime) -> None:
    article = Article(title=title or "x", id=ident, published_at=when)
    assert is_bundle_path(urls.article_path(article))


def test_writer_refuses_to_leave_the_staging_folder(tmp_path) -> None:
    writer = BundleWriter(tmp_path / "site", as_zip=False)
    try:
        for path in ("../escape.html", "/abs.html", "CON", "news/../../x.html"):
            with pytest.raises(ExportError, match="refusing"):
                writer.write(path, b"x")
        assert sorted(p.name for p in tmp_path.iterdir()) == [writer.staging.name]
    finally:
        writer.discard()


def test_picture_references() -> None:
    page = "news/2026/05/3.html"
    assert site_path_of(page, "../../../media/a.png") == "media/a.png"
    assert site_path_of(page, "pic%20s/a.png") == "news/2026/05/pic s/a.png"
    for leaving in (
        "../../../../a.png",
        "/media/a.png",
        "//host/a.png",
        "https://x/a.png",
        "data:x",
    ):
        assert site_path_of(page, leaving) is None
    html = '<p><img alt="a" src="../../../media/a.png"><img src="https://x/b.png"></p>'
    assert referenced_media(page, html) == ["media/a.png"]
