"""Where pictures live in the site and in article Markdown: plain paths, no database.

Kept apart from the picture library so that the store and the review log can read an
article's pictures without importing the library (which imports the store).
"""

from __future__ import annotations

import posixpath
import re

#: Folder of pictures in the site (and in article Markdown).
MEDIA_DIR = "media"
#: Folder of cover thumbnails.
THUMBS_DIR = "media/thumbs"
_HASH = "[0-9a-f]{64}"
# Anywhere in a path: the preview may ask for "news/2024/05/media/…" if a page was rendered
# without rebasing, and the editor may hold "../../../media/…".
_SERVED = re.compile(rf"(?:^|/)media/(thumbs/)?({_HASH})\.(jpg|png)$")
_USED = re.compile(rf"(?<![0-9A-Za-z_])media/({_HASH})\.(jpg|png)")


def media_path(digest: str, extension: str) -> str:
    """Return the site path of a picture: ``media/<hash>.<ext>``."""
    return f"{MEDIA_DIR}/{digest}.{extension}"


def thumbnail_path(cover: str) -> str:
    """Return the site path of a cover's thumbnail (``media/thumbs/<hash>.jpg``), or ""."""
    match = _SERVED.search(_normalise(cover))
    if match is None or match.group(1):
        return ""
    return f"{THUMBS_DIR}/{match.group(2)}.jpg"


def _normalise(path: str) -> str:
    path = path.strip().split("?", 1)[0].split("#", 1)[0].replace("\\", "/")
    return posixpath.normpath(path).lstrip("/") if path else ""


def pictures_used(markdown: str, cover: str = "") -> list[str]:
    """Return the media paths an article needs, in order: body pictures, cover, its thumbnail."""
    found: list[str] = []
    # Most bodies have no picture: a search for the folder's name costs a thousandth of the
    # pattern's (which tries its look-behind at every character).
    for match in _USED.finditer(markdown) if "media/" in markdown else ():
        path = media_path(match.group(1), match.group(2))
        if path not in found:
            found.append(path)
    cover_match = _SERVED.search(_normalise(cover)) if cover else None
    if cover_match is not None and not cover_match.group(1):
        path = media_path(cover_match.group(2), cover_match.group(3))
        if path not in found:
            found.append(path)
        found.append(thumbnail_path(path))
    return found
