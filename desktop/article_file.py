"""Articles as Markdown files with YAML front matter: reading them for import."""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from desktop.article import FRONT_MATTER_FIELDS, Article, FieldKind, FieldSpec, Status, clean_fields
from desktop.encodings import ENCODING_LABELS, EncodingUnclear, decode_chinese
from desktop.i18n import tr

#: Front-matter keys an article file may carry.
KEYS = tuple(spec.front_matter for spec in FRONT_MATTER_FIELDS if spec.front_matter)
#: Larger files are not articles; refusing them early keeps a stray file from filling memory.
MAX_FILE_BYTES = 20 * 1024 * 1024
MARKDOWN_SUFFIXES = (".md", ".markdown", ".txt")


class ArticleFileError(ValueError):
    """A file that cannot be imported; the message names the file and the problem."""

    def __init__(self, path: Path | str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = Path(path)
        self.problem = problem


class UnclearEncodingError(ArticleFileError):
    """A text file that reads plausibly in several encodings: the user has to choose one."""

    def __init__(self, path: Path | str, unclear: EncodingUnclear) -> None:
        choices = ", ".join(unclear.candidates)
        super().__init__(path, f"{unclear}; choose one with --encoding ({choices})")
        self.candidates = unclear.candidates
        self.samples = unclear.samples


def decode_text(data: bytes, encoding: str | None = None) -> str:
    """Decode text saved by any common Chinese tool: UTF-8/16, GB18030 (GBK), Big5, Big5-HKSCS.

    EncodingUnclear when it cannot tell (see :mod:`desktop.encodings`); encoding: the
    user's choice.
    """
    return decode_chinese(data, encoding).text


def split_front_matter(text: str) -> tuple[str | None, str]:
    """Split ``---`` delimited YAML front matter from the Markdown body."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return None, text
    for index in range(1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            return "\n".join(lines[1:index]), "\n".join(lines[index + 1 :])
    raise ValueError(tr("the front matter starts with --- but never ends"))


def _text(meta: dict[str, Any], key: str) -> str:
    value = meta.get(key)
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        raise ValueError(tr("'{key}' must be text, not a list or mapping", key=key))
    return str(value).strip()


def _date(value: Any) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None, microsecond=0)
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time(8, 0))
    text = str(value).strip().replace("/", "-").replace("T", " ")
    for pattern in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d", "%Y年%m月%d日"):
        try:
            parsed = dt.datetime.strptime(text, pattern)
        except ValueError:
            continue
        return parsed if "%H" in pattern else parsed.replace(hour=8)
    raise ValueError(
        tr("'date' is not a date: {text!r} (use YYYY-MM-DD or YYYY-MM-DD HH:MM)", text=text)
    )


def parse_article(text: str, *, default_title: str = "") -> Article:
    """Build an article from the text of a Markdown file with optional YAML front matter."""
    header, body = split_front_matter(text)
    meta: dict[str, Any] = {}
    if header is not None:
        import yaml  # PyYAML is loaded by the commands that read or write article files only

        try:
            loaded = yaml.safe_load(header)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            problem = getattr(exc, "problem", exc)
            if mark is None:
                raise ValueError(tr("broken front matter: {exc}", exc=problem)) from None
            raise ValueError(
                tr("broken front matter (line {line}): {exc}", line=mark.line + 2, exc=problem)
            ) from None
        if loaded is None:
            loaded = {}
        if not isinstance(loaded, dict):
            raise ValueError(tr("the front matter must be a list of 'key: value' lines"))
        meta = {str(k).strip().lower(): v for k, v in loaded.items()}
    unknown = sorted(set(meta) - set(KEYS))
    if unknown:
        raise ValueError(tr("unknown front-matter key(s): {unknown}", unknown=", ".join(unknown)))
    values = {
        spec.name: _read_value(spec, meta)
        for spec in FRONT_MATTER_FIELDS
        if spec.front_matter in meta and meta[spec.front_matter] is not None
    }
    values.setdefault("title", "")
    if not str(values["title"]).strip():
        heading, body = _leading_heading(body)
        values["title"] = heading
    values["body"] = body.strip("\n") + "\n" if body.strip() else ""
    # Cleaned before the title is judged: a title of nothing but control characters is none.
    article = clean_fields(Article(**values))
    article.title = article.title.strip() or default_title
    if not article.title:
        raise ValueError(tr("the article has no title (add 'title:' to the front matter)"))
    return article


# A first line such as "# 市总工会召开全委会议": the title of a file without front matter.
_LEADING_HEADING = re.compile(r"\A\s*#[ \t]+(?P<title>[^\n]*?)[ \t]*#*[ \t]*(?:\n|\Z)")


def _leading_heading(body: str) -> tuple[str, str]:
    """Return the text of a level-1 heading that opens ``body`` and the body without it.

    Many offices keep reports as plain Markdown whose first line is the headline; that line
    becomes the title instead of a heading in the body. ("", body) when there is none.
    """
    match = _LEADING_HEADING.match(body)
    if match is None or not match.group("title").strip():
        return "", body
    return match.group("title").strip(), body[match.end() :]


def _read_value(spec: FieldSpec, meta: dict[str, Any]) -> Any:
    """Read one field's front-matter value into what the article holds."""
    key = spec.front_matter or spec.name
    if spec.kind is FieldKind.TIME:
        return _date(meta[key])
    if spec.kind is FieldKind.STATUS:
        return Status.parse(_text(meta, key))
    if spec.kind is FieldKind.KEYWORDS:
        return _keywords(meta[key], key)
    return _text(meta, key)


def _keywords(value: Any, key: str) -> list[str]:
    if isinstance(value, str):
        keywords = [k.strip() for k in value.replace("，", ",").split(",")]
    elif isinstance(value, list):
        keywords = [str(k).strip() for k in value]
    else:
        raise ValueError(tr("'{key}' must be a list or comma-separated text", key=key))
    return [k for k in keywords if k]


def read_article_file(path: Path, *, encoding: str | None = None) -> Article:
    """Read one article file, raising ArticleFileError with a clear message when it is bad.

    encoding: the one the user chose (see ENCODING_LABELS); otherwise it is detected.
    """
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ArticleFileError(
                path, tr("too large for an article ({size} MB)", size=size // 1_048_576)
            )
        data = path.read_bytes()
    except OSError as exc:
        raise ArticleFileError(path, tr("cannot be read ({exc})", exc=exc.strerror or exc)) from exc
    if encoding is not None and encoding not in ENCODING_LABELS:
        raise ArticleFileError(path, tr("unknown encoding {encoding!r}", encoding=encoding))
    try:
        text = decode_text(data, encoding)
    except EncodingUnclear as unclear:
        raise UnclearEncodingError(path, unclear) from None
    except UnicodeDecodeError:
        if encoding is not None:
            raise ArticleFileError(
                path, tr("is not text in {encoding}", encoding=ENCODING_LABELS[encoding])
            ) from None
        raise ArticleFileError(
            path, tr("is not a text file (not UTF-8, UTF-16, GB18030, Big5 or Big5-HKSCS)")
        ) from None
    try:
        return parse_article(text)
    except ValueError as exc:
        raise ArticleFileError(path, str(exc)) from None


def find_article_files(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path]:
    """Yield the article files named, looking inside folders (sorted, recursively)."""
    for item in paths:
        path = Path(item)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.suffix.lower() in MARKDOWN_SUFFIXES:
                    yield child
        elif path.exists():
            yield path
        else:
            raise ArticleFileError(path, tr("no such file or folder"))


def format_article(article: Article) -> str:
    """Write an article as Markdown with YAML front matter (the form ``import`` reads back)."""
    meta: dict[str, Any] = {}
    for spec in FRONT_MATTER_FIELDS:
        value = getattr(article, spec.name)
        key = spec.front_matter or spec.name
        if spec.kind is FieldKind.TIME:
            meta[key] = value.strftime("%Y-%m-%d %H:%M")
        elif spec.kind is FieldKind.STATUS:
            meta[key] = Status(value).value
        elif spec.kind is FieldKind.KEYWORDS:
            if value:
                meta[key] = list(value)
        elif value or spec.name == "title":
            meta[key] = value
    import yaml

    header = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000)
    body = article.body if article.body.endswith("\n") or not article.body else article.body + "\n"
    return f"---\n{header}---\n\n{body}"
