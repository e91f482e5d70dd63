"""Small helpers for the proofreading tests."""

from __future__ import annotations

from desktop.proofread import Field, Problem, ProofreadSettings, check_text

SETTINGS = ProofreadSettings()


def problems(
    text: str, field: Field = Field.BODY, settings: ProofreadSettings = SETTINGS
) -> list[Problem]:
    """Return the problems of one field's text."""
    return check_text(text, field, settings)


def spans(
    text: str, field: Field = Field.BODY, settings: ProofreadSettings = SETTINGS
) -> list[tuple[str, str, str | None]]:
    """Return (kind, flagged text, suggestion) for each problem."""
    return [(p.kind.value, p.text, p.suggestion) for p in problems(text, field, settings)]


def id_number(first17: str) -> str:
    """Return an 18-digit ID number with a correct check digit."""
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    total = sum(int(d) * w for d, w in zip(first17, weights, strict=True))
    return first17 + "10X98765432"[total % 11]


def luhn_number(prefix: str, length: int) -> str:
    """Return a card number of ``length`` digits starting with ``prefix`` that passes Luhn."""
    body = prefix + "0" * (length - len(prefix) - 1)
    for check in "0123456789":
        candidate = body + check
        total = 0
        for i, ch in enumerate(reversed(candidate)):
            v = int(ch) * (2 if i % 2 else 1)
            total += v - 9 if v > 9 else v
        if total % 10 == 0:
            return candidate
    raise AssertionError("unreachable")
