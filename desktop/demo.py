"""The demo database: invented sample articles and site settings shipped in resources/samples."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import yaml

from desktop.article import Column
from desktop.article_file import read_article_file
from desktop.resources import resource_path
from desktop.sample_content import mark_as_sample
from desktop.site import Site
from desktop.store import Store


def sample_dir() -> Path:
    """Return the folder of sample content."""
    return resource_path("samples")


def load_sample_site() -> Site:
    """Return the sample site settings."""
    data = yaml.safe_load((sample_dir() / "site.yaml").read_text(encoding="utf-8")) or {}
    site = Site()
    for key, value in data.items():
        site = site.with_value(str(key), str(value))
    return site


def seed_demo(store: Store) -> int:
    """Fill an empty store with the sample site, columns and articles; return how many articles."""
    columns_data = yaml.safe_load((sample_dir() / "columns.yaml").read_text(encoding="utf-8"))
    # Each sample was written when it was published, so the self-check's back-dating rule
    # (published before it was created) does not fire on every demo article.
    articles = [
        replace(article, created_at=article.published_at)
        for article in (
            read_article_file(p) for p in sorted((sample_dir() / "articles").glob("*.md"))
        )
    ]
    with store.transaction():
        store.save_site(load_sample_site())
        store.save_columns([Column(name=c["name"], slug=c["slug"]) for c in columns_data])
        store.add_articles(articles)
    return len(articles)


def open_store(
    path: Path, *, demo_if_new: bool = False, check_pages: bool = True, thorough: bool = False
) -> Store:
    """Open the store at ``path``; a database created just now gets the demo content if asked."""
    is_new = not path.exists()
    store = Store.open(path, check_pages=check_pages, thorough=thorough)
    if is_new and demo_if_new:
        seed_demo(store)
        # The window's first run: its invented articles and settings are said to be samples.
        mark_as_sample(store)
    return store
