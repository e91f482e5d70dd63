"""Bold and italic from inline styles: Word's mso-bidi-* properties never decide them."""

from __future__ import annotations

import pytest

from desktop.body.inline_style import InlineStyle, declarations, read_inline_style
from desktop.importing import html_to_markdown


def test_words_bold_and_italic_runs_survive_the_paste() -> None:
    # What Word writes for a bold lead-in and an italic word (issue 11: these were lost).
    html = (
        "<p class=MsoNormal><b style='mso-bidi-font-weight:normal'><span lang=ZH-CN "
        "style='font-family:宋体;mso-ascii-font-family:Calibri'>一是抓学习。</span></b>"
        "<span lang=ZH-CN>会议要求，</span><i style='mso-bidi-font-style:normal'>"
        "<span lang=ZH-CN>全市</span></i><span lang=ZH-CN>各级工会。</span></p>"
    )
    assert html_to_markdown(html) == "**一是抓学习。**会议要求，*全市*各级工会。\n"


@pytest.mark.parametrize(
    ("html", "markdown"),
    [
        ("<span style='font-weight:700'>粗</span>文", "**粗**文"),
        ("<span style='font-weight: 600 !important'>粗</span>文", "**粗**文"),
        ("<span style='FONT-WEIGHT:bolder'>粗</span>文", "**粗**文"),
        ("<b style='font-weight:normal'>不粗</b>文", "不粗文"),
        ("<strong style='font-weight:400'>不粗</strong>文", "不粗文"),
        ("<b style='font-weight:bold;font-weight:300'>不粗</b>文", "不粗文"),
        ("<b style='font-weight:inherit'>粗</b>文", "**粗**文"),
        ("<i style='font-style:normal'>不斜</i>文", "不斜文"),
        ("<em style='mso-bidi-font-style:italic;font-style:normal'>不斜</em>文", "不斜文"),
        ("<span style='font-style:oblique 10deg'>斜</span>文", "*斜*文"),
        ("<span style='/* font-weight:bold */ color:red'>正</span>文", "正文"),
        ("<span style='x-font-weight:bold'>正</span>文", "正文"),
        ("<span style='text-decoration:underline line-through'>删</span>文", "~~删~~文"),
    ],
)
def test_each_declaration_is_read_as_itself(html: str, markdown: str) -> None:
    assert html_to_markdown(f"<p>{html}</p>") == markdown + "\n"


def test_declarations_are_parsed_not_searched() -> None:
    style = "mso-bidi-font-weight:normal; Font-Weight : BOLD ;color:red;;broken"
    assert declarations(style) == {
        "mso-bidi-font-weight": "normal",
        "font-weight": "bold",
        "color": "red",
    }
    assert read_inline_style(style) == InlineStyle(bold=True)
    assert read_inline_style("mso-bidi-font-weight:normal") == InlineStyle()
    assert read_inline_style("") == InlineStyle()
