"""The window's side of sign-off: who is at the keyboard, and the flow's steps with their questions.

The person is picked once per database on this PC and remembered; every question (who am I,
an opinion, a reason) goes through the ``Dialogs`` seam, and refusals are shown as messages.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtWidgets import QWidget

from desktop.article import Article
from desktop.gui.dialogs import Dialogs
from desktop.review import log
from desktop.review.cli import sheet_html
from desktop.review.flow import ReviewFlow, ReviewRefused, ReviewView, Step
from desktop.review.rules import ReviewRules
from desktop.review.state import Phase, replay
from desktop.store import Store, StoreError


class ReviewDesk(QObject):
    """Runs the sign-off flow for the person at the keyboard, asking what each step needs."""

    #: An article's review (and so its status) changed: the window reloads it.
    article_changed = Signal(int)
    #: The person at the keyboard changed (their name; "" for nobody yet).
    user_changed = Signal(str)

    def __init__(self, store: Store, settings: QSettings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.settings = settings
        digest = hashlib.sha1(str(Path(store.path).resolve()).encode("utf-8")).hexdigest()[:16]
        self._key = f"review/user-{digest}"
        self._user = str(self.settings.value(self._key, "") or "")
        if store.address is not None:
            self._user = self.server_person()

    def server_person(self) -> str:
        """On a server the login is the person: their name from the office's people list."""
        assert self.store.address is not None
        return self.store.site().person(self.store.address.login)

    def refresh_person(self) -> None:
        """The people list may have changed: on a server, name the login again."""
        if self.store.address is not None and self.server_person() != self._user:
            self._user = self.server_person()
            self.user_changed.emit(self._user)

    @property
    def user(self) -> str:
        """Who is at the keyboard for this database ("" until they say)."""
        return self._user

    def flow(self) -> ReviewFlow:
        """The flow as this person."""
        return ReviewFlow(self.store, self._user)

    def view(
        self,
        article_id: int | None,
        article: Article | None = None,
        current_hash: str | None = None,
    ) -> ReviewView | None:
        """The article's review as this person sees it (None: no article, or unreadable)."""
        if article_id is None:
            return None
        try:
            return self.flow().view(article_id, article, current_hash)
        except StoreError:
            return None

    def waiting_for_me(self) -> list[int]:
        """The articles whose open stage this person may sign now."""
        return self.flow().waiting_for_me() if self._user else []

    def stage_texts(self, article_ids: list[int]) -> dict[int, str]:
        """What the list shows after each article's status: its stage, or that it came back."""
        rules = ReviewRules.of(self.store.site())
        logs = log.entries_of(self.store.database.connection(), article_ids)
        texts: dict[int, str] = {}
        for article_id, entries in logs.items():
            state = replay(entries)
            if state.phase is Phase.REVIEW and state.open_stage:
                texts[article_id] = self.tr("waiting for %1").replace(
                    "%1", rules.stage_name(state.open_stage)
                )
            elif state.phase is Phase.DRAFT and state.returned_reason:
                texts[article_id] = self.tr("returned: %1").replace("%1", state.returned_reason)
            elif state.phase is Phase.DRAFT and state.withdrawn_reason:
                texts[article_id] = self.tr("withdrawn")
        return texts

    def choose_user(self, parent: QWidget | None) -> bool:
        """Ask who is at the keyboard (the office's people offered); remember the answer."""
        if self.store.address is not None:
            Dialogs.show_info(
                parent,
                self.tr("Who am I"),
                self.tr(
                    "On the server you are your login, %1: the office's people list in the "
                    "site settings gives the name you sign with (%2)."
                )
                .replace("%1", self.store.address.login)
                .replace("%2", self._user),
            )
            return False
        names = self.flow().rules().everyone()
        chosen = Dialogs.ask_review_user(parent, names, self._user)
        if chosen is None or not chosen.strip():
            return False
        self._user = chosen.strip()
        self.settings.setValue(self._key, self._user)
        self.user_changed.emit(self._user)
        return True

    def take_step(self, parent: QWidget | None, step: Step, article_id: int) -> bool:
        """Ask what the step needs, take it, and say why when it is refused."""
        if not self._user and not self.choose_user(parent):
            return False
        text = ""
        if step is not Step.SUBMIT:
            asked = Dialogs.ask_review_text(parent, step)
            if asked is None:
                return False
            text = asked
        flow = self.flow()
        try:
            if step is Step.SUBMIT:
                flow.submit(article_id)
            elif step is Step.SIGN:
                flow.sign(article_id, text)
            elif step is Step.RETURN:
                flow.return_(article_id, text)
            elif step is Step.WITHDRAW:
                flow.withdraw(article_id, text)
            else:
                flow.override(article_id, text)
        except (ReviewRefused, StoreError) as exc:
            Dialogs.show_error(parent, self.tr("Sign-off"), str(exc))
            return False
        self.article_changed.emit(article_id)
        return True

    def show_changes(self, parent: QWidget | None, article_id: int) -> None:
        """Open the history comparing the text last signed with the current one."""
        revision = self.flow().signed_revision(article_id)
        if revision is None:
            Dialogs.show_info(
                parent,
                self.tr("Changes since signed"),
                self.tr("No signed version of this article is kept in its history."),
            )
            return
        article = self.store.get_article(article_id)
        restored = Dialogs.show_history(
            parent, self.store, article_id, article.version, select=revision
        )
        if restored is not None:
            self.article_changed.emit(article_id)

    def show_sheet(self, parent: QWidget | None, article_id: int) -> None:
        """Show the sign-off sheet, to print or save as PDF."""
        Dialogs.show_sign_off_sheet(parent, sheet_html(self.store, article_id))
