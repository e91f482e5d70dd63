"""A second PC of the office, as a real process: the store and its edit locks, driven by lines.

``python -m tests.team_peer URL PERSON LOGIN HOST`` reads one JSON command per line on stdin and
answers one JSON line on stdout, so a test (or a benchmark) can act as another person on the
same server step by step while its own window runs:

- ``{"op": "read", "id": 3}`` → the stored article's ``version``, ``title`` and ``body``
- ``{"op": "save", "id": 3, "title": …, "body": …, "version": 2}`` → saves over that version
  (the one read before; default: the stored one) → ``version``, or ``conflict`` when someone
  saved in between
- ``{"op": "add", "title": …}`` → ``id`` of the new article
- ``{"op": "take" | "take_over" | "beat" | "release", "id": 3}`` → the lock; ``holder`` is
  who else has it (``null``: ours)
- ``{"op": "submit", "id": 3}`` → 送审 as PERSON
- ``{"op": "trash", "id": 3}``

Every answer carries ``t``, the wall-clock time just after the change was committed.
"""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from desktop.article import Article, Status
from desktop.review.flow import ReviewFlow
from desktop.store import ConflictError, Store
from desktop.store.locks import EditLocks


def _holder(locks: EditLocks, found: Any) -> dict[str, Any] | None:
    if found is None:
        return None
    return {"person": found.person, "host": found.host, "mine": locks.is_mine(found)}


def run(store: Store, locks: EditLocks, command: dict[str, Any]) -> dict[str, Any]:
    """Carry out one command and return the answer."""
    op = command["op"]
    article_id = command.get("id")
    if op == "read":
        article = store.get_article(article_id)
        return {"version": article.version, "title": article.title, "body": article.body}
    if op == "save":
        stored = store.get_article(article_id)
        edited = replace(
            stored,
            title=command.get("title", stored.title),
            body=command.get("body", stored.body),
            version=command.get("version", stored.version),
        )
        try:
            saved = store.save_article(edited)
        except ConflictError:
            return {"conflict": True}
        return {"version": saved.version}
    if op == "add":
        added = store.add_article(
            Article(title=command["title"], body=command.get("body", ""), status=Status.DRAFT)
        )
        return {"id": added.id}
    if op == "take":
        return {"holder": _holder(locks, locks.take(article_id))}
    if op == "take_over":
        locks.take_over(article_id)
        return {"holder": None}
    if op == "beat":
        return {"holder": _holder(locks, locks.beat(article_id))}
    if op == "release":
        locks.release(article_id)
        return {}
    if op == "submit":
        ReviewFlow(store, locks.person).submit(article_id)
        return {}
    if op == "trash":
        store.trash_article(article_id)
        return {}
    raise ValueError(f"unknown command {op!r}")


def main(argv: list[str]) -> int:
    """Serve commands until stdin closes."""
    url, person, login, host = argv
    with Store.open(url) as store:
        locks = EditLocks(store, person, login=login, host=host)
        print(json.dumps({"ready": True}), flush=True)
        for line in sys.stdin:
            if not line.strip():
                continue
            try:
                answer = run(store, locks, json.loads(line))
            except Exception as exc:  # the test reads the failure instead of a dead pipe
                answer = {"error": f"{type(exc).__name__}: {exc}"}
            answer["t"] = time.time()
            print(json.dumps(answer, ensure_ascii=False), flush=True)
    return 0


REPO = Path(__file__).resolve().parent.parent


class Peer:
    """Another PC: a ``tests.team_peer`` process, asked one command at a time."""

    def __init__(self, url: str, person: str, login: str, host: str) -> None:
        env = dict(os.environ, PYTHONPATH=str(REPO))
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.team_peer", url, person, login, host],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            cwd=REPO,
            env=env,
        )
        assert self._answer().get("ready"), "the second PC did not start"

    def _answer(self, timeout: float = 60) -> dict[str, Any]:
        assert self.process.stdout is not None
        readable, _, _ = select.select([self.process.stdout], [], [], timeout)
        if not readable:
            raise TimeoutError("the second PC does not answer")
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError(f"the second PC ended (exit code {self.process.wait()})")
        return dict(json.loads(line))

    def ask(self, **command: Any) -> dict[str, Any]:
        """Send one command and return the answer (an ``error`` fails the caller)."""
        assert self.process.stdin is not None
        self.process.stdin.write(json.dumps(command, ensure_ascii=False) + "\n")
        self.process.stdin.flush()
        answer = self._answer()
        if "error" in answer:
            raise RuntimeError(f"the second PC failed {command}: {answer['error']}")
        return answer

    def close(self) -> None:
        """End the process (its locks stay until they expire, like a PC switched off)."""
        if self.process.stdin is not None:
            self.process.stdin.close()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        if self.process.stdout is not None:
            self.process.stdout.close()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
