"""Cleaned HTML to article Markdown, and where pasted or imported pictures go.

The cleaning itself is the body model's HTML reader (``desktop.body.html_reader`` in
pasted mode) and Markdown writer, so an imported .docx and a paste of the same text give
the same Markdown.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from desktop.body.blocks import Block
from desktop.body.dialect import converter_reader, new_converter
from desktop.body.html_reader import ImageResolver, blocks_from_html
from desktop.body.markdown_writer import blocks_to_markdown
from desktop.i18n import tr
from desktop.pictures import (
    DEFAULT_MAX_WIDTH,
    PictureError,
    ProcessedPicture,
    media_path,
    process_picture,
    save_processed,
)
from desktop.pictures.library import HasDatabase
from desktop.render.picture_paths import site_picture_src
from desktop.render.sanitise import url_allowed
from desktop.store.errors import StoreError

#: Stores a picture (bytes, name for messages) and returns its ``media/…`` path.
PictureSink = Callable[[bytes, str], str]

_DATA_URI = re.compile(r"data:(image/[a-z0-9.+-]+)?(;[^,]*)?,(.*)", re.I | re.S)
# Word (msohtmlclip…/clip_image001.png), WPS (ksohtml…/wps1.jpg) and LibreOffice
# (lu…tmp/lu…_tmp_….png, its temporary folder) put the pictures of a copied selection in
# the temp folder and point the clipboard HTML at them with file: URLs.
_CLIPBOARD_FOLDER = re.compile(r"^(msohtmlclip\d*|ksohtml\d*|wps\w*|lu[0-9a-z]+\.tmp)$", re.I)


@dataclass
class PendingPictures:
    """Pictures processed in memory, written to the store only when the import is committed."""

    max_width: int = DEFAULT_MAX_WIDTH
    keep_originals: bool = False
    pictures: dict[str, tuple[ProcessedPicture, str, bytes | None]] = field(default_factory=dict)

    def add(self, data: bytes, name: str) -> str:
        """Process a picture now (PictureError if bad) and return the media path it will have."""
        picture = process_picture(data, name, max_width=self.max_width)
        path = media_path(hashlib.sha256(picture.data).hexdigest(), picture.extension)
        original = data if self.keep_originals else None
        self.pictures.setdefault(path, (picture, name, original))
        return path

    def save(self, store: HasDatabase) -> None:
        """Write every picture to the store (inside the caller's transaction)."""
        for picture, name, original in self.pictures.values():
            save_processed(store, picture, name=name, original=original)


def clipboard_file(url: str) -> Path | None:
    """The local file a pasted ``file:`` picture names, if it is an office's clipboard copy.

    Other local files are refused: a web page could otherwise put a ``file:`` picture of the
    user's own disk on the clipboard and have it published. The file may be gone already
    (the office deletes its clipboard folder when the document closes).
    """
    parts = urlsplit(url)
    if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
        return None
    path = Path(url2pathname(unquote(parts.path)))
    if not any(_CLIPBOARD_FOLDER.match(folder) for folder in path.parts[:-1]):
        return None
    return path


def pasted_picture_resolver(sink: PictureSink, problems: list[str]) -> ImageResolver:
    """Return a resolver that stores embedded pictures (data: URIs, Word/WPS clipboard files).

    Web pictures (http/https) and pictures already in the store keep their address; anything
    else is dropped. Pictures that are not pictures are dropped and described in problems.
    """

    def resolve(src: str) -> str | None:
        try:
            if src[:5].lower() == "data:":
                match = _DATA_URI.fullmatch(src)
                if match is None or "base64" not in (match.group(2) or "").lower():
                    return None
                try:
                    data = base64.b64decode(re.sub(r"\s+", "", match.group(3)), validate=True)
                except (binascii.Error, ValueError):
                    problems.append(tr("a pasted picture is damaged (bad base64 data)"))
                    return None
                return sink(data, "pasted picture")
            if src[:5].lower() == "file:":
                path = clipboard_file(src)
                if path is None:
                    return None
                try:
                    data = path.read_bytes()
                except OSError as exc:
                    problems.append(
                        tr(
                            "the pasted picture {name} cannot be read ({exc}): the office that "
                            "copied it has removed its copy; insert the picture from its file",
                            name=path.name,
                            exc=exc.strerror or exc,
                        )
                    )
                    return None
                return sink(data, path.name)
        except (PictureError, StoreError) as exc:  # StoreError: a full disk, say
            problems.append(str(exc))
            return None
        except OSError as exc:
            problems.append(tr("a pasted picture cannot be read ({exc})", exc=exc.strerror or exc))
            return None
        src = site_picture_src(src)
        return src if url_allowed(src, image=True) else None

    return resolve


def clean_blocks(html: str, resolve_image: ImageResolver | None = None) -> list[Block]:
    """Read pasted or converted HTML into clean editor blocks."""
    return blocks_from_html(html, pasted=True, resolve_image=resolve_image)


def blocks_markdown(blocks: list[Block]) -> str:
    """Write blocks as article Markdown, checked against the dialect's own reading."""
    return blocks_to_markdown(blocks, reader=converter_reader(new_converter))


def html_to_markdown(html: str, resolve_image: ImageResolver | None = None) -> str:
    """Clean pasted or converted HTML and write it as article Markdown."""
    return blocks_markdown(clean_blocks(html, resolve_image))
