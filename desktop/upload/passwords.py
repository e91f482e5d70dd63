"""The upload password: ``NEWSROOM_UPLOAD_PASSWORD``, the system keychain, or asked for."""

from __future__ import annotations

import os
from typing import Any

from desktop.upload.url import UploadUrl

#: Environment variable read first, for automation and tests.
PASSWORD_ENV = "NEWSROOM_UPLOAD_PASSWORD"
#: The keychain service passwords are kept under; the account is ``user@host:port``.
KEYRING_SERVICE = "Newsroom upload"


def _keyring() -> Any | None:
    """The keyring module when it has a backend that really stores secrets, else None."""
    try:
        import keyring
        from keyring.backends import fail, null

        backend = keyring.get_keyring()
        if isinstance(backend, (fail.Keyring, null.Keyring)):
            return None
        # The chainer is usable only when one of its backends is.
        chained = getattr(backend, "backends", None)
        if chained is not None and not chained:
            return None
        return keyring
    except Exception:  # keyring raises backend-specific errors (no D-Bus, locked, …)
        return None


def keychain_available() -> bool:
    """Whether a system keychain can remember the password."""
    return _keyring() is not None


def stored_password(url: UploadUrl) -> str | None:
    """The password remembered in the keychain for this account, if any."""
    keyring = _keyring()
    if keyring is None:
        return None
    try:
        value = keyring.get_password(KEYRING_SERVICE, url.account)
    except Exception:  # a locked or broken keychain is the same as none
        return None
    return str(value) if value else None


def remember_password(url: UploadUrl, password: str) -> bool:
    """Keep the password in the keychain; say whether it worked."""
    keyring = _keyring()
    if keyring is None:
        return False
    try:
        keyring.set_password(KEYRING_SERVICE, url.account, password)
    except Exception:
        return False
    return True


def known_password(url: UploadUrl) -> str | None:
    """The password from the environment or the keychain, without asking anyone."""
    from_env = os.environ.get(PASSWORD_ENV)
    if from_env:
        return from_env
    return stored_password(url)
