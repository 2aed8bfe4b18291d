"""Shared fixtures: every test runs in its own KATERM_HOME with a real SQLite file."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend

from katerm.i18n import set_language


class MemoryKeyring(KeyringBackend):
    """A real keyring backend that keeps secrets in memory, so tests never touch the OS's."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        from keyring.errors import PasswordDeleteError

        if (service, username) not in self.secrets:
            raise PasswordDeleteError(username)
        del self.secrets[(service, username)]


@pytest.fixture(autouse=True)
def katerm_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A fresh KATERM_HOME, English, a fixed OS user and a short lock timeout for each test."""
    home = tmp_path / "home"
    monkeypatch.setenv("KATERM_HOME", str(home))
    monkeypatch.setenv("KATERM_BUSY_TIMEOUT_MS", "300")
    for var in ("LC_ALL", "LC_MESSAGES", "LANGUAGE", "KATERM_SERVER", "KATERM_PASSWORD"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.setenv("USER", "tester")
    monkeypatch.setenv("LOGNAME", "tester")
    set_language("en")
    yield home
    set_language("en")


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@dataclass
class CliResult:
    code: int
    out: str
    err: str


@pytest.fixture
def cli() -> Callable[..., CliResult]:
    """Run ``katerm ARGS`` in-process and capture what it prints."""
    from katerm.cli import main

    def run(*args: str) -> CliResult:
        out, err = io.StringIO(), io.StringIO()
        with redirect_stdout(out), redirect_stderr(err):
            try:
                code = main(list(args))
            except SystemExit as exc:  # argparse exits on --help and usage errors
                code = exc.code if isinstance(exc.code, int) else 1
        set_language("en")
        return CliResult(code, out.getvalue(), err.getvalue())

    return run


@pytest.fixture
def workspace(katerm_home: Path):
    """An opened workspace on a new database in this test's KATERM_HOME."""
    from katerm.core.workspace import open_workspace
    from katerm.paths import resolve_paths

    ws = open_workspace(resolve_paths())
    yield ws
    ws.close()


@pytest.fixture(autouse=True)
def rows_the_server_takes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every row katerm writes must pass the sync rules the shared server enforces: a value
    the server would refuse would leave a seller's change stuck in the outbox."""
    from katerm.core import store
    from katerm.core.sync.check import value_problems
    from katerm.core.sync.schema import table_named

    def check(table: str, values: dict) -> None:
        if table_named(table) is None:
            return
        found = value_problems(table, values)
        assert not found, f"{table}: {found} in {values}"

    monkeypatch.setattr(store, "ROW_CHECK", check)
