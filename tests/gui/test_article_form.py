"""The article form: it edits every declared field but the body and keeps single lines clean."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QGuiApplication, QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLineEdit

from desktop.article import (
    EDITED_FIELDS,
    PROOFREAD_FIELDS,
    Article,
    Attachment,
    FieldKind,
    Status,
)
from desktop.gui.article_form import ArticleForm
from desktop.gui.i18n import install_translators, remove_translators
from desktop.gui.labels import field_label
from tests.conftest import make_article


@pytest.fixture
def form(qtbot) -> ArticleForm:
    widget = ArticleForm()
    qtbot.addWidget(widget)
    return widget


def full_article() -> Article:
    return make_article(
        kicker="凝心聚力",
        subtitle="——2024年上半年工作综述",
        summary="上半年全市各级工会",
        keywords=["工会", "服务站点"],
        cover="media/cover.jpg",
        status=Status.REVIEW,
        published_at=dt.datetime(2026, 5, 6, 9, 30),
    )


#: Fields the form does not show: the body has the editor, attachments their own commands.
NOT_IN_FORM = (FieldKind.MARKDOWN, FieldKind.ATTACHMENTS)


@pytest.mark.parametrize("name", [s.name for s in EDITED_FIELDS if s.kind not in NOT_IN_FORM])
def test_the_form_round_trips_every_declared_field_but_the_body(
    form: ArticleForm, name: str
) -> None:
    article = full_article()
    form.set_choices(["工会动态"], [], [])
    form.set_article(article)
    assert name in form.values()
    assert getattr(form.apply_to(Article(title="旧标题")), name) == getattr(article, name)


def test_the_form_keeps_the_articles_attachments(form: ArticleForm) -> None:
    attached = [Attachment(digest="ab" * 32, name="报名表.docx", kind="docx", size=12_345)]
    article = replace(full_article(), attachments=attached)
    form.set_choices(["工会动态"], [], [])
    form.set_article(article)
    form.title_edit.setText("改过的标题")
    edited = form.apply_to(article)
    assert edited.title == "改过的标题" and edited.attachments == attached


def test_typing_or_pasting_hidden_characters_into_a_line_keeps_them_out(
    form: ArticleForm, qtbot
) -> None:
    form.set_article(Article(title="市总工会"))
    changes: list[bool] = []
    form.changed.connect(lambda: changes.append(True))
    form.title_edit.setFocus()
    form.title_edit.end(False)
    QGuiApplication.clipboard().setText("召开\u202e全委\ue000会议\r\n第二行")
    form.title_edit.paste()
    assert form.title_edit.text() == "市总工会召开全委会议 第二行"
    assert form.title_edit.cursorPosition() == len("市总工会召开全委会议 第二行")
    assert changes
    # An input method commits what it composed, hidden characters and all.
    typed = QInputMethodEvent()
    typed.setCommitString("\u200b好")
    QApplication.sendEvent(form.title_edit, typed)
    assert form.title_edit.text() == "市总工会召开全委会议 第二行好"
    author = form.author.lineEdit()
    assert author is not None
    author.insert("组宣部\ue000")
    author.textEdited.emit(author.text())  # what typing into the combo emits
    assert form.author.currentText() == "组宣部"


def test_the_summary_takes_pasted_lines_as_one_and_ignores_enter(form: ArticleForm, qtbot) -> None:
    form.set_article(Article(title="标题", summary="上半年"))
    cursor = form.summary.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    form.summary.setTextCursor(cursor)
    data = QMimeData()
    data.setText("全市\n各级\ue000工会")
    form.summary.insertFromMimeData(data)
    qtbot.keyClick(form.summary, Qt.Key.Key_Return)
    assert form.summary.toPlainText() == "上半年全市 各级工会"


def test_apply_to_cleans_what_the_form_holds(form: ArticleForm) -> None:
    form.set_article(Article(title="标题\u200b", keywords=["工会\u202e", "\ue000"]))
    applied = form.apply_to(Article(title="x"))
    assert (applied.title, applied.keywords) == ("标题", ["工会"])


def test_every_declared_label_is_translated(qtbot) -> None:
    app = QApplication.instance()
    assert app is not None
    translators = install_translators(app, "zh_CN")
    try:
        labels = {s.name: field_label(s) for s in EDITED_FIELDS}
    finally:
        remove_translators(app, translators)
    assert labels["title"] == "标题" and labels["cover"] == "标题图"
    untranslated = [name for name, text in labels.items() if text.isascii()]
    assert untranslated == []
    english = {s.name: field_label(s) for s in EDITED_FIELDS}
    assert english == {s.name: s.label for s in EDITED_FIELDS}


def test_every_proofread_field_but_the_body_has_a_box_to_fix_it_in(form: ArticleForm) -> None:
    form.set_article(full_article())
    for spec in PROOFREAD_FIELDS:
        edit = form.edit_for(spec.name)
        if spec.kind is FieldKind.MARKDOWN:
            assert edit is None  # the body is the editor's
        else:
            assert edit is not None
            shown = edit.text() if isinstance(edit, QLineEdit) else edit.toPlainText()
            assert shown == getattr(full_article(), spec.name)
