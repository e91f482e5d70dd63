"""Newsroom (新闻编辑室): a desktop editor for a small organisation's news website."""

from desktop import _driver

__version__ = "0.1.0"

# peewee imports psycopg as it loads; only a server database needs it (see _driver).
_driver.install()
