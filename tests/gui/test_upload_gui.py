"""File → Upload to server… in the real window: the dialog, the seam's questions, progress."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QPushButton

from desktop.demo import open_store
from desktop.export import ExportOptions, run_export
from desktop.gui.dialogs import Dialogs
from desktop.gui.export_dialog import TARGET_KEY
from desktop.gui.i18n import install_translators, remove_translators
from desktop.gui.main_window import MainWindow
from desktop.gui.upload_dialog import UploadDialog, UploadRequest
from desktop.pictures import picture_bytes
from desktop.site import Site
from desktop.store import Store
from tests.gui.conftest import dispose
from tests.gui.test_i18n import assert_no_english, shown_texts
from tests.upload.conftest import tree
from tests.upload.helpers import keychain
from tests.upload.servers import PASSWORD, USER, ftp_server, sftp_server

WAIT_MS = 30_000


@dataclass
class Seam:
    """How the test answers the window's questions, and what the window said."""

    url: str = ""
    password: str = ""
    plain_ftp: bool = False
    host_key: bool = True
    prefilled: list[tuple[str, str]] = field(default_factory=list)
    asked: list[str] = field(default_factory=list)
    infos: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    on_host_key: object = None


@pytest.fixture(autouse=True)
def no_keychain(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The real system keychain is never asked, nor a password read from outside."""
    monkeypatch.delenv("NEWSROOM_UPLOAD_PASSWORD", raising=False)
    with keychain():
        yield


@pytest.fixture
def seam(monkeypatch: pytest.MonkeyPatch, qtbot) -> Seam:
    answers = Seam()

    def ask_upload(cls: type, parent: object, site: Site, source: str) -> UploadRequest | None:
        dialog = UploadDialog(site, source)
        qtbot.addWidget(dialog)
        answers.prefilled.append((dialog.url_edit.text(), dialog.source_edit.text()))
        dialog.url_edit.setText(answers.url)
        dialog.password_edit.setText(answers.password)
        dialog.accept()  # what pressing Upload does
        return dialog.request

    def plain_ftp(cls: type, parent: object, url: str) -> bool:
        answers.asked.append(f"plain ftp {url}")
        return answers.plain_ftp

    def host_key(cls: type, parent: object, host: str, kind: str, shown: str) -> bool:
        answers.asked.append(f"host key {host} {kind} {shown}")
        if callable(answers.on_host_key):
            answers.on_host_key()
        return answers.host_key

    monkeypatch.setattr(Dialogs, "ask_upload", classmethod(ask_upload))
    monkeypatch.setattr(Dialogs, "confirm_plain_ftp", classmethod(plain_ftp))
    monkeypatch.setattr(Dialogs, "confirm_host_key", classmethod(host_key))
    monkeypatch.setattr(
        Dialogs, "show_info", classmethod(lambda cls, p, t, m: answers.infos.append(m))
    )
    monkeypatch.setattr(
        Dialogs, "show_error", classmethod(lambda cls, p, t, m: answers.errors.append(m))
    )
    monkeypatch.setattr(
        Dialogs, "ask_save_changes", classmethod(lambda cls, p, t: pytest.fail("asked to save"))
    )
    return answers


@pytest.fixture
def window(qtbot, tmp_path: Path) -> Iterator[tuple[MainWindow, Store, Path]]:
    """The real window on the demo database, its site exported (as the export dialog does)."""
    store = open_store(tmp_path / "demo.db", demo_if_new=True)
    bundle = tmp_path / "export"
    run_export(store, ExportOptions(target=bundle, media=lambda p: picture_bytes(store, p)))
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    settings.setValue(TARGET_KEY, str(bundle))
    main = MainWindow(store, settings)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitUntil(lambda: main.session.current is not None)
    try:
        yield main, store, bundle
    finally:
        main.session.forget_changes()
        dispose(qtbot, main)
        store.close()


def upload_and_wait(qtbot, main: MainWindow) -> None:
    main.upload_action.trigger()
    runner = main._upload_runner
    assert runner is not None
    if runner.is_running():
        with qtbot.waitSignal(runner.done, timeout=WAIT_MS):
            pass


def press_cancel(main: MainWindow) -> None:
    runner = main._upload_runner
    assert runner is not None and runner.progress_dialog is not None
    runner.progress_dialog.findChild(QPushButton).click()


def test_upload_to_a_folder_from_the_menu(qtbot, window, seam: Seam, tmp_path: Path) -> None:
    main, store, bundle = window
    server = tmp_path / "server"
    seam.url = str(server)
    upload_and_wait(qtbot, main)
    assert seam.prefilled == [("", str(bundle))]  # the last export, no server yet
    assert tree(server) == tree(bundle)
    assert seam.errors == [] and seam.asked == []
    assert seam.infos and f"{len(tree(bundle))}" in seam.infos[0]
    assert store.site().upload_url == str(server)

    seam.url = str(server)
    upload_and_wait(qtbot, main)
    assert seam.prefilled[-1] == (str(server), str(bundle))  # remembered


def test_plain_ftp_is_asked_first(qtbot, window, seam: Seam, tmp_path: Path) -> None:
    main, _store, bundle = window
    with ftp_server(tmp_path / "ftp-root") as server:
        seam.url = f"ftp://{USER}@127.0.0.1:{server.port}/site"
        seam.password = PASSWORD
        upload_and_wait(qtbot, main)
        assert seam.asked == [f"plain ftp {seam.url}"] and tree(server.root) == {}

        seam.plain_ftp = True
        upload_and_wait(qtbot, main)
        assert seam.errors == []
        assert tree(server.root / "site") == tree(bundle)


def test_a_new_host_key_is_asked_and_cancel_leaves_the_server_unchanged(
    qtbot, window, seam: Seam, tmp_path: Path
) -> None:
    main, _store, bundle = window
    with sftp_server(tmp_path / "sftp-root") as server:
        seam.url = f"sftp://{USER}@127.0.0.1:{server.port}/site"
        seam.password = PASSWORD
        # The user presses Cancel in the progress dialog while the key is being asked about.
        seam.on_host_key = lambda: press_cancel(main)
        upload_and_wait(qtbot, main)
        assert len(seam.asked) == 1 and seam.asked[0].startswith("host key 127.0.0.1:")
        assert "cancelled" in seam.infos[-1].lower() or "取消" in seam.infos[-1]
        assert not (server.root / "site").exists()

        seam.on_host_key = None
        upload_and_wait(qtbot, main)  # asked again (nothing was trusted), then trusted
        assert len(seam.asked) == 2 and seam.asked[1] == seam.asked[0]
        assert tree(server.root / "site") == tree(bundle)
        upload_and_wait(qtbot, main)
        assert len(seam.asked) == 2  # remembered: not asked again
        assert seam.errors == []


def test_a_wrong_address_is_said_in_the_dialog(qtbot) -> None:
    dialog = UploadDialog(Site(), "")
    qtbot.addWidget(dialog)
    dialog.url_edit.setText("http://example.org/")
    dialog.accept()
    assert dialog.request is None and "http://" in dialog.error_label.text()


def test_the_upload_dialog_speaks_chinese(qtbot, qapp: QApplication) -> None:
    translators = install_translators(qapp, "zh_CN")
    try:
        dialog = UploadDialog(Site(), "")
        qtbot.addWidget(dialog)
        texts = shown_texts(dialog)
        assert "上传" in " ".join(texts)
        assert_no_english(texts, "upload dialog")
    finally:
        remove_translators(qapp, translators)
