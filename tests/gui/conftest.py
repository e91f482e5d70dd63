"""GUI test setup: the preview's URL scheme is registered before the QApplication exists."""

from __future__ import annotations

from desktop.gui.preview_web import register_preview_scheme

register_preview_scheme()
