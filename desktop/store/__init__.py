"""The article store (Peewee on SQLite): no Qt here."""

from desktop.store.store import (
    ArticleNotFound,
    ArticleSummary,
    ConflictError,
    Cursor,
    ListQuery,
    Page,
    Sort,
    Store,
    StoreError,
)

__all__ = [
    "ArticleNotFound",
    "ArticleSummary",
    "ConflictError",
    "Cursor",
    "ListQuery",
    "Page",
    "Sort",
    "Store",
    "StoreError",
]
