"""Fixtures of the export tests: a store with the sample site and its media folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.store import Store
from tests.export.sample_bundle import fill_sample_site, make_media_folder


@pytest.fixture
def sample_store(store: Store) -> Store:
    """Return the test store filled with the sample site."""
    fill_sample_site(store)
    return store


@pytest.fixture
def media_root(tmp_path: Path) -> Path:
    """Return a media folder with the sample picture."""
    return make_media_folder(tmp_path / "media-root")
