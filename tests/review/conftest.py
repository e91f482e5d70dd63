"""The sign-off flow runs on both backends: the review log lives in the server database too."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.store import Store


@pytest.fixture
def store(db_location: str | Path) -> Iterator[Store]:
    """Return a fresh, empty store, once on SQLite and once on PostgreSQL."""
    with Store.open(db_location) as opened:
        yield opened
