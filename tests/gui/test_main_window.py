"""The main window, driven as a person would: create, type, preview, save, reopen, filter."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest

from desktop.article import Status
from desktop.demo import open_store
from desktop.gui.dialogs import ConflictChoice, Dialogs, SaveChoice
from desktop.gui.main_window import MainWindow
from desktop.gui.preview import WidthMode
from desktop.gui.site_dialog import SiteDialog, SiteEdit
from desktop.store import ListQuery, Store
from desktop.store.errors import DiskFull
from tests.gui.conftest import dispose


class Answers:
    """Scripted answers to the window's questions, and a record of what was asked."""

    def __init__(self) -> None:
        self.save_choice = SaveChoice.SAVE
        self.confirm = True
        self.asked: list[str] = []
        self.errors: list[str] = []


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> Answers:
    scripted = Answers()

    def ask_save(parent, title: str) -> SaveChoice:
        scripted.asked.append(f"save:{title}")
        return scripted.save_choice

    def confirm(parent, title: str) -> bool:
        scripted.asked.append(f"delete:{title}")
        return scripted.confirm

    def error(parent, title: str, message: str) -> None:
        scripted.errors.append(message)

    monkeypatch.setattr(Dialogs, "ask_save_changes", classmethod(lambda cls, p, t: ask_save(p, t)))
    monkeypatch.setattr(Dialogs, "confirm_delete", classmethod(lambda cls, p, t: confirm(p, t)))
    monkeypatch.setattr(Dialogs, "show_error", classmethod(lambda cls, p, t, m: error(p, t, m)))
    return scripted


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def make_window(
    qtbot, db_path: Path, settings: QSettings, answers: Answers
) -> Iterator[Callable[[], MainWindow]]:
    """Open main windows on one demo database, as the app does, and close them afterwards."""
    opened: list[tuple[MainWindow, Store]] = []

    def make() -> MainWindow:
        store = open_store(db_path, demo_if_new=True)
        window = MainWindow(store, settings)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        qtbot.waitUntil(lambda: window.session.current is not None)
        opened.append((window, store))
        return window

    yield make
    for window, store in opened:
        if shiboken6.isValid(window.session):
            window.session.forget_changes()
        dispose(qtbot, window)
        store.close()


def page_text(window: MainWindow, qtbot) -> str:
    """Return the text of the page the preview shows now."""
    result: list[str] = []
    window.preview.page_text(result.append)
    qtbot.waitUntil(lambda: bool(result))
    return result[0]


def page_html(window: MainWindow, qtbot) -> str:
    result: list[str] = []
    window.preview.web_page.toHtml(result.append)
    qtbot.waitUntil(lambda: bool(result))
    return result[0]


def type_text(widget, text: str) -> None:
    """Type text into the focused editor through real key events."""
    for char in text:
        QTest.keyClick(
            widget, char
        ) if char.isascii() and char.isalnum() else widget.insertPlainText(char) if hasattr(
            widget, "insertPlainText"
        ) else widget.insert(char)


def test_new_article_typed_previewed_saved_and_reopened(make_window, qtbot) -> None:
    window = make_window()
    demo_count = window.store.count_articles()
    QTest.keySequence(window, "Ctrl+N")
    form = window.editor.form
    assert form.title_edit.hasFocus() or form.title_edit.selectedText()
    form.title_edit.clear()
    form.title_edit.insert("全市职工技能大赛圆满落幕")
    form.title_edit.textEdited.emit(form.title_edit.text())
    form.subtitle.insert("——300名选手同台竞技")
    form.subtitle.textEdited.emit(form.subtitle.text())

    rich = window.editor.rich
    rich.setFocus()
    cursor = rich.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    rich.setTextCursor(cursor)
    rich.insertPlainText("一是抓学习。")
    cursor = rich.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.StartOfBlock, QTextCursor.MoveMode.KeepAnchor)
    rich.setTextCursor(cursor)
    window.editor.actions_by_name["bold"].trigger()
    cursor = rich.textCursor()
    cursor.clearSelection()
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
    rich.setTextCursor(cursor)
    window.editor.actions_by_name["bold"].trigger()  # bold off again for what follows
    rich.insertPlainText("全市各级工会组织职工参赛，突破300人。")
    assert window.session.dirty
    assert (
        window.editor.body_markdown() == "**一是抓学习。**全市各级工会组织职工参赛，突破300人。\n"
    )

    qtbot.waitUntil(lambda: "突破300人" in page_text(window, qtbot), timeout=10000)
    text = page_text(window, qtbot)
    assert "全市职工技能大赛圆满落幕" in text and "——300名选手同台竞技" in text
    assert "<strong>一是抓学习。</strong>全市各级工会" in page_html(window, qtbot)
    assert "字" in window.words_label.text() or "character" in window.words_label.text()

    QTest.keySequence(window, "Ctrl+S")
    assert not window.session.dirty
    article_id = window.current_id()
    assert window.store.count_articles() == demo_count + 1
    window.close()

    again = make_window()
    assert again.list_pane.select_article(article_id)
    qtbot.waitUntil(lambda: again.current_id() == article_id)
    article = again.edited_article()
    assert article.title == "全市职工技能大赛圆满落幕"
    assert article.subtitle == "——300名选手同台竞技"
    assert article.body == "**一是抓学习。**全市各级工会组织职工参赛，突破300人。\n"
    assert article.status is Status.DRAFT
    assert not again.session.dirty


def fail_saving(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make every save fail as on a full disk."""

    def full(*args, **kwargs):
        raise DiskFull("database or disk is full")

    monkeypatch.setattr(window.store, "save_article", full)


def test_switching_articles_saves_without_asking(make_window, answers: Answers) -> None:
    window = make_window()
    first = window.current_id()
    window.editor.rich.insertPlainText("新增一句。")
    assert window.session.dirty
    second = window.list_pane.model.article_id(
        1 if window.list_pane.model.row_of(first) == 0 else 0
    )
    assert window.open_article(second)
    assert "新增一句。" in window.store.get_article(first).body
    assert answers.asked == []


def test_when_saving_fails_switching_asks_and_cancel_keeps_the_text(
    make_window, answers: Answers, monkeypatch
) -> None:
    window = make_window()
    first = window.current_id()
    window.editor.rich.insertPlainText("磁盘满时写的字")
    fail_saving(window, monkeypatch)
    second = window.list_pane.model.article_id(
        1 if window.list_pane.model.row_of(first) == 0 else 0
    )
    answers.save_choice = SaveChoice.CANCEL
    assert not window.open_article(second)
    assert window.current_id() == first and window.session.dirty
    assert "磁盘满时写的字" in window.editor.body_markdown()
    assert len(answers.asked) == 1


def test_discarding_keeps_the_stored_text(make_window, answers: Answers, monkeypatch) -> None:
    window = make_window()
    first = window.current_id()
    before = window.store.get_article(first).body
    window.editor.rich.insertPlainText("不要的文字")
    real_save = window.store.save_article
    fail_saving(window, monkeypatch)
    answers.save_choice = SaveChoice.DISCARD
    second = window.list_pane.model.article_id(
        1 if window.list_pane.model.row_of(first) == 0 else 0
    )
    assert window.open_article(second)
    monkeypatch.setattr(window.store, "save_article", real_save)
    assert window.store.get_article(first).body == before


def test_closing_saves_and_asks_only_when_saving_fails(
    make_window, answers: Answers, monkeypatch
) -> None:
    window = make_window()
    window.editor.rich.insertPlainText("关闭前的修改")
    real_save = window.store.save_article
    fail_saving(window, monkeypatch)
    answers.save_choice = SaveChoice.CANCEL
    assert not window.close()
    assert window.isVisible()
    monkeypatch.setattr(window.store, "save_article", real_save)
    assert window.close()
    assert "关闭前的修改" in window.store.get_article(window.current_id()).body
    assert len(answers.asked) == 1


def test_autosave_after_typing_stops(make_window, qtbot) -> None:
    window = make_window()
    window.session.set_timing(replace(window.session.timing, pause_ms=50))
    window.editor.rich.insertPlainText("自动保存的一句话。")
    qtbot.waitUntil(lambda: not window.session.dirty, timeout=3000)
    assert "自动保存的一句话。" in window.store.get_article(window.current_id()).body
    assert "自动" in window.save_label.text() or "automatically" in window.save_label.text()


def test_leaving_the_editor_saves_at_once(make_window, qtbot) -> None:
    window = make_window()
    window.activateWindow()
    window.editor.rich.setFocus()
    qtbot.waitUntil(window.editor.rich.hasFocus)
    window.editor.rich.insertPlainText("离开编辑器时保存")
    window.list_pane.search_edit.setFocus()
    qtbot.waitUntil(lambda: not window.session.dirty, timeout=3000)
    assert "离开编辑器时保存" in window.store.get_article(window.current_id()).body


def test_a_full_disk_keeps_the_text_and_saves_once_space_is_back(
    make_window, qtbot, monkeypatch, answers: Answers
) -> None:
    window = make_window()
    real_save = window.store.save_article
    fail_saving(window, monkeypatch)
    window.editor.rich.insertPlainText("空间不足时的文字")
    assert not window.session.autosave()
    assert window.session.dirty and window.session.is_retrying()
    assert len(answers.errors) == 1 and "disk is full" in answers.errors[0]
    assert not window.session.autosave()
    assert len(answers.errors) == 1  # told once, not at every retry
    assert "空间不足时的文字" in window.editor.body_markdown()
    monkeypatch.setattr(window.store, "save_article", real_save)
    window.session.set_timing(replace(window.session.timing, retry_ms=20))
    qtbot.waitUntil(lambda: not window.session.dirty, timeout=3000)
    assert "空间不足时的文字" in window.store.get_article(window.current_id()).body


def test_reopens_and_says_so_after_a_crash(make_window, settings: QSettings, monkeypatch) -> None:
    window = make_window()
    window.editor.rich.insertPlainText("崩溃前自动保存的文字")
    assert window.session.autosave()
    article_id = window.current_id()
    # A crash: the window never closes, so the session flag stays set.
    assert window.recovery.is_open()
    window.session.forget_changes()
    window.hide()
    told: list[str] = []
    monkeypatch.setattr(Dialogs, "show_info", classmethod(lambda cls, p, t, m: told.append(m)))
    again = make_window()
    assert again.current_id() == article_id
    assert "崩溃前自动保存的文字" in again.editor.body_markdown()
    assert again.recovered and told


def test_a_clean_close_does_not_claim_a_recovery(make_window, monkeypatch) -> None:
    window = make_window()
    assert window.close()
    told: list[str] = []
    monkeypatch.setattr(Dialogs, "show_info", classmethod(lambda cls, p, t, m: told.append(m)))
    again = make_window()
    assert not again.recovered and told == []


@pytest.mark.parametrize("choice", [ConflictChoice.MINE, ConflictChoice.THEIRS])
def test_two_windows_never_overwrite_each_other(make_window, monkeypatch, choice) -> None:
    window = make_window()
    article_id = window.current_id()
    with Store.open(window.store.path) as other:
        theirs = other.get_article(article_id)
        theirs.body = "另一个窗口保存的正文。\n"
        other.save_article(theirs)
    shown: list[tuple[str, str]] = []

    def resolve(cls, parent, mine, theirs):
        shown.append((mine.body, theirs.body))
        return choice

    monkeypatch.setattr(Dialogs, "resolve_conflict", classmethod(resolve))
    window.editor.rich.insertPlainText("本窗口的修改")
    window.session.save()
    assert shown and "本窗口的修改" in shown[0][0] and shown[0][1] == "另一个窗口保存的正文。\n"
    stored = window.store.get_article(article_id).body
    history = [window.store.revision(r.id).article.body for r in window.store.revisions(article_id)]
    if choice is ConflictChoice.MINE:
        assert "本窗口的修改" in stored
        assert "另一个窗口保存的正文。\n" in history
    else:
        assert stored == "另一个窗口保存的正文。\n"
        assert window.editor.body_markdown() == stored
        assert any("本窗口的修改" in body for body in history)


def test_delete_moves_to_trash_after_asking(make_window, answers: Answers) -> None:
    window = make_window()
    victim = window.current_id()
    answers.confirm = False
    window.delete_action.trigger()
    assert window.store.get_article(victim)
    answers.confirm = True
    window.delete_action.trigger()
    assert victim in window.store.trashed_ids()
    assert window.list_pane.model.row_of(victim) == -1
    assert window.current_id() != victim


def test_duplicate_makes_a_draft_copy(make_window) -> None:
    window = make_window()
    original = window.store.get_article(window.current_id())
    window.duplicate_action.trigger()
    copy = window.store.get_article(window.current_id())
    assert copy.id != original.id
    assert copy.body == original.body and copy.status is Status.DRAFT
    assert original.title in copy.title


def test_filtering_the_list(make_window, qtbot) -> None:
    window = make_window()
    model = window.list_pane.model
    window.list_pane.search_edit.setText("温暖")
    qtbot.waitUntil(lambda: model.query.text == "温暖", timeout=3000)
    expected = [a.id for a in window.store.list_articles(ListQuery(text="温暖")).items]
    assert expected and [model.article_id(r) for r in range(model.rowCount())] == expected
    window.list_pane.search_edit.clear()
    qtbot.waitUntil(lambda: model.query.text == "", timeout=3000)
    status_combo = window.list_pane.status_combo
    status_combo.setCurrentIndex(status_combo.findData(Status.DRAFT.value))
    qtbot.waitUntil(lambda: model.query.status is Status.DRAFT)
    drafts = window.store.count_articles(ListQuery(status=Status.DRAFT))
    assert model.rowCount() == drafts > 0


def test_markdown_source_edits_the_same_article(make_window, qtbot) -> None:
    window = make_window()
    editor = window.editor
    rich_markdown = editor.body_markdown()
    editor.actions_by_name["source"].trigger()
    assert editor.is_source_mode()
    assert editor.source.toPlainText() == rich_markdown
    editor.source.moveCursor(QTextCursor.MoveOperation.End)
    editor.source.insertPlainText("\n**补充说明。**源码视图里加的一段。\n")
    editor.actions_by_name["source"].trigger()
    assert not editor.is_source_mode()
    assert "**补充说明。**源码视图里加的一段。" in editor.body_markdown()
    window.session.autosave()  # may already have happened when the focus moved
    stored = window.store.get_article(window.current_id()).body
    assert "**补充说明。**源码视图里加的一段。" in stored


def test_site_settings_reach_the_preview(make_window, qtbot, monkeypatch) -> None:
    window = make_window()

    def edit(cls, parent, site, columns, windows=None):
        return SiteEdit(site.with_value("name", "测试工会网站"), list(columns))

    monkeypatch.setattr(Dialogs, "edit_site", classmethod(edit))
    window.site_action.trigger()
    assert window.store.site().name == "测试工会网站"
    qtbot.waitUntil(lambda: "测试工会网站" in page_text(window, qtbot), timeout=10000)


def test_site_dialog_edits_fields_and_column_order(qtbot, store: Store) -> None:
    store.save_columns([])
    for name in ("工会动态", "通知公告"):
        store.ensure_column(name)
    dialog = SiteDialog(store.site(), store.columns())
    qtbot.addWidget(dialog)
    name_edit = dialog._editors["name"]
    name_edit.setText("澜江工会网")
    dialog.columns_table.setCurrentCell(1, 0)
    dialog.move_selected(-1)
    assert dialog.site().name == "澜江工会网"
    assert [c.name for c in dialog.columns()] == ["通知公告", "工会动态"]


def test_preview_width_and_layout_are_remembered(make_window, settings: QSettings) -> None:
    window = make_window()
    window.phone_action.trigger()
    assert window.preview.width_mode() is WidthMode.PHONE
    window.resize(760, 700)  # the offscreen screen is 800 px wide; geometry is clamped to it
    window.splitter.setSizes([200, 300, 240])
    sizes = window.splitter.sizes()
    window.close()
    again = make_window()
    assert again.preview.width_mode() is WidthMode.PHONE
    assert again.size() == window.size()
    assert again.splitter.sizes() == sizes


def test_keyboard_navigation_opens_the_next_article(make_window, qtbot) -> None:
    window = make_window()
    table = window.list_pane.table
    table.setFocus()
    first = window.current_id()
    QTest.keyClick(table, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: window.current_id() != first)
    assert window.current_id() == window.list_pane.model.article_id(table.currentIndex().row())


def test_history_restores_into_the_editor(make_window, monkeypatch) -> None:
    window = make_window()
    original = window.store.get_article(window.current_id())
    window.editor.rich.insertPlainText("后来加的一句")
    assert window.session.save()

    def show(cls, parent, store, article_id, version):
        revisions = store.revisions(article_id)
        oldest = revisions[-1]
        return store.restore_revision(article_id, oldest.id, version)

    monkeypatch.setattr(Dialogs, "show_history", classmethod(show))
    window.history_action.trigger()
    assert window.editor.body_markdown() == original.body
    assert window.store.get_article(original.id).body == original.body


def test_trash_restores_into_the_list(make_window, monkeypatch, answers: Answers) -> None:
    window = make_window()
    victim = window.current_id()
    window.delete_action.trigger()
    assert window.list_pane.model.row_of(victim) == -1

    def show(cls, parent, store):
        store.restore_article(victim)
        return [victim]

    monkeypatch.setattr(Dialogs, "show_trash", classmethod(show))
    window.trash_action.trigger()
    assert window.list_pane.model.row_of(victim) >= 0


def test_export_from_the_window(make_window, qtbot, monkeypatch, tmp_path: Path) -> None:
    from desktop.export import ExportOptions

    window = make_window()
    target = tmp_path / "site"
    monkeypatch.setattr(
        Dialogs, "ask_export_options", classmethod(lambda cls, p, s: ExportOptions(target))
    )
    summaries: list[object] = []
    monkeypatch.setattr(
        Dialogs,
        "present_export_summary",
        classmethod(lambda cls, p, s, o: summaries.append(s)),
    )
    # The demo's sample articles are exported on purpose here.
    monkeypatch.setattr(Dialogs, "confirm_sample_export", classmethod(lambda cls, p, f: True))
    with qtbot.waitSignal(window.export_runner.finished, timeout=60000):
        window.export_action.trigger()
    assert (target / "index.html").exists() and (target / "manifest.json").exists()
    assert summaries and window.export_action.isEnabled()


def test_copy_article_html(make_window) -> None:
    from PySide6.QtGui import QGuiApplication

    window = make_window()
    window.copy_html_action.trigger()
    mime = QGuiApplication.clipboard().mimeData()
    assert mime.hasHtml() and "<script" not in mime.html()
    assert window.session.current.title.split("：")[0][:4] in mime.text() or mime.text()


def test_back_up_now(make_window, qtbot) -> None:
    window = make_window()
    with qtbot.waitSignal(window.backups.finished, timeout=60000) as blocker:
        window.backup_action.trigger()
    backup = blocker.args[0]
    assert isinstance(backup, Path) and backup.exists()
    from desktop.store.integrity import is_good_database

    assert is_good_database(backup)


def test_a_damaged_database_is_restored_from_its_backup(tmp_path: Path, monkeypatch) -> None:
    from desktop.gui import app
    from desktop.gui.backup_dialogs import DamagedChoice
    from desktop.store.backup import backup_now

    db = tmp_path / "n.db"
    store = open_store(db, demo_if_new=True)
    count = store.count_articles()
    backup = backup_now(store)
    store.close()
    data = bytearray(db.read_bytes())
    data[4096 : 4096 + 64] = b"\xff" * 64  # a page of the table b-tree overwritten
    db.write_bytes(bytes(data))
    asked: list[object] = []

    def ask(cls, parent, error):
        asked.append(error)
        return DamagedChoice.RESTORE, backup

    monkeypatch.setattr(Dialogs, "ask_damaged_database", classmethod(ask))
    reopened = app.open_or_recover(db)
    assert asked and reopened is not None
    assert reopened.count_articles() == count
    reopened.close()


def jpeg_bytes() -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (640, 480), (180, 30, 40)).save(buffer, "JPEG")
    return buffer.getvalue()


def test_inserted_picture_reaches_body_cover_and_preview(make_window, qtbot, monkeypatch) -> None:
    from desktop.gui.picture_dialog import PictureChoice
    from desktop.pictures import add_picture

    window = make_window()
    stored = add_picture(window.store, jpeg_bytes(), "现场.jpg")

    def ask(cls, parent, **kwargs):
        return PictureChoice(
            path=stored, alt="会议现场", caption="图为会议现场。", keep_original=False, cover=True
        )

    monkeypatch.setattr(Dialogs, "ask_picture", classmethod(ask))
    window.picture_action.trigger()
    assert f'![会议现场]({stored} "图为会议现场。")' in window.editor.body_markdown()
    assert window.editor.form.cover.text() == stored
    assert window.session.autosave()
    assert window.store.get_article(window.current_id()).cover == stored
    qtbot.waitUntil(lambda: "图为会议现场。" in page_text(window, qtbot), timeout=10000)
    html = page_html(window, qtbot)
    assert "<figcaption>图为会议现场。</figcaption>" in html


def test_files_dropped_on_the_list_are_imported(make_window, qtbot, monkeypatch, tmp_path) -> None:
    window = make_window()
    before = window.store.count_articles()
    article = tmp_path / "稿件.md"
    article.write_text(
        "---\ntitle: 拖进来的稿件\ncolumn: 工会动态\n---\n\n正文一段。\n", encoding="utf-8"
    )
    reports: list[object] = []
    monkeypatch.setattr(
        Dialogs, "show_import_report", classmethod(lambda c, p, r: reports.append(r))
    )
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDropEvent

    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(article))])
    drop = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    # Qt delivers drop events only during a real drag; hand it to the pane's filter as Qt would.
    viewport = window.list_pane.table.viewport()
    assert window.list_pane.eventFilter(viewport, drop)
    qtbot.waitUntil(lambda: window.store.count_articles() == before + 1, timeout=30000)
    qtbot.waitUntil(
        lambda: (
            window.session.current is not None and window.session.current.title == "拖进来的稿件"
        ),
        timeout=10000,
    )


def test_convert_a_traditional_article_to_simplified(make_window) -> None:
    window = make_window()
    window.editor.form.title_edit.setText("市總工會舉辦職工技能大賽")
    window.editor.form.title_edit.textEdited.emit(window.editor.form.title_edit.text())
    window.editor.rich.selectAll()
    window.editor.rich.insertPlainText("全市職工踴躍參賽，發展勢頭良好。")
    article_id = window.current_id()
    window.simplify_action.trigger()
    stored = window.store.get_article(article_id)
    assert stored.title == "市总工会举办职工技能大赛"
    assert "全市职工踊跃参赛，发展势头良好。" in stored.body
    history = [
        window.store.revision(r.id).article.title for r in window.store.revisions(article_id)
    ]
    assert "市總工會舉辦職工技能大賽" in history


def test_site_dialog_sets_the_traditional_edition(qtbot, store: Store) -> None:
    dialog = SiteDialog(store.site(), store.columns())
    qtbot.addWidget(dialog)
    traditional = dialog._editors["traditional"]
    traditional.setCurrentIndex(traditional.findData("yes"))
    variant = dialog._editors["traditional_variant"]
    variant.setCurrentIndex(variant.findData("hongkong"))
    site = dialog.site()
    assert site.traditional == "yes" and site.traditional_variant == "hongkong"


def test_nothing_is_saved_until_the_background_check_passes(make_window, qtbot) -> None:
    window = make_window()
    window.session.hold_until_checked()
    window.editor.rich.insertPlainText("检查完成前输入的文字")
    assert not window.session.autosave()
    assert "检查完成前输入的文字" not in window.store.get_article(window.current_id()).body
    window.session.database_checked()
    assert not window.session.dirty
    assert "检查完成前输入的文字" in window.store.get_article(window.current_id()).body


def damaged_demo(tmp_path: Path) -> tuple[Path, Path, bytes]:
    """A demo database with a backup, then a page of it overwritten."""
    from desktop.store.backup import backup_now

    db = tmp_path / "n.db"
    store = open_store(db, demo_if_new=True)
    backup = backup_now(store)
    store.close()
    data = bytearray(db.read_bytes())
    data[4096 : 4096 + 64] = b"\xff" * 64
    db.write_bytes(bytes(data))
    (tmp_path / "n.db-wal").unlink(missing_ok=True)
    return db, backup, db.read_bytes()


def test_a_page_damaged_where_the_window_reads_is_caught_at_once(
    qtbot, tmp_path: Path, settings: QSettings, monkeypatch
) -> None:
    from desktop.gui import app
    from desktop.gui.backup_dialogs import DamagedChoice

    db, _backup, damaged = damaged_demo(tmp_path)
    asked: list[object] = []

    def ask(cls, parent, error):
        asked.append(error)
        return DamagedChoice.RESTORE, error.backup

    monkeypatch.setattr(Dialogs, "ask_damaged_database", classmethod(ask))
    window = app.open_window(db, settings)
    assert window is not None and asked
    assert window.store.count_articles() > 0
    kept = tmp_path / "n.db.before-restore"
    assert kept.read_bytes() == damaged
    window.session.forget_changes()
    dispose(qtbot, window)
    window.store.close()


def test_damage_found_in_the_background_offers_the_backup_and_writes_nothing(
    make_window, monkeypatch, tmp_path: Path
) -> None:
    from desktop.gui.backup_dialogs import DamagedChoice
    from desktop.store.errors import Damage, DamagedDatabase

    window = make_window()
    window.editor.rich.insertPlainText("不该写进坏文件的字")
    backup = tmp_path / "good.db"
    monkeypatch.setattr(
        Dialogs,
        "ask_damaged_database",
        classmethod(lambda cls, parent, error: (DamagedChoice.RESTORE, error.backup)),
    )
    before = window.store.get_article(window.current_id()).body
    window.database_damaged(DamagedDatabase(window.store.path, Damage.CORRUPT, "bad page", backup))
    assert window.restore_requested == backup
    assert not window.isVisible()
    assert window.store.get_article(window.current_id()).body == before


def test_recovery_belongs_to_the_database_that_was_open(
    qtbot, tmp_path: Path, settings: QSettings, monkeypatch, answers: Answers
) -> None:
    told: list[str] = []
    monkeypatch.setattr(Dialogs, "show_info", classmethod(lambda cls, p, t, m: told.append(m)))

    opened: list[tuple[MainWindow, Store]] = []

    def open_on(path: Path) -> MainWindow:
        store = open_store(path, demo_if_new=True)
        window = MainWindow(store, settings)
        window.show()
        qtbot.waitUntil(lambda: window.session.current is not None)
        opened.append((window, store))
        return window

    first = open_on(tmp_path / "a.db")
    second_row = first.list_pane.model.article_id(1)
    assert first.open_article(second_row)
    first.editor.rich.insertPlainText("甲库崩溃前保存的文字")
    assert first.session.autosave()
    first.hide()  # a crash: the window never closes, its database's record stays open

    # A brand-new database: nothing to recover, and A's article id means nothing here.
    other = open_on(tmp_path / "b.db")
    assert not other.recovered and told == []
    assert other.current_id() == other.list_pane.model.article_id(0) != second_row
    assert other.close()

    again = open_on(tmp_path / "a.db")
    assert again.recovered and len(told) == 1
    assert again.current_id() == second_row
    assert "甲库崩溃前保存的文字" in again.editor.body_markdown()
    for window, store in opened:
        dispose(qtbot, window)
        store.close()


def test_the_preview_follows_non_stop_typing(make_window, qtbot) -> None:
    window = make_window()
    rich = window.editor.rich
    rich.setFocus()
    cursor = rich.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    rich.setTextCursor(cursor)
    qtbot.waitUntil(
        lambda: window.preview.generation > 0 and not window.preview_schedule.is_waiting()
    )
    shown_while_typing: list[int] = []
    typed: list[int] = [0]
    keys = QTimer()
    keys.setInterval(30)  # faster than anyone pauses: the debounce alone would never fire

    def key() -> None:
        QTest.keyClick(rich, "a")
        typed[0] += 1
        if typed[0] >= 70:  # about two seconds
            keys.stop()

    def shown(_generation: int) -> None:
        if keys.isActive():
            shown_while_typing.append(typed[0])

    window.preview.rendered.connect(shown)
    keys.timeout.connect(key)
    keys.start()
    qtbot.waitUntil(lambda: not keys.isActive(), timeout=60_000)
    window.preview.rendered.disconnect(shown)
    # Refreshed several times before the typing stopped, each time with more of the text.
    assert len(shown_while_typing) >= 3, shown_while_typing
    assert shown_while_typing == sorted(shown_while_typing)
    qtbot.waitUntil(lambda: "a" * typed[0] in page_text(window, qtbot), timeout=10_000)


def test_the_desktop_session_ending_saves_and_ends_cleanly(make_window) -> None:
    window = make_window()
    window.editor.rich.insertPlainText("注销之前打的字")
    assert window.session.autosave_pending()
    window.quitting()  # the application quits (logout, shutdown) with the window still open
    assert not window.session.dirty
    assert "注销之前打的字" in window.store.get_article(window.current_id()).body
    assert not window.recovery.is_open()


def test_stopping_during_the_database_check_waits_for_it_then_saves(make_window, qtbot) -> None:
    from desktop.gui.startup_check import PageCheck

    window = make_window()
    window.session.hold_until_checked()
    window.page_check = PageCheck(window.store.path, window)
    window.page_check.passed.connect(window.session.database_checked)
    window.editor.rich.insertPlainText("检查期间收到退出信号")
    window.page_check.start()
    window.end_session()
    assert not window.isVisible() and not window.recovery.is_open()
    assert "检查期间收到退出信号" in window.store.get_article(window.current_id()).body


def test_a_new_author_becomes_a_choice_once_saved(make_window) -> None:
    window = make_window()
    author = window.editor.form.author
    assert author.findText("新成立的职工服务中心") < 0
    author.setEditText("新成立的职工服务中心")
    window.editor.changed.emit()
    assert window.session.save()
    assert author.findText("新成立的职工服务中心") >= 0


def test_a_new_article_starts_with_no_byline_but_offers_the_known_ones(make_window) -> None:
    window = make_window()
    opened = window.session.current
    assert opened is not None and opened.author  # the demo articles have bylines
    QTest.keySequence(window, "Ctrl+N")
    author = window.editor.form.author
    assert window.session.current.id != opened.id
    assert author.currentText() == ""  # not the previous article's department
    assert author.findText(opened.author) >= 0  # still one pick away
    assert window.editor.form.column.currentText() == opened.column
