"""Markdown (the stored body format) to sanitised HTML, with Python-Markdown."""

from __future__ import annotations

import markdown

#: Python-Markdown extensions of the newsroom dialect; the rich editor writes exactly this dialect.
EXTENSIONS = ["extra", "sane_lists"]


def new_markdown() -> markdown.Markdown:
    """Return a fresh Markdown converter; use one per job or thread, never share one."""
    return markdown.Markdown(extensions=list(EXTENSIONS), output_format="html")


def render_body(text: str) -> str:
    """Convert an article body from Markdown to a sanitised HTML fragment."""
    return new_markdown().convert(text)
