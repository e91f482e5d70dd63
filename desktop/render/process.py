"""Rendering a long article's page in a worker process, away from the window's Python lock.

Rendering is pure Python: a 300,000-character article takes a second or more, and on a
thread of the window's process it takes Python's lock from the GUI thread all that time
(typing then stalls even on an idle core). Pages of bodies this long go to one worker
process instead, started on the first such page and kept for the next; shorter ones render
where they are asked for, which costs less than sending them.
"""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

from desktop.article import Article, Column
from desktop.i18n import current_language, set_language
from desktop.site import Site
from desktop.traditional import Variant

#: Bodies at least this long (characters) are rendered in the worker process.
PROCESS_BODY_CHARS = 100_000
#: What a table row counts for against ``PROCESS_BODY_CHARS``: Python-Markdown spends on a
#: row of a short table what it spends on about 40 characters of prose, so a 2,000-row
#: table (70,000 characters) renders as slowly as 150,000 characters of text.
TABLE_ROW_CHARS = 40

T = TypeVar("T")


def render_weight(body: str) -> int:
    """How long a body is to render, in characters of prose."""
    return len(body) + TABLE_ROW_CHARS * body.count("\n|")


def _render(article: Article, site: Site, columns: list[Column]) -> str:
    from desktop.render.page import render_article_page

    return render_article_page(article, site, columns)


def _render_with_body(article: Article, site: Site, columns: list[Column]) -> tuple[str, str]:
    from desktop.render.body_cache import edition_body
    from desktop.render.page import render_article_page

    bodies: list[str] = []

    def body(text: str, variant: Variant | None) -> str:
        # The export's own function, so the HTML kept is exactly what an export would render.
        html = edition_body(text, variant)
        bodies.append(html)
        return html

    page = render_article_page(article, site, columns, bodies=body)
    return page, bodies[0]


class PageProcess:
    """One worker process that renders article pages, started when first needed."""

    def __init__(self, body_chars: int = PROCESS_BODY_CHARS) -> None:
        self.body_chars = body_chars
        self._executor: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()
        #: Pages rendered by the worker process (tests and the benchmark read it).
        self.rendered = 0

    def render_article_page(self, article: Article, site: Site, columns: Sequence[Column]) -> str:
        """Return the article's page, rendered in the worker process if its body is long."""
        return self._run(_render, article, site, columns)

    def render_page_and_body(
        self, article: Article, site: Site, columns: Sequence[Column]
    ) -> tuple[str, str]:
        """Return the article's page and its body's HTML (simplified), as the export has them."""
        return self._run(_render_with_body, article, site, columns)

    def _run(
        self,
        render: Callable[[Article, Site, list[Column]], T],
        article: Article,
        site: Site,
        columns: Sequence[Column],
    ) -> T:
        if render_weight(article.body) < self.body_chars:
            return render(article, site, list(columns))
        with self._lock:
            if self._executor is None:
                # "spawn": a forked copy of a process running Qt threads can deadlock.
                self._executor = ProcessPoolExecutor(
                    1,
                    mp_context=multiprocessing.get_context("spawn"),
                    initializer=set_language,
                    initargs=(current_language(),),
                )
            executor = self._executor
        try:
            page = executor.submit(render, article, site, list(columns)).result()
        except (BrokenProcessPool, OSError):
            # The process could not start (a frozen app) or died: render here instead.
            self.close()
            return render(article, site, list(columns))
        self.rendered += 1
        return page

    def close(self) -> None:
        """Stop the worker process (a page it is rendering is dropped)."""
        with self._lock:
            executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=False, cancel_futures=True)
