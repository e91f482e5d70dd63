"""Folder imports in the app: progress, a result per file, cancel; and ``newsroom import``."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from desktop.importing import import_files
from desktop.store import Store
from tests.conftest import REPO
from tests.importing.documents import report_docx


def folder_with_one_bad(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    report_docx(folder / "1.docx", title="职工技能大赛开幕", photos=1)
    (folder / "2.docx").write_bytes(b"not a zip")
    (folder / "3.md").write_text("---\ntitle: 送温暖活动\n---\n\n正文\n", encoding="utf-8")
    return folder


def test_generator_reports_each_file_and_imports_the_good_ones(
    store: Store, tmp_path: Path
) -> None:
    steps = list(import_files(store, [folder_with_one_bad(tmp_path)]))
    assert [(s.done, s.total) for s in steps] == [(0, 3), (1, 3), (2, 3), (3, 3)]
    results = [s.result for s in steps if s.result is not None]
    assert [r.ok for r in results] == [True, False, True]
    assert "2.docx" in results[1].error and "not a Word .docx file" in results[1].error
    titles = sorted(store.get_article(r.article.id).title for r in results if r.article)
    assert titles == ["职工技能大赛开幕", "送温暖活动"]


def test_stopping_the_generator_cancels_the_rest(store: Store, tmp_path: Path) -> None:
    progress = import_files(store, [folder_with_one_bad(tmp_path)])
    next(progress)
    first = next(progress)
    progress.close()
    assert first.result is not None and first.result.ok
    count = store.database.execute_sql("SELECT count(*) FROM article").fetchone()[0]
    assert count == 1


def newsroom(*args: object, db: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desktop.cli", "--db", str(db), *map(str, args)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_cli_is_all_or_nothing_unless_skip_bad(tmp_path: Path) -> None:
    folder = folder_with_one_bad(tmp_path)
    db = tmp_path / "n.db"
    refused = newsroom("import", folder, db=db)
    assert refused.returncode == 1 and "2.docx" in refused.stderr and refused.stdout == ""
    assert newsroom("list", db=db).stdout == ""
    skipped = newsroom("import", "--skip-bad", folder, db=db)
    assert skipped.returncode == 0, skipped.stderr
    assert skipped.stdout.splitlines() == ["1\t职工技能大赛开幕", "2\t送温暖活动"]
    assert "skipped" in skipped.stderr and "2.docx" in skipped.stderr
    page = newsroom("show", "1", "--format", "html", db=db).stdout
    assert "<figcaption>图为活动现场1</figcaption>" in page


def test_cli_skip_bad_with_nothing_good_fails(tmp_path: Path) -> None:
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"nope")
    result = newsroom("import", "--skip-bad", bad, db=tmp_path / "n.db")
    assert result.returncode == 1 and "none of the files" in result.stderr
