"""A real PostgreSQL (pgserver) for sync tests, with passwords really checked.

One server per test session (per xdist worker); each test gets a fresh database set up by
``katerm server init``. Clients are separate katerm homes (their own database and config).
Roles are cluster-wide, so the team's login roles are dropped after each test.
"""

from __future__ import annotations

import contextlib
import io
import itertools
import os
import shutil
from collections.abc import Iterator
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import pgserver  # the [test] extra: a missing one must fail these tests, not skip them
import psycopg
import pytest

PASSWORD = "s3cret-Pa55word"


@pytest.fixture(autouse=True)
def running_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """Sync orders edits by when they were made and the server judges every tag against its
    own clock, so these tests run on the real clock (not the suite's pinned one). They are
    marked ``postgres``; the run under a shifted machine clock leaves them out."""
    monkeypatch.delenv("KATERM_NOW", raising=False)


_numbers = itertools.count(1)


@dataclass
class PgCluster:
    admin_uri: str  # the superuser, over the unix socket
    socket_dir: str

    def url(self, dbname: str) -> str:
        return f"host={self.socket_dir} dbname={dbname}"

    def admin_url(self, dbname: str) -> str:
        return f"host={self.socket_dir} dbname={dbname} user=postgres"


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[PgCluster]:
    import tempfile

    # Not under pytest's basetemp: other pytest sessions on the machine prune old numbered
    # folders, and a server whose data folder vanishes dies mid-test.
    data = Path(tempfile.mkdtemp(prefix="katerm-pg-")) / "data"
    server = pgserver.get_server(data, cleanup_mode="delete")
    uri = server.get_uri()
    socket_dir = uri.split("host=", 1)[1].split("&", 1)[0]
    # pgserver trusts everyone; a test of passwords needs the server to check them.
    hba = Path(server.pgdata) / "pg_hba.conf"
    hba.write_text("local all postgres trust\nlocal all all scram-sha-256\n")
    with psycopg.connect(uri, autocommit=True) as conn:
        # A throwaway server: durability buys nothing here and costs every commit a flush.
        for setting in ("fsync = off", "synchronous_commit = off", "full_page_writes = off"):
            conn.execute(f"ALTER SYSTEM SET {setting}")
        conn.execute("SELECT pg_reload_conf()")
    yield PgCluster(uri, socket_dir)
    server.cleanup()
    shutil.rmtree(data.parent, ignore_errors=True)


@pytest.fixture
def server_url(pg_cluster: PgCluster) -> Iterator[str]:
    """A fresh database, set up with `katerm server init`; its client URL (no user)."""
    from katerm.core.sync.connect import Server
    from katerm.core.sync.server import init

    name = f"katerm_t{os.getpid()}_{next(_numbers)}"
    with psycopg.connect(pg_cluster.admin_uri, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    init(Server.parse(pg_cluster.admin_url(name)))
    yield pg_cluster.url(name)
    with psycopg.connect(pg_cluster.admin_uri, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        for (role,) in conn.execute(
            "SELECT rolname FROM pg_roles WHERE rolname LIKE 'k\\_%'"
        ).fetchall():
            conn.execute(f'DROP ROLE "{role}"')


@pytest.fixture
def admin_url(server_url: str) -> str:
    return server_url + " user=postgres"


def add_member(
    admin_url: str, login: str, manager: str | None = None, name: str | None = None
) -> None:
    from katerm.core.sync.connect import Server
    from katerm.core.sync.server import add_member as add

    add(
        Server.parse(admin_url),
        login,
        name=name or login.title(),
        password=PASSWORD,
        manager=manager,
    )


_template: dict[str, Path] = {}


def _fresh_db(path: Path) -> None:
    """A migrated empty database, copied from one made once per session (migrations take
    a while); each copy gets its own device id."""
    import secrets
    import sqlite3

    from katerm.core.clock import Clock
    from katerm.core.store.db import open_database

    if "db" not in _template:
        import atexit
        import tempfile

        base = Path(tempfile.mkdtemp(prefix="katerm-template-")) / "template.db"
        atexit.register(shutil.rmtree, base.parent, ignore_errors=True)
        open_database(base, clock=Clock.system()).close()
        conn = sqlite3.connect(base)
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.close()
        _template["db"] = base
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(_template["db"], path)
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE sync_state SET device_id = ?", (secrets.token_hex(6),))
    conn.execute("PRAGMA journal_mode = WAL")
    conn.close()


class Client:
    """One person's laptop: a katerm home of their own, logged in to the test server."""

    def __init__(self, home: Path, login: str, url: str) -> None:
        self.home, self.login, self.url = home, login, url
        self._ws = None
        _fresh_db(home / "data" / "katerm.db")
        (home / "config").mkdir(parents=True, exist_ok=True)
        (home / "config" / "config.toml").write_text(f'[user]\nlogin = "{login}"\n')

    @contextlib.contextmanager
    def env(self) -> Iterator[None]:
        old = os.environ.get("KATERM_HOME")
        os.environ["KATERM_HOME"] = str(self.home)
        try:
            yield
        finally:
            if old is None:
                os.environ.pop("KATERM_HOME", None)
            else:
                os.environ["KATERM_HOME"] = old

    @property
    def ws(self):  # type: ignore[no-untyped-def]
        if self._ws is None:
            from katerm.core.workspace import open_workspace
            from katerm.paths import resolve_paths

            with self.env():
                self._ws = open_workspace(resolve_paths())
        return self._ws

    def log_in(self) -> None:
        from katerm.core.sync.connect import Server, store_password
        from katerm.core.sync.run import log_in

        server = Server.parse(self.url, allow_user=False)
        log_in(self.ws, server, self.login)
        store_password(server, self.login, PASSWORD)  # the tests' in-memory keyring

    def sync(self, **kwargs):  # type: ignore[no-untyped-def]
        from katerm.core.sync.run import sync

        return sync(self.ws, password=PASSWORD, prompt=False, **kwargs)

    def cli(self, *args: str, stdin: str | None = None) -> tuple[int, str, str]:
        import sys

        from katerm.cli import main
        from katerm.i18n import set_language

        self.close()
        out, err = io.StringIO(), io.StringIO()
        old_stdin = sys.stdin
        if stdin is not None:
            sys.stdin = io.StringIO(stdin)
        try:
            with self.env(), redirect_stdout(out), redirect_stderr(err):
                try:
                    code = main(list(args))
                except SystemExit as exc:
                    code = exc.code if isinstance(exc.code, int) else 1
        finally:
            sys.stdin = old_stdin
        set_language("en")
        return code, out.getvalue(), err.getvalue()

    def rows(self, sql: str, *params: object) -> list[tuple]:
        with self.ws.db.reading() as conn:
            return conn.execute(sql, params).fetchall()

    def close(self) -> None:
        if self._ws is not None:
            self._ws.close()
            self._ws = None


@pytest.fixture
def clients(tmp_path: Path, server_url: str) -> Iterator[callable]:
    """``make(login)``: a logged-in client for a member (add them to the team first)."""
    made: list[Client] = []

    def make(login: str, *, log_in: bool = True) -> Client:
        client = Client(tmp_path / f"home-{login}-{len(made)}", login, server_url)
        made.append(client)
        if log_in:
            client.log_in()
        return client

    yield make
    for client in made:
        client.close()


def as_member(server_url: str, login: str):  # type: ignore[no-untyped-def]
    """A plain psycopg connection as a team member (what psql would see)."""
    from katerm.core.sync.connect import role_name

    return psycopg.connect(server_url, user=role_name(login), password=PASSWORD, autocommit=True)
