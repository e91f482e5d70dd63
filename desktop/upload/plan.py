"""What an upload does, from the bundle's manifest, the server's manifest and its file list.

Order is what keeps the site whole while it changes: pictures, stylesheet and other files
first, then article pages (which link to them), then list pages, home, sitemap and feed (which
link to the articles), then ``manifest.json``, and only then deletions. Since the server's
manifest is written last, a re-run after a dropped or cancelled upload compares against what
is really on the server.
"""

from __future__ import annotations

import enum
import posixpath
from collections.abc import Callable
from dataclasses import dataclass, field

from desktop.export.manifest import MANIFEST, FileRecord, Manifest
from desktop.upload.targets import PARTIAL

#: The folder of the 繁體 edition, whose article pages mirror the simplified ones.
_TRADITIONAL = "zh-hant/"


class Step(enum.IntEnum):
    """The upload's stages, in the order they run."""

    FILES = 0  # pictures, stylesheet: what pages link to
    ARTICLES = 1  # article pages
    LISTS = 2  # column lists, home, 404, sitemap and feed: what links to the articles
    MANIFEST = 3
    DELETE = 4


def _is_page(path: str) -> bool:
    return path.endswith((".html", ".xml"))


def _is_hidden(path: str) -> bool:
    # The server's own files (.htaccess, .well-known/, …): an export never makes such names.
    return any(name.startswith(".") for name in path.split("/"))


def step_of(path: str, article_pages: frozenset[str]) -> Step:
    """The stage at which a file of the bundle is uploaded."""
    if path == MANIFEST:
        return Step.MANIFEST
    if not _is_page(path):
        return Step.FILES
    plain = path[len(_TRADITIONAL) :] if path.startswith(_TRADITIONAL) else path
    return Step.ARTICLES if plain in article_pages else Step.LISTS


@dataclass
class UploadPlan:
    """The files to send (in order), the files to delete (in order) and what stays."""

    uploads: list[str] = field(default_factory=list)
    deletions: list[str] = field(default_factory=list)
    unchanged: int = 0
    # Files on a server that had no Newsroom manifest: not ours, so left where they are.
    foreign: list[str] = field(default_factory=list)
    manifest_changes: bool = False

    @property
    def total(self) -> int:
        """How many steps the upload takes (files sent, manifest, files deleted)."""
        return len(self.uploads) + int(self.manifest_changes) + len(self.deletions)

    @property
    def nothing_to_do(self) -> bool:
        """Whether the server already holds exactly this bundle."""
        return self.total == 0

    def lines(self) -> list[str]:
        """The plan as ``+ path`` (send), ``- path`` (delete) lines, in the order they run."""
        shown = [f"+ {path}" for path in self.uploads]
        if self.manifest_changes:
            shown.append(f"+ {MANIFEST}")
        shown += [f"- {path}" for path in self.deletions]
        return shown


def plan_upload(
    bundle: Manifest,
    bundle_manifest: bytes,
    server: Manifest | None,
    server_manifest: bytes | None,
    listing: dict[str, int],
    same_on_server: Callable[[FileRecord], bool],
) -> UploadPlan:
    """Compare the bundle with the server and say what to send and what to delete.

    ``server`` is the manifest found on the server (None if there is none); ``listing`` every
    file there with its size; ``same_on_server(record)`` reads a file back to compare its
    SHA-256, asked only for files whose size matches but which the server's manifest does not
    vouch for (left by an upload that dropped before its manifest was written).
    """
    vouched = server.file_map() if server is not None else {}
    article_pages = frozenset(a.path for a in bundle.articles)
    plan = UploadPlan()
    for record in bundle.files:
        size = listing.get(record.path)
        known = vouched.get(record.path)
        if size == record.size and (
            (known is not None and known.sha256 == record.sha256) or same_on_server(record)
        ):
            plan.unchanged += 1
        else:
            plan.uploads.append(record.path)
    plan.uploads.sort(key=lambda path: (step_of(path, article_pages), path))
    plan.manifest_changes = bool(plan.uploads) or server_manifest != bundle_manifest

    wanted = {record.path for record in bundle.files} | {MANIFEST}
    leftovers = []
    for path in sorted(listing):
        if path in wanted:
            continue
        if posixpath.basename(path).endswith(PARTIAL) or path in vouched:
            # Ours: removed from the site since, or half-sent by an upload that dropped.
            leftovers.append(path)
        elif server is not None and not _is_hidden(path):
            leftovers.append(path)  # the folder is ours (it has our manifest): exactly the bundle
        else:
            plan.foreign.append(path)
    # Pages go first, so that no page left for a moment links to a picture already deleted.
    plan.deletions = sorted(leftovers, key=lambda path: (not _is_page(path), path))
    return plan
