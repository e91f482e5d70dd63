"""Peewee models over the tables the migrations create (the schema is owned by migrations)."""

from __future__ import annotations

import peewee as pw


class StoreModels:
    """The model classes bound to one open database, so several stores can be open at once."""

    def __init__(self, database: pw.Database) -> None:
        class Base(pw.Model):
            class Meta:
                # A store's models belong to its own database, not a global one.
                database = None

        Base._meta.set_database(database)

        class ColumnRecord(Base):
            id = pw.AutoField()
            name = pw.TextField(unique=True)
            slug = pw.TextField(unique=True)
            position = pw.IntegerField(default=0)

            class Meta:
                table_name = "site_column"

        class ArticleRecord(Base):
            id = pw.AutoField()
            kicker = pw.TextField(default="")
            title = pw.TextField()
            subtitle = pw.TextField(default="")
            column = pw.ForeignKeyField(
                ColumnRecord, null=True, column_name="column_id", on_delete="SET NULL"
            )
            author = pw.TextField(default="")
            source = pw.TextField(default="")
            published_at = pw.DateTimeField()
            summary = pw.TextField(default="")
            keywords = pw.TextField(default="[]")
            cover = pw.TextField(default="")
            attachments = pw.TextField(default="[]")
            status = pw.TextField(default="draft")
            body = pw.TextField(default="")
            version = pw.IntegerField(default=1)
            created_at = pw.DateTimeField()
            updated_at = pw.DateTimeField()
            deleted_at = pw.DateTimeField(null=True)

            class Meta:
                table_name = "article"

        class SettingRecord(Base):
            key = pw.TextField(primary_key=True)
            value = pw.TextField()

            class Meta:
                table_name = "site_setting"

        self.Column = ColumnRecord
        self.Article = ArticleRecord
        self.Setting = SettingRecord
