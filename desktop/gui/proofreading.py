"""Proofreading in the window: underlines while typing, the problems panel, fixes and ignores."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QHelpEvent, QTextCursor, QTextDocument
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QToolTip

from desktop.article import Article
from desktop.gui.editor_pane import EditorPane
from desktop.gui.problems_panel import ProblemsPanel
from desktop.gui.proofread_fixes import (
    apply_fix_in_document,
    apply_fix_to_field,
    apply_fixes_in_document,
)
from desktop.gui.proofread_highlighter import ProofreadHighlighter
from desktop.gui.proofread_labels import problem_tooltip
from desktop.gui.statistics_panel import StatisticsPanel
from desktop.gui.work import WorkQueue
from desktop.proofread import (
    ArticleStatistics,
    Field,
    Problem,
    ProblemKind,
    StaleProblem,
    apply_fix,
)
from desktop.proofread.process import CheckProcess
from desktop.proofread.wordlist_store import IgnoredProblems, settings_for
from desktop.store import Store
from desktop.store.errors import ServerUnreachable

#: Quiet time after an edit before the whole article is checked again for the panel.
CHECK_DELAY_MS = 400


class Proofreading(QObject):
    """Keeps the underlines, the problems panel and the statistics in step with the editor.

    The whole article is checked for the panel on a work queue, never on the GUI thread (a
    300,000-character article takes over a second): one check at a time, and a check whose
    article was edited meanwhile is dropped and run again on the newer text.
    """

    #: The panel and the statistics now show the check of this body (its Markdown).
    checked = Signal(str)

    def __init__(
        self,
        store: Store,
        editor: EditorPane,
        edited_article: Callable[[], Article | None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.editor = editor
        self._edited_article = edited_article
        self.panel = ProblemsPanel()
        self.panel.setObjectName("problems_panel")
        self.statistics = StatisticsPanel()
        self.statistics.setObjectName("statistics_panel")
        self.rich_highlighter = ProofreadHighlighter(editor.rich.document())
        self.source_highlighter = ProofreadHighlighter(
            editor.source.document(), markdown_source=True
        )
        self._checked_markdown = ""
        self._article_id: int | None = None
        # The ignored problems as last read: offline (team mode) the server cannot be asked.
        self._ignored_seen: tuple[int | None, dict[str, str]] = (None, {})
        # Created before the timer on purpose: deleting the queue waits for a running check.
        self._checks = WorkQueue(self, name="proofreading")
        #: Where a long article is checked (its own process), closed with this object.
        self.check_process = CheckProcess()
        self.destroyed.connect(self.check_process.close)
        self._running = False
        self._again = False  # edited (or asked again) while a check was running
        #: Whole-article checks started, and their results dropped as stale.
        self.checks_started = 0
        self.checks_dropped = 0
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(CHECK_DELAY_MS)

        self.timer.timeout.connect(self.check_now)
        self.panel.fix_requested.connect(self.fix)
        self.panel.fix_all_requested.connect(self.fix_all)
        self.panel.ignore_requested.connect(self.ignore)
        self.panel.unignore_requested.connect(self.unignore)
        self.panel.locate_requested.connect(self.locate)
        editor.rich.viewport().installEventFilter(self)
        editor.source.viewport().installEventFilter(self)
        editor.rich.documentReplaced.connect(self._rich_document_replaced)

    # Following the editor ---------------------------------------------------------------------

    def article_opened(self, article: Article) -> None:
        """Load the settings (office list, ignored problems) of a newly opened article."""
        self._article_id = article.id
        self.reload_settings()

    def reload_settings(self) -> None:
        """Read the word list and ignored problems again and underline anew."""
        try:
            settings = settings_for(self.store, self._article_id)
        except ServerUnreachable:
            self.check_now()  # offline: the word list as last read
            return
        self.rich_highlighter.set_settings(settings)
        self.source_highlighter.set_settings(settings)
        self.check_now()

    def _rich_document_replaced(self, document: QTextDocument) -> None:
        """Underline the editor's new document, with the settings and checks kept so far."""
        self.rich_highlighter = self.rich_highlighter.moved_to(document)

    def edited(self) -> None:
        """Schedule a check of the whole article after the typing pauses."""
        if self._running:
            self._again = True  # the running check is of older text
        self.timer.start()

    def is_busy(self) -> bool:
        """Whether a check is waiting for a pause, running, or about to run again."""
        return self.timer.isActive() or self._running

    def check_now(self) -> None:
        """Check the article as it stands in the editor; the panel and statistics follow."""
        self.timer.stop()
        if self._running:
            self._again = True
            return
        article = self._edited_article()
        if article is None:
            self.panel.set_problems([], {})
            self.statistics.show_statistics(None)
            self._checked_markdown = ""
            return
        settings = self.rich_highlighter.settings().with_ignored(())
        ignored: dict[str, str] = {}
        if article.id is not None:
            try:
                ignored = {
                    p.key: p.reason for p in IgnoredProblems(self.store).for_article(article.id)
                }
                self._ignored_seen = (article.id, ignored)
            except ServerUnreachable:
                if self._ignored_seen[0] == article.id:
                    ignored = self._ignored_seen[1]
        self._running = True
        self._again = False
        self.checks_started += 1
        checker = self.check_process
        # On the work queue's thread: a copy of the article, no widget touched.
        job = self._checks.start(lambda _context: checker.check(article, settings))
        job.succeeded.connect(lambda result: self._on_checked(article.body, ignored, *result))
        job.failed.connect(lambda _error: self._on_check_ended())

    def _on_checked(
        self,
        markdown: str,
        ignored: dict[str, str],
        problems: list[Problem],
        figures: ArticleStatistics,
    ) -> None:
        if self._again:
            self.checks_dropped += 1  # the text changed while it was checked
        else:
            self._checked_markdown = markdown
            self.panel.set_problems(problems, ignored)
            self.statistics.show_statistics(figures)
            self.checked.emit(markdown)
        self._on_check_ended()

    def _on_check_ended(self) -> None:
        self._running = False
        if self._again:
            self._again = False
            if not self.timer.isActive():
                self.check_now()

    def wait(self) -> None:
        """Block until a running check has returned (the window is closing)."""
        self._checks.wait()

    # Acting on problems -----------------------------------------------------------------------

    def _field_edit(self, field: Field) -> QLineEdit | QPlainTextEdit | None:
        return self.editor.form.edit_for(field.attribute)

    def fix(self, problem: Problem) -> bool:
        """Apply one problem's suggested fix where it is; return whether it applied."""
        done = self._fix(problem)
        self.check_now()
        return done

    def _fix(self, problem: Problem) -> bool:
        if problem.suggestion is None:
            return False
        if problem.field in (Field.BODY, Field.CAPTION):
            if self.editor.is_source_mode():
                return self._fix_in_source(problem)
            return apply_fix_in_document(
                self.editor.rich.document(), problem, markdown=self._checked_markdown
            )
        edit = self._field_edit(problem.field)
        if edit is None:
            return False
        text = edit.text() if isinstance(edit, QLineEdit) else edit.toPlainText()
        try:
            fixed = apply_fix_to_field(text, problem)
        except StaleProblem:
            return False
        if isinstance(edit, QLineEdit):
            edit.setText(fixed)
            edit.textEdited.emit(fixed)  # the form reports edits, not programmatic changes
        else:
            edit.setPlainText(fixed)
        return True

    def _fix_in_source(self, problem: Problem) -> bool:
        source = self.editor.source
        try:
            apply_fix(source.toPlainText(), problem)
        except StaleProblem:
            return False
        cursor = QTextCursor(source.document())
        cursor.setPosition(problem.start)
        cursor.setPosition(problem.end, QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(problem.suggestion or "")
        return True

    def fix_all(self, kind: ProblemKind) -> int:
        """Apply every fix of one kind in the body (one undo step) and in the fields."""
        problems = [p for p in self.panel.problems() if p.kind is kind and p.suggestion is not None]
        body = [p for p in problems if p.field is Field.BODY]
        count = 0
        if body and not self.editor.is_source_mode():
            count += apply_fixes_in_document(
                self.editor.rich.document(), body, markdown=self._checked_markdown
            )
        elif body:
            for problem in sorted(body, key=lambda p: p.start, reverse=True):
                count += self._fix_in_source(problem)
        for problem in sorted(
            (p for p in problems if p.field is not Field.BODY), key=lambda p: -p.start
        ):
            count += self._fix(problem)
        self.check_now()
        return count

    def ignore(self, problem: Problem, reason: str) -> None:
        """Record that this problem is deliberate, with the reason given."""
        if self._article_id is None:
            return
        IgnoredProblems(self.store).ignore(self._article_id, problem.key, reason)
        self.reload_settings()

    def unignore(self, problem: Problem) -> None:
        """Show a previously ignored problem again."""
        if self._article_id is None:
            return
        IgnoredProblems(self.store).unignore(self._article_id, problem.key)
        self.reload_settings()

    def locate(self, problem: Problem) -> None:
        """Move the cursor to a problem and select its text."""
        if problem.field in (Field.BODY, Field.CAPTION):
            view = self.editor.source if self.editor.is_source_mode() else self.editor.rich
            document = view.document()
            if self.editor.is_source_mode():
                cursor = QTextCursor(document)
                cursor.setPosition(min(problem.start, document.characterCount() - 1))
                cursor.setPosition(
                    min(problem.end, document.characterCount() - 1), QTextCursor.MoveMode.KeepAnchor
                )
            else:
                cursor = document.find(problem.text)
            if not cursor.isNull():
                view.setTextCursor(cursor)
            view.setFocus()
            return
        edit = self._field_edit(problem.field)
        if isinstance(edit, QLineEdit):
            edit.setFocus()
            edit.setSelection(problem.start, problem.end - problem.start)
        elif edit is not None:
            edit.setFocus()

    # Tooltips ---------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Explain an underlined problem when the pointer rests on it."""
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            rich_port = self.editor.rich.viewport()
            if watched is rich_port:
                position = self.editor.rich.cursorForPosition(event.pos()).position()
                problem = self.rich_highlighter.problem_at(position)
            else:
                position = self.editor.source.cursorForPosition(event.pos()).position()
                problem = self.source_highlighter.problem_at(position)
            if problem is not None:
                QToolTip.showText(event.globalPos(), problem_tooltip(problem))
            else:
                QToolTip.hideText()
            return True
        return super().eventFilter(watched, event)
