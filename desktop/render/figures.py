"""Captioned pictures and store picture paths in the article dialect.

* A paragraph holding nothing but a picture with a title, ``![alt](media/…jpg "caption")``,
  becomes ``<figure><img alt src><figcaption>caption</figcaption></figure>``. A title given
  through an attribute list (``{: title=…}``) keeps the plain picture, as before.
* Store pictures are written ``media/<hash>.<ext>`` (relative to the site root) in Markdown;
  article pages live at ``news/YYYY/MM/<id>.html``, so their ``src`` is rebased to
  ``../../../media/…`` here (``desktop.render.picture_paths``, which a plain body uses
  without Python-Markdown), and the editor reads it back as ``media/…``.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from desktop.render.picture_paths import page_picture_src

_ATTR_LIST_TAIL = re.compile(r"\s*\{:?[^}\n]*\}\s*")


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
