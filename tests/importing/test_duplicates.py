"""Importing the same file twice: found, then skipped (and said so), updated or kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.cli import main
from desktop.importing import read_import_file, save_imported
from desktop.importing.batch import FileRead, store_read_file
from desktop.importing.duplicates import DuplicatePolicy, Sameness, find_duplicate
from desktop.store import Store
from tests.importing.documents import report_docx

NOTICE = "---\ntitle: 关于开展职工健步走活动的通知\ncolumn: 通知公告\n---\n\n{body}\n"


def write_notice(path: Path, body: str = "各基层工会：定于5月举办职工健步走活动。") -> Path:
    path.write_text(NOTICE.format(body=body), encoding="utf-8")
    return path


def import_cli(db: Path, *args: str) -> int:
    return main(["--lang", "en", "import", "--db", str(db), *args])


def test_the_command_line_skips_a_file_imported_before_and_says_so(
    tmp_path: Path, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    notice = write_notice(tmp_path / "健步走通知.md")
    assert import_cli(db_path, str(notice)) == 0
    first = capsys.readouterr().out
    assert import_cli(db_path, str(notice)) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "skipped 健步走通知.md was imported before: article #1" in captured.err
    assert "--duplicates=update" in captured.err
    with Store.open(db_path) as store:
        assert store.count_articles() == 1
    assert first.startswith("1\t关于开展职工健步走活动的通知")


def test_the_skip_is_said_in_chinese_under_a_chinese_interface(
    tmp_path: Path, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    notice = write_notice(tmp_path / "健步走通知.md")
    argv = ["--lang", "zh_CN", "import", "--db", str(db_path), str(notice)]
    assert main(argv) == 0 and main(argv) == 0
    assert "以前导入过：第 1 号文章" in capsys.readouterr().err


def test_a_new_version_of_the_file_updates_the_article_when_asked(
    tmp_path: Path, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    notice = write_notice(tmp_path / "健步走通知.md")
    assert import_cli(db_path, str(notice)) == 0
    write_notice(notice, "各基层工会：健步走活动改在6月举办。")
    assert import_cli(db_path, str(notice)) == 0  # default: skipped, the name and title match
    assert "looks like a new version of article #1" in capsys.readouterr().err
    assert import_cli(db_path, "--duplicates=update", str(notice)) == 0
    assert capsys.readouterr().out.startswith("1\t")
    with Store.open(db_path) as store:
        assert store.count_articles() == 1
        assert "6月" in store.get_article(1).body
        assert len(store.revisions(1)) >= 2  # the first text is kept in the history


def test_keep_imports_it_again(tmp_path: Path, db_path: Path) -> None:
    notice = write_notice(tmp_path / "健步走通知.md")
    assert import_cli(db_path, str(notice)) == 0
    assert import_cli(db_path, "--duplicates=keep", str(notice)) == 0
    with Store.open(db_path) as store:
        assert store.count_articles() == 2


def test_the_same_text_from_another_file_is_a_duplicate(tmp_path: Path, store: Store) -> None:
    first = read_import_file(write_notice(tmp_path / "a.md"))
    save_imported(store, [first])
    copy = tmp_path / "转发：健步走.md"
    copy.write_text(NOTICE.format(body="各基层工会：定于5月举办职工健步走活动。") + "\n", "utf-8")
    second = read_import_file(copy)  # other bytes, the same article
    duplicate = find_duplicate(store, second)
    assert duplicate is not None and duplicate.sameness is Sameness.SAME_TEXT
    other = read_import_file(write_notice(tmp_path / "b.md", "另一篇通知的正文。"))
    assert find_duplicate(store, other) is None


def test_an_article_in_the_trash_is_not_a_duplicate(tmp_path: Path, store: Store) -> None:
    file = read_import_file(write_notice(tmp_path / "a.md"))
    (article,) = save_imported(store, [file])
    store.trash_article(article.id)
    assert find_duplicate(store, read_import_file(file.path)) is None


def test_a_word_file_imported_twice_is_skipped_where_the_app_stores_it(
    tmp_path: Path, store: Store
) -> None:
    docx = report_docx(tmp_path / "全委会议.docx", photos=1)
    asked = []

    def decide(duplicate):
        asked.append(duplicate)
        return DuplicatePolicy.SKIP

    first = store_read_file(store, FileRead(docx, read_import_file(docx)), decide)
    second = store_read_file(store, FileRead(docx, read_import_file(docx)), decide)
    assert first.ok and not second.ok and len(asked) == 1
    assert "was imported before" in second.error and second.error.endswith("skipped")
    assert store.count_articles() == 1
