"""Reading a huge paste in a worker process, away from the window's Python lock.

Cleaning 5 MB of Word's clipboard HTML (or reading a long Markdown paste) is many seconds of
pure Python; on a thread of the window's process the GUI thread waits for Python's lock
after each call into Qt all that time. A paste this large is read by one worker process,
started on the first one and kept for the next. The blocks come back in pickled pieces, so
that turning them back into objects never holds the lock for long at once either.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import pickle
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from enum import Enum

from desktop.body.blocks import Block, normalise_blocks
from desktop.body.dialect import markdown_to_blocks
from desktop.body.html_reader import blocks_from_html

#: Pasted text at least this long (characters of HTML or Markdown) is read in the process.
PROCESS_CHARS = 200_000
#: Blocks per pickled piece sent back.
PIECE_BLOCKS = 50
#: How much lower the worker process runs than the window: on a busy 2-core PC the window's
#: thread then gets a core first, and the paste is read in the time left over.
NICENESS = 10


def lower_priority(niceness: int = NICENESS) -> None:
    """Run this (worker) process below the window's priority, where the system allows it."""
    if hasattr(os, "nice"):
        with contextlib.suppress(OSError):  # not allowed here: run at the same priority
            os.nice(niceness)


class PasteKind(Enum):
    """What the clipboard held."""

    HTML = "html"
    MARKDOWN = "markdown"


def read_paste(kind: PasteKind, text: str) -> list[Block]:
    """The pasted text as normalised blocks: HTML cleaned as a paste, or Markdown read."""
    if kind is PasteKind.HTML:
        blocks = blocks_from_html(text, pasted=True)
    else:
        blocks = markdown_to_blocks(text)
    return normalise_blocks(blocks)


def _read_in_pieces(kind: PasteKind, text: str) -> list[bytes]:
    blocks = read_paste(kind, text)
    return [
        pickle.dumps(blocks[start : start + PIECE_BLOCKS])
        for start in range(0, len(blocks), PIECE_BLOCKS)
    ]


class PasteProcess:
    """One worker process that reads huge pastes, started when first needed."""

    def __init__(self, chars: int = PROCESS_CHARS) -> None:
        self.chars = chars
        self._executor: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()
        #: Pastes read by the worker process (tests read it).
        self.read = 0

    def read_paste(self, kind: PasteKind, text: str) -> list[Block]:
        """Read the paste (call it beside the window), in the worker process if it is huge."""
        if len(text) < self.chars:
            return read_paste(kind, text)
        with self._lock:
            if self._executor is None:
                # "spawn": a forked copy of a process running Qt threads can deadlock.
                self._executor = ProcessPoolExecutor(
                    1, mp_context=multiprocessing.get_context("spawn"), initializer=lower_priority
                )
            executor = self._executor
        try:
            pieces = executor.submit(_read_in_pieces, kind, text).result()
        except (BrokenProcessPool, OSError):
            # The process could not start (a frozen app) or died: read it here instead.
            self.close()
            return read_paste(kind, text)
        self.read += 1
        blocks: list[Block] = []
        for piece in pieces:
            blocks.extend(pickle.loads(piece))  # our own process's blocks
        return blocks

    def close(self) -> None:
        """Stop the worker process (a paste it is reading is dropped)."""
        with self._lock:
            executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=False, cancel_futures=True)
