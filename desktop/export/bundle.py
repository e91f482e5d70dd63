"""Export the website bundle: plan every file, render what changed, write, swap in whole.

:func:`export_bundle` is a generator of :class:`ExportProgress` so that a progress dialog, the
command line and tests drive it alike; closing it (or a cancel flag) stops the export and
leaves the previous bundle as it was.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from collections.abc import Callable, Generator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.article import Article, Status
from desktop.export import feeds
from desktop.export.fingerprints import fingerprint, frame_fingerprint, renderer_fingerprint
from desktop.export.manifest import MANIFEST, FileRecord, Manifest, sha256_hex
from desktop.export.memory import ArticleMemory, fingerprints
from desktop.export.options import (
    CancelCheck,
    ExportCancelled,
    ExportError,
    ExportOptions,
    ExportPhase,
    ExportProgress,
    ExportSummary,
    MediaSource,
)
from desktop.export.paths import is_bundle_path, page_media
from desktop.export.quick import article_stamps, forget, log_mark, quick_export, remember
from desktop.export.writer import (
    BundleWriter,
    PreviousBundle,
    WrittenPage,
    friendly_os_error,
    recover,
    staging_prefix,
)
from desktop.i18n import tr
from desktop.review.content import stored_picture_hash
from desktop.review.gate import gate_articles, record_published
from desktop.store import Store

if TYPE_CHECKING:
    from desktop.export.plan import PlannedFile
    from desktop.export.pool import PageRenders

ExportRun = Generator[ExportProgress, None, ExportSummary]


def check_target(options: ExportOptions) -> None:
    """Raise :class:`ExportError` unless the bundle can be written at ``options.target``.

    The target must be new, an empty folder, or a bundle of ours (a folder or zip with our
    manifest): anything else might be the user's own files, which an export must not replace.
    """
    target = Path(os.path.abspath(options.target))
    if not target.name or target.parent == target:
        raise ExportError(
            tr("{target} cannot hold a bundle: choose a folder or file inside it", target=target)
        )
    if target.is_symlink():
        raise ExportError(tr("{target} is a link; choose the real folder or file", target=target))
    if options.as_zip:
        _check_zip_target(target)
    else:
        _check_folder_target(target)
    _probe_writable(target)


def _check_folder_target(target: Path) -> None:
    if target.exists() and not target.is_dir():
        raise ExportError(tr("{target} is a file, not a folder", target=target))
    if target.is_dir() and any(target.iterdir()):
        previous = PreviousBundle(target, as_zip=False)
        if previous.manifest is None:
            raise ExportError(
                tr(
                    "{target} is not empty and holds no Newsroom bundle ({manifest}); choose an "
                    "empty or new folder so that none of your files are replaced",
                    target=target,
                    manifest=MANIFEST,
                )
            )


def _check_zip_target(target: Path) -> None:
    if target.is_dir():
        raise ExportError(tr("{target} is a folder, not a zip file", target=target))
    if target.exists():
        previous = PreviousBundle(target, as_zip=True)
        ours = previous.manifest is not None
        previous.close()
        if not ours:
            raise ExportError(
                tr(
                    "{target} exists and is not a Newsroom bundle zip; choose a new file name",
                    target=target,
                )
            )


def _probe_writable(target: Path) -> None:
    """Create and remove a file where the staging folder will go: the only reliable test."""
    folder = target.parent
    while not folder.exists():
        if folder.parent == folder:
            break
        folder = folder.parent
    if not folder.is_dir():
        raise ExportError(tr("{folder} is not a folder", folder=folder))
    probe = folder / f"{staging_prefix(target)}probe-{secrets.token_hex(4)}"
    try:
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise ExportError(
            tr("cannot write in {folder}: {reason}", folder=folder, reason=reason)
        ) from None


def folder_media(root: Path) -> MediaSource:
    """Return a media source reading pictures from ``root`` at their bundle paths."""
    base = root.resolve()

    def read(path: str) -> bytes | None:
        candidate = (base / path).resolve()
        if not candidate.is_relative_to(base) or not candidate.is_file():
            return None  # a link leading out of the media folder is not a picture of the site
        try:
            return candidate.read_bytes()
        except OSError:
            return None

    return read


def export_bundle(
    store: Store, options: ExportOptions, cancel: CancelCheck | None = None
) -> ExportRun:
    """Export the bundle, yielding progress; the last report carries the summary (also returned).

    Raises :class:`ExportError` (``ExportCancelled`` when ``cancel()`` turns true) with the
    previous bundle intact; closing the generator early cancels quietly.
    """
    options = replace(options, target=Path(os.path.abspath(options.target)))
    target = options.target
    try:
        recover(target)  # a killed export may have left the previous bundle beside the target
    except OSError as exc:
        raise friendly_os_error(exc, tr("cleaning up after an earlier export")) from exc
    # Into the folder of the last export, with only a few articles changed, the bundle is
    # pieced together from ids and versions; anything else is planned whole below.
    pieced = yield from quick_export(store, options, cancel)
    if pieced is not None:
        return pieced
    if options.reading_all is not None:
        options.reading_all()  # every row is read and may be published: check every index
    check_target(options)
    # The renderer (Jinja2, Markdown) is imported only now that the bundle is planned whole.
    from desktop.export.plan import PlannedFile, plan_bundle
    from desktop.export.pool import PageRenders
    from desktop.render.body_cache import default_path as body_cache_path

    yield ExportProgress(0, 0, ExportPhase.LOAD, "reading articles")
    # Read before the articles and the log: anything saved meanwhile is newer than these.
    on_file = store.address is None
    stamps = article_stamps(store, options.statuses) if on_file else {}
    mark = log_mark(store) if on_file else 0
    site = store.site()
    if options.traditional is not None:
        # Pages show the link to the other edition from the site settings: make them agree.
        site = replace(site, traditional="yes" if options.traditional else "no")
    columns = store.columns()
    # Articles are read without their bodies; a body is read only for an article the memory
    # of earlier exports does not know at this version, and again for a page to render.
    memory = ArticleMemory.read(store)
    listed = list(store.iter_articles(options.statuses, with_body=False))
    known = fingerprints(store, listed, memory, stored_picture_hash(store.database.connection()))
    for article in listed:
        if article.id not in known:
            raise _saved_meanwhile(article)
    memory.keep_only(known)
    # The sign-off gate: approved articles go only as their signatures cover them.
    gate = gate_articles(store, listed, {key: value.content for key, value in known.items()})
    plan = plan_bundle(
        gate.taken, site, columns, {key: value.inputs for key, value in known.items()}
    )
    versions = {a.id: a.version for a in gate.taken}

    def load(ids: Sequence[int]) -> dict[int, str]:
        # The pages need only the bodies of the articles planned: any other version (or an
        # article gone to the trash) was saved meanwhile.
        found = store.article_bodies(ids)
        bodies = {}
        for article_id in ids:
            version, body = found.get(article_id, (None, ""))
            if version != versions[article_id]:
                raise _saved_meanwhile(listed_by_id[article_id])
            bodies[article_id] = body
        return bodies

    listed_by_id = {a.id: a for a in listed}

    if options.before_writing is not None:
        options.before_writing()  # nothing is written before: the target, the database
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise friendly_os_error(exc, tr("creating {folder}", folder=target.parent)) from exc
    previous = PreviousBundle(target, options.as_zip)
    writer: BundleWriter | None = None
    renders: PageRenders | None = None
    try:
        # A whole folder bundle of ours is updated in place (only what changed is written);
        # a zip, a first export, or a target holding an update package is swapped in whole.
        in_place = (
            not options.as_zip
            and not options.changed_only
            and previous.manifest is not None
            and not previous.manifest.update
        )
        writer = BundleWriter(target, options.as_zip, in_place=in_place)
        steps = _Steps(writer, previous, options.changed_only)
        total = len(plan.files) + 2  # every planned file, the manifest, the swap
        pages = [f for f in plan.files if f.job is not None and not steps.carried_over(f)]
        # Into a new folder (nothing to compare with) the workers write the pages themselves.
        into = writer.fresh_staging if previous.manifest is None else None
        renders = PageRenders(
            [f.job for f in pages if f.job is not None],
            site,
            columns,
            load=load,
            bodies=body_cache_path() if options.cache_bodies else None,
            into=into,
            paths=[f.path for f in pages] if into is not None else None,
        )
        for planned in plan.files:
            _check(cancel)
            steps.produce(planned, renders)
            yield ExportProgress(steps.done, total, ExportPhase.RENDER, planned.path)
        renders.close()

        media = sorted(steps.media - {f.path for f in plan.files})
        total += len(media)
        missing: list[str] = []
        for path in media:
            _check(cancel)
            data = options.media(path) if options.media and is_bundle_path(path) else None
            if data is None:
                missing.append(path)
                total -= 1
                continue
            steps.produce(PlannedFile(path, fingerprint(sha256_hex(data)), _constant(data)))
            yield ExportProgress(steps.done, total, ExportPhase.RENDER, path)

        _check(cancel)
        old_files = previous.manifest.file_map() if previous.manifest else {}
        new_paths = {r.path for r in steps.records}
        removed = tuple(sorted(set(old_files) - new_paths))
        manifest = Manifest(
            site_name=site.name,
            site_url=feeds.site_base_url(site),
            statuses=[Status(s).value for s in options.statuses],
            renderer=renderer_fingerprint(),
            articles=plan.article_records(),
            files=steps.records,
            update=steps.update_package,
            removed=list(removed),
        )
        manifest_bytes = manifest.to_bytes()
        steps.put(MANIFEST, manifest_bytes, previous.read(MANIFEST) == manifest_bytes)
        yield ExportProgress(steps.done, total, ExportPhase.SWAP, "replacing the bundle")

        _check(cancel)
        previous.close()  # Windows cannot replace a zip that is still open
        writer.commit(removed)
        summary = ExportSummary(
            target=target,
            as_zip=options.as_zip,
            written=len(steps.written),
            unchanged=steps.unchanged,
            removed=len(removed),
            articles=len(plan.articles),
            files=len(steps.records) + 1,
            bytes=sum(r.size for r in steps.records) + len(manifest_bytes),
            rendered=steps.rendered,
            written_paths=tuple(steps.written),
            removed_paths=removed,
            missing_media=tuple(missing),
            update_package=steps.update_package,
            refused=tuple(r.line() for r in gate.refused),
            overrides=tuple(o.line() for o in gate.overrides),
        )
    finally:
        if renders is not None:
            renders.close()
        previous.close()
        if writer is not None:
            writer.discard()
    memory.save(store)
    if gate.newly_published:
        record_published(store, gate.newly_published, options.user)
    if on_file and not (options.as_zip or options.changed_only or summary.refused):
        if not (summary.overrides or summary.missing_media):
            frame = frame_fingerprint(site, columns)
            remember(store, options, frame, stamps, mark, plan.articles, plan.links, plan.feed_ids)
        else:
            forget(store, target)
    elif not options.as_zip:
        forget(store, target)
    yield ExportProgress(total, total, ExportPhase.DONE, "done", summary)
    return summary


def run_export(
    store: Store,
    options: ExportOptions,
    cancel: CancelCheck | None = None,
    progress: Callable[[ExportProgress], None] | None = None,
) -> ExportSummary:
    """Run :func:`export_bundle` to the end, passing each report to ``progress``."""
    run = export_bundle(store, options, cancel)
    while True:
        try:
            report = next(run)
        except StopIteration as stop:
            return stop.value
        if progress is not None:
            progress(report)


def _saved_meanwhile(article: Article) -> ExportError:
    return ExportError(
        tr(
            "“{title}” (id {id}) was saved while the export was reading it; export again",
            title=article.title,
            id=article.id,
        )
    )


def _constant(data: bytes) -> Callable[[], bytes]:
    return lambda: data


def _check(cancel: CancelCheck | None) -> None:
    if cancel is not None and cancel():
        raise ExportCancelled(tr("export cancelled; the previous bundle is unchanged"))


class _Steps:
    """Decides, file by file, whether to reuse the previous bundle's file or write a new one.

    A file whose inputs (``source``) and renderer are those recorded in the previous manifest
    is the same file by construction, so it is carried over without rendering once its bytes
    are checked against the manifest; anything else is rendered and compared. In an update
    package (``changed_only``) unchanged files are left out instead of carried over.
    """

    def __init__(self, writer: BundleWriter, previous: PreviousBundle, changed_only: bool) -> None:
        self.writer = writer
        self.previous = previous
        manifest = previous.manifest
        # Inputs recorded by other code or templates say nothing about today's output.
        self.trust_sources = manifest is not None and manifest.renderer == renderer_fingerprint()
        self.update_package = changed_only and manifest is not None
        self.old = manifest.file_map() if manifest else {}
        self.records: list[FileRecord] = []
        self.written: list[str] = []
        self.unchanged = 0
        self.rendered = 0  # pages rendered (not carried over)
        self.done = 0
        self.media: set[str] = set()
        self._kept: dict[str, bytes | None] = {}  # path -> previous bytes to carry over
        self._manifest_time: int | None = None
        if writer.in_place and manifest is not None:
            with contextlib.suppress(OSError):
                self._manifest_time = os.lstat(writer.target / MANIFEST).st_mtime_ns

    def carried_over(self, planned: PlannedFile) -> bool:
        """Say whether ``planned`` is unchanged since the previous export (no render needed)."""
        if planned.path in self._kept:
            return True
        record = self.old.get(planned.path)
        if not self.trust_sources or record is None or record.source != planned.source:
            return False
        old = None
        # A package leaves it out: the web server has it. A folder updated in place keeps it
        # where it is, so its bytes are not needed: it is trusted if it is still the size the
        # manifest says and no newer than the manifest (every file of a bundle is written
        # before its manifest; a file changed since has a later time).
        if not self.update_package and not self._still_in_place(planned.path, record):
            old = self.previous.read(planned.path)
            # Trust the previous file only if it is still what the manifest says it is.
            if old is None or len(old) != record.size or sha256_hex(old) != record.sha256:
                return False
        self._kept[planned.path] = old
        return True

    def _still_in_place(self, path: str, record: FileRecord) -> bool:
        """Say whether the target folder's file is, by its size and time, the one recorded."""
        if self._manifest_time is None:
            return False
        try:
            found = os.lstat(self.writer.target / path)
        except OSError:
            return False
        return (
            stat.S_ISREG(found.st_mode)
            and found.st_size == record.size
            and found.st_mtime_ns <= self._manifest_time
        )

    def produce(self, planned: PlannedFile, renders: PageRenders | None = None) -> None:
        """Render (or carry over) one planned file and hand it to the writer."""
        record = self.old.get(planned.path)
        if self.carried_over(planned):
            old = self._kept.pop(planned.path)
            if old is None and record is not None:
                self._leave_out(record)
                return
            data, same = old or b"", True
        else:
            if planned.job is not None and renders is not None:
                page = renders.next(planned.job)
                if isinstance(page, WrittenPage):
                    self._adopt(planned, page)
                    return
                data = page
            else:
                data = planned.render()
            if planned.path.endswith(".html"):
                self.rendered += 1
            if self.update_package:
                if record is not None and record.sha256 == sha256_hex(data):
                    self._leave_out(record)
                    return
                same = False
            else:
                same = record is not None and record.size == len(data)
                same = same and self.previous.read(planned.path) == data
        media = page_media(planned.path, data)
        self.media.update(media)
        self.put(planned.path, data, same, planned.source, media)

    def _adopt(self, planned: PlannedFile, page: WrittenPage) -> None:
        """Record a page a render worker wrote into the (new) staging folder itself."""
        if planned.path.endswith(".html"):
            self.rendered += 1
        self.media.update(page.media)
        self.writer.adopt(planned.path)
        self.written.append(planned.path)
        self.records.append(
            FileRecord(planned.path, page.size, page.sha256, planned.source, page.media)
        )
        self.done += 1

    def _leave_out(self, record: FileRecord) -> None:
        """Count an unchanged file of an update package: listed, not written."""
        self.records.append(record)
        self.media.update(record.media)
        self.unchanged += 1
        self.done += 1

    def put(
        self, path: str, data: bytes, same: bool, source: str = "", media: tuple[str, ...] = ()
    ) -> None:
        """Write or reuse one file, and record it (the manifest records itself nowhere)."""
        if same and not self.update_package:
            self.writer.reuse(path, self.previous.file_on_disk(path), data)
            self.unchanged += 1
        else:
            self.writer.write(path, data)
            self.written.append(path)
        if path != MANIFEST:
            self.records.append(FileRecord(path, len(data), sha256_hex(data), source, media))
        self.done += 1
