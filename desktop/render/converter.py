"""Python-Markdown's converter of the newsroom dialect: ``extra`` and ``sane_lists``, and our
own strikethrough, heading shift and figures (see :mod:`desktop.render.markdown`).

A module of its own so that Python-Markdown is imported only by a body that needs the
converter: a plain body gets its HTML from ``plain_body``, and a re-export rendering one plain
page imports none of it.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from typing import Any

import markdown
from markdown.extensions import Extension
from markdown.inlinepatterns import SimpleTagInlineProcessor
from markdown.treeprocessors import Treeprocessor

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
