"""Simplified ⇄ traditional Chinese for the 繁體 edition, with OpenCC (no network needed).

Every text field and the Markdown body are converted; URLs, image paths, code, HTML tags and
link targets are left exactly as they are, so links and pictures keep working. The column
name is left alone too because pages find their column by name: convert it for display with
``convert_text``.
"""

from __future__ import annotations

import dataclasses
import re
import threading
from enum import Enum
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import opencc

from desktop.article import CONVERTED_FIELDS, Article, FieldKind


class Variant(str, Enum):
    """Which traditional Chinese: the OpenCC configuration for each direction."""

    TAIWAN = "tw"  # s2twp: Taiwan characters and phrases (软件 → 軟體)
    HONG_KONG = "hk"  # s2hk: Hong Kong characters
    STANDARD = "t"  # s2t: OpenCC standard traditional characters, no phrase changes

    @property
    def to_traditional(self) -> str:
        """Return the OpenCC configuration from simplified to this variant."""
        return {"tw": "s2twp", "hk": "s2hk", "t": "s2t"}[self.value]

    @property
    def to_simplified(self) -> str:
        """Return the OpenCC configuration from this variant back to simplified."""
        return {"tw": "tw2sp", "hk": "hk2s", "t": "t2s"}[self.value]


class Direction(str, Enum):
    """Which way to convert."""

    TO_TRADITIONAL = "s2t"
    TO_SIMPLIFIED = "t2s"


# OpenCC converters are not documented as thread-safe; keep one per thread and config.
_local = threading.local()
_SEPARATOR = "\ue000"  # a private-use character OpenCC passes through untouched
_URL = re.compile(r"(?:https?://|ftp://|www\.)[^\s<>\"“”‘’，。；！？（）【】、\u3400-\u9fff]+")


@cache
def _config_name(variant: Variant, direction: Direction) -> str:
    return (
        variant.to_traditional if direction is Direction.TO_TRADITIONAL else variant.to_simplified
    )


def _converter(config: str) -> opencc.OpenCC:
    # OpenCC and the body reader load with the first conversion, not with every command that
    # only names an edition (an export with nothing to render).
    import opencc

    converters: dict[str, opencc.OpenCC] = _local.__dict__.setdefault("converters", {})
    if config not in converters:
        converters[config] = opencc.OpenCC(config)
    return converters[config]


def _convert_pieces(text: str, protected: list[tuple[int, int]], config: str) -> str:
    """Convert ``text`` except the protected spans, in one call to OpenCC."""
    pieces: list[str] = []
    kept: list[str] = []
    pos = 0
    for start, end in sorted(protected):
        if start < pos:
            continue
        pieces.append(text[pos:start])
        kept.append(text[start:end])
        pos = end
    pieces.append(text[pos:])
    converted = _converter(config).convert(_SEPARATOR.join(pieces)).split(_SEPARATOR)
    if len(converted) != len(pieces):  # a separator was typed into the text itself
        converted = [_converter(config).convert(p) for p in pieces]
    out = [converted[0]]
    for keep, piece in zip(kept, converted[1:], strict=True):
        out += [keep, piece]
    return "".join(out)


def convert_text(
    text: str, variant: Variant = Variant.TAIWAN, direction: Direction = Direction.TO_TRADITIONAL
) -> str:
    """Convert plain text (a title, a column name), leaving any URL in it unchanged."""
    if not text or text.isascii():
        return text
    protected = [m.span() for m in _URL.finditer(text)]
    return _convert_pieces(text, protected, _config_name(variant, direction))


#: Character-only configurations: no phrase changes, for the site's own fixed labels.
_CHARACTERS_ONLY = {"tw": "s2tw", "hk": "s2hk", "t": "s2t"}


def convert_characters(text: str, variant: Variant = Variant.TAIWAN) -> str:
    """Convert simplified text character by character, without the variant's phrase changes.

    For the pages' own labels: Taiwan phrasing turns 发布时间 into 釋出時間 (a software
    "release") and 点击量 into 點選量, which no news site says; character conversion gives
    發佈時間 and 點擊量, as the 繁體 editions of mainland sites show them.
    """
    if not text or text.isascii():
        return text
    return _converter(_CHARACTERS_ONLY[variant.value]).convert(text)


def convert_markdown(
    text: str, variant: Variant = Variant.TAIWAN, direction: Direction = Direction.TO_TRADITIONAL
) -> str:
    """Convert a Markdown body, leaving URLs, paths, code and HTML tags unchanged."""
    if not text or text.isascii():
        return text
    from desktop.body.markdown_text import body_text

    return _convert_pieces(text, body_text(text).protected, _config_name(variant, direction))


def convert_article(
    article: Article,
    variant: Variant = Variant.TAIWAN,
    direction: Direction = Direction.TO_TRADITIONAL,
) -> Article:
    """Return a copy of the article with every converted field and the body converted."""
    changes: dict[str, Any] = {}
    for spec in CONVERTED_FIELDS:
        value = getattr(article, spec.name)
        if spec.kind is FieldKind.MARKDOWN:
            changes[spec.name] = convert_markdown(value, variant, direction)
        elif spec.kind is FieldKind.KEYWORDS:
            changes[spec.name] = [convert_text(k, variant, direction) for k in value]
        else:
            changes[spec.name] = convert_text(value, variant, direction)
    return dataclasses.replace(article, **changes)


def to_traditional(article: Article, variant: Variant = Variant.TAIWAN) -> Article:
    """Return the article in traditional Chinese (the 繁體 edition)."""
    return convert_article(article, variant, Direction.TO_TRADITIONAL)


def to_simplified(article: Article, variant: Variant = Variant.TAIWAN) -> Article:
    """Return the article converted from traditional back to simplified Chinese."""
    return convert_article(article, variant, Direction.TO_SIMPLIFIED)
