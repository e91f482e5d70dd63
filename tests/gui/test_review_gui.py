"""三审三校 through the real window, the whole story of issue 13.

The author submits, two reviewers sign, the third returns with a reason, the author edits and
resubmits, all three sign, the export takes it; an edit after approval sends it back and the
next reviewer sees the diff since the last signature.
"""

from __future__ import annotations

import json
import random
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest

from desktop.article import Article, Status
from desktop.config import SaveTiming
from desktop.export import ExportOptions, ExportSummary
from desktop.gui.dialogs import Dialogs
from desktop.gui.history_dialog import HistoryDialog
from desktop.gui.main_window import MainWindow
from desktop.review import record
from desktop.review.content import PictureHash
from desktop.review.flow import Step
from desktop.store import Store
from tests.conftest import make_article
from tests.gui.conftest import shown_window
from tests.perf.corpus import body
from tests.review.helpers import set_up_office

WAIT_MS = 60_000


class Office:
    """Who answers the window's questions: the person at the keyboard and what they type."""

    def __init__(self) -> None:
        self.user = ""
        self.text = ""
        self.errors: list[str] = []
        self.history: list[HistoryDialog] = []
        self.summaries: list[ExportSummary] = []
        self.export_to: Path | None = None


@pytest.fixture
def office(monkeypatch: pytest.MonkeyPatch, qtbot: Any) -> Office:
    answers = Office()

    def show_history(cls, parent, store, article_id, version, select=None):
        dialog = HistoryDialog(store, article_id, version)
        qtbot.addWidget(dialog)
        if select is not None:
            dialog.select_revisions(select)
        answers.history.append(dialog)
        return None

    def export_options(cls, parent, settings):
        assert answers.export_to is not None
        return ExportOptions(answers.export_to)

    monkeypatch.setattr(Dialogs, "ask_review_user", classmethod(lambda c, p, n, cur: answers.user))
    monkeypatch.setattr(Dialogs, "ask_review_text", classmethod(lambda c, p, s: answers.text))
    monkeypatch.setattr(
        Dialogs, "show_error", classmethod(lambda c, p, t, m: answers.errors.append(m))
    )
    monkeypatch.setattr(Dialogs, "show_history", classmethod(show_history))
    monkeypatch.setattr(Dialogs, "ask_export_options", classmethod(export_options))
    monkeypatch.setattr(
        Dialogs,
        "present_export_summary",
        classmethod(lambda c, p, summary, overrides=(): answers.summaries.append(summary)),
    )
    monkeypatch.setattr(Dialogs, "confirm_export_gate", classmethod(lambda c, *a: True))
    return answers


@pytest.fixture
def window(qtbot: Any, store: Store, tmp_path: Path, office: Office) -> Iterator[MainWindow]:
    set_up_office(store)
    store.add_article(make_article(title="市总工会召开全委会议", status=Status.DRAFT))
    with shown_window(qtbot, store, tmp_path) as opened:
        yield opened


def be(window: MainWindow, office: Office, name: str) -> None:
    """The next person sits down and says who they are (Review → Who am I…)."""
    office.user = name
    window.review_user_action.trigger()
    assert window.review.user == name


def press(window: MainWindow, office: Office, step: Step, text: str = "") -> None:
    office.text = text
    button = window.editor.review.buttons[step]
    assert button.isEnabled(), (step, window.editor.review.stage_label.text(), office.errors)
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)


def status_cell(window: MainWindow) -> str:
    model = window.list_pane.model
    return str(model.index(model.row_of(window.current_id() or 0), 2).data())


def edit_title(window: MainWindow, qtbot: Any, title: str) -> None:
    edit = window.editor.form.title_edit
    edit.clear()
    edit.insert(title)
    edit.textEdited.emit(edit.text())  # as typing does (QTest types ASCII only)
    assert window.session.save()


def test_the_whole_sign_off_story(window: MainWindow, office: Office, qtbot: Any, tmp_path: Path):
    panel = window.editor.review
    assert not window.editor.form.status.isEnabled()  # the status is the flow's, not a choice
    be(window, office, "陈晓")
    assert not panel.buttons[Step.SIGN].isEnabled()
    press(window, office, Step.SUBMIT)
    assert window.session.current is not None
    assert window.session.current.status is Status.REVIEW
    assert "初审" in panel.stage_label.text()

    # Two reviewers sign; each sees the article waiting for them without opening a filter.
    for name, opinion in (("张明", "文字已校，同意。"), ("王强", "同意报终审。")):
        be(window, office, name)
        assert window.list_pane.waiting_button.text().endswith("1")
        press(window, office, Step.SIGN, opinion)
    assert (
        "王强" in panel.signatures_label.text() and "同意报终审。" in panel.signatures_label.text()
    )
    assert "终审" in panel.stage_label.text()

    # The author may not sign; the third returns it with a reason the author sees.
    be(window, office, "赵书记")
    window.list_pane.waiting_button.setChecked(True)
    assert window.list_pane.model.rowCount() == 1
    press(window, office, Step.RETURN, "标题需写明届次。")
    window.list_pane.waiting_button.setChecked(False)
    be(window, office, "陈晓")
    assert window.session.current.status is Status.DRAFT
    assert panel.reason_label.isVisible() and "标题需写明届次。" in panel.reason_label.text()
    assert "标题需写明届次。" in status_cell(window)

    # The author edits and resubmits; all three sign.
    edit_title(window, qtbot, "市总工会召开十五届三次全委会议")
    press(window, office, Step.SUBMIT)
    for name in ("李红", "王强", "赵书记"):
        be(window, office, name)
        press(window, office, Step.SIGN, f"{name}：同意。")
    assert window.session.current.status is Status.APPROVED
    assert office.errors == []

    # The export takes it.
    office.export_to = tmp_path / "site"
    with qtbot.waitSignal(window.export_runner.finished, timeout=WAIT_MS):
        window.export_action.trigger()
    manifest = json.loads((office.export_to / "manifest.json").read_text(encoding="utf-8"))
    assert [a["title"] for a in manifest["articles"]] == ["市总工会召开十五届三次全委会议"]
    assert office.summaries[-1].refused == ()

    # An edit after approval sends it back; the next reviewer sees what changed.
    be(window, office, "陈晓")
    edit_title(window, qtbot, "市总工会召开十五届三次全委（扩大）会议")
    assert window.session.current.status is Status.REVIEW
    assert window.editor.form.status.currentData() == Status.REVIEW.value
    assert "初审" in panel.stage_label.text()
    be(window, office, "张明")
    assert window.list_pane.waiting_button.text().endswith("1")
    assert panel.changes_button.isEnabled()
    QTest.mouseClick(panel.changes_button, Qt.MouseButton.LeftButton)
    (history,) = office.history
    assert history.diff.changed_field_names() == ["title", "status"]  # approved → review
    table = history.diff.fields
    cells = [
        [table.item(row, column).text() for column in range(table.columnCount())]
        for row in range(table.rowCount())
    ]
    assert any(
        "市总工会召开十五届三次全委会议" in cell and "（扩大）" not in cell
        for row in cells
        for cell in row
    )
    assert any("市总工会召开十五届三次全委（扩大）会议" in cell for row in cells for cell in row)

    # And the export now leaves it out, naming it.
    with qtbot.waitSignal(window.export_runner.finished, timeout=WAIT_MS):
        window.export_action.trigger()
    assert office.summaries[-1].refused == ()  # in review: not approved, so not asked for
    manifest = json.loads((office.export_to / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["articles"] == []


def test_a_refusal_is_shown_and_changes_nothing(window: MainWindow, office: Office) -> None:
    be(window, office, "陈晓")
    press(window, office, Step.SUBMIT)
    office.text = "同意。"
    window.review.take_step(window, Step.SIGN, window.current_id() or 0)
    assert office.errors and "may not sign" in office.errors[-1]
    assert window.session.current is not None
    assert window.session.current.status is Status.REVIEW


def test_the_person_is_remembered_for_the_database(
    window: MainWindow, office: Office, store: Store, tmp_path: Path
) -> None:
    be(window, office, "王强")
    from desktop.gui.review_desk import ReviewDesk

    again = ReviewDesk(store, window.settings)
    assert again.user == "王强"


def test_a_long_article_is_hashed_for_the_strip_beside_the_window(
    window: MainWindow, office: Office, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After an autosave of a long signed article the strip's hash is made on a worker."""
    markdown = body(random.Random(21), 60_000)
    assert len(markdown) >= window.session.timing.background_chars
    stored = window.store.add_article(
        make_article(title="全市工会工作年度总结", body=markdown, status=Status.DRAFT)
    )
    assert stored.id is not None
    window.list_pane.model.refresh()
    assert window.open_article(stored.id)
    qtbot.waitUntil(window.is_settled, timeout=WAIT_MS)
    panel = window.editor.review
    be(window, office, "陈晓")
    press(window, office, Step.SUBMIT)
    be(window, office, "张明")
    press(window, office, Step.SIGN, "文字已校，同意。")
    assert "changed after a signature" not in panel.stage_label.text()
    assert "王强" not in panel.signatures_label.text()

    threads: list[threading.Thread] = []
    hashed = record.content_hash

    def recording(article: Article, picture_hash: PictureHash) -> str:
        threads.append(threading.current_thread())
        return hashed(article, picture_hash)

    monkeypatch.setattr(record, "content_hash", recording)
    window.session.set_timing(SaveTiming(pause_ms=30, max_wait_ms=200))
    rich = window.editor.rich
    cursor = rich.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    rich.setTextCursor(cursor)
    rich.insertPlainText("全市")  # typed, then saved by autosave
    qtbot.waitUntil(lambda: not window.session.dirty and window.is_settled(), timeout=WAIT_MS)

    # The save's own check and the strip's hash: both beside the window, none on it.
    assert len(threads) >= 2 and threading.main_thread() not in threads
    assert "changed after a signature" in panel.stage_label.text()
    assert "初审" in panel.stage_label.text()
    assert panel.buttons[Step.SIGN].isEnabled()  # 张明 signs the first stage again
