"""The 繁體 edition under zh-hant/ and cover thumbnails in the list pages of the bundle."""

from __future__ import annotations

import io
import json
import re
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image

from desktop.article import Column, Status
from desktop.cli import main
from desktop.export import ExportOptions, run_export
from desktop.export.paths import is_bundle_path, site_path_of
from desktop.pictures import add_picture, picture_bytes, thumbnail_path
from desktop.render.urls import article_path
from desktop.site import Site
from desktop.store import Store
from tests.conftest import make_article
from tests.export.sample_bundle import read_tree
from tests.render.render_samples import columns
from tests.review.helpers import sign_off


def sample_columns() -> list[Column]:
    """Return the sample columns, new to the store."""
    return [replace(c, id=None) for c in sorted(columns(), key=lambda c: c.position)]


HREF = re.compile(r'(?:href|src)="([^"#]*)(?:#[^"]*)?"')


def traditional_store(store: Store) -> Store:
    """Fill ``store`` with a site whose text has clear 繁體 conversions."""
    store.save_site(replace(Site(), name="澜江市总工会", sponsor="澜江市总工会", page_size=2))
    store.save_columns(sample_columns())
    store.add_articles(
        [
            make_article(
                title="工会推动高质量发展",
                body="**“凝心聚力”。**全市工会发展会员3000人。\n\n`代码里的发展`不转换。\n",
                column="工会动态",
                status=Status.PUBLISHED,
            ),
            make_article(title="职工书屋建设", status=Status.APPROVED),
            make_article(title="劳动模范风采", column="基层风采", status=Status.APPROVED),
        ]
    )
    return store


def links_resolve(bundle: Path, page: str) -> list[str]:
    """Return the relative links of a page that lead to no file of the bundle."""
    text = (bundle / page).read_text()
    broken = []
    for url in HREF.findall(text):
        if not url or url.startswith(("http:", "https:", "mailto:")):
            continue
        target = site_path_of(page, url)
        if target is None or not (bundle / target).is_file():
            broken.append(url)
    return broken


def test_the_traditional_edition_mirrors_the_site(store: Store, tmp_path: Path) -> None:
    traditional_store(store)
    out = tmp_path / "site"
    summary = run_export(store, ExportOptions(out, traditional=True))
    files = read_tree(out)
    article = next(a for a in store.iter_articles() if a.title == "工会推动高质量发展")
    simplified, traditional = article_path(article), "zh-hant/" + article_path(article)
    for path in ("index.html", "index_2.html", "columns/union-news/index.html", simplified):
        assert "zh-hant/" + path in files, path
    assert "zh-hant/404.html" not in files and "zh-hant/static/site.css" not in files
    assert all(is_bundle_path(p) for p in files)

    page = files[traditional].decode()
    assert '<html lang="zh-Hant">' in page
    assert "工會推動高質量發展" in page and "發展會員" in page  # title and body converted
    assert "<code>代码里的发展</code>" in page  # code is kept as typed
    assert "瀾江市總工會" in page  # site name, header and footer
    assert "工會動態" in page  # column name in the bar and breadcrumb
    assert 'href="../../../../static/site.css"' in page  # one shared stylesheet
    assert ">简体</a>" in page and "簡體" not in page
    original = files[simplified].decode()
    assert '<html lang="zh-CN">' in original and ">繁體</a>" in original
    assert "工会推动高质量发展" in original

    # Every link of both editions' pages leads to a file, including the edition switches.
    for path in files:
        if path.endswith(".html") and path != "404.html":
            assert links_resolve(out, path) == [], path
    assert 'href="../../../zh-hant/news/' in original
    assert 'href="../../../../news/' in page

    sitemap = files["sitemap.xml"].decode()
    base = "https://www.example.org.cn/"
    assert f"<loc>{base}{simplified}</loc>" in sitemap
    assert f"<loc>{base}{traditional}</loc>" in sitemap
    assert f"<loc>{base}zh-hant/</loc>" in sitemap
    assert 'hreflang="zh-Hant"' in sitemap

    manifest = json.loads(files["manifest.json"])
    assert sorted(f["path"] for f in manifest["files"]) == sorted(set(files) - {"manifest.json"})
    assert summary.files == len(files)

    # Same content, same bytes; and switching the edition off removes the mirror.
    again = run_export(store, ExportOptions(out, traditional=True))
    assert again.written == 0 and read_tree(out) == files
    off = run_export(store, ExportOptions(out, traditional=False))
    assert not (out / "zh-hant").exists() and ">繁體<" not in (out / simplified).read_text()
    assert off.removed == len([p for p in files if p.startswith("zh-hant/")])


@pytest.mark.parametrize(
    ("variant", "expected"), [("taiwan", "軟體"), ("hongkong", "軟件"), ("standard", "軟件")]
)
def test_the_variant_comes_from_the_site_settings(
    store: Store, tmp_path: Path, variant: str, expected: str
) -> None:
    site = Site().with_value("traditional", "yes").with_value("traditional_variant", variant)
    store.save_site(site)
    store.add_articles([make_article(title="软件培训", status=Status.PUBLISHED)])
    run_export(store, ExportOptions(tmp_path / "site"))  # None: the site setting decides
    assert expected in (tmp_path / "site" / "zh-hant" / "index.html").read_text()


def test_site_settings_of_the_edition_are_checked() -> None:
    site = Site()
    assert not site.has_traditional and site.traditional_variant == "taiwan"
    assert site.with_value("traditional", "YES").has_traditional
    assert site.with_value("traditional_variant", "hk").traditional_variant == "hongkong"
    with pytest.raises(ValueError):
        site.with_value("traditional", "maybe")
    with pytest.raises(ValueError):
        site.with_value("traditional_variant", "macau")


def test_cli_traditional_and_stored_pictures(
    store: Store, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    traditional_store(store)
    picture = stored_picture(store)
    article = store.get_article(1)
    store.save_article(replace(article, cover=picture, body=f"![图](../../../{picture})\n"))
    sign_off(store, article.id)  # changed after approval: signed again
    out = tmp_path / "site"
    assert main(["export", "--db", str(db_path), "--out", str(out), "--traditional"]) == 0
    assert "missing picture" not in capsys.readouterr().out
    assert (out / picture).read_bytes() == picture_bytes(store, picture)
    assert (out / thumbnail_path(picture)).is_file()
    assert (out / "zh-hant" / "index.html").is_file()
    # The picture of a 繁體 article page reaches the one shared media folder.
    assert f'src="../../../../{picture}"' in (out / "zh-hant" / article_path(article)).read_text()
    assert main(["export", "--db", str(db_path), "--out", str(out), "--no-traditional"]) == 0
    assert not (out / "zh-hant").exists()


def stored_picture(store: Store, size: tuple[int, int] = (400, 300)) -> str:
    """Store a real picture and return its media path."""
    buffer = io.BytesIO()
    Image.new("RGB", size, (30, 90, 160)).save(buffer, "PNG")
    return add_picture(store, buffer.getvalue(), "cover.png")


def test_a_cover_shows_as_a_thumbnail_in_the_lists(store: Store, tmp_path: Path) -> None:
    store.save_site(replace(Site(), page_size=20))
    store.save_columns(sample_columns())
    store.add_articles(
        [
            make_article(title="有标题图的文章", column="工会动态", status=Status.PUBLISHED),
            make_article(title="没有标题图的文章", status=Status.PUBLISHED),
        ]
    )
    cover = stored_picture(store)
    article = next(a for a in store.iter_articles() if a.title == "有标题图的文章")
    store.save_article(replace(article, cover=cover))
    sign_off(store, article.id)  # changed after approval: signed again
    out = tmp_path / "site"
    summary = run_export(
        store, ExportOptions(out, media=lambda p: picture_bytes(store, p), traditional=True)
    )
    thumb = thumbnail_path(cover)
    assert summary.missing_media == ()
    assert Image.open(out / thumb).size == (320, 240)
    manifest = json.loads((out / "manifest.json").read_text())
    assert thumb in {f["path"] for f in manifest["files"]}
    home = (out / "index.html").read_text()
    assert f'<img src="{thumb}" alt="" width="160" height="120"' in home
    assert home.count("<img") == 1  # only the article with a cover
    column = (out / "columns/union-news/index.html").read_text()
    assert f'src="../../{thumb}"' in column
    assert f'src="../{thumb}"' in (out / "zh-hant/index.html").read_text()
    # The article page does not repeat the cover above its body.
    assert "<img" not in (out / article_path(article)).read_text()
    assert not (out / cover).exists()  # only the thumbnail is used by any page
