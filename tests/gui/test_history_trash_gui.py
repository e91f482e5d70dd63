"""History, trash, conflict and backup dialogs, driven on a real store as a person would."""

from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QPlainTextEdit, QPushButton, QWidget

from desktop.article import Article, Status
from desktop.gui import backup_dialogs
from desktop.gui.backup_dialogs import (
    BackupRunner,
    DamagedChoice,
    DamagedDatabaseDialog,
    RestoreBackupDialog,
)
from desktop.gui.conflict_dialog import ConflictChoice, ConflictDialog
from desktop.gui.dialogs import Dialogs
from desktop.gui.history_dialog import (
    DELETED_CHARS,
    DELETED_LINE,
    FILLER,
    INSERTED_CHARS,
    HistoryDialog,
)
from desktop.gui.trash_dialog import TrashDialog
from desktop.store import Store
from desktop.store.backup import BackupKind, backup_folder, backup_now, list_backups
from desktop.store.errors import DamagedDatabase
from desktop.store.integrity import is_good_database
from desktop.store.revisions import RevisionReason
from tests.conftest import make_article
from tests.gui.test_i18n import assert_no_english, shown_texts

ORIGINAL_BODY = "**一是抓学习。**会议要求，全市各级工会要突破300个服务站点。\n\n第二段保持不变。\n"
EDITED_BODY = "**一是抓学习。**会议要求，全市各级工会要突破500个服务站点。\n\n第二段保持不变。\n"


@pytest.fixture
def errors(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Record the errors the dialogs show instead of opening message boxes."""
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        Dialogs, "show_error", classmethod(lambda cls, p, t, m: shown.append((t, m)))
    )
    return shown


def saved_twice(store: Store) -> Article:
    """Store an article and save two changes to it; return it as stored."""
    # A draft: editing a published article would also send it back to review (a status change).
    article = store.add_article(make_article(body=ORIGINAL_BODY, status=Status.DRAFT))
    article = store.save_article(replace(article, body=EDITED_BODY))
    return store.save_article(replace(article, title="市总工会召开全委（扩大）会议"))


def backgrounds(pane: QPlainTextEdit) -> dict[str, QColor]:
    """Return each text fragment of a pane with its background colour."""
    found: dict[str, QColor] = {}
    block = pane.document().begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            found[fragment.text()] = fragment.charFormat().background().color()
            iterator += 1
        block = block.next()
    return found


# History ------------------------------------------------------------------------------------


def test_history_lists_the_revisions_of_saves(qtbot, store: Store) -> None:
    article = saved_twice(store)
    dialog = HistoryDialog(store, article.id, article.version)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 3
    reasons = [dialog.table.item(row, 1).text() for row in range(3)]
    assert reasons == ["Saved", "Saved", "Original"]
    assert dialog.table.item(0, 3).text() == "市总工会召开全委（扩大）会议"
    assert dialog.table.item(2, 2).text() == f"{len(ORIGINAL_BODY)} characters"


def test_the_diff_highlights_what_changed(qtbot, store: Store) -> None:
    article = saved_twice(store)
    dialog = HistoryDialog(store, article.id, article.version)
    qtbot.addWidget(dialog)
    original = dialog.revisions[-1]
    dialog.select_revisions(original.id)  # one version: compared with the current text
    left, right = backgrounds(dialog.diff.left), backgrounds(dialog.diff.right)
    assert left["3"] == DELETED_CHARS and right["5"] == INSERTED_CHARS
    assert "第二段保持不变。" in left and left["第二段保持不变。"] != DELETED_LINE
    assert dialog.diff.changed_field_names() == ["title"]
    assert dialog.diff.right_caption.text() == "Current text"
    assert dialog.restore_button.isEnabled()

    dialog.select_revisions(original.id, dialog.revisions[0].id)  # two versions
    assert not dialog.restore_button.isEnabled()
    assert dialog.diff.changed_field_names() == ["title"]
    assert dialog.diff.summary.text() == "Lines that differ: 1"


def test_lines_only_on_one_side_face_an_empty_row(qtbot, store: Store) -> None:
    article = store.add_article(make_article(body="甲\n乙\n"))
    store.save_article(replace(article, body="甲\n乙\n丙\n"))
    current = store.get_article(article.id)
    dialog = HistoryDialog(store, article.id, current.version)
    qtbot.addWidget(dialog)
    dialog.select_revisions(dialog.revisions[-1].id)
    left, right = dialog.diff.left.document(), dialog.diff.right.document()
    assert left.blockCount() == right.blockCount() == 3
    assert left.findBlockByNumber(2).blockFormat().background().color() == FILLER
    assert backgrounds(dialog.diff.right)["丙"] != QColor()


def test_the_two_sides_scroll_together(qtbot, store: Store) -> None:
    body = "".join(f"第{n}段，内容相同。\n" for n in range(300))
    article = store.add_article(make_article(body=body))
    article = store.save_article(replace(article, body=body.replace("第150段", "第一百五十段")))
    dialog = HistoryDialog(store, article.id, article.version)
    qtbot.addWidget(dialog)
    dialog.resize(900, 600)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.select_revisions(dialog.revisions[-1].id)
    left, right = dialog.diff.left.verticalScrollBar(), dialog.diff.right.verticalScrollBar()
    qtbot.waitUntil(lambda: left.maximum() > 100)
    left.setValue(120)
    assert right.value() == 120
    right.setValue(30)
    assert left.value() == 30


def test_restore_brings_the_text_back_as_a_new_revision(
    qtbot, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    article = saved_twice(store)
    asked: list[object] = []
    monkeypatch.setattr(
        Dialogs, "confirm_restore_revision", classmethod(lambda cls, p, when: asked.append(when))
    )
    dialog = HistoryDialog(store, article.id, article.version)
    qtbot.addWidget(dialog)
    original = dialog.revisions[-1]
    dialog.select_revisions(original.id)
    dialog.restore_button.click()  # the question answered "no": nothing happens
    assert asked == [original.created_at]
    assert store.get_article(article.id).body == EDITED_BODY

    monkeypatch.setattr(Dialogs, "confirm_restore_revision", classmethod(lambda cls, p, when: True))
    with qtbot.waitSignal(dialog.restored) as signal:
        dialog.restore_button.click()
    restored: Article = signal.args[0]
    assert restored.body == ORIGINAL_BODY and restored.title == "市总工会召开全委会议"
    stored = store.get_article(article.id)
    assert stored.body.encode() == ORIGINAL_BODY.encode()
    assert stored.version == article.version + 1
    assert store.revisions(article.id)[0].reason is RevisionReason.RESTORE
    assert dialog.restored_article == restored


def test_restore_refuses_when_the_article_changed_meanwhile(
    qtbot, store: Store, monkeypatch: pytest.MonkeyPatch, errors: list[tuple[str, str]]
) -> None:
    article = saved_twice(store)
    monkeypatch.setattr(Dialogs, "confirm_restore_revision", classmethod(lambda cls, p, when: True))
    dialog = HistoryDialog(store, article.id, article.version - 1)  # an older copy
    qtbot.addWidget(dialog)
    dialog.select_revisions(dialog.revisions[-1].id)
    dialog.restore_button.click()
    assert errors and errors[0][0] == "Cannot restore"
    assert dialog.restored_article is None
    assert store.get_article(article.id).body == EDITED_BODY


def test_show_history_returns_the_restored_article(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    article = saved_twice(store)
    monkeypatch.setattr(Dialogs, "confirm_restore_revision", classmethod(lambda cls, p, when: True))

    def run(dialog: HistoryDialog) -> int:
        dialog.select_revisions(dialog.revisions[-1].id)
        dialog.restore_button.click()
        return int(dialog.result())

    monkeypatch.setattr(HistoryDialog, "exec", run)
    restored = Dialogs.show_history(None, store, article.id, article.version)
    assert restored is not None and restored.body == ORIGINAL_BODY
    monkeypatch.setattr(HistoryDialog, "exec", lambda dialog: 0)
    assert Dialogs.show_history(None, store, article.id, restored.version) is None


# Trash --------------------------------------------------------------------------------------


@pytest.fixture
def trashed(store: Store) -> list[Article]:
    """Three articles in the trash, the first with some history."""
    articles = [store.add_article(make_article(f"稿件{n}")) for n in range(3)]
    store.save_article(replace(articles[0], body="改过的正文\n"))
    for article in articles:
        assert article.id is not None
        store.trash_article(article.id)
    return articles


def test_trash_lists_and_restores(qtbot, store: Store, trashed: list[Article]) -> None:
    dialog = TrashDialog(store)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 3
    titles = {dialog.table.item(row, 0).text() for row in range(3)}
    assert titles == {"稿件0", "稿件1", "稿件2"}
    row0 = next(r for r in range(3) if dialog.table.item(r, 0).text() == "稿件0")
    assert dialog.table.item(row0, 1).text() == "工会动态"
    assert dialog.table.item(row0, 3).text() == "2"
    assert not dialog.restore_button.isEnabled()

    first = trashed[0].id
    dialog.select_ids(first)
    with qtbot.waitSignal(dialog.restored) as signal:
        dialog.restore_button.click()
    assert signal.args == [[first]]
    assert store.get_article(first).body == "改过的正文\n"
    assert dialog.table.rowCount() == 2
    assert dialog.restored_ids == [first]


def test_delete_forever_and_empty_ask_first(
    qtbot, store: Store, trashed: list[Article], monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = [False, True, True]
    asked: list[int] = []

    def confirm(cls: type, parent: QWidget | None, count: int) -> bool:
        asked.append(count)
        return answers.pop(0)

    monkeypatch.setattr(Dialogs, "confirm_destroy", classmethod(confirm))
    dialog = TrashDialog(store)
    qtbot.addWidget(dialog)
    doomed = [trashed[0].id, trashed[1].id]
    dialog.select_ids(*doomed)
    dialog.delete_button.click()  # "no"
    assert len(store.trash()) == 3

    with qtbot.waitSignal(dialog.deleted) as signal:
        dialog.delete_button.click()
    assert sorted(signal.args[0]) == sorted(doomed)
    assert [t.id for t in store.trash()] == [trashed[2].id]
    assert store.revisions(trashed[0].id) == []
    assert dialog.table.rowCount() == 1

    with qtbot.waitSignal(dialog.emptied) as signal:
        dialog.empty_button.click()
    assert signal.args == [1]
    assert asked == [2, 2, 1]
    assert store.trash() == [] and dialog.table.rowCount() == 0
    assert dialog.empty_label.isVisibleTo(dialog) and not dialog.empty_button.isEnabled()


def test_show_trash_returns_the_restored_ids(
    store: Store, trashed: list[Article], monkeypatch: pytest.MonkeyPatch
) -> None:
    def run(dialog: TrashDialog) -> int:
        dialog.select_ids(trashed[1].id, trashed[2].id)
        dialog.restore_button.click()
        return 0

    monkeypatch.setattr(TrashDialog, "exec", run)
    assert sorted(Dialogs.show_trash(None, store)) == sorted([trashed[1].id, trashed[2].id])


# Conflict -----------------------------------------------------------------------------------


def conflicting(store: Store) -> tuple[Article, Article]:
    """Return the text in this window and the one another window saved meanwhile."""
    loaded = store.add_article(make_article(body=ORIGINAL_BODY, status=Status.DRAFT))
    theirs = store.save_article(replace(loaded, body="别的窗口改了这一段。\n\n第二段保持不变。\n"))
    mine = replace(loaded, body=EDITED_BODY, author="办公室")
    return mine, theirs


@pytest.mark.parametrize(
    ("button", "expected"),
    [
        ("keep_mine", ConflictChoice.MINE),
        ("take_theirs", ConflictChoice.THEIRS),
        ("later", None),
    ],
)
def test_the_conflict_dialog_shows_both_and_returns_the_choice(
    qtbot, store: Store, button: str, expected: ConflictChoice | None
) -> None:
    mine, theirs = conflicting(store)
    dialog = ConflictDialog(mine, theirs)
    qtbot.addWidget(dialog)
    assert "别的窗口改了这一段。" in dialog.diff.left.toPlainText()
    assert "500个服务站点" in dialog.diff.right.toPlainText()
    assert dialog.diff.changed_field_names() == ["author"]
    assert "history" in " ".join(shown_texts(dialog))
    dialog.show()
    getattr(dialog, button).click()
    assert dialog.choice is expected
    assert dialog.result() == (0 if expected is None else 1)


def test_resolve_returns_the_choice(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    mine, theirs = conflicting(store)

    def run(dialog: ConflictDialog) -> int:
        dialog.take_theirs.click()
        return 1

    monkeypatch.setattr(ConflictDialog, "exec", run)
    assert Dialogs.resolve_conflict(None, mine, theirs) is ConflictChoice.THEIRS


# Backups ------------------------------------------------------------------------------------


@pytest.fixture
def filled(store: Store) -> Store:
    """A store with a few articles worth backing up."""
    store.add_articles([make_article(f"稿件{n}") for n in range(20)])
    return store


def test_the_runner_makes_a_real_backup(qtbot, filled: Store) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    runner = BackupRunner(parent)
    progress: list[tuple[int, int]] = []
    runner.progressed.connect(lambda done, total: progress.append((done, total)))
    with qtbot.waitSignal(runner.finished, timeout=20_000) as signal:
        assert runner.start_backup(filled)
        assert not runner.start_backup(filled)  # one at a time
    path: Path = signal.args[0]
    assert is_good_database(path, thorough=True)
    assert [b.path for b in list_backups(filled.path)] == [path]
    assert progress and progress[-1][0] == progress[-1][1] > 0
    assert not runner.is_running() and runner.progress_dialog is None


def test_cancelling_leaves_nothing_behind(
    qtbot, filled: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    started, go_on = threading.Event(), threading.Event()

    def held_backup(*args: object, **kwargs: object) -> Path:
        # Hold the worker until the test has pressed Cancel, so the race is decided.
        started.set()
        go_on.wait(10)
        return backup_now(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(backup_dialogs, "backup_now", held_backup)
    parent = QWidget()
    qtbot.addWidget(parent)
    runner = BackupRunner(parent)
    finished: list[object] = []
    runner.finished.connect(finished.append)
    runner.start_backup(filled)
    qtbot.waitUntil(started.is_set)
    assert runner.progress_dialog is not None
    with qtbot.waitSignal(runner.cancelled, timeout=20_000):
        cancel = runner.progress_dialog.findChild(QPushButton)
        assert cancel is not None and cancel.text() == "Cancel"
        cancel.click()
        go_on.set()
    assert finished == []
    assert list_backups(filled.path) == []
    assert not any(backup_folder(filled.path).glob("*"))


def test_a_failed_backup_says_why(qtbot, tmp_path: Path) -> None:
    runner = BackupRunner(show_progress=False)
    with qtbot.waitSignal(runner.failed, timeout=20_000) as signal:
        runner.start_backup(tmp_path / "missing.db")
    assert "missing.db" in signal.args[0]


def test_the_daily_backup_runs_once_a_day(qtbot, filled: Store) -> None:
    runner = BackupRunner(show_progress=False)
    with qtbot.waitSignal(runner.finished, timeout=20_000) as signal:
        runner.start_daily(filled)
    assert signal.args[0] is not None and is_good_database(signal.args[0])
    with qtbot.waitSignal(runner.finished, timeout=20_000) as signal:
        runner.start_daily(filled)
    assert signal.args == [None]
    assert [b.kind for b in list_backups(filled.path)] == [BackupKind.DAILY]


def make_backups(store: Store) -> tuple[Path, Path, Path]:
    """Two real backups and a damaged file named like a newer one."""
    import datetime as dt

    older = backup_now(store, now=dt.datetime(2026, 5, 1, 8, 0))
    newer = backup_now(store, kind=BackupKind.DAILY, now=dt.datetime(2026, 5, 2, 8, 0))
    broken = backup_folder(store.path) / f"{store.path.stem}-20260503-080000-manual.db"
    broken.write_bytes(b"SQLite format 3\x00" + b"\x13" * 4000)
    return older, newer, broken


def test_the_restore_dialog_lists_and_checks_backups(
    qtbot, filled: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    older, newer, broken = make_backups(filled)
    dialog = RestoreBackupDialog(filled.path)
    qtbot.addWidget(dialog)
    assert [b.path for b in dialog.backups] == [broken, newer, older]
    assert dialog.usable == [False, True, True]
    assert dialog.table.item(0, 3).text().startswith("Damaged")
    assert dialog.table.item(1, 1).text() == "Daily"
    assert dialog.table.item(2, 0).text() == "2026-05-01 08:00"
    assert dialog.selected_backup() == newer  # the newest good one, preselected
    dialog.table.selectRow(0)
    assert not dialog.restore_button.isEnabled()
    dialog.table.selectRow(2)
    dialog.restore_button.click()
    assert dialog.chosen_path == older

    monkeypatch.setattr(RestoreBackupDialog, "exec", lambda d: d.other_button.click() or 0)
    monkeypatch.setattr(Dialogs, "choose_backup_file", classmethod(lambda c, p, f: older))
    assert Dialogs.choose_backup(None, filled.path) == older


def damaged_database(store: Store) -> DamagedDatabase:
    """Back up the store, then damage its file; return what opening it raises."""
    make_backups(store)
    store.close()
    data = bytearray(store.path.read_bytes())
    data[:16] = b"not a database!!"
    store.path.write_bytes(bytes(data))
    with pytest.raises(DamagedDatabase) as raised:
        Store.open(store.path)
    return raised.value


def test_the_damaged_database_dialog_offers_the_newest_good_backup(
    qtbot, filled: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    error = damaged_database(filled)
    assert error.backup is not None and error.backup.name.endswith("20260502-080000-daily.db")
    dialog = DamagedDatabaseDialog(error)
    qtbot.addWidget(dialog)
    assert "2026-05-02 08:00" in dialog.backup_label.text()
    assert "not changed" in dialog.untouched.text()
    dialog.restore_button.click()
    assert (dialog.choice, dialog.chosen_path) == (DamagedChoice.RESTORE, error.backup)

    other = list_backups(filled.path)[-1].path
    monkeypatch.setattr(Dialogs, "choose_backup", classmethod(lambda c, p, db: other))
    monkeypatch.setattr(DamagedDatabaseDialog, "exec", lambda d: d.other_button.click() or 1)
    assert Dialogs.ask_damaged_database(None, error) == (DamagedChoice.RESTORE, other)
    monkeypatch.setattr(DamagedDatabaseDialog, "exec", lambda d: d.quit_button.click() or 0)
    assert Dialogs.ask_damaged_database(None, error) == (DamagedChoice.QUIT, None)


def test_restoring_through_the_runner_opens_again(qtbot, filled: Store) -> None:
    count = filled.count_articles()
    error = damaged_database(filled)
    assert error.backup is not None
    runner = BackupRunner(show_progress=False)
    with qtbot.waitSignal(runner.finished, timeout=20_000) as signal:
        runner.start_restore(error.backup, filled.path)
    aside: Path = signal.args[0]
    assert aside.name.endswith(".before-restore") and aside.read_bytes()[:16] == b"not a database!!"
    with Store.open(filled.path) as reopened:
        assert reopened.count_articles() == count


def test_no_backup_leaves_only_choosing_or_quitting(qtbot, tmp_path: Path) -> None:
    path = tmp_path / "newsroom.db"
    path.write_bytes(b"hello")
    with pytest.raises(DamagedDatabase) as raised:
        Store.open(path)
    dialog = DamagedDatabaseDialog(raised.value)
    qtbot.addWidget(dialog)
    assert not dialog.restore_button.isEnabled()
    assert "No good backup" in dialog.backup_label.text()


# Languages ----------------------------------------------------------------------------------


def test_the_dialogs_speak_the_language(
    qtbot, language: str, filled: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    article = saved_twice(filled)
    trashed = filled.add_article(make_article("回收站里的稿件"))
    assert trashed.id is not None
    filled.trash_article(trashed.id)
    mine, theirs = conflicting(filled)
    dialogs: list[QWidget] = [
        HistoryDialog(filled, article.id, article.version),
        TrashDialog(filled),
        ConflictDialog(mine, theirs),
        RestoreBackupDialog(filled.path),
    ]
    history = dialogs[0]
    assert isinstance(history, HistoryDialog)
    history.select_revisions(history.revisions[-1].id)
    error = damaged_database(filled)
    dialogs.append(DamagedDatabaseDialog(error))
    texts: list[str] = []
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        texts += shown_texts(dialog)
    damaged = dialogs[-1]
    assert isinstance(damaged, DamagedDatabaseDialog)
    if language == "zh_CN":
        assert_no_english(texts, "history, trash, conflict and backup dialogs")
        assert history.table.item(2, 1).text() == "原稿"
        assert damaged.windowTitle() == "数据库已损坏"
        assert "改动" in damaged.untouched.text()
        assert damaged.restore_button.text() == "恢复备份"
        assert damaged.quit_button.text() == "退出"
        assert "历史" in " ".join(shown_texts(dialogs[2]))
    else:
        assert history.table.item(2, 1).text() == "Original"
        assert damaged.windowTitle() == "The database is damaged"
        assert damaged.restore_button.text() == "Restore the backup"
        assert damaged.quit_button.text() == "Quit"
