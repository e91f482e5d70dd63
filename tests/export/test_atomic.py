"""Never a half bundle: cancel, close, a full disk, a kill or a failed swap leave the previous
bundle as it was and nothing else beside it; a bad target is refused before any work."""

from __future__ import annotations

import errno
import os
import shutil
import threading
from pathlib import Path

import pytest

from desktop.export import ExportCancelled, ExportError, ExportOptions, export_bundle, run_export
from desktop.export import writer as writer_module
from desktop.export.options import ExportPhase
from desktop.store import Store
from tests.export.sample_bundle import read_tree
from tests.review.helpers import sign_off


@pytest.fixture
def previous(sample_store: Store, tmp_path: Path) -> tuple[Path, dict[str, bytes]]:
    """Export once into tmp_path/out/site, then change an article so the next export differs."""
    target = tmp_path / "out" / "site"
    run_export(sample_store, ExportOptions(target))
    before = read_tree(target)
    article = sample_store.get_article(1)
    sample_store.save_article(type(article)(**{**article.__dict__, "title": "改过的标题"}))
    sign_off(sample_store, article.id)  # changed after approval: signed again
    return target, before


def beside(target: Path) -> list[str]:
    return sorted(p.name for p in target.parent.iterdir())


def test_cancel_flag_keeps_the_previous_bundle(sample_store: Store, previous) -> None:
    target, before = previous
    flag = threading.Event()
    run = export_bundle(sample_store, ExportOptions(target), cancel=flag.is_set)
    for report in run:
        if report.phase is ExportPhase.RENDER and report.done == 5:
            flag.set()
            with pytest.raises(ExportCancelled, match="previous bundle is unchanged"):
                next(run)
            break
    assert read_tree(target) == before
    assert beside(target) == ["site"]


def test_closing_the_generator_keeps_the_previous_bundle(sample_store: Store, previous) -> None:
    target, before = previous
    run = export_bundle(sample_store, ExportOptions(target))
    for report in run:
        if report.done == 10:
            run.close()
            break
    assert read_tree(target) == before
    assert beside(target) == ["site"]


def test_full_disk_is_reported_and_harmless(
    sample_store: Store, previous, monkeypatch: pytest.MonkeyPatch
) -> None:
    target, before = previous
    opened: list[str] = []

    def filling_open(file: Path, mode: str = "r", *args: object, **kwargs: object):
        opened.append(str(file))
        if len(opened) > 3:
            raise OSError(errno.ENOSPC, "No space left on device", str(file))
        return open(file, mode, *args, **kwargs)  # type: ignore[call-overload]

    # The writer's own open() runs out of disk after three files.
    monkeypatch.setattr(writer_module, "open", filling_open, raising=False)
    with pytest.raises(ExportError, match=r"the disk is full.*previous bundle is unchanged"):
        run_export(sample_store, ExportOptions(target))
    assert read_tree(target) == before
    assert beside(target) == ["site"]


def test_full_disk_while_zipping(
    sample_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "site.zip"
    run_export(sample_store, ExportOptions(target, as_zip=True))
    before = target.read_bytes()

    def no_space(folder: Path, zip_path: Path) -> None:
        zip_path.write_bytes(b"partial")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(writer_module, "write_zip", no_space)
    with pytest.raises(ExportError, match="disk is full"):
        run_export(sample_store, ExportOptions(target, as_zip=True))
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if "site" in p.name) == ["site.zip"]


def test_failed_swap_puts_the_previous_bundle_back(
    sample_store: Store, previous, monkeypatch: pytest.MonkeyPatch
) -> None:
    target, before = previous
    real_rename = writer_module._rename

    def refuse_new(source: Path, destination: Path) -> None:
        if ".newsroom-new-" in str(source):  # the swap, or a file moved in from staging
            raise PermissionError(errno.EACCES, "in use", str(source))
        real_rename(source, destination)

    monkeypatch.setattr(writer_module, "_rename", refuse_new)
    with pytest.raises(ExportError, match="permission denied"):
        run_export(sample_store, ExportOptions(target))
    assert read_tree(target) == before
    assert beside(target) == ["site"]


def test_a_killed_export_is_cleaned_up_next_time(sample_store: Store, previous) -> None:
    target, before = previous
    # Killed between the two renames of the swap, with a staging folder and zip left over.
    os.rename(target, writer_module.backup_path(target))
    leftover = target.with_name(writer_module.staging_prefix(target) + "123-abcd")
    (leftover / "news").mkdir(parents=True)
    (leftover / "news" / "half.html").write_text("<p>half")
    target.with_name(writer_module.staging_prefix(target) + "9-ff.zip").write_bytes(b"PK")

    summary = run_export(sample_store, ExportOptions(target))
    assert beside(target) == ["site"]
    assert summary.written_paths  # the changed title, compared against the recovered bundle
    assert summary.unchanged > 0
    assert set(read_tree(target)) == set(before)


def test_unwritable_target_is_refused_before_any_work(sample_store: Store, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    run = export_bundle(sample_store, ExportOptions(blocker / "site"))
    with pytest.raises(ExportError, match="not a folder"):
        next(run)
    assert not any(".newsroom-" in p.name for p in tmp_path.rglob("*"))


@pytest.mark.skipif(
    os.geteuid() == 0 if hasattr(os, "geteuid") else True, reason="root writes anywhere"
)
def test_read_only_folder_is_refused(sample_store: Store, tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        with pytest.raises(ExportError, match="cannot write"):
            run_export(sample_store, ExportOptions(locked / "site"))
    finally:
        locked.chmod(0o700)


def test_someone_elses_folder_or_file_is_never_replaced(
    sample_store: Store, tmp_path: Path
) -> None:
    documents = tmp_path / "documents"
    documents.mkdir()
    (documents / "报告.docx").write_bytes(b"mine")
    with pytest.raises(ExportError, match="holds no Newsroom bundle"):
        run_export(sample_store, ExportOptions(documents))
    assert (documents / "报告.docx").read_bytes() == b"mine"

    other_zip = tmp_path / "photos.zip"
    shutil.make_archive(str(tmp_path / "photos"), "zip", documents)
    with pytest.raises(ExportError, match="not a Newsroom bundle zip"):
        run_export(sample_store, ExportOptions(other_zip, as_zip=True))

    with pytest.raises(ExportError, match="is a folder"):
        run_export(sample_store, ExportOptions(documents, as_zip=True))
    with pytest.raises(ExportError, match="is a file"):
        run_export(sample_store, ExportOptions(other_zip))


def test_an_empty_folder_is_a_fine_target(sample_store: Store, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    summary = run_export(sample_store, ExportOptions(empty))
    assert (empty / "index.html").exists() and summary.files > 10


def test_a_bad_site_address_is_reported(sample_store: Store, tmp_path: Path) -> None:
    from dataclasses import replace

    sample_store.save_site(replace(sample_store.site(), url="www.example.org"))
    with pytest.raises(ExportError, match="must start with http"):
        run_export(sample_store, ExportOptions(tmp_path / "site"))
    assert not (tmp_path / "site").exists()
    assert not any(".newsroom-" in p.name for p in tmp_path.iterdir())


def test_an_update_in_place_changes_only_what_changed(sample_store: Store, previous) -> None:
    target, before = previous
    inodes = {path: (target / path).stat().st_ino for path in before}
    summary = run_export(sample_store, ExportOptions(target))
    after = read_tree(target)
    assert summary.written_paths
    for path in before:
        same_file = (target / path).stat().st_ino == inodes[path]
        # Files carried over are the very same files; only rewritten ones are new.
        assert same_file == (path not in summary.written_paths), path
    assert any(before[path] != after[path] for path in summary.written_paths)
    assert beside(target) == ["site"]


def test_a_failed_update_in_place_puts_every_file_back(
    sample_store: Store, previous, monkeypatch: pytest.MonkeyPatch
) -> None:
    target, before = previous
    real_rename = writer_module._rename
    moved: list[Path] = []

    def fail_third(source: Path, destination: Path) -> None:
        if len(moved) == 3:
            raise OSError(errno.EIO, "Input/output error", str(destination))
        moved.append(destination)
        real_rename(source, destination)

    monkeypatch.setattr(writer_module, "_rename", fail_third)
    with pytest.raises(ExportError, match="previous bundle is unchanged"):
        run_export(sample_store, ExportOptions(target))
    assert len(moved) == 3  # three new files were in the bundle when it failed
    assert read_tree(target) == before
    assert beside(target) == ["site"]


def test_an_update_in_place_killed_halfway_is_rolled_back_next_time(
    sample_store: Store, previous, monkeypatch: pytest.MonkeyPatch
) -> None:
    target, before = previous
    real_rename = writer_module._rename
    moved: list[Path] = []

    class Killed(BaseException):
        pass

    def killed_after_two(source: Path, destination: Path) -> None:
        if len(moved) == 2:
            raise Killed
        moved.append(destination)
        real_rename(source, destination)

    # A kill runs no clean-up: neither the roll-back nor the staging folder's removal.
    monkeypatch.setattr(writer_module, "_rename", killed_after_two)
    monkeypatch.setattr(writer_module, "_roll_back", lambda target, journal: None)
    monkeypatch.setattr(writer_module.BundleWriter, "discard", lambda self: None)
    with pytest.raises(Killed):
        run_export(sample_store, ExportOptions(target))
    assert read_tree(target) != before  # half updated: two new files are in
    assert writer_module.journal_path(target).is_file()
    monkeypatch.undo()

    writer_module.recover(target)
    assert read_tree(target) == before
    assert beside(target) == ["site"]
    summary = run_export(sample_store, ExportOptions(target))
    assert summary.written_paths
    assert beside(target) == ["site"]


def test_files_the_new_bundle_drops_are_deleted_in_place(sample_store: Store, previous) -> None:
    target, before = previous
    article = sample_store.get_article(1)
    sample_store.trash_article(article.id)
    summary = run_export(sample_store, ExportOptions(target))
    assert summary.removed_paths
    for path in summary.removed_paths:
        assert path in before
        assert not (target / path).exists()
    assert set(read_tree(target)) == set(before) - set(summary.removed_paths) | set(
        summary.written_paths
    )
