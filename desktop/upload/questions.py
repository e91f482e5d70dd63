"""What an upload may have to ask: the window asks through its dialogs, the CLI on the terminal."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


def _no(*_args: object) -> bool:
    return False


def _nothing(*_args: object) -> str | None:
    return None


@dataclass(frozen=True)
class Questions:
    """Callbacks answering the upload's questions; the defaults refuse everything."""

    # (url text) -> whether to send files and password unencrypted over plain FTP
    confirm_plain_ftp: Callable[[str], bool] = _no
    # (host:port, key type, SHA256 fingerprint) -> whether to trust a host seen the first time
    confirm_host_key: Callable[[str, str, str], bool] = _no
    # (account user@host:port) -> the password, or None to cancel
    ask_password: Callable[[str], str | None] = _nothing

    @classmethod
    def accept_all(cls, password: Callable[[str], str | None] = _nothing) -> Questions:
        """Say yes to every confirmation (``--yes``); ``password`` still gives the password."""
        return cls(lambda _u: True, lambda _h, _t, _f: True, password)
