"""The article and column of a newsroom, as plain data shared by the store, rendering and GUI."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum


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
            raise ValueError(f"unknown status {text!r} (expected one of: {allowed})") from None


#: Statuses that an export takes.
EXPORTABLE = (Status.APPROVED, Status.PUBLISHED)


@dataclass
class Column:
    """A column (栏目) of the website, such as 工会动态 or 通知公告."""

    name: str
    slug: str
    position: int = 0
    id: int | None = None


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


@dataclass
class Article:
    """One news article with every field the site shows; the body is Markdown."""

    title: str
    body: str = ""
    kicker: str = ""
    subtitle: str = ""
    column: str = ""
    author: str = ""
    source: str = ""
    published_at: dt.datetime = field(default_factory=_now)
    summary: str = ""
    keywords: list[str] = field(default_factory=list)
    cover: str = ""
    status: Status = Status.DRAFT
    id: int | None = None
    version: int = 0
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None

    @property
    def date_text(self) -> str:
        """The publication date as the site shows it: 2023-07-06."""
        return self.published_at.strftime("%Y-%m-%d")
