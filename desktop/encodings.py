"""Which encoding a Chinese text file was saved in: UTF-8/16, GB18030 (GBK), Big5, Big5-HKSCS.

Big5 bytes nearly always decode as GBK without an error, and GB2312 bytes often decode as
Big5, so "it decodes" proves nothing. Each candidate's text is judged by how Chinese it
reads: the share of its Han characters that are everyday characters of the script it is
written in (GB2312's first level for simplified text, Big5's frequent characters for
traditional text); real text scores above 0.9, a wrong decoding far lower. charset-normalizer
(a maintained detector) adds its own guess for text that is not Chinese at all. When two
candidates read plausibly and differ, the caller is told the candidates instead of a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Names the command line and the window accept, with what they are called in messages.
ENCODING_LABELS = {
    "utf-8": "UTF-8",
    "utf-16": "UTF-16",
    "gb18030": "GB18030 (GBK, GB2312)",
    "big5": "Big5",
    "big5hkscs": "Big5-HKSCS",
}
_CHINESE_CANDIDATES = ("gb18030", "big5", "big5hkscs")
#: A decoding reads as Chinese from this score up (real text: 0.93–1.0, wrong: under 0.7).
PLAUSIBLE = 0.85
#: Fewer Han characters than this say too little to choose between GB18030 and Big5.
MIN_HAN = 8
_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_SAMPLE_CHARS = 20_000
_DETECT_BYTES = 64 * 1024


class EncodingUnclear(ValueError):
    """The text reads plausibly in more than one encoding (or in none): the user chooses."""

    def __init__(self, candidates: tuple[str, ...], samples: dict[str, str]) -> None:
        names = ", ".join(ENCODING_LABELS.get(c, c) for c in candidates) or "none found"
        super().__init__(f"its encoding is unclear (it could be {names})")
        self.candidates = candidates
        self.samples = samples


def _everyday_simplified(char: str) -> bool:
    try:
        code = char.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return 0xB0 <= code[0] <= 0xD7  # GB2312 level 1: the 3,755 most used characters


def _everyday_traditional(char: str) -> bool:
    try:
        code = char.encode("big5")
    except UnicodeEncodeError:
        return False
    return len(code) == 2 and (code[0], code[1]) <= (0xC6, 0x7E) and code[0] >= 0xA4


def plausibility(text: str) -> float:
    """How much the text reads as Chinese: the share of everyday characters among its Han ones.

    Text with no Han characters scores 1.0 (nothing speaks against it).
    """
    han = _HAN.findall(text[:_SAMPLE_CHARS])
    if not han:
        return 1.0
    simplified = sum(map(_everyday_simplified, han))
    traditional = sum(map(_everyday_traditional, han))
    weird = len(re.findall("[\ue000-\uf8ff\u3040-\u30ff\uac00-\ud7af]", text[:_SAMPLE_CHARS]))
    return max(simplified, traditional) / (len(han) + weird)


@dataclass(frozen=True)
class Decoded:
    """A text file's text and the encoding it was read in."""

    text: str
    encoding: str


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def decode_chinese(data: bytes, encoding: str | None = None) -> Decoded:
    """Decode a text file saved by a Chinese tool; EncodingUnclear when it cannot tell.

    encoding: the user's choice, used as it is (UnicodeDecodeError if the bytes do not fit).
    """
    if encoding is not None:
        return Decoded(data.decode(encoding), encoding)
    if data.startswith(b"\xef\xbb\xbf"):
        return Decoded(data[3:].decode("utf-8"), "utf-8")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return Decoded(data.decode("utf-16"), "utf-16")
    if b"\x00" in data:
        start = data.index(b"\x00")
        raise UnicodeDecodeError("utf-8", data, start, start + 1, "binary data (NUL byte)")
    utf8 = _strict(data, "utf-8")
    if utf8 is not None:
        return Decoded(utf8, "utf-8")
    readings: dict[str, str] = {}
    for name in _CHINESE_CANDIDATES:
        text = _strict(data, name)
        # Big5-HKSCS is a superset of Big5: the same text is one candidate, named Big5.
        if text is not None and text not in readings.values():
            readings[name] = text
    scores = {name: plausibility(text) for name, text in readings.items()}
    plausible = [name for name in readings if scores[name] >= PLAUSIBLE]
    if len(plausible) == 1:
        return Decoded(readings[plausible[0]], plausible[0])
    han = max((len(_HAN.findall(t[:_SAMPLE_CHARS])) for t in readings.values()), default=0)
    if len(plausible) > 1 and han >= MIN_HAN:
        best = max(plausible, key=lambda name: scores[name])
        others = [scores[name] for name in plausible if name != best]
        if scores[best] - max(others) >= 0.1:
            return Decoded(readings[best], best)
    if not readings or (not plausible and han >= MIN_HAN):
        # Imported here: charset_normalizer costs every command's start-up a few hundredths.
        from charset_normalizer import from_bytes

        guess = from_bytes(data[:_DETECT_BYTES]).best()
        if guess is not None and guess.encoding not in readings:
            text = _strict(data, guess.encoding)
            if text is not None:
                readings[guess.encoding] = text
    if not readings:
        raise UnicodeDecodeError("utf-8", data, 0, len(data), "no encoding fits")
    candidates = tuple(plausible) or tuple(readings)
    if len(candidates) == 1 and han < MIN_HAN and candidates[0] == "gb18030":
        return Decoded(readings["gb18030"], "gb18030")  # a few characters: the usual choice
    raise EncodingUnclear(candidates, {name: readings[name][:80] for name in candidates})
