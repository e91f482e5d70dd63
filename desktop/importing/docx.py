"""Word (.docx) files to articles, with mammoth: checked as a zip first, never extracted to disk.

mammoth turns the document into plain semantic HTML (paragraphs, headings, bold, lists from
Word's numbering, tables, pictures); the body's paste cleaner and Markdown writer do the
rest, so an imported file and a pasted one come out the same.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any
from xml.etree import ElementTree

import mammoth

from desktop.article import Article, clean_fields, clean_line
from desktop.article_file import ArticleFileError
from desktop.body.blocks import Block, TextBlock
from desktop.i18n import tr
from desktop.importing.html import PendingPictures, blocks_markdown, clean_blocks
from desktop.pictures import PictureError

#: Larger .docx files are refused unread.
MAX_DOCX_BYTES = 100 * 1024 * 1024
#: Refused when the entries together would unpack to more than this (a zip bomb).
MAX_UNPACKED_BYTES = 400 * 1024 * 1024
#: Refused when a large entry packs tighter than this; Word's XML packs about 10:1, photos 1:1.
MAX_RATIO = 100
MAX_ENTRIES = 10_000
#: A first paragraph this short, with no sentence ending, is taken as the title.
MAX_TITLE_CHARS = 60

# Word's caption style is "Caption" (WPS Chinese: 题注); the title style is "Title" (标题).
_STYLE_MAP = """
p[style-name='Title'] => h1.title:fresh
p[style-name='标题'] => h1.title:fresh
p[style-name='Subtitle'] => p.subtitle:fresh
p[style-name='副标题'] => p.subtitle:fresh
p[style-name='Caption'] => p.caption:fresh
p[style-name='caption'] => p.caption:fresh
p[style-name='题注'] => p.caption:fresh
p[style-name='Quote'] => blockquote > p:fresh
p[style-name='Intense Quote'] => blockquote > p:fresh
p[style-name='引用'] => blockquote > p:fresh
p[style-name='明显引用'] => blockquote > p:fresh
"""
_IMAGE_ONLY = re.compile(r"<p>(<img [^>]*/>)</p>")
_CAPTION_AFTER = re.compile(r'<p>(<img [^>]*/>)</p>\s*<p(?: class="caption")?>(.*?)</p>', re.S)
_CAPTION_CLASS = re.compile(r'<p class="caption">')
_TAG = re.compile(r"<[^>]+>")
# Captions typed by hand under a photo: 图为… / 图：… / ▲…
_CAPTION_TEXT = re.compile(r"(图为|图：|图:|（图|\(图|上图|下图|左图|右图|▲|△)")
_SRC = re.compile(r'src="([^"]*)"')
_SENTENCE_END = re.compile(r"[。！？；：.!?;:]$")
_BYLINE = re.compile(r"[（(]([^（）()]{2,40})[)）]")
_STYLES_PART = "word/styles.xml"
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
ElementTree.register_namespace("w", _W)
#: Larger styles parts are cut down before mammoth reads them (real Word files: 30–70 KB).
SLIM_STYLES_ABOVE = 100_000
_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass
class DocxResult:
    """An article read from a .docx file, with what was left out along the way."""

    article: Article
    warnings: list[str] = field(default_factory=list)


def read_document_bytes(path: Path) -> bytes:
    """The bytes of a document to import, refusing files too large to be an article."""
    try:
        size = path.stat().st_size
        if size > MAX_DOCX_BYTES:
            raise ArticleFileError(
                path, tr("too large for an article ({size} MB)", size=size // 1_048_576)
            )
        return path.read_bytes()
    except OSError as exc:
        raise ArticleFileError(path, tr("cannot be read ({exc})", exc=exc.strerror or exc)) from exc


def check_docx(path: Path, data: bytes) -> None:
    """Refuse, with a clear message, anything that is not a safe Word document."""
    if data.startswith(_OLE_SIGNATURE):
        raise ArticleFileError(
            path, tr("is an old Word 97–2003 (.doc) file or encrypted; save it as .docx first")
        )
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ArticleFileError(path, tr("is not a Word .docx file (not a zip archive)"))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ArticleFileError(path, tr("is a damaged .docx file ({exc})", exc=exc)) from None
    if len(entries) > MAX_ENTRIES:
        raise ArticleFileError(
            path, tr("has {count} parts, too many for a Word document", count=len(entries))
        )
    total = 0
    names = set()
    for entry in entries:
        name = entry.filename.replace("\\", "/")
        parts = PurePosixPath(name).parts
        if name.startswith("/") or ".." in parts or (parts and ":" in parts[0]):
            raise ArticleFileError(
                path, tr("contains an unsafe part name {filename!r}", filename=entry.filename)
            )
        total += entry.file_size
        packed = max(entry.compress_size, 1)
        if entry.file_size > 1_048_576 and entry.file_size / packed > MAX_RATIO:
            raise ArticleFileError(path, tr("unpacks to far more than its size (a zip bomb?)"))
        names.add(name)
    if total > MAX_UNPACKED_BYTES:
        raise ArticleFileError(
            path, tr("would unpack to {size} MB (a zip bomb?); refused", size=total // 1_048_576)
        )
    if "word/document.xml" not in names:
        raise ArticleFileError(
            path, tr("is a zip file but not a Word document (no word/document.xml)")
        )


def slim_styles(data: bytes) -> bytes:
    """The .docx with a large ``word/styles.xml`` cut down to what mammoth reads of it.

    mammoth parses styles.xml with minidom, about 0.3 s for the 350 KB that Word templates
    (and python-docx) carry, yet it reads only each style's type, id and name, and the
    numbering of numbering styles. Documents with a small styles part are left untouched.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            try:
                info = archive.getinfo(_STYLES_PART)
            except KeyError:
                return data
            if info.file_size <= SLIM_STYLES_ABOVE:
                return data
            styles = _styles_skeleton(archive.read(info))
            if styles is None:
                return data
            out = io.BytesIO()
            with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as slim:
                for entry in archive.infolist():
                    if entry.filename == _STYLES_PART:
                        slim.writestr(entry.filename, styles)
                    else:
                        slim.writestr(entry, archive.read(entry), zipfile.ZIP_STORED)
            return out.getvalue()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, zlib.error):
        return data  # mammoth reports the damage with its own message


def _styles_skeleton(xml: bytes) -> bytes | None:
    """styles.xml with only what mammoth reads: type, id, name; numbering styles' numId."""
    try:
        root = ElementTree.fromstring(xml)
    except ElementTree.ParseError:
        return None
    skeleton = ElementTree.Element(f"{{{_W}}}styles")
    for style in root.iter(f"{{{_W}}}style"):
        kept = ElementTree.SubElement(
            skeleton,
            style.tag,
            {k: v for k, v in style.attrib.items() if k in (f"{{{_W}}}type", f"{{{_W}}}styleId")},
        )
        name = style.find(f"{{{_W}}}name")
        if name is not None:
            kept.append(name)
        num_id = style.find(f"{{{_W}}}pPr/{{{_W}}}numPr/{{{_W}}}numId")
        if num_id is not None:
            properties = ElementTree.SubElement(kept, f"{{{_W}}}pPr")
            ElementTree.SubElement(properties, f"{{{_W}}}numPr").append(num_id)
    return ElementTree.tostring(skeleton, encoding="utf-8", xml_declaration=True)


def read_docx(path: Path, pictures: PendingPictures, data: bytes | None = None) -> DocxResult:
    """Read one .docx file into an article; pictures go to ``pictures`` (not yet stored).

    data: the document's bytes when the caller has them already (read, or converted from
    another office format); otherwise the file at ``path`` is read.
    """
    if data is None:
        data = read_document_bytes(path)
    check_docx(path, data)
    warnings: list[str] = []
    count = 0

    def convert_image(image: Any) -> dict[str, str]:
        nonlocal count
        count += 1
        name = tr("{name}, picture {count}", name=path.name, count=count)
        try:
            with image.open() as stream:
                return {"src": pictures.add(stream.read(), name)}
        except PictureError as exc:
            warnings.append(tr("{exc}; left out", exc=exc))
        except (OSError, KeyError) as exc:
            warnings.append(tr("{name}: cannot be read ({exc}); left out", name=name, exc=exc))
        return {"src": ""}

    try:
        result = mammoth.convert_to_html(
            io.BytesIO(slim_styles(data)),
            style_map=_STYLE_MAP,
            convert_image=mammoth.images.img_element(convert_image),
            include_embedded_style_map=False,  # the document does not get to restyle itself
            external_file_access=False,  # a linked picture never reads the user's disk
        )
    except Exception as exc:  # mammoth and lxml raise many kinds; all mean a broken file
        raise ArticleFileError(path, tr("is a damaged Word document ({exc})", exc=exc)) from None
    article = article_from_html(result.value, default_title=path.stem)
    return DocxResult(article, warnings)


def _captions(html: str) -> tuple[str, dict[str, str]]:
    """Take captions (Caption style, or 图为… typed under a photo) out of the HTML by picture."""
    captions: dict[str, str] = {}

    def take(match: re.Match[str]) -> str:
        image, caption_html = match.group(1), match.group(2)
        text = _TAG.sub("", caption_html).strip()
        styled = match.group(0).find('class="caption"') >= 0
        src = _SRC.search(image)
        if not text or src is None or not src.group(1) or len(text) > 120:
            return match.group(0)
        if not styled and not _CAPTION_TEXT.match(text):
            return match.group(0)
        captions.setdefault(src.group(1), text.replace("&amp;", "&").replace("&lt;", "<"))
        return f"<p>{image}</p>"

    return _CAPTION_AFTER.sub(take, html), captions


def _block_text(block: Block) -> str:
    if not isinstance(block, TextBlock) or block.lists or block.quote or block.rule:
        return ""
    if any(run.image_src for run in block.runs):
        return ""
    return block.text.strip()


def article_from_html(html: str, *, default_title: str) -> Article:
    """Build an article from converted document HTML: title, subtitle, byline and body."""
    html, captions = _captions(html)
    html = _CAPTION_CLASS.sub("<p>", html)  # a caption with no picture above stays text
    blocks = clean_blocks(html)
    title, subtitle, author = "", "", ""
    if blocks:
        first = blocks[0]
        text = _block_text(first)
        is_title_style = isinstance(first, TextBlock) and first.heading == 1
        if text and (
            is_title_style or (len(text) <= MAX_TITLE_CHARS and not _SENTENCE_END.search(text))
        ):
            title = text
            blocks = blocks[1:]
    if title and blocks and _block_text(blocks[0]).startswith(("——", "—", "--")):
        subtitle = _block_text(blocks[0])
        blocks = blocks[1:]
    if blocks:
        match = _BYLINE.fullmatch(_block_text(blocks[-1]))
        if match:
            author = match.group(1).strip()
            blocks = blocks[:-1]
    body = _with_captions(blocks_markdown(blocks), captions)
    article = clean_fields(Article(title=title, subtitle=subtitle, author=author, body=body))
    # A title of nothing but hidden characters is no title: the file's name stands in.
    article.title = article.title or clean_line(default_title).strip()
    return article


def _with_captions(markdown: str, captions: dict[str, str]) -> str:
    """Give each captioned picture standing alone on its line its caption (the figure form)."""
    if not captions:
        return markdown
    lines = markdown.split("\n")
    for index, line in enumerate(lines):
        match = re.fullmatch(r"!\[(.*)\]\((media/[0-9a-f]{64}\.(?:jpg|png))\)", line)
        if match is None or match.group(2) not in captions:
            continue
        caption = captions[match.group(2)]
        alt = match.group(1) or caption_alt(caption)
        lines[index] = f'![{alt}]({match.group(2)} "{caption_title(caption)}")'
    return "\n".join(lines)


def caption_title(caption: str) -> str:
    """Make caption text safe inside a Markdown image title ("…")."""
    text = " ".join(caption.split())
    # Python-Markdown ends a title at the last '"' before ')': use Chinese quotes instead.
    return re.sub(r'"([^"]*)"', r"“\1”", text).replace('"', "”").replace("\\", "\\\\")


def caption_alt(caption: str) -> str:
    """Alt text from a caption for a picture that has none (Markdown-escaped)."""
    return re.sub(r"([\\\[\]*_`])", r"\\\1", " ".join(caption.split()))
