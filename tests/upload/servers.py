"""Real upload servers on 127.0.0.1 for the tests: FTP and FTPS (pyftpdlib), SFTP (asyncssh)."""

from __future__ import annotations

import asyncio
import datetime as dt
import ipaddress
import logging
import threading
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import asyncssh
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

with warnings.catch_warnings():  # pyftpdlib still builds on asyncore, deprecated in 3.11
    warnings.simplefilter("ignore", DeprecationWarning)
    from pyftpdlib.authorizers import DummyAuthorizer
    from pyftpdlib.handlers import FTPHandler, TLS_FTPHandler
    from pyftpdlib.servers import ThreadedFTPServer

USER = "editor"
PASSWORD = "s3cret-口令"

# A handler of our own tells pyftpdlib logging is configured, so it does not log every command.
logging.getLogger("pyftpdlib").addHandler(logging.NullHandler())
logging.getLogger("pyftpdlib").setLevel(logging.ERROR)


@dataclass
class Drops:
    """Close the control connection when the server has stored this many files (each once)."""

    after: list[int] = field(default_factory=list)
    stored: int = 0
    dropped: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def should_drop(self) -> bool:
        """Count one stored file; say whether to drop the connection instead of storing it."""
        with self.lock:
            if self.after and self.stored >= self.after[0]:
                self.after.pop(0)
                self.dropped += 1
                return True
            self.stored += 1
            return False


@dataclass
class FtpServer:
    """A running FTP server: where it listens and which folder it serves."""

    port: int
    root: Path
    drops: Drops
    certificate: Path | None = None


def _certificate(folder: Path) -> Path:
    """Write a self-signed certificate for 127.0.0.1 with its key, as one PEM file."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.timezone.utc)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=2))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    pem = folder / "server.pem"
    pem.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.TraditionalOpenSSL,
            serialization.NoEncryption(),
        )
        + cert.public_bytes(serialization.Encoding.PEM)
    )
    return pem


@contextmanager
def ftp_server(root: Path, tls: bool = False, drops: Drops | None = None) -> Iterator[FtpServer]:
    """Serve ``root`` over FTP (or explicit FTPS) on a free loopback port while in the block."""
    root.mkdir(parents=True, exist_ok=True)
    drops = drops or Drops()
    authorizer = DummyAuthorizer()
    authorizer.add_user(USER, PASSWORD, str(root), perm="elradfmwMT")
    base = TLS_FTPHandler if tls else FTPHandler
    certificate = _certificate(root.parent) if tls else None

    class Handler(base):  # type: ignore[misc, valid-type]
        def ftp_STOR(self, file: str, mode: str = "w") -> object:
            if drops.should_drop():
                self.close()  # the connection drops in the middle of the upload
                return None
            return super().ftp_STOR(file, mode)

    Handler.authorizer = authorizer
    Handler.passive_ports = None
    if certificate is not None:
        Handler.certfile = str(certificate)
        Handler.tls_control_required = True
        Handler.tls_data_required = True
    server = ThreadedFTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"timeout": 0.05}, daemon=True)
    thread.start()
    try:
        yield FtpServer(server.address[1], root, drops, certificate)
    finally:
        server.close_all()
        thread.join(10)


@dataclass
class SftpServer:
    """A running SFTP server: its port, its folder and its host key."""

    port: int
    root: Path
    host_key: asyncssh.SSHKey


class _Login(asyncssh.SSHServer):
    def begin_auth(self, username: str) -> bool:
        return True

    def password_auth_supported(self) -> bool:
        return True

    def validate_password(self, username: str, password: str) -> bool:
        return username == USER and password == PASSWORD


@contextmanager
def sftp_server(root: Path, host_key: asyncssh.SSHKey | None = None) -> Iterator[SftpServer]:
    """Serve ``root`` over SFTP (password login) on a free loopback port while in the block."""
    root.mkdir(parents=True, exist_ok=True)
    key = host_key or asyncssh.generate_private_key("ssh-ed25519")
    loop = asyncio.new_event_loop()
    chroot = str(root).encode()

    def sftp(channel: asyncssh.SSHServerChannel) -> asyncssh.SFTPServer:
        return asyncssh.SFTPServer(channel, chroot=chroot)

    async def start() -> asyncssh.SSHAcceptor:
        return await asyncssh.create_server(
            _Login, "127.0.0.1", 0, server_host_keys=[key], sftp_factory=sftp
        )

    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    acceptor = asyncio.run_coroutine_threadsafe(start(), loop).result(10)
    try:
        yield SftpServer(acceptor.sockets[0].getsockname()[1], root, key)
    finally:

        async def stop() -> None:
            acceptor.close()
            await acceptor.wait_closed()

        asyncio.run_coroutine_threadsafe(stop(), loop).result(10)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)
        loop.close()
