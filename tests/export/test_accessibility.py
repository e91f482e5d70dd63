"""Exported pages as readers and inspectors meet them, in headless Chromium.

* axe-core (the accessibility engine of the npm registry, installed by ``.ci/run`` under
  ``.cache/npm``) over every kind of page in every edition: no "serious" or "critical"
  violation (GB/T 37668 follows WCAG 2.x, which axe checks);
* text size, the printable view and the 长辈版 work with the pages' CSP, i.e. without script.
"""

from __future__ import annotations

import io
import json
import os
import shutil
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image

from desktop.article import EXPORTABLE
from desktop.export import ExportOptions, folder_media, run_export
from desktop.pictures import add_picture, picture_bytes
from desktop.store import Store
from tests.conftest import REPO
from tests.export.sample_bundle import fill_sample_site, make_media_folder
from tests.export.test_browser import CHROMIUM, LAUNCH_ARGS

AXE = REPO / ".cache" / "npm" / "node_modules" / "axe-core" / "axe.min.js"
sync_api = pytest.importorskip("playwright.sync_api", reason="needs the playwright package")
if not AXE.exists():
    if os.environ.get("CI"):
        raise RuntimeError(f"{AXE} is missing: .ci/run installs axe-core with npm")
    pytest.skip("needs axe-core: npm install --prefix .cache/npm axe-core", allow_module_level=True)
if not CHROMIUM.exists() and shutil.which("chromium") is None:
    pytest.skip("needs /usr/bin/chromium (Debian package chromium)", allow_module_level=True)

#: Violations at these levels fail the test; the others are printed.
FAILING = {"serious", "critical"}


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("a11y")
    with Store.open(folder / "sample.db") as store:
        fill_sample_site(store)
        store.save_site(
            replace(
                store.site(),
                traditional="yes",
                elder="yes",
                conac_url="https://registry.example.cn/site/0000",
            )
        )
        media = folder_media(make_media_folder(folder / "media"))
        buffer = io.BytesIO()
        Image.new("RGB", (400, 300), (30, 90, 160)).save(buffer, "PNG")
        cover = add_picture(store, buffer.getvalue(), "cover.png")
        article = next(iter(store.iter_articles(EXPORTABLE)))
        store.save_article(replace(article, cover=cover))

        def pictures(path: str) -> bytes | None:
            return picture_bytes(store, path) or media(path)

        run_export(store, ExportOptions(folder / "site", media=pictures))
    return folder / "site"


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=LAUNCH_ARGS, headless=True
        )
        yield launched
        launched.close()


def kinds_of_page(bundle: Path) -> dict[str, Path]:
    """One page of every kind, in every edition."""
    article = next(p for p in sorted(bundle.glob("news/*/*/*.html")) if "<table" in p.read_text())
    archive = next(iter(sorted(bundle.glob("columns/*/20*/index.html"))))
    tag = next(iter(sorted(bundle.glob("tags/*/index.html"))))
    pages: dict[str, Path] = {}
    for edition in ("", "zh-hant/", "elder/"):
        root = bundle / edition if edition else bundle
        name = edition.rstrip("/") or "simplified"
        pages[f"{name} home"] = root / "index.html"
        pages[f"{name} column"] = next(iter(sorted(root.glob("columns/*/index.html"))))
        pages[f"{name} article"] = root / article.relative_to(bundle)
        pages[f"{name} archive"] = root / archive.relative_to(bundle)
        pages[f"{name} tags"] = root / "tags" / "index.html"
        pages[f"{name} tag"] = root / tag.relative_to(bundle)
    pages["404"] = bundle / "404.html"
    return pages


def test_no_serious_accessibility_violations_on_any_kind_of_page(bundle: Path, browser) -> None:
    context = browser.new_context(bypass_csp=True)  # the pages allow no script; axe is one
    page = context.new_page()
    failing: list[str] = []
    report: list[str] = []
    for name, path in kinds_of_page(bundle).items():
        assert path.is_file(), name
        page.goto(path.as_uri())
        page.add_script_tag(path=str(AXE))
        result = page.evaluate(
            "async () => JSON.stringify(await axe.run(document, "
            "{runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa',"
            " 'best-practice']}}))"
        )
        violations = json.loads(result)["violations"]
        for violation in violations:
            line = f"{name}: {violation['impact']} {violation['id']} ({len(violation['nodes'])})"
            report.append(line)
            if violation["impact"] in FAILING:
                targets = [
                    (node["target"], [check.get("data") for check in node["any"]][:1])
                    for node in violation["nodes"][:4]
                ]
                failing.append(f"{line} {targets}")
    context.close()
    print("\naxe-core over", len(kinds_of_page(bundle)), "pages:", report or "no violations")
    assert failing == [], "\n".join(failing)


def test_text_size_and_the_printable_view_work_without_script(bundle: Path, browser) -> None:
    article = next(iter(sorted(bundle.glob("news/*/*/*.html"))))
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()

    def body_font(url: str) -> str:
        page.goto(url)
        return page.eval_on_selector(".article-body", "e => getComputedStyle(e).fontSize")

    def shown(url: str, selector: str) -> bool:
        page.goto(url)
        return page.is_visible(selector)

    uri = article.as_uri()
    sizes = [body_font(uri), body_font(uri + "#fs-l"), body_font(uri + "#fs-s")]
    assert sizes == ["17px", "21px", "15px"]
    assert shown(uri, ".site-header") and not shown(uri, ".print-hint")
    assert not shown(uri + "#print-view", ".site-header")
    assert not shown(uri + "#print-view", ".site-footer")
    assert shown(uri + "#print-view", ".print-hint") and shown(uri + "#print-view", ".title")
    page.emulate_media(media="print")
    assert not shown(uri, ".columns-bar") and not shown(uri, ".page-tools")
    page.emulate_media(media="screen")
    elder = bundle / "elder" / article.relative_to(bundle)
    assert body_font(elder.as_uri()) == "22px"
    assert body_font(elder.as_uri() + "#fs-l") == "26px"
    context.close()


def test_every_edition_links_to_the_others(bundle: Path, browser) -> None:
    article = next(iter(sorted(bundle.glob("news/*/*/*.html")))).relative_to(bundle)
    page = browser.new_page()
    page.goto((bundle / article).as_uri())
    labels = page.eval_on_selector_all(".edition-switch", "links => links.map(a => a.textContent)")
    assert labels == ["繁體", "长辈版"]
    page.click("text=长辈版")
    assert page.url == (bundle / "elder" / article).as_uri()
    assert page.eval_on_selector("body", "b => b.className") == "elder"
    page.click("text=标准版")
    assert page.url == (bundle / article).as_uri()
    page.close()
