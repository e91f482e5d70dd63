"""Turning articles into HTML: one path for the preview and the export."""
