"""字数, paragraphs, pictures and reading time."""

from __future__ import annotations

from desktop.proofread import statistics
from desktop.proofread.statistics import CHARACTERS_PER_MINUTE
from tests.conftest import make_article


def test_counts_the_rendered_text_not_the_markdown() -> None:
    body = (
        "**一是抓学习。**会议要求全市。\n\n"
        "访问[通知](https://www.example.org/a.html)了解 Newsroom app。\n\n"
        "![会议现场](images/a.jpg)\n\n- 第一项\n- 第二项\n"
    )
    stats = statistics(make_article(body=body))
    # 一是抓学习 会议要求全市 访问通知了解 第一项 第二项 = 5+6+6+3+3 Chinese; Newsroom app = 2
    assert stats.chinese_characters == 23
    assert stats.latin_words == 2
    assert stats.words == 25
    assert stats.paragraphs == 4
    assert stats.pictures == 1
    assert stats.reading_minutes == 1


def test_reading_time_rounds_up_at_400_a_minute() -> None:
    body = "工" * (CHARACTERS_PER_MINUTE + 1) + "\n"
    assert statistics(make_article(body=body)).reading_minutes == 2
    assert statistics(make_article(body="")).reading_minutes == 0


def test_every_cell_of_a_long_table_with_text_counts_as_a_paragraph() -> None:
    header = "| 序号 | 姓名 | 照片 |\n| --- | --- | --- |\n"
    rows = "\n".join(
        f"| {i} | {'' if i % 10 == 0 else f'职工{i}号'} | ![照片](media/{i}.jpg) |"
        for i in range(1, 2001)
    )
    stats = statistics(make_article(body="名册如下。\n\n" + header + rows + "\n"))
    # 3 header cells, 2,000 numbers, 1,800 names (every tenth is empty); photos only: none.
    assert stats.paragraphs == 1 + 3 + 2000 + 1800
    assert stats.pictures == 2000
