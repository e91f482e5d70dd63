"""Character classes of Chinese text shared by the checks (regular-expression fragments)."""

from __future__ import annotations

#: Han ideographs (BMP blocks and the supplementary planes), as a character-class body.
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"

#: Full-width punctuation of Chinese text, as a character-class body.
FULL_PUNCT = "，。、；：？！“”‘’（）《》〈〉【】〔〕「」『』—…·"


def has_han(text: str) -> bool:
    """Return whether ``text`` contains at least one Han character."""
    return any(
        "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or ch >= "\U00020000"
        for ch in text
    )
