"""The article Markdown dialect as the editor reads it: our Python-Markdown setup plus strike."""

from __future__ import annotations

import markdown
from markdown.extensions import Extension
from markdown.inlinepatterns import SimpleTagInlineProcessor

from desktop.render.markdown import new_markdown


class _StrikeExtension(Extension):
    """``~~text~~`` as <del>, used only while the shared dialect does not provide it yet."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        """Register the strike pattern."""
        md.inlinePatterns.register(
            SimpleTagInlineProcessor(r"(~{2})(.+?)\1", "del"), "newsroom_editor_strike", 55
        )


_dialect_has_strike: bool | None = None


#: Tree processors of the page renderer that move headings down a level (the page title is
#: the h1). The editor keeps the levels written in Markdown, so it leaves them out.
_PAGE_ONLY_TREEPROCESSORS = ("heading_shift",)


def new_converter() -> markdown.Markdown:
    """Return a fresh converter of the article dialect, with ``~~strike~~``, headings unshifted."""
    global _dialect_has_strike
    converter = new_markdown()
    for name in _PAGE_ONLY_TREEPROCESSORS:
        if name in converter.treeprocessors:
            converter.treeprocessors.deregister(name)
    if _dialect_has_strike is None:
        _dialect_has_strike = "<del>" in new_markdown().convert("~~x~~")
    if not _dialect_has_strike:
        _StrikeExtension().extendMarkdown(converter)
    return converter


def markdown_to_html(text: str) -> str:
    """Render Markdown with the editor's dialect, unsanitised and without heading shifts."""
    return new_converter().convert(text)
