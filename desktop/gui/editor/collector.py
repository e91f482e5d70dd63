"""Python's cyclic collector held off while a large paste or a long table goes in.

A 2,000-row table pasted makes some 70,000 objects that live on (the blocks, the rows the
Markdown reads ahead); once they are old enough, the collector's next full collection walks
them all at once, 45 ms alone and 90-150 ms on a busy PC, in the middle of the paste or of the
typing after it, on whichever thread allocates. While the paste goes in, automatic collection
is off; when it is in, what was made is frozen (``gc.freeze``) as the window's start-up is:
the collector no longer walks it, and it is still freed as soon as nothing refers to it. A
whole 2,000-row paste left no unreachable object behind, so nothing is kept that would
otherwise have been collected.
"""

from __future__ import annotations

import gc

_holds = 0
_was_enabled = False


class CollectorHold:
    """One editor's hold on the collector: off from ``hold`` until ``release``."""

    def __init__(self) -> None:
        self.held = False

    def hold(self) -> None:
        """Turn automatic collection off (once, however often it is called)."""
        global _holds, _was_enabled
        if self.held:
            return
        self.held = True
        if _holds == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _holds += 1

    def release(self) -> None:
        """Freeze what was made meanwhile and turn collection back on, when the last hold ends."""
        global _holds
        if not self.held:
            return
        self.held = False
        _holds -= 1
        if _holds == 0 and _was_enabled:
            gc.freeze()
            gc.enable()
