"""Every page of an exported sample site, opened from a file:// folder in headless Chromium.

Needs the Debian package ``chromium`` (/usr/bin/chromium) and the Python package
``playwright``; the browser Playwright would download is never used. Skipped when either is
missing (CI installs both).
"""

from __future__ import annotations

import io
import shutil
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlsplit

import pytest
from PIL import Image

from desktop.article import EXPORTABLE
from desktop.export import ExportOptions, folder_media, run_export
from desktop.pictures import add_picture, picture_bytes
from desktop.store import Store
from desktop.traditional import convert_text
from tests.export.sample_bundle import PICTURE, fill_sample_site, make_media_folder
from tests.review.helpers import sign_off

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

sync_api = pytest.importorskip("playwright.sync_api", reason="needs the playwright package")
if not CHROMIUM.exists() and shutil.which("chromium") is None:
    pytest.skip("needs /usr/bin/chromium (Debian package chromium)", allow_module_level=True)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Store]:
    folder = tmp_path_factory.mktemp("browser")
    with Store.open(folder / "sample.db") as store:
        fill_sample_site(store)
        media = folder_media(make_media_folder(folder / "media"))
        # A stored cover picture: its thumbnail shows in the home and column lists.
        buffer = io.BytesIO()
        Image.new("RGB", (400, 300), (30, 90, 160)).save(buffer, "PNG")
        cover = add_picture(store, buffer.getvalue(), "cover.png")
        article = next(iter(store.iter_articles(EXPORTABLE)))
        store.save_article(replace(article, cover=cover))
        sign_off(store, article.id)  # changed after approval: signed again

        def pictures(path: str) -> bytes | None:
            return picture_bytes(store, path) or media(path)

        options = ExportOptions(folder / "bundle" / "site", media=pictures, traditional=True)
        run_export(store, options)
        return folder / "bundle" / "site", store


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=LAUNCH_ARGS, headless=True
        )
        yield launched
        launched.close()


def pages_of(bundle: Path) -> list[Path]:
    return sorted(bundle.rglob("*.html"))


def test_every_page_loads_cleanly_inside_the_bundle(site: tuple[Path, Store], browser) -> None:
    bundle, store = site
    settings = store.site()
    root_url = bundle.as_uri() + "/"
    requests: list[str] = []
    context = browser.new_context(java_script_enabled=True)
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    errors: list[str] = []
    page.on(
        "console", lambda m: errors.append(f"{page.url}: {m.text}") if m.type == "error" else None
    )
    page.on("pageerror", lambda e: errors.append(f"{page.url}: {e}"))
    page.on("requestfailed", lambda r: errors.append(f"failed {r.url}"))

    checked_pictures = 0
    thumbnails = 0
    traditional_pages = 0
    for html_file in pages_of(bundle):
        traditional = html_file.relative_to(bundle).parts[0] == "zh-hant"
        traditional_pages += traditional
        response = page.goto(html_file.as_uri(), wait_until="load")
        assert response is None or response.ok, html_file
        # Pictures: every one loaded.
        pictures = page.eval_on_selector_all(
            "img", "els => els.map(e => [e.currentSrc, e.complete, e.naturalWidth])"
        )
        for src, complete, width in pictures:
            assert complete and width > 0, f"picture {src} did not load on {html_file}"
            checked_pictures += 1
            thumbnails += "/media/thumbs/" in src
        # Links: every internal one resolves to a file of the bundle.
        for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)"):
            if not href.startswith("file:"):
                assert urlsplit(href).scheme in ("http", "https", "mailto"), href
                continue
            target = urldefrag(href)[0]
            assert target.startswith(root_url), f"{href} leaves the bundle ({html_file})"
            assert (bundle / unquote(target[len(root_url) :])).is_file(), f"broken {href}"
        # The stylesheet applied (a CSP or path mistake would leave the page unstyled).
        assert page.eval_on_selector("body", "e => getComputedStyle(e).margin") == "0px"
        footer = page.inner_text("footer.site-footer")
        for value in (settings.sponsor, settings.address, settings.icp, settings.site_code):
            shown = convert_text(value) if traditional else value
            assert shown in footer, f"footer of {html_file} lacks {shown!r}"
        if html_file.name != "404.html":  # every other page links to its other editions
            switches = page.eval_on_selector_all(
                "a.edition-switch", "links => links.map(a => a.textContent)"
            )
            edition = html_file.relative_to(bundle).parts[0]
            expected = {"zh-hant": ["简体", "长辈版"], "elder": ["标准版", "繁體"]}
            assert switches == expected.get(edition, ["繁體", "长辈版"]), html_file
        lang = page.eval_on_selector("html", "e => e.lang")
        assert lang == ("zh-Hant" if traditional else "zh-CN"), html_file
    context.close()

    assert errors == []
    assert checked_pictures >= 1
    assert thumbnails >= 4  # home and column list, in both editions
    assert traditional_pages >= 10
    assert (bundle / PICTURE).is_file()
    outside = [url for url in requests if not url.startswith(root_url)]
    assert outside == [], f"requests left the bundle: {outside[:5]}"
    assert len(requests) >= len(pages_of(bundle))
