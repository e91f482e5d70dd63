"""File → Connect to a server…: where the office's database is, and who is logging in."""

from __future__ import annotations

import getpass

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.store.server_login import ServerLogin


class ServerDialog(QDialog):
    """Asks for the server, its port, the database, the login and the password."""

    def __init__(
        self, initial: ServerLogin | None, keychain: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Connect to a server"))
        initial = initial or ServerLogin("", None, "newsroom", getpass.getuser())
        self.host = QLineEdit(initial.host)
        self.host.setObjectName("server_host")
        self.host.setPlaceholderText(self.tr("e.g. 192.168.1.10"))
        self.port = QSpinBox()
        self.port.setObjectName("server_port")
        self.port.setRange(1, 65535)
        self.port.setValue(initial.port or 5432)
        self.database = QLineEdit(initial.database)
        self.database.setObjectName("server_database")
        self.login = QLineEdit(initial.login)
        self.login.setObjectName("server_login")
        self.password = QLineEdit(initial.password)
        self.password.setObjectName("server_password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.remember = QCheckBox(self.tr("Remember the password in the system keychain"))
        self.remember.setObjectName("server_remember")
        self.remember.setChecked(keychain and initial.remember)
        self.remember.setEnabled(keychain)
        if not keychain:
            self.remember.setToolTip(
                self.tr("There is no system keychain here: the password is asked at each start.")
            )
        form = QFormLayout()
        form.addRow(self.tr("Server"), self.host)
        form.addRow(self.tr("Port"), self.port)
        form.addRow(self.tr("Database"), self.database)
        form.addRow(self.tr("Login"), self.login)
        form.addRow(self.tr("Password"), self.password)
        form.addRow("", self.remember)
        note = QLabel(
            self.tr(
                "Your login is you: the office's people list in the site settings gives the "
                "name you sign with. The password is never written to a settings file."
            )
        )
        note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Connect"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def server_login(self) -> ServerLogin:
        """Return what was typed."""
        return ServerLogin(
            host=self.host.text().strip(),
            port=self.port.value(),
            database=self.database.text().strip(),
            login=self.login.text().strip(),
            password=self.password.text(),
            remember=self.remember.isChecked(),
        )
