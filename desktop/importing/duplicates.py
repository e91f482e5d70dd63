"""Importing the same file twice: found, and skipped, updated or kept as the user says.

Each imported file is remembered in the store's bookkeeping by the SHA-256 of its bytes and
by its name, with the article it became. A file is a duplicate of a live article when it is
the very same file imported before, when the article has its title and body word for word
(however it got there), or when a file of the same name became an article of the same title
(an earlier version of the file: updating it is what the user usually wants).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from enum import Enum
from typing import TYPE_CHECKING

from desktop.article import Article
from desktop.i18n import tr
from desktop.store import ArticleNotFound, ListQuery, Store

if TYPE_CHECKING:
    from desktop.importing.batch import ImportedFile

#: The fields a re-imported file replaces in the article it duplicates; its column, status
#: and publication time stay as the office set them.
UPDATED_FIELDS = (
    "kicker",
    "title",
    "subtitle",
    "author",
    "source",
    "summary",
    "keywords",
    "cover",
    "body",
)


class DuplicatePolicy(Enum):
    """What to do with a file already imported."""

    SKIP = "skip"
    UPDATE = "update"
    KEEP = "keep"


class Sameness(Enum):
    """How a file matches the article it duplicates."""

    SAME_FILE = "same file"
    SAME_TEXT = "same text"
    SAME_NAME = "same name"


@dataclass(frozen=True)
class Duplicate:
    """A file to import and the live article it duplicates."""

    file: ImportedFile
    existing: Article
    sameness: Sameness

    def describe(self) -> str:
        """Say which article the file duplicates, and how, in one line."""
        fields = {"name": self.file.path.name, "id": self.existing.id, "title": self.existing.title}
        if self.sameness is Sameness.SAME_FILE:
            return tr("{name} was imported before: article #{id} “{title}”", **fields)
        if self.sameness is Sameness.SAME_TEXT:
            return tr("{name} has the same title and text as article #{id} “{title}”", **fields)
        return tr("{name} looks like a new version of article #{id} “{title}”", **fields)


def file_hash(file: ImportedFile) -> str:
    """Return the SHA-256 of the file's bytes as read now."""
    return hashlib.sha256(file.path.read_bytes()).hexdigest()


def _file_key(digest: str) -> str:
    return f"import-file:{digest}"


def _name_key(file: ImportedFile) -> str:
    return f"import-name:{file.path.name.casefold()}"


def _live(store: Store, value: str | None) -> Article | None:
    if value is None:
        return None
    try:
        article_id = int(value)
        if article_id in store.trashed_ids():
            return None
        return store.get_article(article_id)
    except (ValueError, ArticleNotFound):
        return None


def find_duplicate(store: Store, file: ImportedFile) -> Duplicate | None:
    """Return the live article ``file`` duplicates, or None if it is new."""
    same_file = _live(store, store.state_value(_file_key(file_hash(file))))
    if same_file is not None:
        return Duplicate(file, same_file, Sameness.SAME_FILE)
    title = file.article.title
    for summary in store.list_articles(ListQuery(text=title, limit=50)).items:
        if summary.title == title and summary.id is not None:
            existing = store.get_article(summary.id)
            if existing.body.strip() == file.article.body.strip():
                return Duplicate(file, existing, Sameness.SAME_TEXT)
    same_name = _live(store, store.state_value(_name_key(file)))
    if same_name is not None and same_name.title == title:
        return Duplicate(file, same_name, Sameness.SAME_NAME)
    return None


def remember_import(store: Store, file: ImportedFile, article: Article) -> None:
    """Remember which article the file became, so importing it again is noticed."""
    if article.id is None:
        return
    store.set_state_value(_file_key(file_hash(file)), str(article.id))
    store.set_state_value(_name_key(file), str(article.id))


def update_from_file(store: Store, duplicate: Duplicate) -> Article:
    """Replace the duplicated article's text with the file's (a revision keeps the old one)."""
    existing, fresh = duplicate.existing, duplicate.file.article
    changed = replace(existing, **{name: getattr(fresh, name) for name in UPDATED_FIELDS})
    with store.transaction():
        duplicate.file.pictures.save(store)
        saved = store.save_article(changed)
        remember_import(store, duplicate.file, saved)
    return saved
