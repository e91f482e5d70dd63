"""字数 as Chinese editors count it: characters of Chinese text, words of Latin text."""

from __future__ import annotations

import re

_CJK = (
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"  # ideographs
    "\u3040-\u30ff\uac00-\ud7af"  # kana and hangul, counted like Chinese characters
)
_TOKEN = re.compile(
    f"[{_CJK}]|[A-Za-z0-9\u00c0-\u024f\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]+"
    "(?:[.'’-][A-Za-z0-9\u00c0-\u024f]+)*"
)


#: Long texts are counted a piece of about this many characters at a time, each cut at a line
#: end (no word spans one): one pass over 300,000 characters would hold Python's lock for tens
#: of milliseconds, while the window's thread waits for it.
PIECE_CHARS = 20_000


def count_words(text: str) -> int:
    """Count Chinese characters one each and Latin words or numbers one each; skip punctuation."""
    total, start = 0, 0
    while start < len(text):
        end = text.find("\n", start + PIECE_CHARS)
        end = len(text) if end < 0 else end + 1
        total += _TOKEN.subn("", text[start:end])[1]
        start = end
    return total
