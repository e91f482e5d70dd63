"""The editor pane's sign-off strip: the stage, who signed what, and this person's buttons.

It only shows and asks: each button emits a request the main window wires to the review desk.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop.review.content import SHORT
from desktop.review.flow import ReviewView, Step
from desktop.review.state import Phase

_RETURNED_STYLE = "color: #b00020;"


class ReviewPanel(QWidget):
    """Shows an article's review and offers 送审, 通过, 退回, 撤稿 when this person may."""

    #: The person asked to take a step (a ``Step``) on the article shown.
    step_requested = Signal(object)
    #: Show what changed since the last signature (the history's side-by-side diff).
    changes_requested = Signal()
    #: Show the sign-off sheet (审签单).
    sheet_requested = Signal()
    #: Say who is at the keyboard.
    user_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("review_panel")
        self.stage_label = QLabel()
        self.stage_label.setObjectName("review_stage")
        self.signatures_label = QLabel()
        self.signatures_label.setObjectName("review_signatures")
        self.signatures_label.setWordWrap(True)
        self.reason_label = QLabel()
        self.reason_label.setObjectName("review_reason")
        self.reason_label.setWordWrap(True)
        self.reason_label.setStyleSheet(_RETURNED_STYLE)
        self.user_button = QPushButton()
        self.user_button.setObjectName("review_user")
        self.user_button.setFlat(True)
        self.buttons: dict[Step, QPushButton] = {
            Step.SUBMIT: QPushButton(self.tr("Submit for review (送审)")),
            Step.SIGN: QPushButton(self.tr("Approve (通过)…")),
            Step.RETURN: QPushButton(self.tr("Return (退回)…")),
            Step.WITHDRAW: QPushButton(self.tr("Withdraw (撤稿)…")),
            Step.OVERRIDE: QPushButton(self.tr("Approve as it is…")),
        }
        self.buttons[Step.OVERRIDE].setToolTip(
            self.tr(
                "A final-stage signer approves the text as it stands now, with a reason the "
                "sign-off sheet and the export summary show."
            )
        )
        self.changes_button = QPushButton(self.tr("Changes since signed…"))
        self.changes_button.setObjectName("review_changes")
        self.sheet_button = QPushButton(self.tr("Sign-off sheet…"))
        self.sheet_button.setObjectName("review_sheet")

        # Where the article stands and who is at the keyboard on one line; under it only the
        # steps this person may take now, and that line only when there is one. A grid of
        # greyed-out buttons cost the editor's body a third of its height on a 768-pixel screen.
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.setSpacing(4)
        top.addWidget(self.stage_label, 1)
        top.addWidget(self.changes_button)
        top.addWidget(self.sheet_button)
        top.addWidget(self.user_button)
        self.steps_row = QWidget()
        self.steps_row.setObjectName("review_steps")
        steps = QHBoxLayout(self.steps_row)
        steps.setContentsMargins(0, 0, 0, 0)
        steps.setSpacing(4)
        for step, button in self.buttons.items():
            button.setObjectName(f"review_{step.value}")
            button.clicked.connect(lambda _checked=False, step=step: self.step_requested.emit(step))
            steps.addWidget(button)
        steps.addStretch(1)
        # The stage gives way to the buttons when the pane is narrow (its tooltip keeps it all).
        self.stage_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 2)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.signatures_label)
        layout.addWidget(self.reason_label)
        layout.addWidget(self.steps_row)

        self.changes_button.clicked.connect(self.changes_requested)
        self.sheet_button.clicked.connect(self.sheet_requested)
        self.user_button.clicked.connect(self.user_requested)
        self.show_view(None, "")

    def stage_text(self, view: ReviewView) -> str:
        """Return where the article stands, in words."""
        state = view.state
        if state.phase is Phase.REVIEW and state.open_stage:
            text = self.tr("In review: waiting for %1 (stage %2 of %3)")
            text = text.replace("%1", view.stage_name).replace("%2", str(state.open_stage))
            text = text.replace("%3", str(view.rules.stages))
            if state.changed_after_signature:
                text += self.tr(" — changed after a signature")
            return text
        if state.phase is Phase.APPROVED:
            if not state.exportable(view.current_hash):
                return self.tr("Approved, but the text changed since")
            if state.before_record:
                return self.tr("Approved (before sign-off was recorded)")
            return self.tr("Approved: ready to export")
        if state.phase is Phase.PUBLISHED:
            return self.tr("Published")
        if state.returned_reason:
            return self.tr("Returned to the author")
        if state.withdrawn_reason:
            return self.tr("Withdrawn")
        return self.tr("Draft: not yet submitted for review")

    def show_view(self, view: ReviewView | None, user: str) -> None:
        """Show an article's review (None: no article), with the buttons ``user`` may use."""
        self.user_button.setText(
            self.tr("I am %1").replace("%1", user) if user else self.tr("Who am I?")
        )
        if view is None:
            self.stage_label.setText("")
            self.signatures_label.setText("")
            self.signatures_label.hide()
            self.reason_label.hide()
            for button in (*self.buttons.values(), self.changes_button):
                button.setEnabled(False)
                button.hide()
            self.steps_row.hide()
            self.sheet_button.setEnabled(False)
            return
        state = view.state
        self.stage_label.setText(self.stage_text(view))
        self.stage_label.setToolTip(self.stage_label.text())
        lines = []
        for sig in state.signatures:
            line = self.tr("%1: %2 signed at %3 — “%4” (%5)")
            for marker, value in (
                ("%1", view.rules.stage_name(sig.stage)),
                ("%2", sig.user),
                ("%3", sig.time[:16]),
                ("%4", sig.opinion),
                ("%5", sig.content_hash[:SHORT]),
            ):
                line = line.replace(marker, value)
            lines.append(html.escape(line))
        if state.override_hash and state.override_hash == view.current_hash:
            lines.append(
                html.escape(
                    self.tr("Approved as it is by %1: %2")
                    .replace("%1", state.override_by)
                    .replace("%2", state.override_reason)
                )
            )
        self.signatures_label.setText("<br>".join(lines))
        self.signatures_label.setVisible(bool(lines))
        reason = ""
        if state.phase is Phase.DRAFT and state.returned_reason:
            reason = self.tr("Returned by %1: %2").replace("%1", state.returned_by)
            reason = reason.replace("%2", state.returned_reason)
        elif state.phase is Phase.DRAFT and state.withdrawn_reason:
            reason = self.tr("Withdrawn: %1").replace("%1", state.withdrawn_reason)
        self.reason_label.setText(reason)
        self.reason_label.setVisible(bool(reason))
        for step, button in self.buttons.items():
            button.setEnabled(step in view.steps)
            button.setVisible(step in view.steps)
        self.changes_button.setEnabled(view.has_signed_revision)
        self.changes_button.setVisible(view.has_signed_revision)
        self.steps_row.setVisible(bool(view.steps))
        self.sheet_button.setEnabled(True)
