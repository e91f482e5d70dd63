"""Names and colours the interface shows for proofreading problems, in the user's language."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from desktop.article import is_hidden_character
from desktop.gui import labels
from desktop.proofread import Field, Problem, ProblemKind, Severity

#: Underline and icon colours: red for serious; for minor problems blue marks a matter of
#: typesetting style (punctuation, spaces), orange a questionable word or number.
SERIOUS_COLOUR = QColor("#d32f2f")
MINOR_STYLE_COLOUR = QColor("#1e6fd9")
MINOR_WORD_COLOUR = QColor("#e08a00")


def problem_colour(problem: Problem) -> QColor:
    """Return the colour that marks a problem in the editor and the problems list."""
    if problem.severity is Severity.SERIOUS:
        return SERIOUS_COLOUR
    return MINOR_STYLE_COLOUR if problem.kind.group == "typography" else MINOR_WORD_COLOUR


def kind_label(kind: ProblemKind) -> str:
    """Return the translated short name of a kind of problem."""
    names = {
        ProblemKind.HALF_WIDTH_PUNCTUATION: QCoreApplication.translate(
            "Proofread", "Half-width punctuation"
        ),
        ProblemKind.FULL_WIDTH_ALPHANUMERIC: QCoreApplication.translate(
            "Proofread", "Full-width letters or digits"
        ),
        ProblemKind.QUOTES: QCoreApplication.translate("Proofread", "Quotation marks"),
        ProblemKind.BRACKETS: QCoreApplication.translate("Proofread", "Unmatched brackets"),
        ProblemKind.DOUBLED_PUNCTUATION: QCoreApplication.translate(
            "Proofread", "Doubled punctuation"
        ),
        ProblemKind.DASH_ELLIPSIS: QCoreApplication.translate("Proofread", "Dash or ellipsis"),
        ProblemKind.SPACE: QCoreApplication.translate("Proofread", "Extra space"),
        ProblemKind.SPACE_BEFORE_DIGIT: QCoreApplication.translate(
            "Proofread", "Space around a number"
        ),
        ProblemKind.COMMON_ERROR: QCoreApplication.translate("Proofread", "Common wrong form"),
        ProblemKind.OFFICE_WORD: QCoreApplication.translate("Proofread", "Office word list"),
        ProblemKind.PROTECTED_NAME: QCoreApplication.translate(
            "Proofread", "Wrong form of a protected name"
        ),
        ProblemKind.GARBLED: QCoreApplication.translate("Proofread", "Garbled text"),
        ProblemKind.HIDDEN_CHARACTER: QCoreApplication.translate("Proofread", "Hidden character"),
        ProblemKind.ID_NUMBER: QCoreApplication.translate("Proofread", "ID card number"),
        ProblemKind.PHONE: QCoreApplication.translate("Proofread", "Phone number"),
        ProblemKind.BANK_CARD: QCoreApplication.translate("Proofread", "Bank card number"),
        ProblemKind.SECRET_MARK: QCoreApplication.translate("Proofread", "Secrecy mark"),
        ProblemKind.LINK: QCoreApplication.translate("Proofread", "Link address"),
        ProblemKind.CHECK_FAILED: QCoreApplication.translate("Proofread", "Could not be checked"),
        ProblemKind.PICTURE_ALT: QCoreApplication.translate(
            "Proofread", "Picture without alternative text"
        ),
    }
    return names[ProblemKind(kind)]


def field_label(field: Field) -> str:
    """Return the translated name of the article field a problem is in (its declared label)."""
    if Field(field) is Field.CAPTION:
        return QCoreApplication.translate("Proofread", "Picture caption")
    return labels.field_label(Field(field).attribute)


def severity_label(severity: Severity) -> str:
    """Return the translated name of a severity."""
    if Severity(severity) is Severity.SERIOUS:
        return QCoreApplication.translate("Proofread", "Serious")
    return QCoreApplication.translate("Proofread", "Minor")


def shown_text(text: str) -> str:
    """Return a problem's text so that spaces and line breaks can be seen in a list."""
    # A flagged space would otherwise show as nothing at all, and so would a hidden character.
    text = text.replace("\n", "⏎").replace(" ", "␣").replace("\u3000", "□")
    if text.isprintable():
        return text
    return "".join(f"<U+{ord(c):04X}>" if is_hidden_character(c) else c for c in text)


def problem_tooltip(problem: Problem) -> str:
    """Return a one-line explanation for the editor's tooltip: kind, text and the fix."""
    text = shown_text(problem.text)
    if problem.suggestion is None:
        return (
            QCoreApplication.translate("Proofread", "%1: “%2”")
            .replace("%1", kind_label(problem.kind))
            .replace("%2", text)
        )
    if not problem.suggestion:
        return (
            QCoreApplication.translate("Proofread", "%1: “%2” (delete it)")
            .replace("%1", kind_label(problem.kind))
            .replace("%2", text)
        )
    return (
        QCoreApplication.translate("Proofread", "%1: “%2” → “%3”")
        .replace("%1", kind_label(problem.kind))
        .replace("%2", text)
        .replace("%3", shown_text(problem.suggestion))
    )
