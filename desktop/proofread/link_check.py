"""External link checking, on request only: does each web address an article links to answer?

Never called by the preview or by saving: only ``newsroom links`` and Tools → Check links
go on the network. Each address is asked with HTTP HEAD (GET where the server refuses or
mishandles HEAD), with a timeout, following redirects up to a limit, a handful at a time;
the answer is one ``LinkStatus`` with what a person needs to act on it.
"""

from __future__ import annotations

import http.client
import socket
import ssl
from collections.abc import Callable, Generator, Iterable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from enum import Enum
from urllib.parse import quote, urljoin, urlsplit

from desktop import __version__
from desktop.article import Article
from desktop.i18n import tr
from desktop.proofread.links import external_addresses


class LinkStatus(str, Enum):
    """What asking one address gave."""

    OK = "ok"
    REDIRECTED = "redirected"  # answered, at another address
    NOT_FOUND = "not_found"  # 404 or 410
    HTTP_ERROR = "http_error"  # any other 4xx or 5xx
    TIMED_OUT = "timed_out"
    REFUSED = "refused"  # nothing listens there, or the connection was dropped
    BAD_CERTIFICATE = "bad_certificate"
    UNREACHABLE = "unreachable"  # the name is unknown or the network is down
    TOO_MANY_REDIRECTS = "too_many_redirects"

    @property
    def dead(self) -> bool:
        """Whether a visitor following the link gets no page."""
        return self not in (LinkStatus.OK, LinkStatus.REDIRECTED)


@dataclass(frozen=True)
class LinkResult:
    """The answer for one address."""

    url: str
    status: LinkStatus
    code: int | None = None  # the last HTTP status code, when there was an answer
    final_url: str = ""  # where the redirects ended
    detail: str = ""  # the error's own words, for the curious

    @property
    def dead(self) -> bool:
        """Whether the link leads nowhere."""
        return self.status.dead

    def describe(self) -> str:
        """Return the status in a few words: OK, redirected to X, 404, timed out…"""
        status = self.status
        if status is LinkStatus.OK:
            return tr("OK")
        if status is LinkStatus.REDIRECTED:
            return tr("redirected to {url}", url=self.final_url)
        if status in (LinkStatus.NOT_FOUND, LinkStatus.HTTP_ERROR):
            return str(self.code)
        if status is LinkStatus.TIMED_OUT:
            return tr("timed out")
        if status is LinkStatus.REFUSED:
            return tr("refused")
        if status is LinkStatus.BAD_CERTIFICATE:
            return tr("bad certificate")
        if status is LinkStatus.UNREACHABLE:
            return tr("unreachable")
        return tr("too many redirects")


@dataclass(frozen=True)
class LinkOptions:
    """How patient and how parallel the check is."""

    timeout: float = 10.0  # seconds for connecting and for each read
    max_redirects: int = 5
    workers: int = 4  # a handful at a time: small sites must not see a flood
    #: Certificate authorities to trust (None: the system's); tests pass their own.
    tls_context: ssl.SSLContext | None = None


_USER_AGENT = f"Newsroom/{__version__} link check"
#: HEAD answers after which GET is tried: servers that refuse or mishandle HEAD.
_TRY_GET = frozenset({400, 403, 404, 405, 406, 500, 501, 502, 503})
_REDIRECTS = frozenset({301, 302, 303, 307, 308})


def _request_target(url: str) -> tuple[str, str, int | None, str]:
    """Return (scheme, host, port, path) with the path percent-encoded as HTTP needs."""
    parts = urlsplit(url)
    host = (parts.hostname or "").encode("idna").decode("ascii")
    path = quote(parts.path or "/", safe="/%:@!$&'()*+,;=-._~")
    if parts.query:
        path += "?" + quote(parts.query, safe="/%:@!$&'()*+,;=-._~?")
    return parts.scheme.lower(), host, parts.port, path


def _ask(url: str, method: str, options: LinkOptions) -> tuple[int, str | None]:
    """Send one request; return the status code and the Location header."""
    scheme, host, port, path = _request_target(url)
    connection: http.client.HTTPConnection
    if scheme == "https":
        context = options.tls_context or ssl.create_default_context()
        connection = http.client.HTTPSConnection(
            host, port, timeout=options.timeout, context=context
        )
    else:
        connection = http.client.HTTPConnection(host, port, timeout=options.timeout)
    try:
        connection.request(
            method,
            path,
            headers={"User-Agent": _USER_AGENT, "Accept": "*/*", "Connection": "close"},
        )
        response = connection.getresponse()
        return response.status, response.getheader("Location")
    finally:
        connection.close()  # a GET's body is never read: the status is all we need


def _failure(url: str, exc: BaseException) -> LinkResult:
    if isinstance(exc, ssl.SSLCertVerificationError):
        return LinkResult(url, LinkStatus.BAD_CERTIFICATE, detail=exc.verify_message or str(exc))
    if isinstance(exc, ssl.SSLError):
        return LinkResult(url, LinkStatus.BAD_CERTIFICATE, detail=str(exc))
    if isinstance(exc, (TimeoutError, socket.timeout)):
        return LinkResult(url, LinkStatus.TIMED_OUT, detail=str(exc))
    if isinstance(
        exc, (ConnectionRefusedError, ConnectionResetError, http.client.RemoteDisconnected)
    ):
        return LinkResult(url, LinkStatus.REFUSED, detail=str(exc))
    return LinkResult(url, LinkStatus.UNREACHABLE, detail=str(exc) or type(exc).__name__)


def check_url(url: str, options: LinkOptions | None = None) -> LinkResult:
    """Ask one address, following redirects, and return what a visitor would get."""
    options = options or LinkOptions()
    current = url
    for hop in range(options.max_redirects + 1):
        if urlsplit(current).scheme.lower() not in ("http", "https"):
            return LinkResult(
                url, LinkStatus.UNREACHABLE, final_url=current, detail=tr("not a web address")
            )
        try:
            code, location = _ask(current, "HEAD", options)
            if code in _TRY_GET:
                code, location = _ask(current, "GET", options)
        except (OSError, http.client.HTTPException, UnicodeError, ValueError) as exc:
            result = _failure(url, exc)
            return LinkResult(url, result.status, final_url=current, detail=result.detail)
        if code in _REDIRECTS and location:
            current = urljoin(current, location)
            continue
        if code in (404, 410):
            return LinkResult(url, LinkStatus.NOT_FOUND, code, current)
        if code >= 400:
            return LinkResult(url, LinkStatus.HTTP_ERROR, code, current)
        if hop:
            return LinkResult(url, LinkStatus.REDIRECTED, code, current)
        return LinkResult(url, LinkStatus.OK, code, current)
    return LinkResult(url, LinkStatus.TOO_MANY_REDIRECTS, None, current)


@dataclass(frozen=True)
class ArticleLinks:
    """The web addresses of one article."""

    article_id: int
    title: str
    urls: tuple[str, ...]


def article_links(articles: Iterable[Article]) -> list[ArticleLinks]:
    """Return each article's external addresses (articles without any left out)."""
    found = []
    for article in articles:
        urls = tuple(external_addresses(article.body))
        if urls and article.id is not None:
            found.append(ArticleLinks(article.id, article.title, urls))
    return found


@dataclass
class LinkProgress:
    """One step of a link check: how many addresses are done, and the one just answered."""

    done: int
    total: int
    result: LinkResult | None = None
    results: dict[str, LinkResult] = field(default_factory=dict)  # every answer so far


def check_addresses(
    urls: Sequence[str],
    options: LinkOptions | None = None,
    cancelled: Callable[[], bool] = lambda: False,
) -> Generator[LinkProgress, None, None]:
    """Ask every address, a handful at a time; yield after each answer.

    Stops asking new addresses once ``cancelled()`` is true (those already asked finish
    within the timeout).
    """
    options = options or LinkOptions()
    unique = list(dict.fromkeys(urls))
    progress = LinkProgress(0, len(unique))
    yield progress
    pending = iter(unique)
    with ThreadPoolExecutor(max_workers=max(1, options.workers)) as pool:
        running: set[Future[LinkResult]] = set()

        def top_up() -> None:
            while len(running) < options.workers and not cancelled():
                url = next(pending, None)
                if url is None:
                    return
                running.add(pool.submit(check_url, url, options))

        top_up()
        while running:
            finished, _ = wait(running, timeout=0.2, return_when=FIRST_COMPLETED)
            for future in finished:
                running.discard(future)
                result = future.result()
                progress.results[result.url] = result
                progress.done += 1
                progress.result = result
                yield progress
            top_up()
