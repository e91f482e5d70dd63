"""Write editor blocks as Markdown in the article dialect (Python-Markdown, extra, sane_lists).

Every character a reader could take for syntax is escaped; nothing else is, so
Chinese punctuation stays as typed. Emphasis uses ``*`` only: ``_`` does not open emphasis
next to CJK characters in Python-Markdown, ``*`` does (``**“凝心聚力”。**全市`` is bold).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from html import escape

from desktop.body.blocks import (
    LINE_BREAK,
    Block,
    ListLevel,
    Run,
    Table,
    TextBlock,
    merge_runs,
    normalise_blocks,
    normalise_runs,
)

_MARK_DELIMITERS = {"strike": "~~", "bold": "**", "italic": "*"}
_MARK_TAGS = {"strike": "del", "bold": "strong", "italic": "em"}
# Inline escapes: Python-Markdown's backslash escapes, and entities where it has none.
_INLINE_SPECIAL = re.compile(r"[\\`*_\[\]{<]|~(?=~)|(?<=~)~|^~|~$|(?<=\]):|&(?=#|[0-9A-Za-z]+;)")
_ENTITY_FOR = {"<": "&lt;", "&": "&amp;", "~": "&#126;", ":": "&#58;"}
_LIST_MARKER = re.compile(r"([-+])(?=\s|$)")
_ORDERED_MARKER = re.compile(r"(\d+)(\.)(?=\s|$)")
_SETEXT_OR_RULE = re.compile(r"[-=\s]+")
_URL_NEEDS_BRACKETS = re.compile(r"[\s()\\]")

#: Checks inline Markdown: returns the runs Python-Markdown reads back from it.
InlineReader = Callable[[str], list[Run]]


def escape_text(text: str, *, pipes: bool = False) -> str:
    """Escape plain text for use inside a Markdown paragraph (line starts are separate).

    pipes: also escape "|", needed where a table could form (a cell, several lines).
    """
    escaped = _INLINE_SPECIAL.sub(lambda m: _ENTITY_FOR.get(m.group(), "\\" + m.group()), text)
    return escaped.replace("|", "\\|") if pipes else escaped


def escape_title(title: str) -> str:
    """Escape a canonical caption (no '"') for use as a Markdown image title.

    Python-Markdown reads code spans and backslash escapes inside a title and keeps
    entities as entities; everything else in a title is literal.
    """
    escaped = _TITLE_SPECIAL.sub(lambda m: "\\" + m.group(), title)
    return _TITLE_ENTITY.sub("&amp;", escaped)


_TITLE_SPECIAL = re.compile(r"[\\`|]")
_TITLE_ENTITY = re.compile(r"&(?=#|[0-9A-Za-z]+;)")


def escape_line_start(line: str, *, first: bool) -> str:
    """Escape what would start a block (heading, list, quote, rule…) at the start of a line."""
    if not line:
        return line
    head = line[0]
    if head in "#>":
        return "\\" + line
    if head == ":" and line[1:2].isspace():
        return "&#58;" + line[1:]  # a definition-list item (extra) otherwise
    if not first and _SETEXT_OR_RULE.fullmatch(line):
        return ("\\-" if head == "-" else "&#61;") + line[1:]
    if _LIST_MARKER.match(line) or (head == "-" and _SETEXT_OR_RULE.fullmatch(line)):
        return "\\" + line
    return _ORDERED_MARKER.sub(r"\1\\\2", line, count=1)


def _link_target(href: str) -> str:
    """A link destination that cannot end the link early or start a title.

    Parentheses and spaces are kept by the ``<…>`` form; only "<" and ">" (never valid in
    a URL) are percent-encoded.
    """
    href = href.replace("<", "%3C").replace(">", "%3E")
    return f"<{href}>" if _URL_NEEDS_BRACKETS.search(href) else href


def _marks(run: Run) -> tuple[str, ...]:
    return tuple(mark for mark in _MARK_DELIMITERS if getattr(run, mark))


def _atom(run: Run, in_table: bool, pipes: bool) -> str:
    """A run's content without its emphasis: escaped text or an image."""
    if run.image_src:
        alt = escape_text(run.image_alt, pipes=pipes)
        title = f' "{escape_title(run.image_title)}"' if run.image_title else ""
        return f"![{alt}]({_link_target(run.image_src)}{title})"
    text = escape_text(run.text, pipes=pipes)
    return text.replace(LINE_BREAK, "<br>" if in_table else "  \n")


def _emphasis(runs: list[Run], in_table: bool, pipes: bool, tags: bool) -> str:
    """Write runs (no links among them) with nested emphasis.

    Marks still wanted stay open; new ones open outermost-first by how far they reach
    (fewest delimiters). HTML tags (the fallback) nest cleanly in any order.
    """
    out: list[str] = []
    open_marks: list[str] = []

    def opener(mark: str) -> str:
        return f"<{_MARK_TAGS[mark]}>" if tags else _MARK_DELIMITERS[mark]

    def closer(mark: str) -> str:
        return f"</{_MARK_TAGS[mark]}>" if tags else _MARK_DELIMITERS[mark]

    for index, run in enumerate(runs):
        wanted = _marks(run)
        keep = 0
        while keep < len(open_marks) and open_marks[keep] in wanted:
            keep += 1
        for mark in reversed(open_marks[keep:]):
            out.append(closer(mark))
        del open_marks[keep:]
        new = [mark for mark in wanted if mark not in open_marks]
        if not tags:
            new.sort(key=lambda mark: -_reach(runs, index, mark))
        for mark in new:
            out.append(opener(mark))
            open_marks.append(mark)
        out.append(_atom(run, in_table, pipes))
    out.extend(closer(mark) for mark in reversed(open_marks))
    return "".join(out)


def _reach(runs: list[Run], index: int, mark: str) -> int:
    """How many runs from index on carry mark."""
    count = 0
    for run in runs[index:]:
        if not getattr(run, mark):
            break
        count += 1
    return count


def _risky(runs: list[Run]) -> bool:
    """Whether delimiters may touch, where Python-Markdown's reading must be checked."""
    previous = False
    for run in runs:
        if run.emphasised and (previous or (len(_marks(run)) > 1 and run.strike)):
            return True
        previous = run.emphasised
    return False


def _groups(runs: list[Run]) -> Iterator[tuple[str, list[Run]]]:
    """Consecutive runs grouped by link target ("" for text outside links)."""
    group: list[Run] = []
    for run in runs:
        if group and group[-1].href != run.href:
            yield group[0].href, group
            group = []
        group.append(run)
    if group:
        yield group[0].href, group


#: Markdown already written: inline Markdown by runs and whether they sit in a table cell,
#: and a paragraph's lines by its runs and kind. One memo belongs to one reader (or to none):
#: the reader decides what is written.
InlineMemo = dict[tuple[object, ...], str]
#: A memo is emptied when it holds more than this many entries.
INLINE_MEMO_SIZE = 1 << 16


def inline_markdown(
    runs: list[Run],
    *,
    in_table: bool = False,
    reader: InlineReader | None = None,
    memo: InlineMemo | None = None,
) -> str:
    """Write canonical runs as inline Markdown, falling back to HTML tags where needed."""
    if memo is not None:
        key = (tuple(runs), in_table)
        found = memo.get(key)
        if found is None:
            if len(memo) >= INLINE_MEMO_SIZE:
                memo.clear()
            found = memo[key] = inline_markdown(runs, in_table=in_table, reader=reader)
        return found
    text = _inline(runs, in_table, tags=False)
    if reader is not None and _risky(runs) and reader(text) != runs:
        text = _inline(runs, in_table, tags=True)
    return text


def _inline(runs: list[Run], in_table: bool, tags: bool) -> str:
    parts: list[str] = []
    pipes = in_table or any(LINE_BREAK in run.text for run in runs)
    for href, group in _groups(runs):
        written = _emphasis(group, in_table, pipes, tags)
        if href and parts and parts[-1].endswith("!"):
            parts[-1] = parts[-1][:-1] + "\\!"  # "![" would start an image
        parts.append(f"[{written}]({_link_target(href)})" if href else written)
    return "".join(parts)


def _block_lines(block: TextBlock, reader: _Writer) -> list[str]:
    """The lines of a paragraph or heading (without list or quote prefixes)."""
    if block.rule:
        return ["---"]
    text = reader.inline(block.runs, False)
    if block.heading:
        if text.endswith("#"):
            text = text[:-1] + "\\#"  # closing hashes would be dropped
            if text == "\\#":
                return ["#" * block.heading + " " + text]
        return ["#" * block.heading + " " + escape_line_start(text, first=True)]
    lines = text.split("  \n")
    escaped = [escape_line_start(line, first=index == 0) for index, line in enumerate(lines)]
    return ["  \n".join(escaped)] if len(escaped) > 1 else escaped


def _inline_html(runs: list[Run]) -> str:
    """Runs as inline HTML, for a cell of an HTML table (Markdown is not read inside one)."""
    out: list[str] = []
    for run in runs:
        if run.image_src:
            title = f' title="{escape(run.image_title)}"' if run.image_title else ""
            out.append(f'<img alt="{escape(run.image_alt)}" src="{escape(run.image_src)}"{title}>')
            continue
        text = "<br>\n".join(escape(line, quote=False) for line in run.text.split(LINE_BREAK))
        for mark, on in (("strike", run.strike), ("italic", run.italic), ("bold", run.bold)):
            if on:
                text = f"<{_MARK_TAGS[mark]}>{text}</{_MARK_TAGS[mark]}>"
        if run.href:
            text = f'<a href="{escape(run.href)}">{text}</a>'
        out.append(text)
    return "".join(out)


def _html_table_lines(table: Table) -> list[str]:
    """A table with merged cells as an HTML table: Markdown's pipe tables cannot merge."""
    covered = {
        (r, c)
        for (row, column), (down, across) in table.spans.items()
        for r in range(row, row + down)
        for c in range(column, column + across)
        if (r, c) != (row, column)
    }
    # One row group: a browser clips a rowspan at the end of a <thead>.
    lines = ["<table>"]
    for index, cells in enumerate([table.header, *table.rows]):
        tag = "th" if index == 0 else "td"
        written = []
        for column, cell in enumerate(cells):
            if (index, column) in covered:
                continue
            down, across = table.spans.get((index, column), (1, 1))
            spans = (f' rowspan="{down}"' if down > 1 else "") + (
                f' colspan="{across}"' if across > 1 else ""
            )
            written.append(f"<{tag}{spans}>{_inline_html(cell)}</{tag}>")
        lines.append("<tr>" + "".join(written) + "</tr>")
    lines.append("</table>")
    return lines


def _table_lines(table: Table, reader: _Writer) -> list[str]:
    if table.spans:
        return _html_table_lines(table)

    def row(cells: list[list[Run]]) -> str:
        written = [reader.inline(cell, True) for cell in cells]
        return "| " + " | ".join(written) + " |"

    lines = [row(table.header), "| " + " | ".join("---" for _ in table.header) + " |"]
    lines.extend(row(cells) for cells in table.rows)
    return lines


def _list_lines(items: list[TextBlock], reader: _Writer) -> list[str]:
    """Lines of one top-level list with its nested lists; four spaces per level."""
    lines: list[str] = []
    numbers: list[int] = []
    previous: tuple[ListLevel, ...] = ()
    for item in items:
        depth = len(item.lists)
        level = item.lists[-1]
        continuing = len(previous) >= depth and previous[depth - 1].same_kind(level)
        del numbers[depth:]
        if not continuing or len(numbers) < depth:
            numbers[depth - 1 :] = [level.start]
        else:
            numbers[depth - 1] += 1
        marker = f"{numbers[depth - 1]}. " if level.numbered else "- "
        content = "\n".join(_block_lines(item, reader))
        lines.append("    " * (depth - 1) + marker + content)
        previous = item.lists
    return lines


def _chunks(blocks: list[Block], reader: _Writer) -> Iterator[str]:
    """Markdown for consecutive blocks, one string per blank-line separated chunk."""
    index = 0
    while index < len(blocks):
        block = blocks[index]
        if isinstance(block, Table):
            yield "\n".join(_table_lines(block, reader))
            index += 1
        elif block.quote:
            end = index
            while end < len(blocks) and _quote_of(blocks[end]) >= 1:
                end += 1
            inner: list[Block] = [
                _unquote(b) if isinstance(b, TextBlock) else b for b in blocks[index:end]
            ]
            body = "\n\n".join(_chunks(inner, reader))
            yield "\n".join("> " + line if line else ">" for line in body.split("\n"))
            index = end
        elif block.lists:
            end = index + 1
            while end < len(blocks) and _continues_list(blocks[end], block):
                end += 1
            items = [b for b in blocks[index:end] if isinstance(b, TextBlock)]
            yield "\n".join(_list_lines(items, reader))
            index = end
        else:
            yield "\n".join(reader.block_lines(block))
            index += 1


def _quote_of(block: Block) -> int:
    return block.quote if isinstance(block, TextBlock) else 0


def _unquote(block: TextBlock) -> TextBlock:
    return TextBlock(block.runs, block.heading, block.lists, block.quote - 1, block.rule)


def _continues_list(block: Block, first: TextBlock) -> bool:
    return (
        isinstance(block, TextBlock)
        and bool(block.lists)
        and block.quote == first.quote
        and block.lists[0].same_kind(first.lists[0])
    )


class _Writer:
    """Writes inline Markdown with one reader and, if given, its memo."""

    def __init__(self, reader: InlineReader | None, memo: InlineMemo | None) -> None:
        self.reader = reader
        self.memo = memo

    def inline(self, runs: list[Run], in_table: bool) -> str:
        return inline_markdown(runs, in_table=in_table, reader=self.reader, memo=self.memo)

    def block_lines(self, block: TextBlock) -> list[str]:
        """A paragraph's or heading's lines, from the memo when it was written before."""
        if self.memo is None or block.lists:
            return _block_lines(block, self)
        key = ("lines", tuple(block.runs), block.heading, block.rule)
        found = self.memo.get(key)
        if found is None:
            if len(self.memo) >= INLINE_MEMO_SIZE:
                self.memo.clear()
            found = self.memo[key] = "\n".join(_block_lines(block, self))
        return [found]


def markdown_chunks(
    blocks: list[Block],
    *,
    reader: InlineReader | None = None,
    memo: InlineMemo | None = None,
) -> list[str]:
    """The blank-line separated chunks ``blocks_to_markdown`` joins, for a part of a body.

    A part that starts and ends next to a plain paragraph or a table (never inside a list or
    a block quote) gives exactly the chunks the whole body gives there.
    """
    return list(_chunks(normalise_blocks(blocks), _Writer(reader, memo)))


def table_row_line(
    cells: list[list[Run]],
    *,
    width: int,
    header: bool = False,
    reader: InlineReader | None = None,
    memo: InlineMemo | None = None,
) -> str:
    """One row of a pipe table with no merged cells, as ``blocks_to_markdown`` writes it."""
    normal = [normalise_runs(cell) for cell in cells]
    normal += [[] for _ in range(width - len(normal))]
    if header:
        normal = [merge_runs([replace(run, bold=False) for run in cell]) for cell in normal]
    writer = _Writer(reader, memo)
    return "| " + " | ".join(writer.inline(cell, True) for cell in normal) + " |"


def table_rule_line(width: int) -> str:
    """The line under a pipe table's header row."""
    return "| " + " | ".join("---" for _ in range(width)) + " |"


def join_chunks(chunks: list[str]) -> str:
    """A body from its chunks: one blank line between them, one final newline."""
    text = "\n\n".join(chunks)
    return text + "\n" if text else ""


def blocks_to_markdown(
    blocks: list[Block],
    *,
    reader: InlineReader | None = None,
    memo: InlineMemo | None = None,
) -> str:
    """Write blocks as normalised Markdown: one blank line between blocks, one final newline.

    A memo (kept by the caller, always with the same reader) makes blocks written before
    cost a lookup: the editor writes a long article on every refresh and typing changes one
    block.
    """
    return join_chunks(markdown_chunks(blocks, reader=reader, memo=memo))
