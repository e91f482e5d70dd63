"""Golden files of the bundle: home, a column page, 404, sitemap, feed and manifest, byte for byte.

After an intended change to the templates, the feeds or the manifest, regenerate them with::

    NEWSROOM_REGEN_GOLDEN=1 .venv/bin/python -m pytest tests/export tests/render

and review the diff of tests/export/golden/ before committing it. The manifest's ``renderer``
fingerprint (a hash of the rendering code) is masked, so code changes alone do not churn it.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import replace
from pathlib import Path

import pytest

from desktop.article import Article, Status
from desktop.export import ExportOptions, run_export
from desktop.store import Store
from tests.render.render_samples import columns, full_site, minimal_article, report_article

GOLDEN = Path(__file__).resolve().parent / "golden"
REGENERATE = os.environ.get("NEWSROOM_REGEN_GOLDEN") == "1"

#: Golden file name -> path in the bundle.
FILES = {
    "home.html": "index.html",
    "home_2.html": "index_2.html",
    "column_union-news.html": "columns/union-news/index.html",
    "404.html": "404.html",
    "sitemap.xml": "sitemap.xml",
    "feed.xml": "feed.xml",
    "manifest.json": "manifest.json",
}
#: Golden files of the same site exported with its 繁體 edition and its 长辈版.
TRADITIONAL_FILES = {
    "zh-hant_article.html": "zh-hant/news/2024/05/1.html",
    "zh-hant_home.html": "zh-hant/index.html",
    "traditional_sitemap.xml": "sitemap.xml",
    "elder_article.html": "elder/news/2024/05/1.html",
    "elder_tags.html": "elder/tags/index.html",
    "archive.html": "columns/union-news/2024-05/index.html",
    "robots.txt": "robots.txt",
}


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return export_golden_site(tmp_path_factory.mktemp("golden"), traditional=False)


@pytest.fixture(scope="module")
def traditional_bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return export_golden_site(tmp_path_factory.mktemp("golden-hant"), traditional=True)


def export_golden_site(folder: Path, traditional: bool) -> Path:
    """Export the golden sample site into ``folder``/site and return that folder."""
    with Store.open(folder / "golden.db") as store:
        site = replace(full_site(), page_size=2)
        if traditional:
            site = replace(site, elder="yes", conac_url="https://registry.example.cn/site/0000")
        store.save_site(site)
        store.save_columns(
            [replace(c, id=None) for c in sorted(columns(), key=lambda c: c.position)]
        )
        store.add_articles(
            [
                replace(report_article(), id=None),
                replace(minimal_article(), id=None, status=Status.PUBLISHED, column="通知公告"),
                Article(
                    title="基层工会开展“职工书屋”读书月活动",
                    body="**“书香润心”。**各基层工会开展读书分享会20余场。\n",
                    column="基层风采",
                    author="（区总工会）",
                    published_at=dt.datetime(2024, 4, 23, 10, 0),
                    summary="读书月期间，各基层工会开展读书分享会20余场。",
                    keywords=["工会", "职工书屋"],
                    status=Status.PUBLISHED,
                ),
                Article(
                    title="仍是草稿", published_at=dt.datetime(2024, 6, 1), status=Status.DRAFT
                ),
            ]
        )
        run_export(store, ExportOptions(folder / "site", traditional=traditional))
    return folder / "site"


@pytest.mark.parametrize("name", sorted(FILES))
def test_golden_bundle_file(bundle: Path, name: str) -> None:
    compare_golden(bundle, FILES[name], name)


@pytest.mark.parametrize("name", sorted(TRADITIONAL_FILES))
def test_golden_traditional_file(traditional_bundle: Path, name: str) -> None:
    compare_golden(traditional_bundle, TRADITIONAL_FILES[name], name)


def compare_golden(bundle: Path, bundle_path: str, name: str) -> None:
    """Compare one file of the bundle with its golden file (or rewrite it when regenerating)."""
    produced = (bundle / bundle_path).read_bytes()
    if name == "manifest.json":
        produced = re.sub(rb'"renderer": "[0-9a-f]{64}"', b'"renderer": "<masked>"', produced)
    path = GOLDEN / name
    if REGENERATE:
        GOLDEN.mkdir(exist_ok=True)
        path.write_bytes(produced)
    assert path.exists(), (
        f"{path} missing: run NEWSROOM_REGEN_GOLDEN=1 .venv/bin/pytest tests/export"
    )
    assert produced == path.read_bytes(), f"{name} differs from its golden file (see docstring)"


def test_no_stale_golden_files() -> None:
    assert sorted(p.name for p in GOLDEN.iterdir()) == sorted({**FILES, **TRADITIONAL_FILES})
