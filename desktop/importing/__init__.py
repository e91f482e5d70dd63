"""Bringing articles in: .docx and Markdown files, folders of them, pasted HTML. No Qt."""

from desktop.importing.batch import (
    IMPORT_SUFFIXES,
    FileRead,
    FileResult,
    ImportedFile,
    ImportProgress,
    find_import_files,
    import_files,
    import_plan,
    read_files,
    read_import_file,
    save_imported,
    store_read_file,
)
from desktop.importing.html import PendingPictures, html_to_markdown, pasted_picture_resolver

__all__ = [
    "IMPORT_SUFFIXES",
    "FileRead",
    "FileResult",
    "ImportProgress",
    "ImportedFile",
    "PendingPictures",
    "find_import_files",
    "html_to_markdown",
    "import_files",
    "import_plan",
    "pasted_picture_resolver",
    "read_files",
    "read_import_file",
    "save_imported",
    "store_read_file",
]
