"""The article Markdown dialect as the body model reads and writes it.

The dialect itself is declared once, in ``desktop.render.converter`` (``new_markdown``); the
body model uses it as it is, except that headings keep the levels written in Markdown.
"""

from __future__ import annotations

from collections.abc import Callable

import markdown

from desktop.body.blocks import Block, Run, TextBlock
from desktop.body.html_reader import blocks_from_html
from desktop.body.markdown_writer import InlineMemo, InlineReader, blocks_to_markdown
from desktop.render.converter import new_markdown

#: Tree processors of the page renderer that move headings down a level (the page title is
#: the h1). The body model keeps the levels written in Markdown, so it leaves them out.
_PAGE_ONLY_TREEPROCESSORS = ("heading_shift",)


def new_converter() -> markdown.Markdown:
    """Return a fresh converter of the article dialect with headings unshifted."""
    converter = new_markdown()
    for name in _PAGE_ONLY_TREEPROCESSORS:
        if name in converter.treeprocessors:
            converter.treeprocessors.deregister(name)
    return converter


def markdown_to_html(text: str) -> str:
    """Render Markdown with the body model's dialect, unsanitised and without heading shifts."""
    return new_converter().convert(text)


def markdown_to_blocks(text: str) -> list[Block]:
    """Read Markdown into the normalised blocks the editor would show."""
    return blocks_from_html(markdown_to_html(text))


def converter_reader(factory: Callable[[], markdown.Markdown] = new_converter) -> InlineReader:
    """An InlineReader that renders with one converter from factory (reset between uses)."""
    converter = factory()

    def read(text: str) -> list[Run]:
        converter.reset()
        blocks = blocks_from_html(converter.convert(text))
        if len(blocks) == 1 and isinstance(blocks[0], TextBlock):
            return blocks[0].runs
        return []

    return read


def article_markdown(blocks: list[Block], memo: InlineMemo | None = None) -> str:
    """Write blocks as article Markdown, checked against the dialect's own reading.

    ``memo`` remembers what was written for runs seen before (one memo per caller).
    """
    return blocks_to_markdown(blocks, reader=converter_reader(), memo=memo)
