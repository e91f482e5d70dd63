"""Pictures in the store: content addressing, bytes by path, thumbnails, preview loader."""

from __future__ import annotations

import io
import re

import pytest
from PIL import Image

from desktop.article import Article
from desktop.pictures import (
    add_picture,
    original_bytes,
    picture_bytes,
    picture_info,
    picture_loader,
    pictures_used,
    thumbnail_path,
)
from desktop.render.page import render_article_page
from desktop.store import Store
from tests.pictures.images import flat_png, photo

PATH = re.compile(r"media/[0-9a-f]{64}\.(jpg|png)")


def test_same_photo_is_stored_once(store: Store) -> None:
    data = photo()
    first = add_picture(store, data, "a.jpg")
    assert PATH.fullmatch(first)
    assert add_picture(store, data, "copy.jpg") == first
    count = store.database.execute_sql("SELECT count(*) FROM picture").fetchone()[0]
    assert count == 1


def test_bytes_by_media_path_and_relative_forms(store: Store) -> None:
    path = add_picture(store, flat_png(), "chart.png")
    data = picture_bytes(store, path)
    assert data is not None and data.startswith(b"\x89PNG")
    assert picture_bytes(store, "../../../" + path) == data
    assert picture_bytes(store, "news/2026/05/" + path) == data  # an un-rebased page
    assert picture_bytes(store, "media/" + "0" * 64 + ".jpg") is None
    assert picture_bytes(store, "static/site.css") is None
    assert picture_loader(store)(path) == data


def test_original_is_kept_only_when_asked(store: Store) -> None:
    data = photo(2000, 1500)
    kept = add_picture(store, data, "big.jpg", keep_original=True)
    assert original_bytes(store, kept) == data
    info = picture_info(store, kept)
    assert info is not None and info.has_original and info.width == 1200 and info.name == "big.jpg"
    other = add_picture(store, photo(500, 400), "small.jpg")
    assert original_bytes(store, other) is None


def test_max_width_site_setting_is_honoured(store: Store) -> None:
    store.database.execute_sql(
        "INSERT INTO site_setting (key, value) VALUES ('picture_max_width', '600')"
    )
    info = picture_info(store, add_picture(store, photo(1600, 1200), "a.jpg"))
    assert info is not None and info.width == 600


def test_cover_thumbnail_is_made_and_served(store: Store) -> None:
    cover = add_picture(store, photo(1600, 900), "cover.jpg")
    thumb = thumbnail_path(cover)
    assert thumb == "media/thumbs/" + cover[len("media/") :].replace(".jpg", ".jpg")
    data = picture_bytes(store, thumb)
    assert data is not None and Image.open(io.BytesIO(data)).size == (320, 240)
    assert picture_bytes(store, thumb) == data  # served from the cache the second time


def test_pictures_used_lists_body_cover_and_thumbnail() -> None:
    a, b = "media/" + "a" * 64 + ".jpg", "media/" + "b" * 64 + ".png"
    body = f'![x]({a} "图为现场")\n\n文字![y](../../../{b})\n\n![x]({a})\n'
    assert pictures_used(body, "") == [a, b]
    assert pictures_used(body, b) == [a, b, "media/thumbs/" + "b" * 64 + ".jpg"]
    assert pictures_used("no pictures", "https://example.com/x.jpg") == []


def test_captioned_picture_renders_as_figure_with_page_relative_src(store: Store) -> None:
    path = add_picture(store, photo(), "a.jpg")
    article = Article(title="标题", body=f'正文。\n\n![职工代表]({path} "图为活动现场")\n')
    page = render_article_page(article, store.site(), store.columns())
    assert f'<figure><img alt="职工代表" src="../../../{path}"><figcaption>图为活动现场' in page
    plain = render_article_page(
        Article(title="t", body=f"![a]({path})\n"), store.site(), store.columns()
    )
    assert f'<p><img alt="a" src="../../../{path}"></p>' in plain


def test_a_picture_on_a_full_disk_fails_as_a_save_does_and_nothing_half_stored(
    store: Store,
) -> None:
    from desktop.store.errors import DiskFull, ReadOnlyStore
    from tests.store.test_integrity import fill_the_disk

    if store.is_server:
        pytest.skip("SQLite's page limit stands in for a full disk; a server's disk is its own")
    fill_the_disk(store)
    with pytest.raises(DiskFull, match="disk is full"):
        add_picture(store, photo(1600, 1200), "大图.jpg", keep_original=True)
    assert store.database.execute_sql("SELECT count(*) FROM picture").fetchone()[0] == 0
    assert store.database.execute_sql("SELECT count(*) FROM picture_original").fetchone()[0] == 0
    store.database.execute_sql("PRAGMA max_page_count = 1073741823")  # space was freed
    path = add_picture(store, photo(1600, 1200), "大图.jpg")
    store.database.execute_sql("PRAGMA query_only = 1")  # what a read-only file looks like
    with pytest.raises(ReadOnlyStore, match="read-only"):
        add_picture(store, flat_png(), "图.png")
    # A cover's thumbnail is a cache: made even when it cannot be kept.
    thumb = picture_bytes(store, thumbnail_path(path))
    assert thumb is not None and thumb.startswith(b"\xff\xd8")
    store.database.execute_sql("PRAGMA query_only = 0")


def test_one_rule_for_the_largest_picture_width(store: Store, qtbot) -> None:
    from desktop.gui.site_dialog import SiteDialog
    from desktop.pictures import DEFAULT_MAX_WIDTH, max_width
    from desktop.site import PICTURE_MAX_WIDTH, Site

    rule = PICTURE_MAX_WIDTH
    assert Site().picture_max_width == DEFAULT_MAX_WIDTH == rule.default == max_width(store)
    dialog = SiteDialog(Site(), [])
    qtbot.addWidget(dialog)
    from PySide6.QtWidgets import QSpinBox

    spin = dialog.findChild(QSpinBox, "site_picture_max_width")
    assert (spin.minimum(), spin.maximum()) == (rule.minimum, rule.maximum)
    for value in (rule.minimum, rule.maximum):
        store.save_site(Site().with_value("picture_max_width", str(value)))
        assert store.site().picture_max_width == max_width(store) == value
    for value in (rule.minimum - 1, rule.maximum + 1):
        with pytest.raises(ValueError, match=f"from {rule.minimum} to {rule.maximum}"):
            Site().with_value("picture_max_width", str(value))
        # A value stored by hand outside the range: the store and the site read the default.
        store.database.execute_sql(
            "UPDATE site_setting SET value = ? WHERE key = 'picture_max_width'", (str(value),)
        )
        assert store.site().picture_max_width == max_width(store) == rule.default
