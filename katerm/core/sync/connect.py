"""Reaching the server: the driver, addresses, passwords and what went wrong, said plainly.

Passwords live in the OS keyring (service ``katerm``, one entry per server and login), or come
from ``KATERM_PASSWORD``, ``--password-stdin`` or a prompt. They are handed to the driver as a
separate argument, never put in a URL, the database, the config, a log, an exception or the
process's arguments; a server URL carrying one is refused.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from katerm.core.config import LOGIN_RE
from katerm.core.errors import BadInput, KatermError, Offline

if TYPE_CHECKING:
    import psycopg

KEYRING_SERVICE = "katerm"
PASSWORD_ENV = "KATERM_PASSWORD"
SERVER_ENV = "KATERM_SERVER"
ROLE_PREFIX = "k_"
CONNECT_TIMEOUT = 10  # seconds; an unreachable server must not hang a sync
LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})


class AuthFailed(KatermError):
    """The server refused the login or password."""

    exit_code = 2


class ServerProblem(KatermError):
    """The server answered with an error we can explain (not set up, out of date...)."""


def driver() -> Any:
    """The psycopg module, or a clear message on how to install it."""
    try:
        import psycopg
    except ImportError as exc:
        raise BadInput("sync.no_driver", hint="sync.no_driver_hint") from exc
    return psycopg


# --- names and addresses --------------------------------------------------------------------


def role_name(login: str) -> str:
    """The PostgreSQL role of a team member (logins are case-insensitive, roles are not)."""
    return ROLE_PREFIX + login.lower()


def check_login(login: str) -> str:
    login = login.strip()
    if not LOGIN_RE.match(login) or len(role_name(login)) > 63:
        raise BadInput("sync.bad_login", value=login)
    return login


@dataclass(frozen=True)
class Server:
    """A server address without credentials (what is stored and shown). ``insecure``: the
    user allowed a connection without TLS to it (``--insecure``)."""

    url: str
    insecure: bool = False

    @classmethod
    def parse(cls, url: str, *, allow_user: bool = True) -> Server:
        """Check an address (URI or ``key=value`` form) and drop any user name from it."""
        url = (url or "").strip()
        if not url:
            raise BadInput("sync.no_server", hint="sync.no_server_hint")
        psycopg = driver()
        try:
            params = psycopg.conninfo.conninfo_to_dict(url)
        except psycopg.ProgrammingError as exc:
            raise BadInput("sync.bad_url", value=_redact(url)) from exc
        if params.get("password"):
            raise BadInput("sync.password_in_url", hint="sync.password_in_url_hint")
        if not allow_user:
            params.pop("user", None)
        return cls(psycopg.conninfo.make_conninfo(**params))

    @property
    def shown(self) -> str:
        return self.url

    @property
    def local(self) -> bool:
        """On this machine (a Unix socket or a loopback address): TLS adds nothing there."""
        params = driver().conninfo.conninfo_to_dict(self.url)
        hosts = str(params.get("host") or "").split(",")
        return all(not h or h.startswith(("/", "@")) or h in LOCAL_HOSTS for h in hosts)

    def with_ca_file(self, path: str) -> Server:
        """The same server, its certificate checked against the CA certificate in ``path``."""
        psycopg = driver()
        params = psycopg.conninfo.conninfo_to_dict(self.url)
        params["sslrootcert"] = path
        return Server(psycopg.conninfo.make_conninfo(**params), self.insecure)

    def tls_params(self) -> dict[str, Any]:
        """What connecting adds for TLS: verify-full for any server not on this machine.

        A weaker ``sslmode`` in the address, or a plain connection, needs ``--insecure``.
        """
        if self.local:
            return {}
        params = driver().conninfo.conninfo_to_dict(self.url)
        mode = params.get("sslmode")
        if self.insecure:
            return {} if mode else {"sslmode": "prefer"}
        if mode not in (None, "verify-full", "verify-ca"):
            raise BadInput("sync.tls.weak_mode", hint="sync.tls.hint", mode=mode, server=self.url)
        extra: dict[str, Any] = {} if mode else {"sslmode": "verify-full"}
        if not params.get("sslrootcert") and driver().pq.version() >= 160000:
            extra["sslrootcert"] = "system"  # the system's CAs unless a file is given
        return extra


def _redact(url: str) -> str:
    """An address safe to print: whatever stands where a password could is masked."""
    url = re.sub(r"(://[^:/@]*:)[^@]*@", r"\1***@", url)
    return re.sub(r"(password\s*=\s*)\S+", r"\1***", url, flags=re.IGNORECASE)


def admin_server(url: str | None, *, insecure: bool = False) -> Server:
    """The administrator's address: ``--server`` or ``KATERM_SERVER``."""
    found = Server.parse(url or os.environ.get(SERVER_ENV, ""))
    return Server(found.url, insecure)


# --- passwords ------------------------------------------------------------------------------


# A keyring backend that cannot work here (no D-Bus session, a locked or absent store) raises
# its own errors, not always KeyringError: the password is then simply not kept.
_KEYRING_BROKEN: tuple[type[Exception], ...] = (RuntimeError, OSError, ValueError)


def keyring_usable() -> bool:
    """Is there an OS keyring to keep the password in? (Not on a headless Linux box.)"""
    try:
        import keyring
        from keyring.backends import fail, null
    except ImportError:
        return False
    try:
        backend = keyring.get_keyring()
    except (ImportError, RuntimeError, OSError, ValueError):  # a backend that cannot load
        return False
    inner = getattr(backend, "backends", None)
    if inner is not None:  # the chainer: usable if any of its backends is
        return any(not isinstance(b, fail.Keyring | null.Keyring) for b in inner)
    return not isinstance(backend, fail.Keyring | null.Keyring)


def _account(server: Server, login: str) -> str:
    return f"{login.lower()}@{server.url}"


def stored_password(server: Server, login: str) -> str | None:
    if not keyring_usable():
        return None
    import keyring
    from keyring.errors import KeyringError

    try:
        return keyring.get_password(KEYRING_SERVICE, _account(server, login))
    except (KeyringError, *_KEYRING_BROKEN):
        return None


def store_password(server: Server, login: str, password: str) -> bool:
    """Keep the password in the keyring; False (and nothing written anywhere) without one."""
    if not keyring_usable():
        return False
    import keyring
    from keyring.errors import KeyringError

    try:
        keyring.set_password(KEYRING_SERVICE, _account(server, login), password)
    except (KeyringError, *_KEYRING_BROKEN):
        return False
    return True


def forget_password(server: Server, login: str) -> bool:
    if not keyring_usable():
        return False
    import keyring
    from keyring.errors import KeyringError, PasswordDeleteError

    try:
        keyring.delete_password(KEYRING_SERVICE, _account(server, login))
    except (PasswordDeleteError, KeyringError, *_KEYRING_BROKEN):
        return False
    return True


def password_for(server: Server, login: str, *, prompt: bool) -> str:
    """``KATERM_PASSWORD``, else the keyring, else (on a terminal, if allowed) a prompt."""
    env = os.environ.get(PASSWORD_ENV)
    if env:
        return env
    stored = stored_password(server, login)
    if stored:
        return stored
    if prompt:
        import getpass
        import sys

        if sys.stdin is not None and sys.stdin.isatty():
            from katerm.i18n import t

            entered = getpass.getpass(t("sync.password_prompt", login=login))
            if entered:
                return entered
    raise AuthFailed("sync.no_password", hint="sync.no_password_hint", login=login)


# --- connections ----------------------------------------------------------------------------


@contextlib.contextmanager
def connect(
    server: Server,
    *,
    login: str | None = None,
    password: str | None = None,
    autocommit: bool = False,
) -> Iterator[psycopg.Connection]:
    """A connection as the team member ``login`` (or as the administrator the URL names)."""
    psycopg = driver()
    kwargs: dict[str, Any] = {
        "connect_timeout": CONNECT_TIMEOUT,
        "application_name": "katerm",
        "autocommit": autocommit,
    }
    if login is not None:
        kwargs["user"] = role_name(login)
    if password is not None:
        kwargs["password"] = password
    kwargs.update(server.tls_params())
    with translated(server):
        conn = psycopg.connect(server.url, **kwargs)
    try:
        with translated(server):
            # A client that dies mid-pull must not hold a snapshot open for long.
            conn.execute("SET idle_in_transaction_session_timeout = '5min'")
            if not autocommit:
                conn.commit()
            yield conn
    finally:
        with contextlib.suppress(Exception):
            conn.close()


def check_saved(server: Server) -> Server:
    """A saved address read back from this database: one that does not parse (edited by
    hand, or saved by an older katerm) is said plainly, with how to set it again, instead
    of failing inside katerm wherever it is first read."""
    psycopg = driver()
    try:
        psycopg.conninfo.conninfo_to_dict(server.url)
    except psycopg.ProgrammingError as exc:
        raise BadInput(
            "sync.bad_saved_server",
            hint="sync.bad_saved_server_hint",
            server=server.url,
            driver=str(exc).strip().splitlines()[0],
        ) from None
    return server


@contextlib.contextmanager
def translated(server: Server) -> Iterator[None]:
    """Driver errors as messages a user can act on (never with a password in them)."""
    psycopg = driver()
    try:
        yield
    except KatermError:
        raise
    except psycopg.Error as exc:
        raise explain(exc, server) from None


def explain(exc: Exception, server: Server) -> KatermError:
    """Our message for a driver error, in the user's language; the driver's own (English)
    words go along as ``driver``, shown apart as a detail."""
    state = getattr(exc, "sqlstate", None) or ""
    said = str(exc)
    text = said.strip().splitlines()[0] if said.strip() else type(exc).__name__
    where = {"server": server.url, "driver": text}
    # A refused login has no SQLSTATE at connect time (libpq gives text only).
    if (
        state in ("28P01", "28000")
        or "authentication failed" in said
        or ("role" in said and "does not exist" in said)
    ):
        return AuthFailed("sync.auth_failed", hint="sync.auth_failed_hint", server=server.url)
    if state == "3D000":
        return BadInput("sync.no_database", **where)
    if state in ("3F000", "42P01", "42883"):
        return ServerProblem(
            "sync.not_initialised", hint="sync.not_initialised_hint", server=server.url
        )
    if state == "22008":  # app.check_clock(): a tag from a clock far ahead
        return ServerProblem("sync.clock_ahead_server", hint="sync.clock_ahead_hint")
    if state == "42501":
        return ServerProblem("sync.not_allowed", driver=text)
    if any(word in said for word in ("SSL", "certificate", "TLS")):
        return ServerProblem("sync.tls.failed", hint="sync.tls.hint", **where)
    if not state and "connection is bad: invalid" in said:  # libpq refused the address
        return BadInput("sync.bad_address", **where)
    if state.startswith("08") or not state:
        key = next((k for words, k in _UNREACHABLE if any(w in said for w in words)), "")
        return Offline(
            f"sync.{key or 'unreachable'}",
            hint="sync.unreachable_hint",
            seconds=CONNECT_TIMEOUT,
            **where,
        )
    return ServerProblem("sync.server_error", driver=text)


# Why a server cannot be reached, from libpq's (English) words: the message says it in ours.
_UNREACHABLE = (
    (("Connection refused", "No such file or directory"), "refused"),
    (("resolve host", "translate host name", "Name or service not known"), "unknown_host"),
    (("timeout expired", "timed out"), "timed_out"),
)
