"""The bundle's content: layout, manifest, determinism, re-export of changes, safety of paths."""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest

from desktop.article import Status
from desktop.export import ExportError, ExportOptions, folder_media, pool, run_export
from desktop.export.paths import is_bundle_path
from desktop.export.plan import PageJob
from desktop.render.page import CSP
from desktop.store import Store
from tests.export.sample_bundle import HOSTILE_TITLES, PICTURE, read_tree
from tests.review.helpers import sign_off


def export(store: Store, target: Path, media: Path | None = None, **options: object):
    opts = ExportOptions(target=target, media=folder_media(media) if media else None)
    return run_export(store, replace(opts, **options))  # type: ignore[arg-type]


def test_bundle_layout_and_manifest(sample_store: Store, tmp_path: Path, media_root: Path) -> None:
    out = tmp_path / "site"
    summary = export(sample_store, out, media_root)
    files = read_tree(out)
    manifest = json.loads(files.pop("manifest.json"))
    for path in ["index.html", "404.html", "sitemap.xml", "feed.xml", "static/site.css", PICTURE]:
        assert path in files
    for column in ("news", "grassroots", "notices", "models", "rights"):
        assert f"columns/{column}/index.html" in files
    listed = {f["path"]: f for f in manifest["files"]}
    assert set(listed) == set(files)
    for path, data in files.items():
        assert listed[path]["size"] == len(data)
        assert listed[path]["sha256"] == hashlib.sha256(data).hexdigest()
    approved = [
        a for a in sample_store.iter_articles() if a.status in (Status.APPROVED, Status.PUBLISHED)
    ]
    assert {a["id"] for a in manifest["articles"]} == {a.id for a in approved}
    for entry in manifest["articles"]:
        assert entry["path"] in files and re.fullmatch(r"\d{4}-\d{2}-\d{2}", entry["date"])
    assert "一篇仍在草稿中的文章" not in json.dumps(manifest, ensure_ascii=False)
    assert summary.articles == len(approved)
    assert summary.files == len(files) + 1
    assert summary.written == summary.files and summary.unchanged == 0
    assert summary.missing_media == ()


def test_home_is_paginated_by_the_site_page_size(sample_store: Store, tmp_path: Path) -> None:
    sample_store.save_site(replace(sample_store.site(), page_size=4))
    out = tmp_path / "site"
    summary = export(sample_store, out)
    pages = sorted(p.name for p in out.glob("index*.html"))
    assert len(pages) == -(-summary.articles // 4)
    assert 'href="index_2.html" rel="next"' in (out / "index.html").read_text()


def test_same_content_gives_identical_bytes(
    sample_store: Store, tmp_path: Path, media_root: Path
) -> None:
    export(sample_store, tmp_path / "a", media_root)
    again = export(sample_store, tmp_path / "a", media_root)
    export(sample_store, tmp_path / "b", media_root)
    assert read_tree(tmp_path / "a") == read_tree(tmp_path / "b")
    assert again.written == 0 and again.unchanged == again.files

    export(sample_store, tmp_path / "a.zip", media_root, as_zip=True)
    first = (tmp_path / "a.zip").read_bytes()
    export(sample_store, tmp_path / "a.zip", media_root, as_zip=True)
    export(sample_store, tmp_path / "b.zip", media_root, as_zip=True)
    assert (tmp_path / "a.zip").read_bytes() == first == (tmp_path / "b.zip").read_bytes()
    with zipfile.ZipFile(tmp_path / "a.zip") as archive:
        infos = archive.infolist()
        assert [i.filename for i in infos] == sorted(read_tree(tmp_path / "a"))
        assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
        assert {i.external_attr >> 16 for i in infos} == {0o100644}
        assert {n: archive.read(n) for n in archive.namelist()} == read_tree(tmp_path / "a")


def test_one_change_rewrites_only_what_changed(sample_store: Store, tmp_path: Path) -> None:
    out = tmp_path / "site"
    export(sample_store, out)
    inode_before = (out / "news/2026/01/1.html").stat().st_ino
    article = sample_store.get_article(3)
    sample_store.save_article(replace(article, body=article.body + "\n补充一段新内容。\n"))
    sign_off(sample_store, article.id)  # changed after approval: signed again

    summary = export(sample_store, out)
    # The page in both editions the sample site publishes (the ordinary one, the 长辈版).
    assert summary.written_paths == (
        "news/2026/03/3.html",
        "elder/news/2026/03/3.html",
        "manifest.json",
    )
    assert summary.written == 3 and summary.removed == 0
    assert summary.unchanged == summary.files - 3
    assert "补充一段新内容" in (out / "news/2026/03/3.html").read_text()
    # Unchanged files are carried over (hard links keep their dates for upload tools).
    assert (out / "news/2026/01/1.html").stat().st_ino == inode_before

    export(sample_store, tmp_path / "fresh")
    assert read_tree(out) == read_tree(tmp_path / "fresh")


def test_unchanged_pages_are_not_rendered_again(
    sample_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "site"
    export(sample_store, out)
    article = sample_store.get_article(3)
    sample_store.save_article(replace(article, title="改过的标题"))
    sign_off(sample_store, article.id)  # changed after approval: signed again
    rendered: list[str] = []
    original = PageJob.render

    def counting(job: PageJob, site: object, columns: object, *bodies: object) -> bytes:
        rendered.append(job.article.title if job.article else job.path)
        return original(job, site, columns, *bodies)  # type: ignore[arg-type]

    monkeypatch.setattr(PageJob, "render", counting)
    export(sample_store, out)
    # The changed article, the lists showing its title (home, column, month, its keywords)
    # and the articles linking to it (上一篇/下一篇, related); nothing else.
    assert "改过的标题" in rendered
    assert 1 < len(rendered) <= 28, rendered  # 14 at most in each of the two editions
    assert len(rendered) < len(list(out.rglob("*.html"))) / 2
    monkeypatch.undo()
    # By construction the result is what a fresh export writes.
    export(sample_store, tmp_path / "fresh")
    assert read_tree(out) == read_tree(tmp_path / "fresh")


def test_rendering_in_worker_processes_gives_the_same_bundle(
    sample_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    export(sample_store, tmp_path / "here", traditional=True)
    monkeypatch.setattr(pool, "PROCESS_THRESHOLD", 1)
    monkeypatch.setattr(pool, "worker_count", lambda: 2)
    export(sample_store, tmp_path / "workers", traditional=True)
    assert read_tree(tmp_path / "workers") == read_tree(tmp_path / "here")


@pytest.mark.parametrize("change", ["saved", "trashed"])
def test_an_article_changed_while_its_body_is_read_stops_the_export(
    sample_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: str
) -> None:
    read_bodies = sample_store.article_bodies

    def changed_first(ids):  # type: ignore[no-untyped-def]
        # Someone saves (or trashes) the first article wanted after the export planned it.
        article = sample_store.get_article(min(ids))
        if change == "saved":
            sample_store.save_article(replace(article, title="改过的标题"))
        else:
            sample_store.trash_article(article.id or 0)
        monkeypatch.setattr(sample_store, "article_bodies", read_bodies)
        return read_bodies(ids)

    monkeypatch.setattr(sample_store, "article_bodies", changed_first)
    out = tmp_path / "site"
    with pytest.raises(ExportError, match="was saved while the export was reading it"):
        export(sample_store, out)
    assert not out.exists()


def test_article_bodies_are_read_by_id_with_their_versions(sample_store: Store) -> None:
    articles = list(sample_store.iter_articles())
    wanted = [a.id or 0 for a in articles[:3]]
    found = sample_store.article_bodies([*wanted, 9999])
    assert found == {a.id: (a.version, a.body) for a in articles[:3]}
    sample_store.trash_article(wanted[0])
    assert wanted[0] not in sample_store.article_bodies(wanted)


def is_own_list(path: str) -> bool:
    """Say whether ``path`` is a month archive or a keyword page (which can empty out), or the
    page's counterpart in the 长辈版."""
    if path.startswith("elder/"):
        return path == "elder/news/2026/01/2.html" or is_own_list(path[len("elder/") :])
    parts = path.split("/")
    return (len(parts) == 4 and parts[0] == "columns" and parts[2][:2] == "20") or parts[
        0
    ] == "tags"


def test_unpublishing_an_article_removes_its_page(sample_store: Store, tmp_path: Path) -> None:
    out = tmp_path / "site"
    export(sample_store, out)
    article = sample_store.get_article(2)
    sample_store.save_article(replace(article, status=Status.DRAFT))
    summary = export(sample_store, out)
    assert "news/2026/01/2.html" in summary.removed_paths
    # Besides the page: lists that only it was in (its month, keywords no other article has).
    others = [p for p in summary.removed_paths if p != "news/2026/01/2.html"]
    assert all(is_own_list(path) for path in others), summary.removed_paths
    assert not (out / "news/2026/01/2.html").exists()
    export(sample_store, tmp_path / "fresh")
    assert read_tree(out) == read_tree(tmp_path / "fresh")


def test_changed_only_makes_an_update_package(
    sample_store: Store, tmp_path: Path, media_root: Path
) -> None:
    full = tmp_path / "full"
    package = tmp_path / "package.zip"
    export(sample_store, full, media_root)
    export(sample_store, package, media_root, as_zip=True)  # the first package: everything
    article = sample_store.get_article(3)
    sample_store.save_article(replace(article, body=article.body + "\n补充一段新内容。\n"))
    sign_off(sample_store, article.id)  # changed after approval: signed again
    gone = sample_store.get_article(2)
    sample_store.save_article(replace(gone, status=Status.DRAFT))

    summary = export(sample_store, package, media_root, as_zip=True, changed_only=True)
    assert summary.update_package
    with zipfile.ZipFile(package) as archive:
        names = sorted(archive.namelist())
        manifest = json.loads(archive.read("manifest.json"))
        page = archive.read("news/2026/03/3.html").decode()
    assert "补充一段新内容" in page
    assert "news/2026/01/2.html" not in names and "static/site.css" not in names
    assert PICTURE not in names  # an unchanged picture is on the server already
    assert manifest["update"] is True
    assert manifest["removed"] == list(summary.removed_paths)
    assert "news/2026/01/2.html" in manifest["removed"]
    assert all(is_own_list(p) for p in manifest["removed"] if p != "news/2026/01/2.html")
    assert names == sorted([*summary.written_paths])
    # The manifest still describes the whole site, which matches a full export's files.
    export(sample_store, full, media_root)
    full_manifest = json.loads((full / "manifest.json").read_text())
    assert manifest["files"] == full_manifest["files"]
    assert summary.files == len(full_manifest["files"]) + 1
    # Uploading the package over the previous site gives the new site.
    site = read_tree(tmp_path / "full")
    assert all(site[name] == data for name, data in zip_tree(package).items())

    again = export(sample_store, package, media_root, as_zip=True, changed_only=True)
    assert again.written_paths == ("manifest.json",) and again.removed == 0


def zip_tree(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist() if name != "manifest.json"}


def test_a_hand_edited_file_is_repaired(sample_store: Store, tmp_path: Path) -> None:
    out = tmp_path / "site"
    export(sample_store, out)
    page = out / "news/2026/01/1.html"
    good = page.read_bytes()
    page.write_bytes(b"tampered")
    summary = export(sample_store, out)
    assert page.read_bytes() == good
    assert "news/2026/01/1.html" in summary.written_paths


def test_statuses_option(sample_store: Store, tmp_path: Path) -> None:
    out = tmp_path / "drafts"
    summary = export(sample_store, out, statuses=(Status.DRAFT,))
    manifest = json.loads((out / "manifest.json").read_text())
    drafts = {a.id for a in sample_store.iter_articles([Status.DRAFT])}
    assert {a["id"] for a in manifest["articles"]} == drafts
    assert "一篇仍在草稿中的文章" in {a["title"] for a in manifest["articles"]}
    assert {a["status"] for a in manifest["articles"]} == {"draft"}
    assert manifest["statuses"] == ["draft"]
    assert summary.articles == len(drafts)


def test_hostile_titles_cannot_steer_paths(sample_store: Store, tmp_path: Path) -> None:
    out = tmp_path / "site"
    export(sample_store, out)
    files = read_tree(out)
    assert all(is_bundle_path(path) for path in files)
    assert all(path.isascii() and len(path) < 60 for path in files)
    manifest = json.loads(files["manifest.json"])
    titles = {a["title"]: a["path"] for a in manifest["articles"]}
    for title in HOSTILE_TITLES:
        assert re.fullmatch(r"news/\d{4}/\d{2}/\d+\.html", titles[title.strip()])
    assert not (tmp_path / "etc").exists()


def test_pages_are_locked_down_and_carry_no_local_path(
    sample_store: Store, tmp_path: Path, media_root: Path
) -> None:
    out = tmp_path / "site"
    export(sample_store, out, media_root)
    for path, data in read_tree(out).items():
        text = data.decode("utf-8", errors="replace")
        for local in ("file://", "C:\\", "/home/", "/root/", "/tmp/", str(tmp_path)):
            assert local not in text, f"{local!r} in {path}"
        if path.endswith(".html"):
            assert f'<meta http-equiv="Content-Security-Policy" content="{CSP}">' in text
            assert "script-src" not in CSP and "'unsafe-inline'" not in CSP
            assert "<script" not in text.lower() and "onclick" not in text.lower()
            assert re.search(r'(href|src)="/', text) is None, f"root-relative URL in {path}"


def test_pictures_are_copied_and_missing_ones_reported(
    sample_store: Store, tmp_path: Path, media_root: Path
) -> None:
    with_media = export(sample_store, tmp_path / "a", media_root)
    assert (tmp_path / "a" / PICTURE).read_bytes() == (media_root / PICTURE).read_bytes()
    assert with_media.missing_media == ()
    without = export(sample_store, tmp_path / "b")
    assert without.missing_media == (PICTURE,)
    assert not (tmp_path / "b" / PICTURE).exists()
