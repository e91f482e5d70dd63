"""A small panel of an article's figures: 字数, characters, words, paragraphs, reading time."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QWidget

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
        layout = QFormLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addRow(self.tr("Word count:"), self.words)
        layout.addRow(self.tr("Chinese characters:"), self.chinese)
        layout.addRow(self.tr("Latin words and numbers:"), self.latin)
        layout.addRow(self.tr("Paragraphs:"), self.paragraphs)
        layout.addRow(self.tr("Pictures:"), self.pictures)
        layout.addRow(self.tr("Reading time:"), self.reading)
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
