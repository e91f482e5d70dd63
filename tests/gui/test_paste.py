"""Pasting from Word, WPS and browsers: each clipboard fixture through the editor's paste path."""

from __future__ import annotations

import base64
import re
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData
from PySide6.QtGui import QGuiApplication, QImage

from desktop.gui.editor.rich_editor import RichTextEditor
from desktop.pictures import add_picture, picture_bytes
from desktop.store import Store
from tests.pictures.images import flat_png, photo

FIXTURES = Path(__file__).parent / "paste_fixtures"
NAMES = sorted(path.stem for path in FIXTURES.glob("*.html"))
_MEDIA = re.compile(r"media/[0-9a-f]{64}")


def fixture_html(name: str, tmp_path: Path) -> str:
    """A fixture with its placeholders filled: Word's clipboard folder and a data: picture."""
    clip_dir = tmp_path / "Temp" / "msohtmlclip1" / "01"
    clip_dir.mkdir(parents=True, exist_ok=True)
    (clip_dir / "clip_image002.jpg").write_bytes(photo(900, 600))
    data_uri = "data:image/png;base64," + base64.b64encode(flat_png()).decode("ascii")
    html = (FIXTURES / f"{name}.html").read_text(encoding="utf-8")
    return html.replace("{CLIP_DIR}", clip_dir.as_posix().lstrip("/")).replace(
        "{PNG_DATA_URI}", data_uri
    )


def paste(editor: RichTextEditor, html: str) -> str:
    mime = QMimeData()
    mime.setHtml(html)
    editor.insertFromMimeData(mime)
    return editor.markdown()


@pytest.fixture
def editor(qtbot, store: Store) -> RichTextEditor:
    widget = RichTextEditor()
    qtbot.addWidget(widget)
    widget.set_picture_sink(lambda data, name: add_picture(store, data, name))
    return widget


def test_there_is_a_fixture_for_each_source() -> None:
    assert {"word_windows", "wps_office", "chrome_news_site", "firefox_lists", "edge_table"} <= set(
        NAMES
    )


@pytest.mark.parametrize("name", NAMES)
def test_paste_fixture_gives_expected_markdown(
    name: str, editor: RichTextEditor, store: Store, tmp_path: Path
) -> None:
    markdown = paste(editor, fixture_html(name, tmp_path))
    expected = (FIXTURES / f"{name}.md").read_text(encoding="utf-8")
    assert _MEDIA.sub("media/PICTURE", markdown) == expected
    for path in re.findall(r"media/[0-9a-f]{64}\.(?:jpg|png)", markdown):
        assert picture_bytes(store, path)  # embedded pictures became stored pictures


@pytest.mark.parametrize("name", NAMES)
def test_nothing_of_the_source_styling_survives(
    name: str, editor: RichTextEditor, tmp_path: Path
) -> None:
    markdown = paste(editor, fixture_html(name, tmp_path)).replace("<br>", "")  # table cells
    for leftover in ("mso", "font", "style", "color", "<", "Wingdings", "\u3000", "\xa0", "file:"):
        assert leftover not in markdown, leftover


def test_without_a_picture_store_embedded_pictures_are_dropped(qtbot, tmp_path: Path) -> None:
    widget = RichTextEditor()
    qtbot.addWidget(widget)
    markdown = paste(widget, fixture_html("wps_office", tmp_path))
    assert "data:" not in markdown and "![" not in markdown


def test_a_broken_embedded_picture_is_reported_and_dropped(editor: RichTextEditor, qtbot) -> None:
    broken = "data:image/png;base64," + base64.b64encode(b"not a picture").decode()
    with qtbot.waitSignal(editor.pictureRejected) as signal:
        markdown = paste(editor, f'<p>文字<img src="{broken}"></p>')
    assert markdown == "文字\n"
    assert "pasted picture" in signal.args[0]


def test_local_files_outside_the_clipboard_folder_are_not_read(
    editor: RichTextEditor, tmp_path: Path
) -> None:
    private = tmp_path / "Pictures" / "private.jpg"
    private.parent.mkdir()
    private.write_bytes(photo(200, 100))
    assert "![" not in paste(editor, f'<p>文字<img src="{private.as_uri()}"></p>')


def test_pasting_a_bitmap_stores_it(editor: RichTextEditor, store: Store) -> None:
    image = QImage.fromData(flat_png())
    mime = QMimeData()
    mime.setImageData(image)
    assert editor.canInsertFromMimeData(mime)
    editor.insertFromMimeData(mime)
    (path,) = re.findall(r"media/[0-9a-f]{64}\.png", editor.markdown())
    assert picture_bytes(store, path)


def test_paste_plain_text_drops_styles_and_indents(editor: RichTextEditor) -> None:
    mime = QMimeData()
    mime.setText("　　**不是粗体**第一段\r\n\r\n　　第二段")
    QGuiApplication.clipboard().setMimeData(mime)
    editor.paste_plain_text()
    assert editor.markdown() == "\\*\\*不是粗体\\*\\*第一段\n\n第二段\n"


def test_internal_markdown_paste_is_unchanged(editor: RichTextEditor) -> None:
    mime = QMimeData()
    mime.setData("text/markdown", "**一是抓学习。**正文\n".encode())
    mime.setHtml("<p>ignored</p>")
    editor.insertFromMimeData(mime)
    assert editor.markdown() == "**一是抓学习。**正文\n"
