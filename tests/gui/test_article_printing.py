"""File → Print… and File → Save as PDF… through the real window, answered through the seam."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtGui import QKeySequence, QTextCursor
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QMenu

from desktop.demo import open_store
from desktop.gui.article_printing import PRINT_DPI
from desktop.gui.dialogs import Dialogs
from desktop.gui.main_window import MainWindow
from desktop.store import Store
from tests.conftest import needs_poppler
from tests.gui.conftest import shown_window
from tests.gui.test_printing import pdf_info, pdf_text

# CI installs poppler-utils (.ci/run): there a missing tool fails the tests instead.
pytestmark = needs_poppler

WAIT_MS = 30_000


class Told:
    """What the window showed through the seam: errors, and the file names it suggested."""

    def __init__(self) -> None:
        self.errors: list[tuple[str, str]] = []
        self.suggested: list[Path] = []
        self.print_dialogs = 0


@pytest.fixture
def told(monkeypatch: pytest.MonkeyPatch) -> Told:
    record = Told()
    monkeypatch.setattr(
        Dialogs, "show_error", classmethod(lambda cls, p, t, m: record.errors.append((t, m)))
    )
    return record


@pytest.fixture
def window(qtbot, db_path: Path, tmp_path: Path, told: Told) -> Iterator[MainWindow]:
    """The main window on the demo database, closed afterwards."""
    store: Store = open_store(db_path, demo_if_new=True)
    with shown_window(qtbot, store, tmp_path) as opened:
        yield opened
    store.close()


def answer_pdf_path(monkeypatch: pytest.MonkeyPatch, told: Told, path: Path | None) -> None:
    """Answer File → Save as PDF…'s file chooser with ``path`` (None: cancel)."""

    def choose(cls: type, parent: object, suggested: Path) -> Path | None:
        told.suggested.append(suggested)
        return path

    monkeypatch.setattr(Dialogs, "choose_pdf_path", classmethod(choose))


def file_menu_action(window: MainWindow, name: str):
    """Return the File menu's action called ``name``, as a user would find it."""
    menu = window.menuBar().actions()[0].menu()
    assert isinstance(menu, QMenu)
    found = [action for action in menu.actions() if action.objectName() == name]
    assert found, f"{name} is not in the File menu"
    return found[0]


def edit(window: MainWindow, title: str, paragraph: str) -> None:
    """Type a new title and a last paragraph into the editor, unsaved."""
    form = window.editor.form
    form.title_edit.clear()
    form.title_edit.insert(title)
    form.title_edit.textEdited.emit(form.title_edit.text())
    rich = window.editor.rich
    rich.setFocus()
    cursor = rich.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    cursor.insertBlock()
    cursor.insertText(paragraph)
    rich.setTextCursor(cursor)


def test_save_as_pdf_writes_the_edited_article_as_the_page_shows_it(
    window: MainWindow, qtbot, tmp_path: Path, told: Told, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Not saved yet: the PDF shows what is in the editor.
    edit(window, "全市职工技能大赛圆满落幕", "本届大赛共有1200名职工参赛。")
    article = window.edited_article()
    assert article is not None and window.session.dirty
    answer_pdf_path(monkeypatch, told, tmp_path / "送审稿")
    action = file_menu_action(window, "save_pdf")
    with qtbot.waitSignal(window.printing.saved, timeout=WAIT_MS) as saved:
        action.trigger()
        assert not action.isEnabled()  # one at a time
    written = tmp_path / "送审稿.pdf"
    assert saved.args == [written]
    assert told.suggested[0].name == f"{article.published_at:%Y-%m-%d}-{article.id}.pdf"
    text = pdf_text(written)
    assert "全市职工技能大赛圆满落幕" in text
    assert "本届大赛共有1200名职工参赛。" in text
    assert article.author and article.author.strip("（）()") in text
    assert "当前位置" not in text  # the breadcrumb is screen chrome
    assert "A4" in pdf_info(written)["Page size"]
    assert str(written) in window.statusBar().currentMessage()
    assert action.isEnabled() and told.errors == []

    # Cancelling the file chooser writes nothing.
    answer_pdf_path(monkeypatch, told, None)
    action.trigger()
    qtbot.wait(200)
    assert sorted(p.name for p in tmp_path.glob("*.pdf")) == ["送审稿.pdf"]
    assert told.suggested[1].parent == tmp_path  # the folder chosen last time is offered


def test_a_pdf_that_cannot_be_written_is_reported_with_the_reason(
    window: MainWindow, qtbot, tmp_path: Path, told: Told, monkeypatch: pytest.MonkeyPatch
) -> None:
    missing = tmp_path / "不存在的文件夹" / "稿件.pdf"
    answer_pdf_path(monkeypatch, told, missing)
    with qtbot.waitSignal(window.printing.failed, timeout=WAIT_MS):
        window.pdf_action.trigger()
    assert len(told.errors) == 1
    title, message = told.errors[0]
    assert title == "Printing failed" and str(missing) in message
    assert window.pdf_action.isEnabled() and window.print_action.isEnabled()
    assert list(tmp_path.rglob("*.pdf")) == []


def test_print_goes_through_the_print_dialog_to_the_chosen_printer(
    window: MainWindow, qtbot, tmp_path: Path, told: Told, monkeypatch: pytest.MonkeyPatch
) -> None:
    action = file_menu_action(window, "print")
    assert action.shortcut() == QKeySequence(QKeySequence.StandardKey.Print)  # Ctrl+P
    paper = tmp_path / "printed.pdf"
    seen: list[QPrinter] = []

    def print_dialog(cls: type, parent: object, printer: QPrinter) -> bool:
        # The user picks a PDF printer in the dialog.
        seen.append(printer)
        told.print_dialogs += 1
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(paper))
        return True

    monkeypatch.setattr(Dialogs, "ask_printer", classmethod(print_dialog))
    with qtbot.waitSignal(window.printing.printed, timeout=WAIT_MS):
        action.trigger()
    assert told.print_dialogs == 1 and told.errors == []
    # The dialog offered A4 with the office margins to begin with.
    layout = seen[0].pageLayout()
    assert layout.pageSize().id().name == "A4"
    info = pdf_info(paper)
    assert "A4" in info["Page size"] and int(info["Pages"]) >= 1
    # Qt's web engine sends each page to the printer as a picture of the whole sheet.
    pictures = subprocess.run(
        ["pdfimages", "-list", str(paper)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert pictures and pictures[0].split()[12:14] == [str(PRINT_DPI)] * 2
    subprocess.run(
        ["pdftoppm", "-r", "30", "-gray", str(paper), str(tmp_path / "sheet")], check=True
    )
    with Image.open(next(tmp_path.glob("sheet*.pgm"))) as sheet:
        dark = sum(sheet.histogram()[:128])
    assert dark > 200  # title, text and letterhead are on the sheet, not a blank page
    assert "Sent to the printer" in window.statusBar().currentMessage()

    # Cancelling the dialog prints nothing.
    paper.unlink()
    monkeypatch.setattr(Dialogs, "ask_printer", classmethod(lambda cls, p, printer: False))
    action.trigger()
    qtbot.wait(200)
    assert not paper.exists()
