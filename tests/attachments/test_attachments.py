"""Attachments in the store, on the page and in the export: real files, hostile names."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from markupsafe import escape

from desktop.article import Article, Status
from desktop.attachments import (
    AttachmentError,
    attachment_bytes,
    detect_kind,
    download_name,
    size_text,
    store_attachment,
    with_attached,
    with_removed,
    with_renamed,
)
from desktop.export import ExportOptions, run_export
from desktop.export.paths import is_bundle_path
from desktop.pictures import picture_bytes
from desktop.render.page import CSP, render_article_page
from desktop.render.page_check import UnsafePage, check_page
from desktop.render.urls import article_path
from desktop.site import Site
from desktop.store import Store
from tests.conftest import make_article, needs_libreoffice


@needs_libreoffice
@pytest.mark.parametrize(
    ("kind", "name", "expected"),
    [
        ("pdf", "通知.pdf", "pdf"),
        ("pdf", "报名表.xls", "pdf"),  # a PDF under a spreadsheet's name is offered as a PDF
        ("doc", "报名表.doc", "doc"),
        ("doc", "报名表.wps", "wps"),  # WPS and Word share the compound-file format
        ("doc", "报名表.pdf", "doc"),  # Word's main stream, whatever the name says
        ("docx", "报名表.docx", "docx"),
        ("docx", "报名表.zip", "docx"),
        ("xlsx", "名单.xlsx", "xlsx"),
        ("zip", "材料.docx", "zip"),  # a zip without a document inside is just a zip
        ("jpg", "现场.png", "jpg"),
    ],
)
def test_the_type_comes_from_the_bytes_not_the_name(
    files: dict[str, bytes], kind: str, name: str, expected: str
) -> None:
    assert detect_kind(files[kind], name).extension == expected


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b"MZ\x90\x00\x03\x00\x00\x00\x04\x00", "通知.pdf"),  # a Windows program
        ("会议通知全文".encode(), "通知.docx"),
        (b"#!/bin/sh\nrm -rf ~\n", "报名表.xls"),
        (b"", "空文件.pdf"),
    ],
)
def test_other_files_are_refused_with_a_message_naming_them(
    store: Store, data: bytes, name: str
) -> None:
    with pytest.raises(AttachmentError) as caught:
        store_attachment(store, data, name)
    assert str(caught.value).startswith(f"{name}: ")
    assert store.database.execute_sql("SELECT count(*) FROM attachment").fetchone()[0] == 0


def test_the_size_limit_is_a_site_setting(store: Store, files: dict[str, bytes]) -> None:
    assert store.site().attachment_max_mb == 20
    store.save_site(store.site().with_value("attachment_max_mb", "1"))
    big = files["zip"] + b"\0" * (1024 * 1024)  # a zip with trailing bytes still opens
    with pytest.raises(AttachmentError, match=r"1\.0 MB.*attachment_max_mb"):
        store_attachment(store, big, "材料.zip")
    assert store_attachment(store, files["zip"], "材料.zip").kind == "zip"
    with pytest.raises(ValueError):
        store.site().with_value("attachment_max_mb", "0")


def test_sizes_are_written_as_chinese_pages_write_them() -> None:
    assert size_text(512) == "512 字节"
    assert size_text(36_045) == "35.2 KB"
    assert size_text(1_572_864) == "1.5 MB"


def test_content_is_stored_once_and_every_change_is_a_revision(
    store: Store, files: dict[str, bytes]
) -> None:
    article = store.add_article(make_article())
    first = store_attachment(store, files["docx"], "报名表.docx")
    again = store_attachment(store, files["docx"], "报名表（修订）.docx")
    assert store.database.execute_sql("SELECT count(*) FROM attachment").fetchone()[0] == 1
    article = store.save_article(with_attached(article, [first, again]))
    assert [a.name for a in store.get_article(article.id).attachments] == [
        "报名表.docx",
        "报名表（修订）.docx",
    ]
    article = store.save_article(with_renamed(article, 1, "报名表（第二版）.docx"))
    article = store.save_article(with_removed(article, 0))
    assert [a.name for a in store.get_article(article.id).attachments] == ["报名表（第二版）.docx"]
    kept = [store.revision(info.id).article.attachments for info in store.revisions(article.id)]
    assert [[a.name for a in attachments] for attachments in kept] == [
        ["报名表（第二版）.docx"],
        ["报名表.docx", "报名表（第二版）.docx"],
        ["报名表.docx", "报名表（修订）.docx"],
        [],
    ]
    # Restoring the revision before the removal brings the file back, bytes and all.
    before_removal = store.revisions(article.id)[1]
    restored = store.restore_revision(article.id, before_removal.id, article.version)
    assert [a.name for a in restored.attachments] == ["报名表.docx", "报名表（第二版）.docx"]
    assert attachment_bytes(store, restored.attachments[0].path) == files["docx"]


@pytest.mark.parametrize(
    "name",
    [
        "../../x.pdf",
        "..\\..\\Windows\\x.pdf",
        "CON.pdf",
        "<script>alert(1)</script>.pdf",
        '"><img src=x onerror=alert(1)>.pdf',
        "通知\u202egnp.pdf",
        "/etc/passwd",
    ],
)
def test_hostile_names_stay_names(store: Store, name: str) -> None:
    pdf = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
    attachment = store_attachment(store, pdf, name)
    assert re.fullmatch(r"files/[0-9a-f]{64}\.pdf", attachment.path)
    assert is_bundle_path(attachment.path)
    assert "/" not in attachment.name and "\\" not in attachment.name
    assert "\u202e" not in attachment.name
    offered = download_name(attachment)
    assert offered.endswith(".pdf") and not re.search(r'[<>:"/\\|?*]', offered)
    article = store.add_article(make_article(attachments=[attachment]))
    page = render_article_page(article, store.site(), store.columns())  # passes page_check
    # Shown as the text it is, offered under a name no file system refuses.
    assert f">{escape(attachment.name)}</a>" in page
    assert f'download="{escape(offered)}"' in page
    assert "<script>" not in page and "<img src=x" not in page


def test_the_page_lists_each_attachment_with_name_type_and_size(
    store: Store, files: dict[str, bytes]
) -> None:
    docx = store_attachment(store, files["docx"], "2026年职工运动会报名表.docx")
    workbook = store_attachment(store, files["xlsx"], "参赛名单")
    article = store.add_article(make_article(attachments=[docx, workbook]))
    page = render_article_page(article, store.site(), store.columns())
    section = page[page.index('<section class="attachments"') :]
    section = section[: section.index("</section>")]
    assert "<h2" in section and "附件" in section
    items = re.findall(r'<li><a href="([^"]+)" download="([^"]+)">([^<]+)</a>', section)
    assert items == [
        ("../../../" + docx.path, "2026年职工运动会报名表.docx", "2026年职工运动会报名表.docx"),
        ("../../../" + workbook.path, "参赛名单.xlsx", "参赛名单"),
    ]
    assert f"（Word 文档，{size_text(docx.size)}）" in section
    assert f"（Excel 表格，{size_text(workbook.size)}）" in section
    no_attachments = render_article_page(make_article(), store.site(), store.columns())
    assert 'class="attachments"' not in no_attachments


def test_download_is_allowed_only_on_links_to_attachments() -> None:
    page = render_article_page(make_article(), Site(), [])
    allowed = page.replace(
        '<div class="article-body">',
        f'<div class="article-body"><a href="../../../files/{"a" * 64}.pdf" download="x.pdf">x</a>',
    )
    check_page(allowed, what="test", csp=CSP)
    for bad in (
        '<a href="https://example.org/x.exe" download="x.pdf">x</a>',
        '<a href="../../../news/2026/05/1.html" download="x.html">x</a>',
        f'<img src="../../../files/{"a" * 64}.pdf" download="x.pdf" alt="">',
    ):
        refused = page.replace('<div class="article-body">', f'<div class="article-body">{bad}')
        with pytest.raises(UnsafePage, match="download"):
            check_page(refused, what="test", csp=CSP)


def test_the_export_writes_attachments_and_lists_them_in_the_manifest(
    store: Store, files: dict[str, bytes], tmp_path: Path
) -> None:
    store.save_site(store.site().with_value("traditional", "yes").with_value("elder", "yes"))
    docx = store_attachment(store, files["docx"], "报名表.docx")
    archive = store_attachment(store, files["zip"], "材料.zip")
    article = store.add_article(make_article(attachments=[docx, archive]))
    draft = store.add_article(
        make_article("未发布的稿件", status=Status.DRAFT, attachments=[archive])
    )
    assert draft.id is not None
    target = tmp_path / "site"
    run_export(store, ExportOptions(target=target, media=lambda p: picture_bytes(store, p)))
    assert (target / docx.path).read_bytes() == files["docx"]
    assert (target / archive.path).read_bytes() == files["zip"]
    manifest = json.loads((target / "manifest.json").read_text("utf-8"))
    listed = {f["path"]: f for f in manifest["files"]}
    assert listed[docx.path]["sha256"] == docx.digest
    assert listed[docx.path]["size"] == len(files["docx"])
    page_path = article_path(article)
    assert sorted(listed[page_path]["media"]) == sorted([docx.path, archive.path])
    # Every edition links the one copy of each file.
    for edition in ("", "zh-hant/", "elder/"):
        page = (target / edition / page_path).read_text("utf-8")
        hrefs = re.findall(r'href="([^"]+)" download=', page)
        assert len(hrefs) == 2
        for href in hrefs:
            assert (target / edition / page_path).parent.joinpath(href).resolve().is_file()
    assert sorted(p.name for p in (target / "files").iterdir()) == sorted(
        Path(a.path).name for a in (docx, archive)
    )


def test_the_sign_off_hash_covers_the_attachments(store: Store, files: dict[str, bytes]) -> None:
    from desktop.review.content import content_hash, stored_picture_hash

    def signed(article: Article) -> str:
        return content_hash(article, stored_picture_hash(store.database.connection()))

    article = make_article()
    docx = store_attachment(store, files["docx"], "报名表.docx")
    workbook = store_attachment(store, files["xlsx"], "报名表.docx")  # same name, other file
    attached = with_attached(article, [docx])
    hashes = {
        signed(article),
        signed(attached),
        signed(with_attached(article, [workbook])),
        signed(with_renamed(attached, 0, "报名表（修订）.docx")),
        signed(with_attached(attached, [workbook])),
    }
    assert len(hashes) == 5
    assert signed(attached) == signed(with_attached(make_article(), [docx]))
