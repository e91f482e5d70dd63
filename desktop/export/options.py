"""What an export is asked to do, what it reports while it runs, and what it reports at the end."""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from desktop.article import EXPORTABLE, Status
from desktop.i18n import tr


class ExportError(RuntimeError):
    """The export cannot go on; the message is for the user, and the previous bundle is intact."""


class ExportCancelled(ExportError):
    """The user cancelled the export; nothing was changed."""


#: Finds a picture by its bundle path; returns its bytes, or None when there is no such file.
MediaSource = Callable[[str], "bytes | None"]


@dataclass(frozen=True)
class ExportOptions:
    """Where the bundle goes (a folder or a zip file), which articles and how much to redo."""

    target: Path
    as_zip: bool = False
    statuses: tuple[Status, ...] = EXPORTABLE
    # False: the whole site. Pages whose inputs and renderer match the previous manifest are
    # carried over without rendering, so the result equals a fresh export, only faster.
    # True: an update package: the bundle holds only the files new or changed since the
    # previous export at this target, and its manifest lists the whole site plus the paths
    # removed since, for uploading to a server that has the previous export.
    changed_only: bool = False
    # Where pictures that pages refer to by relative path come from: called with a bundle
    # path such as "media/2024/05/a.jpg", returns the file's bytes or None if there is none.
    media: MediaSource | None = None
    # True: add the 繁體 edition under zh-hant/ (variant from the site setting
    # ``traditional_variant``); False: simplified only; None: as the site setting
    # ``traditional`` says.
    traditional: bool | None = None
    # Who exports (recorded in the review log as publishing the approved articles).
    user: str = ""
    # Keep article bodies' rendered HTML in the user's cache folder and reuse it next time
    # (render/body_cache.py); False renders every body, as a check of the cache can.
    cache_bodies: bool = True
    # Called once before the export writes anything, to the target or the database (the
    # command's check of the database's pages, run meanwhile: desktop/store/checking.py).
    before_writing: Callable[[], None] | None = None
    # Called once when the export is about to read every article (planned whole, not pieced
    # together from ids and versions), before it reads them: the command's check beside it
    # then compares every index with its table too (desktop/store/checking.py).
    reading_all: Callable[[], None] | None = None


class ExportPhase(str, enum.Enum):
    """The steps of an export, for a progress dialog to name in its own language."""

    CHECK = "check"
    LOAD = "load"
    RENDER = "render"
    SWAP = "swap"
    DONE = "done"


@dataclass(frozen=True)
class ExportSummary:
    """What an export did: counts of files, the articles in the bundle and where it went."""

    target: Path
    as_zip: bool
    written: int  # files new or changed since the previous bundle
    unchanged: int  # files reused as they were
    removed: int  # files of the previous bundle that are gone
    articles: int
    files: int  # every file in the bundle, manifest included
    bytes: int  # total size of the bundle's files
    rendered: int = 0  # pages rendered (the others were carried over unrendered)
    written_paths: tuple[str, ...] = ()
    removed_paths: tuple[str, ...] = ()
    missing_media: tuple[str, ...] = ()  # pictures pages reference that were not found
    # The bundle holds only the files changed since the previous export (``changed_only``).
    update_package: bool = False
    # Approved articles the sign-off gate refused, and those taken on an approver's override,
    # as summary lines ("refused 12 《标题》: …", "override 12 《标题》 by 赵书记: …").
    refused: tuple[str, ...] = ()
    overrides: tuple[str, ...] = ()

    def lines(self) -> list[str]:
        """Return the summary as short English lines for the command line."""
        lines = [
            tr(
                "written {written}, unchanged {unchanged}, removed {removed}, "
                "pages rendered {rendered}",
                written=self.written,
                unchanged=self.unchanged,
                removed=self.removed,
                rendered=self.rendered,
            ),
            tr(
                "articles {articles}, files {files}, bytes {bytes}",
                articles=self.articles,
                files=self.files,
                bytes=self.bytes,
            ),
            f"{'zip' if self.as_zip else 'folder'} {self.target}",
        ]
        if self.update_package:
            lines.append(
                tr(
                    "update package: upload its {written} files, then delete the {removed} removed "
                    "ones (listed in manifest.json)",
                    written=self.written,
                    removed=self.removed,
                )
            )
        lines.extend(tr("missing picture {path}", path=path) for path in self.missing_media)
        lines.extend(self.refused)
        lines.extend(self.overrides)
        return lines


@dataclass(frozen=True)
class ExportProgress:
    """One progress report: steps done of total, the phase, and the summary once finished."""

    done: int
    total: int
    phase: ExportPhase
    message: str
    summary: ExportSummary | None = None


#: A cancel flag: a callable the export polls between files (e.g. ``event.is_set``).
CancelCheck = Callable[[], bool]
