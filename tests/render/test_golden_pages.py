"""Golden pages: rendered HTML compared byte for byte with tests/render/golden/*.html.

After an intended change to the templates or the Markdown dialect, regenerate them with::

    NEWSROOM_REGEN_GOLDEN=1 .venv/bin/pytest tests/render

and review the diff of tests/render/golden/ before committing it.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop.render.page import render_article_page, render_list_page
from tests.render.render_samples import (
    bare_site,
    columns,
    full_site,
    minimal_article,
    report_article,
)

GOLDEN = Path(__file__).resolve().parent / "golden"
REGENERATE = os.environ.get("NEWSROOM_REGEN_GOLDEN") == "1"

PAGES: dict[str, Callable[[], str]] = {
    "report_article.html": lambda: render_article_page(report_article(), full_site(), columns()),
    "minimal_article.html": lambda: render_article_page(minimal_article(), bare_site(), []),
    "column_list.html": lambda: render_list_page(
        "工会动态",
        [report_article(), minimal_article()],
        full_site(),
        columns(),
        "columns/union-news/index_2.html",
        page=2,
        pages=3,
        current_column=columns()[1],
    ),
    "home_list.html": lambda: render_list_page("首页", [], bare_site(), columns(), "index.html"),
}


@pytest.mark.parametrize("name", sorted(PAGES))
def test_golden_page(name: str) -> None:
    rendered = PAGES[name]()
    path = GOLDEN / name
    if REGENERATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(rendered.encode("utf-8"))
    assert path.exists(), (
        f"{path} missing: run NEWSROOM_REGEN_GOLDEN=1 .venv/bin/pytest tests/render"
    )
    expected = path.read_bytes().decode("utf-8")
    assert rendered == expected, f"{name} differs from its golden file (see module docstring)"


def test_no_stale_golden_files() -> None:
    assert sorted(p.name for p in GOLDEN.glob("*.html")) == sorted(PAGES)
