"""What the problems list shows of a hidden character: its code point, named in the language."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from desktop.gui.i18n import install_translators, remove_translators
from desktop.gui.proofread_labels import field_label, kind_label, shown_text
from desktop.proofread import Field, ProblemKind


def test_a_hidden_character_is_shown_by_its_code_point() -> None:
    assert shown_text("标题\u202e反向\ue000") == "标题<U+202E>反向<U+E000>"
    assert shown_text("\t") == "<U+0009>"
    assert shown_text("第一 段") == "第一␣段"


def test_the_kind_and_the_declared_field_labels_speak_chinese(qtbot) -> None:
    app = QApplication.instance()
    assert app is not None
    translators = install_translators(app, "zh_CN")
    try:
        assert kind_label(ProblemKind.HIDDEN_CHARACTER) == "隐藏字符"
        names = {which: field_label(which) for which in Field}
    finally:
        remove_translators(app, translators)
    assert names[Field.TITLE] == "标题" and names[Field.BODY] == "正文"
    assert names[Field.CAPTION] == "图片说明"
    assert not any(name.isascii() for name in names.values())
