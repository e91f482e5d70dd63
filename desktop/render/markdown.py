"""Markdown (the stored body format) to sanitised HTML, with Python-Markdown.

The newsroom dialect is Python-Markdown with ``extra`` and ``sane_lists`` plus two small
extensions of our own:

* ``~~text~~`` becomes ``<del>text</del>`` (:class:`StrikethroughExtension`);
* every heading moves down one level, so an author's ``# 小标题`` becomes ``<h2>`` and the
  page keeps exactly one ``<h1>``, the article title (:class:`HeadingShiftExtension`).
  ``######`` stays ``<h6>``. A raw ``<h1>`` typed as HTML is not shifted; the sanitiser
  unwraps it to plain text instead.

Bodies in the plain part of the dialect (running text, bold lead-ins, headings, flat lists)
get the same HTML from ``plain_body`` at a fraction of the cost; ``render_body`` takes that
path when it can. That HTML is already what the sanitiser would return (``plain_body`` says
why); Python-Markdown's is always sanitised. The converter and the extensions are in
``desktop.render.converter``, imported with Python-Markdown by the first body not plain.

Bold lead-ins such as ``**“凝心聚力”。**全市各级工会…`` (emphasis that ends in full-width
punctuation and runs straight into text) are bold in Python-Markdown without any help; the
tests in ``tests/render/test_markdown.py`` keep it that way.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from desktop.render.plain_body import plain_body_html
from desktop.render.sanitise import sanitise_html

if TYPE_CHECKING:
    import markdown


# One converter per thread, reset between bodies: building one costs more than converting
# a typical article, and a converter must never be shared between threads.
_local = threading.local()


def render_body(text: str) -> str:
    """Convert an article body from Markdown to a sanitised HTML fragment.

    A plain body (running text, bold lead-ins, headings, flat lists) gets Python-Markdown's
    HTML from ``plain_body`` without the converter, and without the sanitiser: made of the
    body's checked text and fixed tags, it is within the allow-list as it stands. Every
    other body goes through Python-Markdown and the sanitiser.
    """
    html = plain_body_html(text)
    if html is not None:
        return html
    return sanitise_html(markdown_html(text))


def markdown_html(text: str) -> str:
    """Return Python-Markdown's HTML for ``text`` (not sanitised), with this thread's converter."""
    converter: markdown.Markdown | None = getattr(_local, "markdown", None)
    if converter is None:
        from desktop.render.converter import new_markdown  # Python-Markdown, on first use

        converter = _local.markdown = new_markdown()
    try:
        html = converter.convert(text)
    finally:
        converter.reset()  # footnotes and references of one body must not reach the next
    return html
