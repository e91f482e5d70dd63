"""Export: the website bundle (folder or zip), one article's HTML, one self-contained page.

The names below are loaded on first use (PEP 562): ``newsroom export`` into the folder of
its last export imports neither the renderer nor the picture library unless a page changed.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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

_WHERE = {
    "ExportCancelled": "options",
    "ExportError": "options",
    "ExportOptions": "options",
    "ExportPhase": "options",
    "ExportProgress": "options",
    "ExportSummary": "options",
    "article_fragment_html": "fragment",
    "check_target": "bundle",
    "export_bundle": "bundle",
    "folder_media": "bundle",
    "run_export": "bundle",
    "single_article_page": "fragment",
}

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


def __getattr__(name: str) -> Any:
    """Import the module that defines ``name`` when it is first asked for."""
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(name)  # as for any missing module attribute
    value = getattr(importlib.import_module(f"desktop.export.{module}"), name)
    globals()[name] = value
    return value
