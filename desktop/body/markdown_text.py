"""The checkable text of a Markdown body, with a map from each character back to the source.

Checks read the text a reader sees (emphasis markers, link targets, image paths, code and
table pipes taken out) but report offsets into the Markdown source, which is what the editor
holds. Image alt texts and titles come out separately as captions.
"""

from __future__ import annotations

import re
from array import array
from dataclasses import dataclass, field

from desktop.body.blocks import OBJECT_CHAR

#: Stands for an atom taken out of a Markdown body (URL, code, image): no check matches it.
ATOM = OBJECT_CHAR


@dataclass
class Segment:
    """Text to check and, per character, its offset in the source text it came from."""

    text: str
    base: int = 0  # source offset of text[0] when ``origin`` is None (a verbatim slice)
    origin: array[int] | None = None  # source offset of every character of text

    def source_span(self, start: int, end: int) -> tuple[int, int, bool]:
        """Map a span of ``text`` to the source; the flag says the source span is verbatim."""
        if self.origin is None:
            return self.base + start, self.base + end, True
        first = self.origin[start]
        last = self.origin[end - 1] + 1 if end > start else first
        return first, last, last - first == end - start


@dataclass
class BodyText:
    """A Markdown body split into running text, captions and the spans that are never text."""

    body: Segment
    captions: list[Segment] = field(default_factory=list)
    #: Source spans of code, URLs, image paths, HTML tags and link targets.
    protected: list[tuple[int, int]] = field(default_factory=list)


_FENCE = re.compile(r"(`{3,}|~{3,})")
_SKIP_LINE = re.compile(
    r"""\s*(?:
        (?:[-*_]\s*){3,}                      # horizontal rule
      | \|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)+\|?  # table separator row
      | \[[^\]^]+\]:\s*\S.*                   # link reference definition
      | \{:[^}]*\}                            # attribute list on its own line
      | \*\[[^\]]+\]:.*                       # abbreviation definition
    )\s*$""",
    re.VERBOSE,
)
_BLOCK_PREFIX = re.compile(r"\s*(?:>\s?|#{1,6}(?=\s)\s*|[-*+]\s+|\d{1,9}[.)]\s+|\[\^[^\]]+\]:\s*)")
_HEADING_TAIL = re.compile(r"\s+#+\s*$")
_URL_TRAIL = ".,;:!?)'\""

_INLINE = re.compile(
    r"""
      (?P<code>(?P<ticks>`+).+?(?P=ticks))
    | (?P<image>!\[(?P<alt>[^\]]*)\]
        (?:\(\s*(?P<src><[^>]*>|[^\s)]*)(?:\s+(?:"(?P<title>[^"]*)"|'(?P<title2>[^']*)'))?\s*\)
          |\[[^\]]*\]))
    | (?P<target>\]\(\s*(?:<[^>]*>|[^\s)]*)(?:\s+(?:"[^"]*"|'[^']*'))?\s*\)|\]\[[^\]]*\])
    | (?P<footnote>\[\^[^\]]+\])
    | (?P<autolink><(?:https?://|mailto:|ftp://)[^>\s]*>)
    | (?P<tag></?[A-Za-z][^>]*>|<!--.*?-->)
    | (?P<url>(?:https?://|ftp://|www\.)[^\s<>"“”‘’，。；！？（）【】、\u3400-\u9fff]+)
    | (?P<email>[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})
    | (?P<attr>\{:[^}]*\})
    | (?P<entity>&(?:[A-Za-z]+|\#\d+|\#x[0-9A-Fa-f]+);)
    | (?P<escape>\\[!-/:-@\[-`{-~])
    | (?P<mark>\*+|_{2,}|~~|\[|\]|\|)
    """,
    re.VERBOSE,
)


class _Builder:
    """Collects checkable text with its source offsets."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.parts: list[str] = []
        self.origin: array[int] = array("i")
        self.captions: list[Segment] = []
        self.protected: list[tuple[int, int]] = []

    def text(self, start: int, end: int) -> None:
        if end > start:
            self.parts.append(self.source[start:end])
            self.origin.extend(range(start, end))

    def char(self, char: str, at: int) -> None:
        self.parts.append(char)
        self.origin.append(at)

    def protect(self, start: int, end: int) -> None:
        if end > start:
            self.protected.append((start, end))

    def caption(self, start: int, end: int) -> None:
        if end > start:
            self.captions.append(Segment(self.source[start:end], base=start))


def _inline(out: _Builder, start: int, end: int) -> None:
    """Add the text of one line's inline content, leaving out the Markdown syntax."""
    source = out.source
    pos = start
    for match in _INLINE.finditer(source, start, end):
        kind = match.lastgroup
        m_start, m_end = match.span()
        if kind == "url":
            # A sentence's full stop or bracket after a URL is not part of it.
            m_end = m_start + len(match.group().rstrip(_URL_TRAIL))
        if m_start < pos:
            continue
        out.text(pos, m_start)
        pos = m_end
        if kind in ("code", "autolink", "url", "email"):
            out.protect(m_start, m_end)
            out.char(ATOM, m_start)
        elif kind == "image":
            # The path is kept as it is; alt text and title are captions (and get converted).
            if match.group("src") is not None:
                out.protect(match.start("src"), match.end("src"))
            out.char(ATOM, m_start)
            out.caption(match.start("alt"), match.end("alt"))
            for group in ("title", "title2"):
                if match.group(group):
                    out.caption(match.start(group), match.end(group))
        elif kind in ("target", "tag", "attr"):
            out.protect(m_start, m_end)
        elif kind == "entity":
            out.char(ATOM, m_start)
        elif kind == "escape":
            out.text(m_start + 1, m_end)
        elif kind == "mark" and match.group() == "|":
            out.char("\n", m_start)  # a table cell ends here
        # other marks (emphasis, footnote references, brackets of links) vanish
    if pos < end:
        # re.finditer with pos/endpos leaves ``pos`` behind only after a trimmed URL
        out.text(pos, end)


def body_text(source: str) -> BodyText:
    """Split a Markdown body into checkable text, captions and protected spans."""
    out = _Builder(source)
    fence: str | None = None
    offset = 0
    for line in source.splitlines(keepends=True):
        content = line.rstrip("\r\n")
        line_start, line_end = offset, offset + len(content)
        offset += len(line)
        stripped = content.lstrip()
        if fence is not None:
            out.protect(line_start, line_end)
            if stripped.startswith(fence):
                fence = None
        elif (opening := _FENCE.match(stripped)) is not None:
            fence = opening.group(1)
            out.protect(line_start, line_end)
        elif _SKIP_LINE.match(content):
            out.protect(line_start, line_end)
        else:
            pos = line_start
            while (prefix := _BLOCK_PREFIX.match(source, pos, line_end)) and prefix.end() > pos:
                pos = prefix.end()
                if prefix.group().lstrip().startswith("#"):
                    tail = _HEADING_TAIL.search(source, pos, line_end)
                    line_end = tail.start() if tail else line_end
                    break
            _inline(out, pos, line_end)
        if offset > line_end:
            out.char("\n", line_end)
    return BodyText(Segment("".join(out.parts), origin=out.origin), out.captions, out.protected)
