"""Simplified ⇄ traditional conversion of whole articles (OpenCC, offline)."""

from __future__ import annotations

from desktop.traditional import (
    Direction,
    Variant,
    convert_markdown,
    convert_text,
    to_simplified,
    to_traditional,
)
from tests.conftest import make_article


def test_variants() -> None:
    assert convert_text("软件和鼠标里的信息", Variant.TAIWAN) == "軟體和滑鼠裡的資訊"
    assert convert_text("头发发展", Variant.HONG_KONG) == "頭髮發展"
    assert convert_text("頭髮發展", direction=Direction.TO_SIMPLIFIED) == "头发发展"


def test_article_fields_and_body_convert_but_links_and_paths_stay() -> None:
    body = (
        "**一是抓学习。**全市工会[通知](https://www.example.org/工会/通知.html)发布。\n\n"
        '![会议现场](images/会议现场.jpg "会议现场")\n\n'
        '`代码里的汉字` 和 <span title="标题">红色</span>\n'
    )
    article = make_article(title="全市工会会议", summary="发展", keywords=["工会"], body=body)
    converted = to_traditional(article)
    assert converted.title == "全市工會會議"
    assert converted.keywords == ["工會"]
    assert converted.column == article.column  # pages find their column by name
    assert "https://www.example.org/工会/通知.html" in converted.body
    assert "images/會議現場.jpg" not in converted.body and "images/会议现场.jpg" in converted.body
    assert '![會議現場](images/会议现场.jpg "會議現場")' in converted.body
    assert "`代码里的汉字`" in converted.body and 'title="标题"' in converted.body
    assert "**一是抓學習。**全市工會[通知]" in converted.body
    assert to_simplified(converted).body == body


def test_url_in_a_plain_field_is_kept() -> None:
    text = "详见https://example.org/hui-yi/发展.html了解"
    assert convert_text(text) == "詳見https://example.org/hui-yi/發展.html瞭解"


def test_markdown_without_chinese_is_unchanged() -> None:
    assert convert_markdown("plain **text**") == "plain **text**"
