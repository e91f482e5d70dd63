"""Pasting into the editor: clipboard HTML, pictures, plain text and the app's own Markdown.

The cleaning itself is the body model's (tests/body/test_paste_cleaning.py); these tests
check that the editor's paste path gives what it gives.
"""

from __future__ import annotations

import base64
import re
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData
from PySide6.QtGui import QGuiApplication, QImage

from desktop.gui.editor.rich_editor import LARGE_PASTE_CHARS, RichTextEditor
from desktop.pictures import add_picture, picture_bytes
from desktop.store import Store
from tests.body.clipboard import MEDIA, NAMES, expected_markdown, fixture_html
from tests.pictures.images import flat_png


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


@pytest.mark.parametrize("name", NAMES)
def test_paste_fixture_gives_expected_markdown(
    name: str, editor: RichTextEditor, store: Store, tmp_path: Path
) -> None:
    """The editor pastes each source as the body model cleans it, pictures stored."""
    markdown = paste(editor, fixture_html(name, tmp_path))
    assert MEDIA.sub("media/PICTURE", markdown) == expected_markdown(name)
    for path in re.findall(r"media/[0-9a-f]{64}\.(?:jpg|png)", markdown):
        assert picture_bytes(store, path)  # embedded pictures became stored pictures


def test_without_a_picture_store_embedded_pictures_are_dropped(qtbot, tmp_path: Path) -> None:
    widget = RichTextEditor()
    qtbot.addWidget(widget)
    markdown = paste(widget, fixture_html("wps_office", tmp_path))
    assert "data:" not in markdown and "![" not in markdown


def test_bad_markup_on_the_clipboard_still_pastes(editor: RichTextEditor) -> None:
    """A declaration Python's HTML parser cannot read does not stop the paste."""
    editor.set_markdown("")
    assert paste(editor, '<p>会议</p><![><img src="]>…') == '会议\n\n&lt;img src="\\]>…\n'


def test_a_broken_embedded_picture_is_reported_and_dropped(editor: RichTextEditor, qtbot) -> None:
    broken = "data:image/png;base64," + base64.b64encode(b"not a picture").decode()
    with qtbot.waitSignal(editor.pictureRejected) as signal:
        markdown = paste(editor, f'<p>文字<img src="{broken}"></p>')
    assert markdown == "文字\n"
    assert "pasted picture" in signal.args[0]


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


@pytest.mark.parametrize("tag", ["img", "IMG", "Img"])
def test_a_long_paste_with_a_picture_stores_it_whatever_the_tag_case(
    editor: RichTextEditor, store: Store, tag: str
) -> None:
    """Clipboard HTML over the background size with a picture in it is read here, where its
    picture can be stored, however its tag is spelled."""
    png = base64.b64encode(flat_png()).decode()
    filler = "".join(f"<p>第{n}段：全市各级工会组织职工参加技能竞赛。</p>" for n in range(1200))
    assert len(filler) > LARGE_PASTE_CHARS
    markdown = paste(editor, f'<p>图片</p><{tag} src="data:image/png;base64,{png}">{filler}')
    assert not editor.is_pasting()  # in at once, not on its way from the background
    (path,) = re.findall(r"media/[0-9a-f]{64}\.png", markdown)
    assert picture_bytes(store, path)
    assert "第1199段" in markdown
