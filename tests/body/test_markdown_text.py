"""The checkable text of a Markdown body and the map from its characters back to the source."""

from __future__ import annotations

from desktop.body.markdown_text import ATOM, body_text


def test_syntax_is_left_out_and_offsets_point_into_the_source() -> None:
    source = "**一是抓学习。**会议要求,见[通知](https://www.example.cn/a.html)。\n"
    text = body_text(source)
    assert text.body.text == "一是抓学习。会议要求,见通知。\n"
    comma = text.body.text.index(",")
    start, end, verbatim = text.body.source_span(comma, comma + 1)
    assert source[start:end] == "," and verbatim
    link = source.index("](")
    assert any(start <= link < end for start, end in text.protected)  # the link target


def test_pictures_urls_and_code_are_atoms_and_captions_come_apart() -> None:
    source = '![职工合影](media/a.jpg "会后合影") 访问 https://www.example.cn/ 或 `代码`\n'
    text = body_text(source)
    assert text.body.text == f"{ATOM} 访问 {ATOM} 或 {ATOM}\n"
    assert [caption.text for caption in text.captions] == ["职工合影", "会后合影"]
    first = text.captions[1]
    assert source[first.base : first.base + len(first.text)] == "会后合影"
