"""Checking a long article in a worker process, away from the window's Python lock.

The whole check of a 300,000-character article is seconds of pure Python and long regular
expression passes that hold Python's lock throughout; on a thread of the window's process
the GUI thread waits for that lock after each call into Qt, and typing stalls. Articles this
long are checked by one worker process instead, started on the first such check and kept for
the next (it builds its own indexes of protected names once); shorter ones are checked where
they are asked for, which costs less than sending them.
"""

from __future__ import annotations

import multiprocessing
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from desktop.article import Article
from desktop.body.paste_process import lower_priority
from desktop.i18n import current_language, set_language
from desktop.proofread.checker import ProofreadSettings, check_article
from desktop.proofread.problem import Problem
from desktop.proofread.statistics import ArticleStatistics, statistics

#: Bodies at least this long (characters) are checked in the worker process.
PROCESS_BODY_CHARS = 100_000


def _start_worker(language: str) -> None:
    set_language(language)
    lower_priority()  # the window's thread gets a core first


def check_with_statistics(
    article: Article, settings: ProofreadSettings
) -> tuple[list[Problem], ArticleStatistics]:
    """The article's problems and its statistics (what the problems panel shows)."""
    return check_article(article, settings), statistics(article)


class CheckProcess:
    """One worker process that checks long articles, started when first needed."""

    def __init__(self, body_chars: int = PROCESS_BODY_CHARS) -> None:
        self.body_chars = body_chars
        self._executor: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()
        #: Articles checked by the worker process (tests read it).
        self.checked = 0

    def check(
        self, article: Article, settings: ProofreadSettings
    ) -> tuple[list[Problem], ArticleStatistics]:
        """Check the article, in the worker process if its body is long."""
        # Imported here: the proofreading package must not pull the renderer in (statistics).
        from desktop.render.process import render_weight

        # A long table weighs as its rows do: its statistics render it, and it is checked
        # cell by cell (a 2,000-row table took two seconds of the window's Python lock).
        if render_weight(article.body) < self.body_chars:
            return check_with_statistics(article, settings)
        with self._lock:
            if self._executor is None:
                # "spawn": a forked copy of a process running Qt threads can deadlock.
                self._executor = ProcessPoolExecutor(
                    1,
                    mp_context=multiprocessing.get_context("spawn"),
                    initializer=_start_worker,
                    initargs=(current_language(),),
                )
            executor = self._executor
        try:
            result = executor.submit(check_with_statistics, article, settings).result()
        except (BrokenProcessPool, OSError):
            # The process could not start (a frozen app) or died: check here instead.
            self.close()
            return check_with_statistics(article, settings)
        self.checked += 1
        return result

    def close(self) -> None:
        """Stop the worker process (a check it is running is dropped)."""
        with self._lock:
            executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=False, cancel_futures=True)
