"""Uploading the bundle: exactly the bundle on the server, only what changed, in a safe order."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from desktop.export import ExportOptions, folder_media, run_export
from desktop.export.manifest import MANIFEST, Manifest
from desktop.export.paths import referenced_media
from desktop.store import Store
from desktop.upload import UploadError, open_bundle, upload_bundle
from desktop.upload.plan import Step, step_of
from desktop.upload.runner import UploadPhase
from desktop.upload.targets import FolderRemote
from tests.review.helpers import sign_off
from tests.upload.conftest import export_to, tree
from tests.upload.helpers import upload


def manifest_of(folder: Path) -> Manifest:
    return Manifest.from_bytes((folder / MANIFEST).read_bytes())


def pages_are_whole(folder: Path) -> None:
    """Every page on the server has every picture it shows."""
    for path in tree(folder):
        if path.endswith(".html"):
            html = (folder / path).read_text(encoding="utf-8")
            for picture in referenced_media(path, html):
                assert (folder / picture).is_file(), f"{path} shows {picture}, missing"


def test_the_folder_then_holds_exactly_the_bundle(bundle: Path, tmp_path: Path) -> None:
    server = tmp_path / "server"
    summary, reports = upload(bundle, str(server))
    assert tree(server) == tree(bundle)
    assert summary.sent == len(tree(bundle)) and summary.deleted == 0
    assert reports[-1].phase is UploadPhase.DONE
    dones = [r.done for r in reports]
    assert dones == sorted(dones) and reports[-1].done == reports[-1].total


def test_files_go_before_the_pages_that_link_to_them(bundle: Path, tmp_path: Path) -> None:
    _summary, reports = upload(bundle, str(tmp_path / "server"))
    sent = [r.path for r in reports if r.phase is UploadPhase.SEND]
    articles = frozenset(a.path for a in manifest_of(bundle).articles)
    steps = [step_of(path, articles) for path in sent]
    assert steps == sorted(steps)
    assert sent[-1] == MANIFEST
    assert {Step.FILES, Step.ARTICLES, Step.LISTS} <= set(steps)
    assert sent.index("media/2026/05/photo.png") < min(
        i for i, s in enumerate(steps) if s is Step.ARTICLES
    )


def test_one_changed_article_sends_only_the_changed_files(
    site_store: Store, bundle: Path, tmp_path: Path, media: Path
) -> None:
    server = tmp_path / "server"
    upload(bundle, str(server))
    before = manifest_of(bundle).file_map()
    article = site_store.get_article(1)
    site_store.save_article(dataclasses.replace(article, body="改过的正文。\n"))
    sign_off(site_store, article.id)  # changed after approval: signed again
    export_to(site_store, bundle, media)
    after = manifest_of(bundle).file_map()
    changed = {p for p, r in after.items() if p not in before or before[p].sha256 != r.sha256}
    assert changed  # the article's page at least

    summary, reports = upload(bundle, str(server))
    sent = [r.path for r in reports if r.phase is UploadPhase.SEND]
    assert set(sent) == changed | {MANIFEST}
    assert summary.sent == len(changed) + 1 and summary.unchanged == len(after) - len(changed)
    assert tree(server) == tree(bundle)


def test_removed_articles_are_deleted_last(
    site_store: Store, bundle: Path, tmp_path: Path, media: Path
) -> None:
    server = tmp_path / "server"
    upload(bundle, str(server))
    gone = manifest_of(bundle).articles[0]
    site_store.trash_article(gone.id)
    export_to(site_store, bundle, media)

    summary, reports = upload(bundle, str(server))
    phases = [r.phase for r in reports if r.phase in (UploadPhase.SEND, UploadPhase.DELETE)]
    deleted = [r.path for r in reports if r.phase is UploadPhase.DELETE]
    assert gone.path in deleted and summary.deleted == len(deleted)
    first_delete = phases.index(UploadPhase.DELETE)
    assert UploadPhase.SEND not in phases[first_delete:]
    assert tree(server) == tree(bundle)


def test_a_dry_run_changes_nothing(bundle: Path, tmp_path: Path) -> None:
    server = tmp_path / "server"
    server.mkdir()
    summary, reports = upload(bundle, str(server), dry_run=True)
    assert tree(server) == {}
    plan = next(r.plan for r in reports if r.plan is not None)
    assert len(plan.lines()) == len(tree(bundle)) and summary.dry_run
    assert summary.sent == len(tree(bundle))


def test_a_second_upload_of_the_same_bundle_sends_nothing(bundle: Path, tmp_path: Path) -> None:
    server = tmp_path / "server"
    upload(bundle, str(server))
    summary, _ = upload(bundle, str(server))
    assert (summary.sent, summary.deleted) == (0, 0)


def test_a_zip_bundle_uploads_the_same_files(
    site_store: Store, bundle: Path, tmp_path: Path, media: Path
) -> None:
    archive = export_to(site_store, tmp_path / "site.zip", media, as_zip=True)
    server = tmp_path / "server"
    upload(archive, str(server))
    assert tree(server) == tree(bundle)


def test_files_of_another_site_are_left_but_ours_are_cleaned(bundle: Path, tmp_path: Path) -> None:
    server = tmp_path / "server"
    (server / "old").mkdir(parents=True)
    (server / "old" / "page.html").write_text("an older site's page")
    summary, _ = upload(bundle, str(server))
    assert summary.foreign == ["old/page.html"]
    assert (server / "old" / "page.html").is_file()
    # Once the folder holds our manifest, it is ours: it then holds exactly the bundle.
    (server / "stray.txt").write_text("left by hand")
    (server / "news" / ".x.html.newsroom-part").write_text("half a file")
    (server / ".htaccess").write_text("ErrorDocument 404 /404.html")
    upload(bundle, str(server))
    # The web server's own hidden files stay; nothing else but the bundle does.
    assert tree(server) == {**tree(bundle), ".htaccess": b"ErrorDocument 404 /404.html"}


class Corrupting(FolderRemote):
    """A server that damages the first ``bad`` files written."""

    def __init__(self, root: Path, bad: int) -> None:
        super().__init__(root)
        self.bad = bad

    def write(self, path: str, data: bytes) -> None:
        if self.bad:
            self.bad -= 1
            data = data[:-1] + b"!"
        super().write(path, data)


def drive(bundle: Path, remote: FolderRemote) -> None:
    source = open_bundle(bundle)
    try:
        for _report in upload_bundle(source, remote, str(remote.root)):
            pass
    finally:
        source.close()


def test_a_damaged_file_is_sent_again(bundle: Path, tmp_path: Path) -> None:
    server = tmp_path / "server"
    drive(bundle, Corrupting(server, bad=2))
    assert tree(server) == tree(bundle)


def test_a_file_damaged_every_time_is_reported_and_no_page_switched(
    bundle: Path, tmp_path: Path
) -> None:
    server = tmp_path / "server"
    with pytest.raises(UploadError, match="arrived damaged"):
        drive(bundle, Corrupting(server, bad=100))
    assert not (server / MANIFEST).exists()
    assert not [p for p in tree(server) if p.endswith(".html")]


def test_a_cancelled_upload_leaves_every_page_whole(
    site_store: Store, bundle: Path, tmp_path: Path, media: Path
) -> None:
    server = tmp_path / "server"
    upload(bundle, str(server))
    old_manifest = (server / MANIFEST).read_bytes()
    for article in site_store.iter_articles():
        body = f"![图](../../../media/2026/05/photo.png)\n\n{article.title}新版。\n"
        site_store.save_article(dataclasses.replace(article, body=body))
        sign_off(site_store, article.id)  # changed after approval: signed again
    export_to(site_store, bundle, media)

    source = open_bundle(bundle)
    run = upload_bundle(source, FolderRemote(server), str(server))
    pages = 0
    for report in run:
        if report.phase is UploadPhase.SEND and report.path.endswith(".html"):
            pages += 1
            if pages == 2:  # one new page is on the server, the others are the old ones
                break
    run.close()  # the user pressed Cancel
    source.close()
    assert (server / MANIFEST).read_bytes() == old_manifest
    assert sum("新版" in (server / p).read_text() for p in tree(server) if p.endswith(".html")) == 1
    pages_are_whole(server)

    upload(bundle, str(server))
    assert tree(server) == tree(bundle)


def test_delivery_settings_render_no_page_again(
    site_store: Store, bundle: Path, tmp_path: Path, media: Path
) -> None:
    site = site_store.site().with_value("upload_url", "sftp://web@example.org/www")
    site_store.save_site(site.with_value("export_target", str(bundle)))
    summary = run_export(site_store, ExportOptions(target=bundle, media=folder_media(media)))
    assert summary.written == 0 and summary.unchanged == len(tree(bundle))
