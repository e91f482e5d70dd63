"""The content a signature is bound to: every field on the page, the body, the pictures."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import subprocess
import sys

import pytest
from PIL import Image

from desktop.article import SNAPSHOT_FIELDS, Attachment, Status
from desktop.pictures import add_picture
from desktop.review.content import SIGNED_FIELDS, content_hash
from desktop.review.record import hash_in
from desktop.store import Store
from tests.conftest import REPO, make_article


def no_pictures(path: str) -> str | None:
    return None


def test_every_field_on_the_page_changes_the_hash_and_the_status_does_not() -> None:
    article = make_article(kicker="引题", subtitle="——副标题", summary="摘要", keywords=["工会"])
    base = content_hash(article, no_pictures)
    changed = {
        "title": "另一个标题",
        "kicker": "另一个引题",
        "subtitle": "——另一个副标题",
        "column": "通知公告",
        "author": "市总工会办公室",
        "source": "另一来源",
        "summary": "另一摘要",
        "keywords": ["工会", "职工"],
        "cover": "media/" + "a" * 64 + ".jpg",
        "body": "另一段正文。\n",
        "published_at": dt.datetime(2026, 5, 7, 9, 30),
        "attachments": [Attachment("b" * 64, "报名表.docx", "docx", 2048)],
    }
    assert {s.name for s in SIGNED_FIELDS} == set(changed)
    for name, value in changed.items():
        assert content_hash(dataclasses.replace(article, **{name: value}), no_pictures) != base, (
            name
        )
    assert content_hash(dataclasses.replace(article, status=Status.DRAFT), no_pictures) == base
    # Every field a revision keeps but the status is signed: nothing on the page escapes.
    assert {s.name for s in SNAPSHOT_FIELDS} - {"status"} <= set(changed)


def test_the_hash_is_the_same_in_another_process() -> None:
    code = (
        "from tests.conftest import make_article\n"
        "from desktop.review.content import content_hash\n"
        "print(content_hash(make_article(keywords=['工会', '会议']), lambda p: None))\n"
    )
    other = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout.strip()
    assert other == content_hash(make_article(keywords=["工会", "会议"]), no_pictures)


@pytest.fixture
def picture(store: Store) -> str:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(buffer, "PNG")
    return add_picture(store, buffer.getvalue(), "现场.png")


def test_a_picture_counts_by_the_stored_picture(store: Store, picture: str) -> None:
    article = make_article(body=f"![现场]({picture})\n")
    with_picture = hash_in(store.database.connection(), article)
    assert with_picture != content_hash(article, no_pictures)  # the stored picture's hash counts
    missing = make_article(body=f"![现场]({picture.replace('media/', 'media/' + '0')[:-5]}.png)\n")
    assert hash_in(store.database.connection(), missing) != with_picture
