"""Hostile articles through the command line: ``show --format html``, ``export``, the feed."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path
from xml.sax.saxutils import quoteattr as library_quoteattr

import lxml.html
import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.cli import main
from desktop.export.feeds import quoteattr
from desktop.render import body_cache
from desktop.store import Store
from tests.conftest import make_article
from tests.render.test_page_safety import SPLICE, head_problems

HANDLER = '<abbr title="\ue001 onerror=alert(1) x=">缩写</abbr><img src="x.png">\ue001'


@pytest.fixture
def hostile_store(store: Store) -> Store:
    """A store with the two splicing articles, a backslash link, and a 繁體 edition."""
    store.save_site(replace(store.site(), url="https://union.example.cn/", traditional="yes"))
    store.add_article(make_article("摘要里的私用字符", summary="摘要\ue001尾", body=SPLICE))
    store.add_article(make_article("关键词里的私用字符", keywords=["甲\ue001"], body=SPLICE))
    store.add_article(make_article("正文里的私用字符", body=HANDLER))
    store.add_article(
        make_article(
            "反斜杠链接",
            summary='<img src=x onerror=alert(1)>职工&"书屋"',
            body='见<a href="files\\2026\\notice.pdf">通知</a>和<a href="a\\b">附件</a>。\n',
        )
    )
    return store


def exported_pages(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*.html"))


def test_show_html_of_every_hostile_article_is_safe(
    hostile_store: Store, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for article in hostile_store.iter_articles():
        assert main(["show", str(article.id), "--format", "html", "--db", str(db_path)]) == 0
        assert head_problems(capsys.readouterr().out) == []


def test_export_of_hostile_articles_writes_only_safe_pages(
    hostile_store: Store, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "site"
    assert main(["export", "--db", str(db_path), "--out", str(out), "--traditional"]) == 0
    pages = exported_pages(out)
    assert len(pages) > 8 and any("zh-hant" in p.parts for p in pages)
    for page in pages:
        if page.name == "404.html":
            continue
        assert head_problems(page.read_text("utf-8")) == [], page
    # The backslashes became slashes, as a browser reads them, in both editions.
    for edition in ("", "zh-hant/"):
        page = next((out / edition).glob("news/*/*/4.html"), None) or next(
            out.glob(f"{edition}news/*/*/4.html")
        )
        links = lxml.html.document_fromstring(page.read_text("utf-8")).xpath(
            "//div[@class='article-body']//a/@href"
        )
        assert all("\\" not in link for link in links) and len(links) == 2
        assert links[0].endswith("files/2026/notice.pdf")


def test_feed_readers_get_summaries_as_text(
    hostile_store: Store, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "site"
    assert main(["export", "--db", str(db_path), "--out", str(out)]) == 0
    channel = ET.parse(out / "feed.xml").getroot().find("channel")
    assert channel is not None
    descriptions = [item.findtext("description") or "" for item in channel.iter("item")]
    hostile = next(d for d in descriptions if "onerror" in d)
    # A reader renders the description as HTML: it must come out as the text that was typed.
    fragment = lxml.html.fragment_fromstring(hostile, create_parent="div")
    assert fragment.xpath("//img") == []
    assert fragment.text_content() == '<img src=x onerror=alert(1)>职工&"书屋"'


@given(st.text(alphabet=st.sampled_from("ab&<>\"'\n\r\t网/:")))
def test_feed_attribute_is_quoted_as_the_standard_library_quotes_it(value: str) -> None:
    assert quoteattr(value) == library_quoteattr(value)


def test_a_page_refused_by_the_check_stops_the_export_naming_the_article(
    hostile_store: Store,
    db_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Stand in for a future mistake in the renderer: the body reaches the page unsanitised.
    hostile_store.add_article(
        make_article("未经清理的正文", body='<img src="x.png" onerror="go()">')
    )
    monkeypatch.setattr(body_cache, "render_body", lambda text: text)
    out = tmp_path / "site"
    (tmp_path / "site").mkdir()
    assert main(["export", "--db", str(db_path), "--out", str(out)]) == 1
    error = capsys.readouterr().err
    assert "refused as unsafe" in error and "未经清理的正文" in error and "onerror" in error
    assert "Traceback" not in error
    assert list(out.iterdir()) == []  # nothing was written
