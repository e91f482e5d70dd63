"""字数: what a Chinese editor would count."""

from __future__ import annotations

import pytest

from desktop.wordcount import count_words


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", 0),
        ("工会", 2),
        ("全市各级工会，突破300个服务站点。", 14),  # 13 characters and one number
        ("“凝心聚力”。", 4),
        ("开展 Workshop 培训", 5),
        ("3.5万名职工", 5),  # 3.5 is one number
        ("AI-based tools", 2),
        ("——……，。；：", 0),
        ("ＡＢＣ１２３", 1),
    ],
)
def test_count_words(text: str, expected: int) -> None:
    assert count_words(text) == expected
