"""Driving an upload the way the CLI and the window do."""

from __future__ import annotations

import ssl
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import keyring
from keyring.backend import KeyringBackend
from keyring.backends import null

from desktop.upload import (
    HostKeyStore,
    Questions,
    UploadProgress,
    UploadSummary,
    connect,
    open_bundle,
    parse_upload_url,
    upload_bundle,
)
from tests.upload.servers import PASSWORD


def password(_account: str) -> str:
    """The test servers' password."""
    return PASSWORD


YES = Questions.accept_all(password)


def upload(
    bundle: Path,
    to: str,
    questions: Questions = YES,
    host_keys: HostKeyStore | None = None,
    tls: ssl.SSLContext | None = None,
    dry_run: bool = False,
) -> tuple[UploadSummary, list[UploadProgress]]:
    """Upload ``bundle`` to ``to`` to the end; return the summary and every progress report."""
    url = parse_upload_url(to)
    keys = host_keys or HostKeyStore(bundle.parent / "host_keys.json")
    source = open_bundle(bundle)
    reports: list[UploadProgress] = []
    try:
        run = upload_bundle(source, connect(url, questions, keys, tls), url.text(), dry_run)
        while True:
            try:
                reports.append(next(run))
            except StopIteration as stop:
                return stop.value, reports
    finally:
        source.close()


@contextmanager
def keychain(backend: KeyringBackend | None = None) -> Iterator[None]:
    """Use ``backend`` as the system keychain (none at all by default) inside the block."""
    previous = keyring.get_keyring()
    keyring.set_keyring(backend or null.Keyring())
    try:
        yield
    finally:
        keyring.set_keyring(previous)


def trusting(certificate: Path) -> ssl.SSLContext:
    """A TLS context that trusts the test server's self-signed certificate."""
    return ssl.create_default_context(cafile=str(certificate))
