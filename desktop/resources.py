"""Locate the shipped resources (templates, CSS, samples, translations)."""

from __future__ import annotations

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
