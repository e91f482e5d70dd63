"""A picture pasted or dropped on a full disk: the store's clear message, no uncaught error."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QUrl
from PySide6.QtGui import QImage

from desktop.gui.editor.rich_editor import RichTextEditor
from desktop.pictures import add_picture
from desktop.store import Store
from tests.pictures.images import photo
from tests.store.test_integrity import fill_the_disk


def picture_count(store: Store) -> int:
    return int(store.database.execute_sql("SELECT count(*) FROM picture").fetchone()[0])


def test_a_pasted_or_dropped_picture_on_a_full_disk_is_explained(
    qtbot, store: Store, tmp_path: Path
) -> None:
    editor = RichTextEditor()
    qtbot.addWidget(editor)
    editor.set_picture_sink(lambda data, name: add_picture(store, data, name))
    editor.set_markdown("正文。\n")
    messages: list[str] = []
    editor.pictureRejected.connect(messages.append)
    fill_the_disk(store)

    image = QImage.fromData(photo(1000, 700))  # a noisy photo: too big for any free page
    pasted = QMimeData()
    pasted.setImageData(image)
    editor.insertFromMimeData(pasted)

    file = tmp_path / "合影.jpg"
    file.write_bytes(photo(800, 600))
    dropped = QMimeData()
    dropped.setUrls([QUrl.fromLocalFile(str(file))])
    editor.insertFromMimeData(dropped)

    assert len(messages) == 2 and all("disk is full" in m for m in messages), messages
    assert "media/" not in editor.markdown() and picture_count(store) == 0
    store.database.execute_sql("PRAGMA max_page_count = 1073741823")  # space was freed
    editor.insertFromMimeData(dropped)
    assert "media/" in editor.markdown() and picture_count(store) == 1
