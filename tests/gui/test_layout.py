"""Nothing is cut off in the default layout at 1366×768 and 1920×1080, in either language.

The real window opens on the first-run demo database at each size and language; every
header of the article list and the first two of the proofreading panel show their whole
text, the list shows all its columns without scrolling sideways, and the cover field's
placeholder fits.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QApplication,
    QHeaderView,
    QLineEdit,
    QMenu,
    QStyle,
    QToolButton,
)

from desktop.attachments.library import store_attachment, with_attached
from desktop.demo import open_store
from desktop.gui.i18n import install_translators, remove_translators
from desktop.gui.main_window import MainWindow
from tests.gui.conftest import dispose

SIZES = [(1366, 768), (1920, 1080)]


def open_at(qtbot, db_path: Path, tmp_path: Path, width: int, height: int) -> MainWindow:
    """The window as a first run opens it, at a screen's size (no remembered layout)."""
    store = open_store(db_path, demo_if_new=True)
    window = MainWindow(store, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    window.resize(width, height)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.session.current is not None, timeout=10_000)
    return window


def header_text_room(header: QHeaderView, section: int) -> int:
    """The width a header section leaves for its text: its size less the style's margins."""
    margin = header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
    return header.sectionSize(section) - 2 * margin


def cut_headers(header: QHeaderView, texts: list[str], sections: range) -> list[str]:
    metrics = header.fontMetrics()
    return [
        f"{texts[s]!r}: {metrics.horizontalAdvance(texts[s])} px in {header_text_room(header, s)}"
        for s in sections
        if metrics.horizontalAdvance(texts[s]) > header_text_room(header, s)
    ]


def placeholder_room(edit: QLineEdit) -> int:
    """The width a line edit leaves for its text: frame, text margins and the clear button."""
    margins = edit.textMargins()
    frame = edit.style().pixelMetric(QStyle.PixelMetric.PM_DefaultFrameWidth, None, edit)
    clear = 0
    if edit.isClearButtonEnabled():
        clear = edit.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize, None, edit) + 8
    return edit.width() - 2 * frame - margins.left() - margins.right() - 4 - clear


@pytest.mark.parametrize(("width", "height"), SIZES, ids=["1366x768", "1920x1080"])
def test_nothing_is_cut_off(
    qtbot, language: str, db_path: Path, tmp_path: Path, width: int, height: int
) -> None:
    window = open_at(qtbot, db_path, tmp_path, width, height)
    try:
        table = window.list_pane.table
        header = table.horizontalHeader()
        model = table.model()
        texts = [str(model.headerData(c, Qt.Orientation.Horizontal)) for c in range(header.count())]
        if language == "zh_CN":
            assert texts[3:] == ["发布时间", "修改时间"]
        assert cut_headers(header, texts, range(header.count())) == []
        # Every column within the visible width, so 发布时间 and 修改时间 need no scrolling.
        viewport = table.viewport().width()
        for column in range(header.count()):
            right = header.sectionViewportPosition(column) + header.sectionSize(column)
            assert right <= viewport, f"{texts[column]} ends at {right} of {viewport} px"
        assert table.horizontalScrollBar().maximum() == 0
        assert header.sectionSize(0) >= table.fontMetrics().horizontalAdvance("市总工会召开")

        tree = window.proofreading.panel.tree
        tree_texts = [tree.headerItem().text(c) for c in range(tree.columnCount())]
        assert cut_headers(tree.header(), tree_texts, range(2)) == []

        # The cover field's placeholder, and every other one a new, empty article shows.
        cut = []
        for edit in window.editor.form.findChildren(QLineEdit):
            needed = edit.fontMetrics().horizontalAdvance(edit.placeholderText())
            if edit.placeholderText() and needed > placeholder_room(edit):
                cut.append(f"{edit.placeholderText()!r} ({needed} px in {placeholder_room(edit)})")
        assert cut == [], cut
        # The preview keeps a usable width beside the editor.
        assert min(window.splitter.sizes()[1:]) >= 360
    finally:
        if shiboken6.isValid(window.session):
            window.session.forget_changes()
        store = window.store
        dispose(qtbot, window)
        store.close()


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_the_body_keeps_room_to_write_on_a_laptop_screen(
    qtbot, qapp: QApplication, db_path: Path, tmp_path: Path, lang: str
) -> None:
    """At 1366×768, with the sample banner and two attachments, the window still fits the
    screen and the body shows several lines: the sign-off strip is one line when this person
    has no step to take, and the proofreading and statistics panels start low."""
    store = open_store(db_path, demo_if_new=True)
    files = [
        store_attachment(store, b"%PDF-1.4\n%%EOF\n", "报名表.pdf"),
        store_attachment(store, b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n", "日程安排.pdf"),
    ]
    for summary in store.list_articles().items:
        store.save_article(with_attached(store.get_article(summary.id), files))
    store.close()
    translators = install_translators(qapp, lang)
    window = open_at(qtbot, db_path, tmp_path, 1366, 768)
    try:
        editor = window.editor
        qtbot.waitUntil(lambda: editor.attachments.isVisible(), timeout=10_000)
        review = editor.review
        spacing = editor.rich.fontMetrics().lineSpacing()

        def body_lines() -> int:
            return editor.rich.viewport().height() // spacing

        # Laid out once the article is in (the layout settles after its events).
        qtbot.waitUntil(lambda: review.height() <= review.sizeHint().height(), timeout=5_000)
        assert window.height() <= 768, window.height()
        assert body_lines() >= 6, f"the body shows {body_lines()} lines"
        assert not review.steps_row.isVisible()
        assert review.height() <= 2 * review.fontMetrics().lineSpacing() + 8
    finally:
        if shiboken6.isValid(window.session):
            window.session.forget_changes()
        store = window.store
        dispose(qtbot, window)
        store.close()
        remove_translators(qapp, translators)


def overflowed(window: MainWindow) -> list[str]:
    """The formatting toolbar's buttons that do not fit and sit behind its » menu."""
    toolbar = window.editor.toolbar
    hidden = []
    for action in toolbar.actions():
        widget = toolbar.widgetForAction(action)
        if action.isSeparator() or widget is None:
            continue
        inside = toolbar.rect().contains(widget.geometry())
        if not widget.isVisible() or not inside:
            hidden.append(action.objectName() or action.text() or widget.objectName())
    return hidden


@pytest.mark.parametrize(("width", "height"), SIZES, ids=["1366x768", "1920x1080"])
def test_every_formatting_button_fits_the_toolbar(
    qtbot, language: str, db_path: Path, tmp_path: Path, width: int, height: int
) -> None:
    """Picture and attachment included, no button of the formatting bar hides behind its »
    menu on a laptop screen, in either language."""
    window = open_at(qtbot, db_path, tmp_path, width, height)
    try:
        qtbot.waitUntil(lambda: window.editor.toolbar.isVisible())
        toolbar = window.editor.toolbar
        names = {a.objectName() for a in toolbar.actions()}
        assert {"picture", "attach", "bold", "bullets", "link", "toolbar_more"} <= names
        assert overflowed(window) == [], f"{toolbar.width()} px: {overflowed(window)}"
        # The rest of formatting is one click away, under 更多 / More.
        more = window.editor.more_button.menu()
        assert more is not None
        behind = {a.objectName() for a in more.actions()}
        behind |= {a.objectName() for m in more.findChildren(QMenu) for a in m.actions()}
        assert {"quote", "rule", "table_insert", "clear", "source"} <= behind
        # A button showing its icon alone still says what it does, in its tooltip.
        for action in toolbar.actions():
            widget = toolbar.widgetForAction(action)
            if action.isSeparator() or widget is None:
                continue
            if isinstance(widget, QToolButton) and not widget.text().strip():
                continue
            said = widget.toolTip() or action.toolTip()
            assert said.strip(), action.objectName()
            if (
                isinstance(widget, QToolButton)
                and widget.toolButtonStyle() is Qt.ToolButtonStyle.ToolButtonIconOnly
            ):
                assert not action.icon().isNull(), action.objectName()
    finally:
        if shiboken6.isValid(window.session):
            window.session.forget_changes()
        store = window.store
        dispose(qtbot, window)
        store.close()
