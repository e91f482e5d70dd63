"""Pictures in the rich editor (dialog, captions, drops, display) and the import dialog."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QImage, QTextCursor, QTextDocument

from desktop.gui.dialogs import Dialogs
from desktop.gui.editor.rich_editor import MAX_DISPLAY_WIDTH, RichTextEditor
from desktop.gui.import_dialog import ImportDialog, ImportReport, ImportRunner, report_text
from desktop.gui.picture_dialog import PictureChoice, PictureDialog
from desktop.pictures import PictureError, add_picture, picture_bytes, picture_loader
from desktop.store import Store
from tests.importing.documents import report_docx
from tests.pictures.images import photo

MEDIA = re.compile(r"media/[0-9a-f]{64}\.jpg")


def picture_count(store: Store) -> int:
    return int(store.database.execute_sql("SELECT count(*) FROM picture").fetchone()[0])


def article_count(store: Store) -> int:
    return int(store.database.execute_sql("SELECT count(*) FROM article").fetchone()[0])


def store_picture(store: Store):
    """The PictureStore the window passes: (data, name, keep original) → media path."""
    return lambda data, name, keep: add_picture(store, data, name, keep_original=keep)


@pytest.fixture
def editor(qtbot, store: Store) -> RichTextEditor:
    widget = RichTextEditor()
    qtbot.addWidget(widget)
    widget.resize(600, 400)
    widget.set_picture_sink(lambda data, name: add_picture(store, data, name))
    widget.set_picture_source(picture_loader(store))
    return widget


@pytest.fixture
def jpeg(tmp_path: Path) -> Path:
    path = tmp_path / "合影.jpg"
    path.write_bytes(photo(1600, 1200))
    return path


def shown_image(editor: RichTextEditor, path: str) -> QImage:
    """The image resource the editor's document holds for a picture path."""
    resource = editor.document().resource(QTextDocument.ResourceType.ImageResource, QUrl(path))
    assert isinstance(resource, QImage), resource
    return resource


def fill_and_accept(alt: str, caption: str, *, cover: bool = False):
    """A stand-in for PictureDialog.exec: choose the file, type, press OK, as a user would."""

    def exec_(dialog: PictureDialog) -> int:
        if not dialog.editing:
            dialog.choose_file()
        dialog.alt_edit.setText(alt)
        dialog.caption_edit.setText(caption)
        dialog.cover.setChecked(cover)
        dialog.accept()
        return dialog.result()

    return exec_


def test_picture_inserted_through_the_dialog_keeps_alt_caption_and_shows(
    editor: RichTextEditor, store: Store, jpeg: Path, qtbot, monkeypatch
) -> None:
    monkeypatch.setattr(Dialogs, "choose_picture_file", classmethod(lambda cls, parent: str(jpeg)))
    monkeypatch.setattr(
        PictureDialog, "exec", fill_and_accept("职工合影", "图为比赛现场", cover=True)
    )
    with qtbot.waitSignal(editor.coverRequested) as cover:
        assert editor.choose_picture(store_picture(store))
    (path,) = MEDIA.findall(editor.markdown())
    assert editor.markdown() == f'![职工合影]({path} "图为比赛现场")\n'
    assert cover.args == [path]
    assert picture_bytes(store, path)
    image = shown_image(editor, path)
    assert not image.isNull() and image.width() <= MAX_DISPLAY_WIDTH < 1200

    # Saved and opened again (as the window does), the caption is still the picture's.
    markdown = editor.markdown()
    editor.set_markdown(markdown)
    assert editor.markdown() == markdown
    assert not shown_image(editor, path).isNull()


def test_opening_an_article_shows_its_stored_pictures(editor: RichTextEditor, store: Store) -> None:
    path = add_picture(store, photo(800, 600), "p.jpg")
    editor.set_markdown(f'正文。\n\n![合影]({path} "图为活动现场")\n')
    assert path in editor._shown_pictures  # registered with addResource, not drawn broken
    assert shown_image(editor, path).width() <= MAX_DISPLAY_WIDTH
    assert not editor.document().isModified()


def test_bad_file_in_the_dialog_is_explained_and_nothing_is_stored(
    qtbot, store: Store, tmp_path: Path, jpeg: Path
) -> None:
    bad = tmp_path / "报告.jpg"
    bad.write_bytes(b"this is not a JPEG")
    dialog = PictureDialog(None, store=store_picture(store))
    qtbot.addWidget(dialog)
    dialog.set_file(str(bad))
    dialog.accept()
    assert dialog.result() != PictureDialog.DialogCode.Accepted
    assert not dialog.error_label.isHidden()
    assert "报告.jpg" in dialog.error_label.text() and "not a picture" in dialog.error_label.text()
    assert picture_count(store) == 0

    dialog.set_file(str(jpeg))  # a good file, then Cancel: still nothing stored
    assert dialog.error_label.isHidden()
    dialog.reject()
    assert picture_count(store) == 0


def test_double_click_edit_changes_caption_and_alt_in_one_undo_step(
    editor: RichTextEditor, store: Store, monkeypatch
) -> None:
    path = add_picture(store, photo(400, 300), "p.jpg")
    editor.set_markdown(f'![旧]({path} "旧图注")\n\n后文。\n')
    seen: list[dict[str, object]] = []

    def ask(cls, parent, **options):
        seen.append(options)
        return PictureChoice(path=str(options["path"]), alt="新", caption='图为"新"图注')

    monkeypatch.setattr(Dialogs, "ask_picture", classmethod(ask))
    cursor = QTextCursor(editor.document())
    assert editor.edit_picture_at(cursor)
    assert seen[0]["alt"] == "旧" and seen[0]["caption"] == "旧图注"
    assert editor.markdown() == f'![新]({path} "图为“新”图注")\n\n后文。\n'
    editor.document().undo()
    assert editor.markdown() == f'![旧]({path} "旧图注")\n\n后文。\n'
    cursor.setPosition(len("x"))  # after the picture still finds it; in the text does not
    assert editor.picture_at(cursor) is not None
    cursor.movePosition(QTextCursor.MoveOperation.End)
    assert not editor.edit_picture_at(cursor)


def drop_files(editor: RichTextEditor, *files: Path) -> None:
    """Drop local files on the start of the editor's last paragraph, as a file manager does."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(file)) for file in files])
    mime.setText("\n".join(str(file) for file in files))  # file managers add the path as text
    assert editor.canInsertFromMimeData(mime)
    cursor = editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    cursor.movePosition(QTextCursor.MoveOperation.StartOfBlock)
    editor.setTextCursor(cursor)
    editor.insertFromMimeData(mime)


def test_dropped_picture_file_is_stored_and_inserted(
    editor: RichTextEditor, store: Store, jpeg: Path
) -> None:
    editor.set_markdown("第一段。\n\n第二段。\n")
    drop_files(editor, jpeg)
    (path,) = MEDIA.findall(editor.markdown())
    assert editor.markdown() == f"第一段。\n\n![]({path})\n\n第二段。\n"
    assert picture_count(store) == 1
    assert not shown_image(editor, path).isNull()


def test_a_real_drop_event_inserts_at_the_drop_position(
    editor: RichTextEditor, store: Store, jpeg: Path, qtbot
) -> None:
    editor.set_markdown("第一段。\n\n第二段。\n")
    editor.show()
    qtbot.waitExposed(editor)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(jpeg))])
    cursor = QTextCursor(editor.document())
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)  # the end of the first paragraph
    end = editor.cursorRect(cursor).center()
    event = QDropEvent(
        QPointF(end),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    editor.dropEvent(event)
    assert re.fullmatch(
        r"第一段。\n\n!\[\]\(media/[0-9a-f]{64}\.jpg\)\n\n第二段。\n", editor.markdown()
    )


def test_dropped_non_picture_is_refused_or_handed_on_for_attaching(
    editor: RichTextEditor, store: Store, tmp_path: Path, qtbot
) -> None:
    editor.set_markdown("正文。\n")
    text = tmp_path / "名单.pdf"
    text.write_bytes(b"%PDF-1.4")
    fake = tmp_path / "假图.png"
    fake.write_bytes(b"not a png")
    messages: list[str] = []
    editor.pictureRejected.connect(messages.append)
    # A file that is neither a picture nor an article is the window's to attach (and refuse).
    with qtbot.waitSignal(editor.attachRequested) as attach:
        drop_files(editor, text, fake)
    assert attach.args == [[str(text)]]
    assert editor.markdown() == "正文。\n"
    assert picture_count(store) == 0
    (message,) = messages
    assert "假图.png" in message and "not a picture" in message


def test_dropped_articles_are_handed_to_the_window_for_import(
    editor: RichTextEditor, tmp_path: Path, qtbot
) -> None:
    editor.set_markdown("正文。\n")
    docx = report_docx(tmp_path / "报告.docx", photos=0)
    markdown = tmp_path / "稿件.md"
    markdown.write_text("# 标题\n", encoding="utf-8")
    with qtbot.waitSignal(editor.importRequested) as request:
        drop_files(editor, docx, markdown)
    assert request.args == [[str(docx), str(markdown)]]
    assert editor.markdown() == "正文。\n"


def import_folder(tmp_path: Path, good: int, bad: bool) -> Path:
    folder = tmp_path / "稿件"
    folder.mkdir()
    for index in range(good):
        report_docx(folder / f"{index + 1}.docx", title=f"职工活动{index + 1}", photos=1)
    if bad:
        (folder / "0坏文件.docx").write_bytes(b"PK not really a zip")
    return folder


def test_import_dialog_imports_good_files_and_reports_the_bad_one(
    qtbot, store: Store, tmp_path: Path, monkeypatch
) -> None:
    reports: list[ImportReport] = []
    monkeypatch.setattr(
        Dialogs,
        "show_import_report",
        classmethod(lambda cls, parent, report: reports.append(report)),
    )
    dialog = ImportDialog(None, store, [import_folder(tmp_path, 2, bad=True)], workers=1)
    labels: list[str] = []
    dialog.runner.progress.connect(lambda done, total, name: labels.append(dialog.labelText()))
    with qtbot.waitSignal(dialog.imported, timeout=60_000) as imported:
        dialog.start()
    (report,) = reports
    ids = imported.args[0]
    assert len(ids) == 2 and ids == report.imported_ids
    assert sorted(store.get_article(i).title for i in ids) == ["职工活动1", "职工活动2"]
    (failed,) = report.failed
    assert failed.path.name == "0坏文件.docx" and "not a Word .docx file" in failed.error
    summary, details = report_text(report)
    assert summary.startswith("2 of 3 files imported.") and "1 files could not" in summary
    assert details.startswith("0坏文件.docx: is not a Word .docx file")
    assert any("2.docx" in label and "3 of 3" in label for label in labels)


def test_cancel_stops_the_import_early(qtbot, store: Store, tmp_path: Path) -> None:
    runner = ImportRunner(store, [import_folder(tmp_path, 6, bad=False)], workers=2)

    def cancel_after_the_first(done: int, total: int, name: str) -> None:
        if done == 1:
            runner.cancel()

    runner.progress.connect(cancel_after_the_first)
    with qtbot.waitSignal(runner.finished, timeout=60_000) as finished:
        runner.start()
    report = finished.args[0]
    assert report.cancelled and report.total == 6
    assert len(report.results) == 1 and report.results[0].ok
    assert article_count(store) == 1
    assert runner.wait(5_000) and not runner.running


def test_picture_error_names_the_file() -> None:
    assert str(PictureError("a.jpg", "is not a picture")) == "a.jpg: is not a picture"


def test_the_window_asks_for_the_encoding_of_an_unclear_text_file(
    qtbot, store: Store, tmp_path: Path, monkeypatch
) -> None:
    folder = tmp_path / "来稿"
    folder.mkdir()
    (folder / "短稿.md").write_bytes("---\ntitle: 各级工会\n---\n\n干部活动\n".encode("gbk"))
    (folder / "跳过.md").write_bytes("---\ntitle: 各级工会\n---\n\n活动\n".encode("gbk"))
    asked: list[tuple[str, tuple[str, ...], str]] = []

    def choose(cls, parent, name, candidates, samples):
        asked.append((name, tuple(candidates), samples["big5"]))
        return "gb18030" if name == "短稿.md" else None

    monkeypatch.setattr(Dialogs, "choose_encoding", classmethod(choose))
    runner = ImportRunner(store, [folder], workers=1)
    with qtbot.waitSignal(runner.finished, timeout=60_000) as finished:
        runner.start()
    report = finished.args[0]
    assert [name for name, _, _ in asked] == ["短稿.md", "跳过.md"]
    assert asked[0][1] == ("gb18030", "big5") and "補窒魂雄" in asked[0][2]
    (article_id,) = report.imported_ids
    assert store.get_article(article_id).title == "各级工会"
    (skipped,) = report.failed
    assert skipped.path.name == "跳过.md" and "--encoding" in skipped.error


def test_the_dialog_shows_a_photo_upright_as_its_camera_recorded_it(
    qtbot, store: Store, tmp_path: Path
) -> None:
    # A phone photo stored landscape (400×200) with EXIF "rotate 90° clockwise": upright it
    # is portrait, as the editor and the page show it.
    exif = Image.Exif()
    exif[0x0112] = 6
    turned = tmp_path / "竖拍.jpg"
    Image.new("RGB", (400, 200), (200, 30, 30)).save(turned, exif=exif.tobytes())
    dialog = PictureDialog(None, store=store_picture(store))
    qtbot.addWidget(dialog)
    dialog.set_file(str(turned))
    shown = dialog.preview.pixmap()
    assert not shown.isNull()
    assert shown.height() > shown.width()
    assert abs(shown.height() / shown.width() - 2) < 0.05
    dialog.reject()


def test_a_large_paste_shows_its_pictures_and_one_without_never_looks_for_any(
    editor: RichTextEditor, store: Store, qtbot, monkeypatch
) -> None:
    """Pasted in the background: its picture is shown; a 2,000-row table walks no block."""
    from desktop.gui.editor.rich_editor import MARKDOWN_MIME
    from tests.perf.stall_scenario import table_html

    path = add_picture(store, photo(800, 600), "p.jpg")
    rows = "\n".join(f"| {i} | 第{i}分会 |" for i in range(100))
    markdown = f'| 序号 | 分会 |\n| --- | --- |\n{rows}\n\n![合影]({path} "图为活动现场")\n'
    mime = QMimeData()
    mime.setData(MARKDOWN_MIME, markdown.encode("utf-8"))
    with qtbot.waitSignal(editor.pasteFinished, timeout=120_000):
        editor.insertFromMimeData(mime)
        assert editor.is_pasting()
    assert path in editor._shown_pictures
    assert shown_image(editor, path).width() <= MAX_DISPLAY_WIDTH

    walks = []
    real_paths = editor._picture_paths
    monkeypatch.setattr(editor, "_picture_paths", lambda: walks.append(1) or real_paths())
    table = QMimeData()
    table.setHtml(table_html(2000))
    with qtbot.waitSignal(editor.pasteFinished, timeout=180_000):
        editor.insertFromMimeData(table)
        assert editor.is_pasting()
    assert walks == []  # no picture in it: the 12,000 blocks are not walked for pictures
    assert path in editor._shown_pictures  # the picture pasted before is still shown
