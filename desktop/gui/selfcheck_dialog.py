"""Tools → Check links… and Tools → Site self-check…: thin windows over the core's checks.

Both run their check as a job on a work queue (with their own connection to the database,
as SQLite wants one per thread), show its progress, can be cancelled, and list what they
found; double-clicking a row asks the main window to open its article (``article_requested``).
What is found and how it is worded comes from ``desktop/proofread/``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.gui.dialogs import Dialogs
from desktop.gui.screen_fit import fit_to_screen
from desktop.gui.work import Job, JobContext, WorkQueue
from desktop.proofread.link_check import (
    LinkOptions,
    LinkProgress,
    LinkResult,
    article_links,
    check_addresses,
)
from desktop.proofread.selfcheck import (
    FindingKind,
    SelfCheckReport,
    default_window,
    kind_name,
    site_self_check,
)
from desktop.proofread.selfcheck_page import report_html
from desktop.proofread.selfcheck_store import (
    column_windows,
    save_link_results,
    set_column_window,
)
from desktop.store import Store, StoreError


def _table(name: str, headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setWordWrap(False)
    rows = table.verticalHeader()
    rows.setDefaultSectionSize(table.fontMetrics().height() + 8)
    table.horizontalHeader().setSectionResizeMode(len(headers) - 1, QHeaderView.ResizeMode.Stretch)
    return table


def _add_row(table: QTableWidget, cells: list[str], article_id: int | None) -> None:
    row = table.rowCount()
    table.insertRow(row)
    for column, text in enumerate(cells):
        item = QTableWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, article_id)
        item.setToolTip(text)
        table.setItem(row, column, item)


class _CheckDialog(QDialog):
    """What both windows share: a progress bar, a table, Cancel while running, Close."""

    #: The article to open in the main window (a row was double-clicked).
    article_requested = Signal(int)
    #: The check has ended (done, failed or cancelled).
    finished_check = Signal()

    def __init__(self, store: Store, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.store_path = Path(store.path)
        self.queue = WorkQueue(self, name="selfcheck")
        self.job: Job | None = None
        self.status_label = QLabel()
        self.status_label.setObjectName("check_status")
        self.status_label.setWordWrap(True)
        self.progress = QProgressBar()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.cancel_button = QPushButton(
            QCoreApplication.translate("SelfCheckDialog", "Cancel check")
        )
        self.cancel_button.setObjectName("check_cancel")
        self.buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.cancel_button.clicked.connect(self.cancel)
        self.buttons.rejected.connect(self.close)

    def _wire_table(self, table: QTableWidget) -> None:
        table.itemDoubleClicked.connect(self._open_row)

    def _open_row(self, item: QTableWidgetItem) -> None:
        article_id = item.data(Qt.ItemDataRole.UserRole)
        if isinstance(article_id, int):
            self.article_requested.emit(article_id)

    def is_running(self) -> bool:
        """Whether the check is still going."""
        return self.job is not None and self.job.is_running()

    def cancel(self) -> None:
        """Stop the check; what was found so far stays listed."""
        if self.job is not None:
            self.job.cancel()

    def _begin(self) -> None:
        """Show a check as running again (a second run after a change)."""
        self.progress.show()
        self.cancel_button.setEnabled(True)

    def _ended(self) -> None:
        self.cancel_button.setEnabled(False)
        self.progress.hide()
        self.finished_check.emit()

    def _failed(self, exc: object) -> None:
        self.status_label.setText(
            QCoreApplication.translate("SelfCheckDialog", "The check failed: %1").replace(
                "%1", str(exc)
            )
        )

    def done(self, result: int) -> None:
        """Closing stops the check and waits for it, so it never outlives the window."""
        self.cancel()
        self.queue.wait()
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:
        """Closing stops the check and waits for it."""
        self.cancel()
        self.queue.wait()
        super().closeEvent(event)


class LinkCheckDialog(_CheckDialog):
    """Checks every web address the articles link to and lists the dead ones."""

    def __init__(
        self,
        store: Store,
        parent: QWidget | None = None,
        options: LinkOptions | None = None,
    ) -> None:
        super().__init__(store, parent)
        self.options = options or LinkOptions()
        self.setWindowTitle(self.tr("Check links"))
        fit_to_screen(self, 900, 480)
        intro = QLabel(
            self.tr(
                "Every web address in the articles is asked whether it still answers. Only "
                "links that lead nowhere are listed; double-click one to open its article."
            )
        )
        intro.setWordWrap(True)
        self.table = _table(
            "link_results", [self.tr("Article"), self.tr("Result"), self.tr("Address")]
        )
        self._wire_table(self.table)
        self.results: dict[str, LinkResult] = {}
        self.dead_count = 0
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.status_label)
        layout.addWidget(self.progress)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)

    def start(self) -> None:
        """Start checking (on the work queue)."""
        path, options = self.store_path, self.options

        def work(context: JobContext) -> int:
            store = Store.open(path)
            try:
                links = article_links(store.iter_articles())
                urls = [url for item in links for url in item.urls]
                results: dict[str, LinkResult] = {}
                for progress in check_addresses(urls, options, context.cancelled):
                    results = progress.results
                    context.report(progress.done, progress.total, progress)
                    if progress.result is not None and progress.result.dead:
                        for item in links:
                            if progress.result.url in item.urls:
                                context.send((item.article_id, item.title, progress.result))
                # Cancelled checks keep what they learnt for the articles fully answered.
                complete = [i for i in links if all(u in results for u in i.urls)]
                save_link_results(
                    store,
                    complete,
                    results,
                    dt.datetime.now(),
                    article_ids=None
                    if len(complete) == len(links)
                    else [i.article_id for i in complete],
                )
                return len(results)
            finally:
                store.close()

        self._begin()
        self.status_label.setText(self.tr("Checking links…"))
        self.job = self.queue.start(work)
        self.job.progressed.connect(self._progressed)
        self.job.produced.connect(self._dead_link)
        self.job.succeeded.connect(self._succeeded)
        self.job.failed.connect(self._failed)
        self.job.cancelled.connect(
            lambda: self.status_label.setText(
                self.tr("Cancelled: %1 dead link(s) found so far.").replace(
                    "%1", str(self.dead_count)
                )
            )
        )
        self.job.ended.connect(self._ended)

    def _progressed(self, done: int, total: int, detail: object) -> None:
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(done)
        if isinstance(detail, LinkProgress):
            self.status_label.setText(
                self.tr("Checked %1 of %2 addresses")
                .replace("%1", str(done))
                .replace("%2", str(total))
            )

    def _dead_link(self, item: object) -> None:
        assert isinstance(item, tuple)
        article_id, title, result = item
        assert isinstance(article_id, int) and isinstance(result, LinkResult)
        self.dead_count += 1
        _add_row(self.table, [f"{article_id} {title}", result.describe(), result.url], article_id)
        self.table.resizeColumnToContents(0)

    def _succeeded(self, count: object) -> None:
        self.status_label.setText(
            self.tr("%1 address(es) checked: %2 dead.")
            .replace("%1", str(count))
            .replace("%2", str(self.dead_count))
        )


class SelfCheckDialog(_CheckDialog):
    """The site self-check report: a line per kind, every finding tied to its article."""

    def __init__(self, store: Store, site_name: str, parent: QWidget | None = None) -> None:
        super().__init__(store, parent)
        self.store = store  # the window's own connection, for the settings changed here
        self.site_name = site_name
        self.report: SelfCheckReport | None = None
        self.setWindowTitle(self.tr("Site self-check"))
        fit_to_screen(self, 980, 560)
        intro = QLabel(
            self.tr(
                "What a site inspection would mark, before you export: stale or empty columns, "
                "back-dated articles, copies, serious errors, dead links (from the last link "
                "check) and pictures without alternative text. Double-click a finding to open "
                "its article."
            )
        )
        intro.setWordWrap(True)
        self.summary = _table("selfcheck_summary", [self.tr("Kind"), self.tr("Found")])
        self.summary.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.summary.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.ResizeToContents
        )
        # Every kind's line visible at once, without a scroll bar.
        header = self.summary.horizontalHeader().sizeHint().height()
        row_height = self.summary.verticalHeader().defaultSectionSize()
        self.summary.setFixedHeight(header + row_height * len(FindingKind) + 4)
        self.table = _table(
            "selfcheck_findings",
            [self.tr("Kind"), self.tr("Article"), self.tr("Column"), self.tr("Finding")],
        )
        self._wire_table(self.table)
        self.windows_button = QPushButton(self.tr("Column update windows…"))
        self.windows_button.setObjectName("selfcheck_windows")
        self.windows_button.clicked.connect(self.edit_windows)
        self.buttons.addButton(self.windows_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.save_button = QPushButton(self.tr("Save report as HTML…"))
        self.save_button.setObjectName("selfcheck_save")
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self.save_report)
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.status_label)
        layout.addWidget(self.progress)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)

    def start(self) -> None:
        """Run the self-check (on the work queue)."""
        path = self.store_path

        def work(context: JobContext) -> SelfCheckReport:
            store = Store.open(path)
            try:

                def step(done: int, total: int) -> None:
                    context.check_cancelled()
                    context.report(done, total, None)

                return site_self_check(store, progress=step)
            finally:
                store.close()

        self._begin()
        self.save_button.setEnabled(False)
        self.progress.setRange(0, 0)  # busy: the check has no steps worth counting
        self.status_label.setText(self.tr("Checking the site…"))
        self.job = self.queue.start(work)
        self.job.progressed.connect(self._progressed)
        self.job.succeeded.connect(self._show_report)
        self.job.failed.connect(self._failed)
        self.job.cancelled.connect(lambda: self.status_label.setText(self.tr("Cancelled.")))
        self.job.ended.connect(self._ended)

    def _progressed(self, done: int, total: int, _detail: object) -> None:
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(done)
        self.status_label.setText(
            self.tr("Proofreading article %1 of %2…")
            .replace("%1", str(done + 1))
            .replace("%2", str(total))
        )

    def _show_report(self, report: object) -> None:
        assert isinstance(report, SelfCheckReport)
        self.report = report
        self.summary.setRowCount(0)
        for kind in FindingKind:
            _add_row(self.summary, [kind_name(kind), str(report.count(kind))], None)
        self.table.setRowCount(0)
        for finding in report.findings:
            article = "" if finding.article_id is None else f"{finding.article_id} {finding.title}"
            _add_row(
                self.table,
                [
                    kind_name(finding.kind),
                    article,
                    finding.column,
                    finding.message(),
                ],
                finding.article_id,
            )
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(1, min(self.table.columnWidth(1), 260))
        self.status_label.setText(
            self.tr("%1 article(s) checked at %2: %3 finding(s).")
            .replace("%1", str(report.articles))
            .replace("%2", report.checked_at.strftime("%Y-%m-%d %H:%M"))
            .replace("%3", str(len(report.findings)))
        )
        self.save_button.setEnabled(True)

    def edit_windows(self) -> None:
        """Change the columns' update windows, then check again with them."""
        if Dialogs.edit_column_windows(self, self.store) and not self.is_running():
            self.start()

    def save_report(self) -> None:
        """Ask where, then write the report as a self-contained HTML page."""
        if self.report is None:
            return
        name = f"selfcheck-{self.report.checked_at:%Y%m%d}.html"
        path = Dialogs.choose_report_path(self, name)
        if path is None:
            return
        try:
            path.write_text(report_html(self.report, self.site_name), encoding="utf-8")
        except OSError as exc:
            Dialogs.show_error(self, self.tr("Report not saved"), str(exc))


class ColumnWindowsDialog(QDialog):
    """How many days each column may go without a new article before it counts as stale."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(self.tr("Column update windows"))
        fit_to_screen(self, 520, 360)
        intro = QLabel(
            self.tr(
                "A column whose newest article is older than its window is reported as not "
                "updated in time. By default news columns have 14 days and notice columns "
                "(通知, 公告…) 183."
            )
        )
        intro.setWordWrap(True)
        self.columns = [c for c in store.columns() if c.id is not None]
        windows = column_windows(store)
        self.table = _table("column_windows", [self.tr("Column"), self.tr("Days")])
        self.spins: list[QSpinBox] = []
        for column in self.columns:
            row = self.table.rowCount()
            self.table.insertRow(row)
            self.table.setItem(row, 0, QTableWidgetItem(column.name))
            spin = QSpinBox()
            spin.setRange(0, 3660)
            # 0 stands for "the default of the column's kind", shown as such.
            spin.setSpecialValueText(
                self.tr("default (%1)").replace("%1", str(default_window(column.name)))
            )
            spin.setValue(windows.get(column.id or -1, 0))
            self.table.setCellWidget(row, 1, spin)
            self.spins.append(spin)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.ResizeToContents
        )
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)

    def accept(self) -> None:
        """Store every column's window (the default where 0 is chosen)."""
        try:
            for column, spin in zip(self.columns, self.spins, strict=True):
                assert column.id is not None
                set_column_window(self.store, column.id, spin.value() or None)
        except StoreError as exc:
            Dialogs.show_error(self, self.tr("Not saved"), str(exc))
            return
        super().accept()
