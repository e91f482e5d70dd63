"""A web server on 127.0.0.1 for the link-check tests: every answer a real site gives.

``/ok`` 200, ``/moved`` 301 to ``/ok``, ``/missing`` 404, ``/broken`` 500, ``/no-head``
405 to HEAD and 200 to GET, ``/loop`` redirects to itself, and ``silent_url`` a port that
accepts connections and never answers (a timeout); ``https_base`` the same pages over TLS
with a self-signed ``certificate``. Nothing leaves the machine.
"""

from __future__ import annotations

import socket
import ssl
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from tests.upload.servers import _certificate


class _Handler(BaseHTTPRequestHandler):
    def _answer(self, with_body: bool) -> None:
        self.server.requests.append((self.command, self.path))  # type: ignore[attr-defined]
        path = self.path.split("?")[0]
        if path == "/moved":
            self._send(301, {"Location": "/ok"}, with_body)
        elif path == "/loop":
            self._send(302, {"Location": "/loop"}, with_body)
        elif path == "/missing":
            self._send(404, {}, with_body)
        elif path == "/broken":
            self._send(500, {}, with_body)
        elif path == "/no-head" and self.command == "HEAD":
            self._send(405, {"Allow": "GET"}, with_body)
        elif path in ("/ok", "/no-head", "/%E9%80%9A%E7%9F%A5.pdf"):
            self._send(200, {}, with_body)
        else:
            self._send(404, {}, with_body)

    def _send(self, code: int, headers: dict[str, str], with_body: bool) -> None:
        body = "<p>测试页面</p>".encode()
        self.send_response(code)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if with_body:
            self.wfile.write(body)

    def do_HEAD(self) -> None:
        self._answer(False)

    def do_GET(self) -> None:
        self._answer(True)

    def log_message(self, format: str, *args: object) -> None:
        pass


@dataclass
class LinkServer:
    """Where the test server listens, and the requests it was sent."""

    base: str
    https_base: str
    certificate: Path
    silent_url: str
    refused_url: str
    requests: list[tuple[str, str]] = field(default_factory=list)

    def url(self, path: str) -> str:
        """Return the full address of a path on the server."""
        return self.base + path


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _serve(requests: list[tuple[str, str]], tls: ssl.SSLContext | None) -> ThreadingHTTPServer:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    server.requests = requests  # type: ignore[attr-defined]
    if tls is not None:
        server.socket = tls.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    return server


@contextmanager
def link_server(folder: Path) -> Iterator[LinkServer]:
    """Run the servers (and a silent listener) for the length of a test."""
    requests: list[tuple[str, str]] = []
    certificate = _certificate(folder)
    tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    tls.load_cert_chain(str(certificate))
    server = _serve(requests, None)
    secure = _serve(requests, tls)
    # Listening but never accepting: the connection is made, no answer ever comes.
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(8)
    try:
        yield LinkServer(
            base=f"http://127.0.0.1:{server.server_address[1]}",
            https_base=f"https://127.0.0.1:{secure.server_address[1]}",
            certificate=certificate,
            silent_url=f"http://127.0.0.1:{silent.getsockname()[1]}/page",
            refused_url=f"http://127.0.0.1:{_free_port()}/page",
            requests=requests,
        )
    finally:
        for running in (server, secure):
            running.shutdown()
            running.server_close()
        silent.close()
