"""Attachments (附件): files offered for download under an article. No Qt."""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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

_IN_KINDS = frozenset({"KINDS", "AttachmentError", "FileKind", "detect_kind"})


def __getattr__(name: str) -> Any:
    """Load the kinds or the library on first use: ``newsroom``'s ``attach`` parser lives in
    this package, and the commands that never touch an attachment should not pay for them."""
    if name not in __all__:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    module = importlib.import_module(
        "desktop.attachments." + ("kinds" if name in _IN_KINDS else "library")
    )
    return getattr(module, name)


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
