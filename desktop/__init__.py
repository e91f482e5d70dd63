"""Newsroom (新闻编辑室): a desktop editor for a small organisation's news website."""

__version__ = "0.1.0"
