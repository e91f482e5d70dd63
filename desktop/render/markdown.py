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
path when it can, and sanitises either way.

Bold lead-ins such as ``**“凝心聚力”。**全市各级工会…`` (emphasis that ends in full-width
punctuation and runs straight into text) are bold in Python-Markdown without any help; the
tests in ``tests/render/test_markdown.py`` keep it that way.
"""

from __future__ import annotations

import threading
import xml.etree.ElementTree as etree
from typing import Any

import markdown
from markdown.extensions import Extension
from markdown.inlinepatterns import SimpleTagInlineProcessor
from markdown.treeprocessors import Treeprocessor

from desktop.render.plain_body import plain_body_html
from desktop.render.sanitise import sanitise_html

#: Python-Markdown extensions of the newsroom dialect; the rich editor writes exactly this
#: dialect. Our own extensions (strikethrough, heading shift) are added by ``new_markdown``.
EXTENSIONS = ["extra", "sane_lists"]

#: Settings of the built-in extensions: Chinese footnote back-link titles, and table
#: alignment as an ``align`` attribute because the sanitiser allows no ``style`` attribute.
EXTENSION_CONFIGS: dict[str, dict[str, Any]] = {
    "extra": {
        "footnotes": {"BACKLINK_TITLE": "返回正文第 %d 处"},
        "tables": {"use_align_attribute": True},
    },
}

# Opening ~~ must be followed, and closing ~~ preceded, by a non-space so that a lone "~~"
# in running text (e.g. "5~~10人") is left alone unless it really encloses something.
_STRIKE_RE = r"(~~)(?=\S)(.+?)(?<=\S)~~"

#: Highest heading level; deeper headings stay at this level after the shift.
_DEEPEST = 6


class StrikethroughExtension(Extension):
    """Turn ``~~text~~`` into ``<del>text</del>``."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        """Register the inline pattern (after code spans and escapes, before emphasis)."""
        md.inlinePatterns.register(SimpleTagInlineProcessor(_STRIKE_RE, "del"), "del", 65)


class _HeadingShift(Treeprocessor):
    """Move every heading one level down so that the body never has an ``<h1>``."""

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            tag = element.tag
            if isinstance(tag, str) and len(tag) == 2 and tag[0] == "h" and tag[1].isdigit():
                element.tag = f"h{min(int(tag[1]) + 1, _DEEPEST)}"


class HeadingShiftExtension(Extension):
    """Shift Markdown headings one level down (``#`` → ``<h2>``); the page title is the h1."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        """Register the tree processor late, after every block has become an element."""
        md.treeprocessors.register(_HeadingShift(md), "heading_shift", 5)


def new_markdown() -> markdown.Markdown:
    """Return a fresh Markdown converter; use one per job or thread, never share one."""
    from desktop.render.figures import FigureExtension

    return markdown.Markdown(
        extensions=[
            *_dialect(),
            StrikethroughExtension(),
            HeadingShiftExtension(),
            FigureExtension(),
        ],
        output_format="html",
    )


def _dialect() -> list[Extension]:
    """Return instances of the extensions EXTENSIONS names, with EXTENSION_CONFIGS.

    Python-Markdown finds an extension given by name among the installed packages' entry
    points, which loads ``importlib.metadata`` and reads every package's metadata: most of
    the start of a converter, paid by a re-export that renders one page. Instances are the
    same extensions registered in the same order (``extra`` is its own list of extensions,
    each given its part of ``extra``'s settings, as ``extra`` itself does).
    """
    from markdown.extensions import (
        abbr,
        attr_list,
        def_list,
        extra,
        fenced_code,
        footnotes,
        md_in_html,
        sane_lists,
        tables,
    )

    built_in = {
        "fenced_code": fenced_code.FencedCodeExtension,
        "footnotes": footnotes.FootnoteExtension,
        "attr_list": attr_list.AttrListExtension,
        "def_list": def_list.DefListExtension,
        "tables": tables.TableExtension,
        "abbr": abbr.AbbrExtension,
        "md_in_html": md_in_html.MarkdownInHtmlExtension,
        "sane_lists": sane_lists.SaneListExtension,
    }
    found: list[Extension] = []
    for name in EXTENSIONS:
        settings = dict(EXTENSION_CONFIGS.get(name, {}))
        if name == "extra":
            found += [built_in[part](**settings.get(part, {})) for part in extra.extensions]
        else:
            found.append(built_in[name](**settings))
    return found


# One converter per thread, reset between bodies: building one costs more than converting
# a typical article, and a converter must never be shared between threads.
_local = threading.local()


def render_body(text: str) -> str:
    """Convert an article body from Markdown to a sanitised HTML fragment.

    A plain body (running text, bold lead-ins, headings, flat lists) gets Python-Markdown's
    HTML from ``plain_body`` without the converter; every body is sanitised all the same.
    """
    html = plain_body_html(text)
    if html is None:
        html = markdown_html(text)
    return sanitise_html(html)


def markdown_html(text: str) -> str:
    """Return Python-Markdown's HTML for ``text`` (not sanitised), with this thread's converter."""
    converter: markdown.Markdown | None = getattr(_local, "markdown", None)
    if converter is None:
        converter = _local.markdown = new_markdown()
    try:
        html = converter.convert(text)
    finally:
        converter.reset()  # footnotes and references of one body must not reach the next
    return html
