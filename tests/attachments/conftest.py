"""Fixtures of the attachment tests: real office files, made once per session."""

from __future__ import annotations

import pytest

from tests.attachments.files import office_files


@pytest.fixture(scope="session")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """Real files to attach, by type (PDF and .doc only where LibreOffice is installed)."""
    return office_files(tmp_path_factory.mktemp("attachments"))
