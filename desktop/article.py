"""The article and column of a newsroom, as plain data shared by the store, rendering and GUI.

Each field of ``Article`` carries a ``FieldSpec`` in its metadata: its front-matter and JSON
keys, its label, whether it is one line of text, proofread, converted to 繁體, kept in
revisions, shown in lists. The store, the files, the JSON, revisions, conversion, proofreading,
the form and the history read that declaration, so adding a field is a change here (plus a
migration and a model column).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from desktop.i18n import tr


class Status(str, Enum):
    """Where an article stands on its way to the website."""

    DRAFT = "draft"
    REVIEW = "review"
    APPROVED = "approved"
    PUBLISHED = "published"

    @classmethod
    def parse(cls, text: str) -> Status:
        """Read a status as spelled in front matter, on the command line or in JSON."""
        try:
            return cls(text.strip().lower())
        except ValueError:
            allowed = ", ".join(s.value for s in cls)
            raise ValueError(
                tr(
                    "unknown status {text!r} (expected one of: {allowed})",
                    text=text,
                    allowed=allowed,
                )
            ) from None


#: Statuses that an export takes.
EXPORTABLE = (Status.APPROVED, Status.PUBLISHED)


@dataclass
class Column:
    """A column (栏目) of the website, such as 工会动态 or 通知公告."""

    name: str
    slug: str
    position: int = 0
    id: int | None = None


@dataclass(frozen=True)
class Attachment:
    """A file attached to an article (附件): its stored content, the name offered, its type.

    ``kind`` is the file type read from its bytes (``pdf``, ``docx``, ``wps``…), which is also
    the extension of its file in the site; ``name`` is what the author called it.
    """

    digest: str  # SHA-256 of the content, hex: the stored blob's name
    name: str
    kind: str
    size: int

    @property
    def path(self) -> str:
        """The attachment's file in the site: ``files/<sha256>.<kind>`` (ASCII, never user text)."""
        return f"files/{self.digest}.{self.kind}"

    def to_json(self) -> dict[str, Any]:
        """Return the attachment as JSON holds it (revisions, the command line)."""
        return {"name": self.name, "type": self.kind, "size": self.size, "sha256": self.digest}

    @classmethod
    def from_json(cls, value: Any) -> Attachment:
        """Read an attachment back from ``to_json``'s form."""
        return cls(
            digest=str(value["sha256"]),
            name=str(value["name"]),
            kind=str(value["type"]),
            size=int(value["size"]),
        )


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


class FieldKind(str, Enum):
    """What sort of value a field holds, which decides how each consumer reads and writes it."""

    TEXT = "text"  # one line of text
    COLUMN = "column"  # one line: a column's name (the store keeps the column's id)
    KEYWORDS = "keywords"  # a list of short texts, each one line
    MARKDOWN = "markdown"  # the body, many lines
    TIME = "time"  # a date and time (None for bookkeeping times not set yet)
    STATUS = "status"
    NUMBER = "number"  # bookkeeping: ids and versions
    ATTACHMENTS = "attachments"  # files offered for download under the article (附件)


#: Kinds whose text is one line, cleaned by ``clean_line``.
SINGLE_LINE_KINDS = (FieldKind.TEXT, FieldKind.COLUMN, FieldKind.KEYWORDS)


@dataclass(frozen=True)
class FieldSpec:
    """The declaration of one article field: where it goes and what each consumer does with it."""

    kind: FieldKind
    #: English label; the GUI translates it (context "ArticleForm", desktop/gui/labels.py).
    label: str = ""
    #: Key in a Markdown file's front matter; None when files do not carry it.
    front_matter: str | None = None
    #: Key in the command line's JSON; None: the attribute name.
    json_key: str | None = None
    #: Column of the article table; None: the attribute name.
    record: str | None = None
    #: Written by the store itself (ids, version, times), not by the article's editor.
    bookkeeping: bool = False
    #: Checked by proofreading (the proofread ``Field`` member of the same value).
    proofread: bool = False
    #: Converted to 繁體 for the traditional edition.
    converted: bool = False
    #: Kept in a revision's copy of the article.
    snapshot: bool = False
    #: Shown in the article list (``ArticleSummary``).
    summary: bool = False
    #: The attribute name, filled in from the dataclass.
    name: str = ""

    @property
    def single_line(self) -> bool:
        """Whether the field is one line of text, never holding controls or private-use marks."""
        return self.kind in SINGLE_LINE_KINDS

    @property
    def key(self) -> str:
        """Return the field's key in the command line's JSON."""
        return self.json_key or self.name

    @property
    def column_name(self) -> str:
        """Return the field's column in the article table."""
        return self.record or self.name


def _spec(kind: FieldKind, **options: Any) -> dict[str, FieldSpec]:
    return {"spec": FieldSpec(kind, **options)}


_LINE = FieldKind.TEXT


@dataclass
class Article:
    """One news article with every field the site shows; the body is Markdown."""

    title: str = field(
        metadata=_spec(
            _LINE,
            label="Title",
            front_matter="title",
            proofread=True,
            converted=True,
            summary=True,
            snapshot=True,
        )
    )
    body: str = field(
        default="", metadata=_spec(FieldKind.MARKDOWN, label="Body", proofread=True, converted=True)
    )
    kicker: str = field(
        default="",
        metadata=_spec(
            _LINE,
            label="Kicker",
            front_matter="kicker",
            proofread=True,
            converted=True,
            snapshot=True,
        ),
    )
    subtitle: str = field(
        default="",
        metadata=_spec(
            _LINE,
            label="Subtitle",
            front_matter="subtitle",
            proofread=True,
            converted=True,
            summary=True,
            snapshot=True,
        ),
    )
    column: str = field(
        default="",
        metadata=_spec(
            FieldKind.COLUMN,
            label="Column",
            front_matter="column",
            record="column_id",
            summary=True,
            snapshot=True,
        ),
    )
    author: str = field(
        default="",
        metadata=_spec(
            _LINE,
            label="Author",
            front_matter="author",
            proofread=True,
            converted=True,
            summary=True,
            snapshot=True,
        ),
    )
    source: str = field(
        default="",
        metadata=_spec(
            _LINE,
            label="Source",
            front_matter="source",
            proofread=True,
            converted=True,
            summary=True,
            snapshot=True,
        ),
    )
    published_at: dt.datetime = field(
        default_factory=_now,
        metadata=_spec(
            FieldKind.TIME, label="Published", front_matter="date", summary=True, snapshot=True
        ),
    )
    summary: str = field(
        default="",
        metadata=_spec(
            _LINE,
            label="Summary",
            front_matter="summary",
            proofread=True,
            converted=True,
            snapshot=True,
        ),
    )
    keywords: list[str] = field(
        default_factory=list,
        metadata=_spec(
            FieldKind.KEYWORDS,
            label="Keywords",
            front_matter="keywords",
            converted=True,
            snapshot=True,
        ),
    )
    cover: str = field(
        default="", metadata=_spec(_LINE, label="Cover", front_matter="cover", snapshot=True)
    )
    attachments: list[Attachment] = field(
        default_factory=list,
        metadata=_spec(FieldKind.ATTACHMENTS, label="Attachments", snapshot=True),
    )
    status: Status = field(
        default=Status.DRAFT,
        metadata=_spec(
            FieldKind.STATUS, label="Status", front_matter="status", summary=True, snapshot=True
        ),
    )
    id: int | None = field(
        default=None, metadata=_spec(FieldKind.NUMBER, bookkeeping=True, summary=True)
    )
    version: int = field(default=0, metadata=_spec(FieldKind.NUMBER, bookkeeping=True))
    created_at: dt.datetime | None = field(
        default=None, metadata=_spec(FieldKind.TIME, bookkeeping=True)
    )
    updated_at: dt.datetime | None = field(
        default=None, metadata=_spec(FieldKind.TIME, bookkeeping=True, summary=True)
    )

    @property
    def date_text(self) -> str:
        """The publication date as the site shows it: 2023-07-06."""
        stamp = self.published_at  # by hand: strftime costs a second per 80,000 list entries
        return f"{stamp.year:04d}-{stamp.month:02d}-{stamp.day:02d}"


#: Every field of an article, in declaration order.
ARTICLE_FIELDS: tuple[FieldSpec, ...] = tuple(
    dataclasses.replace(f.metadata["spec"], name=f.name) for f in dataclasses.fields(Article)
)
#: The declaration of each field by attribute name.
FIELDS: dict[str, FieldSpec] = {spec.name: spec for spec in ARTICLE_FIELDS}
#: Fields the editor changes (everything but the store's bookkeeping).
EDITED_FIELDS = tuple(spec for spec in ARTICLE_FIELDS if not spec.bookkeeping)
#: Fields that are one line of text.
SINGLE_LINE_FIELDS = tuple(spec for spec in ARTICLE_FIELDS if spec.single_line)
#: Fields a Markdown file's front matter may carry, in the order ``format_article`` writes them.
FRONT_MATTER_FIELDS = tuple(spec for spec in ARTICLE_FIELDS if spec.front_matter)
#: Fields a revision keeps besides the body.
SNAPSHOT_FIELDS = tuple(spec for spec in ARTICLE_FIELDS if spec.snapshot)
#: Fields converted for the 繁體 edition.
CONVERTED_FIELDS = tuple(spec for spec in ARTICLE_FIELDS if spec.converted)
#: Fields proofreading checks.
PROOFREAD_FIELDS = tuple(spec for spec in ARTICLE_FIELDS if spec.proofread)
#: Fields the article list shows.
SUMMARY_FIELDS = tuple(spec for spec in ARTICLE_FIELDS if spec.summary)


def to_json_value(spec: FieldSpec, value: Any) -> Any:
    """Return a field's value as JSON holds it (times as "YYYY-MM-DD HH:MM:SS")."""
    if spec.kind is FieldKind.TIME:
        return value.isoformat(sep=" ") if value is not None else None
    if spec.kind is FieldKind.STATUS:
        return Status(value).value
    if spec.kind is FieldKind.KEYWORDS:
        return list(value)
    if spec.kind is FieldKind.ATTACHMENTS:
        return [attachment.to_json() for attachment in value]
    return value


def from_json_value(spec: FieldSpec, value: Any) -> Any:
    """Return a field's value read back from JSON (the inverse of ``to_json_value``)."""
    if spec.kind is FieldKind.TIME:
        return dt.datetime.fromisoformat(str(value)) if value is not None else None
    if spec.kind is FieldKind.STATUS:
        return Status(value if value is not None else Status.DRAFT.value)
    if spec.kind is FieldKind.KEYWORDS:
        return [str(k) for k in value or []]
    if spec.kind is FieldKind.ATTACHMENTS:
        return [Attachment.from_json(a) for a in value or []]
    if spec.kind is FieldKind.NUMBER:
        return value
    return str(value if value is not None else "")


# Line and paragraph breaks of every kind become one space: a title is one line.
_BREAKS = re.compile("\r\n|[\t\n\v\f\r\x1c-\x1f\x85\u2028\u2029]")
_DROPPED_CATEGORIES = frozenset(("Cc", "Cf", "Co", "Cs"))


def is_hidden_character(char: str) -> bool:
    """Whether a character has no place in a line of text: a control, format or private-use mark.

    Controls (C0, C1), format characters (bidi embeddings and isolates, zero-width spaces and
    joiners, soft hyphens, byte-order marks), private-use characters (U+E000–U+F8FF, planes 15
    and 16), lone surrogates and noncharacters. ZWJ and ZWNJ are dropped too: in a Chinese
    newsroom's titles they only come from bad copies, and they can hide spoofed text.
    """
    code = ord(char)
    if 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE:
        return True
    return unicodedata.category(char) in _DROPPED_CATEGORIES


def clean_line(text: str) -> str:
    """Return one line of text without controls, format or private-use characters.

    Line breaks and tabs become a space; every other hidden character is removed. Ordinary
    text, Chinese punctuation and spaces (U+3000 too) are untouched; leading and trailing
    spaces are kept (the store trims them) so that the form can clean while the user types.
    """
    if text.isprintable():
        return text  # the fast path: no control, format, private-use or unassigned character
    text = _BREAKS.sub(" ", text)
    return "".join(c for c in text if c == " " or not is_hidden_character(c))


def clean_fields(article: Article) -> Article:
    """Return the article with every single-line field cleaned by ``clean_line`` and trimmed."""
    changes: dict[str, Any] = {}
    for spec in SINGLE_LINE_FIELDS:
        value = getattr(article, spec.name)
        if spec.kind is FieldKind.KEYWORDS:
            cleaned: Any = [c for c in (clean_line(k).strip() for k in value) if c]
        else:
            cleaned = clean_line(value).strip()
        if cleaned != value:
            changes[spec.name] = cleaned
    named = [
        dataclasses.replace(a, name=clean_line(a.name).strip() or a.path.rsplit("/", 1)[1])
        for a in article.attachments
    ]
    if named != article.attachments:
        changes["attachments"] = named
    return dataclasses.replace(article, **changes) if changes else article
