"""Dialogs open no larger than the screen leaves room for (a 1366×768 laptop, say).

A dialog asks for a comfortable size; on a small screen it gets the screen's available
height (the taskbar left out) less its own title bar, and its lists and text areas scroll.
"""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

#: What a window's title bar and frame take above and around its contents.
TITLE_BAR = 32


def available_room(widget: QWidget) -> QRect | None:
    """The part of the widget's screen a window may use (without the taskbar), if known."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else None


def fit_to_screen(dialog: QWidget, width: int, height: int) -> None:
    """Resize ``dialog`` to ``width``×``height``, or less where the screen is smaller."""
    room = available_room(dialog)
    if room is not None:
        width = min(width, room.width())
        height = min(height, room.height() - TITLE_BAR)
    # Never below what its layout needs: a dialog that cannot shrink that far has to be
    # made shorter itself (fewer rows, a scroll area).
    hint = dialog.minimumSizeHint()
    dialog.resize(max(width, hint.width()), max(height, hint.height()))
