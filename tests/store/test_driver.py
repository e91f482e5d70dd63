"""peewee starts without psycopg and gets it when a server database is needed.

Run in new processes: what a process imported is the point.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO


def run(script: str) -> str:
    """Run ``script`` in a new Python process importing this checkout; return its output."""
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    return result.stdout.strip()


def test_a_database_file_is_opened_and_written_without_psycopg(tmp_path: Path) -> None:
    db = tmp_path / "newsroom.db"
    output = run(
        "import sys\n"
        "from desktop.article import Article\n"
        "from desktop.store import Store\n"
        f"store = Store.open({str(db)!r})\n"
        "saved = store.add_article(Article(title='职工书屋开放'))\n"
        "print(store.get_article(saved.id).title, 'psycopg' in sys.modules)\n"
    )
    assert output == "职工书屋开放 False"


def test_the_server_module_gives_peewee_its_driver() -> None:
    output = run(
        "import desktop, peewee\n"
        "print(peewee.psycopg is None)\n"
        "import psycopg\n"
        "from psycopg.pq import TransactionStatus\n"
        "import desktop.store.postgres\n"
        "database = peewee.PostgresqlDatabase('newsroom', prefer_psycopg3=True)\n"
        "adapter = database._adapter\n"
        "print(peewee.psycopg is psycopg, type(adapter).__name__,\n"
        "      adapter.txn_idle is TransactionStatus.IDLE, adapter.json_type is not None)\n"
    )
    assert output.splitlines() == ["True", "True Psycopg3Adapter True True"]


def test_peewee_imported_before_the_application_keeps_its_driver() -> None:
    output = run("import peewee, desktop.store\nprint(peewee.psycopg is not None)\n")
    assert output == "True"


FENCED = "```python\nprint('职工书屋')\n```\n\n~~~\n<b>代码</b>\n~~~\n\n正文。\n"


def test_fenced_code_renders_the_same_without_pygments() -> None:
    # Markdown's codehilite (imported by fenced_code) imports Pygments for highlighting our
    # dialect never turns on; the application imports it without, to the same HTML.
    script = (
        "import sys\n"
        "{first}"
        "from desktop.render.markdown import render_body\n"
        f"print(repr(render_body({FENCED!r})), 'pygments' in sys.modules)\n"
    )
    with_pygments = run(script.format(first="import markdown.extensions.codehilite\n"))
    without = run(script.format(first=""))
    assert with_pygments.endswith(" True") and without.endswith(" False")
    assert with_pygments.rsplit(" ", 1)[0] == without.rsplit(" ", 1)[0]
    assert "&lt;b&gt;代码&lt;/b&gt;" in without
