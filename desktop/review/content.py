"""The canonical content of an article: what a signature is bound to.

Every field that appears on the page (the FieldSpec declarations in desktop/article.py: every
field the editor changes except the status), the body, and each picture the article uses with
the hash of the stored picture. The attachments are one of those fields: each with its name,
type, size and the SHA-256 of its content, so renaming, adding, removing or replacing a file
changes the hash. The hash is SHA-256 over sorted, compact JSON, so it is the
same on every run and every machine for the same content.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable

from desktop.article import EDITED_FIELDS, Article, FieldKind, to_json_value
from desktop.media_paths import pictures_used

#: The fields a signature covers: everything that shows on the page.
SIGNED_FIELDS = tuple(spec for spec in EDITED_FIELDS if spec.kind is not FieldKind.STATUS)
#: Finds a stored picture's content hash by site path; None when the picture is missing.
PictureHash = Callable[[str], "str | None"]
#: How many characters of the hash the sign-off sheet and the window show.
SHORT = 12


def canonical_content(article: Article, picture_hash: PictureHash) -> dict[str, object]:
    """Return the article's signed content as plain JSON data."""
    fields = {spec.key: to_json_value(spec, getattr(article, spec.name)) for spec in SIGNED_FIELDS}
    used = pictures_used(article.body, article.cover)
    # A cover's thumbnail is made from the cover: the cover's own hash already covers it.
    pictures = {path: picture_hash(path) for path in used if "/thumbs/" not in path}
    return {"fields": fields, "pictures": pictures}


def content_hash(article: Article, picture_hash: PictureHash) -> str:
    """Return the SHA-256 of the article's canonical content."""
    text = json.dumps(
        canonical_content(article, picture_hash),
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def stored_picture_hash(connection: object) -> PictureHash:
    """Return a PictureHash reading the store's picture table through a DB-API connection."""

    def find(path: str) -> str | None:
        name = path.rsplit("/", 1)[-1]
        digest, _, extension = name.partition(".")
        row = connection.execute(  # type: ignore[attr-defined]
            "SELECT hash FROM picture WHERE hash = ? AND extension = ?", (digest, extension)
        ).fetchone()
        return str(row[0]) if row else None

    return find
