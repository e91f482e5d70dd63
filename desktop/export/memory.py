"""What the export remembers of each article between runs: its fingerprints by id and version.

An export needs two things from every article before it can tell which pages changed: the
hash the sign-off gate compares with the signatures, and the fingerprint of the fields its page
shows. Both come from the whole article, body included; reading and hashing 10,000 bodies is
most of a re-export's time. Both depend only on the article's content, which changes only with
its version (every write of the store adds one) and its ``updated_at``, so the export keeps
them in the database's own bookkeeping (``store_state``) keyed by id, version and update time,
and loads a body only for an article it has not seen at that version.

The memory is a cache and never the authority: a stamp of the code that computes the values
(the renderer's fingerprint, the article fields and the sign-off hash) drops all of it when
that code changes, a value whose pictures were not all found is never kept (adding the
picture later changes the hash without a new version), and a database restored from a backup
brings back its own memory with its own articles.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from desktop.article import Article
from desktop.export.fingerprints import article_fingerprint, renderer_fingerprint
from desktop.review.content import PictureHash, content_hash
from desktop.store import Store, StoreError

#: The ``store_state`` key of the memory.
STATE_KEY = "export.article_fingerprints"
#: The key of the articles learned since the memory was last written whole: rewriting 10,000
#: entries (1.6 MB) after each change cost a re-export more than the change itself.
RECENT_KEY = "export.article_fingerprints.recent"
#: Past this many recent entries the memory is written whole again.
MOST_RECENT = 500


@dataclass(frozen=True)
class Remembered:
    """One article as the last export saw it: version, update time and its two hashes."""

    version: int
    updated: str
    content: str  # the sign-off gate's content hash
    inputs: str  # the fingerprint of what its page shows


@cache
def memory_stamp() -> str:
    """Return a fingerprint of the code the remembered values come from."""
    digest = hashlib.sha256(renderer_fingerprint().encode())
    package = Path(__file__).resolve().parent.parent
    for source in ("article.py", "review/content.py"):
        digest.update((package / source).read_bytes())
    return digest.hexdigest()


def _updated(article: Article) -> str:
    return article.updated_at.isoformat() if article.updated_at is not None else ""


class ArticleMemory:
    """The fingerprints of the articles the last export took, read from and kept in the store.

    Entries are read from the store as they are and turned into :class:`Remembered` only
    when asked for: a re-export of one changed article at 10,000 articles asks for a few.
    """

    def __init__(
        self, known: dict[int, Remembered] | None = None, raw: dict[int, list[Any]] | None = None
    ) -> None:
        self.known: dict[int, Remembered] = known or {}
        self._raw: dict[int, list[Any]] = raw or {}  # as stored, not yet asked for
        self.changed = False
        self._recent: set[int] = set()  # learned since the memory was written whole
        self._whole = True  # whether only a rewrite can save it (something was forgotten)
        self._partial = False  # read without the entries written whole (read(whole=False))

    @classmethod
    def read(cls, store: Store, *, whole: bool = True) -> ArticleMemory:
        """Return the store's memory, empty when there is none or it came from other code.

        ``whole=False`` reads only the articles learned since it was written whole (a quick
        re-export asks for a few articles, which it reads whole anyway): 10,000 entries
        are 1.6 MB of JSON to read back. Such a memory reads the rest before writing it whole.
        """
        data: Any = None
        if whole:
            try:
                text = store.state_value(STATE_KEY)
                data = json.loads(text) if text else None
            except (StoreError, ValueError):
                data = None
            if not isinstance(data, dict) or data.get("stamp") != memory_stamp():
                return cls()
            articles = data.get("articles")
            if not isinstance(articles, dict):
                return cls()
        else:
            articles = {}
        recent: dict[str, Any] = {}
        try:
            text = store.state_value(RECENT_KEY)
            found = json.loads(text) if text else None
            if isinstance(found, dict) and found.get("stamp") == memory_stamp():
                recent = found.get("articles") or {}
        except (StoreError, ValueError):
            recent = {}
        raw: dict[int, list[Any]] = {}
        for key, value in (*articles.items(), *recent.items()):
            try:
                raw[int(key)] = value
            except ValueError:
                continue  # one entry that cannot be read is one article read again
        memory = cls(raw=raw)
        memory._recent = {int(key) for key in recent if key.isdigit()}
        memory._whole = False
        memory._partial = not whole
        return memory

    def _entry(self, article_id: int) -> Remembered | None:
        found = self.known.get(article_id)
        if found is None and article_id in self._raw:
            try:
                version, updated, content, inputs = self._raw.pop(article_id)
                found = Remembered(int(version), str(updated), str(content), str(inputs))
            except (TypeError, ValueError):
                return None  # one entry that cannot be read is one article read again
            self.known[article_id] = found
        return found

    def get(self, article: Article) -> Remembered | None:
        """Return what is remembered of this article at this version, or None."""
        found = self._entry(article.id or 0)
        if found is None or found.version != article.version or found.updated != _updated(article):
            return None
        return found

    def learn(self, article: Article, picture_hash: PictureHash) -> Remembered:
        """Compute (and, when it can be trusted later, remember) a whole article's hashes."""
        missing: list[str] = []

        def finding(path: str) -> str | None:
            found = picture_hash(path)
            if found is None:
                missing.append(path)
            return found

        value = Remembered(
            article.version,
            _updated(article),
            content_hash(article, finding),
            article_fingerprint(article),
        )
        if article.id is not None and not missing:
            self.known[article.id] = value
            self._recent.add(article.id)
            self.changed = True
        return value

    def keep_only(self, ids: Iterable[int]) -> None:
        """Forget articles the export no longer sees (deleted, or no longer exported)."""
        wanted = set(ids)
        for entries in (self.known, self._raw):
            gone = [key for key in entries if key not in wanted]
            for key in gone:
                del entries[key]
            if gone:
                self.changed = self._whole = True

    def save(self, store: Store) -> None:
        """Keep the memory in the store if it changed; a store that cannot write keeps none."""
        if not self.changed:
            return
        entries: dict[int, list[Any]] = dict(self._raw)
        for key, v in self.known.items():
            entries[key] = [v.version, v.updated, v.content, v.inputs]
        rewrite = self._whole or len(self._recent) > MOST_RECENT
        if rewrite and self._partial:
            entries = {**ArticleMemory.read(store)._raw, **entries}
            self._partial = False
        try:
            if not rewrite:
                recent = {str(key): entries[key] for key in sorted(self._recent) if key in entries}
                data = {"stamp": memory_stamp(), "articles": recent}
                store.set_state_value(RECENT_KEY, json.dumps(data, separators=(",", ":")))
            else:
                data = {
                    "stamp": memory_stamp(),
                    "articles": {str(key): value for key, value in sorted(entries.items())},
                }
                store.set_state_value(STATE_KEY, json.dumps(data, separators=(",", ":")))
                store.set_state_value(RECENT_KEY, None)
                self._recent.clear()
                self._whole = False
        except StoreError:
            return  # a read-only database: the next export reads the bodies again
        self.changed = False


def fingerprints(
    store: Store,
    articles: Iterable[Article],
    memory: ArticleMemory,
    picture_hash: PictureHash,
) -> dict[int, Remembered]:
    """Return each article's hashes by id: remembered, or computed from the whole article.

    ``articles`` may come without bodies; those the memory does not know are read whole,
    a batch at a time, and dropped again. An article saved since ``articles`` were read has
    no entry: the caller cannot vouch for it.
    """
    found: dict[int, Remembered] = {}
    unknown: dict[int, Article] = {}
    for article in articles:
        assert article.id is not None
        remembered = memory.get(article)
        if remembered is None:
            unknown[article.id] = article
        else:
            found[article.id] = remembered
    if unknown:
        for whole in store.iter_articles(ids=list(unknown)):
            assert whole.id is not None
            if whole.version != unknown[whole.id].version:
                continue
            found[whole.id] = memory.learn(whole, picture_hash)
    return found
