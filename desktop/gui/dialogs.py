"""Every modal question, message and file chooser of the window, behind one seam.

Nothing else in ``desktop.gui`` opens a modal dialog (``tests/gui/test_dialog_seam.py`` reads
the source to keep it so): widgets and dialogs call these classmethods, and tests replace
them with ``monkeypatch.setattr(Dialogs, name, ...)`` to answer without a modal loop. The
dialog modules are imported inside the methods, so opening the window loads none of them and
the dialog modules may use the seam themselves without an import cycle.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QLineEdit, QMessageBox, QWidget

from desktop.article import Article, Column
from desktop.site import Site

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

    from desktop.export import ExportOptions, ExportSummary
    from desktop.gui.backup_dialogs import DamagedChoice
    from desktop.gui.import_dialog import ImportReport
    from desktop.gui.picture_dialog import PictureChoice, PictureSource, PictureStore
    from desktop.gui.site_dialog import SiteEdit
    from desktop.gui.upload_dialog import UploadRequest
    from desktop.importing.duplicates import Duplicate, DuplicatePolicy
    from desktop.proofread import Problem
    from desktop.proofread.gate import ArticleFindings
    from desktop.proofread.wordlist_store import WordListStore
    from desktop.review.flow import Step
    from desktop.sample_content import SampleFindings
    from desktop.store import Store
    from desktop.store.errors import DamagedDatabase
    from desktop.store.server_login import ServerLogin


class SaveChoice(Enum):
    """The answer to "save changes before going on?"."""

    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


def save_changes_box(parent: QWidget | None, title: str) -> QMessageBox:
    """Build the "save changes?" question (shown by ``Dialogs.ask_save_changes``)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(QCoreApplication.translate("Dialogs", "Unsaved changes"))
    box.setText(
        QCoreApplication.translate("Dialogs", "“%1” has changes that are not saved yet.").replace(
            "%1", title
        )
    )
    box.setInformativeText(QCoreApplication.translate("Dialogs", "Save them before going on?"))
    box.setStandardButtons(
        QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Discard
        | QMessageBox.StandardButton.Cancel
    )
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    return box


def delete_box(parent: QWidget | None, title: str) -> QMessageBox:
    """Build the "move to trash?" question (shown by ``Dialogs.confirm_delete``)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(QCoreApplication.translate("Dialogs", "Move to trash"))
    box.setText(
        QCoreApplication.translate(
            "Dialogs", "Move “%1” to the trash? It can be restored from there."
        ).replace("%1", title)
    )
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    box.setDefaultButton(QMessageBox.StandardButton.No)
    return box


class ConflictChoice(Enum):
    """Which text wins when two windows saved the same article."""

    MINE = "mine"
    THEIRS = "theirs"


class Dialogs:
    """Ask and tell the user; tests replace these classmethods to answer without a modal loop."""

    @classmethod
    def ask_save_changes(cls, parent: QWidget | None, title: str) -> SaveChoice:
        """Ask whether to save the article's unsaved changes."""
        answer = save_changes_box(parent, title).exec()
        if answer == QMessageBox.StandardButton.Save:
            return SaveChoice.SAVE
        if answer == QMessageBox.StandardButton.Discard:
            return SaveChoice.DISCARD
        return SaveChoice.CANCEL

    @classmethod
    def confirm_delete(cls, parent: QWidget | None, title: str) -> bool:
        """Ask before moving an article to the trash."""
        return delete_box(parent, title).exec() == QMessageBox.StandardButton.Yes

    @classmethod
    def resolve_conflict(
        cls, parent: QWidget | None, mine: Article, theirs: Article
    ) -> ConflictChoice | None:
        """Show both versions of an article saved elsewhere meanwhile; None decides later."""
        from desktop.gui.conflict_dialog import ConflictDialog

        dialog = ConflictDialog(mine, theirs, parent)
        dialog.exec()
        return dialog.choice

    @classmethod
    def choose_encoding(
        cls, parent: QWidget | None, name: str, candidates: Sequence[str], samples: dict[str, str]
    ) -> str | None:
        """Ask which encoding a text file was saved in, showing how each reads; None skips it."""
        from desktop.encodings import ENCODING_LABELS

        items = [
            f"{ENCODING_LABELS.get(c, c)}: {' '.join(samples.get(c, '').split())[:40]}"
            for c in candidates
        ]
        translate = QCoreApplication.translate
        item, ok = QInputDialog.getItem(
            parent,
            translate("Dialogs", "Choose the encoding"),
            translate(
                "Dialogs", "“%1” reads as text in more than one encoding. Which one reads right?"
            ).replace("%1", name),
            items,
            0,
            False,
        )
        return candidates[items.index(item)] if ok and item in items else None

    # Messages --------------------------------------------------------------------------------

    @classmethod
    def show_error(cls, parent: QWidget | None, title: str, message: str) -> None:
        """Tell the user something went wrong and what it was."""
        QMessageBox.warning(parent, title, message)

    @classmethod
    def show_info(cls, parent: QWidget | None, title: str, message: str) -> None:
        """Tell the user something they should know."""
        QMessageBox.information(parent, title, message)

    @classmethod
    def show_import_report(cls, parent: QWidget | None, report: ImportReport) -> None:
        """Tell the user how an import went: how many files, and why the others failed."""
        from desktop.gui.import_dialog import report_box

        report_box(parent, report).exec()

    @classmethod
    def present_export_summary(
        cls,
        parent: QWidget | None,
        summary: ExportSummary,
        overrides: Sequence[ArticleFindings] = (),
    ) -> None:
        """Show what an export wrote until the user closes it."""
        from desktop.gui.export_dialog import ExportSummaryDialog

        ExportSummaryDialog(summary, overrides, parent).exec()

    # Questions -------------------------------------------------------------------------------

    @classmethod
    def confirm_destroy(cls, parent: QWidget | None, count: int) -> bool:
        """Ask before deleting ``count`` articles in the trash for good."""
        from desktop.gui.trash_dialog import destroy_box

        return destroy_box(parent, count).exec() == QMessageBox.StandardButton.Yes

    @classmethod
    def confirm_restore_revision(cls, parent: QWidget | None, when: dt.datetime) -> bool:
        """Ask before bringing back the version of an article kept at ``when``."""
        from desktop.gui.history_dialog import restore_box

        return restore_box(parent, when).exec() == QMessageBox.StandardButton.Yes

    @classmethod
    def confirm_export_gate(
        cls, parent: QWidget | None, findings: Sequence[ArticleFindings]
    ) -> bool:
        """Return whether to export despite serious problems; asks only when there are some."""
        if not findings:
            return True
        from desktop.gui.export_gate import ExportGateDialog

        return ExportGateDialog(findings, parent).exec() == QDialog.DialogCode.Accepted

    @classmethod
    def ask_duplicate_import(cls, parent: QWidget | None, duplicate: Duplicate) -> DuplicatePolicy:
        """Ask whether to skip a file imported before, update its article, or keep both."""
        from desktop.gui.import_dialog import duplicate_box
        from desktop.importing.duplicates import DuplicatePolicy

        box = duplicate_box(parent, duplicate)
        box.exec()
        clicked = box.clickedButton()
        value = clicked.property("policy") if clicked is not None else None
        return DuplicatePolicy(value) if value else DuplicatePolicy.SKIP

    @classmethod
    def confirm_sample_export(cls, parent: QWidget | None, findings: SampleFindings) -> bool:
        """Return whether to export although the demo's sample content would be published."""
        from desktop.gui.sample_banner import sample_export_box

        box = sample_export_box(parent, findings)
        box.exec()
        return box.buttonRole(box.clickedButton()) == QMessageBox.ButtonRole.AcceptRole

    @classmethod
    def confirm_start_own_content(cls, parent: QWidget | None, count: int) -> bool:
        """Ask before deleting the sample articles to start with the office's own content."""
        from desktop.gui.sample_banner import start_own_box

        return start_own_box(parent, count).exec() == QMessageBox.StandardButton.Yes

    @classmethod
    def ask_damaged_database(
        cls, parent: QWidget | None, error: DamagedDatabase
    ) -> tuple[DamagedChoice, Path | None]:
        """Explain a damaged database; return RESTORE with the backup to restore, or QUIT."""
        from desktop.gui.backup_dialogs import DamagedDatabaseDialog

        dialog = DamagedDatabaseDialog(error, parent)
        dialog.exec()
        return dialog.choice, dialog.chosen_path

    @classmethod
    def ask_ignore_reason(cls, parent: QWidget | None, problem: Problem) -> str | None:
        """Ask why a proofreading problem may stay; None when the user cancels."""
        from desktop.gui.proofread_labels import shown_text

        reason, ok = QInputDialog.getText(
            parent,
            QCoreApplication.translate("ProblemsPanel", "Ignore problem"),
            QCoreApplication.translate("ProblemsPanel", "Why may “%1” stay as it is?").replace(
                "%1", shown_text(problem.text)
            ),
            QLineEdit.EchoMode.Normal,
            "",
        )
        return reason.strip() if ok else None

    @classmethod
    def ask_link_url(cls, parent: QWidget | None) -> str | None:
        """Ask for the web address of a link; None when cancelled or left empty."""
        url, ok = QInputDialog.getText(
            parent,
            QCoreApplication.translate("EditorPane", "Insert link"),
            QCoreApplication.translate("EditorPane", "Web address:"),
            QLineEdit.EchoMode.Normal,
            "https://",
        )
        url = url.strip()
        return url if ok and url and url != "https://" else None

    @classmethod
    def ask_table_size(cls, parent: QWidget | None) -> tuple[int, int] | None:
        """Ask how many rows and columns a new table has; None when cancelled."""
        title = QCoreApplication.translate("EditorPane", "Insert table")
        rows, ok = QInputDialog.getInt(
            parent, title, QCoreApplication.translate("EditorPane", "Rows:"), 3, 1, 100
        )
        if not ok:
            return None
        columns, ok = QInputDialog.getInt(
            parent, title, QCoreApplication.translate("EditorPane", "Columns:"), 3, 1, 20
        )
        return (rows, columns) if ok else None

    @classmethod
    def ask_retry_server(cls, parent: QWidget | None, message: str) -> bool:
        """The server cannot be reached at start: try again (True) or close Newsroom."""
        answer = QMessageBox.warning(
            parent,
            QCoreApplication.translate("Dialogs", "Cannot reach the server"),
            message,
            QMessageBox.StandardButton.Retry | QMessageBox.StandardButton.Close,
            QMessageBox.StandardButton.Retry,
        )
        return answer == QMessageBox.StandardButton.Retry

    @classmethod
    def confirm_plain_ftp(cls, parent: QWidget | None, url: str) -> bool:
        """Ask before sending the password and the files unencrypted over plain FTP."""
        answer = QMessageBox.warning(
            parent,
            QCoreApplication.translate("Dialogs", "Unencrypted upload"),
            QCoreApplication.translate(
                "Dialogs",
                "%1 is plain FTP: the password and every file travel unencrypted, readable "
                "by anyone on the way. Upload anyway?",
            ).replace("%1", url),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    @classmethod
    def confirm_host_key(cls, parent: QWidget | None, host: str, kind: str, shown: str) -> bool:
        """Ask once whether to trust a server seen for the first time, showing its key."""
        answer = QMessageBox.question(
            parent,
            QCoreApplication.translate("Dialogs", "New server"),
            QCoreApplication.translate(
                "Dialogs",
                "This is the first connection to %1. Its host key is:\n\n%2 %3\n\n"
                "If this is your server (ask its administrator when unsure), trust it; the "
                "key is remembered and a changed key is refused.",
            )
            .replace("%1", host)
            .replace("%2", kind)
            .replace("%3", shown),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    # Dialogs that edit or choose -------------------------------------------------------------

    @classmethod
    def ask_upload(cls, parent: QWidget | None, site: Site, source: str) -> UploadRequest | None:
        """Ask where to upload the exported site (prefilled) and the password; None if not."""
        from desktop.gui.upload_dialog import UploadDialog

        dialog = UploadDialog(site, source, parent)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.request
        finally:
            dialog.deleteLater()

    @classmethod
    def edit_site(
        cls,
        parent: QWidget | None,
        site: Site,
        columns: Sequence[Column],
        windows: Mapping[int, int] | None = None,
    ) -> SiteEdit | None:
        """Edit the site settings, columns and their update windows; None if cancelled."""
        from desktop.gui.site_dialog import SiteDialog

        dialog = SiteDialog(site, columns, parent, windows)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.result_values()

    @classmethod
    def edit_word_list(cls, parent: QWidget | None, store: WordListStore) -> bool:
        """Edit the office word list; return whether it was saved."""
        from desktop.gui.wordlist_dialog import WordListDialog

        return WordListDialog(store, parent).exec() == QDialog.DialogCode.Accepted

    @classmethod
    def edit_column_windows(cls, parent: QWidget | None, store: Store) -> bool:
        """Edit how long each column may go without a new article; whether it was saved."""
        from desktop.gui.selfcheck_dialog import ColumnWindowsDialog

        return ColumnWindowsDialog(store, parent).exec() == QDialog.DialogCode.Accepted

    @classmethod
    def show_history(
        cls,
        parent: QWidget | None,
        store: Store,
        article_id: int,
        version: int,
        select: int | None = None,
    ) -> Article | None:
        """Show an article's history (``select``: a revision compared with the current text
        from the start); return the restored article, or None."""
        from desktop.gui.history_dialog import HistoryDialog

        dialog = HistoryDialog(store, article_id, version, parent)
        if select is not None:
            dialog.select_revisions(select)
        dialog.exec()
        return dialog.restored_article

    @classmethod
    def ask_review_user(
        cls, parent: QWidget | None, names: Sequence[str], current: str
    ) -> str | None:
        """Ask who is at the keyboard (the office's people offered, any name accepted)."""
        choices = list(dict.fromkeys([*([current] if current else []), *names]))
        name, ok = QInputDialog.getItem(
            parent,
            QCoreApplication.translate("ReviewDesk", "Who am I"),
            QCoreApplication.translate(
                "ReviewDesk",
                "Your name, as the sign-off record shows it (remembered for this database "
                "on this computer):",
            ),
            choices,
            0,
            True,
        )
        return name.strip() if ok and name.strip() else None

    @classmethod
    def ask_server_connection(
        cls, parent: QWidget | None, initial: ServerLogin | None, keychain: bool
    ) -> ServerLogin | None:
        """Ask where the office's server is and who logs in (File → Connect to a server…)."""
        from desktop.gui.server_dialog import ServerDialog

        dialog = ServerDialog(initial, keychain, parent)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.server_login()
        finally:
            dialog.deleteLater()

    @classmethod
    def ask_server_password(cls, parent: QWidget | None, server: str, why: str) -> str | None:
        """Ask for the server password at start (no keychain holds it); None: use a file."""
        password, ok = QInputDialog.getText(
            parent,
            QCoreApplication.translate("Team", "Server password"),
            QCoreApplication.translate("Team", "%1\n\nPassword for %2:")
            .replace("%1", why)
            .replace("%2", server),
            QLineEdit.EchoMode.Password,
        )
        return password if ok else None

    @classmethod
    def ask_review_text(cls, parent: QWidget | None, step: Step) -> str | None:
        """Ask for a signature's opinion or a return's, withdrawal's or override's reason."""
        from desktop.review.flow import Step

        prompts = {
            Step.SIGN: (
                QCoreApplication.translate("ReviewDesk", "Approve"),
                QCoreApplication.translate("ReviewDesk", "Your opinion (审核意见):"),
                QCoreApplication.translate("ReviewDesk", "同意。"),
            ),
            Step.RETURN: (
                QCoreApplication.translate("ReviewDesk", "Return to the author"),
                QCoreApplication.translate("ReviewDesk", "Why is it returned?"),
                "",
            ),
            Step.WITHDRAW: (
                QCoreApplication.translate("ReviewDesk", "Withdraw"),
                QCoreApplication.translate("ReviewDesk", "Why is it withdrawn?"),
                "",
            ),
        }
        default = (
            QCoreApplication.translate("ReviewDesk", "Approve as it is"),
            QCoreApplication.translate(
                "ReviewDesk", "Why may the export take this text without new signatures?"
            ),
            "",
        )
        title, label, text = prompts.get(step, default)
        answer, ok = QInputDialog.getText(parent, title, label, QLineEdit.EchoMode.Normal, text)
        return answer.strip() if ok and answer.strip() else None

    @classmethod
    def show_sign_off_sheet(cls, parent: QWidget | None, html: str) -> None:
        """Show the sign-off sheet (审签单), to print or save as PDF."""
        from desktop.gui.sheet_dialog import SheetDialog

        SheetDialog(html, parent).exec()

    @classmethod
    def show_trash(cls, parent: QWidget | None, store: Store) -> list[int]:
        """Show the trash; return the ids of the articles restored from it."""
        from desktop.gui.trash_dialog import TrashDialog

        dialog = TrashDialog(store, parent)
        dialog.exec()
        return dialog.restored_ids

    @classmethod
    def choose_backup(cls, parent: QWidget | None, db_path: Path) -> Path | None:
        """Show the backups of ``db_path``; return the one to restore, or None."""
        from desktop.gui.backup_dialogs import RestoreBackupDialog

        dialog = RestoreBackupDialog(db_path, parent)
        dialog.exec()
        return dialog.chosen_path

    @classmethod
    def ask_export_options(
        cls, parent: QWidget | None, settings: QSettings
    ) -> ExportOptions | None:
        """Ask where and what to export; None if cancelled."""
        from desktop.gui.export_dialog import ExportDialog

        dialog = ExportDialog(settings, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.options

    @classmethod
    def ask_picture(
        cls,
        parent: QWidget | None,
        *,
        store: PictureStore | None = None,
        source: PictureSource | None = None,
        path: str = "",
        alt: str = "",
        caption: str = "",
    ) -> PictureChoice | None:
        """Ask for a picture (or edit one's alt text and caption); None if cancelled."""
        from desktop.gui.picture_dialog import PictureDialog

        dialog = PictureDialog(
            parent, store=store, source=source, path=path, alt=alt, caption=caption
        )
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.choice()
        finally:
            dialog.deleteLater()

    # Files -----------------------------------------------------------------------------------

    @classmethod
    def choose_import_files(cls, parent: QWidget | None) -> list[str]:
        """Ask for Word, WPS, RTF, OpenDocument or Markdown files to import."""
        paths, _ = QFileDialog.getOpenFileNames(
            parent,
            QCoreApplication.translate("Dialogs", "Import articles"),
            "",
            QCoreApplication.translate(
                "Dialogs", "Articles (*.docx *.doc *.wps *.rtf *.odt *.md *.markdown *.txt)"
            ),
        )
        return list(paths)

    @classmethod
    def choose_attachment_files(cls, parent: QWidget | None) -> list[str]:
        """Ask for files to attach to the article (PDF, Word, WPS, Excel, pictures, zip)."""
        paths, _ = QFileDialog.getOpenFileNames(
            parent,
            QCoreApplication.translate("Dialogs", "Attach files"),
            "",
            QCoreApplication.translate(
                "Dialogs",
                "Attachments (*.pdf *.doc *.docx *.wps *.et *.dps *.xls *.xlsx *.jpg *.jpeg "
                "*.png *.gif *.webp *.zip);;All files (*)",
            ),
        )
        return list(paths)

    @classmethod
    def ask_attachment_name(cls, parent: QWidget | None, name: str) -> str | None:
        """Ask for the name an attachment is listed and downloaded under; None if cancelled."""
        text, ok = QInputDialog.getText(
            parent,
            QCoreApplication.translate("Dialogs", "Rename attachment"),
            QCoreApplication.translate("Dialogs", "Name shown under the article:"),
            QLineEdit.EchoMode.Normal,
            name,
        )
        return text.strip() if ok and text.strip() else None

    @classmethod
    def confirm_remove_attachment(cls, parent: QWidget | None, name: str) -> bool:
        """Ask before removing an attachment (the history keeps the article with it)."""
        answer = QMessageBox.question(
            parent,
            QCoreApplication.translate("Dialogs", "Remove attachment"),
            QCoreApplication.translate(
                "Dialogs",
                "Remove “%1” from the article? The article's history keeps the version with it.",
            ).replace("%1", name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    @classmethod
    def ask_attach_documents(cls, parent: QWidget | None, names: list[str]) -> bool | None:
        """Ask whether Word files dropped on the editor are attachments (True) or new
        articles to import (False); None when cancelled."""
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(QCoreApplication.translate("Dialogs", "Word files dropped"))
        box.setText(
            QCoreApplication.translate(
                "Dialogs",
                "Attach these Word files to this article, or import them as new articles?",
            )
        )
        box.setInformativeText("\n".join(names))
        attach = box.addButton(
            QCoreApplication.translate("Dialogs", "Attach to this article"),
            QMessageBox.ButtonRole.AcceptRole,
        )
        imported = box.addButton(
            QCoreApplication.translate("Dialogs", "Import as new articles"),
            QMessageBox.ButtonRole.ActionRole,
        )
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(attach)
        box.exec()
        clicked = box.clickedButton()
        if clicked is attach:
            return True
        if clicked is imported:
            return False
        return None

    @classmethod
    def choose_picture_file(cls, parent: QWidget | None) -> str:
        """Ask for a picture file to open; "" if cancelled."""
        from desktop.gui.picture_dialog import PICTURE_PATTERNS

        name, _ = QFileDialog.getOpenFileName(
            parent,
            QCoreApplication.translate("PictureDialog", "Choose a picture"),
            "",
            QCoreApplication.translate("PictureDialog", "Pictures (%1)").replace(
                "%1", PICTURE_PATTERNS
            ),
        )
        return name

    @classmethod
    def choose_new_database(cls, parent: QWidget | None, suggested: Path) -> Path | None:
        """Ask where the office's own new database file goes; None if cancelled."""
        name, _filter = QFileDialog.getSaveFileName(
            parent,
            QCoreApplication.translate("Dialogs", "New database for your own content"),
            str(suggested),
            QCoreApplication.translate("Dialogs", "Newsroom databases (*.db)"),
        )
        if not name:
            return None
        path = Path(name)
        return path if path.suffix else path.with_suffix(".db")

    @classmethod
    def choose_backup_file(cls, parent: QWidget | None, folder: Path) -> Path | None:
        """Ask for a backup file anywhere (a USB stick, another folder)."""
        name, _filter = QFileDialog.getOpenFileName(
            parent,
            QCoreApplication.translate("RestoreBackupDialog", "Choose a backup file"),
            str(folder if folder.is_dir() else folder.parent),
            QCoreApplication.translate("RestoreBackupDialog", "Newsroom databases (*.db)"),
        )
        return Path(name) if name else None

    @classmethod
    def choose_export_target(cls, parent: QWidget | None, as_zip: bool, start: str) -> str | None:
        """Ask for the export's folder or zip file name; None if the user cancelled."""
        if as_zip:
            path, _filter = QFileDialog.getSaveFileName(
                parent,
                QCoreApplication.translate("ExportDialog", "Export to a zip file"),
                start,
                QCoreApplication.translate("ExportDialog", "Zip files (*.zip)"),
            )
        else:
            path = QFileDialog.getExistingDirectory(
                parent, QCoreApplication.translate("ExportDialog", "Export to a folder"), start
            )
        return path or None

    @classmethod
    def choose_word_list_import(cls, parent: QWidget | None) -> str | None:
        """Ask for a word-list file to read; None when cancelled."""
        from desktop.gui.wordlist_dialog import WORD_LIST_FILTER

        path, _filter = QFileDialog.getOpenFileName(
            parent,
            QCoreApplication.translate("WordListDialog", "Import word list"),
            "",
            QCoreApplication.translate("WordListDialog", "Word lists (%1)").replace(
                "%1", WORD_LIST_FILTER
            ),
        )
        return path or None

    @classmethod
    def choose_word_list_export(cls, parent: QWidget | None) -> str | None:
        """Ask where to write the word list; None when cancelled."""
        from desktop.gui.wordlist_dialog import WORD_LIST_FILTER

        path, _filter = QFileDialog.getSaveFileName(
            parent,
            QCoreApplication.translate("WordListDialog", "Export word list"),
            QCoreApplication.translate("WordListDialog", "word-list.tsv"),
            QCoreApplication.translate("WordListDialog", "Word lists (%1)").replace(
                "%1", WORD_LIST_FILTER
            ),
        )
        return path or None

    @classmethod
    def choose_article_html_path(cls, parent: QWidget | None, suggested: Path) -> Path | None:
        """Ask where to save one article's page."""
        path, _filter = QFileDialog.getSaveFileName(
            parent,
            QCoreApplication.translate("ArticleHtml", "Export this article"),
            str(suggested),
            QCoreApplication.translate("ArticleHtml", "Web pages (*.html *.htm)"),
        )
        return Path(path) if path else None

    @classmethod
    def choose_pdf_path(cls, parent: QWidget | None, suggested: Path) -> Path | None:
        """Ask where to save a page as PDF; None if cancelled."""
        path, _filter = QFileDialog.getSaveFileName(
            parent,
            QCoreApplication.translate("ArticlePrinting", "Save as PDF"),
            str(suggested),
            QCoreApplication.translate("ArticlePrinting", "PDF files (*.pdf)"),
        )
        return Path(path) if path else None

    @classmethod
    def ask_printer(cls, parent: QWidget | None, printer: QPrinter) -> bool:
        """Show Qt's print dialog for ``printer``; whether the user chose to print."""
        from PySide6.QtPrintSupport import QPrintDialog

        dialog = QPrintDialog(printer, parent)
        dialog.setWindowTitle(QCoreApplication.translate("ArticlePrinting", "Print the article"))
        return dialog.exec() == QDialog.DialogCode.Accepted

    @classmethod
    def choose_report_path(cls, parent: QWidget | None, suggested: str) -> Path | None:
        """Ask where to save the site self-check report."""
        path, _filter = QFileDialog.getSaveFileName(
            parent,
            QCoreApplication.translate("SelfCheckDialog", "Save the self-check report"),
            suggested,
            QCoreApplication.translate("SelfCheckDialog", "Web pages (*.html *.htm)"),
        )
        return Path(path) if path else None
