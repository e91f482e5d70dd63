"""The Qt binding the app runs on must not leak or drop Python references on ordinary calls."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLineEdit


def test_void_calls_keep_none_alive(qtbot) -> None:
    """PySide6 6.12.0 on Python 3.11 drops a reference to None per call and then aborts."""
    edit = QLineEdit()
    qtbot.addWidget(edit)
    before = sys.getrefcount(None)
    for _ in range(2000):
        edit.setText("工会")
    assert sys.getrefcount(None) >= before - 50
