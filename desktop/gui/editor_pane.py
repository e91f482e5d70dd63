"""The middle pane: the article fields, a formatting toolbar, the rich editor, its source view."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction, QIcon, QKeySequence, QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QSizePolicy,
    QStackedWidget,
    QStyle,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.article import Article, Attachment
from desktop.gui.article_form import ArticleForm
from desktop.gui.attachments_pane import AttachmentsStrip
from desktop.gui.dialogs import Dialogs
from desktop.gui.editor.rich_editor import RichTextEditor
from desktop.gui.find_bar import FindBar
from desktop.gui.lock_banner import LockBanner
from desktop.gui.review_panel import ReviewPanel
from desktop.resources import resource_path

#: The icon a toolbar button shows alone when the bar is too narrow for its word.
_TOOLBAR_ICONS = {
    "bullets": "bullets.svg",
    "numbers": "numbering.svg",
    "link": "link.svg",
    "picture": "picture.svg",
    "attach": "attachment.svg",
}


class EditorPane(QWidget):
    """Edits one article: fields above, body below as rich text or as Markdown source."""

    #: Anything in the article changed (a field or the body).
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = ArticleForm()
        # The article's sign-off (三审三校): stage, signatures, this person's buttons.
        self.review = ReviewPanel()
        # On a shared server: who else is editing the article, and 接管编辑.
        self.lock_banner = LockBanner()
        self.rich = RichTextEditor()
        self.rich.setObjectName("rich_editor")
        self.source = QPlainTextEdit()
        self.source.setObjectName("markdown_source")
        self.source.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.rich)
        self.stack.addWidget(self.source)
        self.find_bar = FindBar()
        self.find_bar.set_view(self.rich)
        # The files offered under the article (附件), as edited here until saved.
        self.attachments = AttachmentsStrip()
        self._attachments: list[Attachment] = []
        self.toolbar = QToolBar(self.tr("Formatting"))
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.actions_by_name: dict[str, QAction] = {}
        self._loading = False
        self._build_toolbar()

        # The fields keep their own height; every pixel the pane has over goes to the body.
        self.form.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.review.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.setSpacing(4)
        layout.addWidget(self.lock_banner)
        layout.addWidget(self.form)
        layout.addWidget(self.review)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.find_bar)
        layout.addWidget(self.attachments)

        self.form.changed.connect(self.changed)
        # Underlining (syntax highlighting) also reports "contents changed" without changing
        # anything; only a document Qt counts as modified has really been edited.
        for document in (self.rich.document(), self.source.document()):
            document.contentsChange.connect(self._on_body_edited)
            document.modificationChanged.connect(self._on_body_edited)
        self._rich_document = self.rich.document()
        self.rich.documentReplaced.connect(self._follow_rich_document)
        # A large paste goes in step by step: it counts as one change, once it is all in.
        self.rich.pasteFinished.connect(self._on_body_edited)

    def _action(
        self,
        name: str,
        text: str,
        slot,
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
        checkable: bool = False,
    ) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.setToolTip(
                f"{text} ({action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})"
            )
        action.setCheckable(checkable)
        action.triggered.connect(slot)
        self.addAction(action)
        self.actions_by_name[name] = action
        return action

    def _build_toolbar(self) -> None:
        rich = self.rich
        self.block_style = QComboBox()
        self.block_style.setObjectName("block_style")
        for label, level in (
            (self.tr("Paragraph"), 0),
            (self.tr("Heading 1"), 2),
            (self.tr("Heading 2"), 3),
            (self.tr("Heading 3"), 4),
        ):
            self.block_style.addItem(label, level)
        self.block_style.activated.connect(self._apply_block_style)
        self.toolbar.addWidget(self.block_style)
        self._action("paragraph", self.tr("Paragraph"), rich.set_paragraph, "Ctrl+0")
        for level in (1, 2, 3):
            self._action(
                f"heading{level}",
                self.tr("Heading %1").replace("%1", str(level)),
                lambda _=False, lv=level + 1: rich.set_heading(lv),
                f"Ctrl+{level}",
            )
        tb = self.toolbar
        tb.addSeparator()
        tb.addAction(
            self._action("bold", self.tr("Bold"), rich.toggle_bold, QKeySequence.StandardKey.Bold)
        )
        tb.addAction(
            self._action(
                "italic", self.tr("Italic"), rich.toggle_italic, QKeySequence.StandardKey.Italic
            )
        )
        tb.addAction(
            self._action("strike", self.tr("Strikethrough"), rich.toggle_strike, "Ctrl+Shift+X")
        )
        tb.addSeparator()
        tb.addAction(
            self._action("bullets", self.tr("Bullets"), rich.toggle_bullet_list, "Ctrl+Shift+8")
        )
        tb.addAction(
            self._action("numbers", self.tr("Numbering"), rich.toggle_numbered_list, "Ctrl+Shift+7")
        )
        tb.addSeparator()
        tb.addAction(self._action("link", self.tr("Link…"), self.insert_link, "Ctrl+K"))
        # Picture and attachment (the window's actions) go here: ``add_toolbar_actions``.

        # The rest of formatting behind one button, so the everyday ones fit a laptop's
        # editor pane in either language (Format menu and shortcuts reach them all too).
        more = QMenu(self.tr("More"), self)
        more.addAction(self._action("quote", self.tr("Quote"), rich.toggle_quote, "Ctrl+Shift+."))
        more.addAction(self._action("rule", self.tr("Rule"), rich.insert_horizontal_rule))
        table_menu = more.addMenu(self.tr("Table"))
        table_menu.addAction(
            self._action("table_insert", self.tr("Insert table…"), self.insert_table)
        )
        table_menu.addSeparator()
        table_menu.addAction(
            self._action("row_insert", self.tr("Insert row below"), rich.insert_table_row)
        )
        table_menu.addAction(
            self._action("column_insert", self.tr("Insert column right"), rich.insert_table_column)
        )
        table_menu.addSeparator()
        table_menu.addAction(
            self._action("row_remove", self.tr("Remove row"), rich.remove_table_row)
        )
        table_menu.addAction(
            self._action("column_remove", self.tr("Remove column"), rich.remove_table_column)
        )
        more.addAction(
            self._action("clear", self.tr("Clear formatting"), rich.clear_formatting, "Ctrl+Space")
        )
        more.addSeparator()
        self._action(
            "find",
            self.tr("Find…"),
            lambda: self.find_bar.show_find(False),
            QKeySequence.StandardKey.Find,
        )
        self._action(
            "replace", self.tr("Replace…"), lambda: self.find_bar.show_find(True), "Ctrl+H"
        )
        source = self._action(
            "source",
            self.tr("Markdown source"),
            self.set_source_mode,
            "Ctrl+Shift+M",
            checkable=True,
        )
        source.setToolTip(self.tr("Show and edit the article as Markdown"))
        more.addAction(source)
        self.more_button = QToolButton()
        self.more_button.setObjectName("toolbar_more")
        self.more_button.setText(self.tr("More"))
        self.more_button.setToolTip(
            self.tr("Quote, rule, table, clear formatting and the Markdown source")
        )
        self.more_button.setMenu(more)
        self.more_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.more_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self._more = tb.addWidget(self.more_button)
        self._more.setObjectName("toolbar_more")
        self.block_style.setToolTip(self.tr("Paragraph or heading (Ctrl+0 to Ctrl+3)"))
        self._folding: list[QAction] = []
        for name in ("bullets", "numbers", "link"):
            self._foldable(self.actions_by_name[name])
        tb.installEventFilter(self)
        self._compact_character_buttons()

    def _compact_character_buttons(self) -> None:
        """Show B, I and S as the buttons' faces, as word processors do, to keep the bar short."""
        for name, face in (("bold", "B"), ("italic", "I"), ("strike", "S")):
            action = self.actions_by_name[name]
            action.setIconText(face)
            button = self.toolbar.widgetForAction(action)
            if button is None:
                continue
            font = button.font()
            font.setBold(name == "bold")
            font.setItalic(name == "italic")
            font.setStrikeOut(name == "strike")
            button.setFont(font)
            button.setMinimumWidth(button.fontMetrics().height() * 2)

    def add_toolbar_actions(self, actions: list[QAction]) -> None:
        """Show the window's insert actions (picture, attachment) after the link button."""
        for action in actions:
            self.toolbar.insertAction(self._more, action)
            self._foldable(action)
        self.toolbar.insertSeparator(self._more)
        self._fit_toolbar()

    def _foldable(self, action: QAction) -> None:
        """A button that shows its word while the bar has room, and only its icon otherwise."""
        icon = _TOOLBAR_ICONS.get(action.objectName())
        if icon is not None:
            action.setIcon(QIcon(str(resource_path("icons", icon))))
        self._folding.append(action)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Fit the formatting bar's buttons to its width as the pane is resized."""
        if watched is self.toolbar and event.type() == QEvent.Type.Resize:
            self._fit_toolbar()
        return super().eventFilter(watched, event)

    def _fit_toolbar(self) -> None:
        """Words on every button that fits them; icons alone, from the list buttons on, when
        the bar is narrow (a 1366 px screen), so no button hides behind the » menu."""
        # Qt lays the bar out as if its » button might be needed: leave it its room.
        extension = self.toolbar.style().pixelMetric(
            QStyle.PixelMetric.PM_ToolBarExtensionExtent, None, self.toolbar
        )
        room = self.toolbar.width() - extension
        buttons = [(action, self.toolbar.widgetForAction(action)) for action in self._folding]
        for _action, button in buttons:
            if isinstance(button, QToolButton):
                button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for _action, button in buttons:
            if self._toolbar_width() <= room:
                break
            if isinstance(button, QToolButton):
                button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)

    def _toolbar_width(self) -> int:
        """The width the bar's buttons ask for, side by side (its » button not counted)."""
        widths = [
            widget.sizeHint().width()
            for action in self.toolbar.actions()
            if (widget := self.toolbar.widgetForAction(action)) is not None
        ]
        layout = self.toolbar.layout()
        if layout is None:
            return sum(widths)
        margins = layout.contentsMargins()
        return sum(widths) + layout.spacing() * len(widths) + margins.left() + margins.right()

    def _apply_block_style(self, index: int) -> None:
        level = self.block_style.itemData(index)
        if level:
            self.rich.set_heading(int(level))
        else:
            self.rich.set_paragraph()
        self.rich.setFocus()

    def insert_link(self) -> None:
        """Ask for an address and link the selected text (or insert the address as a link)."""
        selected = self.rich.textCursor().selectedText()
        url = Dialogs.ask_link_url(self)
        if url:
            self.rich.insert_link(url, selected or url)

    def insert_table(self) -> None:
        """Ask for a size and insert a table with a header row."""
        size = Dialogs.ask_table_size(self)
        if size is not None:
            self.rich.insert_table(*size)

    def _follow_rich_document(self, document: QTextDocument) -> None:
        """Hear the edits of the rich editor's new document, no longer of the one it let go."""
        old, self._rich_document = self._rich_document, document
        old.contentsChange.disconnect(self._on_body_edited)
        old.modificationChanged.disconnect(self._on_body_edited)
        document.contentsChange.connect(self._on_body_edited)
        document.modificationChanged.connect(self._on_body_edited)

    def _on_body_edited(self, *_: object) -> None:
        document = self.source.document() if self.is_source_mode() else self.rich.document()
        if self.rich.is_pasting():
            return
        if not self._loading and document.isModified():
            self.changed.emit()

    def mark_saved(self) -> None:
        """Count the body as saved: only later edits (or undoing past this point) change it."""
        self.rich.document().setModified(False)
        self.source.document().setModified(False)

    def is_source_mode(self) -> bool:
        """Whether the Markdown source (not the rich editor) is showing."""
        return self.stack.currentWidget() is self.source

    def set_source_mode(self, on: bool) -> None:
        """Switch between the rich editor and the Markdown source of the same body."""
        if on == self.is_source_mode():
            return
        was_modified = (self.rich if on else self.source).document().isModified()
        self._loading = True
        try:
            if on:
                self.source.setPlainText(self.rich.markdown())
                self.stack.setCurrentWidget(self.source)
                self.find_bar.set_view(self.source)
            else:
                self.rich.set_markdown(self.source.toPlainText())
                self.stack.setCurrentWidget(self.rich)
                self.find_bar.set_view(self.rich)
            # The other view now holds the same text: it is exactly as saved as before.
            (self.source if on else self.rich).document().setModified(was_modified)
        finally:
            self._loading = False
        self.actions_by_name["source"].setChecked(on)
        self.toolbar_enabled(not on)
        current = self.stack.currentWidget()
        if current is not None:
            current.setFocus()

    def toolbar_enabled(self, enabled: bool) -> None:
        """Formatting only applies to the rich editor."""
        for name, action in self.actions_by_name.items():
            if name not in ("find", "replace", "source"):
                action.setEnabled(enabled)
        self.block_style.setEnabled(enabled)

    def set_read_only(self, on: bool) -> None:
        """Show the article without letting it change (someone else is editing it)."""
        for widget in self.form.findChildren(QWidget):
            if isinstance(widget, (QLineEdit, QPlainTextEdit, QAbstractSpinBox)):
                widget.setReadOnly(on)
            elif isinstance(widget, (QComboBox, QAbstractButton)):
                widget.setEnabled(not on)
        self.rich.setReadOnly(on)
        self.source.setReadOnly(on)
        self.toolbar_enabled(not on and not self.is_source_mode())
        self.actions_by_name["source"].setEnabled(True)

    def body_markdown(self) -> str:
        """Return the body as Markdown, from whichever view is showing."""
        if self.is_source_mode():
            text = self.source.toPlainText()
            return text if text.endswith("\n") or not text else text + "\n"
        return self.rich.markdown()

    def body_plain_text(self) -> str:
        """Return the body's text without formatting (for 字数)."""
        if self.is_source_mode():
            return self.source.toPlainText()
        return self.rich.plain_text()

    def set_article(self, article: Article) -> None:
        """Show an article; its undo history starts fresh and nothing counts as changed."""
        self._loading = True
        try:
            self.form.set_article(article)
            self._attachments = list(article.attachments)
            self.attachments.set_attachments(self._attachments)
            self.rich.set_markdown(article.body)
            self.rich.document().clearUndoRedoStacks()
            self.rich.document().setModified(False)
            if self.is_source_mode():
                self.source.setPlainText(article.body)
                self.source.document().clearUndoRedoStacks()
            self.mark_saved()
        finally:
            self._loading = False

    def attachment_list(self) -> list[Attachment]:
        """Return the attachments as edited here (saved or not)."""
        return list(self._attachments)

    def set_attachments(self, attachments: list[Attachment]) -> None:
        """Change the article's attachments: an edit like any other (``changed`` follows)."""
        if attachments == self._attachments:
            return
        self._attachments = list(attachments)
        self.attachments.set_attachments(self._attachments)
        self.changed.emit()

    def article(self, base: Article) -> Article:
        """Return ``base`` with every field, the attachments and the body as edited here (its
        status as stored: the sign-off moves it, and a save may have sent the article back to
        review)."""
        return replace(
            self.form.apply_to(base),
            body=self.body_markdown(),
            status=base.status,
            attachments=list(self._attachments),
        )
