"""Captioned pictures and store picture paths in the article dialect.

* A paragraph holding nothing but a picture with a title, ``![alt](media/…jpg "caption")``,
  becomes ``<figure><img alt src><figcaption>caption</figcaption></figure>``. A title given
  through an attribute list (``{: title=…}``) keeps the plain picture, as before.
* Store pictures are written ``media/<hash>.<ext>`` (relative to the site root) in Markdown;
  article pages live at ``news/YYYY/MM/<id>.html``, so their ``src`` is rebased to
  ``../../../media/…`` here, and the editor reads it back as ``media/…`` (see
  :func:`site_picture_src`).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from desktop.article import Article
from desktop.render.urls import article_path

#: How article pages reach the site root: one "../" per folder of ``article_path``.
MEDIA_BASE = "../" * article_path(Article(title="x")).count("/")

_ATTR_LIST_TAIL = re.compile(r"\s*\{:?[^}\n]*\}\s*")


def page_picture_src(src: str) -> str:
    """Return the ``src`` an article page uses for a picture written ``src`` in Markdown."""
    return MEDIA_BASE + src if src.startswith("media/") else src


def site_picture_src(src: str) -> str:
    """Undo :func:`page_picture_src`: the path to write back into Markdown."""
    if src.startswith(MEDIA_BASE + "media/"):
        return src[len(MEDIA_BASE) :]
    return src


class _FigureProcessor(Treeprocessor):
    """Turn lone titled pictures into figures and rebase store picture paths."""

    def run(self, root: etree.Element) -> None:
        for image in root.iter("img"):
            image.set("src", page_picture_src(image.get("src", "")))
        for paragraph in list(root.iter("p")):
            if len(paragraph) != 1 or (paragraph.text or "").strip():
                continue
            image = paragraph[0]
            caption = (image.get("title") or "").strip()
            tail = image.tail or ""
            if image.tag != "img" or not caption:
                continue
            if tail.strip() and not _ATTR_LIST_TAIL.fullmatch(tail):
                continue
            paragraph.tag = "figure"
            del image.attrib["title"]  # shown as the caption; a tooltip would repeat it
            figcaption = etree.SubElement(paragraph, "figcaption")
            figcaption.text = caption


class FigureExtension(Extension):
    """Register the figure tree processor."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        """Run after inline patterns (20) and before attribute lists (8)."""
        md.treeprocessors.register(_FigureProcessor(md), "newsroom_figures", 15)


def makeExtension(**kwargs: object) -> FigureExtension:  # Python-Markdown looks up this name
    """Entry point for ``markdown.Markdown(extensions=["desktop.render.figures"])``."""
    return FigureExtension(**kwargs)
