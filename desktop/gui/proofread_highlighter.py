"""Wavy underlines under proofreading problems, block by block, as the user types."""

from __future__ import annotations

import dataclasses
import re
from collections import OrderedDict
from collections.abc import Iterable

from PySide6.QtCore import QTimer
from PySide6.QtGui import (
    QSyntaxHighlighter,
    QTextBlock,
    QTextCharFormat,
    QTextDocument,
)

from desktop.gui.proofread_labels import problem_colour
from desktop.proofread import Field, Problem, ProofreadSettings, check_text

# The checker's key neighbourhood: keys made here must equal the ones check_article makes.
from desktop.proofread.checker import _CONTEXT as KEY_CONTEXT
from desktop.proofread.problem import problem_key

#: Checked blocks kept by text; typing changes one block, so this holds a long article (or
#: a table of 2,000 rows and five columns) many times over while staying small.
CACHE_SIZE = 40_000
#: Characters of new text checked in one go on the GUI thread (about 15 ms). A keystroke
#: re-checks one block at once; a paste or a new long article is underlined a slice at a
#: time between events, so the window keeps answering.
SLICE_CHARS = 3000

_FENCE = re.compile(r"\s*(`{3,}|~{3,})")
_NORMAL = -1  # Qt's initial block state: not inside a fenced code block


class ProofreadHighlighter(QSyntaxHighlighter):
    """Underline problems in a rich-text or Markdown-source document; cache checks by block."""

    def __init__(
        self,
        document: QTextDocument,
        settings: ProofreadSettings | None = None,
        markdown_source: bool = False,
    ) -> None:
        # Set before super().__init__: attaching to a document may highlight at once.
        self._settings = ProofreadSettings()
        self._ignored: frozenset[str] = frozenset()
        self._markdown_source = markdown_source
        self._cache: OrderedDict[str, tuple[Problem, ...]] = OrderedDict()
        self._budget = SLICE_CHARS  # characters still to check before the next event
        #: Blocks left unchecked for a later slice (since the highlighter was made).
        self.deferred_blocks = 0
        self._waiting: set[str] = set()  # texts of blocks left for a later slice
        self._resume = 0  # the block number the next slice starts at
        self._retired = False  # the editor moved to another document (``moved_to``)
        super().__init__(document)
        self._refill = QTimer(self)
        self._refill.setSingleShot(True)
        self._refill.setInterval(0)
        self._refill.timeout.connect(self._new_slice)
        self._later = QTimer(self)
        self._later.setSingleShot(True)
        self._later.setInterval(0)
        self._later.timeout.connect(self._check_deferred)
        if settings is not None:
            self.set_settings(settings)

    def moved_to(self, document: QTextDocument) -> ProofreadHighlighter:
        """A highlighter of ``document`` with these settings and checks; this one stops.

        This one stays with its document and goes when the document goes: leaving it
        would clear the formats of every block of a document nobody shows any more.
        """
        successor = ProofreadHighlighter(document, markdown_source=self._markdown_source)
        successor._settings, successor._ignored = self._settings, self._ignored
        successor._cache, self._cache = self._cache, OrderedDict()
        successor.deferred_blocks = self.deferred_blocks
        self._retired = True
        self._refill.stop()
        self._later.stop()
        self._waiting.clear()
        return successor

    # Settings -----------------------------------------------------------------------------

    def settings(self) -> ProofreadSettings:
        """Return the settings in use (ignored keys included)."""
        return self._settings.with_ignored(self._ignored)

    def set_settings(self, settings: ProofreadSettings) -> None:
        """Check with new settings (word lists, checks, ignored keys) and underline again."""
        # Blocks are checked without the ignored keys, which are applied when drawing: ignoring
        # a problem then costs no new check, and the cache stays valid.
        unfiltered = settings.with_ignored(())
        if unfiltered != self._settings:
            self._cache.clear()
        self._settings = unfiltered
        self._ignored = settings.ignored
        self.rehighlight()

    def set_ignored(self, keys: Iterable[str]) -> None:
        """Hide the problems with these keys (as recorded by IgnoredProblems)."""
        self.set_settings(self._settings.with_ignored(keys))

    # Highlighting -------------------------------------------------------------------------

    def highlightBlock(self, text: str) -> None:
        """Underline the problems of one block (Qt calls this for every changed block)."""
        if self._retired:
            return
        in_fence = False
        if self._markdown_source:
            in_fence = self._follow_fence(text)
        if in_fence:
            return
        block = self.currentBlock()
        if text not in self._cache and not self._spend(len(text)):
            self.deferred_blocks += 1
            self._waiting.add(text)
            self._later.start()  # underlined in a later slice
            return
        self._waiting.discard(text)
        for problem in self._visible(block, text):
            style = QTextCharFormat()
            style.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            style.setUnderlineColor(problem_colour(problem))
            self.setFormat(problem.start, problem.end - problem.start, style)

    def _follow_fence(self, text: str) -> bool:
        """Track fenced code in Markdown source; return whether this line is code."""
        state = self.previousBlockState()
        opening = _FENCE.match(text)
        if state > 0:
            fence = ("~" if state & 1 else "`") * (state >> 1)
            closing = text.lstrip().startswith(fence)
            self.setCurrentBlockState(_NORMAL if closing else state)
            return True
        if opening is not None:
            fence = opening.group(1)
            self.setCurrentBlockState(len(fence) << 1 | (fence[0] == "~"))
            return True
        self.setCurrentBlockState(_NORMAL)
        return False

    def _spend(self, chars: int) -> bool:
        """Whether ``chars`` of new text may be checked now (the first block always may)."""
        if not hasattr(self, "_refill"):
            return True  # attaching to the document, before the slices exist
        if self._budget < SLICE_CHARS and chars > self._budget:
            return False
        self._budget -= chars
        self._refill.start()
        return True

    def _new_slice(self) -> None:
        self._budget = SLICE_CHARS

    def _check_deferred(self) -> None:
        """Underline the next slice of blocks left unchecked, and come back for the rest."""
        document = self.document()
        if document is None:
            self._waiting.clear()
            return
        self._budget = SLICE_CHARS
        # Go on where the last slice stopped; blocks deferred before it are found on a
        # second round from the top.
        for start in (self._resume, 0):
            block = document.findBlockByNumber(start)
            while block.isValid() and self._waiting:
                if block.text() in self._waiting:
                    self.rehighlightBlock(block)
                    if block.text() in self._waiting:  # the slice is spent
                        self._resume = block.blockNumber()
                        self._later.start()
                        return
                block = block.next()
            if not self._waiting or start == 0:
                break
        self._waiting.clear()  # what is left is no longer in the document
        self._resume = 0

    def is_pending(self) -> bool:
        """Whether some blocks still wait to be checked and underlined."""
        return bool(self._waiting)

    def _checked(self, text: str) -> tuple[Problem, ...]:
        """Return the problems of a block's text, from the cache when it was seen before."""
        found = self._cache.get(text)
        if found is not None:
            self._cache.move_to_end(text)
            return found
        found = tuple(check_text(text, Field.BODY, self._settings))
        self._cache[text] = found
        if len(self._cache) > CACHE_SIZE:
            self._cache.popitem(last=False)
        return found

    def _visible(self, block: QTextBlock, text: str) -> list[Problem]:
        """Return the block's problems with the keys check_article gives them, minus ignored."""
        problems = self._checked(text)
        if not problems:
            return []
        before, after = self._neighbours(block)
        shown = []
        for problem in problems:
            key = problem.key
            if problem.field is Field.CAPTION:
                # Only the Markdown source has captions (image alt texts); their keys are made
                # from the caption alone, as in the whole body.
                if key not in self._ignored:
                    shown.append(problem)
                continue
            # The checker keys a problem by the characters around it; near a block's edge those
            # come from the neighbouring block in the whole body, so key it the same way here.
            if problem.start < KEY_CONTEXT or problem.end > len(text) - KEY_CONTEXT:
                key = problem_key(
                    problem.kind,
                    Field.BODY,
                    problem.text,
                    (before + text[: problem.start])[-KEY_CONTEXT:],
                    (text[problem.end :] + after)[:KEY_CONTEXT],
                )
            if key in self._ignored or problem.key in self._ignored:
                continue
            shown.append(problem if key == problem.key else dataclasses.replace(problem, key=key))
        return shown

    def _neighbours(self, block: QTextBlock) -> tuple[str, str]:
        """Return the text the whole body has just before and after this block."""
        previous, following = block.previous(), block.next()
        if self._markdown_source:
            before = previous.text() + "\n" if previous.isValid() else ""
            # body_markdown() ends the body with a line break.
            after = "\n" + following.text() if following.isValid() else "\n"
            return before[-KEY_CONTEXT:], after[:KEY_CONTEXT]
        before = previous.text() + _separator(previous, block) if previous.isValid() else ""
        after = _separator(block, following) + following.text() if following.isValid() else "\n"
        return before[-KEY_CONTEXT:], after[:KEY_CONTEXT]

    # Questions from the editor --------------------------------------------------------------

    def problem_at(self, position: int) -> Problem | None:
        """Return the underlined problem at a document position (offsets made document-wide)."""
        document = self.document()
        if document is None:
            return None
        block = document.findBlock(position)
        if not block.isValid() or self._in_fence(block):
            return None
        offset = position - block.position()
        for problem in self._visible(block, block.text()):
            if problem.start <= offset < problem.end:
                return dataclasses.replace(
                    problem,
                    start=problem.start + block.position(),
                    end=problem.end + block.position(),
                )
        return None

    def problems_in_block(self, block: QTextBlock) -> list[Problem]:
        """Return the problems underlined in one block, with offsets into the block's text."""
        if self._in_fence(block):
            return []
        return self._visible(block, block.text())

    def _in_fence(self, block: QTextBlock) -> bool:
        if not self._markdown_source:
            return False
        previous = block.previous()
        inside = previous.isValid() and previous.userState() > 0
        return inside or _FENCE.match(block.text()) is not None

    def cache_size(self) -> int:
        """Return how many block texts have been checked and kept."""
        return len(self._cache)


def _separator(first: QTextBlock, second: QTextBlock) -> str:
    """Return what the body's Markdown puts between two rich-text blocks."""
    # Items of one list are on consecutive lines; everything else is set off by a blank line.
    first_list, second_list = first.textList(), second.textList()
    if first_list is not None and first_list is second_list:
        return "\n"
    return "\n\n"
