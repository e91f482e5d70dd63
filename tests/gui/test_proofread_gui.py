"""Proofreading in the app: underlines while typing, the problems list, fixes, word list, gate."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QPlainTextEdit

from desktop.article import Article
from desktop.gui import dialogs
from desktop.gui.dialogs import Dialogs
from desktop.gui.editor.rich_editor import RichTextEditor
from desktop.gui.editor_pane import EditorPane
from desktop.gui.export_gate import ExportGateDialog
from desktop.gui.problems_panel import ProblemsPanel
from desktop.gui.proofread_fixes import (
    apply_fix_in_document,
    apply_fix_to_field,
    apply_fixes_in_document,
)
from desktop.gui.proofread_highlighter import ProofreadHighlighter
from desktop.gui.proofread_labels import kind_label, problem_tooltip
from desktop.gui.statistics_panel import StatisticsPanel
from desktop.gui.wordlist_dialog import WordListDialog
from desktop.proofread import (
    Field,
    Problem,
    ProblemKind,
    ProofreadSettings,
    Severity,
    StaleProblem,
    WordEntry,
    WordList,
    check_article,
    check_text,
    statistics,
)
from desktop.proofread.gate import ArticleFindings, format_override_note, serious_findings
from desktop.proofread.wordlist_store import IgnoredProblems, WordListStore
from desktop.store import Store
from tests.conftest import make_article
from tests.gui.test_i18n import assert_no_english, shown_texts
from tests.proofread.helpers import id_number

SETTINGS = ProofreadSettings()


ID = id_number("33010219800514002")


def underlines(document: QTextDocument) -> list[tuple[str, str]]:
    """Return (underlined text, colour) for every wavy underline the highlighter drew."""
    found = []
    block = document.begin()
    while block.isValid():
        layout = block.layout()
        for fmt in layout.formats() if layout is not None else []:
            style = fmt.format
            if style.underlineStyle() == QTextCharFormat.UnderlineStyle.WaveUnderline:
                text = block.text()[fmt.start : fmt.start + fmt.length]
                found.append((text, style.underlineColor().name()))
        block = block.next()
    return found


@pytest.fixture
def rich(qtbot) -> RichTextEditor:
    editor = RichTextEditor()
    qtbot.addWidget(editor)
    return editor


# The highlighter ----------------------------------------------------------------------------


def test_the_highlighter_underlines_problems_and_not_correct_text(rich: RichTextEditor) -> None:
    rich.set_markdown(
        f"全市职工技能大赛圆满落幕。\n\n会议要求,各级工会要再接再励。\n\n报名人身份证号{ID}。\n"
    )
    highlighter = ProofreadHighlighter(rich.document(), SETTINGS)
    highlighter.rehighlight()
    marks = underlines(rich.document())
    assert marks == [
        (",", "#1e6fd9"),  # minor, a matter of style: blue
        ("再接再励", "#d32f2f"),  # serious: red
        (ID, "#d32f2f"),
    ]
    first = rich.document().begin()
    assert first.text() == "全市职工技能大赛圆满落幕。"
    assert highlighter.problems_in_block(first) == []


def test_problem_at_gives_the_problem_under_a_position(rich: RichTextEditor) -> None:
    rich.set_markdown("全市职工技能大赛圆满落幕。\n\n会议要求,各级工会要再接再励。\n")
    highlighter = ProofreadHighlighter(rich.document(), SETTINGS)
    second = rich.document().begin().next()
    phrase_at = second.position() + second.text().index("再接再励")
    problem = highlighter.problem_at(phrase_at + 2)
    assert problem is not None
    assert problem.kind is ProblemKind.COMMON_ERROR
    assert (problem.start, problem.end) == (phrase_at, phrase_at + 4)
    assert problem.suggestion == "再接再厉"
    assert highlighter.problem_at(phrase_at + 4) is None  # just after the phrase: the "。"
    assert highlighter.problem_at(1) is None  # inside the correct first paragraph
    tip = problem_tooltip(problem)
    assert "再接再励" in tip and "再接再厉" in tip


def test_underlines_carry_the_keys_check_article_gives(rich: RichTextEditor) -> None:
    """An ignore recorded from the editor must hide the same problem in the list and export."""
    markdown = (
        "**一是抓学习。**要求,全体。\n\n- 第一项,内容\n- 第二项,内容\n\n再接再励,再接再励。\n"
    )
    rich.set_markdown(markdown)
    highlighter = ProofreadHighlighter(rich.document(), SETTINGS)
    from_body = {(p.text, p.key) for p in check_text(rich.markdown(), Field.BODY, SETTINGS)}
    from_blocks = set()
    block = rich.document().begin()
    while block.isValid():
        from_blocks |= {(p.text, p.key) for p in highlighter.problems_in_block(block)}
        block = block.next()
    assert from_blocks == from_body

    # Ignoring the problem at the very start of the last paragraph hides only that one.
    last = rich.document().lastBlock()
    start_problem = highlighter.problem_at(last.position())
    assert start_problem is not None and start_problem.text == "再接再励"
    highlighter.set_ignored({start_problem.key})
    remaining = [(p.text, p.start) for p in highlighter.problems_in_block(last)]
    assert remaining == [(",", 4), ("再接再励", 5)]
    assert ("再接再励", "#d32f2f") in underlines(rich.document())
    assert highlighter.problem_at(last.position()) is None


def test_set_settings_rechecks_with_the_office_word_list(rich: RichTextEditor) -> None:
    rich.set_markdown("市总工会召开劳模座谈会。\n")
    highlighter = ProofreadHighlighter(rich.document(), SETTINGS)
    highlighter.rehighlight()
    assert underlines(rich.document()) == []
    words = WordList((WordEntry("劳模", "劳动模范", Severity.MINOR),))
    highlighter.set_settings(ProofreadSettings(office_words=words))
    assert underlines(rich.document()) == [("劳模", "#e08a00")]  # minor, a word: orange


def test_the_markdown_source_skips_code_and_syntax(qtbot) -> None:
    source = QPlainTextEdit()
    qtbot.addWidget(source)
    source.setPlainText(
        "**会议要求,**各级工会\n\n```\nprint(1,2)\n再接再励\n```\n\n"
        "[链接](https://a.cn/x,y)再接再励\n\n![大会合影,全体](media/a,b.jpg)\n"
    )
    highlighter = ProofreadHighlighter(source.document(), SETTINGS, markdown_source=True)
    highlighter.rehighlight()
    assert underlines(source.document()) == [
        (",", "#1e6fd9"),
        ("再接再励", "#d32f2f"),  # after the fence closed, not inside it
        (",", "#1e6fd9"),  # in the caption, not in the picture's path
    ]
    inside = source.document().findBlockByNumber(4)
    assert inside.text() == "再接再励"
    assert highlighter.problem_at(inside.position() + 1) is None


def test_underlining_does_not_mark_the_article_changed(qtbot) -> None:
    pane = EditorPane()
    qtbot.addWidget(pane)
    pane.set_article(Article(title="稿件", body="会议要求,各级工会要再接再励。\n"))
    highlighter = ProofreadHighlighter(pane.rich.document(), SETTINGS)
    with qtbot.assertNotEmitted(pane.changed):
        highlighter.rehighlight()
        highlighter.set_ignored({"anything"})
    assert len(underlines(pane.rich.document())) == 2
    assert pane.rich.document().availableUndoSteps() == 0


def test_typing_in_a_long_article_rechecks_only_the_block_typed_in(rich: RichTextEditor) -> None:
    """Each keystroke re-checks one block, not the document; its new problem is underlined.

    What a keystroke costs is measured by tests/perf/bench_proofread.py.
    """
    paragraph = (
        "今年以来，市总工会坚持以职工为中心，深入开展“建功新时代”主题劳动和技能竞赛，"
        "全市各级工会累计组织竞赛项目300余个，参与职工突破12万人次,涌现出一批技术能手。"
        "会议要求，各级工会要再接再励，进一步健全服务体系，"
        "把更多资源投向基层一线，切实维护好职工的合法权益。"
    )
    # Numbered so no two paragraphs are alike: the cache must not make the first pass free.
    paragraphs = [f"（{i}）{paragraph}" for i in range(10_000 // len(paragraph) + 1)]
    rich.set_markdown("\n\n".join(paragraphs) + "\n")
    assert rich.document().characterCount() > 10_000
    checked: list[str] = []

    class CountingHighlighter(ProofreadHighlighter):
        def highlightBlock(self, text: str) -> None:
            checked.append(text)
            super().highlightBlock(text)

    highlighter = CountingHighlighter(rich.document(), SETTINGS)
    checked.clear()
    highlighter.rehighlight()
    assert len(checked) == len(paragraphs)  # a whole pass reads every block once
    checked.clear()
    middle = rich.document().findBlockByNumber(len(paragraphs) // 2)
    cursor = QTextCursor(middle)
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
    typed = "职工代表大会圆满完成各项议程,"
    for char in typed:
        cursor.insertText(char)
    assert len(checked) == len(typed)  # one block per keystroke, not the whole document
    assert {text[:4] for text in checked} == {middle.text()[:4]}
    assert (
        len(highlighter.problems_in_block(middle))
        == len(highlighter.problems_in_block(rich.document().findBlockByNumber(0))) + 1
    )  # the half-width comma just typed


# The problems panel -------------------------------------------------------------------------


ARTICLE = make_article(
    title="全市职工技能大赛圆满落幕!",
    body="会议要求,各级工会要再接再励。\n\n报名人身份证号" + ID + "。\n",
)


@pytest.fixture
def panel(qtbot) -> ProblemsPanel:
    widget = ProblemsPanel()
    qtbot.addWidget(widget)
    widget.set_problems(check_article(ARTICLE, SETTINGS))
    return widget


def test_the_panel_lists_problems_in_reading_order(panel: ProblemsPanel) -> None:
    shown = [(p.field, p.kind, p.text) for p in panel.shown_problems()]
    assert shown == [
        (Field.TITLE, ProblemKind.HALF_WIDTH_PUNCTUATION, "!"),
        (Field.BODY, ProblemKind.HALF_WIDTH_PUNCTUATION, ","),
        (Field.BODY, ProblemKind.COMMON_ERROR, "再接再励"),
        (Field.BODY, ProblemKind.ID_NUMBER, ID),
    ]
    assert panel.summary.text() == "2 serious, 2 minor"
    first = panel.tree.topLevelItem(2)
    assert first is not None
    assert [first.text(c) for c in range(4)] == [
        kind_label(ProblemKind.COMMON_ERROR),
        "Body",
        "再接再励",
        "再接再厉",
    ]
    panel.set_problems([])
    assert panel.summary.text() == "No problems"
    assert not panel.fix_button.isEnabled()


def test_the_panel_asks_for_fixes_and_locations(panel: ProblemsPanel, qtbot) -> None:
    phrase = panel.shown_problems()[2]
    assert panel.select_problem(phrase)
    with qtbot.waitSignal(panel.fix_requested) as fix:
        panel.fix_button.click()
    assert fix.args == [phrase]
    with qtbot.waitSignal(panel.fix_all_requested) as fix_all:
        panel.fix_all_button.click()
    assert fix_all.args == [ProblemKind.COMMON_ERROR]

    id_problem = panel.shown_problems()[3]
    panel.select_problem(id_problem)
    assert not panel.fix_button.isEnabled()  # no suggested fix for an ID number
    assert not panel.fix_all_button.isEnabled()
    item = panel.tree.currentItem()
    assert item is not None
    panel.show()
    qtbot.waitExposed(panel)
    rect = panel.tree.visualItemRect(item)
    at = QPoint(rect.left() + 8, rect.center().y())  # the row is wider than the small view
    # A click first: the view only takes a double click on the row it saw pressed.
    QTest.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=at)
    with qtbot.waitSignal(panel.locate_requested) as located:
        QTest.mouseDClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=at)
    assert located.args == [id_problem]


def test_ignoring_asks_for_a_reason_through_the_seam(
    panel: ProblemsPanel, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[Problem] = []
    answer: list[str | None] = ["本人同意公开"]

    def ask(cls, parent, problem: Problem) -> str | None:
        asked.append(problem)
        return answer[0]

    monkeypatch.setattr(Dialogs, "ask_ignore_reason", classmethod(ask))
    id_problem = panel.shown_problems()[3]
    panel.select_problem(id_problem)
    with qtbot.waitSignal(panel.ignore_requested) as ignored:
        panel.ignore_button.click()
    assert ignored.args == [id_problem, "本人同意公开"]
    assert asked == [id_problem]

    answer[0] = None  # cancelled: nothing is recorded
    with qtbot.assertNotEmitted(panel.ignore_requested):
        panel.ignore_button.click()

    # The window records the ignore and lists again: the problem is hidden, then greyed.
    panel.set_problems(panel.problems(), {id_problem.key: "本人同意公开"})
    assert id_problem not in panel.shown_problems()
    assert panel.summary.text() == "1 serious, 2 minor (1 ignored)"
    panel.show_ignored.setChecked(True)
    assert id_problem in panel.shown_problems()
    panel.select_problem(id_problem)
    item = panel.tree.currentItem()
    assert item is not None and "本人同意公开" in item.toolTip(0)
    assert not panel.ignore_button.isEnabled()
    with qtbot.waitSignal(panel.unignore_requested) as unignored:
        panel.unignore_button.click()
    assert unignored.args == [id_problem]


# Fixes in the rich editor -------------------------------------------------------------------


def test_a_fix_replaces_the_right_occurrence_in_one_undo_step(rich: RichTextEditor) -> None:
    markdown = "**一是抓学习。**要求再接再励。\n\n二是抓落实。再接再励,再接再励。\n"
    rich.set_markdown(markdown)
    rich.document().clearUndoRedoStacks()
    problems = check_text(rich.markdown(), Field.BODY, SETTINGS)
    phrases = [p for p in problems if p.text == "再接再励"]
    assert len(phrases) == 3
    assert apply_fix_in_document(rich.document(), phrases[2])  # the second of paragraph two
    assert rich.toPlainText() == "一是抓学习。要求再接再励。\n二是抓落实。再接再励,再接再厉。"
    rich.document().undo()  # one undo step takes the whole fix back
    assert rich.toPlainText() == "一是抓学习。要求再接再励。\n二是抓落实。再接再励,再接再励。"

    # A fix inside a bold lead-in keeps it bold (the Markdown shows where the emphasis is).
    rich.set_markdown("**一是再接再励。**会议要求。\n")
    lead = check_text(rich.markdown(), Field.BODY, SETTINGS)[0]
    assert apply_fix_in_document(rich.document(), lead)
    assert rich.markdown() == "**一是再接再厉。**会议要求。\n"


def test_fix_all_is_one_undo_step_and_stale_fixes_are_refused(rich: RichTextEditor) -> None:
    markdown = "会议要求,各级工会,要再接再励。\n\n- 第一项,内容\n"
    rich.set_markdown(markdown)
    rich.document().clearUndoRedoStacks()
    problems = check_text(markdown, Field.BODY, SETTINGS)
    commas = [p for p in problems if p.kind is ProblemKind.HALF_WIDTH_PUNCTUATION]
    assert apply_fixes_in_document(rich.document(), commas, markdown) == 3
    assert rich.toPlainText() == "会议要求，各级工会，要再接再励。\n第一项，内容"
    rich.document().undo()  # one step takes every fix back
    assert rich.toPlainText() == "会议要求,各级工会,要再接再励。\n第一项,内容"
    rich.document().redo()

    # The phrase was retyped meanwhile: the problem's text is gone, nothing changes.
    phrase = next(p for p in problems if p.kind is ProblemKind.COMMON_ERROR)
    rich.set_markdown("会议要求，各级工会，要继续努力。\n")
    assert not apply_fix_in_document(rich.document(), phrase, markdown)
    assert not apply_fix_in_document(rich.document(), phrase)  # the offsets no longer match
    assert rich.toPlainText() == "会议要求，各级工会，要继续努力。"


def test_fixes_in_line_edit_fields() -> None:
    article = make_article(title="全市职工技能大赛圆满落幕!")
    problem = next(p for p in check_article(article, SETTINGS) if p.field is Field.TITLE)
    assert apply_fix_to_field(article.title, problem) == "全市职工技能大赛圆满落幕！"
    with pytest.raises(StaleProblem):
        apply_fix_to_field("另一个标题!", problem)


# The word list dialog -----------------------------------------------------------------------


@pytest.fixture
def errors(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        Dialogs, "show_error", classmethod(lambda cls, p, t, m: shown.append((t, m)))
    )
    return shown


def test_the_word_list_dialog_adds_removes_imports_and_exports(
    store: Store,
    qtbot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    errors: list[tuple[str, str]],
) -> None:
    words = WordListStore(store)
    words.add(WordEntry("劳模", "劳动模范", Severity.MINOR, "全称"))
    words.add(WordEntry("全总", "中华全国总工会", exceptions=("完全总结",)))
    dialog = WordListDialog(words)
    qtbot.addWidget(dialog)
    assert [e.wrong for e in dialog.entries()] == ["劳模", "全总"]

    dialog.add_entry()
    row = dialog.table.rowCount() - 1
    dialog.table.item(row, 0).setText("农民工")  # type: ignore[union-attr]
    dialog.table.item(row, 1).setText("务工人员")  # type: ignore[union-attr]
    dialog.table.setCurrentCell(0, 0)
    dialog.remove_selected()

    incoming = tmp_path / "incoming.tsv"
    incoming.write_text("全总\t全国总工会\tminor\n困难职工\t\t一般\t慎用\n", encoding="utf-8")
    monkeypatch.setattr(Dialogs, "choose_word_list_import", classmethod(lambda c, p: str(incoming)))
    dialog.import_file()
    assert "2" in dialog.status.text()

    exported = tmp_path / "out.tsv"
    monkeypatch.setattr(Dialogs, "choose_word_list_export", classmethod(lambda c, p: str(exported)))
    dialog.export_file()
    expected = [
        WordEntry("全总", "全国总工会", Severity.MINOR),
        WordEntry("农民工", "务工人员"),
        WordEntry("困难职工", "", Severity.MINOR, "慎用"),
    ]
    assert dialog.entries() == expected
    assert words.list()[0].wrong == "劳模"  # nothing stored before OK
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert words.list() == expected
    assert errors == []

    # Round trip: the exported file read back by the store gives the same list.
    words.import_file(exported, replace=True)
    assert words.list() == expected


def test_the_word_list_dialog_says_what_is_wrong(
    store: Store,
    qtbot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    errors: list[tuple[str, str]],
) -> None:
    dialog = WordListDialog(WordListStore(store))
    qtbot.addWidget(dialog)
    bad = tmp_path / "bad.tsv"
    bad.write_text("劳模\t劳动模范\tvery bad\n", encoding="utf-8")
    monkeypatch.setattr(Dialogs, "choose_word_list_import", classmethod(lambda c, p: str(bad)))
    dialog.import_file()
    assert len(errors) == 1
    assert "bad.tsv" in errors[0][1] and "very bad" in errors[0][1]
    assert dialog.table.rowCount() == 0

    dialog.add_entry()
    dialog.table.item(0, 0).setText("劳模")  # type: ignore[union-attr]
    dialog.table.item(0, 1).setText("劳模")  # type: ignore[union-attr]
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert errors[1][1].startswith("Row 1:")
    assert WordListStore(store).list() == []


# The export gate ----------------------------------------------------------------------------


def test_serious_findings_respect_ignored_problems(store: Store) -> None:
    clean = store.add_article(make_article("市总工会召开全委会议"))
    minor_only = store.add_article(make_article("会议要求,各级工会", body="会议要求,全体。\n"))
    serious = store.add_article(make_article("报名通知", body=f"身份证号{ID}。\n\n要再接再励。\n"))
    findings = serious_findings(store, [clean, minor_only, serious])
    assert [(f.article.id, [p.kind for p in f.problems]) for f in findings] == [
        (serious.id, [ProblemKind.ID_NUMBER, ProblemKind.COMMON_ERROR])
    ]
    assert serious.id is not None
    IgnoredProblems(store).ignore(serious.id, findings[0].problems[0].key, "本人同意公开")
    findings = serious_findings(store, [clean, minor_only, serious])
    assert [p.kind for p in findings[0].problems] == [ProblemKind.COMMON_ERROR]
    note = format_override_note(findings)
    assert note == (
        f"#{serious.id} '报名通知': 1 serious problem(s) (common-error) "
        "exported as confirmed by the user"
    )
    IgnoredProblems(store).ignore(serious.id, findings[0].problems[0].key, "引用原文")
    assert serious_findings(store, [serious]) == []


def test_the_export_gate_lists_findings_and_answers(qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    article = make_article("报名通知", body=f"身份证号{ID}。\n", id=7)
    findings = [ArticleFindings(article, check_article(article, SETTINGS))]
    dialog = ExportGateDialog(findings)
    qtbot.addWidget(dialog)
    top = dialog.tree.topLevelItem(0)
    assert top is not None and top.text(0) == "报名通知" and top.childCount() == 1
    child = top.child(0)
    assert child is not None and child.text(2) == ID and top.isExpanded()
    assert dialog.back_button.isDefault()

    # The seam: no findings, no question; otherwise the buttons decide.
    shown: list[str] = []

    def click(button: str):
        def exec_(self: ExportGateDialog) -> int:
            shown.append(button)
            getattr(self, button).click()
            return self.result()

        return exec_

    assert Dialogs.confirm_export_gate(None, []) is True
    assert shown == []
    monkeypatch.setattr(ExportGateDialog, "exec", click("back_button"))
    assert Dialogs.confirm_export_gate(None, findings) is False
    monkeypatch.setattr(ExportGateDialog, "exec", click("export_button"))
    assert Dialogs.confirm_export_gate(None, findings) is True
    assert shown == ["back_button", "export_button"]


# Statistics ---------------------------------------------------------------------------------


def test_the_statistics_panel_shows_the_figures(qtbot) -> None:
    widget = StatisticsPanel()
    qtbot.addWidget(widget)
    assert widget.words.text() == "—"
    article = make_article(
        body="职工之家建设300个。\n\n![合影](media/a.jpg)\n\nWelcome to Newsroom.\n"
    )
    stats = statistics(article)
    widget.show_statistics(stats)
    assert widget.words.text() == str(stats.words)
    assert widget.chinese.text() == str(stats.chinese_characters) == "7"
    assert widget.latin.text() == str(stats.latin_words)
    assert widget.pictures.text() == "1"
    assert widget.reading.text() == "about 1 min"


# Both languages -----------------------------------------------------------------------------


class Recorder:
    """Stands in for QInputDialog and QFileDialog and records the texts they would show."""

    asked: ClassVar[list[str]] = []

    @classmethod
    def getText(cls, parent, title, label, *args):
        cls.asked += [title, label]
        return "", False

    @classmethod
    def getOpenFileName(cls, parent, title, folder, filters):
        cls.asked += [title, filters]
        return "", ""

    @classmethod
    def getSaveFileName(cls, parent, title, name, filters):
        cls.asked += [title, name, filters]
        return "", ""


def test_the_proofreading_widgets_speak_the_language(
    language: str, store: Store, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    article = make_article("报名通知!", body=f"身份证号{ID}，要再接再励。\n", id=3)
    problems = check_article(article, SETTINGS)
    panel = ProblemsPanel()
    panel.set_problems(problems, {problems[0].key: ""})
    panel.show_ignored.setChecked(True)
    words = WordListStore(store)
    words.add(WordEntry("劳模", "劳动模范", Severity.MINOR))
    dialog = WordListDialog(words)
    gate = ExportGateDialog([ArticleFindings(article, problems[1:])])
    stats = StatisticsPanel()
    stats.show_statistics(statistics(article))
    widgets = [panel, dialog, gate, stats]
    for widget in widgets:
        qtbot.addWidget(widget)

    row_texts = [panel.tree.topLevelItem(i).text(0) for i in range(3)]  # type: ignore[union-attr]
    severity = dialog.table.cellWidget(0, 2)
    Recorder.asked = []
    monkeypatch.setattr(dialogs, "QInputDialog", Recorder)
    monkeypatch.setattr(dialogs, "QFileDialog", Recorder)
    assert Dialogs.ask_ignore_reason(panel, problems[1]) is None
    assert Dialogs.choose_word_list_import(dialog) is None
    assert Dialogs.choose_word_list_export(dialog) is None
    texts = [
        *Recorder.asked,
        *row_texts,
        panel.tree.topLevelItem(0).toolTip(0),  # type: ignore[union-attr]
        *[t for w in widgets for t in shown_texts(w)],
        panel.summary.text(),
        kind_label(ProblemKind.GARBLED),
    ]
    if language == "zh_CN":
        assert row_texts == ["半角标点", "身份证号码", "常见错别字"]
        assert panel.summary.text() == "2 个严重问题，0 个一般问题（已忽略 1 个）"
        assert panel.fix_all_button.text() == "全部修正同类问题"
        assert dialog.windowTitle() == "本单位词表"
        assert severity is not None and severity.currentText() == "一般"  # type: ignore[attr-defined]
        assert gate.export_button.text() == "仍然导出" and gate.back_button.text() == "返回修改"
        assert stats.reading.text() == "约 1 分钟"
        assert Recorder.asked[0] == "忽略问题"
        assert Recorder.asked[2] == "导入词表"
        assert_no_english(texts, "proofreading widgets")
    else:
        assert row_texts == ["Half-width punctuation", "ID card number", "Common wrong form"]
        assert panel.summary.text() == "2 serious, 0 minor (1 ignored)"
        assert dialog.windowTitle() == "Office word list"
        assert gate.export_button.text() == "Export anyway"
        assert stats.reading.text() == "about 1 min"
