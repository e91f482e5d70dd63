"""Logging in to the office's server: the password's place, and why a connection failed.

The server URL is remembered without its password; the password lives in the system keychain
(``keyring``) when there is one, else it is asked for when the app starts (or read by libpq
from ``~/.pgpass``). A failed connection is told in words a user can act on: the password is
wrong, the server cannot be reached, the database does not exist.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import Enum

from desktop.i18n import tr
from desktop.store.errors import StoreError
from desktop.store.location import ServerAddress
from desktop.upload.passwords import keychain_available

#: The keychain service server passwords are kept under; the account is the URL without it.
KEYRING_SERVICE = "Newsroom server"


class LoginProblem(str, Enum):
    """Why a connection to the server failed."""

    PASSWORD_NEEDED = "password_needed"
    WRONG_PASSWORD = "wrong_password"
    UNKNOWN_LOGIN = "unknown_login"
    NOT_ALLOWED = "not_allowed"
    NO_DATABASE = "no_database"
    UNREACHABLE = "unreachable"
    OTHER = "other"


#: Words in libpq's and the server's messages, for each problem (checked in this order).
_SIGNS: tuple[tuple[LoginProblem, tuple[str, ...]], ...] = (
    (LoginProblem.PASSWORD_NEEDED, ("no password supplied", "password is required")),
    (LoginProblem.WRONG_PASSWORD, ("password authentication failed",)),
    (LoginProblem.NO_DATABASE, ('database "',)),
    (LoginProblem.UNKNOWN_LOGIN, ('role "',)),
    (LoginProblem.NOT_ALLOWED, ("pg_hba.conf", "permission denied for database")),
    (
        LoginProblem.UNREACHABLE,
        (
            "connection refused",
            "timeout expired",
            "failed to resolve host",
            "could not translate host name",
            "no route to host",
            "network is unreachable",
            "could not connect",
            "server closed the connection",
            "no such file or directory",
        ),
    ),
)


def login_problem(exc: BaseException) -> LoginProblem:
    """Read why a connection failed from the error (and the errors behind it)."""
    texts: list[str] = []
    cause: BaseException | None = exc
    while cause is not None and len(texts) < 10:
        texts.append(str(cause).lower())
        cause = cause.__cause__ or cause.__context__
    text = "\n".join(texts)
    for problem, signs in _SIGNS:
        if any(sign in text for sign in signs):
            if problem in (LoginProblem.NO_DATABASE, LoginProblem.UNKNOWN_LOGIN) and (
                "does not exist" not in text
            ):
                continue
            return problem
    return LoginProblem.OTHER


def problem_text(problem: LoginProblem, address: ServerAddress, detail: str = "") -> str:
    """Say what went wrong, and what to do about it."""
    server = f"{address.host or 'localhost'}:{address.port or 5432}"
    if problem is LoginProblem.PASSWORD_NEEDED:
        return tr(
            "the server {server} asks for the password of {login}",
            server=server,
            login=address.login,
        )
    if problem is LoginProblem.WRONG_PASSWORD:
        return tr(
            "the password of {login} is wrong (or the login is unknown on {server}): "
            "type it again, or ask whoever looks after the server",
            login=address.login,
            server=server,
        )
    if problem is LoginProblem.UNKNOWN_LOGIN:
        return tr(
            "the server {server} has no login {login}: ask whoever looks after the server "
            "to create it",
            server=server,
            login=address.login,
        )
    if problem is LoginProblem.NOT_ALLOWED:
        return tr(
            "the server {server} does not let {login} in from this PC (its pg_hba.conf): ask "
            "whoever looks after the server",
            server=server,
            login=address.login,
        )
    if problem is LoginProblem.NO_DATABASE:
        return tr(
            "the server {server} has no database {database}: check its name, or ask whoever "
            "looks after the server to create it",
            server=server,
            database=address.database,
        )
    if problem is LoginProblem.UNREACHABLE:
        return tr(
            "the server {server} cannot be reached: check the address and port, the network, "
            "and that the server is running",
            server=server,
        )
    return tr("cannot open the database on {server}: {detail}", server=server, detail=detail)


class ConnectionRefused(StoreError):
    """The server could not be used; ``problem`` says why, the message says it in words."""

    def __init__(self, problem: LoginProblem, message: str) -> None:
        super().__init__(message)
        self.problem = problem


@dataclass(frozen=True)
class ServerLogin:
    """What the Connect to a server… dialog asks: where, as whom, and the password."""

    host: str
    port: int | None
    database: str
    login: str
    password: str = ""
    #: Keep the password in the system keychain for next time.
    remember: bool = True

    def address(self) -> ServerAddress:
        """The server address with the password (to connect)."""
        return ServerAddress(
            host=self.host.strip(),
            port=self.port,
            database=self.database.strip(),
            user=self.login.strip(),
            password=self.password or None,
        )

    @classmethod
    def of(cls, address: ServerAddress) -> ServerLogin:
        """The dialog's fields for a remembered address."""
        return cls(
            address.host, address.port, address.database, address.user, address.password or ""
        )


def remembered_url(address: ServerAddress) -> str:
    """The URL that may be written to the settings: never with the password."""
    return replace(address, password=None).url()


def _account(address: ServerAddress) -> str:
    return remembered_url(address)


def stored_password(address: ServerAddress) -> str | None:
    """The password the keychain holds for this login on this server, if any."""
    if not keychain_available():
        return None
    try:
        import keyring

        value = keyring.get_password(KEYRING_SERVICE, _account(address))
    except Exception:  # a locked or broken keychain is the same as none
        return None
    return str(value) if value else None


def remember_password(address: ServerAddress, password: str) -> bool:
    """Keep the password in the keychain; say whether it worked (no keychain: no)."""
    if not keychain_available():
        return False
    try:
        import keyring

        keyring.set_password(KEYRING_SERVICE, _account(address), password)
    except Exception:
        return False
    return True


def forget_password(address: ServerAddress) -> None:
    """Take the password out of the keychain (it was wrong)."""
    if not keychain_available():
        return
    try:
        import keyring

        keyring.delete_password(KEYRING_SERVICE, _account(address))
    except Exception:  # not there, or no keychain: nothing to forget
        return


def check_connection(address: ServerAddress) -> None:
    """Open the database on the server (creating its tables if new) and close it again.

    Raises ``ConnectionRefused`` saying why when it cannot be used.
    """
    from desktop.store.store import Store

    try:
        Store.open(address.url()).close()
    except StoreError as exc:
        problem = login_problem(exc)
        raise ConnectionRefused(problem, problem_text(problem, address, str(exc))) from exc
