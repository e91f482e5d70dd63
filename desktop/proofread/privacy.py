"""Personal data and secrecy marks that must not reach a public website."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from desktop.proofread.cjk import HAN
from desktop.proofread.problem import Finding, ProblemKind, Severity

_SERIOUS, _MINOR = Severity.SERIOUS, Severity.MINOR

_DATE = r"(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])"
_ID_18 = re.compile(
    rf"(?<![0-9A-Za-z])[1-9]\d{{5}}(?:18|19|20)\d{{2}}{_DATE}\d{{3}}[0-9Xx](?![0-9A-Za-z])"
)
_ID_15 = re.compile(rf"(?<![0-9A-Za-z])[1-9]\d{{5}}\d{{2}}{_DATE}\d{{3}}(?![0-9A-Za-z])")
# Province codes: the first two digits of every mainland ID number.
_PROVINCES = frozenset(
    str(code)
    for code in (
        *range(11, 16),
        *range(21, 24),
        *range(31, 38),
        *range(41, 47),
        *range(50, 55),
        *range(61, 66),
    )
)
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"

_SEP = r"[ \-]?"
_MOBILE = re.compile(rf"(?<![\d.])(?:\+?86[ \-]?)?1[3-9]\d{_SEP}\d{{4}}{_SEP}\d{{4}}(?![\d.])")
_LANDLINE = re.compile(
    r"(?<![\d.\-])(?:\(0\d{2,3}\)|（0\d{2,3}）|0\d{2,3}[\-－ ]?)[2-9]\d{6,7}"
    r"(?:(?:转|-|－|ext\.?)\d{1,5})?(?![\d.])"
)
_LANDLINE_LOOSE = re.compile(r"(?<![\d.\-])0\d{2,3}[\-－]\d{7,8}(?![\d.])")
_CARD = re.compile(r"(?<![\d.\-])[3-6]\d{3}(?:[ \-]?\d{4}){3}(?:[ \-]?\d{1,3})?(?![\d.\-])")

_SECRET_SERIOUS = re.compile(
    "(?:秘密|机密|绝密)[★*]|★(?:秘密|机密|绝密)|绝密|机密(?!性)|内部资料|内部传阅|内部文件"
    "|内部刊物|不得外传|请勿外传|严禁外传|涉密文件"
)
_SECRET_MINOR = re.compile("(?<!商业)(?<!国家)秘密|涉密|内部使用|仅供内部")
_SECRET_EXCUSED = re.compile("商业机密")


def _id_checksum_ok(number: str) -> bool:
    total = sum(int(d) * w for d, w in zip(number[:17], _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11] == number[17].upper()


def _luhn_ok(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def _digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit())


def check_privacy(text: str, published_phones: Iterable[str] = ()) -> Iterator[Finding]:
    """Yield ID-card, phone and bank-card numbers, and marks of internal or secret papers."""
    if any(c.isdigit() for c in text):
        yield from _numbers(text, {_digits(p) for p in published_phones if _digits(p)})
    if re.search(f"[{HAN}]", text):
        yield from _secrets(text)


def _numbers(text: str, published: set[str]) -> Iterator[Finding]:
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    for match in _ID_18.finditer(text):
        number = match.group()
        if number[:2] in _PROVINCES and _id_checksum_ok(number):
            taken.append(match.span())
            yield Finding(
                ProblemKind.ID_NUMBER,
                _SERIOUS,
                *match.span(),
                "Looks like a citizen ID card number",
                None,
            )
    for match in _ID_15.finditer(text):
        if match.group()[:2] in _PROVINCES and free(*match.span()):
            taken.append(match.span())
            yield Finding(
                ProblemKind.ID_NUMBER,
                _SERIOUS,
                *match.span(),
                "Looks like an old 15-digit citizen ID card number",
                None,
            )
    for match in _CARD.finditer(text):
        digits = _digits(match.group())
        if 16 <= len(digits) <= 19 and free(*match.span()) and _luhn_ok(digits):
            taken.append(match.span())
            yield Finding(
                ProblemKind.BANK_CARD,
                _SERIOUS,
                *match.span(),
                "Looks like a bank card number",
                None,
            )
    for match in _MOBILE.finditer(text):
        digits = _digits(match.group())
        if digits.startswith("86") and len(digits) == 13:
            digits = digits[2:]
        if free(*match.span()) and digits not in published:
            taken.append(match.span())
            yield Finding(
                ProblemKind.PHONE,
                _SERIOUS,
                *match.span(),
                "A mobile phone number that is not one of the site's published numbers",
                None,
            )
    for pattern in (_LANDLINE, _LANDLINE_LOOSE):
        for match in pattern.finditer(text):
            digits = _digits(match.group())
            if free(*match.span()) and not any(
                digits.startswith(p) or p.startswith(digits) for p in published
            ):
                taken.append(match.span())
                yield Finding(
                    ProblemKind.PHONE,
                    _MINOR,
                    *match.span(),
                    "A telephone number that is not one of the site's published numbers",
                    None,
                )


def _secrets(text: str) -> Iterator[Finding]:
    excused = [m.span() for m in _SECRET_EXCUSED.finditer(text)]
    for pattern, severity in ((_SECRET_SERIOUS, _SERIOUS), (_SECRET_MINOR, _MINOR)):
        for match in pattern.finditer(text):
            if any(s <= match.start() < e for s, e in excused):
                continue
            yield Finding(
                ProblemKind.SECRET_MARK,
                severity,
                *match.span(),
                f"{match.group()!r} marks an internal or secret document",
                None,
            )
