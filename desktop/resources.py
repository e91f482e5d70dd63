"""Locate the shipped resources (templates, CSS, samples, translations), and tell the versions
of the libraries the pages are made with."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


@cache
def resource_dir() -> Path:
    """Return the resources folder, from an installed wheel or from a source checkout."""
    for candidate in (_PACKAGE_DIR / "_resources", _PACKAGE_DIR.parent / "resources"):
        if (candidate / "templates").is_dir():
            return candidate
    raise FileNotFoundError("Newsroom resources not found next to the package")


def resource_path(*parts: str) -> Path:
    """Return the path of one resource file or folder, e.g. ``resource_path("css", "site.css")``."""
    return resource_dir().joinpath(*parts)


def library_versions(names: Sequence[str]) -> list[tuple[str, str | None]]:
    """Return each library's installed version, from the name of its ``.dist-info`` folder.

    The first folder along ``sys.path`` wins, as for the import. Read from the folder names
    because ``importlib.metadata`` costs an export tens of milliseconds (its imports, one
    search of the path per library); ``importlib.metadata`` answers only for a
    library installed otherwise (an egg, a zip).
    """
    found: dict[str, str] = {}
    for entry in sys.path:
        try:
            listing = os.listdir(entry or ".")
        except OSError:
            continue
        for item in listing:
            if item.endswith(".dist-info"):
                name, _, number = item[: -len(".dist-info")].partition("-")
                found.setdefault(name.lower().replace("_", "-"), number)
        if all(name in found for name in names):
            break
    versions: list[tuple[str, str | None]] = []
    for name in names:
        version: str | None = found.get(name)
        if version is None:
            import importlib.metadata

            try:
                version = importlib.metadata.version(name)
            except importlib.metadata.PackageNotFoundError:
                version = None
        versions.append((name, version))
    return versions
