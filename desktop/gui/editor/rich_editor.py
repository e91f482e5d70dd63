"""The rich article body editor: a QTextEdit that speaks the article Markdown dialect."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMimeData, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QAction,
    QFont,
    QGuiApplication,
    QImage,
    QInputMethodEvent,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QResizeEvent,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextDocumentFragment,
    QTextFrameFormat,
    QTextImageFormat,
    QTextListFormat,
    QTextTable,
)
from PySide6.QtWidgets import QTextEdit, QWidget

from desktop.body.blocks import (
    LINE_BREAK,
    OBJECT_CHAR,
    Block,
    ListLevel,
    Run,
    Table,
    TextBlock,
    canonical_title,
)
from desktop.body.dialect import markdown_to_blocks, markdown_to_html
from desktop.body.html_reader import blocks_from_html
from desktop.body.paste_process import PROCESS_ROWS, PasteKind, PasteProcess
from desktop.gui.dialogs import Dialogs
from desktop.gui.editor.collector import CollectorHold
from desktop.gui.editor.document_disposal import DocumentDisposal
from desktop.gui.editor.markdown_document import (
    IMAGE_ALT,
    IMAGE_TITLE,
    QUOTE_LEVEL,
    DocumentReader,
    PreparedBlocks,
    block_list,
    blocks_to_document,
    char_format,
    document_to_markdown,
    heading_format,
    image_format,
    insert_blocks,
    insert_blocks_in_steps,
    list_format,
    markdown_to_document,
    paragraph_format,
    prepare_blocks,
    rule_format,
)
from desktop.gui.editor.table_chunks import (
    CELL_PADDING,
    MAX_CHUNK_ROWS,
    chain_shares,
    chunk_format,
    column_shares,
    gap_between,
    is_continuation,
    next_chunk,
    previous_chunk,
    rows_per_chunk,
    set_column_shares,
    share_out,
    whole_chain,
)
from desktop.gui.picture_dialog import PictureSource, PictureStore
from desktop.gui.work import WorkQueue

#: MIME type carrying a selection as article Markdown, for copy and paste inside the app.
MARKDOWN_MIME = "text/markdown"

#: Stores a picture (bytes, a name for messages) and returns its ``media/…`` path; raises
#: ``desktop.pictures.PictureError`` for a file that is not a usable picture.
PictureSink = Callable[[bytes, str], str]

#: File name endings of pictures a drop stores; the store checks the content itself.
PICTURE_SUFFIXES = (".jpg", ".jpeg", ".png", ".gif", ".bmp", ".webp", ".tif", ".tiff")
#: Widest a picture is shown in the editor, in pixels (the page body is about 900 px).
MAX_DISPLAY_WIDTH = 720
#: Narrowest a picture is shown, so a tiny window still shows something recognisable.
MIN_DISPLAY_WIDTH = 160

# Full-width spaces (and no-break spaces) Chinese writers type to indent a paragraph.
_INDENT = "\u3000\xa0 \t"


#: Deepest list nesting the editor makes (the Markdown dialect keeps any depth).
MAX_LIST_DEPTH = 4

#: Clipboard HTML or Markdown longer than this (and with no pictures to store) is cleaned on
#: the work queue and inserted a step at a time: Word's markup of a 3,000-character report is
#: 75,000 characters, which took 100-280 ms to read on the window's thread (5 MB, seconds).
LARGE_PASTE_CHARS = 20_000
#: Blocks (or table cells) read ahead for the Markdown per step after a large paste.
READ_AHEAD_BLOCKS = 25
#: A picture in clipboard HTML, in any case (its pictures are stored as it is read here).
_PICTURE_TAG = re.compile("<[iI][mM][gG]")

#: A body is shown in a new document, the old one deleted on the disposal's thread, when the
#: old one has more blocks than this or more characters than ``FRESH_DOCUMENT_CHARS``:
#: clearing a 2,000-row table's 10,000 blocks took 50-70 ms on the window's thread.
FRESH_DOCUMENT_BLOCKS = 500
FRESH_DOCUMENT_CHARS = 50_000
#: Clipboard HTML with more table rows than this is cleaned on the work queue and inserted a
#: chunk of rows at a time, whatever its length: Qt lays out each inserted table at once.
LARGE_PASTE_ROWS = MAX_CHUNK_ROWS


class RichTextEditor(QTextEdit):
    """Edits an article body as rich text; loads and saves the article Markdown dialect."""

    #: Emitted when a link is inserted, with its address (for the window's recent links).
    linkInserted = Signal(str)
    #: Emitted with a message when a pasted or dropped picture could not be kept.
    pictureRejected = Signal(str)
    #: Emitted with the paths of .docx/Markdown files dropped on the editor: import them.
    importRequested = Signal(list)
    #: Emitted with the paths of other dropped files (PDF, Excel, zip…): attach them.
    attachRequested = Signal(list)
    #: Emitted with a picture's ``media/…`` path when the user asks for it as the cover.
    coverRequested = Signal(str)
    #: A large paste started: it is cleaned in the background and inserted step by step.
    pasteStarted = Signal()
    #: The large paste is in the document (one undo step), or it could not be read.
    pasteFinished = Signal()
    #: The editor shows a new document (the body being shown replaced a long one): whatever
    #: follows the document's signals, or underlines it, moves to this one.
    documentReplaced = Signal(QTextDocument)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptRichText(True)
        self.setTabChangesFocus(False)
        #: Where documents the editor let go of are deleted, off the window's thread.
        self.disposal = DocumentDisposal(self)
        self.destroyed.connect(self.disposal.close)
        # Made here, not by Qt, so that every document the editor shows is one Python made
        # (its wrapper learns when the disposal's thread has deleted it).
        self.setDocument(self._new_document())
        self._picture_sink: PictureSink | None = None
        self._picture_source: PictureSource | None = None
        self._shown_pictures: dict[str, int] = {}  # path → width it was registered at
        self.reader = DocumentReader(self.document())
        self._pastes = WorkQueue(self, name="paste")
        #: Where a huge paste is read (its own process), closed with the editor.
        self.paste_process = PasteProcess()
        self.destroyed.connect(self.paste_process.close)
        #: Python's collector is held off while a large paste or a long table goes in.
        self._collector = CollectorHold()
        self.destroyed.connect(self._collector.release)
        self._pasting = False
        self._paste_token = 0  # a paste read in the background for an earlier body is dropped
        self._paste_steps: Iterator[None] | None = None
        self._paste_pictures = True  # whether what goes in holds pictures to show
        self._paste_cursor: QTextCursor | None = None
        self._paste_timer = QTimer(self)
        self._paste_timer.setInterval(0)
        self._paste_timer.timeout.connect(self._paste_step)
        #: Steps the last large paste (or long table loaded) was inserted in.
        self.paste_step_count = 0
        #: The body being loaded a step at a time: its Markdown, and its blocks once read
        #: (None while they are read on the work queue); None when no load is under way.
        self._loading: tuple[str, list[Block] | None] | None = None
        #: Keys pressed and text typed while a paste or a load goes in, replayed after it.
        self._held_keys: list[QKeyEvent | str] = []
        self._last_position = 0
        self.cursorPositionChanged.connect(self._leave_gap)
        self._rescale = QTimer(self)
        self._rescale.setSingleShot(True)
        self._rescale.setInterval(150)  # a window being dragged wider rescales once
        self._rescale.timeout.connect(self._rescale_pictures)
        paste_plain = QAction(self)
        paste_plain.setShortcut(QKeySequence("Ctrl+Shift+V"))
        paste_plain.triggered.connect(self.paste_plain_text)
        self.addAction(paste_plain)

    def set_picture_sink(self, sink: PictureSink | None) -> None:
        """Where pasted pictures are stored (e.g. ``lambda d, n: add_picture(store, d, n)``)."""
        self._picture_sink = sink

    def set_picture_source(self, source: PictureSource | None) -> None:
        """Where shown pictures come from (e.g. ``desktop.pictures.picture_loader(store)``)."""
        self._picture_source = source
        self._shown_pictures.clear()
        self.show_pictures()

    def insert_picture(self, path: str, alt: str = "", caption: str = "") -> None:
        """Insert a stored picture (``media/…``) at the cursor as its own paragraph."""
        run = Run(OBJECT_CHAR, image_src=path, image_alt=alt, image_title=caption)
        self._insert_pictures([TextBlock(runs=[run])])

    def choose_picture(self, store: PictureStore) -> bool:
        """Ask for a picture file, alt text and caption (PictureDialog), store and insert it."""
        choice = Dialogs.ask_picture(self, store=store, source=self._picture_source)
        if choice is None:
            return False
        self.insert_picture(choice.path, choice.alt, choice.caption)
        if choice.cover:
            self.coverRequested.emit(choice.path)
        return True

    def picture_at(self, cursor: QTextCursor) -> tuple[int, QTextImageFormat] | None:
        """The picture right after (or else right before) the cursor: position and format."""
        document = self.document()
        for position in (cursor.position(), cursor.position() - 1):
            if position < 0 or document.characterAt(position) != OBJECT_CHAR:
                continue
            probe = QTextCursor(document)
            probe.setPosition(position + 1)  # charFormat() is that of the character before
            text_format = probe.charFormat()
            if text_format.isImageFormat():
                return position, text_format.toImageFormat()
        return None

    def edit_picture_at(self, cursor: QTextCursor) -> bool:
        """Edit the alt text and caption of the picture at the cursor (PictureDialog)."""
        found = self.picture_at(cursor)
        if found is None:
            return False
        position, image = found
        choice = Dialogs.ask_picture(
            self,
            source=self._picture_source,
            path=image.name(),
            alt=image.stringProperty(IMAGE_ALT),
            caption=image.stringProperty(IMAGE_TITLE),
        )
        if choice is None:
            return False
        edited = image_format(choice.path, choice.alt, canonical_title(choice.caption))
        updated = QTextImageFormat(image)  # keeps its link and emphasis
        for property_id in (IMAGE_ALT, IMAGE_TITLE, QTextImageFormat.Property.TextToolTip):
            updated.setProperty(property_id, edited.property(property_id))
        updated.setName(choice.path)
        selection = QTextCursor(self.document())
        selection.setPosition(position)
        selection.setPosition(position + 1, QTextCursor.MoveMode.KeepAnchor)
        selection.setCharFormat(updated)  # one undoable step
        self.show_pictures()
        if choice.cover:
            self.coverRequested.emit(choice.path)
        return True

    def show_pictures(self) -> None:
        """Register every picture of the document that is not shown yet as an image resource."""
        if self._picture_source is None:
            return
        width = self._display_width()
        for path in self._picture_paths():
            if self._shown_pictures.get(path) != width:
                self._register_picture(path, width)

    def loadResource(self, kind: int, name: QUrl | str) -> Any:
        """Load a picture Qt asks for (e.g. after undo) from the picture source."""
        if kind == QTextDocument.ResourceType.ImageResource.value and self._picture_source:
            path = name.toString() if isinstance(name, QUrl) else name
            image = self._display_image(path, self._display_width())
            if image is not None:
                return image
        return super().loadResource(kind, name)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        """A double-click on a picture edits its caption and alt text."""
        cursor = self.cursorForPosition(event.position().toPoint())
        if event.button() == Qt.MouseButton.LeftButton and self.picture_at(cursor) is not None:
            self.edit_picture_at(cursor)
            return
        super().mouseDoubleClickEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Pictures follow the editor's width (rescaled once the resizing settles)."""
        super().resizeEvent(event)
        if self._shown_pictures:
            self._rescale.start()

    def _display_width(self) -> int:
        margin = 2 * self.document().documentMargin() + 24
        available = int(self.viewport().width() - margin)
        return max(MIN_DISPLAY_WIDTH, min(MAX_DISPLAY_WIDTH, available))

    def _display_image(self, path: str, width: int) -> QImage | None:
        """The picture's bytes from the source as an image no wider than width."""
        if self._picture_source is None:
            return None
        data = self._picture_source(path)
        image = QImage.fromData(data) if data else QImage()
        if image.isNull():
            return None
        if image.width() > width:
            image = image.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
        return image

    def _register_picture(self, path: str, width: int) -> None:
        image = self._display_image(path, width)
        if image is None:
            return  # Qt shows its broken-picture box; the preview names the problem
        self.document().addResource(
            QTextDocument.ResourceType.ImageResource.value, QUrl(path), image
        )
        self._shown_pictures[path] = width

    def _rescale_pictures(self) -> None:
        width = self._display_width()
        if all(shown == width for shown in self._shown_pictures.values()):
            return
        self.show_pictures()
        document = self.document()
        modified = document.isModified()
        document.markContentsDirty(0, document.characterCount())  # relayout, not an edit
        document.setModified(modified)

    def _picture_paths(self) -> list[str]:
        """The names of all pictures in the document, in order, each once."""
        paths: dict[str, None] = {}
        block = self.document().begin()
        while block.isValid():
            if OBJECT_CHAR in block.text():
                iterator = block.begin()
                while not iterator.atEnd():
                    fragment = iterator.fragment()
                    iterator += 1
                    if fragment.isValid() and fragment.charFormat().isImageFormat():
                        paths[fragment.charFormat().toImageFormat().name()] = None
            block = block.next()
        return list(paths)

    def paste_plain_text(self) -> None:
        """Paste the clipboard as plain text: paragraphs only, indents and styles dropped."""
        text = QGuiApplication.clipboard().text()
        lines = [line.strip(_INDENT) for line in text.replace("\r\n", "\n").split("\n")]
        cursor = self.textCursor()
        cursor.beginEditBlock()
        plain = char_format(Run(""))
        first = True
        for line in lines:
            if not line:
                continue
            if not first:
                cursor.insertBlock(paragraph_format(), plain)
            cursor.insertText(line, plain)
            first = False
        cursor.endEditBlock()
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    def markdown(self) -> str:
        """The body as Markdown in the article dialect (only changed blocks are read again).

        While a body with a long table is still going in, the body being loaded.
        """
        if self._loading is not None:
            return self._loading[0]
        return self.reader.markdown()

    def plain_text(self) -> str:
        """The body's text without formatting (for 字数), all of it even while it loads
        (empty while it is still read; ``pasteFinished`` tells when it is in)."""
        if self._loading is not None:
            blocks = self._loading[1]
            return _blocks_text(blocks) if blocks is not None else ""
        return self.toPlainText()

    def set_markdown(self, text: str) -> None:
        """Show a body given as Markdown; this starts a fresh undo history.

        A body holding a long table is read on the work queue and goes in a chunk of rows at
        a time between events (the editor is read-only meanwhile, ``markdown()`` gives the
        body being loaded, and ``pasteFinished`` tells when it is all in).
        """
        if self._pasting:
            self._paste_token += 1  # the paste belonged to the body being replaced
            self._paste_timer.stop()
            self._end_paste()
        if self._is_large():
            self._replace_document()
        if max(text.count("\n|"), text.count("<tr")) <= LARGE_PASTE_ROWS:
            markdown_to_document(text, self.document())
            self._shown_pictures.clear()  # clearing the document dropped its resources
            self.show_pictures()
            self.document().setModified(False)
            return
        document = self.document()
        document.setUndoRedoEnabled(False)  # also drops the old undo history
        document.clear()
        self._shown_pictures.clear()
        self._loading = (text, None)
        self._pasting = True
        if text.count("\n|") >= PROCESS_ROWS:
            self._collector.hold()
        self._paste_token += 1
        token = self._paste_token
        self.setReadOnly(True)
        self.pasteStarted.emit()
        # Python-Markdown takes a second or more over a 2,000-row table.
        job = self._pastes.start(lambda _context: prepare_blocks(markdown_to_blocks(text)))
        job.succeeded.connect(lambda prepared: self._load_in_steps(token, prepared))
        job.failed.connect(lambda _error: self._load_failed(token, text))

    def _is_large(self) -> bool:
        """Whether the document is long enough to be let go of rather than cleared."""
        document = self.document()
        return (
            document.blockCount() > FRESH_DOCUMENT_BLOCKS
            or document.characterCount() > FRESH_DOCUMENT_CHARS
        )

    def _new_document(self) -> QTextDocument:
        """An empty document set up as the one shown now (font, margins, indents)."""
        shown = self.document()
        document = QTextDocument(self)  # its pictures come from the editor's loadResource
        document.setDefaultFont(shown.defaultFont())
        document.setDocumentMargin(shown.documentMargin())
        document.setIndentWidth(shown.indentWidth())
        document.setDefaultStyleSheet(shown.defaultStyleSheet())
        document.setUseDesignMetrics(shown.useDesignMetrics())
        document.setBaseUrl(shown.baseUrl())
        return document

    def _replace_document(self) -> None:
        """Show a new, empty document and delete the old one off the window's thread."""
        old = self.document()
        document = self._new_document()
        old.setParent(None)  # else the editor deletes it here and now as it lets go of it
        self.setDocument(document)
        self.reader.setParent(None)  # what it kept goes now, with its Python wrapper
        self.reader = DocumentReader(document)
        self.documentReplaced.emit(document)
        self.disposal.dispose(old)

    def _load_in_steps(self, token: int, prepared: PreparedBlocks) -> None:
        if token != self._paste_token or self._loading is None:
            return  # another body was shown meanwhile
        self._loading = (self._loading[0], prepared.blocks)
        cursor = QTextCursor(self.document())
        self._paste_cursor = cursor
        self._paste_steps = insert_blocks_in_steps(cursor, prepared, fresh_block=True)
        self._paste_pictures = prepared.pictures
        self.paste_step_count = 0
        self._paste_step(first=True)

    def _load_failed(self, token: int, text: str) -> None:
        if token != self._paste_token:
            return
        self._end_paste()
        # Read where it fails as before the load went to the work queue: the error is seen.
        markdown_to_document(text, self.document())

    def set_paragraph(self) -> None:
        """Make the selected blocks plain paragraphs (no heading, list or quote)."""
        self._format_blocks(paragraph_format, drop_list=True)

    def set_heading(self, level: int) -> None:
        """Make the selected blocks headings of a Markdown level (1–6; the UI offers 2–4)."""
        level = max(1, min(6, level))
        self._format_blocks(lambda quote: heading_format(level, quote), drop_list=True)
        cursor = self._block_selection()
        cursor.mergeCharFormat(char_format(Run("x"), heading=level))
        self.setTextCursor(self.textCursor())

    def toggle_bold(self) -> None:
        """Bold on or off for the selection (or what is typed next)."""
        bold = self.fontWeight() < QFont.Weight.DemiBold.value
        text_format = QTextCharFormat()
        text_format.setFontWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
        self.mergeCurrentCharFormat(text_format)

    def toggle_italic(self) -> None:
        """Italic on or off."""
        self.setFontItalic(not self.fontItalic())

    def toggle_strike(self) -> None:
        """Strikethrough on or off."""
        text_format = QTextCharFormat()
        text_format.setFontStrikeOut(not self.currentCharFormat().fontStrikeOut())
        self.mergeCurrentCharFormat(text_format)

    def toggle_bullet_list(self) -> None:
        """Put the selected blocks in a bullet list, or take them out of it."""
        self._toggle_list(numbered=False)

    def toggle_numbered_list(self) -> None:
        """Put the selected blocks in a numbered list, or take them out of it."""
        self._toggle_list(numbered=True)

    def toggle_quote(self) -> None:
        """Put the selected blocks in a block quote, or take them out of it."""
        block = self.textCursor().block()
        quoted = block.blockFormat().hasProperty(QUOTE_LEVEL)
        cursor = self._block_selection()
        cursor.beginEditBlock()
        for position in self._selected_block_positions():
            cursor.setPosition(position)
            current = cursor.blockFormat()
            replacement = paragraph_format(0 if quoted else 1)
            if current.headingLevel():
                replacement = heading_format(current.headingLevel(), 0 if quoted else 1)
            cursor.setBlockFormat(replacement)
        cursor.endEditBlock()

    def insert_link(self, url: str, text: str) -> None:
        """Insert a link (or turn the selection into one when text is empty)."""
        cursor = self.textCursor()
        label = text or cursor.selectedText() or url
        base = cursor.charFormat()
        run = Run(
            label,
            bold=base.fontWeight() >= QFont.Weight.DemiBold.value,
            italic=base.fontItalic(),
            href=url,
        )
        cursor.insertText(label, char_format(run))
        cursor.setCharFormat(char_format(Run("")))  # typing after a link is plain text
        self.setTextCursor(cursor)
        self.linkInserted.emit(url)

    def insert_horizontal_rule(self) -> None:
        """Insert a horizontal rule after the current block."""
        cursor = self.textCursor()
        cursor.beginEditBlock()
        cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
        cursor.insertBlock(rule_format(), QTextCharFormat())
        cursor.insertBlock(paragraph_format(), QTextCharFormat())
        cursor.endEditBlock()
        self.setTextCursor(cursor)

    def insert_table(self, rows: int, columns: int) -> None:
        """Insert a table with a header row and rows - 1 body rows."""
        blocks = markdown_to_blocks(
            "|" + " |" * columns + "\n|" + " --- |" * columns + "\n"
            + ("|" + " |" * columns + "\n") * max(1, rows - 1)
        )  # fmt: skip
        cursor = self.textCursor()
        cursor.beginEditBlock()
        cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
        cursor.insertBlock(paragraph_format(), QTextCharFormat())
        start = cursor.position()
        insert_blocks(cursor, blocks, fresh_block=True)
        cursor.endEditBlock()
        for frame in self.document().rootFrame().childFrames():
            if isinstance(frame, QTextTable) and frame.firstPosition() >= start:
                self.setTextCursor(frame.cellAt(0, 0).firstCursorPosition())
                break

    def insert_table_row(self) -> None:
        """Insert a body row below the current one."""
        table, row, _ = self._table_cell()
        if table is not None:
            table.insertRows(max(1, row + 1), 1)

    def remove_table_row(self) -> None:
        """Remove the current body row (the header row and the last body row stay)."""
        table, row, _ = self._table_cell()
        if table is None:
            return
        chain = whole_chain(self.document(), table)
        header = row == 0 and table.firstPosition() == chain[0].firstPosition()
        if header or sum(part.rows() for part in chain) <= 2:
            return
        last_goes = table.rows() == 1 and table.firstPosition() == chain[-1].firstPosition()
        cursor = QTextCursor(self.document())
        cursor.beginEditBlock()
        table.removeRows(row, 1)  # a chunk's only row: Qt removes the chunk, seam and all
        if last_goes:
            new_last = chain[-2]  # now the end of the table: no seam under it
            table_format = new_last.format()
            table_format.setBottomMargin(0.0)
            new_last.setFormat(table_format)
        cursor.endEditBlock()

    def insert_table_column(self) -> None:
        """Insert a column right of the current one (in every chunk of a long table)."""
        table, _, column = self._table_cell()
        if table is None:
            return
        chain = whole_chain(self.document(), table)
        shares = chain_shares(chain)
        cursor = QTextCursor(self.document())
        cursor.beginEditBlock()
        for part in chain:
            part.insertColumns(column + 1, 1)
        if shares is not None and len(shares) > column:
            shares.insert(column + 1, shares[column])
            set_column_shares(chain, share_out(shares))
        cursor.endEditBlock()

    def remove_table_column(self) -> None:
        """Remove the current column, unless it is the last one (in every chunk)."""
        table, _, column = self._table_cell()
        if table is None or table.columns() <= 1:
            return
        chain = whole_chain(self.document(), table)
        shares = chain_shares(chain)
        cursor = QTextCursor(self.document())
        cursor.beginEditBlock()
        for part in chain:
            part.removeColumns(column, 1)
        if shares is not None and len(shares) > column:
            del shares[column]
            set_column_shares(chain, share_out(shares))
        cursor.endEditBlock()

    def clear_formatting(self) -> None:
        """Remove bold, italic, strike and links from the selection."""
        self.textCursor().setCharFormat(char_format(Run("")))

    def createMimeDataFromSelection(self) -> QMimeData:
        """Copy also as article Markdown, so pasting inside the app loses nothing.

        A long table held as chunks is copied as one table in the HTML too (for Word, WPS
        and web back offices), written from that Markdown.
        """
        made = super().createMimeDataFromSelection()
        # Qt's mime data writes its formats when first asked, its own Markdown (CommonMark)
        # over ours: the formats go into plain mime data, then ours on top.
        mime = QMimeData()
        for name in made.formats():
            if name != MARKDOWN_MIME:
                mime.setData(name, made.data(name))
        scratch = QTextDocument()
        QTextCursor(scratch).insertFragment(self.textCursor().selection())
        markdown = document_to_markdown(scratch)
        mime.setData(MARKDOWN_MIME, markdown.encode("utf-8"))
        if any(
            isinstance(frame, QTextTable) and is_continuation(frame)
            for frame in scratch.rootFrame().childFrames()
        ):
            mime.setHtml(markdown_to_html(markdown))
        return mime

    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        """Accept bitmaps when pictures can be stored, and dropped files (sorted out later)."""
        if source.hasImage() and self._picture_sink is not None:
            return True
        if _local_files(source):
            return True
        return super().canInsertFromMimeData(source)

    def insertFromMimeData(self, source: QMimeData) -> None:
        """Paste through the article cleaner: only what the Markdown dialect can hold."""
        files = _local_files(source)
        if source.hasFormat(MARKDOWN_MIME):
            text = bytes(source.data(MARKDOWN_MIME).data()).decode("utf-8")
            if len(text) > LARGE_PASTE_CHARS or text.count("\n|") > LARGE_PASTE_ROWS:
                self._paste_in_background(PasteKind.MARKDOWN, text)
                return
            blocks = markdown_to_blocks(text)
        elif files:
            self._insert_files(files)
            return
        elif source.hasHtml():
            html = source.html()
            # Not html.lower(): for Word's 8 MB of a 300,000-character report that took 90 ms.
            large = len(html) > LARGE_PASTE_CHARS or html.lower().count("<tr") > LARGE_PASTE_ROWS
            if large and _PICTURE_TAG.search(html) is None:
                self._paste_in_background(PasteKind.HTML, html)
                return
            blocks = self.pasted_blocks(html)
        elif source.hasImage() and self._picture_sink is not None:
            path = self._store_bitmap(source.imageData())
            if path:
                self.insert_picture(path)
            return
        else:
            super().insertFromMimeData(source)  # plain text keeps QTextEdit's behaviour
            return
        self._insert_blocks(blocks)

    def is_pasting(self) -> bool:
        """Whether a large paste is being read or inserted, or a body with a long table is
        going in (the editor is read-only meanwhile; keys pressed are replayed after it)."""
        return self._pasting

    def is_loading(self) -> bool:
        """Whether a body with a long table is still going in, a chunk of rows at a time."""
        return self._loading is not None

    def _paste_in_background(self, kind: PasteKind, text: str) -> None:
        if self._pasting:
            return
        self._pasting = True
        if self.paste_process.wants_process(kind, text):
            # Only a paste this large: freezing keeps for good any garbage cycle there is.
            self._collector.hold()
        self.setReadOnly(True)  # nothing typed may land inside the paste's undo step
        self.pasteStarted.emit()
        self._paste_token += 1
        token = self._paste_token
        reader = self.paste_process
        job = self._pastes.start(
            lambda _context: prepare_blocks(reader.read_paste(kind, text), normalised=True)
        )
        job.succeeded.connect(lambda prepared: self._insert_in_steps(token, prepared))
        job.failed.connect(lambda _error: self._paste_failed(token))

    def _paste_failed(self, token: int) -> None:
        if token == self._paste_token:
            self._end_paste()

    def _insert_in_steps(self, token: int, prepared: PreparedBlocks) -> None:
        if token != self._paste_token:
            return  # another article was opened meanwhile
        cursor = self.textCursor()
        cursor.beginEditBlock()
        cursor.removeSelectedText()
        fresh = cursor.block().length() == 1
        self._paste_cursor = cursor
        self._paste_steps = insert_blocks_in_steps(cursor, prepared, fresh_block=fresh)
        self._paste_pictures = prepared.pictures
        self.paste_step_count = 0
        self._paste_step(first=True)

    def _paste_step(self, first: bool = False) -> None:
        cursor, steps = self._paste_cursor, self._paste_steps
        if cursor is None:
            return
        if steps is None:
            # Inserted: read it ahead for the Markdown between events, so the refresh that
            # follows the paste does not read 300,000 characters at once.
            self.paste_step_count += 1
            if not self.reader.read_ahead(READ_AHEAD_BLOCKS):
                self._paste_timer.start()
                return
            self._paste_timer.stop()
            self._end_paste()
            return
        if self._loading is not None:
            cursor.beginEditBlock()  # one layout per step; a load is not undoable at all
        elif not first:
            cursor.joinPreviousEditBlock()  # every step is part of one undo step
        self.paste_step_count += 1
        try:
            finished = next(steps, True) is True
        finally:
            cursor.endEditBlock()
        if finished:
            self._paste_steps = None
            if self._loading is not None:
                self._loading = None
                document = self.document()
                document.setUndoRedoEnabled(True)
                document.setModified(False)
                self.moveCursor(QTextCursor.MoveOperation.Start)
            else:
                self.setTextCursor(cursor)
            if self._paste_pictures:  # else the walk of every block finds none to show
                self.show_pictures()
            self.ensureCursorVisible()
        self._paste_timer.start()

    def _end_paste(self) -> None:
        if self._loading is not None:  # replaced by another body before it was all in
            self._loading = None
            self.document().setUndoRedoEnabled(True)
        self._paste_steps = None
        self._paste_cursor = None
        self._pasting = False
        self._collector.release()
        self.setReadOnly(False)
        self.pasteFinished.emit()
        held, self._held_keys = self._held_keys, []
        for key in held:
            if self._pasting:  # a key started another paste: the rest waits for that one
                self._held_keys.append(key)
            elif isinstance(key, str):
                self.insertPlainText(key)
            else:
                self.keyPressEvent(key)

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:
        """Text an input method commits while a paste goes in is typed once it is in."""
        if self._pasting:
            if event.commitString():
                self._held_keys.append(event.commitString())
            return
        super().inputMethodEvent(event)

    def pasted_blocks(self, html: str) -> list[Block]:
        """Clean clipboard HTML into blocks, storing its embedded pictures."""
        from desktop.importing.html import pasted_picture_resolver

        problems: list[str] = []
        resolver = None
        if self._picture_sink is not None:
            resolver = pasted_picture_resolver(self._picture_sink, problems)
        blocks = blocks_from_html(html, pasted=True, resolve_image=resolver)
        for problem in problems:
            self.pictureRejected.emit(problem)
        return list(blocks)

    def _insert_files(self, files: list[Path]) -> None:
        """Store and insert dropped pictures; ask for articles to be imported and other files
        to be attached (the attachment's check of their content refuses what it must)."""
        from desktop.importing.batch import IMPORT_SUFFIXES
        from desktop.pictures import PictureError
        from desktop.store.errors import StoreError

        articles = [str(file) for file in files if file.suffix.lower() in IMPORT_SUFFIXES]
        attached = [
            str(file)
            for file in files
            if file.suffix.lower() not in (*IMPORT_SUFFIXES, *PICTURE_SUFFIXES)
        ]
        blocks: list[Block] = []
        for file in files:
            suffix = file.suffix.lower()
            if suffix not in PICTURE_SUFFIXES:
                continue
            if self._picture_sink is None:
                self.pictureRejected.emit(
                    self.tr("%1: pictures cannot be stored here").replace("%1", file.name)
                )
                continue
            try:
                path = self._picture_sink(file.read_bytes(), file.name)
            except (PictureError, StoreError) as exc:  # StoreError: a full disk, say
                self.pictureRejected.emit(str(exc))
                continue
            except OSError as exc:
                self.pictureRejected.emit(
                    self.tr("%1 cannot be read (%2)")
                    .replace("%1", file.name)
                    .replace("%2", exc.strerror or str(exc))
                )
                continue
            blocks.append(TextBlock(runs=[Run(OBJECT_CHAR, image_src=path)]))
        if blocks:
            self._insert_pictures(blocks)
        if articles:
            self.importRequested.emit(articles)
        if attached:
            self.attachRequested.emit(attached)

    def _store_bitmap(self, image: object) -> str:
        from desktop.pictures import PictureError
        from desktop.store.errors import StoreError

        if not isinstance(image, QImage) or image.isNull() or self._picture_sink is None:
            return ""
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")  # type: ignore[call-overload]  # lossless; the store decides
        buffer.close()
        try:
            return self._picture_sink(bytes(data.data()), "pasted picture")
        except (PictureError, StoreError) as exc:  # StoreError: a full disk, say
            self.pictureRejected.emit(str(exc))
            return ""

    def _insert_pictures(self, blocks: list[Block]) -> None:
        """Insert picture paragraphs at the cursor, splitting the paragraph it is in."""
        cursor = self.textCursor()
        cursor.beginEditBlock()
        cursor.removeSelectedText()
        if cursor.block().length() > 1:  # not an empty paragraph: make one
            keep, keep_chars = cursor.blockFormat(), cursor.charFormat()
            if not cursor.atBlockStart():
                cursor.insertBlock(keep, keep_chars)
            if cursor.block().length() > 1:
                cursor.insertBlock(keep, keep_chars)
                cursor.movePosition(QTextCursor.MoveOperation.PreviousBlock)
            text_list = block_list(cursor.block())
            if text_list is not None:
                text_list.remove(cursor.block())
            cursor.setBlockFormat(paragraph_format())
        self.setTextCursor(cursor)
        self._insert_blocks(blocks)
        cursor.endEditBlock()

    def _insert_blocks(self, blocks: list[Block]) -> None:
        scratch = QTextDocument()
        blocks_to_document(blocks, scratch)
        self.textCursor().insertFragment(QTextDocumentFragment(scratch))
        self.show_pictures()
        self.ensureCursorVisible()

    def _block_selection(self) -> QTextCursor:
        cursor = self.textCursor()
        start, end = cursor.selectionStart(), cursor.selectionEnd()
        cursor.setPosition(start)
        cursor.movePosition(QTextCursor.MoveOperation.StartOfBlock)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
        return cursor

    def _selected_block_positions(self) -> list[int]:
        cursor = self.textCursor()
        document = self.document()
        block = document.findBlock(cursor.selectionStart())
        last = document.findBlock(cursor.selectionEnd())
        positions = [block.position()]
        while block != last and block.isValid():
            block = block.next()
            positions.append(block.position())
        return positions

    def _format_blocks(
        self, make_format: Callable[[int], QTextBlockFormat], drop_list: bool
    ) -> None:
        cursor = QTextCursor(self.document())
        cursor.beginEditBlock()
        for position in self._selected_block_positions():
            cursor.setPosition(position)
            block = cursor.block()
            quote = block.blockFormat().intProperty(QUOTE_LEVEL)
            text_list = block_list(block)
            if drop_list and text_list is not None:
                text_list.remove(block)
            block_format: QTextBlockFormat = make_format(quote)
            cursor.setBlockFormat(block_format)
            if not block_format.headingLevel():
                # Leaving a heading: its size and implied bold go too.
                whole = QTextCursor(block)
                whole.movePosition(
                    QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor
                )
                plain = QTextCharFormat()
                plain.setProperty(QTextCharFormat.Property.FontSizeAdjustment, 0)
                plain.setFontWeight(QFont.Weight.Normal)
                whole.mergeCharFormat(plain)
        cursor.endEditBlock()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Tab and Shift+Tab, as in Word and WPS: move a list item one level in or out, or go
        to the next (previous) table cell, adding a row after the last cell."""
        if self._pasting:
            # Held, not lost: the paste's undo step and the rows going in stay whole.
            self._held_keys.append(
                QKeyEvent(
                    event.type(),
                    event.key(),
                    event.modifiers(),
                    event.text(),
                    event.isAutoRepeat(),
                    event.count(),
                )
            )
            return
        key = event.key()
        plain = not event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier
        if plain and key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            shift = key == Qt.Key.Key_Backtab or bool(
                event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            )
            if block_list(self.textCursor().block()) is not None:
                self.change_list_level(-1 if shift else 1)
                return
            if self.move_to_cell(-1 if shift else 1):
                return
        super().keyPressEvent(event)

    def move_to_cell(self, step: int) -> bool:
        """Select the next (+1) or previous (-1) table cell; False outside a table.

        Past the last cell a new row is added, as Word does; before the first nothing moves.
        Merged cells count once; a long table's chunks are crossed as one table.
        """
        table, row, column = self._table_cell()
        if table is None:
            return False
        here = table.cellAt(row, column)
        index = row * table.columns() + column + step
        while True:
            columns = table.columns()
            if index < 0:
                before = previous_chunk(self.document(), table)
                if before is None:
                    return True
                table = before
                index += before.rows() * before.columns()
                continue
            if index >= table.rows() * columns:
                following = next_chunk(self.document(), table)
                if following is not None:
                    index -= table.rows() * columns
                    table = following
                    continue
                table = self._append_row(table)
                index = (table.rows() - 1) * columns
            cell = table.cellAt(index // columns, index % columns)
            if cell.isValid() and cell.firstPosition() != here.firstPosition():
                break
            index += step
        cursor = cell.firstCursorPosition()
        cursor.setPosition(cell.lastCursorPosition().position(), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        return True

    def _append_row(self, table: QTextTable) -> QTextTable:
        """Add a row after the last one; a full chunk gets a new chunk after it instead.

        Returns the table the new row is in.
        """
        columns = table.columns()
        if table.rows() < rows_per_chunk(columns) or _has_spans(table):
            table.appendRows(1)
            return table
        document = self.document()
        chain = whole_chain(document, table)
        shares = chain_shares(chain)
        cursor = QTextCursor(document)
        cursor.beginEditBlock()
        if shares is None:  # one table so far: its chunks will share widths from now on
            shares = column_shares(
                (
                    [
                        table.cellAt(row, column).firstCursorPosition().block().text()
                        for column in range(columns)
                    ]
                    for row in range(table.rows())
                ),
                columns,
            )
            set_column_shares(chain, shares)
        table_format = table.format()
        table_format.setBottomMargin(-CELL_PADDING)
        table_format.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
        table.setFormat(table_format)
        cursor.setPosition(table.lastPosition() + 1)
        added = cursor.insertTable(1, columns, chunk_format(shares, continuation=True, last=True))
        cursor.endEditBlock()
        return added

    def change_list_level(self, step: int) -> bool:
        """Indent (+1) or outdent (-1) the list item at the cursor; False when not in a list."""
        cursor = self.textCursor()
        block = cursor.block()
        current = block_list(block)
        if current is None:
            return False
        depth = current.format().indent() + step
        numbered = current.format().style() == QTextListFormat.Style.ListDecimal
        if depth > MAX_LIST_DEPTH:
            return False
        cursor.beginEditBlock()
        current.remove(block)
        if depth <= 0:
            block_format = block.blockFormat()
            block_format.setIndent(0)
            QTextCursor(block).setBlockFormat(block_format)
        else:
            # Rejoin the list of the item above when it sits at the new depth already.
            above = block_list(block.previous()) if block.previous().isValid() else None
            if above is not None and above.format().indent() == depth:
                above.add(block)
            else:
                QTextCursor(block).createList(list_format(ListLevel(numbered=numbered), depth))
        cursor.endEditBlock()
        return True

    def _toggle_list(self, numbered: bool) -> None:
        cursor = self.textCursor()
        text_list = block_list(cursor.block())
        same = text_list is not None and (
            (text_list.format().style() == QTextListFormat.Style.ListDecimal) == numbered
        )
        cursor.beginEditBlock()
        if same and text_list is not None:
            for position in self._selected_block_positions():
                block = self.document().findBlock(position)
                text_list.remove(block)
                block_format = block.blockFormat()
                block_format.setIndent(0)
                QTextCursor(block).setBlockFormat(block_format)
        elif text_list is not None:
            text_list.setFormat(
                list_format(ListLevel(numbered=numbered), text_list.format().indent())
            )
        else:
            cursor.createList(list_format(ListLevel(numbered=numbered), 1))
        cursor.endEditBlock()

    def _leave_gap(self) -> None:
        """Keep the cursor out of the empty block Qt keeps between two chunks of a table.

        Text typed there would split the table in two; the arrow keys go on into the next
        chunk (or back into the one before), as they do from row to row.
        """
        cursor = self.textCursor()
        position, previous = cursor.position(), self._last_position
        self._last_position = position
        if self._pasting:
            return
        document = self.document()
        gap = gap_between(document, position)
        if gap is None:
            return
        before, following = gap
        column = 0
        old = QTextCursor(document)
        old.setPosition(max(0, min(previous, document.characterCount() - 1)))
        frame = old.currentFrame()
        if isinstance(frame, QTextTable):
            column = frame.cellAt(old).column()
        if previous == position - 1:
            target = following.cellAt(0, 0).firstCursorPosition()
        elif previous == position + 1:
            target = before.cellAt(before.rows() - 1, before.columns() - 1).lastCursorPosition()
        elif previous < position:
            cell = following.cellAt(0, min(column, following.columns() - 1))
            target = cell.firstCursorPosition()
        else:
            cell = before.cellAt(before.rows() - 1, min(column, before.columns() - 1))
            target = cell.lastCursorPosition()
        mode = (
            QTextCursor.MoveMode.KeepAnchor
            if cursor.hasSelection()
            else QTextCursor.MoveMode.MoveAnchor
        )
        cursor.setPosition(target.position(), mode)
        self.setTextCursor(cursor)

    def _table_cell(self) -> tuple[QTextTable | None, int, int]:
        # currentFrame(), not currentTable(): see block_list() for PySide6's None bug.
        frame = self.textCursor().currentFrame()
        if not isinstance(frame, QTextTable):
            return None, 0, 0
        cell = frame.cellAt(self.textCursor())
        return frame, cell.row(), cell.column()


def _local_files(source: QMimeData) -> list[Path]:
    """The local files a drop carries, or [] if it carries anything else (web links)."""
    if not source.hasUrls():
        return []
    urls = source.urls()
    if not urls or not all(url.isLocalFile() for url in urls):
        return []
    return [Path(url.toLocalFile()) for url in urls]


def _blocks_text(blocks: list[Block]) -> str:
    """The text of blocks as the document's plain text gives it: a line per block and cell."""
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, Table):
            for row in [block.header, *block.rows]:
                lines.extend("".join(run.text for run in cell) for cell in row)
        else:
            lines.append("".join(run.text for run in block.runs))
    return "\n".join(lines).replace(LINE_BREAK, "\n")


def _has_spans(table: QTextTable) -> bool:
    """Whether a table has merged cells (its rows then stay in one chunk)."""
    return any(
        (cell.rowSpan(), cell.columnSpan()) != (1, 1)
        for row in range(table.rows())
        for column in range(table.columns())
        if (cell := table.cellAt(row, column)).row() == row and cell.column() == column
    )
