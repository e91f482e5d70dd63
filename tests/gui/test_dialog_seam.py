"""Every modal question goes through ``Dialogs``: no other GUI module opens a dialog itself."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from desktop.gui import dialogs
from desktop.gui.dialogs import Dialogs

GUI = Path(__file__).resolve().parents[2] / "desktop" / "gui"
SEAM = GUI / "dialogs.py"
#: Qt classes whose static functions open a modal dialog.
STATIC_DIALOGS = {"QMessageBox", "QFileDialog", "QInputDialog", "QColorDialog", "QFontDialog"}
#: ``receiver.exec()`` calls that are not a question: the application's event loop, the
#: loop ``html_to_pdf`` waits in for the PDF, and the one the start waits in for a server
#: database's upgrade (its progress dialog asks nothing).
NOT_QUESTIONS = {("app.py", "app"), ("printing.py", "loop"), ("upgrade_dialog.py", "loop")}


def modal_calls(source: str, label: str) -> list[str]:
    """Where a module opens a modal dialog: a static dialog function or an ``exec()``."""
    found: list[str] = []
    for node in ast.walk(ast.parse(source, label)):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
            continue
        func = node.func
        if isinstance(func.value, ast.Name) and func.value.id in STATIC_DIALOGS:
            found.append(f"{label}:{node.lineno}: {func.value.id}.{func.attr}()")
        elif func.attr in ("exec", "exec_") and not node.args:
            # A menu's exec(position) pops up a menu; a dialog's exec() takes no arguments.
            receiver = func.value.id if isinstance(func.value, ast.Name) else ""
            if (label, receiver) not in NOT_QUESTIONS:
                found.append(f"{label}:{node.lineno}: {ast.unparse(func)}()")
    return found


def test_no_gui_module_but_the_seam_opens_a_modal_dialog() -> None:
    offenders = [
        call
        for path in sorted(GUI.rglob("*.py"))
        if path != SEAM
        for call in modal_calls(path.read_text(encoding="utf-8"), str(path.relative_to(GUI)))
    ]
    assert offenders == []
    # The seam is where they are: the check does see them there.
    assert len(modal_calls(SEAM.read_text(encoding="utf-8"), "dialogs.py")) > 15


@pytest.mark.parametrize(
    "source",
    [
        "QMessageBox.warning(self, title, text)\n",
        "name, _ = QFileDialog.getOpenFileName(self)\n",
        "text, ok = QInputDialog.getText(self, 'a', 'b')\n",
        "dialog = HistoryDialog(store)\ndialog.exec()\n",
        "if cls(findings, parent).exec() == QDialog.DialogCode.Accepted: pass\n",
        "box.exec_()\n",
    ],
)
def test_the_check_catches_each_way_of_asking(source: str) -> None:
    assert modal_calls(source, "probe.py")


def test_menus_and_enums_are_not_questions() -> None:
    source = (
        "menu.exec(self.viewport().mapToGlobal(position))\n"
        "box.setIcon(QMessageBox.Icon.Warning)\n"
        "answer == QMessageBox.StandardButton.Yes\n"
    )
    assert modal_calls(source, "probe.py") == []
    assert modal_calls("code = app.exec()\n", "app.py") == []


def test_every_question_of_the_seam_is_a_classmethod_tests_can_replace() -> None:
    public = [name for name in vars(Dialogs) if not name.startswith("_")]
    assert len(public) >= 25
    for name in public:
        assert isinstance(vars(Dialogs)[name], classmethod), name
        assert (vars(Dialogs)[name].__func__.__doc__ or "").strip(), name


def test_replacing_one_method_answers_a_question_asked_deep_inside_a_dialog(
    qtbot, store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The trash dialog's own "delete forever?" is answered by patching the seam alone."""
    from desktop.gui.trash_dialog import TrashDialog
    from tests.conftest import make_article

    article = store.add_article(make_article("要删掉的稿件"))
    store.trash_article(article.id)
    asked: list[int] = []
    monkeypatch.setattr(
        Dialogs, "confirm_destroy", classmethod(lambda cls, p, count: asked.append(count) or True)
    )
    dialog = TrashDialog(store)
    qtbot.addWidget(dialog)
    dialog.empty_button.click()
    assert asked == [1] and store.trash() == []


def test_the_seam_builds_real_message_boxes(monkeypatch: pytest.MonkeyPatch) -> None:
    """What ``show_error`` opens: a warning box with the title and the message."""
    shown: list[tuple[object, str, str]] = []

    class Recorder:
        @staticmethod
        def warning(parent: object, title: str, message: str) -> QMessageBox.StandardButton:
            shown.append((parent, title, message))
            return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(dialogs, "QMessageBox", Recorder)
    Dialogs.show_error(None, "Cannot save", "The disk is full.")
    assert shown == [(None, "Cannot save", "The disk is full.")]
