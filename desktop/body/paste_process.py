"""Reading a huge paste in a worker process, away from the window's Python lock.

Cleaning 5 MB of Word's clipboard HTML (or a 2,000-row table, or a long Markdown paste) is
seconds of pure Python; on a thread of the window's process the GUI thread waits for
Python's lock after each call into Qt all that time, and the two share the processor at the
same priority. A paste this large is read by one worker process: a plain Python started
with ``-c``, which lowers its priority before it imports anything of ours (a
``multiprocessing`` child imports the parent's main module and its own readers first, at
the window's priority). The window starts it as a spare once it is up, so a paste does not
wait for its start either. The blocks come back in pickled pieces (a long table in pieces of
rows), so that turning them back into objects never holds the lock for long at once.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import subprocess
import sys
import threading
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import IO

from desktop.body.blocks import Block, Table, normalise_blocks
from desktop.body.dialect import markdown_to_blocks
from desktop.body.html_reader import blocks_from_html

#: Pasted text at least this long (characters of HTML or Markdown) is read in the process.
PROCESS_CHARS = 200_000
#: A pasted table of at least this many rows is read in the process, however short its
#: markup: a 2,000-row table is 150,000 characters of HTML and half a second of reading.
PROCESS_ROWS = 200
#: Blocks per pickled piece sent back.
PIECE_BLOCKS = 50
#: Table rows per pickled piece: a 2,000-row table in one piece took 30 ms to unpickle, in
#: one call that holds the lock throughout.
PIECE_ROWS = 100
#: How much lower the worker process runs than the window: on a busy 2-core PC the window's
#: thread then gets a core first, and the paste is read in the time left over.
NICENESS = 10

#: What the worker runs: its priority lowered first, then the readers imported, then served.
_WORKER = (
    "import os\n"
    "try:\n"
    f"    os.nice({NICENESS})\n"
    "except (AttributeError, OSError):\n"
    "    pass\n"
    "from desktop.body.paste_process import serve\n"
    "serve()\n"
)


def lower_priority(niceness: int = NICENESS) -> None:
    """Run this (worker) process below the window's priority, where the system allows it."""
    if hasattr(os, "nice"):
        with contextlib.suppress(OSError):  # not allowed here: run at the same priority
            os.nice(niceness)


class PasteKind(Enum):
    """What the clipboard held."""

    HTML = "html"
    MARKDOWN = "markdown"


@dataclass
class _MoreRows:
    """Rows that continue the table of the piece before (a long table sent in pieces)."""

    rows: list


def read_paste(kind: PasteKind, text: str) -> list[Block]:
    """The pasted text as normalised blocks: HTML cleaned as a paste, or Markdown read."""
    if kind is PasteKind.HTML:
        blocks = blocks_from_html(text, pasted=True)
    else:
        blocks = markdown_to_blocks(text)
    return normalise_blocks(blocks)


def table_rows(kind: PasteKind, text: str) -> int:
    """About how many table rows the pasted text holds (its row tags or Markdown rows)."""
    if kind is PasteKind.HTML:
        return text.count("<tr") + text.count("<TR")
    return text.count("\n|")


def _pieces(blocks: list[Block]) -> list[bytes]:
    """The blocks as pickled pieces of at most ``PIECE_BLOCKS`` blocks or ``PIECE_ROWS`` rows."""
    pieces: list[bytes] = []
    part: list[Block | _MoreRows] = []
    for block in blocks:
        if isinstance(block, Table) and len(block.rows) > PIECE_ROWS:
            if part:
                pieces.append(pickle.dumps(part))
                part = []
            first = Table(header=block.header, rows=block.rows[:PIECE_ROWS], spans=block.spans)
            pieces.append(pickle.dumps([first]))
            pieces.extend(
                pickle.dumps([_MoreRows(block.rows[start : start + PIECE_ROWS])])
                for start in range(PIECE_ROWS, len(block.rows), PIECE_ROWS)
            )
            continue
        part.append(block)
        if len(part) >= PIECE_BLOCKS:
            pieces.append(pickle.dumps(part))
            part = []
    if part:
        pieces.append(pickle.dumps(part))
    return pieces


def _joined(pieces: list[bytes]) -> list[Block]:
    """The blocks of ``_pieces``, unpickled a piece at a time."""
    blocks: list[Block] = []
    for piece in pieces:
        for item in pickle.loads(piece):  # our own worker's blocks
            if isinstance(item, _MoreRows):
                table = blocks[-1]
                assert isinstance(table, Table)
                table.rows.extend(item.rows)
            else:
                blocks.append(item)
    return blocks


def serve(requests: IO[bytes] | None = None, answers: IO[bytes] | None = None) -> None:
    """The worker's loop: read each (kind, text) asked for, answer with its blocks' pieces."""
    if requests is None or answers is None:
        # The answers get a pipe of their own: anything printed goes to stderr instead.
        requests = sys.stdin.buffer
        answers = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
        os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    while True:
        try:
            kind, text = pickle.load(requests)  # the window's own request
        except EOFError:
            return  # the window closed it (or is gone)
        try:
            pickle.dump(_pieces(read_paste(PasteKind(kind), text)), answers)
            answers.flush()
        except BrokenPipeError:
            return


class PasteDropped(Exception):
    """The paste being read was dropped: the worker was stopped meanwhile."""


class PasteProcess:
    """One worker process that reads huge pastes, started as a spare or when first needed."""

    def __init__(self, chars: int = PROCESS_CHARS, rows: int = PROCESS_ROWS) -> None:
        self.chars = chars
        self.rows = rows
        self._worker: subprocess.Popen[bytes] | None = None
        self._starting = threading.Lock()
        self._asking = threading.Lock()  # one paste at a time talks to the worker
        self._stops = 0  # workers stopped: a read whose worker was stopped is not retried
        self._closed = False
        #: Pastes read by the worker process (tests read it).
        self.read = 0

    def wants_process(self, kind: PasteKind, text: str) -> bool:
        """Whether this paste is read in the worker process (long text or a long table)."""
        return len(text) >= self.chars or table_rows(kind, text) >= self.rows

    @property
    def pid(self) -> int | None:
        """The worker process's id while it runs."""
        worker = self._worker
        return worker.pid if worker is not None and worker.poll() is None else None

    def start(self) -> None:
        """Start the worker now if it is not running (it imports its readers meanwhile)."""
        with self._starting:
            worker = self._worker
            if self._closed or (worker is not None and worker.poll() is None):
                return
            self._worker = None
            if getattr(sys, "frozen", False):
                return  # a frozen app's executable is the app: read pastes here
            package_root = str(Path(__file__).resolve().parents[2])
            path = os.environ.get("PYTHONPATH")
            env = {
                **os.environ,
                "PYTHONPATH": package_root + (os.pathsep + path if path else ""),
            }
            with contextlib.suppress(OSError):  # no Python to run: read pastes here
                self._worker = subprocess.Popen(
                    [sys.executable, "-c", _WORKER],
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    env=env,
                )

    def read_paste(self, kind: PasteKind, text: str) -> list[Block]:
        """Read the paste (call it beside the window), in the worker process if it is huge."""
        if not self.wants_process(kind, text):
            return read_paste(kind, text)
        with self._asking:
            stops = self._stops
            self.start()
            worker = self._worker
            if self._closed:
                raise PasteDropped
            if worker is None or worker.stdin is None or worker.stdout is None:
                return read_paste(kind, text)
            try:
                pickle.dump((kind.value, text), worker.stdin, protocol=pickle.HIGHEST_PROTOCOL)
                worker.stdin.flush()
                pieces = pickle.load(worker.stdout)  # from our own worker
            except (OSError, EOFError, ValueError, pickle.UnpicklingError) as exc:
                if self._stops != stops:
                    raise PasteDropped from exc
                # The worker died (killed, out of memory): read it here instead.
                self._stop()
                return read_paste(kind, text)
        self.read += 1
        return _joined(pieces)

    def close(self) -> None:
        """Stop the worker process for good (a paste it is reading is dropped)."""
        with self._starting:
            self._closed = True
        self._stop()

    def _stop(self) -> None:
        with self._starting:
            worker, self._worker = self._worker, None
            self._stops += 1
        if worker is None:
            return
        with contextlib.suppress(OSError):
            worker.kill()
        worker.wait()
        for pipe in (worker.stdin, worker.stdout):
            if pipe is not None:
                with contextlib.suppress(OSError):
                    pipe.close()
