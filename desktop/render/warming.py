"""Filling the cache of rendered bodies from the database while the window is idle.

An export runs Markdown only for bodies the cache does not hold (``body_cache.py``). The
window's preview keeps the bodies it shows; this fills in the rest: a process of its own,
at the lowest priority (nice 19), renders the bodies of the articles (drafts too; not the
trash), most recently modified first, a small batch at a time, in every edition's
characters the site publishes, with the export's own function.
The window lets it run only while nobody types and stops it when it closes.

It runs in a separate process, never in the window's: rendering is pure Python, and on a
thread of the window it would hold Python's lock against the window's own thread.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from desktop.store import Store
    from desktop.traditional import Variant

#: Articles whose bodies one pass looks at, at most: the most recently modified first.
#: 10,000 bodies of about 3,000 characters take 47 MB of cache.
WARM_LIMIT = 10_000
#: Bodies rendered between two looks at whether to pause or stop (about 5 ms each).
WARM_BATCH = 8


class Gate(Protocol):
    """What the window sets: go on (cleared while typing) and stop (the window closes)."""

    def is_set(self) -> bool:
        """Whether the gate is open."""
        ...

    def wait(self, timeout: float | None = None) -> bool:
        """Wait until the gate opens; whether it did within ``timeout``."""
        ...


@dataclass(frozen=True)
class WarmReport:
    """What one pass did: bodies looked at, rendered now, and whether it was stopped."""

    looked_at: int
    rendered: int
    stopped: bool


def lower_priority(niceness: int = 19) -> None:
    """Lower this process's priority to ``niceness`` (19: the last to get a core)."""
    try:
        current = os.nice(0)
        if niceness > current:
            os.nice(niceness - current)
    except (AttributeError, OSError):
        pass  # Windows has no nice; the process still never runs in the window's


def recent_article_ids(store: Store, limit: int = WARM_LIMIT) -> list[int]:
    """Return the ids of the articles (not those in the trash), most recently modified first.

    Drafts and articles in review too: an imported report is usually approved with its body
    as it came, and the article an export will write next is most often one being worked on.
    """
    listed = store.iter_articles(with_body=False)
    ordered = sorted(
        listed, key=lambda a: (a.updated_at or dt.datetime.min, a.id or 0), reverse=True
    )
    return [a.id for a in ordered[:limit] if a.id is not None]


def site_variants(store: Store) -> list[Variant | None]:
    """Return the characters of every edition the site publishes (None: simplified)."""
    from desktop.render.editions import site_editions

    return list(dict.fromkeys(edition.variant for edition in site_editions(store.site())))


def warm_store(
    store: Store,
    cache: Path | None,
    go_on: Gate,
    stop: Gate,
    *,
    limit: int = WARM_LIMIT,
    batch: int = WARM_BATCH,
) -> WarmReport:
    """Render into the cache the bodies of ``store`` it lacks, waiting while ``go_on`` is clear."""
    from desktop.render.body_cache import BodyCache, edition_body

    bodies = BodyCache(cache)
    looked_at = rendered = 0
    try:
        if not bodies.usable:
            return WarmReport(0, 0, False)
        variants = site_variants(store)
        ids = recent_article_ids(store, limit)
        for start in range(0, len(ids), batch):
            while not go_on.wait(0.2):
                if stop.is_set():
                    return WarmReport(looked_at, rendered, True)
            if stop.is_set():
                return WarmReport(looked_at, rendered, True)
            chunk = list(store.iter_articles(ids=ids[start : start + batch]))
            looked_at += len(chunk)
            wanted = [(a.body, v) for a in chunk for v in variants]
            for text, variant in bodies.missing(wanted):
                bodies.keep(text, variant, edition_body(text, variant))
                rendered += 1
            bodies.flush()
        return WarmReport(looked_at, rendered, False)
    finally:
        bodies.close()


class _StopOrOrphaned:
    """The window's stop gate, also open once the window's process is gone (a crash, a kill).

    A pass paused by typing would otherwise wait for a gate nobody can open any more.
    """

    def __init__(self, stop: Gate) -> None:
        import multiprocessing

        self._stop = stop
        self._parent = multiprocessing.parent_process()

    def is_set(self) -> bool:
        """Whether the pass must stop."""
        return self._stop.is_set() or (self._parent is not None and not self._parent.is_alive())

    def wait(self, timeout: float | None = None) -> bool:
        """Wait for the stop gate (the window's; a lost window is seen by ``is_set``)."""
        return self._stop.wait(timeout)


def warm_database(
    location: Path,
    cache: Path | None,
    go_on: Gate,
    stop: Gate,
    language: str = "en",
    niceness: int = 19,
) -> None:
    """The warmer process: open the database read-only and fill the cache (see warm_store)."""
    lower_priority(niceness)  # first, before the imports below: they are the start's biggest cost
    from desktop.i18n import set_language
    from desktop.store import Store, StoreError

    set_language(language)
    try:
        store = Store.open(location, check_pages=False, read_only=True, network=False)
    except StoreError:
        return  # the window reports trouble with its database itself
    try:
        warm_store(store, cache, go_on, _StopOrOrphaned(stop))
    except StoreError:
        pass  # the database changed under the pass (or went away): the next one sees it
    finally:
        store.close()
