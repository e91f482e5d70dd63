"""Inline ``style`` attributes read declaration by declaration with a real CSS parser.

A pattern search for ``font-weight:normal`` also matches Word's
``mso-bidi-font-weight:normal`` (a property for right-to-left scripts that Word writes on
nearly every bold run), and so dropped most of Word's bold; parsing the declarations means
only the property itself decides.
"""

from __future__ import annotations

from dataclasses import dataclass

import tinycss2


@dataclass(frozen=True)
class InlineStyle:
    """What a style attribute says about emphasis: None leaves the surrounding style as it is."""

    bold: bool | None = None
    italic: bool | None = None
    strike: bool = False


def declarations(style: str) -> dict[str, str]:
    """The style's declarations, property (lower case) to value; the last one of each wins."""
    found: dict[str, str] = {}
    for item in tinycss2.parse_blocks_contents(style, skip_comments=True, skip_whitespace=True):
        if item.type == "declaration":
            found[item.lower_name] = tinycss2.serialize(item.value).strip().lower()
    return found


def _weight(value: str) -> bool | None:
    value = value.replace("!important", "").strip()
    if value in ("bold", "bolder"):
        return True
    if value in ("normal", "lighter"):
        return False
    try:
        number = float(value)
    except ValueError:
        return None  # inherit, initial, a typo: says nothing
    return number >= 600


def _font_style(value: str) -> bool | None:
    value = value.replace("!important", "").strip()
    if value.startswith(("italic", "oblique")):
        return True
    if value == "normal":
        return False
    return None


def read_inline_style(style: str) -> InlineStyle:
    """Read bold, italic and strikethrough from an inline style attribute."""
    if not style:
        return InlineStyle()
    found = declarations(style)
    bold = _weight(found["font-weight"]) if "font-weight" in found else None
    italic = _font_style(found["font-style"]) if "font-style" in found else None
    decoration = found.get("text-decoration-line", "") + " " + found.get("text-decoration", "")
    return InlineStyle(bold=bold, italic=italic, strike="line-through" in decoration)
