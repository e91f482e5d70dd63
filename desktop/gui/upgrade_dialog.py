"""Opening a server database whose schema needs an upgrade: on a work queue, with progress.

One upgrade of a server (migration 10, the search index built anew) takes minutes at 100,000
articles. The window runs the upgrade on a work queue while a progress dialog says how far it
is, then opens the store on its own thread as before (the schema is up to date by then, so
that open is quick). An upgrade runs in one transaction: stopped, it starts again next time,
which the dialog says.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QCoreApplication, QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QProgressDialog

from desktop.gui.work import WorkQueue
from desktop.store import Store
from desktop.store.migrations import UpgradeProgress

# An upgrade that ends sooner than this shows no dialog (a new database's first steps).
SHOW_AFTER_MS = 400


class UpgradeDialog(QProgressDialog):
    """How far the upgrade of the server's database is (no cancel: it must end or roll back)."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("upgrade_dialog")
        self.setWindowTitle(QCoreApplication.translate("Upgrade", "Upgrading the database"))
        self.setCancelButton(None)
        self.setMinimumDuration(0)
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.setMinimumWidth(460)
        self.setRange(0, 0)
        self.show_step(None)

    def show_step(self, progress: UpgradeProgress | None) -> None:
        """Say which step runs and how far it is (a busy bar while its length is unknown)."""
        if progress is None or progress.total <= 0:
            self.setRange(0, 0)
            text = QCoreApplication.translate(
                "Upgrade", "Newsroom is upgrading the database on the server for this version."
            )
        else:
            self.setRange(0, progress.total)
            self.setValue(min(progress.done, progress.total))
            text = QCoreApplication.translate(
                "Upgrade",
                "Building the search index anew (once, for this version). This can take "
                "several minutes for many articles; if it is stopped, it starts again the "
                "next time the database is opened.",
            )
        if progress is not None:
            version = QCoreApplication.translate("Upgrade", "Version %1").replace(
                "%1", str(progress.version)
            )
            text = f"{text}\n{version}"
        self.setLabelText(text)


def open_server_store(url: str) -> Store:
    """Open the server database at ``url``, upgrading its schema first on a work queue.

    Raises what ``Store.open`` raises (``ServerUnreachable``, ``StoreError``).
    """
    queue = WorkQueue(name="database upgrade")
    loop = QEventLoop()
    dialog: UpgradeDialog | None = None
    last: list[UpgradeProgress] = []
    failure: list[BaseException] = []

    def upgrade(context) -> None:
        def report(progress: UpgradeProgress) -> None:
            context.report(progress.done, progress.total, progress)

        Store.open(url, progress=report).close()

    started = time.monotonic()

    def progressed(_done: int, _total: int, progress: object) -> None:
        if isinstance(progress, UpgradeProgress):
            last[:] = [progress]
            if dialog is not None:
                dialog.show_step(progress)
            elif (time.monotonic() - started) * 1000 >= SHOW_AFTER_MS:
                show()

    def show() -> None:
        nonlocal dialog
        if dialog is None and job.is_running() and last:  # an upgrade is under way: say so
            dialog = UpgradeDialog()
            dialog.show_step(last[0])
            dialog.show()

    job = queue.start(upgrade)
    job.progressed.connect(progressed)
    job.failed.connect(failure.append)
    job.ended.connect(loop.quit)
    QTimer.singleShot(SHOW_AFTER_MS, show)
    loop.exec()
    if dialog is not None:
        dialog.close()
        dialog.deleteLater()
    queue.wait()
    queue.deleteLater()
    if failure:
        raise failure[0]
    return Store.open(url)
