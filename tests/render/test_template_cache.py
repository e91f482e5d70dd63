"""The page templates compiled once are read back by the next run from the user's cache."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from desktop.config import APP_DIR_NAME

REPO = Path(__file__).resolve().parents[2]

# Renders the sample report's page (both editions when the site has a 繁體 one) in a new
# process, counting the templates Jinja2 compiles; prints the count, then the page.
SCRIPT = """
import jinja2
from desktop.render.page import render_article_page
from tests.render.render_samples import columns, full_site, report_article
compiled = []
original = jinja2.Environment.compile
def counting(self, *args, **kwargs):
    compiled.append(args[1] if len(args) > 1 else kwargs.get("name"))
    return original(self, *args, **kwargs)
jinja2.Environment.compile = counting
html = render_article_page(report_article(), full_site(), columns())
print(len(compiled))
print(html)
"""


def render_in_new_process(cache: Path) -> tuple[int, str]:
    """Render the sample page in a new process with ``cache`` as the user's cache folder."""
    env = {**os.environ, "PYTHONPATH": str(REPO), "XDG_CACHE_HOME": str(cache)}
    env["LOCALAPPDATA"] = str(cache)
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=REPO, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    count, _, html = result.stdout.partition("\n")
    return int(count), html


def test_the_next_run_reuses_the_compiled_templates(tmp_path: Path) -> None:
    first_count, first_page = render_in_new_process(tmp_path)
    assert first_count > 0  # the article page and the base page it extends
    assert any((tmp_path / APP_DIR_NAME / "templates").rglob("*.cache"))
    count, page = render_in_new_process(tmp_path)
    assert count == 0
    assert page == first_page and "澜江市总工会召开2024年工作推进会" in page


def test_a_cache_folder_that_cannot_be_used_still_renders_the_page(tmp_path: Path) -> None:
    # The cache folder's place is taken by a file: nothing can be read or kept there.
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("占位")
    _count, expected = render_in_new_process(tmp_path / "fine")
    count, page = render_in_new_process(blocked)
    assert count > 0 and page == expected
    count, page = render_in_new_process(blocked)
    assert count > 0 and page == expected
