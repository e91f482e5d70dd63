"""Attachments in the store: blobs by content hash, the site setting's size limit, page text.

An attachment's content is stored once in the ``attachment`` table (like pictures: one file
holds everything, a backup is whole); which files an article offers, under which names, is
the article's ``attachments`` field, so attaching, renaming and removing are saves of the
article and kept in its revisions like any other edit. The site path of an attachment is
``files/<sha256>.<type>``: made from the content and its type, never from the name a user
typed, so no name can lead out of the export folder.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import posixpath
import re
from contextlib import AbstractContextManager
from typing import Protocol

import peewee as pw

from desktop.article import Article, Attachment, clean_line
from desktop.attachments.kinds import KINDS, AttachmentError, detect_kind
from desktop.i18n import tr
from desktop.site import ATTACHMENT_MAX_MB

#: Folder of attachments in the site.
FILES_DIR = "files"
#: Site setting holding the largest attachment, in megabytes.
MAX_SIZE_SETTING = "attachment_max_mb"


class HasDatabase(Protocol):
    """The Store: its open database for reading, its write path for writing."""

    @property
    def database(self) -> pw.Database:
        """The open database."""

    def transaction(self) -> AbstractContextManager[None]:
        """The store's write path: all or nothing, a full disk as ``DiskFull``."""


_SERVED = re.compile(r"(?:^|/)files/([0-9a-f]{64})\.([a-z]{2,4})$")
# Characters Windows refuses in a saved file's name, and controls: browsers would replace them.
_UNSAVEABLE = re.compile(r'[<>:"/\\|?*\x00-\x1f]')


def max_bytes(store: HasDatabase) -> int:
    """Return the largest attachment the site accepts, in bytes (``attachment_max_mb``)."""
    row = store.database.execute_sql(
        "SELECT value FROM site_setting WHERE key = ?", (MAX_SIZE_SETTING,)
    ).fetchone()
    try:
        megabytes = int(row[0]) if row else ATTACHMENT_MAX_MB.default
    except ValueError:
        megabytes = ATTACHMENT_MAX_MB.default
    if not ATTACHMENT_MAX_MB.allows(megabytes):
        megabytes = ATTACHMENT_MAX_MB.default
    return megabytes * 1024 * 1024


def attachment_name(name: str) -> str:
    """Return the name an attachment is listed under: one line, without any folder part."""
    name = clean_line(name).replace("\\", "/").rsplit("/", 1)[-1].strip()
    return "" if name in (".", "..") else name


def store_attachment(store: HasDatabase, data: bytes, name: str) -> Attachment:
    """Check and store one file's content (once per content); return the attachment for it.

    Raises :class:`AttachmentError` for a file over the site's size limit or of a type that
    cannot be attached, and the store's errors (a full disk) as a save does.
    """
    limit = max_bytes(store)
    if len(data) > limit:
        raise too_large(name, len(data), limit)
    kind = detect_kind(data, name)
    digest = hashlib.sha256(data).hexdigest()
    now = dt.datetime.now().replace(microsecond=0).isoformat(sep=" ")
    with store.transaction():
        store.database.execute_sql(
            "INSERT OR IGNORE INTO attachment (hash, extension, size, data, created_at) "
            "VALUES (?, ?, ?, ?, ?)",
            (digest, kind.extension, len(data), data, now),
        )
    listed = attachment_name(name) or f"{digest[:12]}.{kind.extension}"
    return Attachment(digest=digest, name=listed, kind=kind.extension, size=len(data))


def too_large(name: str, size: int, limit: int) -> AttachmentError:
    """Return the refusal of a file of ``size`` bytes over the site's ``limit``."""
    return AttachmentError(
        name,
        tr(
            "the file is {size}, larger than the site's limit of {limit} "
            "(site setting attachment_max_mb)",
            size=size_text(size),
            limit=size_text(limit),
        ),
    )


def attachment_bytes(store: HasDatabase, path: str) -> bytes | None:
    """Return the content of an attachment's site path (``files/<hash>.<type>``), or None."""
    match = _SERVED.search(posixpath.normpath(path.replace("\\", "/")))
    if match is None:
        return None
    row = store.database.execute_sql(
        "SELECT data FROM attachment WHERE hash = ? AND extension = ?", match.groups()
    ).fetchone()
    return bytes(row[0]) if row else None


def with_attached(article: Article, attachments: list[Attachment]) -> Article:
    """Return the article with ``attachments`` added after its own (one name, one file)."""
    kept = list(article.attachments)
    for attachment in attachments:
        if attachment not in kept:
            kept.append(attachment)
    return dataclasses.replace(article, attachments=kept)


def with_renamed(article: Article, index: int, name: str) -> Article:
    """Return the article with its attachment number ``index`` (from 0) listed as ``name``."""
    listed = attachment_name(name)
    if not listed:
        raise AttachmentError(name, tr("an attachment needs a name"))
    attachments = list(article.attachments)
    attachments[_checked(article, index)] = dataclasses.replace(attachments[index], name=listed)
    return dataclasses.replace(article, attachments=attachments)


def with_removed(article: Article, index: int) -> Article:
    """Return the article without its attachment number ``index`` (from 0)."""
    attachments = list(article.attachments)
    del attachments[_checked(article, index)]
    return dataclasses.replace(article, attachments=attachments)


def _checked(article: Article, index: int) -> int:
    if not 0 <= index < len(article.attachments):
        raise AttachmentError(
            "",
            tr(
                "the article has no attachment number {number} (it has {count})",
                number=index + 1,
                count=len(article.attachments),
            ),
        )
    return index


def size_text(size: int) -> str:
    """Return a file size as Chinese pages write it: 512 字节, 35.2 KB, 1.5 MB."""
    if size < 1024:
        return f"{size} 字节"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def type_label(attachment: Attachment) -> str:
    """Return the attachment's type as the page shows it, e.g. ``PDF 文档``."""
    kind = KINDS.get(attachment.kind)
    return kind.label if kind else attachment.kind.upper()


def download_name(attachment: Attachment) -> str:
    """Return the name a visitor's browser saves the file as: the listed name, right type.

    Characters no file system takes become ``_``, and the type's extension is added when
    the listed name does not end with it (``报名表`` becomes ``报名表.docx``).
    """
    name = _UNSAVEABLE.sub("_", attachment.name).strip(" .") or attachment.digest[:12]
    extension = name.rpartition(".")[2].lower() if "." in name else ""
    if extension != attachment.kind and not (extension == "jpeg" and attachment.kind == "jpg"):
        name = f"{name}.{attachment.kind}"
    return name
