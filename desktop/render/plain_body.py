"""Plain bodies: the HTML of a body written in the plain part of the dialect, without Markdown.

Most articles are paragraphs of running text with bold lead-ins (``**一是抓学习。**正文``),
now and then a heading or a flat list. For such a *plain body* :func:`plain_body_html` gives
exactly the HTML that the converter of :func:`desktop.render.converter.new_markdown` gives
(before the sanitiser, byte for byte) at a small part of its cost. Any body with anything
outside the plain part returns ``None`` and goes to Python-Markdown whole: footnotes,
abbreviations and link references reach across a document, so a body is never split.

A body is plain when it holds only

* paragraphs: lines of running text (any printable letters, digits and punctuation, CJK and
  full-width included, the ASCII punctuation ``! " $ % ' ( ) * + , - . / : ; = ? @`` and a
  lone ``~`` as in ``5~10人``),
  no line starting or ending with a space, none made only of ``-``, ``=``, ``*`` and spaces
  (rules and underlined headings), none starting with ``+ `` or ``:``;
* ATX headings ``# 标题`` … ``###### 标题`` on a line of their own (no other ``#`` in the
  body), which move down one level as everywhere (``#`` → ``<h2>``, ``######`` stays h6);
* flat lists: a block of lines that are each one item, ``- `` / ``* `` or ``1. ``, never one
  list type straight after the other (Python-Markdown would join them into a loose list);
* ``**strong**`` and ``*emphasis*`` in pairs, each opening run followed and each closing run
  preceded by a non-space, nothing nested, no run of three or more asterisks;
* store pictures as the editor writes them, each a paragraph of its own:
  ``![说明](media/<name>.<ext>)``, or with a caption ``![说明](media/<name>.<ext> "图注")``
  (a figure), the description and caption in plain characters.

Everything else falls back: links, other pictures, HTML, entities (``& < >``), code, tables,
footnotes, escapes, ``_`` and ``~~``, tabs and other control or format characters, any
whitespace but the space and the line break (ideographic spaces included), hard line breaks
(trailing spaces), indentation and nesting. ``tests/render/test_plain_body.py`` compares the
two renderers on every body the gate accepts, generated ones included.

The HTML is already within the sanitiser's allow-list, so ``render_body`` does not sanitise
it (the sanitiser cost as much as the rendering): it is made only of the fixed tags above
and of the body's own text, which the gate has checked holds no ``& < >``, no control,
format, private-use or unassigned character and no space but the plain one, none of which
the sanitiser's parser would read or write differently; the only attributes are a picture's
``alt`` (the same characters, and no quote), its ``src`` (``../../../media/`` and letters,
digits, ``-`` and ``.``) and a list's ``start`` (digits, at most six, as the sanitiser keeps
it). The tests check that the sanitiser leaves every accepted body's HTML as it is, and the
page check still reads every finished page.
"""

from __future__ import annotations

import re
from collections import deque

from desktop.render.picture_paths import page_picture_src

#: Characters with a Markdown meaning in any place, or escaped on output. ``~~`` (struck
#: text, or with a third a fence of code: a lone ``~`` means nothing) is looked for on its
#: own: a class alone is searched several times faster than a class or a pair.
_MARKUP = re.compile(r"[&<>\[\\\]^_`{|}]")
#: A line (after a line break) starting with a space (indentation), ``:`` (a definition) or
#: ``+ `` (a list of another kind), or made only of ``-``, ``=``, ``*`` and spaces (a rule,
#: or the underline of a heading); searched in the body with a line break at either end.
_LINE_NOT_PLAIN = re.compile(r"\n(?:[ :]|\+ |[-=*][-=* ]*\n)")
#: A heading line: one to six ``#`` and the heading's text (the text may not hold a ``#``).
_HEADING_LINE = re.compile(r"^(#{1,6})([^#\n]*)$", re.MULTILINE)
#: The first heading of a block, as Python-Markdown's HashHeaderProcessor finds it (with the
#: ``#`` of a body restricted to heading markers, its header is the rest of the line).
_HEADING = re.compile(r"(?:^|\n)(#{1,6})([^#\n]*)(?:\n|$)")
#: The first line of an ordered or bulleted list block (sane_lists: each type keeps to itself).
_ORDERED_ITEM = re.compile(r"^[ ]{0,3}(\d+)\.[ ]+(.*)")
_BULLET_ITEM = re.compile(r"^[ ]{0,3}[*+-][ ]+(.*)")
#: An item text that Python-Markdown would read as a block of its own kind inside the item:
#: a nested list, a rule, a definition.
_ITEM_NOT_PLAIN = re.compile(r"[-=*+ ]+$|\d+\.[ ]|[*+-][ ]|:")
#: A store picture alone on its line: its description, path and caption (its title). Neither
#: text may hold what would end it early, be read as Markdown or be escaped on output; the
#: caption neither starts nor ends with a space (Python-Markdown strips it).
_PICTURE_TEXT = r"[^\[\]()\"'\\*_#<>&`{}|^~\n]"  # a character of a description or caption
_PICTURE_LINE = re.compile(
    rf"^!\[({_PICTURE_TEXT}*)\]\((media/[0-9A-Za-z-]+\.[0-9A-Za-z]+)"
    rf'(?: "((?! ){_PICTURE_TEXT}(?:{_PICTURE_TEXT}*(?<! ))?)")?\)$',
    re.MULTILINE,
)
#: What stands for a picture line while the body is read: a character no body may hold
#: (the gate refuses control characters before pictures are taken out).
_PICTURE = "\x00"
#: Deepest heading level; the shift keeps ``######`` at this level.
_DEEPEST = 6
#: Longest start of an ordered list the sanitiser keeps as ``start`` (``sanitise._LIST_START``).
_LONGEST_START = 6


class _NotPlain(Exception):
    """The body has something outside the plain part; Python-Markdown renders it."""


def plain_body_html(text: str) -> str | None:
    """Return the HTML Python-Markdown gives for a plain body, or ``None`` if it is not plain."""
    if not text.replace("\n", "").isprintable():  # control, format, other spaces
        return None
    pictures: deque[re.Match[str]] = deque()
    if "![" in text:

        def take_out(picture: re.Match[str]) -> str:
            pictures.append(picture)
            return _PICTURE

        text = _PICTURE_LINE.sub(take_out, text)
    lines = f"\n{text}\n"
    if (
        _MARKUP.search(text)
        or "~~" in text
        or " \n" in lines  # a line ending in spaces (a hard line break)
        or _LINE_NOT_PLAIN.search(lines)
    ):
        return None
    if "#" in text and not _headings_only(text):
        return None
    try:
        return _Renderer(pictures).render(text)
    except _NotPlain:
        return None


def _headings_only(text: str) -> bool:
    """Whether every ``#`` of ``text`` opens a heading line that has some text."""
    markers = 0
    for match in _HEADING_LINE.finditer(text):
        if not match.group(2).strip():
            return False
        markers += len(match.group(1))
    return markers == text.count("#")


def _inline(text: str) -> str:
    """Return ``text`` with its emphasis pairs as HTML; raise _NotPlain on any other asterisk.

    Python-Markdown pairs asterisk runs left to right; with runs of one or two asterisks
    that come in pairs of the same length, each opening run followed and each closing run
    preceded by a non-space, and nothing inside a pair, each pair is one element.
    """
    if "*" not in text:
        return text
    if "***" in text:
        raise _NotPlain
    pieces = text.split("**")
    if not len(pieces) % 2:
        raise _NotPlain
    html = []
    for index, piece in enumerate(pieces):
        if index % 2:
            html.append(f"<strong>{_pair_inside(piece)}</strong>")
        elif "*" in piece:
            html.append(_emphasis(piece))
        else:
            html.append(piece)
    return "".join(html)


def _emphasis(text: str) -> str:
    """Return ``text`` (single asterisks only) with its ``*emphasis*`` pairs as HTML."""
    pieces = text.split("*")
    if not len(pieces) % 2:
        raise _NotPlain
    return "".join(
        f"<em>{_pair_inside(piece)}</em>" if index % 2 else piece
        for index, piece in enumerate(pieces)
    )


def _pair_inside(text: str) -> str:
    """Return the text inside an emphasis pair; raise _NotPlain if it would not pair."""
    if not text or "*" in text or text[0] in " \n" or text[-1] in " \n":
        raise _NotPlain
    return text


class _Renderer:
    """One plain body's blocks, read the way Python-Markdown's block parser reads them."""

    def __init__(self, pictures: deque[re.Match[str]]) -> None:
        self.html: list[str] = []
        self.last = ""  # tag of the last top-level element, for lists that would join it
        self.pictures = pictures  # the picture lines taken out of the body, in order

    def render(self, text: str) -> str:
        """Return the body's HTML (top-level elements one per line, as Python-Markdown)."""
        # Python-Markdown returns "" for a blank body and appends "\n\n" before splitting.
        if not text.strip():
            return ""
        self.parse(deque((text + "\n\n").split("\n\n")))
        return "\n".join(self.html)

    def parse(self, blocks: deque[str]) -> None:
        """Parse blocks in order, as BlockParser.parseBlocks does."""
        while blocks:
            block = blocks.popleft().lstrip("\n")  # blank lines (EmptyBlockProcessor)
            if not block:
                continue
            heading = _HEADING.search(block) if "#" in block else None
            if heading is not None:
                # Lines before a heading form a block of their own; lines after it go back
                # to the front of the queue (HashHeaderProcessor).
                if heading.start():
                    self.parse(deque([block[: heading.start()]]))
                level = min(len(heading.group(1)) + 1, _DEEPEST)
                self.add(f"h{level}", f"<h{level}>{_inline(heading.group(2).strip())}</h{level}>")
                if heading.end() < len(block):
                    blocks.appendleft(block[heading.end() :])
            elif block == _PICTURE:
                self.picture(self.pictures.popleft())
            elif _PICTURE in block:  # a picture in a paragraph with other lines
                raise _NotPlain
            elif _ORDERED_ITEM.match(block):
                self.list_block(block, "ol")
            elif _BULLET_ITEM.match(block):
                self.list_block(block, "ul")
            else:
                self.add("p", f"<p>{_inline(block)}</p>")

    def list_block(self, block: str, tag: str) -> None:
        """Add a flat list whose every line is one item."""
        if self.last == tag:  # Python-Markdown would continue the list above as a loose one
            raise _NotPlain
        item_re = _ORDERED_ITEM if tag == "ol" else _BULLET_ITEM
        items: list[str] = []
        start = ""
        for line in block.split("\n"):
            item = item_re.match(line)
            if item is None:  # a line running on from an item, or another kind of list
                raise _NotPlain
            if tag == "ol" and not items:
                start = item.group(1)
                if len(start) > _LONGEST_START:  # the sanitiser would drop the attribute
                    raise _NotPlain
            content = item.group(2 if tag == "ol" else 1)
            if _ITEM_NOT_PLAIN.match(content):
                raise _NotPlain
            items.append(f"<li>{_inline(content)}</li>\n")
        opening = f'<ol start="{start}">' if tag == "ol" and start != "1" else f"<{tag}>"
        self.add(tag, f"{opening}\n{''.join(items)}</{tag}>")

    def picture(self, picture: re.Match[str]) -> None:
        """Add a picture paragraph: a figure if it has a caption (``figures.py``).

        The serializer writes attributes in name order.
        """
        alt, src, caption = picture.groups()
        image = f'<img alt="{alt}" src="{page_picture_src(src)}">'
        if caption:
            self.add("figure", f"<figure>{image}<figcaption>{caption}</figcaption>\n</figure>")
        else:
            self.add("p", f"<p>{image}</p>")

    def add(self, tag: str, html: str) -> None:
        """Add a top-level element."""
        self.html.append(html)
        self.last = tag
