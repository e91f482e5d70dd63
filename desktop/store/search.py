"""The Chinese substring search index: one token per Chinese character, matched as phrases.

SQLite's FTS5 with the ``unicode61`` tokenizer sees a run of Chinese characters as one word,
and the trigram tokenizer cannot answer queries shorter than three characters. We therefore
index a copy of the text in which every CJK character, full-width punctuation mark and digit
stands alone as a token; a query is the same transformation of the search text, matched as a
phrase, so any substring of one or more characters is found. The index's rowid encodes the
publication time followed by the article id, so ``ORDER BY rowid DESC LIMIT n`` walks the
posting lists newest first and stops after n hits instead of sorting every match.
"""

from __future__ import annotations

import re

#: rowid = publication time (epoch seconds) * ID_SPAN + article id; ids stay below ID_SPAN.
ID_SPAN = 10_000_000

#: Full-width and CJK punctuation kept as tokens, so a phrase never matches across a comma.
PUNCTUATION_TOKENS = "，。、；：？！“”‘’（）《》〈〉【】「」『』〔〕—…·～％＃＠"

# Characters that become single tokens: CJK (ideographs, kana, hangul, compatibility forms),
# full-width forms, the punctuation above and ASCII digits.
_SINGLE = re.compile(
    "([\u2e80-\u2fdf\u3000-\u9fff\ua960-\ua97f\uac00-\ud7ff\uf900-\ufaff\ufe30-\ufe4f"
    "\uff00-\uffef\U00020000-\U0003134f0-9" + re.escape(PUNCTUATION_TOKENS) + "])"
)
_HAS_TOKEN = re.compile(r"\w", re.UNICODE)

TOKENIZER = "unicode61 remove_diacritics 2 tokenchars '" + PUNCTUATION_TOKENS + "'"


def index_text(text: str | None) -> str:
    """Return the text as the index stores it: CJK characters and digits spaced apart."""
    if not text:
        return ""
    return _SINGLE.sub(r" \1 ", text)


def match_expression(query: str) -> str | None:
    """Turn what a user typed into an FTS5 phrase query, or None when nothing can match."""
    query = query.strip()
    if not query or not (_HAS_TOKEN.search(query) or any(c in PUNCTUATION_TOKENS for c in query)):
        return None
    phrase = " ".join(index_text(query).split())
    expression = '"' + phrase.replace('"', '""') + '"'
    # A Latin word at the end is probably still being typed: match it as a prefix.
    if query[-1].isascii() and query[-1].isalpha():
        expression += " *"
    return expression
