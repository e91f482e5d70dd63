"""The window shows the core's messages in its own language: a refused Word file in Chinese."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication

from desktop.gui.i18n import install_translators, remove_translators
from desktop.gui.import_dialog import ImportRunner, report_text
from desktop.store import Store


@pytest.mark.parametrize(
    ("language", "reason"),
    [("zh_CN", "不是 Word .docx 文件（不是 zip 压缩包）"), ("en", "is not a Word .docx file")],
)
def test_an_import_report_gives_the_core_reason_in_the_window_language(
    qtbot, qapp: QApplication, store: Store, tmp_path: Path, language: str, reason: str
) -> None:
    # Four files or more are read in worker processes, which must speak the language too.
    for number in range(4):
        (tmp_path / f"通知{number}.docx").write_text("这不是Word文件", "utf-8")
    previous = QLocale()
    translators = install_translators(qapp, language)
    try:
        runner = ImportRunner(store, [tmp_path], workers=2)
        with qtbot.waitSignal(runner.finished, timeout=30_000) as finished:
            runner.start()
        _summary, details = report_text(finished.args[0])
        assert details.count(reason) == 4
        if language == "zh_CN":
            assert "not a" not in details
    finally:
        remove_translators(qapp, translators)
        QLocale.setDefault(previous)
