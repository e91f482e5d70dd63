"""Attachments (附件): files offered for download under an article. No Qt."""

from desktop.attachments.kinds import KINDS, AttachmentError, FileKind, detect_kind
from desktop.attachments.library import (
    FILES_DIR,
    attachment_bytes,
    attachment_name,
    download_name,
    max_bytes,
    size_text,
    store_attachment,
    too_large,
    type_label,
    with_attached,
    with_removed,
    with_renamed,
)

__all__ = [
    "FILES_DIR",
    "KINDS",
    "AttachmentError",
    "FileKind",
    "attachment_bytes",
    "attachment_name",
    "detect_kind",
    "download_name",
    "max_bytes",
    "size_text",
    "store_attachment",
    "too_large",
    "type_label",
    "with_attached",
    "with_removed",
    "with_renamed",
]
