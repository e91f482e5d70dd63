"""One article out of the app: copy its HTML for a web back office, or save it as one page."""

from __future__ import annotations

import errno
import os
import re
import secrets
from collections.abc import Sequence
from html.parser import HTMLParser
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMimeData, QStandardPaths
from PySide6.QtGui import QClipboard
from PySide6.QtWidgets import QWidget

from desktop.article import Article, Column
from desktop.export import article_fragment_html, single_article_page
from desktop.export.options import MediaSource
from desktop.gui.dialogs import Dialogs
from desktop.site import Site

# Elements after which plain text starts a new paragraph, and those that only start a line.
_PARAGRAPHS = {
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "figure",
    "blockquote",
    "pre",
    "table",
    "hr",
    "div",
    "section",
}
_LINES = {"li", "tr", "figcaption", "br", "caption"}


class _PlainText(HTMLParser):
    """Turns the fragment into readable text: paragraphs, list bullets, table cells by tabs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.lists: list[int | None] = []  # per open list: the next number, None for bullets
        self.in_pre = 0
        self.first_cell = True

    def _break(self, text: str) -> None:
        self.parts.append(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _PARAGRAPHS:
            self._break("\n\n")
        elif tag in _LINES:
            self._break("\n")
        if tag == "ul":
            self.lists.append(None)
        elif tag == "ol":
            self.lists.append(1)
        elif tag == "li":
            number = self.lists[-1] if self.lists else None
            if number is None:
                self.parts.append("• ")
            else:
                self.parts.append(f"{number}. ")
                self.lists[-1] = number + 1
        elif tag == "tr":
            self.first_cell = True
        elif tag in ("td", "th"):
            if not self.first_cell:
                self.parts.append("\t")
            self.first_cell = False
        elif tag == "pre":
            self.in_pre += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("ul", "ol") and self.lists:
            self.lists.pop()
        if tag == "pre" and self.in_pre:
            self.in_pre -= 1
        if tag in _PARAGRAPHS:
            self._break("\n\n")

    def handle_data(self, data: str) -> None:
        # HTML collapses whitespace outside <pre>; Chinese text has no spaces to lose.
        self.parts.append(data if self.in_pre else re.sub(r"\s+", " ", data))


def plain_text_of(html: str) -> str:
    """Return the readable text of an HTML fragment: no tags, paragraphs by blank lines."""
    parser = _PlainText()
    parser.feed(html)
    parser.close()
    # Whitespace between tags (around cells and lines) is layout, not text.
    text = re.sub(r" *\t *", "\t", "".join(parser.parts))
    lines = [line.strip(" ") for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"


def copy_article_html(article: Article, site: Site | None, clipboard: QClipboard) -> None:
    """Put the article's body as styled HTML, and as plain text, on the clipboard."""
    html = article_fragment_html(article, site)
    data = QMimeData()
    data.setHtml(html)
    # Editors that refuse HTML (and plain text fields) get the readable text instead.
    data.setText(plain_text_of(html))
    clipboard.setMimeData(data)


def single_article_file_name(article: Article) -> str:
    """Return the file name a saved page is offered: its date and id, never the title."""
    ident = str(article.id) if isinstance(article.id, int) and article.id >= 0 else "draft"
    return f"{article.published_at:%Y-%m-%d}-{ident}.html"


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, then put it in place at once."""
    temporary = path.with_name(f".{path.name}.newsroom-{secrets.token_hex(4)}.tmp")
    try:
        with open(temporary, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _documents() -> Path:
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(location) if location else Path.home()


def export_single_article(
    parent: QWidget | None,
    article: Article,
    site: Site,
    columns: Sequence[Column],
    media: MediaSource | None = None,
    folder: Path | None = None,
) -> Path | None:
    """Save the article as one self-contained page where the user chooses; return the path.

    Returns None if the user cancelled or the page could not be written (the reason is shown).
    """
    suggested = (folder or _documents()) / single_article_file_name(article)
    chosen = Dialogs.choose_article_html_path(parent, suggested)
    if chosen is None:
        return None
    if chosen.suffix.lower() not in (".html", ".htm"):
        chosen = chosen.with_name(chosen.name + ".html")
    title = QCoreApplication.translate("ArticleHtml", "Cannot export the article")
    try:
        page = single_article_page(article, site, columns, media)
    except (ValueError, RuntimeError) as exc:
        Dialogs.show_error(
            parent,
            title,
            QCoreApplication.translate("ArticleHtml", "The page could not be made: %1").replace(
                "%1", str(exc)
            ),
        )
        return None
    try:
        if chosen.is_dir():
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(chosen))
        write_atomically(chosen, page.encode("utf-8"))
    except OSError as exc:
        reason = exc.strerror or str(exc)
        Dialogs.show_error(
            parent,
            title,
            QCoreApplication.translate("ArticleHtml", "%1 could not be written: %2")
            .replace("%1", str(chosen))
            .replace("%2", reason),
        )
        return None
    return chosen
