"""字数 and other figures of an article, counted on the text a reader sees."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from html.parser import HTMLParser

from desktop.article import Article
from desktop.wordcount import count_words

#: Reading speed for the estimate: 400 Chinese characters (or words) a minute, a common
#: figure for attentive reading of official prose.
CHARACTERS_PER_MINUTE = 400

_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_BLOCKS = frozenset({"p", "li", "h2", "h3", "h4", "h5", "h6", "td", "th", "dt", "dd"})


@dataclass(frozen=True)
class ArticleStatistics:
    """Figures shown under the editor: 字数, paragraphs, pictures, reading time."""

    words: int  # 字数: Chinese characters plus Latin words and numbers, no punctuation
    chinese_characters: int
    latin_words: int  # words and numbers of Latin text, each counted once
    paragraphs: int  # non-empty paragraphs, list items, headings and table cells
    pictures: int  # images in the body (the cover picture is not counted)
    reading_minutes: int  # words / CHARACTERS_PER_MINUTE, rounded up; 0 for an empty body


class _TextAndBlocks(HTMLParser):
    """Collect the visible text of rendered HTML, its text blocks and its images."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.blocks = 0
        self.pictures = 0
        # Offsets into the text, kept as counts: joining the text at every tag made a
        # 2,000-row table's ten thousand cells cost seconds, all of it holding the GIL.
        self._length = 0
        self._visible_end = 0  # where the last piece of text with a visible character ended
        self._open_text: list[int] = []  # length of the text when each block opened

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "img":
            self.pictures += 1
        elif tag in _BLOCKS:
            self._open_text.append(self._length)

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCKS and self._open_text:
            opened = self._open_text.pop()
            # A block counts when it holds text of its own (not only an image).
            if self._visible_end > opened and not self._open_text:
                self.blocks += 1
        if tag in _BLOCKS or tag in ("br", "tr"):
            self._append("\n")

    def handle_data(self, data: str) -> None:
        self._append(data)

    def _append(self, data: str) -> None:
        self.text.append(data)
        self._length += len(data)
        if data.strip():
            self._visible_end = self._length


def body_plain_text(markdown_body: str) -> tuple[str, int, int]:
    """Return the visible text of a body, its number of text blocks and of pictures."""
    # Imported here: the proofreading package is imported by the store's migrations and
    # must not pull the renderer (and whatever it imports) into that import.
    from desktop.render.markdown import render_body

    parser = _TextAndBlocks()
    parser.feed(render_body(markdown_body))
    parser.close()
    return "".join(parser.text), parser.blocks, parser.pictures


def statistics(article: Article) -> ArticleStatistics:
    """Count the body as Chinese editors do, on the rendered text rather than the Markdown."""
    text, blocks, pictures = body_plain_text(article.body)
    words = count_words(text)
    chinese = len(_HAN.findall(text))
    minutes = math.ceil(words / CHARACTERS_PER_MINUTE) if words else 0
    return ArticleStatistics(words, chinese, words - chinese, blocks, pictures, minutes)
