"""Names the interface shows for values of the core (statuses, fields), in the user's language."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from desktop.article import FIELDS, FieldSpec, Status

#: The labels declared with the article's fields (desktop/article.py), listed here so that
#: lupdate collects them; the form, the history and the checks translate them in this context.
FIELD_LABEL_CONTEXT = "ArticleForm"
FIELD_LABELS = (
    QT_TRANSLATE_NOOP("ArticleForm", "Title"),
    QT_TRANSLATE_NOOP("ArticleForm", "Body"),
    QT_TRANSLATE_NOOP("ArticleForm", "Kicker"),
    QT_TRANSLATE_NOOP("ArticleForm", "Subtitle"),
    QT_TRANSLATE_NOOP("ArticleForm", "Column"),
    QT_TRANSLATE_NOOP("ArticleForm", "Author"),
    QT_TRANSLATE_NOOP("ArticleForm", "Source"),
    QT_TRANSLATE_NOOP("ArticleForm", "Published"),
    QT_TRANSLATE_NOOP("ArticleForm", "Summary"),
    QT_TRANSLATE_NOOP("ArticleForm", "Keywords"),
    QT_TRANSLATE_NOOP("ArticleForm", "Cover"),
    QT_TRANSLATE_NOOP("ArticleForm", "Attachments"),
    QT_TRANSLATE_NOOP("ArticleForm", "Status"),
)


def field_label(field: FieldSpec | str) -> str:
    """Return the translated label of an article field (its declaration or its name)."""
    spec = FIELDS.get(field, None) if isinstance(field, str) else field
    if spec is None or not spec.label:
        return str(field)
    return QCoreApplication.translate(FIELD_LABEL_CONTEXT, spec.label)


def status_label(status: Status) -> str:
    """Return the translated name of a status, as the interface shows it."""
    names = {
        Status.DRAFT: QCoreApplication.translate("Status", "Draft"),
        Status.REVIEW: QCoreApplication.translate("Status", "In review"),
        Status.APPROVED: QCoreApplication.translate("Status", "Approved"),
        Status.PUBLISHED: QCoreApplication.translate("Status", "Published"),
    }
    return names[Status(status)]
