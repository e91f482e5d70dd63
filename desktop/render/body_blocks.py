"""An article page's body cut into its top-level blocks, and what changed between two cuts.

The preview shows a long article's page and, after each keystroke, replaces only the blocks
of the body that changed instead of the whole 1.5 MB ``<main>``: the page is still the one
the export writes (rendered and checked whole by ``render/page.py``), and the blocks sent
are cut from it verbatim, so the patched page holds exactly the same markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: The element the article template puts the rendered body in (``article.html``).
BODY_OPEN = '<div class="article-body">'
#: A start or end tag; attribute values may hold ``>`` (only ``"`` and ``&`` are escaped).
_TAG = re.compile(r"""<(/?)([A-Za-z][A-Za-z0-9-]*)(?:[^>"']|"[^"]*"|'[^']*')*>""")
_VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)


@dataclass(frozen=True)
class BodyBlocks:
    """The ``<main>`` of an article page as the markup before the body's first block, each
    top-level block of the body with the whitespace after it, and the rest."""

    head: str
    blocks: tuple[str, ...]
    tail: str


@dataclass(frozen=True)
class BodyPatch:
    """Blocks ``start`` to ``end`` (exclusive) of the shown body become ``html``."""

    start: int
    end: int
    count: int  # the shown body's number of blocks, checked before patching
    html: str


def body_blocks(main: str) -> BodyBlocks | None:
    """Cut the inside of an article page's ``<main>``; None if its body is not a plain run of
    elements (text outside any element, or markup that does not close)."""
    opening = main.find(BODY_OPEN)
    if opening < 0:
        return None
    position = opening + len(BODY_OPEN)
    depth = 0
    text_from = position
    starts: list[int] = []
    closing_at = -1
    for tag in _TAG.finditer(main, position):
        if depth == 0 and main[text_from : tag.start()].strip():
            return None  # text straight in the body: not a block of its own
        text_from = tag.end()
        name = tag.group(2).lower()
        if tag.group(1):
            if depth == 0:
                if name != "div":
                    return None
                closing_at = tag.start()
                break
            depth -= 1
        else:
            if depth == 0:
                starts.append(tag.start())
            if name not in _VOID and not tag.group(0).endswith("/>"):
                depth += 1
    if closing_at < 0:
        return None
    if not starts:
        return BodyBlocks(main[:closing_at], (), main[closing_at:])
    ends = [*starts[1:], closing_at]
    blocks = tuple(main[start:end] for start, end in zip(starts, ends, strict=True))
    return BodyBlocks(main[: starts[0]], blocks, main[closing_at:])


def body_patch(shown: BodyBlocks, new: BodyBlocks) -> BodyPatch | None:
    """The blocks to replace to turn the shown body into the new one; None when more than the
    body changed (the title block, the byline: the whole ``<main>`` is sent then)."""
    if shown.head != new.head or shown.tail != new.tail:
        return None
    old, fresh = shown.blocks, new.blocks
    common = min(len(old), len(fresh))
    start = 0
    while start < common and old[start] == fresh[start]:
        start += 1
    same_end = 0
    while same_end < common - start and old[-1 - same_end] == fresh[-1 - same_end]:
        same_end += 1
    return BodyPatch(
        start=start,
        end=len(old) - same_end,
        count=len(old),
        html="".join(fresh[start : len(fresh) - same_end]),
    )
