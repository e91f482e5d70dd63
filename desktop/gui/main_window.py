"""The main window: the article list, the editor and the live preview, side by side."""

from __future__ import annotations

import datetime as dt
from contextlib import suppress
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QByteArray,
    QCoreApplication,
    QEvent,
    QEventLoop,
    QObject,
    QSettings,
    Qt,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDesktopServices,
    QGuiApplication,
    QKeySequence,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QLabel,
    QMainWindow,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop import __version__
from desktop.article import Article, Attachment, Column, Status
from desktop.attachments import AttachmentError, with_attached, with_removed, with_renamed
from desktop.config import PreviewTiming
from desktop.gui.article_list import ArticleListPane
from desktop.gui.article_lock import ArticleLock
from desktop.gui.article_session import ArticleSession, RecoveryRecord
from desktop.gui.attaching import Attaching
from desktop.gui.backup_dialogs import BackupRunner, DamagedChoice
from desktop.gui.body_warming import BodyWarming
from desktop.gui.connection import ConnectionLabel, ServerConnection, refuse_offline
from desktop.gui.dialogs import Dialogs
from desktop.gui.editor_pane import EditorPane
from desktop.gui.preview import PreviewPane, WidthMode
from desktop.gui.proofreading import Proofreading
from desktop.gui.review_desk import ReviewDesk
from desktop.gui.sample_banner import SampleBanner
from desktop.gui.startup_check import PageCheck
from desktop.gui.team import LiveDesk, LiveUpdates, TeamConnector
from desktop.gui.typing_timer import TypingTimer
from desktop.gui.work import WorkQueue

if TYPE_CHECKING:
    from desktop.gui.article_printing import ArticlePrinting
    from desktop.gui.export_runner import ExportRunner
    from desktop.gui.selfcheck_dialog import LinkCheckDialog, SelfCheckDialog
    from desktop.gui.upload_dialog import UploadRunner
from desktop.pictures import add_picture, picture_bytes, picture_loader
from desktop.proofread.wordlist_store import WordListStore
from desktop.sample_content import (
    create_own_database,
    dismiss_banner,
    find_sample_content,
    own_database_path,
    placeholder_free,
    shows_banner,
    start_own_content,
)
from desktop.store import ArticleNotFound, ArticleSummary, Store, StoreError
from desktop.store.errors import DamagedDatabase, ServerUnreachable
from desktop.store.journal import EditJournal
from desktop.store.locks import EditLocks
from desktop.store.revisions import RevisionReason
from desktop.store.search import prepare_index_text
from desktop.wordcount import count_words

#: Open the first article after this long even if the list was never painted (hidden window).
FIRST_ARTICLE_FALLBACK_MS = 500
#: Bodies longer than this are counted (字数) on a work queue rather than at once.
COUNT_AT_ONCE_CHARS = 20_000


summary_of = ArticleSummary.of  # what the list shows of a stored article


class MainWindow(QMainWindow):
    """Newsroom's window: list, editor and preview; every connection is made in ``_connect``."""

    #: Open this database in place of this one: a file (the office's own, just created; this
    #: PC's file again) or a server URL (File → Connect to a server…).
    database_requested = Signal(object)

    def __init__(self, store: Store, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.settings = settings
        self.recovery = RecoveryRecord(settings, store.path)
        self.site = store.site()
        self.columns = store.columns()

        self.list_pane = ArticleListPane(store)
        self.editor = EditorPane()
        self.session = ArticleSession(store, self.editor, self)
        # Team mode: the server's state in the status bar; edits kept on this PC while it is away.
        self.connection: ServerConnection | None = None
        self.connection_label: ConnectionLabel | None = None
        if store.address is not None:
            self.connection = ServerConnection(store.address, self)
            self.connection_label = ConnectionLabel(store.address)
            self.session.use_journal(EditJournal.beside(store.path))
        self.preview = PreviewPane(debounce_ms=0, picture_loader=picture_loader(store))
        # Bodies not yet in the cache of rendered bodies, rendered in a process of their own
        # while nobody types, so the day's export finds them.
        self.body_warming = BodyWarming(store, self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("main_splitter")
        self.splitter.setChildrenCollapsible(False)
        for pane in (self.list_pane, self.editor, self.preview):
            self.splitter.addWidget(pane)
        # The list keeps the width that shows all its columns; editor and preview share the rest.
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 1)
        self.sample_banner = SampleBanner()
        self.sample_banner.setVisible(shows_banner(store))
        central = QWidget()
        central_layout = QVBoxLayout(central)
        central_layout.setContentsMargins(0, 0, 0, 0)
        central_layout.setSpacing(0)
        central_layout.addWidget(self.sample_banner)
        central_layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)
        self.proofreading = Proofreading(store, self.editor, self.edited_article, self)
        self.backups = BackupRunner(self)
        self._export_runner: ExportRunner | None = None  # made on the first export
        self._upload_runner: UploadRunner | None = None  # made on the first upload
        self._printing: ArticlePrinting | None = None  # made on the first print or PDF
        self.link_check: LinkCheckDialog | None = None  # the open Tools → Check links window
        self.self_check: SelfCheckDialog | None = None  # the open Tools → Site self-check
        # Sign-off (三审三校): who is at the keyboard, and the flow's steps.
        self.review = ReviewDesk(store, settings, self)
        # Team mode: the edit lock of the article shown, the server's notices, connecting.
        self.locks = EditLocks(store, self.review.user or store.location)
        self.article_lock = ArticleLock(self.locks, self.session, self)
        self.session.write_guard = self.article_lock.may_write
        self.session.write_check = self.article_lock.write_check
        self.team = TeamConnector(settings, store, self)
        self.live = LiveUpdates(store.address, self) if store.address is not None else None
        self.live_desk = LiveDesk(store, self.locks, self)
        self.list_pane.model.set_stage_source(self.review.stage_texts)
        self.editor.rich.set_picture_source(picture_loader(store))
        self.editor.rich.set_picture_sink(lambda data, name: add_picture(self.store, data, name))
        # Files attached to the edited article are read on a queue of their own.
        self.attaching = Attaching(store, self)
        self._attaching_to: int | None = None  # the article the files being read are for
        # The attachment removed last, to put back: (article id, its place, the attachment).
        self._removed: tuple[int, int, Attachment] | None = None
        self.problems_dock = self._dock(
            "problems_dock", self.tr("Proofreading"), self.proofreading.panel
        )
        self.statistics_dock = self._dock(
            "statistics_dock", self.tr("Statistics"), self.proofreading.statistics
        )
        self.tabifyDockWidget(self.problems_dock, self.statistics_dock)
        self.problems_dock.raise_()

        self.recovered = False
        self.restore_requested: Path | None = None
        self.page_check: PageCheck | None = None  # set by the app: the background page check
        self._closed = False
        self._default_split = False  # the panes' widths wait for the first show (see showEvent)
        self._default_docks = False  # and so does the proofreading panel's height
        # The body is turned into Markdown on the GUI thread (a few ms for a long article) at
        # most once per refresh; the preview renders on its worker, one page at a time.
        timing = PreviewTiming()
        self.preview_schedule = TypingTimer(timing.pause_ms, timing.max_wait_ms, self)
        self._preview_stale = False  # edited since the page on its way was asked for
        self._preview_rest_after_ms = timing.rest_after_ms
        self._preview_rest = QTimer(self)  # after a slow page, before the next is asked for
        self._preview_rest.setSingleShot(True)
        self._word_counts = WorkQueue(self, name="word count")
        # A long body's content hash for the sign-off strip; only the newest one is shown.
        self._review_hashes = WorkQueue(self, name="review hash")
        # The search index's character table is built on its first use, the first article
        # written: a quarter of a second on a busy PC, beside the window rather than in it.
        self._review_hashes.start(lambda _context: prepare_index_text())
        self._review_asked = 0
        self._counting = False  # a count is running; _count_again: the text changed since
        self._count_again = False
        self._choices_seen = ("", "")  # the author and source the choices were last read for
        self.words_label = QLabel()
        self.words_label.setObjectName("words_label")
        self.save_label = QLabel()
        self.save_label.setObjectName("save_label")
        self.statusBar().addPermanentWidget(self.words_label)
        self.statusBar().addPermanentWidget(self.save_label)
        if self.connection_label is not None:
            self.statusBar().addPermanentWidget(self.connection_label)

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
        if self.live is not None:
            self.live.start()
            QTimer.singleShot(0, self.live_desk.read_locks)

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
        self.upload_action = self._new_action("upload", self.tr("&Upload to server…"))
        self.import_action = self._new_action(
            "import", self.tr("&Import articles…"), "Ctrl+Shift+I"
        )
        self.picture_action = self._new_action(
            "picture", self.tr("Insert &picture…"), "Ctrl+Shift+P"
        )
        self.picture_action.setIconText(self.tr("Picture"))
        self.attach_action = self._new_action("attach", self.tr("&Attach files…"))
        self.attach_action.setIconText(self.tr("Attachment"))
        self.attach_action.setToolTip(
            self.tr("Offer files for download under the article: PDF, Word, WPS, Excel, zip")
        )
        self.copy_html_action = self._new_action("copy_html", self.tr("Copy article &HTML"))
        self.export_article_action = self._new_action(
            "export_article", self.tr("Export this &article…")
        )
        self.print_action = self._new_action(
            "print", self.tr("&Print…"), QKeySequence.StandardKey.Print
        )
        self.pdf_action = self._new_action("save_pdf", self.tr("Save as PD&F…"))
        self.quit_action = self._new_action("quit", self.tr("&Quit"), QKeySequence.StandardKey.Quit)
        self.sheet_action = self._new_action("sign_off_sheet", self.tr("Sign-off &sheet…"))
        self.review_user_action = self._new_action("review_user", self.tr("Who am &I…"))
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
        # A server database is replaced from a backup with `newsroom migrate FILE URL --replace`.
        self.restore_action.setEnabled(not self.store.is_server)
        self.connect_server_action = self._new_action(
            "connect_server", self.tr("Connect to a ser&ver…")
        )
        self.local_file_action = self._new_action("use_local_file", self.tr("Use a &local file…"))
        self.local_file_action.setEnabled(self.store.is_server)
        self.wordlist_action = self._new_action("wordlist", self.tr("Office &word list…"))
        self.simplify_action = self._new_action(
            "simplify", self.tr("Convert to &simplified Chinese")
        )
        self.links_action = self._new_action("check_links", self.tr("Check &links…"))
        self.links_action.setToolTip(
            self.tr("Ask every web address the articles link to whether it still answers")
        )
        self.selfcheck_action = self._new_action("selfcheck", self.tr("Site se&lf-check…"))
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
        file_menu.addActions([self.connect_server_action, self.local_file_action])
        file_menu.addSeparator()
        file_menu.addActions(
            [
                self.export_action,
                self.upload_action,
                self.copy_html_action,
                self.export_article_action,
            ]
        )
        file_menu.addSeparator()
        file_menu.addActions([self.print_action, self.pdf_action])
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
        format_menu.addAction(self.attach_action)
        self.editor.add_toolbar_actions([self.picture_action, self.attach_action])
        self.editor.attachments.set_add_action(self.attach_action)
        view_menu = bar.addMenu(self.tr("&View"))
        view_menu.addAction(actions["source"])
        view_menu.addSeparator()
        view_menu.addActions([self.desktop_action, self.phone_action])
        view_menu.addSeparator()
        view_menu.addActions(
            [self.problems_dock.toggleViewAction(), self.statistics_dock.toggleViewAction()]
        )
        review_menu = bar.addMenu(self.tr("&Review"))
        review_menu.addActions([self.sheet_action, self.review_user_action])
        tools_menu = bar.addMenu(self.tr("&Tools"))
        tools_menu.addActions([self.check_action, self.wordlist_action, self.simplify_action])
        tools_menu.addSeparator()
        tools_menu.addActions([self.links_action, self.selfcheck_action])
        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addAction(self.about_action)

    def _connect(self) -> None:
        """Every signal of the panes, in one place."""
        self.list_pane.article_selected.connect(self.open_article)
        self.list_pane.new_requested.connect(self.new_article)
        self.list_pane.duplicate_requested.connect(lambda _id: self.duplicate_article())
        self.list_pane.delete_requested.connect(self.delete_article)
        self.editor.changed.connect(self.session.edited)
        self.editor.changed.connect(self._on_edited)
        self.editor.changed.connect(self.body_warming.edited)
        self.preview_schedule.due.connect(self.update_preview)
        self._preview_rest.timeout.connect(self.update_preview)
        self.preview.rendered.connect(self._on_preview_shown)
        self.preview.render_failed.connect(self._on_preview_shown)
        self.session.loaded.connect(self._on_loaded)
        self.session.dirty_changed.connect(self._on_dirty_changed)
        self.session.saved.connect(self._on_saved)
        self.session.save_failed.connect(
            lambda message: self.save_label.setText(self.tr("Not saved: %1").replace("%1", message))
        )
        self.session.save_waiting.connect(
            lambda: self.save_label.setText(self.tr("Checking the database…"))
        )
        self.session.conflict_resolved.connect(
            lambda article: self.list_pane.model.update_article(summary_of(article))
        )
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self.session.focus_moved)
        self.preview.link_clicked.connect(self._open_link)
        self.new_action.triggered.connect(self.new_article)
        self.duplicate_action.triggered.connect(self.duplicate_article)
        self.save_action.triggered.connect(lambda: self.session.save(wait=False))
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
        self.links_action.triggered.connect(self.check_links)
        self.selfcheck_action.triggered.connect(self.site_self_check)
        self.history_action.triggered.connect(self.show_history)
        self.trash_action.triggered.connect(self.show_trash)
        self.backup_action.triggered.connect(self.back_up_now)
        self.restore_action.triggered.connect(self.restore_from_backup)
        self.backups.failed.connect(
            lambda message: Dialogs.show_error(self, self.tr("Backup failed"), message)
        )
        self.backups.finished.connect(self._backup_finished)
        self.export_action.triggered.connect(self.export_website)
        self.upload_action.triggered.connect(self.upload_site)
        self.import_action.triggered.connect(self.choose_import)
        self.picture_action.triggered.connect(self.insert_picture)
        self.list_pane.import_requested.connect(self.import_paths)
        self.editor.rich.importRequested.connect(self.import_dropped)
        # Attachments: the menu and the strip's button, a drop, rename and remove.
        self.attach_action.triggered.connect(self.choose_attachments)
        self.editor.rich.attachRequested.connect(self.attach_paths)
        self.editor.attachments.rename_requested.connect(self.rename_attachment)
        self.editor.attachments.remove_requested.connect(self.remove_attachment)
        self.editor.attachments.undo_requested.connect(self.undo_remove_attachment)
        self.session.loaded.connect(lambda *_: self._forget_removed())
        self.attaching.attached.connect(self._attached)
        self.attaching.refused.connect(
            lambda problems: Dialogs.show_error(
                self, self.tr("Cannot attach"), "\n\n".join(problems)
            )
        )
        self.attaching.busy_changed.connect(
            lambda busy: (
                self.statusBar().showMessage(self.tr("Reading the files to attach…"))
                if busy
                else self.statusBar().clearMessage()
            )
        )
        # A body with a long table goes in after it was opened: its 字数 is counted then.
        self.editor.rich.pasteFinished.connect(self._update_words)
        self.editor.rich.coverRequested.connect(self.editor.form.set_cover)
        self.editor.rich.pictureRejected.connect(
            lambda message: Dialogs.show_error(self, self.tr("Not a usable picture"), message)
        )
        self.copy_html_action.triggered.connect(self.copy_html)
        self.export_article_action.triggered.connect(self.export_article)
        self.sample_banner.start_own_requested.connect(self.start_own_content)
        self.sample_banner.dismiss_requested.connect(self.dismiss_sample_banner)
        self.print_action.triggered.connect(self.print_article)
        self.pdf_action.triggered.connect(self.save_pdf)
        # Sign-off: the editor's review strip, the list's "waiting for me", the Review menu.
        self.editor.review.step_requested.connect(self.take_review_step)
        self.editor.review.changes_requested.connect(self.show_changes_since_signed)
        self.editor.review.sheet_requested.connect(self.show_sign_off_sheet)
        self.editor.review.user_requested.connect(lambda: self.review.choose_user(self))
        self.sheet_action.triggered.connect(self.show_sign_off_sheet)
        self.review_user_action.triggered.connect(lambda: self.review.choose_user(self))
        self.review.article_changed.connect(self._review_changed)
        self.review.user_changed.connect(lambda _user: self.refresh_review())
        self.list_pane.waiting_toggled.connect(lambda _on: self._update_waiting())
        self.session.saved.connect(lambda article, _reason: self._review_saved(article))
        self.session.loaded.connect(self._review_loaded)
        if self.connection is not None:
            self.connection.online_changed.connect(self._on_online_changed)
            self.session.server_lost.connect(self.connection.lost)
            self.session.pending_changed.connect(lambda _count: self._on_pending_changed())
            self.connection.start()
        # Team mode: connecting, the edit lock, and what other PCs change.
        self.connect_server_action.triggered.connect(lambda: self.team.connect_to_server(self))
        self.local_file_action.triggered.connect(self.team.use_local_file)
        self.team.switch_requested.connect(self.switch_database)
        self.session.loaded.connect(self.article_lock.opened)
        self.article_lock.changed.connect(self._show_lock)
        self.article_lock.taken_over.connect(self._taken_over)
        self.article_lock.failed.connect(lambda message: self.statusBar().showMessage(message))
        self.editor.lock_banner.take_over_requested.connect(self.article_lock.take_over)
        self.review.user_changed.connect(self._person_changed)
        if self.live is not None:
            self.live.arrived.connect(self.live_desk.handle)
        self.live_desk.already_shown = self._shows_version
        self.live_desk.summary_updated.connect(self.list_pane.model.update_article)
        self.live_desk.article_removed.connect(self._removed_elsewhere)
        self.live_desk.article_changed.connect(self._changed_elsewhere)
        self.live_desk.list_stale.connect(self._list_stale)
        self.live_desk.editing_changed.connect(self.list_pane.model.set_editing)
        self.live_desk.lock_changed.connect(self._lock_changed_elsewhere)

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
            screen = self.screen().availableGeometry() if self.screen() is not None else None
            if screen is not None and (screen.width() < 1500 or screen.height() < 920):
                self.resize(screen.width(), screen.height())  # a 1366×768 laptop, say
            else:
                self.resize(1500, 920)
        docks = self.settings.value("window/docks")
        if isinstance(docks, QByteArray) and not docks.isEmpty():
            self.restoreState(docks)
        else:
            self._default_docks = True  # set when shown, at the window's real height
        state = self.settings.value("window/splitter")
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.splitter.restoreState(state)
        else:
            self._default_split = True  # set when shown, at the window's real width
        if self.settings.value("preview/width") == WidthMode.PHONE.value:
            self.preview.set_width_mode(WidthMode.PHONE)

    def showEvent(self, event: QShowEvent) -> None:
        """On the first show without a remembered layout: every list column, then the panes."""
        super().showEvent(event)
        if self._default_split:
            self._default_split = False
            listed = self.list_pane.full_width()
            rest = max(self.splitter.width() - listed, 400)
            self.splitter.setSizes([listed, rest * 8 // 15, rest * 7 // 15])
        if self._default_docks:
            self._default_docks = False
            # The editor and preview matter most: the proofreading panel starts low, lower still
            # on a laptop's 768 pixels (three rows of problems; it can be pulled up).
            low = self.height() < 900
            self.resizeDocks([self.problems_dock], [100 if low else 150], Qt.Orientation.Vertical)

    def _save_layout(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/splitter", self.splitter.saveState())
        self.settings.setValue("window/docks", self.saveState())
        self.settings.setValue("preview/width", self.preview.width_mode().value)
        article_id = self.current_id()
        if article_id is not None:
            self.recovery.remember_article(article_id)
        self.settings.sync()

    # Articles ---------------------------------------------------------------------------------

    def current_id(self) -> int | None:
        """Return the id of the article in the editor, if any."""
        return self.session.current_id()

    def edited_article(self) -> Article | None:
        """Return the article as it stands in the editor, saved or not."""
        return self.session.edited_article()

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
            # Edits kept on this PC when the last window lost the server (or was killed).
            self.session.resume_journal()
            self._show_connection()

    # The server (team mode) -------------------------------------------------------------------

    def _on_online_changed(self, online: bool) -> None:
        # The lock first: text saved when the server is back is saved under it.
        self.article_lock.set_online(online)
        self.session.set_online(online)
        self._show_connection()

    def _show_connection(self) -> None:
        if self.connection is not None and self.connection_label is not None:
            self.connection_label.show_state(
                self.connection.online, self.session.pending_edits(), self.connection.last_error
            )

    def _on_pending_changed(self) -> None:
        if not self.session.is_online():
            when = dt.datetime.now().strftime("%H:%M:%S")
            self.save_label.setText(
                self.tr("Kept on this PC at %1 (saved on the server when it is back)").replace(
                    "%1", when
                )
            )
        self._show_connection()

    def _offline_refuses(self, message: str) -> bool:
        """Whether the server is away; if so, say that what was asked (``message``) needs it."""
        if self.session.is_online():
            return False
        refuse_offline(self, message)
        return True

    def _open_offline(self, article_id: int) -> bool:
        """Offline: open an article this window still has in memory, or say it cannot."""
        copy = self.session.offline_copy(article_id)
        if copy is None:
            refuse_offline(
                self,
                self.tr(
                    "Only articles opened in this window before the server went away can be "
                    "worked on while offline."
                ),
            )
        if copy is None or not self.session.maybe_save():
            current_id = self.current_id()
            if current_id is not None:
                self.list_pane.select_article(current_id)
            return False
        self.session.open_offline(copy)
        return True

    def _server_lost(self, exc: ServerUnreachable) -> None:
        if self.connection is not None:
            self.connection.lost(str(exc))

    def _open_first_article(self) -> None:
        # A window on this database that never reached closeEvent ended in a crash, a kill or
        # a power cut.
        crashed = self.recovery.begin()
        article_id = self.recovery.article_id()
        if article_id is not None and self.list_pane.select_article(article_id):
            current = self.session.current
            if crashed and current is not None and current.id == article_id:
                # Team mode: text the killed window kept on this PC is saved before telling.
                self.session.resume_journal()
                self._tell_recovered(self.session.current or current)
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
        if self.current_id() == article_id:
            return True
        if not self.session.is_online():
            return self._open_offline(article_id)
        if not self.session.maybe_save():
            current_id = self.current_id()
            if current_id is not None:
                self.list_pane.select_article(current_id)
            return False
        try:
            article = self.store.get_article(article_id)
        except ArticleNotFound:
            self.list_pane.model.remove_article(article_id)
            return False
        except ServerUnreachable as exc:
            self._server_lost(exc)
            return self._open_offline(article_id)
        self.session.load(article)
        return True

    def _on_loaded(self, article: Article) -> None:
        self._choices_seen = (article.author, article.source)
        if article.id is not None:
            self.recovery.remember_article(article.id)
        self.preview_schedule.cancel()
        self._preview_rest.stop()
        self._preview_stale = False
        self._update_words()
        self.preview.show_article(article, self.site, self.columns, stored=True)
        self.preview.flush()
        self.proofreading.article_opened(article)
        self._update_title()

    def _on_saved(self, saved: Article, reason: RevisionReason) -> None:
        when = dt.datetime.now().strftime("%H:%M:%S")
        if reason is RevisionReason.AUTOSAVE:
            self.save_label.setText(self.tr("Saved automatically at %1").replace("%1", when))
        else:
            self.statusBar().showMessage(self.tr("Saved"), 3000)
        self.list_pane.model.update_article(summary_of(saved))
        self.preview.body_stored(saved.body)
        if saved.column and saved.column not in [c.name for c in self.columns]:
            self.columns = self.store.columns()
            self.list_pane.set_columns([c.name for c in self.columns])
        # Counting earlier authors and sources reads every article (about 0.1 s at 100,000):
        # only a changed author or source can add a choice, so autosaves while typing skip it.
        if (saved.author, saved.source) != self._choices_seen:
            self._choices_seen = (saved.author, saved.source)
            self._refresh_choices()

    def new_article(self) -> None:
        """Create a draft, open it, and put the cursor in the title field."""
        if self._offline_refuses(self.tr("A new article is created on the server.")):
            return
        if not self.session.maybe_save():
            return
        current = self.session.current
        # The column carries over (a run of reports for one column); the author does not: it
        # is the page's byline, and the form offers the remembered authors to pick from.
        draft = Article(
            title=self.tr("Untitled article"),
            column=current.column if current is not None else "",
            status=Status.DRAFT,
        )
        stored = self.store.add_article(draft)
        self._insert_and_open(stored)
        self.editor.form.focus_title()

    def duplicate_article(self) -> None:
        """Copy the article in the editor into a new draft and open the copy."""
        article = self.edited_article()
        if self._offline_refuses(self.tr("A new article is created on the server.")):
            return
        if article is None or not self.session.maybe_save():
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
        self.list_pane.model.update_article(summary_of(article))
        self.session.load(article)
        self.list_pane.select_article(article.id)

    def delete_article(self, article_id: int | None) -> None:
        """Move an article to the trash after asking; nothing is destroyed."""
        if article_id is None:
            return
        current = self.session.current
        title = current.title if current is not None and current.id == article_id else ""
        if not Dialogs.confirm_delete(self, title or str(article_id)):
            return
        row = self.list_pane.model.row_of(article_id)
        try:
            self.store.trash_article(article_id)
        except StoreError as exc:
            Dialogs.show_error(self, self.tr("Cannot move to trash"), str(exc))
            return
        if self.current_id() == article_id:
            self.session.close_article()
            self.article_lock.closed()
        self.list_pane.model.remove_article(article_id)
        if self.list_pane.model.rowCount() > 0:
            self.list_pane.select_row(min(max(row, 0), self.list_pane.model.rowCount() - 1))
        else:
            self.editor.setEnabled(False)

    def edit_site(self) -> None:
        """Edit the site settings, columns and update windows; the preview follows at once."""
        if self._offline_refuses(self.tr("This needs the articles and settings on the server.")):
            return
        from desktop.proofread.selfcheck_store import column_windows

        result = Dialogs.edit_site(self, self.site, self.columns, column_windows(self.store))
        if result is None:
            return
        try:
            self.store.save_site(result.site)
            self.columns = self.store.save_columns(result.columns)
            self._save_windows(result.windows)
        except StoreError as exc:
            Dialogs.show_error(self, self.tr("Cannot save the settings"), str(exc))
            return
        self.site = self.store.site()
        self.list_pane.set_columns([c.name for c in self.columns])
        self._refresh_choices()
        self.update_preview()

    def _save_windows(self, windows: dict[str, int | None]) -> None:
        """Store the columns' update windows (by name: new columns have ids only now)."""
        from desktop.proofread.selfcheck_store import set_column_windows

        ids = {column.name: column.id for column in self.columns if column.id is not None}
        set_column_windows(
            self.store, {ids[name]: days for name, days in windows.items() if name in ids}
        )

    def start_own_content(self) -> None:
        """Start with the office's own content: a new database file beside the demo one (on a
        server, the sample articles are deleted and the settings replaced instead)."""
        if self._offline_refuses(self.tr("This needs the articles and settings on the server.")):
            return
        if not self.session.maybe_save():
            return
        if not self.store.is_server:
            self._start_own_database()
            return
        sample = find_sample_content(self.store, Status).articles
        if not Dialogs.confirm_start_own_content(self, len(sample)):
            return
        result = Dialogs.edit_site(self, placeholder_free(self.site), self.columns)
        if result is None:
            return
        current = self.current_id()
        try:
            start_own_content(self.store, result.site)
            self.columns = self.store.save_columns(result.columns)
            self._save_windows(result.windows)
        except StoreError as exc:
            Dialogs.show_error(self, self.tr("Cannot save the settings"), str(exc))
            return
        if current in {article_id for article_id, _ in sample}:
            self.session.close_article()
        self.site = self.store.site()
        self.sample_banner.hide()
        self.list_pane.set_columns([c.name for c in self.columns])
        self.list_pane.model.refresh()
        if self.list_pane.model.rowCount() > 0:
            self.list_pane.select_row(0)
        else:
            self.editor.setEnabled(False)
        self._refresh_choices()
        self.update_preview()

    def _start_own_database(self) -> None:
        # The demo stays as it is: the office's own site gets a file of its own, with the
        # settings dialog opened on it, and the window moves to it (the app remembers it).
        path = Dialogs.choose_new_database(self, own_database_path(self.store.path))
        if path is None:
            return
        fresh = [Column(name=c.name, slug=c.slug, position=c.position) for c in self.columns]
        result = Dialogs.edit_site(self, placeholder_free(self.site), fresh)
        if result is None:
            return
        try:
            create_own_database(path, result.site, result.columns, result.windows)
        except StoreError as exc:
            Dialogs.show_error(self, self.tr("Cannot create the database"), str(exc))
            return
        self.database_requested.emit(path)

    def dismiss_sample_banner(self) -> None:
        """Hide the sample-content banner for good in this database (the export still warns)."""
        self.sample_banner.hide()
        try:
            dismiss_banner(self.store)
        except StoreError as exc:
            Dialogs.show_error(self, self.tr("Cannot save the settings"), str(exc))

    # While typing -----------------------------------------------------------------------------

    def _on_edited(self) -> None:
        self._preview_stale = True
        # While a page is on its way, the edits wait for it and go in the next one, asked for
        # as soon as it is shown: one render in flight, one conversion per refresh, and no
        # keystroke holds the preview back. Otherwise a short pause gathers one burst.
        if not self.preview.is_updating() and not self._preview_rest.isActive():
            self.preview_schedule.edited()
        self.proofreading.edited()

    def _on_preview_shown(self, *_: object) -> None:
        if not self._preview_stale:
            return
        took = self.preview.last_render_ms + self.preview.last_show_ms
        if took > self._preview_rest_after_ms:
            self._preview_rest.start(int(took))
        else:
            self.update_preview()

    def update_preview(self) -> None:
        """Ask the preview for the page of the article as it stands in the editor."""
        self.preview_schedule.cancel()
        self._preview_rest.stop()
        self._preview_stale = False
        # Counted with each refresh, not each keystroke: a few ms in a long article.
        self._update_words()
        article = self.edited_article()
        if article is not None:
            self.preview.show_article(article, self.site, self.columns)

    def _update_words(self) -> None:
        if self._counting:
            self._count_again = True
            return
        text = self.editor.body_plain_text()
        if len(text) <= COUNT_AT_ONCE_CHARS:
            self._show_words(count_words(text))
            return
        # About 50 ms for 300,000 characters: counted beside the window, one count at a time.
        self._counting = True
        job = self._word_counts.start(lambda _context: count_words(text))
        job.succeeded.connect(self._counted)
        job.failed.connect(lambda _error: self._counted(None))

    def _counted(self, count: int | None) -> None:
        self._counting = False
        if self._count_again:
            self._count_again = False
            self._update_words()
        elif count is not None:
            self._show_words(count)

    def _show_words(self, count: int) -> None:
        self.words_label.setText(self.tr("%n characters", "", count))

    def is_settled(self) -> bool:
        """Whether nothing the window does after an edit is still pending or running.

        The preview is shown, underlines and the proofreading panel are up to date, the word
        count is in, the edit is saved (or saving failed) and the sign-off strip shows it: what
        a test or a benchmark waits for.
        """
        return not (
            self.editor.rich.is_pasting()
            or self.preview.is_updating()
            or self.preview_schedule.is_waiting()
            or self._preview_rest.isActive()
            or self.proofreading.is_busy()
            or self.proofreading.rich_highlighter.is_pending()
            or self._counting
            or self._review_hashes.busy()
            or self.attaching.is_busy()
            or self.session.autosave_pending()
            or (self.session.dirty and not self.session.is_retrying())
        )

    def _on_dirty_changed(self, dirty: bool) -> None:
        self.save_label.setText(self.tr("Unsaved changes") if dirty else self.tr("Saved"))
        self._update_title()

    def _update_title(self) -> None:
        name = self.tr("Newsroom")
        current = self.session.current
        title = current.title if current is not None else ""
        self.setWindowTitle(f"{title}[*] — {name}" if title else name)
        self.setWindowModified(self.session.dirty)

    # Sign-off -------------------------------------------------------------------------------

    def refresh_review(self) -> None:
        """Show the edited article's review and the count waiting for this person."""
        self._review_asked += 1  # a hash still running for an older save is not shown
        current = self.session.current
        if current is not None:
            # A save may have sent the article back to review: show the status it has now.
            self.editor.form.show_status(current.status)
        # Offline the sign-off log cannot be read: the strip shows it again once the server is back.
        with suppress(ServerUnreachable):
            self.editor.review.show_view(self.review.view(self.current_id()), self.review.user)
            self._update_waiting()

    def _review_saved(self, article: Article) -> None:
        """Show the review of the article just saved, hashed from the save, not read back."""
        if article.id is None or article.id != self.current_id():
            self.refresh_review()
            return
        self._review_asked += 1
        asked = self._review_asked
        if self.session.current is not None:
            self.editor.form.show_status(self.session.current.status)
        # Another thread's connection to ":memory:" would open a different, empty database.
        if (
            len(article.body) < self.session.timing.background_chars
            or str(self.store.path) == ":memory:"
        ):
            self._show_saved_review(asked, article, None)
            return
        # Hashing 300,000 characters after every autosave would stall typing: hash it beside.
        flow = self.review.flow()
        store = self.store

        def digest(_context: object) -> str:
            try:
                return flow.current_hash(article)
            finally:
                # Peewee connections are per thread: this closes only the worker's own one.
                if not store.database.is_closed():
                    store.database.close()

        job = self._review_hashes.start(digest)
        job.succeeded.connect(lambda digest: self._show_saved_review(asked, article, digest))
        # A failed hash (the server gone) leaves the strip as it was: the next save shows it.

    def _review_loaded(self, article: Article) -> None:
        """Show the opened article's review, hashed from the article as read, not read again."""
        # Reading a 2,000-row table back and hashing it held up the window as it opened.
        self._review_saved(article)
        with suppress(ServerUnreachable):
            self._update_waiting()

    def _show_saved_review(self, asked: int, article: Article, digest: str | None) -> None:
        if asked != self._review_asked or article.id != self.current_id():
            return  # a newer save, another article or another person: that one is shown
        with suppress(ServerUnreachable):
            view = self.review.view(article.id, article, digest)
            self.editor.review.show_view(view, self.review.user)
            self._update_waiting()

    def _update_waiting(self) -> None:
        ids = self.review.waiting_for_me()
        self.list_pane.set_waiting_count(len(ids))
        self.list_pane.set_waiting(ids if self.list_pane.waiting_button.isChecked() else None)

    def take_review_step(self, step: object) -> None:
        """送审, 通过, 退回 or 撤稿 the edited article, its unsaved text saved first."""
        article_id = self.current_id()
        if self._offline_refuses(self.tr("Signing and review steps are recorded on the server.")):
            return
        if article_id is None or not self.session.maybe_save():
            return
        self.review.take_step(self, step, article_id)  # type: ignore[arg-type]

    def _review_changed(self, article_id: int) -> None:
        try:
            article = self.store.get_article(article_id)
        except ArticleNotFound:
            return
        if self.current_id() == article_id:
            self.session.load(article)  # the status and version the flow wrote
        self.list_pane.model.update_article(summary_of(article))
        self.refresh_review()

    def show_changes_since_signed(self) -> None:
        """Compare the text last signed with the current one (the history's diff)."""
        if self._offline_refuses(self.tr("This needs the articles and settings on the server.")):
            return
        article_id = self.current_id()
        if article_id is not None and self.session.maybe_save():
            self.review.show_changes(self, article_id)

    def show_sign_off_sheet(self) -> None:
        """Review → Sign-off sheet…: the 审签单 of the edited article."""
        if self._offline_refuses(self.tr("This needs the articles and settings on the server.")):
            return
        article_id = self.current_id()
        if article_id is not None and self.session.maybe_save():
            self.review.show_sheet(self, article_id)

    # Team mode ------------------------------------------------------------------------------

    def switch_database(self, location: str | Path) -> None:
        """Ask the app to open ``location`` (a server URL or a file) in place of this one."""
        self.database_requested.emit(location)

    def _person_changed(self, person: str) -> None:
        self.locks.person = person or self.store.location

    def _show_lock(self) -> None:
        read_only = self.article_lock.read_only
        self.editor.set_read_only(read_only)
        self.picture_action.setEnabled(not read_only)
        self.editor.lock_banner.show_holder(self.article_lock.holder)

    def _taken_over(self, holder: object, kept: object) -> None:
        self.editor.lock_banner.show_holder(holder, taken_over=True)  # type: ignore[arg-type]
        self.statusBar().showMessage(self.tr("Someone else took over editing this article"))

    def _shows_version(self, article_id: int, version: int | None) -> bool:
        current = self.session.current
        return current is not None and current.id == article_id and current.version == version

    def _changed_elsewhere(self, article_id: int) -> None:
        """Another PC saved or signed an article: a read-only view of it follows."""
        if self._shows_own_text(article_id):
            return
        # Read on the lock's queue: a slow server never holds the window.
        self.article_lock.read_stored(article_id, self._stored_elsewhere)

    def _shows_own_text(self, article_id: int) -> bool:
        # Our own save still on its way is no change of someone else's; unsaved text waits
        # for its own save (the version check shows both if they differ).
        return (
            article_id != self.current_id()
            or self.session.is_saving()
            or (self.session.dirty and not self.article_lock.read_only)
        )

    def _stored_elsewhere(self, article: Article) -> None:
        assert article.id is not None
        if self._shows_own_text(article.id):
            return  # typed or saved while it was read
        current = self.session.current
        if current is not None and article.version > current.version:
            # A signature or a save elsewhere: show it, so the next edit builds on it.
            self.session.load(article)

    def _removed_elsewhere(self, article_id: int) -> None:
        self.list_pane.model.remove_article(article_id)
        if article_id == self.current_id() and self.article_lock.read_only:
            self.session.close_article()
            self.article_lock.closed()

    def _list_stale(self) -> None:
        self.list_pane.model.refresh()
        self.article_lock.check()

    def _lock_changed_elsewhere(self, article_id: int) -> None:
        if article_id == self.current_id():
            self.article_lock.check()

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
        if self._offline_refuses(self.tr("Exporting reads the approved articles on the server.")):
            return
        if self.export_runner.is_running() or not self.session.maybe_save():
            return
        options = Dialogs.ask_export_options(self, self.settings)
        if options is None:
            return
        sample = find_sample_content(self.store, options.statuses)
        if sample and not Dialogs.confirm_sample_export(self, sample):
            return
        options = replace(options, user=self.review.user)
        if self.export_runner.start(options):
            self.export_action.setEnabled(False)

    def upload_site(self) -> None:
        """Ask where to upload the last export, then send it in the background."""
        if self._offline_refuses(self.tr("This needs the articles and settings on the server.")):
            return
        from desktop.gui.upload_dialog import start_upload

        self._upload_runner = start_upload(self, self.store, self.settings, self._upload_runner)

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
        if self._offline_refuses(self.tr("Exporting reads the approved articles on the server.")):
            return
        if article is not None:
            from desktop.gui.article_html import export_single_article

            export_single_article(
                self, article, self.site, self.columns, lambda p: picture_bytes(self.store, p)
            )

    @property
    def printing(self) -> ArticlePrinting:
        """Printing and PDFs of the edited article, made (and the web page started) on first use."""
        if self._printing is None:
            from desktop.gui.article_printing import ArticlePrinting

            self._printing = ArticlePrinting(picture_loader(self.store), self)
            self._printing.progressed.connect(
                lambda done, total, text: self.statusBar().showMessage(text)
            )
            self._printing.saved.connect(
                lambda path: self.statusBar().showMessage(
                    self.tr("Saved as PDF: %1").replace("%1", str(path)), 8000
                )
            )
            self._printing.printed.connect(
                lambda: self.statusBar().showMessage(self.tr("Sent to the printer"), 4000)
            )
            self._printing.failed.connect(
                lambda message: Dialogs.show_error(self, self.tr("Printing failed"), message)
            )
            for action in (self.print_action, self.pdf_action):
                self._printing.busy_changed.connect(
                    lambda busy, action=action: action.setEnabled(not busy)
                )
        return self._printing

    def print_article(self) -> None:
        """Print the article's page (as the site shows it, on paper) through the print dialog."""
        article = self.edited_article()
        if article is not None:
            self.printing.print_article(article, self.site, self.columns)

    def save_pdf(self) -> None:
        """Save the article's page as an A4 PDF where the user chooses."""
        article = self.edited_article()
        if article is not None:
            self.printing.save_pdf(article, self.site, self.columns)

    # Pictures and import ---------------------------------------------------------------------

    def insert_picture(self) -> None:
        """Choose a picture file, give it alt text and a caption, and insert it."""
        self.editor.rich.choose_picture(
            lambda data, name, keep: add_picture(self.store, data, name, keep_original=keep)
        )

    # Attachments ------------------------------------------------------------------------------

    def choose_attachments(self) -> None:
        """Format → Attach files…: choose files to offer for download under the article."""
        if self.session.current is None:
            return
        self.attach_paths(Dialogs.choose_attachment_files(self))

    def attach_paths(self, paths: list[str]) -> None:
        """Attach files to the edited article (read in the background, then saved)."""
        if self.session.current is None or not paths:
            return
        if not self.session.is_checked():
            # Nothing is written to a file whose start-up check has not passed.
            self.save_label.setText(self.tr("Checking the database…"))
            return
        self._attaching_to = self.current_id()
        self.attaching.attach(list(paths))

    def _attached(self, attachments: list[Attachment]) -> None:
        article = self.edited_article()
        if article is None or article.id != self._attaching_to:
            Dialogs.show_error(
                self,
                self.tr("Cannot attach"),
                self.tr("Another article was opened while the files were read: attach them again."),
            )
            return
        self._change_attachments(with_attached(article, attachments))

    def rename_attachment(self, index: int) -> None:
        """Ask for a new name of the attachment at ``index`` and save it (a revision)."""
        article = self.edited_article()
        if article is None or not 0 <= index < len(article.attachments):
            return
        name = Dialogs.ask_attachment_name(self, article.attachments[index].name)
        if name is None:
            return
        try:
            renamed = with_renamed(article, index, name)
        except AttachmentError as exc:
            Dialogs.show_error(self, self.tr("Cannot rename the attachment"), str(exc))
            return
        self._change_attachments(renamed)

    def remove_attachment(self, index: int) -> None:
        """Remove the attachment at ``index`` after asking, and save (the history keeps it)."""
        article = self.edited_article()
        if article is None or not 0 <= index < len(article.attachments):
            return
        removed = article.attachments[index]
        if not Dialogs.confirm_remove_attachment(self, removed.name):
            return
        self._change_attachments(with_removed(article, index))
        if article.id is not None:
            self._removed = (article.id, index, removed)
            self.editor.attachments.set_undo(removed.name)

    def undo_remove_attachment(self) -> None:
        """Put the attachment removed last back in its place (saved, like the removal)."""
        article = self.edited_article()
        if self._removed is None or article is None or article.id != self._removed[0]:
            return
        _article_id, index, attachment = self._removed
        attachments = list(article.attachments)
        if attachment not in attachments:
            attachments.insert(min(index, len(attachments)), attachment)
        self._change_attachments(replace(article, attachments=attachments))

    def _forget_removed(self) -> None:
        if self._removed is not None:
            self._removed = None
            self.editor.attachments.set_undo("")

    def _change_attachments(self, article: Article) -> None:
        # Saved at once, through the session's save path like Ctrl+S: the version check, the
        # history and the sign-off see it; the preview shows the new 附件 list at once.
        self._forget_removed()
        self.editor.set_attachments(article.attachments)
        self.session.save()
        self.update_preview()

    def import_dropped(self, paths: list[str]) -> None:
        """Files dropped on the editor: Word files may be attachments or new articles (asked)."""
        from desktop.attachments.kinds import KINDS

        documents = [
            path
            for path in paths
            if Path(path).suffix.lower().lstrip(".") in KINDS and self.session.current is not None
        ]
        if documents:
            attach = Dialogs.ask_attach_documents(self, [Path(path).name for path in documents])
            if attach is None:
                return
            if attach:
                self.attach_paths(documents)
                paths = [path for path in paths if path not in documents]
        self.import_paths(paths)

    def choose_import(self) -> None:
        """Ask for Word or Markdown files to import."""
        paths = Dialogs.choose_import_files(self)
        if paths:
            self.import_paths(paths)

    def import_paths(self, paths: list[str]) -> None:
        """Import files (or folders) with progress and a report; new articles join the list."""
        if self._offline_refuses(self.tr("This needs the articles and settings on the server.")):
            return
        if not paths or not self.session.maybe_save():
            return
        from desktop.gui.import_dialog import ImportDialog  # loads the Word reader

        dialog = ImportDialog(self, self.store, list(paths))
        dialog.imported.connect(self._imported)
        dialog.start()

    def _imported(self, ids: list[int]) -> None:
        if not ids:
            return
        self.body_warming.again()  # the import renders no body: the warmer does, when idle
        self.columns = self.store.columns()
        self.list_pane.set_columns([c.name for c in self.columns])
        self.list_pane.model.refresh()
        self.list_pane.select_article(ids[0])

    # The database file -------------------------------------------------------------------

    def database_damaged(self, error: DamagedDatabase) -> None:
        """The background check found damage: offer the newest good backup, write nothing."""
        self.session.stop_saving()
        choice, backup = Dialogs.ask_damaged_database(self, error)
        if choice is DamagedChoice.RESTORE and backup is not None:
            self.restore_requested = backup
        # Nothing more is saved into the damaged file: the restore (or quitting) follows.
        self.close()

    # History, trash and backups -------------------------------------------------------------

    def show_history(self) -> None:
        """Show the article's revisions; a restored one opens in the editor."""
        if self._offline_refuses(self.tr("This needs the articles and settings on the server.")):
            return
        current = self.session.current
        if current is None or current.id is None or not self.session.maybe_save():
            return
        current = self.session.current  # saving may have made a new version
        assert current is not None and current.id is not None
        restored = Dialogs.show_history(self, self.store, current.id, current.version)
        if restored is not None:
            self.session.load(restored)
            self.list_pane.model.update_article(summary_of(restored))

    def show_trash(self) -> None:
        """Show the trash; restored articles come back into the list."""
        if self._offline_refuses(self.tr("This needs the articles and settings on the server.")):
            return
        if not self.session.maybe_save():
            return
        restored = Dialogs.show_trash(self, self.store)
        if restored:
            self.list_pane.model.refresh()
            self.list_pane.select_article(restored[0])

    def back_up_now(self) -> None:
        """Take a backup of the database now (SQLite's online backup, checked)."""
        self.session.autosave()
        self.backups.start_backup(self.store)

    def _backup_finished(self, path: object) -> None:
        if isinstance(path, Path):
            self.statusBar().showMessage(self.tr("Backup saved: %1").replace("%1", str(path)), 8000)

    def restore_from_backup(self) -> None:
        """Replace the database with a backup the user picks, then start again on it."""
        if not self.session.maybe_save():
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
        if self.session.current is None or not self.session.maybe_save():
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
        self.editor.changed.emit()
        self.session.save()

    def _check_article(self) -> None:
        self.problems_dock.show()
        self.problems_dock.raise_()
        self.proofreading.check_now()

    def check_links(self) -> None:
        """Tools → Check links: check every external link, listing the dead ones."""
        if self._offline_refuses(self.tr("This needs the articles and settings on the server.")):
            return
        from desktop.gui.selfcheck_dialog import LinkCheckDialog  # loads the HTTP client

        if self.link_check is not None and self.link_check.is_running():
            self.link_check.raise_()
            return
        if self.link_check is not None:
            self.link_check.deleteLater()
        self.link_check = LinkCheckDialog(self.store, self)
        self.link_check.article_requested.connect(self.show_article)
        self.link_check.show()
        self.link_check.start()

    def site_self_check(self) -> None:
        """Tools → Site self-check: the report an inspection would make, before exporting."""
        if self._offline_refuses(self.tr("This needs the articles and settings on the server.")):
            return
        from desktop.gui.selfcheck_dialog import SelfCheckDialog  # loads the similarity library

        if self.self_check is not None:
            self.self_check.close()
            self.self_check.deleteLater()
        self.self_check = SelfCheckDialog(self.store, self.site.name, self)
        self.self_check.article_requested.connect(self.show_article)
        self.self_check.show()
        self.self_check.start()

    def show_article(self, article_id: int) -> None:
        """Select an article in the list (opening it), or open it if the filter hides it."""
        if not self.list_pane.select_article(article_id):
            self.open_article(article_id)
        self.activateWindow()

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

    def end_session(self) -> None:
        """The desktop session is ending or Newsroom was told to stop: save, then close."""
        if not self.session.is_checked() and self.page_check is not None:
            # Stopped during the start-up check of the file: let it finish (its answer comes
            # through queued signals), then save.
            self.page_check.wait()
            for _ in range(20):
                QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
                if self.session.is_checked():
                    break
        self.session.autosave()
        self.close()

    def quitting(self) -> None:
        """The application quits without having closed the window: save and end cleanly."""
        if self._closed:
            return
        if self.session.autosave() or not self.session.dirty:
            self._finish()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Never close over unsaved changes without asking; remember the layout."""
        if not self._closed and not self.session.maybe_save():
            event.ignore()
            return
        self._finish()
        event.accept()

    def _finish(self) -> None:
        if self._closed:
            return
        self._closed = True
        self.body_warming.stop()
        self.article_lock.finish()
        if self.live is not None:
            self.live.stop()
        self.live_desk.wait()
        self.team.wait()
        if self.connection is not None:
            self.connection.stop()
        self.backups.cancel()
        self.backups.wait()
        self.attaching.wait()
        if self._export_runner is not None:
            self._export_runner.wait()
        if self._upload_runner is not None:
            self._upload_runner.wait()
        for check in (self.link_check, self.self_check):
            if check is not None:
                check.cancel()
                check.queue.wait()
        self._save_layout()
        self.recovery.end()
