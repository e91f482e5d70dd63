"""Checks that every path written into a bundle stays inside it and is a valid Windows name,
and the stored files a rendered page refers to: its pictures and its attachments."""

from __future__ import annotations

import posixpath
import re
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

from desktop.export.options import ExportError
from desktop.i18n import tr

# Windows refuses these as names whatever the extension ("con.html" is as bad as "con").
_RESERVED = frozenset(
    {"con", "prn", "aux", "nul", "conin$", "conout$"}
    | {f"{device}{n}" for device in ("com", "lpt") for n in range(10)}
)
# Printable ASCII without the characters Windows forbids in names and without "%"; spaces are
# refused too, so a name never needs quoting in a URL.
_NAME = re.compile(r"[A-Za-z0-9._\-~+=,@()\[\]]+")
_MAX_NAME = 120
_MAX_PATH = 180  # leaves room under Windows' 260 for the folder the bundle is unpacked into


def is_bundle_path(path: str) -> bool:
    """Say whether ``path`` is a relative POSIX path inside the bundle, valid on Windows."""
    if not path or len(path) > _MAX_PATH or path.startswith("/"):
        return False
    for name in path.split("/"):
        if name in ("", ".", "..") or len(name) > _MAX_NAME or not _NAME.fullmatch(name):
            return False
        if name.endswith((".", " ")) or name.split(".")[0].lower() in _RESERVED:
            return False
    return True


def check_bundle_path(path: str) -> str:
    """Return ``path`` if it may be written in a bundle, else raise :class:`ExportError`."""
    if not is_bundle_path(path):
        raise ExportError(
            tr("refusing to write {path!r}: not a safe file name inside the bundle", path=path)
        )
    return path


class _ImageSources(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.sources: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "img":
            self.sources.extend(value for name, value in attrs if name == "src" and value)
        elif tag == "a" and any(name == "download" for name, _ in attrs):
            # An attachment offered for download is a file of the bundle like a picture.
            self.sources.extend(value for name, value in attrs if name == "href" and value)


def image_sources(html: str) -> list[str]:
    """Return the ``src`` of every ``<img>`` and the ``href`` of every download link, in order."""
    parser = _ImageSources()
    parser.feed(html)
    parser.close()
    return parser.sources


def site_path_of(page_path: str, url: str) -> str | None:
    """Return the bundle path a relative URL on ``page_path`` points to, or None if it leaves.

    Absolute URLs (``https:``, ``data:``), root-relative ``/x`` and ``//host`` are not files of
    the bundle; a relative URL that climbs above the root is refused.
    """
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path or url.startswith(("/", "\\")):
        return None
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(page_path), unquote(parts.path)))
    if joined.startswith("../") or joined in ("..", "."):
        return None
    return joined


def referenced_media(page_path: str, html: str) -> list[str]:
    """Return the bundle paths of the pictures and attachments a page refers to by relative URL."""
    found = (site_path_of(page_path, src) for src in image_sources(html))
    return [path for path in found if path is not None]


def page_media(path: str, data: bytes) -> tuple[str, ...]:
    """Return the bundle files (pictures, attachments) the page at ``path`` refers to."""
    if path.endswith(".html") and (b"<img" in data or b" download=" in data):
        return tuple(dict.fromkeys(referenced_media(path, data.decode("utf-8"))))
    return ()
