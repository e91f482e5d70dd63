"""What an attached file is, read from its bytes: PDF, Word, WPS, Excel, pictures, zip.

The extension a user gave is only a hint between formats that share a container (an OLE2
compound file may be Word, Excel or WPS; a zip may be a Word or Excel document): the type
and the extension the site's copy gets always come from the content, so a program renamed
``通知.pdf`` is refused and a PDF named ``表格.xls`` is offered as the PDF it is.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from desktop.i18n import tr


class AttachmentError(ValueError):
    """A file that cannot be attached; the message names the file and the reason."""

    def __init__(self, name: str, problem: str) -> None:
        super().__init__(f"{name}: {problem}" if name else problem)
        self.name = name
        self.problem = problem


@dataclass(frozen=True)
class FileKind:
    """One accepted type: its extension in the site and the label the page shows."""

    extension: str
    label: str  # as the page (Chinese) shows it
    mime: str


_KINDS = (
    FileKind("pdf", "PDF 文档", "application/pdf"),
    FileKind("doc", "Word 文档", "application/msword"),
    FileKind(
        "docx",
        "Word 文档",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    FileKind("wps", "WPS 文字", "application/vnd.ms-works"),
    FileKind("et", "WPS 表格", "application/vnd.ms-excel"),
    FileKind("dps", "WPS 演示", "application/vnd.ms-powerpoint"),
    FileKind("xls", "Excel 表格", "application/vnd.ms-excel"),
    FileKind(
        "xlsx", "Excel 表格", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    ),
    FileKind("jpg", "JPEG 图片", "image/jpeg"),
    FileKind("png", "PNG 图片", "image/png"),
    FileKind("gif", "GIF 图片", "image/gif"),
    FileKind("webp", "WebP 图片", "image/webp"),
    FileKind("zip", "ZIP 压缩包", "application/zip"),
)
#: Every accepted type by its site extension.
KINDS: dict[str, FileKind] = {kind.extension: kind for kind in _KINDS}

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Extensions an OLE2 compound file may carry: the bytes cannot tell a WPS file from Word's.
_OLE_FAMILY = {"doc": "doc", "wps": "wps", "xls": "xls", "et": "et", "dps": "dps"}
_ZIP_FAMILY = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml"}
_ALIASES = {"jpeg": "jpg", "jpe": "jpg"}


def _extension(name: str) -> str:
    stem, dot, extension = name.rpartition(".")
    extension = extension.lower() if dot and stem else ""
    return _ALIASES.get(extension, extension)


def _ole_kind(data: bytes, extension: str) -> str | None:
    if extension in _OLE_FAMILY:
        return _OLE_FAMILY[extension]
    # Directory entries name their streams in UTF-16: Word's main stream, Excel's workbook.
    if "WordDocument".encode("utf-16-le") in data:
        return "doc"
    if "Workbook".encode("utf-16-le") in data or "Book".encode("utf-16-le") in data:
        return "xls"
    return None


def _zip_kind(data: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return None
    for kind, part in _ZIP_FAMILY.items():
        if part in names:
            return kind
    return "zip"


def detect_kind(data: bytes, name: str = "") -> FileKind:
    """Return what ``data`` is, or raise :class:`AttachmentError` naming the file."""
    extension = _extension(name)
    kind: str | None = None
    if not data:
        raise AttachmentError(name, tr("the file is empty"))
    if b"%PDF-" in data[:1024]:
        kind = "pdf"
    elif data.startswith(_OLE):
        kind = _ole_kind(data, extension)
    elif data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        kind = _zip_kind(data)
    elif data.startswith(b"\xff\xd8\xff"):
        kind = "jpg"
    elif data.startswith(b"\x89PNG\r\n\x1a\n"):
        kind = "png"
    elif data.startswith((b"GIF87a", b"GIF89a")):
        kind = "gif"
    elif data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        kind = "webp"
    if kind is None:
        raise AttachmentError(
            name,
            tr(
                "this kind of file cannot be attached (accepted: PDF, Word, WPS, Excel, "
                "pictures and zip files; the type is read from the file's content)"
            ),
        )
    return KINDS[kind]
