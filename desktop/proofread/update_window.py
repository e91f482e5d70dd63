"""A column's update window in the units offices think in: days, weeks or months.

The self-check stores and compares days (``column_window``); the site settings dialog shows
the same number as 2 weeks or 6 months. A month is a twelfth of a year (365.25 days), so
6 months is the notice columns' 183 days and 12 months 365.
"""

from __future__ import annotations

from enum import Enum

#: Longest window, in days (ten years), as the self-check window allows.
MAX_DAYS = 3660
_YEAR_DAYS = 365.25


class WindowUnit(str, Enum):
    """The unit an update window is shown and typed in."""

    DAYS = "days"
    WEEKS = "weeks"
    MONTHS = "months"


def to_days(amount: int, unit: WindowUnit) -> int:
    """Return ``amount`` of ``unit`` in days (at least one)."""
    if unit is WindowUnit.WEEKS:
        days = amount * 7
    elif unit is WindowUnit.MONTHS:
        days = round(amount * _YEAR_DAYS / 12)
    else:
        days = amount
    return max(1, days)


def in_units(days: int) -> tuple[int, WindowUnit]:
    """Return ``days`` in the largest unit that says it exactly: 183 → 6 months, 14 → 2 weeks."""
    months = round(days * 12 / _YEAR_DAYS)
    if months >= 1 and to_days(months, WindowUnit.MONTHS) == days:
        return months, WindowUnit.MONTHS
    if days % 7 == 0:
        return days // 7, WindowUnit.WEEKS
    return days, WindowUnit.DAYS
