"""A small panel of an article's figures: 字数, characters, words, paragraphs, reading time."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from desktop.proofread import ArticleStatistics


class StatisticsPanel(QWidget):
    """Shows the figures of the article in the editor; the window calls ``show_statistics``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.words = self._value("stat_words")
        self.chinese = self._value("stat_chinese")
        self.latin = self._value("stat_latin")
        self.paragraphs = self._value("stat_paragraphs")
        self.pictures = self._value("stat_pictures")
        self.reading = self._value("stat_reading")
        # Three figures a line: the panel shares the proofreading panel's place under the
        # editor, and six lines of it would hold that place taller than a laptop screen allows.
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setHorizontalSpacing(12)
        rows = [
            (self.tr("Word count:"), self.words),
            (self.tr("Chinese characters:"), self.chinese),
            (self.tr("Latin words and numbers:"), self.latin),
            (self.tr("Paragraphs:"), self.paragraphs),
            (self.tr("Pictures:"), self.pictures),
            (self.tr("Reading time:"), self.reading),
        ]
        for place, (caption, value) in enumerate(rows):
            row, pair = divmod(place, 3)
            label = QLabel(caption)
            label.setBuddy(value)
            layout.addWidget(label, row, pair * 2, Qt.AlignmentFlag.AlignRight)
            layout.addWidget(value, row, pair * 2 + 1)
        layout.setColumnStretch(5, 1)
        layout.setRowStretch(2, 1)
        self.show_statistics(None)

    def _value(self, name: str) -> QLabel:
        label = QLabel()
        label.setObjectName(name)
        return label

    def show_statistics(self, stats: ArticleStatistics | None) -> None:
        """Show an article's figures, or dashes when no article is open."""
        if stats is None:
            for label in (
                self.words,
                self.chinese,
                self.latin,
                self.paragraphs,
                self.pictures,
                self.reading,
            ):
                label.setText("—")
            return
        self.words.setText(str(stats.words))
        self.chinese.setText(str(stats.chinese_characters))
        self.latin.setText(str(stats.latin_words))
        self.paragraphs.setText(str(stats.paragraphs))
        self.pictures.setText(str(stats.pictures))
        # The estimate is rounded up, so it is 0 only for an empty body.
        minutes = stats.reading_minutes
        self.reading.setText(self.tr("about %n min", "", minutes) if minutes else "—")
