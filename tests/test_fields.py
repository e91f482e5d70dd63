"""The article's fields are declared once: every consumer round-trips every declared field.

Each test is parametrised over the declaration (``desktop.article.ARTICLE_FIELDS``), so a field
added there that one consumer (front matter, store, revisions, JSON, 繁體, proofreading, the
list) forgets makes that consumer's test fail for the new field.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest

from desktop.article import (
    ARTICLE_FIELDS,
    CONVERTED_FIELDS,
    EDITED_FIELDS,
    FIELDS,
    FRONT_MATTER_FIELDS,
    PROOFREAD_FIELDS,
    SNAPSHOT_FIELDS,
    SUMMARY_FIELDS,
    Article,
    Attachment,
    FieldKind,
    FieldSpec,
    Status,
    to_json_value,
)
from desktop.article_file import KEYS, format_article, parse_article
from desktop.cli import article_json
from desktop.proofread import Field, ProblemKind, check_article
from desktop.store import ArticleSummary, Store
from desktop.store.revisions import article_from_snapshot, snapshot_fields
from desktop.traditional import to_traditional


def sample_value(spec: FieldSpec) -> Any:
    """Return a value for the field unlike its default, in simplified Chinese where it is text."""
    # 发展 and 汉 have traditional forms, so a converted field visibly changes.
    samples: dict[FieldKind, Any] = {
        FieldKind.TEXT: f"{spec.name}发展汉字",
        FieldKind.COLUMN: "工会动态",
        FieldKind.KEYWORDS: ["发展", f"{spec.name}汉字"],
        FieldKind.MARKDOWN: "**一是抓发展。**全市汉字。\n",
        FieldKind.TIME: dt.datetime(2026, 5, 6, 9, 30),
        FieldKind.STATUS: Status.REVIEW,
        FieldKind.NUMBER: 7,
        FieldKind.ATTACHMENTS: [Attachment("0" * 64, f"{spec.name}报名表.docx", "docx", 2048)],
    }
    return samples[spec.kind]


def full_article() -> Article:
    """Return an article with every edited field set to its sample value."""
    return Article(**{spec.name: sample_value(spec) for spec in EDITED_FIELDS})


def names(specs: tuple[FieldSpec, ...]) -> list[str]:
    return [spec.name for spec in specs]


def test_every_dataclass_field_is_declared() -> None:
    declared = [f.name for f in dataclasses.fields(Article) if "spec" in f.metadata]
    assert declared == [f.name for f in dataclasses.fields(Article)] == names(ARTICLE_FIELDS)
    assert all(FIELDS[spec.name] is spec for spec in ARTICLE_FIELDS)


def test_every_edited_field_has_a_label_and_every_text_field_is_one_line() -> None:
    assert all(spec.label for spec in EDITED_FIELDS)
    lines = {spec.name for spec in EDITED_FIELDS if spec.single_line}
    assert lines == {
        "title", "kicker", "subtitle", "column", "author", "source", "summary", "keywords", "cover"
    }  # fmt: skip


@pytest.mark.parametrize("spec", FRONT_MATTER_FIELDS, ids=names(FRONT_MATTER_FIELDS))
def test_front_matter_round_trips_the_field(spec: FieldSpec) -> None:
    assert spec.front_matter in KEYS
    article = parse_article(format_article(full_article()))
    assert getattr(article, spec.name) == sample_value(spec)


@pytest.mark.parametrize("spec", EDITED_FIELDS, ids=names(EDITED_FIELDS))
def test_every_edited_field_is_in_front_matter_or_the_file_body(spec: FieldSpec) -> None:
    # Attachments are files in the store, which a Markdown file's text cannot carry.
    assert spec.front_matter or spec.kind in (FieldKind.MARKDOWN, FieldKind.ATTACHMENTS)


@pytest.mark.parametrize("spec", ARTICLE_FIELDS, ids=names(ARTICLE_FIELDS))
def test_the_article_table_has_a_column_for_the_field(spec: FieldSpec, store: Store) -> None:
    table = {row[1] for row in store.database.execute_sql("PRAGMA table_info(article)")}
    assert spec.column_name in table
    model_columns = {f.column_name for f in store._models.Article._meta.sorted_fields}
    assert spec.column_name in model_columns


@pytest.mark.parametrize("spec", EDITED_FIELDS, ids=names(EDITED_FIELDS))
def test_the_store_round_trips_the_field(spec: FieldSpec, store: Store) -> None:
    stored = store.add_article(full_article())
    assert stored.id is not None
    assert getattr(store.get_article(stored.id), spec.name) == sample_value(spec)
    # A save writes the field too, not only the first insert.
    changed = dataclasses.replace(stored, **{spec.name: _other_value(spec)})
    store.save_article(changed)
    assert getattr(store.get_article(stored.id), spec.name) == _other_value(spec)


def _other_value(spec: FieldSpec) -> Any:
    others: dict[FieldKind, Any] = {
        FieldKind.TEXT: "另一个值",
        FieldKind.COLUMN: "通知公告",
        FieldKind.KEYWORDS: ["另一个"],
        FieldKind.MARKDOWN: "另一段正文。\n",
        FieldKind.TIME: dt.datetime(2025, 1, 2, 8, 0),
        FieldKind.STATUS: Status.APPROVED,
        FieldKind.ATTACHMENTS: [Attachment("1" * 64, "另一个附件.pdf", "pdf", 512)],
    }
    return others[spec.kind]


@pytest.mark.parametrize("spec", SNAPSHOT_FIELDS, ids=names(SNAPSHOT_FIELDS))
def test_a_revision_keeps_the_field(spec: FieldSpec) -> None:
    kept = article_from_snapshot(1, 1, snapshot_fields(full_article()), "")
    assert getattr(kept, spec.name) == sample_value(spec)


@pytest.mark.parametrize("spec", EDITED_FIELDS, ids=names(EDITED_FIELDS))
def test_a_revision_restores_the_field(spec: FieldSpec, store: Store) -> None:
    stored = store.add_article(full_article())
    assert stored.id is not None
    changed = store.save_article(dataclasses.replace(stored, **{spec.name: _other_value(spec)}))
    original = store.revisions(stored.id)[-1]
    restored = store.restore_revision(stored.id, original.id, changed.version)
    assert getattr(restored, spec.name) == sample_value(spec)


@pytest.mark.parametrize("spec", ARTICLE_FIELDS, ids=names(ARTICLE_FIELDS))
def test_the_command_line_json_has_the_field(spec: FieldSpec) -> None:
    article = dataclasses.replace(full_article(), id=3, version=2)
    article.created_at = article.updated_at = dt.datetime(2026, 5, 6, 10, 0)
    assert article_json(article)[spec.key] == to_json_value(spec, getattr(article, spec.name))


@pytest.mark.parametrize("spec", EDITED_FIELDS, ids=names(EDITED_FIELDS))
def test_the_traditional_edition_converts_exactly_the_converted_fields(spec: FieldSpec) -> None:
    article = full_article()
    converted = getattr(to_traditional(article), spec.name)
    if spec in CONVERTED_FIELDS:
        assert converted != sample_value(spec)
        assert "發展" in str(converted)
    else:
        assert converted == sample_value(spec)


def test_the_proofread_field_enum_is_the_declaration() -> None:
    members = {which.value for which in Field} - {Field.CAPTION.value}
    assert members == set(names(PROOFREAD_FIELDS))
    assert all(Field(spec.name).attribute == spec.name for spec in PROOFREAD_FIELDS)


@pytest.mark.parametrize("spec", PROOFREAD_FIELDS, ids=names(PROOFREAD_FIELDS))
def test_proofreading_reads_the_field(spec: FieldSpec) -> None:
    article = dataclasses.replace(full_article(), **{spec.name: "工会\ue000发展。"})
    problems = [p for p in check_article(article) if p.kind is ProblemKind.HIDDEN_CHARACTER]
    assert [(p.field, p.start, p.end, p.text) for p in problems] == [
        (Field(spec.name), 2, 3, "\ue000")
    ]


def test_the_list_summary_has_exactly_the_summary_fields() -> None:
    shown = {f.name for f in dataclasses.fields(ArticleSummary)}
    assert shown == set(names(SUMMARY_FIELDS))
    article = dataclasses.replace(full_article(), id=5, updated_at=dt.datetime(2026, 5, 7))
    summary = ArticleSummary.of(article)
    for spec in SUMMARY_FIELDS:
        assert getattr(summary, spec.name) == getattr(article, spec.name)
