"""Export: the website bundle (folder or zip), one article's HTML, one self-contained page."""

from desktop.export.bundle import check_target, export_bundle, folder_media, run_export
from desktop.export.fragment import article_fragment_html, single_article_page
from desktop.export.options import (
    ExportCancelled,
    ExportError,
    ExportOptions,
    ExportPhase,
    ExportProgress,
    ExportSummary,
)

__all__ = [
    "ExportCancelled",
    "ExportError",
    "ExportOptions",
    "ExportPhase",
    "ExportProgress",
    "ExportSummary",
    "article_fragment_html",
    "check_target",
    "export_bundle",
    "folder_media",
    "run_export",
    "single_article_page",
]
