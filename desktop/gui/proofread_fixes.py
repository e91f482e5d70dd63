"""Put proofreading fixes in place in the rich editor's document, as one undo step each."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtGui import QTextCursor, QTextDocument

from desktop.body.markdown_text import BodyText, body_text
from desktop.gui.editor.markdown_document import document_to_markdown
from desktop.proofread import Field, Problem, ProblemKind, apply_fix, fix_all


@dataclass(frozen=True)
class _Target:
    """Where in the document a problem's text was found."""

    position: int
    problem: Problem


def apply_fix_to_field(text: str, problem: Problem) -> str:
    """Return a line-edit field's text with the fix in place; raises StaleProblem if it moved."""
    return apply_fix(text, problem)


def fix_all_in_field(text: str, problems: list[Problem], kind: ProblemKind) -> str:
    """Return a field's text with every still-matching fix of one kind in place."""
    return fix_all(text, problems, kind)


def apply_fix_in_document(
    document: QTextDocument, problem: Problem, markdown: str | None = None
) -> bool:
    """Replace one BODY problem's text in the rich document; False when it cannot be found.

    ``markdown`` is the body the problem was found in (the document's own Markdown if None).
    """
    return apply_fixes_in_document(document, [problem], markdown) == 1


def apply_fixes_in_document(
    document: QTextDocument, problems: Iterable[Problem], markdown: str | None = None
) -> int:
    """Replace several BODY problems' text in one undo step; return how many were fixed."""
    source = document_to_markdown(document) if markdown is None else markdown
    visible = body_text(source)
    targets = [
        target
        for problem in problems
        if (target := _locate(document, problem, source, visible)) is not None
    ]
    if not targets:
        return 0
    # Last first, so the positions found before any change stay right; skip overlaps.
    targets.sort(key=lambda t: t.position, reverse=True)
    cursor = QTextCursor(document)
    cursor.beginEditBlock()
    fixed = 0
    limit = document.characterCount() + 1
    try:
        for target in targets:
            problem = target.problem
            end = target.position + len(problem.text)
            if end > limit:
                continue
            _replace(cursor, target.position, problem)
            limit = target.position
            fixed += 1
    finally:
        cursor.endEditBlock()
    return fixed


def _replace(cursor: QTextCursor, position: int, problem: Problem) -> None:
    """Replace the problem's text at ``position``, keeping its character format (bold, link)."""
    assert problem.suggestion is not None
    cursor.setPosition(position + 1)
    style = cursor.charFormat()  # the format of the first replaced character
    cursor.setPosition(position)
    cursor.setPosition(position + len(problem.text), QTextCursor.MoveMode.KeepAnchor)
    if problem.suggestion:
        cursor.insertText(problem.suggestion, style)
    else:
        cursor.removeSelectedText()


def _locate(
    document: QTextDocument, problem: Problem, source: str, visible: BodyText
) -> _Target | None:
    """Find the problem's text in the document: same paragraph, same occurrence."""
    if (
        problem.field is not Field.BODY
        or problem.suggestion is None
        or not problem.text
        or "\n" in problem.text
        or source[problem.start : problem.end] != problem.text
    ):
        return None
    segment = visible.body
    origin = segment.origin
    if origin is None:
        return None
    at = bisect_left(origin, problem.start)
    text = segment.text
    if at >= len(text) or not text.startswith(problem.text, at):
        # The problem's text runs across Markdown syntax; only plain spans are fixed here.
        return None
    line_start = text.rfind("\n", 0, at) + 1
    line_end = text.find("\n", at)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    column = at - line_start
    occurrence = _occurrences(line, problem.text, column)
    # Blank lines separate paragraphs in Markdown; every other line is about one block.
    expected = sum(1 for ln in text[:line_start].split("\n") if ln.strip())

    best: tuple[int, int, int] | None = None  # (mismatch, distance, position)
    index = 0
    block = document.begin()
    while block.isValid():
        block_text = block.text()
        if block_text.strip():
            if problem.text in block_text:
                found = _position_in_block(block_text, line, column, occurrence, problem.text)
                if found is not None:
                    exact, offset = found
                    score = (0 if exact else 1, abs(index - expected), block.position() + offset)
                    if best is None or score < best:
                        best = score
            index += 1
        block = block.next()
    if best is None:
        return None
    return _Target(best[2], problem)


def _occurrences(text: str, needle: str, before: int) -> int:
    """Return how many times ``needle`` starts in ``text`` before index ``before``."""
    count, at = 0, text.find(needle)
    while 0 <= at < before:
        count += 1
        at = text.find(needle, at + 1)
    return count


def _position_in_block(
    block_text: str, line: str, column: int, occurrence: int, needle: str
) -> tuple[bool, int] | None:
    """Return whether the block is the problem's line, and the needle's offset in the block."""
    for candidate, shift in ((line, 0), (line.strip(), len(line) - len(line.lstrip()))):
        if block_text == candidate and block_text.startswith(needle, column - shift):
            return True, column - shift
    offsets = []
    at = block_text.find(needle)
    while at >= 0:
        offsets.append(at)
        at = block_text.find(needle, at + 1)
    if not offsets:
        return None
    return False, offsets[min(occurrence, len(offsets) - 1)]
