"""Attachments in the window: the strip under the editor, the menu action, drops, rename, remove."""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QMimeData, QPointF, QSettings, Qt, QUrl
from PySide6.QtGui import QDropEvent

from desktop.demo import open_store
from desktop.export import ExportOptions, run_export
from desktop.gui.dialogs import Dialogs
from desktop.gui.i18n import install_translators, remove_translators
from desktop.gui.main_window import MainWindow
from desktop.pictures import picture_bytes
from desktop.store import Store
from tests.attachments.files import archive, workbook
from tests.gui.conftest import dispose
from tests.importing.documents import report_docx


class Told:
    """What the window said through the Dialogs seam."""

    def __init__(self) -> None:
        self.errors: list[str] = []
        self.names: list[str] = []
        self.removals: list[str] = []


@pytest.fixture
def told(monkeypatch: pytest.MonkeyPatch) -> Told:
    said = Told()
    monkeypatch.setattr(
        Dialogs,
        "show_error",
        classmethod(lambda cls, p, title, message: said.errors.append(message)),
    )
    return said


@pytest.fixture
def make_window(
    qtbot, db_path: Path, tmp_path: Path, told: Told
) -> Iterator[Callable[[], MainWindow]]:
    """Open the window on the demo database as the app does; close it afterwards."""
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    opened: list[tuple[MainWindow, Store]] = []

    def make() -> MainWindow:
        store = open_store(db_path, demo_if_new=True)
        window = MainWindow(store, settings)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        qtbot.waitUntil(lambda: window.session.current is not None, timeout=10_000)
        opened.append((window, store))
        return window

    yield make
    for window, store in opened:
        if shiboken6.isValid(window.session):
            window.session.forget_changes()
        dispose(qtbot, window)
        store.close()


def page_html(window: MainWindow, qtbot) -> str:
    """Return the HTML of the page the preview shows now."""
    result: list[str] = []
    window.preview.web_page.toHtml(result.append)
    qtbot.waitUntil(lambda: bool(result))
    return result[0]


def settled(window: MainWindow, qtbot) -> None:
    qtbot.waitUntil(lambda: not window.attaching.is_busy() and window.is_settled(), timeout=20_000)


def shown_names(window: MainWindow) -> list[str]:
    strip = window.editor.attachments.list
    return [strip.topLevelItem(row).text(0) for row in range(strip.topLevelItemCount())]


def drop_on_editor(window: MainWindow, qtbot, *files: Path) -> None:
    """Drop local files on the editor with a real QDropEvent, as a file manager does."""
    rich = window.editor.rich
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(file)) for file in files])
    event = QDropEvent(
        QPointF(rich.viewport().rect().center()),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    rich.dropEvent(event)


def test_attach_files_action_stores_lists_saves_and_previews(
    make_window, qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, told: Told
) -> None:
    window = make_window()
    article = window.session.current
    assert article is not None and article.id is not None
    revisions_before = len(window.store.revisions(article.id))
    form = tmp_path / "职工运动会报名表.xlsx"
    form.write_bytes(workbook())
    monkeypatch.setattr(
        Dialogs, "choose_attachment_files", classmethod(lambda cls, parent: [str(form)])
    )
    assert not window.editor.attachments.isVisible()  # no attachments: no room taken
    assert window.editor.toolbar.widgetForAction(window.attach_action) is not None
    window.attach_action.trigger()
    settled(window, qtbot)
    assert told.errors == []
    assert (
        shown_names(window) == ["职工运动会报名表.xlsx"] and window.editor.attachments.isVisible()
    )
    strip = window.editor.attachments.list.topLevelItem(0)
    assert strip.text(1) == "Excel 表格" and strip.text(2).endswith("KB")
    stored = window.store.get_article(article.id)
    assert [a.name for a in stored.attachments] == ["职工运动会报名表.xlsx"]
    assert stored.version > article.version and not window.session.dirty
    # A save like Ctrl+S: the history keeps a revision with the attachment.
    assert len(window.store.revisions(article.id)) > revisions_before
    html = page_html(window, qtbot)
    assert "职工运动会报名表.xlsx" in html and "附件" in html
    assert f"files/{stored.attachments[0].digest}.xlsx" in html


def test_a_dropped_spreadsheet_becomes_an_attachment_and_the_body_stays(
    make_window, qtbot, tmp_path: Path, told: Told
) -> None:
    window = make_window()
    body = window.editor.body_markdown()
    bundle = tmp_path / "报名材料.zip"
    bundle.write_bytes(archive())
    drop_on_editor(window, qtbot, bundle)
    settled(window, qtbot)
    assert told.errors == []
    assert shown_names(window) == ["报名材料.zip"]
    assert window.editor.body_markdown() == body
    current = window.session.current
    assert current is not None and current.id is not None
    assert [a.kind for a in window.store.get_article(current.id).attachments] == ["zip"]


def test_a_dropped_word_file_is_attached_when_the_user_says_so(
    make_window, qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, told: Told
) -> None:
    window = make_window()
    asked: list[list[str]] = []
    monkeypatch.setattr(
        Dialogs,
        "ask_attach_documents",
        classmethod(lambda cls, parent, names: asked.append(names) or True),
    )
    notice = report_docx(tmp_path / "关于举办职工书画展的通知.docx", photos=0)
    drop_on_editor(window, qtbot, notice)
    settled(window, qtbot)
    assert asked == [["关于举办职工书画展的通知.docx"]]
    assert told.errors == []
    assert shown_names(window) == ["关于举办职工书画展的通知.docx"]
    assert window.list_pane.model.rowCount() == 14  # nothing was imported


def test_a_refused_type_is_named_and_nothing_is_attached(
    make_window, qtbot, tmp_path: Path, told: Told
) -> None:
    window = make_window()
    disguised = tmp_path / "通知.pdf"
    disguised.write_bytes(b"#!/bin/sh\necho not a pdf\n")
    drop_on_editor(window, qtbot, disguised)
    settled(window, qtbot)
    (message,) = told.errors
    assert "通知.pdf" in message and "cannot be attached" in message
    assert shown_names(window) == []
    current = window.session.current
    assert current is not None and current.id is not None
    assert window.store.get_article(current.id).attachments == []


def test_a_refusal_is_said_in_the_windows_language(
    make_window, qtbot, qapp, tmp_path: Path, told: Told
) -> None:
    translators = install_translators(qapp, "zh_CN")
    try:
        window = make_window()
        program = tmp_path / "报名表.xls"
        program.write_bytes(b"MZ\x90\x00" + bytes(200))  # a Windows program, renamed
        drop_on_editor(window, qtbot, program)
        settled(window, qtbot)
    finally:
        remove_translators(qapp, translators)
    (message,) = told.errors
    assert message.startswith("报名表.xls") and "不能添加这种文件作为附件" in message
    assert shown_names(window) == []


def test_a_file_over_the_size_limit_is_refused_naming_the_limit(
    make_window, qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, told: Told
) -> None:
    window = make_window()
    window.store.save_site(window.store.site().with_value("attachment_max_mb", 1))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as folder:
        folder.writestr("现场照片原图.bin", os.urandom(1536 * 1024))
    big = tmp_path / "现场照片.zip"
    big.write_bytes(buffer.getvalue())
    small = tmp_path / "报名表.xlsx"
    small.write_bytes(workbook())
    monkeypatch.setattr(
        Dialogs, "choose_attachment_files", classmethod(lambda cls, p: [str(big), str(small)])
    )
    window.attach_action.trigger()
    settled(window, qtbot)
    (message,) = told.errors
    assert "现场照片.zip" in message and "1.5 MB" in message and "1.0 MB" in message
    assert shown_names(window) == ["报名表.xlsx"]  # the good file still goes in


def test_rename_and_remove_are_saved_as_revisions(
    make_window, qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, told: Told
) -> None:
    window = make_window()
    form = tmp_path / "表.xlsx"
    form.write_bytes(workbook())
    window.attach_paths([str(form)])
    settled(window, qtbot)
    current = window.session.current
    assert current is not None and current.id is not None
    article_id = current.id
    strip = window.editor.attachments
    assert not strip.rename_button.isEnabled()
    strip.list.setCurrentItem(strip.list.topLevelItem(0))
    monkeypatch.setattr(
        Dialogs, "ask_attachment_name", classmethod(lambda cls, p, name: "2026年职工书画展报名表")
    )
    qtbot.mouseClick(strip.rename_button, Qt.MouseButton.LeftButton)
    settled(window, qtbot)
    assert shown_names(window) == ["2026年职工书画展报名表"]
    renamed = window.store.get_article(article_id)
    assert [a.name for a in renamed.attachments] == ["2026年职工书画展报名表"]
    assert 'download="2026年职工书画展报名表.xlsx"' in page_html(window, qtbot)

    asked: list[str] = []
    monkeypatch.setattr(
        Dialogs, "confirm_remove_attachment", classmethod(lambda cls, p, name: asked.append(name))
    )
    strip.list.setCurrentItem(strip.list.topLevelItem(0))
    qtbot.mouseClick(strip.remove_button, Qt.MouseButton.LeftButton)
    assert asked == ["2026年职工书画展报名表"]  # said no: nothing removed
    assert window.store.get_article(article_id).attachments == renamed.attachments
    monkeypatch.setattr(
        Dialogs, "confirm_remove_attachment", classmethod(lambda cls, p, name: True)
    )
    qtbot.mouseClick(strip.remove_button, Qt.MouseButton.LeftButton)
    settled(window, qtbot)
    assert shown_names(window) == [] and not strip.list.isVisible()
    assert window.store.get_article(article_id).attachments == []
    assert "2026年职工书画展报名表" not in page_html(window, qtbot)
    # Removed by mistake: put back in one click, and saved again.
    assert strip.isVisible() and strip.undo_button.isVisible()
    qtbot.mouseClick(strip.undo_button, Qt.MouseButton.LeftButton)
    settled(window, qtbot)
    assert shown_names(window) == ["2026年职工书画展报名表"] and not strip.undo_button.isVisible()
    assert window.store.get_article(article_id).attachments == renamed.attachments
    strip.list.setCurrentItem(strip.list.topLevelItem(0))
    qtbot.mouseClick(strip.remove_button, Qt.MouseButton.LeftButton)
    settled(window, qtbot)
    assert window.store.get_article(article_id).attachments == []
    # Another article opened: nothing to put back, and the strip takes no room.
    other = next(
        row
        for row in range(window.list_pane.model.rowCount())
        if window.list_pane.model.summary(row).id != article_id
    )
    window.list_pane.select_row(other)
    qtbot.waitUntil(lambda: window.current_id() != article_id)
    assert not strip.isVisible()
    # Each change is in the history: the attached, the renamed and the removed versions.
    kept = [window.store.revision(info.id).article for info in window.store.revisions(article_id)]
    names = [[a.name for a in article.attachments] for article in kept]
    assert ["表.xlsx"] in names and ["2026年职工书画展报名表"] in names and [] in names
    assert told.errors == []


def test_the_export_contains_files_attached_in_the_window(
    make_window, qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, told: Told
) -> None:
    window = make_window()
    bundle = tmp_path / "材料.zip"
    bundle.write_bytes(archive())
    window.attach_paths([str(bundle)])
    settled(window, qtbot)
    # The strip's own button adds the next one.
    form = tmp_path / "回执.xlsx"
    form.write_bytes(workbook())
    monkeypatch.setattr(Dialogs, "choose_attachment_files", classmethod(lambda cls, p: [str(form)]))
    qtbot.mouseClick(window.editor.attachments.add_button, Qt.MouseButton.LeftButton)
    settled(window, qtbot)
    assert shown_names(window) == ["材料.zip", "回执.xlsx"]
    current = window.session.current
    assert current is not None and current.id is not None
    attachment, sheet = window.store.get_article(current.id).attachments
    target = tmp_path / "site"
    run_export(
        window.store,
        ExportOptions(
            target=target,
            statuses=(current.status,),
            media=lambda p: picture_bytes(window.store, p),
        ),
    )
    assert (target / attachment.path).read_bytes() == bundle.read_bytes()
    assert (target / sheet.path).read_bytes() == form.read_bytes()
