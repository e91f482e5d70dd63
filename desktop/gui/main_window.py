"""The main window: the article list, the editor and the live preview, side by side."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, QObject, QSettings, Qt, QTimer, QUrl
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QLabel,
    QMainWindow,
    QSplitter,
    QWidget,
)

from desktop import __version__
from desktop.article import Article, Status
from desktop.gui.article_list import ArticleListPane
from desktop.gui.backup_dialogs import BackupRunner, DamagedChoice
from desktop.gui.dialogs import ConflictChoice, Dialogs, SaveChoice
from desktop.gui.editor_pane import EditorPane
from desktop.gui.preview import PreviewPane, WidthMode
from desktop.gui.proofreading import Proofreading
from desktop.gui.startup_check import PageCheck

if TYPE_CHECKING:
    from desktop.gui.export_runner import ExportRunner
from desktop.pictures import add_picture, picture_bytes, picture_loader
from desktop.proofread.wordlist_store import WordListStore
from desktop.store import ArticleNotFound, ArticleSummary, ConflictError, Store, StoreError
from desktop.store.errors import DamagedDatabase, DiskFull, ReadOnlyStore
from desktop.store.revisions import RevisionReason
from desktop.wordcount import count_words

#: Quiet time after typing stops before the article is saved: at most this much typing can be
#: lost to a crash or a power cut.
AUTOSAVE_DELAY_MS = 1500
#: Open the first article after this long even if the list was never painted (hidden window).
FIRST_ARTICLE_FALLBACK_MS = 500
#: Set while a window is open; still set at start-up means the last session did not close.
SESSION_KEY = "session/running"
#: During non-stop typing, save at least this often instead of waiting for a pause.
AUTOSAVE_MAX_WAIT_MS = 3000
#: While saving fails (disk full, read-only folder), try again this often.
SAVE_RETRY_MS = 10_000

#: Quiet time after a keystroke before the preview is asked for a new page. The body is turned
#: into Markdown on the GUI thread (a few ms for a long article); rendering then runs on the
#: preview's worker thread and is patched into the loaded page.
PREVIEW_DELAY_MS = 60


summary_of = ArticleSummary.of  # what the list shows of a stored article


class MainWindow(QMainWindow):
    """Newsroom's window: list, editor and preview; every connection is made in ``_connect``."""

    def __init__(self, store: Store, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.settings = settings
        self.site = store.site()
        self.columns = store.columns()
        self.current: Article | None = None
        self.dirty = False

        self.list_pane = ArticleListPane(store)
        self.editor = EditorPane()
        self.preview = PreviewPane(debounce_ms=0, picture_loader=picture_loader(store))
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("main_splitter")
        self.splitter.setChildrenCollapsible(False)
        for pane in (self.list_pane, self.editor, self.preview):
            self.splitter.addWidget(pane)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 3)
        self.setCentralWidget(self.splitter)
        self.proofreading = Proofreading(store, self.editor, self.edited_article, self)
        self.backups = BackupRunner(self)
        self._export_runner: ExportRunner | None = None  # made on the first export
        self.editor.rich.set_picture_source(picture_loader(store))
        self.editor.rich.set_picture_sink(lambda data, name: add_picture(self.store, data, name))
        self.problems_dock = self._dock(
            "problems_dock", self.tr("Proofreading"), self.proofreading.panel
        )
        self.statistics_dock = self._dock(
            "statistics_dock", self.tr("Statistics"), self.proofreading.statistics
        )
        self.tabifyDockWidget(self.problems_dock, self.statistics_dock)
        self.problems_dock.raise_()

        self._conflict_pending = False
        self.recovered = False
        self.restore_requested: Path | None = None
        self._failing = False  # saving failed and is being retried
        # False while the background check of the database file runs: nothing is written to a
        # file that may be damaged.
        self.store_checked = True
        self.page_check: PageCheck | None = None  # set by the app: the background page check
        self.autosave_timer = QTimer(self)
        self.autosave_timer.setSingleShot(True)
        self.autosave_timer.setInterval(AUTOSAVE_DELAY_MS)
        self.autosave_deadline = QTimer(self)
        self.autosave_deadline.setSingleShot(True)
        self.autosave_deadline.setInterval(AUTOSAVE_MAX_WAIT_MS)
        self.retry_timer = QTimer(self)
        self.retry_timer.setSingleShot(True)
        self.retry_timer.setInterval(SAVE_RETRY_MS)
        self.preview_timer = QTimer(self)
        self.preview_timer.setSingleShot(True)
        self.preview_timer.setInterval(PREVIEW_DELAY_MS)
        self.words_label = QLabel()
        self.words_label.setObjectName("words_label")
        self.save_label = QLabel()
        self.save_label.setObjectName("save_label")
        self.statusBar().addPermanentWidget(self.words_label)
        self.statusBar().addPermanentWidget(self.save_label)

        self._build_actions()
        self._build_menus()
        self._connect()
        # Earlier authors and sources are looked up after the first paint.
        QTimer.singleShot(0, self._refresh_choices)
        self._restore_layout()
        self._update_title()
        # The first article (editor, underlines, preview) opens once the list has been painted:
        # the window appears without waiting for it. A timer covers a window never painted.
        self._first_article_pending = True
        self.list_pane.table.viewport().installEventFilter(self)
        QTimer.singleShot(FIRST_ARTICLE_FALLBACK_MS, self._open_first_article_once)

    # Building ---------------------------------------------------------------------------------

    def _dock(self, name: str, title: str, widget: QWidget) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetMovable
        )
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
        return dock

    def _new_action(
        self,
        name: str,
        text: str,
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
    ) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.new_action = self._new_action(
            "new", self.tr("&New article"), QKeySequence.StandardKey.New
        )
        self.duplicate_action = self._new_action(
            "duplicate", self.tr("&Duplicate article"), "Ctrl+D"
        )
        self.save_action = self._new_action("save", self.tr("&Save"), QKeySequence.StandardKey.Save)
        self.delete_action = self._new_action("delete", self.tr("Move to &trash…"))
        self.site_action = self._new_action("site", self.tr("Site se&ttings…"))
        self.export_action = self._new_action("export", self.tr("&Export website…"), "Ctrl+E")
        self.import_action = self._new_action(
            "import", self.tr("&Import articles…"), "Ctrl+Shift+I"
        )
        self.picture_action = self._new_action(
            "picture", self.tr("Insert &picture…"), "Ctrl+Shift+P"
        )
        self.picture_action.setIconText(self.tr("Picture"))
        self.copy_html_action = self._new_action("copy_html", self.tr("Copy article &HTML"))
        self.export_article_action = self._new_action(
            "export_article", self.tr("Export this &article…")
        )
        self.quit_action = self._new_action("quit", self.tr("&Quit"), QKeySequence.StandardKey.Quit)
        self.undo_action = self._new_action("undo", self.tr("&Undo"), None)
        self.redo_action = self._new_action("redo", self.tr("&Redo"), None)
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        # The editor handles Ctrl+Z itself; the menu entries only show the shortcut.
        for action in (self.undo_action, self.redo_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.desktop_action = self._new_action(
            "preview_desktop", self.tr("Preview at &desktop width")
        )
        self.phone_action = self._new_action("preview_phone", self.tr("Preview at &phone width"))
        self.about_action = self._new_action("about", self.tr("&About Newsroom"))
        self.check_action = self._new_action("check", self.tr("&Check article"), "F7")
        self.history_action = self._new_action("history", self.tr("&History…"), "Ctrl+Shift+H")
        self.trash_action = self._new_action("trash", self.tr("T&rash…"))
        self.backup_action = self._new_action("backup", self.tr("&Back up now"))
        self.restore_action = self._new_action("restore", self.tr("Restore from a backup…"))
        self.wordlist_action = self._new_action("wordlist", self.tr("Office &word list…"))
        self.simplify_action = self._new_action(
            "simplify", self.tr("Convert to &simplified Chinese")
        )
        self.simplify_action.setToolTip(
            self.tr("Convert an article written in traditional characters to simplified ones")
        )

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        file_menu.addActions(
            [self.new_action, self.duplicate_action, self.save_action, self.import_action]
        )
        file_menu.addSeparator()
        file_menu.addActions([self.delete_action, self.trash_action])
        file_menu.addSeparator()
        file_menu.addActions([self.backup_action, self.restore_action])
        file_menu.addSeparator()
        file_menu.addActions(
            [self.export_action, self.copy_html_action, self.export_article_action]
        )
        file_menu.addSeparator()
        file_menu.addAction(self.site_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = bar.addMenu(self.tr("&Edit"))
        edit_menu.addActions([self.undo_action, self.redo_action, self.history_action])
        edit_menu.addSeparator()
        actions = self.editor.actions_by_name
        edit_menu.addActions([actions["find"], actions["replace"]])
        format_menu = bar.addMenu(self.tr("F&ormat"))
        for name in (
            "paragraph",
            "heading1",
            "heading2",
            "heading3",
            None,
            "bold",
            "italic",
            "strike",
            None,
            "bullets",
            "numbers",
            "quote",
            None,
            "link",
            "rule",
            "table_insert",
            "clear",
        ):
            if name is None:
                format_menu.addSeparator()
            else:
                format_menu.addAction(actions[name])
        format_menu.addSeparator()
        format_menu.addAction(self.picture_action)
        self.editor.toolbar.insertAction(actions["rule"], self.picture_action)
        view_menu = bar.addMenu(self.tr("&View"))
        view_menu.addAction(actions["source"])
        view_menu.addSeparator()
        view_menu.addActions([self.desktop_action, self.phone_action])
        view_menu.addSeparator()
        view_menu.addActions(
            [self.problems_dock.toggleViewAction(), self.statistics_dock.toggleViewAction()]
        )
        tools_menu = bar.addMenu(self.tr("&Tools"))
        tools_menu.addActions([self.check_action, self.wordlist_action, self.simplify_action])
        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addAction(self.about_action)

    def _connect(self) -> None:
        """Every signal of the panes, in one place."""
        self.list_pane.article_selected.connect(self.open_article)
        self.list_pane.new_requested.connect(self.new_article)
        self.list_pane.duplicate_requested.connect(lambda _id: self.duplicate_article())
        self.list_pane.delete_requested.connect(self.delete_article)
        self.editor.changed.connect(self._on_edited)
        self.preview_timer.timeout.connect(self.update_preview)
        self.autosave_timer.timeout.connect(self.autosave)
        self.autosave_deadline.timeout.connect(self.autosave)
        self.retry_timer.timeout.connect(self.autosave)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._on_focus_changed)
        self.preview.link_clicked.connect(self._open_link)
        self.new_action.triggered.connect(self.new_article)
        self.duplicate_action.triggered.connect(self.duplicate_article)
        self.save_action.triggered.connect(self.save)
        self.delete_action.triggered.connect(lambda: self.delete_article(self.current_id()))
        self.site_action.triggered.connect(self.edit_site)
        self.quit_action.triggered.connect(self.close)
        self.undo_action.triggered.connect(lambda: self._text_view().undo())
        self.redo_action.triggered.connect(lambda: self._text_view().redo())
        self.desktop_action.triggered.connect(
            lambda: self.preview.set_width_mode(WidthMode.DESKTOP)
        )
        self.phone_action.triggered.connect(lambda: self.preview.set_width_mode(WidthMode.PHONE))
        self.about_action.triggered.connect(self._about)
        self.check_action.triggered.connect(self._check_article)
        self.wordlist_action.triggered.connect(self._edit_word_list)
        self.simplify_action.triggered.connect(self.convert_to_simplified)
        self.history_action.triggered.connect(self.show_history)
        self.trash_action.triggered.connect(self.show_trash)
        self.backup_action.triggered.connect(self.back_up_now)
        self.restore_action.triggered.connect(self.restore_from_backup)
        self.backups.failed.connect(
            lambda message: Dialogs.show_error(self, self.tr("Backup failed"), message)
        )
        self.backups.finished.connect(self._backup_finished)
        self.export_action.triggered.connect(self.export_website)
        self.import_action.triggered.connect(self.choose_import)
        self.picture_action.triggered.connect(self.insert_picture)
        self.list_pane.import_requested.connect(self.import_paths)
        self.editor.rich.importRequested.connect(self.import_paths)
        self.editor.rich.coverRequested.connect(self.editor.form.set_cover)
        self.editor.rich.pictureRejected.connect(
            lambda message: Dialogs.show_error(self, self.tr("Not a usable picture"), message)
        )
        self.copy_html_action.triggered.connect(self.copy_html)
        self.export_article_action.triggered.connect(self.export_article)

    def _text_view(self):
        return self.editor.source if self.editor.is_source_mode() else self.editor.rich

    def _refresh_choices(self) -> None:
        self.editor.form.set_choices(
            [c.name for c in self.columns],
            self.store.known_values("author"),
            self.store.known_values("source"),
        )

    # Layout memory ----------------------------------------------------------------------------

    def _restore_layout(self) -> None:
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1500, 920)
        docks = self.settings.value("window/docks")
        if isinstance(docks, QByteArray) and not docks.isEmpty():
            self.restoreState(docks)
        else:
            # The editor and preview matter most: the proofreading panel starts low.
            self.resizeDocks([self.problems_dock], [150], Qt.Orientation.Vertical)
        state = self.settings.value("window/splitter")
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.splitter.restoreState(state)
        else:
            self.splitter.setSizes([340, 620, 540])
        if self.settings.value("preview/width") == WidthMode.PHONE.value:
            self.preview.set_width_mode(WidthMode.PHONE)

    def _save_layout(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/splitter", self.splitter.saveState())
        self.settings.setValue("window/docks", self.saveState())
        self.settings.setValue("preview/width", self.preview.width_mode().value)
        if self.current is not None and self.current.id is not None:
            self.settings.setValue("window/article", self.current.id)
        self.settings.sync()

    # Articles ---------------------------------------------------------------------------------

    def current_id(self) -> int | None:
        """Return the id of the article in the editor, if any."""
        return self.current.id if self.current is not None else None

    def edited_article(self) -> Article | None:
        """Return the article as it stands in the editor, saved or not."""
        if self.current is None:
            return None
        return self.editor.article(self.current)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Open the first article right after the list's first paint."""
        if event.type() == QEvent.Type.Paint and watched is self.list_pane.table.viewport():
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._open_first_article_once)
        return super().eventFilter(watched, event)

    def _open_first_article_once(self) -> None:
        if self._first_article_pending:
            self._first_article_pending = False
            self._open_first_article()

    def _open_first_article(self) -> None:
        # A session that never reached closeEvent ended in a crash, a kill or a power cut.
        crashed = str(self.settings.value(SESSION_KEY, "false")).lower() == "true"
        self.settings.setValue(SESSION_KEY, True)
        self.settings.sync()
        wanted = self.settings.value("window/article")
        try:
            article_id = int(wanted) if wanted is not None else None
        except (TypeError, ValueError):
            article_id = None
        if article_id is not None and self.list_pane.select_article(article_id):
            if crashed and self.current is not None and self.current.id == article_id:
                self._tell_recovered(self.current)
            return
        self.list_pane.select_row(0)

    def _tell_recovered(self, article: Article) -> None:
        when = article.updated_at.strftime("%Y-%m-%d %H:%M:%S") if article.updated_at else ""
        self.recovered = True
        self.statusBar().showMessage(self.tr("Recovered after an unexpected exit"), 15000)
        Dialogs.show_info(
            self,
            self.tr("Work recovered"),
            self.tr(
                "Newsroom was not closed properly last time. “%1” has been reopened as it was "
                "last saved automatically (%2)."
            )
            .replace("%1", article.title)
            .replace("%2", when),
        )

    def open_article(self, article_id: int) -> bool:
        """Show an article in the editor and preview, asking first about unsaved changes."""
        if self.current is not None and self.current.id == article_id:
            return True
        if not self.maybe_save():
            if self.current is not None and self.current.id is not None:
                self.list_pane.select_article(self.current.id)
            return False
        try:
            article = self.store.get_article(article_id)
        except ArticleNotFound:
            self.list_pane.model.remove_article(article_id)
            return False
        self._load(article)
        return True

    def _load(self, article: Article) -> None:
        self.current = article
        if article.id is not None:
            # Remembered at once, not only on closing: after a crash this is what reopens.
            self.settings.setValue("window/article", article.id)
        self.editor.set_article(article)
        self._set_dirty(False)
        self._update_words()
        self.preview.show_article(article, self.site, self.columns)
        self.preview.flush()
        self.proofreading.article_opened(article)

    def maybe_save(self) -> bool:
        """Make sure no change is lost before the editor shows something else.

        Changes are saved as they are (the same as an autosave); only when that fails (a
        full disk, a conflict left undecided) is the user asked what to do.
        """
        if not self.dirty or self.current is None:
            return True
        if self.autosave():
            return True
        choice = Dialogs.ask_save_changes(
            self, self.editor.form.title_edit.text() or self.current.title
        )
        if choice is SaveChoice.CANCEL:
            return False
        if choice is SaveChoice.DISCARD:
            self._set_dirty(False)
            return True
        return self.save()

    def save(self) -> bool:
        """Save the article in the editor (Ctrl+S); on failure keep the text and say why."""
        article = self.edited_article()
        if article is None:
            return True
        if not article.title.strip():
            Dialogs.show_error(self, self.tr("Cannot save"), self.tr("The article needs a title."))
            self.editor.form.focus_title()
            return False
        return self._write(article, RevisionReason.SAVE, quiet=False)

    def autosave(self) -> bool:
        """Save what is in the editor now, without asking anything; return whether it worked."""
        self.autosave_timer.stop()
        self.autosave_deadline.stop()
        article = self.edited_article()
        if article is None or not self.dirty:
            return True
        if self._conflict_pending:
            return False
        if not article.title.strip():
            # The text matters more than the title: keep it under a placeholder title.
            article = replace(article, title=self.tr("Untitled article"))
        return self._write(article, RevisionReason.AUTOSAVE, quiet=True)

    def _write(self, article: Article, reason: RevisionReason, *, quiet: bool) -> bool:
        if not self.store_checked:
            self.save_label.setText(self.tr("Checking the database…"))
            return False
        try:
            saved = self.store.save_article(article, reason=reason)
        except ConflictError:
            return self._resolve_conflict(article)
        except (DiskFull, ReadOnlyStore) as exc:
            # Keep the text in the editor and try again shortly: saving works again as soon
            # as space is freed or the folder is writable, without a restart.
            first_failure = not self.retry_timer.isActive() and not self._failing
            self._save_failed(str(exc))
            # Say it once when saving starts failing (and whenever the user asked to save);
            # the retries that follow only update the status bar.
            if not quiet or first_failure:
                Dialogs.show_error(self, self.tr("Cannot save"), self._save_failure_text(exc))
            return False
        except StoreError as exc:
            self._save_failed(str(exc))
            if not quiet:
                Dialogs.show_error(self, self.tr("Cannot save"), str(exc))
            return False
        self.retry_timer.stop()
        self._failing = False
        self.current = saved
        self.editor.mark_saved()
        self._set_dirty(False)
        when = dt.datetime.now().strftime("%H:%M:%S")
        if reason is RevisionReason.AUTOSAVE:
            self.save_label.setText(self.tr("Saved automatically at %1").replace("%1", when))
        else:
            self.statusBar().showMessage(self.tr("Saved"), 3000)
        self.list_pane.model.update_article(summary_of(saved))
        if saved.column and saved.column not in [c.name for c in self.columns]:
            self.columns = self.store.columns()
            self.list_pane.set_columns([c.name for c in self.columns])
        self._refresh_choices()
        return True

    def _save_failure_text(self, exc: StoreError) -> str:
        if isinstance(exc, DiskFull):
            return self.tr(
                "The disk is full. Your text is still in the editor and will be saved as soon "
                "as there is space again."
            )
        return self.tr(
            "The database cannot be written to (read-only). Your text is still in the editor "
            "and will be saved as soon as writing works again."
        )

    def _save_failed(self, message: str) -> None:
        self._failing = True
        self.save_label.setText(self.tr("Not saved: %1").replace("%1", message))
        self.retry_timer.start()

    def _resolve_conflict(self, mine: Article) -> bool:
        """Another window saved this article first: show both and let the user choose."""
        assert mine.id is not None
        self._conflict_pending = True
        try:
            theirs = self.store.get_article(mine.id)
        except ArticleNotFound:
            # Deleted elsewhere while typing: the store kept this text as a revision; bring the
            # article back so nothing is lost.
            self._conflict_pending = False
            Dialogs.show_error(
                self,
                self.tr("Article deleted elsewhere"),
                self.tr(
                    "This article was moved to the trash in another window. Restore it from "
                    "the trash to go on; your text was kept in its history."
                ),
            )
            return False
        choice = Dialogs.resolve_conflict(self, mine, theirs)
        self._conflict_pending = False
        if choice is ConflictChoice.MINE:
            try:
                saved = self.store.force_save(mine, theirs.version)
            except StoreError as exc:
                Dialogs.show_error(self, self.tr("Cannot save"), str(exc))
                return False
            self.current = saved
            self.editor.mark_saved()
            self._set_dirty(False)
            self.list_pane.model.update_article(summary_of(saved))
            return True
        if choice is ConflictChoice.THEIRS:
            self._load(theirs)
            self.list_pane.model.update_article(summary_of(theirs))
            return True
        return False

    def new_article(self) -> None:
        """Create a draft, open it, and put the cursor in the title field."""
        if not self.maybe_save():
            return
        column = self.current.column if self.current is not None else ""
        draft = Article(
            title=self.tr("Untitled article"),
            column=column,
            status=Status.DRAFT,
            author=self.current.author if self.current is not None else "",
        )
        stored = self.store.add_article(draft)
        self._insert_and_open(stored)
        self.editor.form.focus_title()

    def duplicate_article(self) -> None:
        """Copy the article in the editor into a new draft and open the copy."""
        article = self.edited_article()
        if article is None or not self.maybe_save():
            return
        copy_title = self.tr("%1 (copy)").replace("%1", article.title)
        stored = self.store.add_article(
            replace(
                article,
                id=None,
                title=copy_title,
                status=Status.DRAFT,
                version=0,
                created_at=None,
                updated_at=None,
            )
        )
        self._insert_and_open(stored)

    def _insert_and_open(self, article: Article) -> None:
        assert article.id is not None
        self._set_dirty(False)
        self.list_pane.model.update_article(summary_of(article))
        self._load(article)
        self.list_pane.select_article(article.id)

    def delete_article(self, article_id: int | None) -> None:
        """Move an article to the trash after asking; nothing is destroyed."""
        if article_id is None:
            return
        title = (
            self.current.title
            if self.current is not None and self.current.id == article_id
            else str(article_id)
        )
        if not Dialogs.confirm_delete(self, title):
            return
        row = self.list_pane.model.row_of(article_id)
        try:
            self.store.trash_article(article_id)
        except StoreError as exc:
            Dialogs.show_error(self, self.tr("Cannot move to trash"), str(exc))
            return
        if self.current is not None and self.current.id == article_id:
            self.current = None
            self._set_dirty(False)
        self.list_pane.model.remove_article(article_id)
        if self.list_pane.model.rowCount() > 0:
            self.list_pane.select_row(min(max(row, 0), self.list_pane.model.rowCount() - 1))
        else:
            self.editor.setEnabled(False)

    def edit_site(self) -> None:
        """Edit the site settings and columns; the preview follows at once."""
        result = Dialogs.edit_site(self, self.site, self.columns)
        if result is None:
            return
        site, columns = result
        try:
            self.store.save_site(site)
            self.columns = self.store.save_columns(columns)
        except StoreError as exc:
            Dialogs.show_error(self, self.tr("Cannot save the settings"), str(exc))
            return
        self.site = self.store.site()
        self.list_pane.set_columns([c.name for c in self.columns])
        self._refresh_choices()
        self.update_preview()

    # While typing -----------------------------------------------------------------------------

    def _on_edited(self) -> None:
        self._set_dirty(True)
        self._update_words()
        self.preview_timer.start()
        self.proofreading.edited()
        self.autosave_timer.start()
        if not self.autosave_deadline.isActive():
            self.autosave_deadline.start()

    def _on_focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        # Leaving the editor (for the list, another window, a dialog) saves at once.
        leaving = old is not None and self.editor.isAncestorOf(old)
        if self.dirty and leaving and (new is None or not self.editor.isAncestorOf(new)):
            self.autosave()

    def update_preview(self) -> None:
        """Ask the preview for the page of the article as it stands in the editor."""
        article = self.edited_article()
        if article is not None:
            self.preview.show_article(article, self.site, self.columns)

    def _update_words(self) -> None:
        count = count_words(self.editor.body_plain_text())
        self.words_label.setText(self.tr("%n characters", "", count))

    def _set_dirty(self, dirty: bool) -> None:
        self.dirty = dirty
        self.save_label.setText(self.tr("Unsaved changes") if dirty else self.tr("Saved"))
        self._update_title()

    def _update_title(self) -> None:
        name = self.tr("Newsroom")
        title = self.current.title if self.current is not None else ""
        self.setWindowTitle(f"{title}[*] — {name}" if title else name)
        self.setWindowModified(self.dirty)

    # Export ---------------------------------------------------------------------------------

    @property
    def export_runner(self) -> ExportRunner:
        """The background exporter, made (and its modules loaded) on first use."""
        if self._export_runner is None:
            from desktop.gui.export_runner import ExportRunner

            self._export_runner = ExportRunner(self.store, self)
            self.export_runner.finished.connect(
                lambda summary: Dialogs.present_export_summary(
                    self, summary, self.export_runner.override_findings
                )
            )
            self.export_runner.failed.connect(
                lambda message: Dialogs.show_error(self, self.tr("Export failed"), message)
            )
            self.export_runner.cancelled.connect(
                lambda: Dialogs.show_info(
                    self, self.tr("Export cancelled"), ExportRunner.cancelled_text()
                )
            )
            for outcome in (
                self.export_runner.finished,
                self.export_runner.failed,
                self.export_runner.cancelled,
                self.export_runner.declined,
            ):
                outcome.connect(lambda *_: self.export_action.setEnabled(True))
        return self._export_runner

    def export_website(self) -> None:
        """Ask where and what to export, then build the bundle in the background."""
        if self.export_runner.is_running() or not self.maybe_save():
            return
        options = Dialogs.ask_export_options(self, self.settings)
        if options is not None and self.export_runner.start(options):
            self.export_action.setEnabled(False)

    def copy_html(self) -> None:
        """Put the article's body on the clipboard as clean HTML for a web back office."""
        article = self.edited_article()
        if article is not None:
            from desktop.gui.article_html import copy_article_html

            copy_article_html(article, self.site, QGuiApplication.clipboard())
            self.statusBar().showMessage(self.tr("Article HTML copied"), 4000)

    def export_article(self) -> None:
        """Save the article as one self-contained page."""
        article = self.edited_article()
        if article is not None:
            from desktop.gui.article_html import export_single_article

            export_single_article(
                self, article, self.site, self.columns, lambda p: picture_bytes(self.store, p)
            )

    # Pictures and import ---------------------------------------------------------------------

    def insert_picture(self) -> None:
        """Choose a picture file, give it alt text and a caption, and insert it."""
        self.editor.rich.choose_picture(
            lambda data, name, keep: add_picture(self.store, data, name, keep_original=keep)
        )

    def choose_import(self) -> None:
        """Ask for Word or Markdown files to import."""
        paths = Dialogs.choose_import_files(self)
        if paths:
            self.import_paths(paths)

    def import_paths(self, paths: list[str]) -> None:
        """Import files (or folders) with progress and a report; new articles join the list."""
        if not paths or not self.maybe_save():
            return
        from desktop.gui.import_dialog import ImportDialog  # loads the Word reader

        dialog = ImportDialog(self, self.store, list(paths))
        dialog.imported.connect(self._imported)
        dialog.start()

    def _imported(self, ids: list[int]) -> None:
        if not ids:
            return
        self.columns = self.store.columns()
        self.list_pane.set_columns([c.name for c in self.columns])
        self.list_pane.model.refresh()
        self.list_pane.select_article(ids[0])

    # The database file -------------------------------------------------------------------

    def database_checked(self) -> None:
        """The background check found the database sound: saving may start."""
        self.store_checked = True
        if self.dirty:
            self.autosave()

    def database_damaged(self, error: DamagedDatabase) -> None:
        """The background check found damage: offer the newest good backup, write nothing."""
        self.store_checked = False
        choice, backup = Dialogs.ask_damaged_database(self, error)
        if choice is DamagedChoice.RESTORE and backup is not None:
            self.restore_requested = backup
        # Nothing more is saved into the damaged file: the restore (or quitting) follows.
        self.dirty = False
        self.close()

    # History, trash and backups -------------------------------------------------------------

    def show_history(self) -> None:
        """Show the article's revisions; a restored one opens in the editor."""
        if self.current is None or self.current.id is None or not self.maybe_save():
            return
        restored = Dialogs.show_history(self, self.store, self.current.id, self.current.version)
        if restored is not None:
            self._load(restored)
            self.list_pane.model.update_article(summary_of(restored))

    def show_trash(self) -> None:
        """Show the trash; restored articles come back into the list."""
        if not self.maybe_save():
            return
        restored = Dialogs.show_trash(self, self.store)
        if restored:
            self.list_pane.model.refresh()
            self.list_pane.select_article(restored[0])

    def back_up_now(self) -> None:
        """Take a backup of the database now (SQLite's online backup, checked)."""
        self.autosave()
        self.backups.start_backup(self.store)

    def _backup_finished(self, path: object) -> None:
        if isinstance(path, Path):
            self.statusBar().showMessage(self.tr("Backup saved: %1").replace("%1", str(path)), 8000)

    def restore_from_backup(self) -> None:
        """Replace the database with a backup the user picks, then start again on it."""
        if not self.maybe_save():
            return
        backup = Dialogs.choose_backup(self, self.store.path)
        if backup is None:
            return
        self.restore_requested = backup
        # The database must be closed before it is replaced: the app restores it as it quits
        # and starts again on the restored file.
        self.close()

    def convert_to_simplified(self) -> None:
        """Turn an article typed in traditional characters into simplified ones.

        The text as it was is saved first, so the history holds the original.
        """
        if self.current is None or not self.maybe_save():
            return
        article = self.edited_article()
        if article is None:
            return
        from desktop.traditional import to_simplified  # loads OpenCC

        converted = to_simplified(article)
        if converted == article:
            self.statusBar().showMessage(self.tr("Already in simplified characters"), 4000)
            return
        self.editor.set_article(converted)
        self._on_edited()
        self.save()

    def _check_article(self) -> None:
        self.problems_dock.show()
        self.problems_dock.raise_()
        self.proofreading.check_now()

    def _edit_word_list(self) -> None:
        if Dialogs.edit_word_list(self, WordListStore(self.store)):
            self.proofreading.reload_settings()

    def _open_link(self, url: QUrl) -> None:
        if url.scheme() in ("http", "https", "mailto"):
            QDesktopServices.openUrl(url)

    def _about(self) -> None:
        Dialogs.show_info(
            self,
            self.tr("About Newsroom"),
            self.tr(
                "Newsroom %1\nWrite, check and export your organisation's news website."
            ).replace("%1", __version__),
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        """Never close over unsaved changes without asking; remember the layout."""
        if not self.maybe_save():
            event.ignore()
            return
        self.backups.cancel()
        self.backups.wait()
        if self._export_runner is not None:
            self._export_runner.wait()
        self._save_layout()
        self.settings.setValue(SESSION_KEY, False)
        self.settings.sync()
        event.accept()
