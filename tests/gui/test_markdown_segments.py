"""The editor's Markdown after edits, read again only where they were, equals the whole
conversion of the document (lists, quotes, headings and empty paragraphs around the edits)."""

from __future__ import annotations

import random

import pytest
from PySide6.QtCore import QMimeData
from PySide6.QtGui import QTextCursor

from desktop.gui.editor.markdown_document import document_to_markdown
from desktop.gui.editor.rich_editor import RichTextEditor
from tests.perf.stall_scenario import word_html

BODY = "\n\n".join(
    [f"第{i}段**加粗导语。**正文内容，全市工会组织职工参加活动。" for i in range(12)]
    + [
        "- 甲项\n- 乙项\n    - 丙项",
        "> 引用的第一段\n>\n> 引用的第二段",
        "1. 第一条\n2. 第二条",
        "## 小标题",
        "---",
        "（市总工会组宣部）",
    ]
)


def _edit(editor: RichTextEditor, rng: random.Random) -> None:
    """One edit a user could make somewhere in the body: type, delete, restyle, split."""
    document = editor.document()
    cursor = QTextCursor(document)
    length = document.characterCount()
    cursor.setPosition(rng.randrange(0, max(1, length - 1)))
    choice = rng.random()
    if choice < 0.4:
        cursor.insertText(rng.choice(["字", "，", "ab", " ", "\u2029"]))
    elif choice < 0.6:
        end = min(length - 1, cursor.position() + rng.randint(1, 30))
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()
    elif choice < 0.75:
        editor.setTextCursor(cursor)
        rng.choice(
            [
                editor.toggle_bullet_list,
                editor.toggle_numbered_list,
                editor.toggle_quote,
                editor.set_paragraph,
                lambda: editor.set_heading(2),
            ]
        )()
    elif choice < 0.85:
        cursor.insertBlock()
    else:
        end = min(length - 1, cursor.position() + rng.randint(1, 10))
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        editor.setTextCursor(cursor)
        editor.toggle_bold()


@pytest.mark.parametrize("seed", range(6))
def test_markdown_after_edits_equals_the_whole_conversion(qtbot, seed: int) -> None:
    editor = RichTextEditor()
    qtbot.addWidget(editor)
    editor.set_markdown(BODY)
    assert editor.markdown() == document_to_markdown(editor.document())
    rng = random.Random(seed)
    for step in range(300):
        _edit(editor, rng)
        if rng.random() < 0.5:  # some conversions follow several edits
            assert editor.markdown() == document_to_markdown(editor.document()), step


def test_an_empty_paragraph_between_two_quotes_joins_them_as_the_page_does(qtbot) -> None:
    editor = RichTextEditor()
    qtbot.addWidget(editor)
    editor.set_markdown("> 第一段引用\n\n空段\n\n> 第二段引用\n")
    editor.markdown()
    cursor = QTextCursor(editor.document().findBlockByNumber(1))
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
    cursor.insertText(" ")  # the paragraph between them is now empty
    assert editor.markdown() == document_to_markdown(editor.document())
    assert editor.markdown() == "> 第一段引用\n>\n> 第二段引用\n"


def test_typing_in_a_long_body_reads_only_the_block_typed_in(qtbot) -> None:
    editor = RichTextEditor()
    qtbot.addWidget(editor)
    editor.set_markdown("\n\n".join(f"第{i}段：职工之家建设情况。" for i in range(2000)))
    editor.markdown()
    reader = editor.reader
    cursor = QTextCursor(editor.document().findBlockByNumber(1000))
    before = reader.blocks_read
    cursor.insertText("新增")
    markdown = editor.markdown()
    assert "\n\n新增第1000段：职工之家建设情况。\n\n第1001段" in markdown
    assert reader.blocks_read - before <= 3
    assert markdown == document_to_markdown(editor.document())


def test_the_conversion_after_a_huge_paste_finds_the_segment_map_built(qtbot) -> None:
    """A long report from Word pasted in the middle of a body: the segments are walked while
    the paste is read ahead, so the refresh that follows walks none of its thousands of
    blocks, and its Markdown is still the whole conversion's."""
    editor = RichTextEditor()
    qtbot.addWidget(editor)
    editor.set_markdown(BODY)
    editor.markdown()
    html, _chars = word_html(40_000)
    html = html.replace("</body>", "<ul><li>甲项</li><li>乙项</li></ul><p>（完）</p></body>")
    editor.setTextCursor(QTextCursor(editor.document().findBlockByNumber(6)))
    mime = QMimeData()
    mime.setHtml(html)
    with qtbot.waitSignal(editor.pasteFinished, timeout=120_000):
        editor.insertFromMimeData(mime)
        assert editor.is_pasting()  # read in the paste process and inserted in steps
    reader = editor.reader
    before = reader.blocks_walked
    markdown = editor.markdown()
    assert reader.blocks_walked == before
    assert "\n\n- 甲项\n- 乙项\n\n（完）" in markdown
    assert markdown == document_to_markdown(editor.document())
    # Typing afterwards still walks only where it was.
    QTextCursor(editor.document().findBlockByNumber(200)).insertText("新增")
    assert editor.markdown() == document_to_markdown(editor.document())
    assert reader.blocks_walked - before <= 5
