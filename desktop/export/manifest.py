"""``manifest.json``: every file of a bundle with its size and SHA-256, and every article.

The manifest is also the memory of the last export: each file carries the fingerprint of the
inputs it was made from (``source``), so a "changed only" export knows what to redo without
any timestamp. Keys are sorted and lists ordered, so the same content gives the same bytes.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from json.encoder import encode_basestring

from desktop.i18n import tr

#: The manifest's name at the root of the bundle.
MANIFEST = "manifest.json"
#: Written into every manifest; a folder whose manifest lacks it is not ours to replace.
FORMAT = "newsroom-bundle/1"


def sha256_hex(data: bytes) -> str:
    """Return the SHA-256 of ``data`` in hex."""
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class FileRecord:
    """One file of the bundle: path, size, SHA-256 and the fingerprint of its inputs."""

    path: str
    size: int
    sha256: str
    source: str
    media: tuple[str, ...] = ()  # pictures a page refers to, so an update package knows them


@dataclass(frozen=True)
class ArticleRecord:
    """One article of the bundle as the manifest lists it."""

    id: int
    title: str
    date: str
    path: str
    column: str
    status: str


@dataclass
class Manifest:
    """The whole manifest: site, statuses exported, articles and files."""

    site_name: str
    site_url: str
    statuses: list[str]
    renderer: str = ""  # fingerprint of the code and templates that rendered the files
    articles: list[ArticleRecord] = field(default_factory=list)
    files: list[FileRecord] = field(default_factory=list)
    # An update package holds only the files changed since the previous export; ``files``
    # still lists the whole site, ``removed`` the files to delete from the web server.
    update: bool = False
    removed: list[str] = field(default_factory=list)

    def file_map(self) -> dict[str, FileRecord]:
        """Return the file records by path."""
        return {record.path: record for record in self.files}

    def to_bytes(self) -> bytes:
        """Return the manifest as UTF-8 JSON, the same bytes for the same content."""
        data: dict[str, object] = {
            "format": FORMAT,
            "site": {"name": self.site_name, "url": self.site_url},
            "statuses": self.statuses,
            "renderer": self.renderer,
            "articles": [
                {
                    "id": a.id,
                    "title": a.title,
                    "date": a.date,
                    "path": a.path,
                    "column": a.column,
                    "status": a.status,
                }
                for a in sorted(self.articles, key=lambda a: a.id)
            ],
            "files": [_file_entry(f) for f in sorted(self.files, key=lambda f: f.path)],
        }
        if self.update:  # only then, so that a full bundle's manifest keeps its bytes
            data["update"] = True
            data["removed"] = sorted(self.removed)
        return (indented_json(data) + "\n").encode()

    @classmethod
    def from_bytes(cls, data: bytes) -> Manifest:
        """Read a manifest written by :meth:`to_bytes`; raise ValueError if it is not one."""
        try:
            raw = json.loads(data.decode("utf-8"))
            if not isinstance(raw, dict) or raw.get("format") != FORMAT:
                raise ValueError(tr("not a Newsroom bundle manifest"))
            return cls(
                site_name=str(raw["site"]["name"]),
                site_url=str(raw["site"]["url"]),
                statuses=[str(s) for s in raw["statuses"]],
                renderer=str(raw.get("renderer", "")),
                articles=[
                    ArticleRecord(
                        id=int(a["id"]),
                        title=str(a["title"]),
                        date=str(a["date"]),
                        path=str(a["path"]),
                        column=str(a["column"]),
                        status=str(a["status"]),
                    )
                    for a in raw["articles"]
                ],
                files=[
                    FileRecord(
                        path=str(f["path"]),
                        size=int(f["size"]),
                        sha256=str(f["sha256"]),
                        source=str(f["source"]),
                        media=tuple(str(m) for m in f.get("media", ())),
                    )
                    for f in raw["files"]
                ],
                update=bool(raw.get("update", False)),
                removed=[str(r) for r in raw.get("removed", ())],
            )
        except (KeyError, TypeError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ValueError(tr("not a Newsroom bundle manifest: {exc}", exc=exc)) from None


def indented_json(value: object, indent: int = 0) -> str:
    """Return ``json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True)``, faster.

    The standard library encodes indented JSON in pure Python; a manifest of 12,000 files
    took most of a second that way. This writes the same characters for the same value.
    """
    if isinstance(value, str):
        return encode_basestring(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if value is None:
        return "null"
    if isinstance(value, dict):
        if not value:
            return "{}"
        inner = ",\n" + " " * (indent + 1)
        items = inner.join(
            encode_basestring(key)
            + ": "
            + (encode_basestring(item) if type(item) is str else indented_json(item, indent + 1))
            for key, item in sorted(value.items())
        )
        return "{" + inner[1:] + items + "\n" + " " * indent + "}"
    if isinstance(value, list | tuple):
        if not value:
            return "[]"
        inner = ",\n" + " " * (indent + 1)
        items = inner.join(
            encode_basestring(item) if type(item) is str else indented_json(item, indent + 1)
            for item in value
        )
        return "[" + inner[1:] + items + "\n" + " " * indent + "]"
    raise TypeError(f"not JSON data: {type(value).__name__}")


def _file_entry(record: FileRecord) -> dict[str, object]:
    entry: dict[str, object] = {
        "path": record.path,
        "size": record.size,
        "sha256": record.sha256,
        "source": record.source,
    }
    if record.media:  # most pages have no pictures: leave the key out rather than repeat []
        entry["media"] = list(record.media)
    return entry


def is_manifest(data: bytes) -> bool:
    """Say whether ``data`` is a Newsroom bundle manifest."""
    try:
        Manifest.from_bytes(data)
    except ValueError:
        return False
    return True


def total_size(files: Sequence[FileRecord]) -> int:
    """Return the total size of the files listed."""
    return sum(f.size for f in files)
