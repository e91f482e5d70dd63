"""Names the interface shows for values of the core (statuses), in the user's language."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop.article import Status


def status_label(status: Status) -> str:
    """Return the translated name of a status, as the interface shows it."""
    names = {
        Status.DRAFT: QCoreApplication.translate("Status", "Draft"),
        Status.REVIEW: QCoreApplication.translate("Status", "In review"),
        Status.APPROVED: QCoreApplication.translate("Status", "Approved"),
        Status.PUBLISHED: QCoreApplication.translate("Status", "Published"),
    }
    return names[Status(status)]
