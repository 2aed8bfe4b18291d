"""Shared fixtures: every test runs in its own KATERM_HOME with a real SQLite file."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from datetime import date, datetime
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


# The moment every test runs at, unless it pins another: a Friday evening in Shanghai. Every
# workspace a test opens reads it (through KATERM_NOW) into its one clock, so no test depends
# on the machine's date or zone; .ci/run runs the suite again with the machine's clock moved.
PINNED_NOW = "2026-11-27T19:30:00+08:00"
PINNED_ZONE = "Asia/Shanghai"
PINNED_DAY = date(2026, 11, 27)  # PINNED_NOW's local date


def pinned_clock():  # type: ignore[no-untyped-def]
    """The suite's clock, for a database a test opens without a workspace."""
    from zoneinfo import ZoneInfo

    from katerm.core.clock import Clock

    return Clock.fixed(datetime.fromisoformat(PINNED_NOW), ZoneInfo(PINNED_ZONE))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--machine-time",
        metavar="ISO",
        default=None,
        help="move the machine's real clock to this moment for the whole run (time-machine; "
        "the workspaces' pinned clock stays put): a test that reads the real time "
        "instead of the one clock then fails",
    )


def pytest_configure(config: pytest.Config) -> None:
    moment = config.getoption("--machine-time", default=None)
    if moment:
        import time_machine

        # Kept on the config so the traveller lives as long as the run.
        config._katerm_travel = time_machine.travel(  # type: ignore[attr-defined]
            datetime.fromisoformat(moment), tick=True
        )
        config._katerm_travel.start()  # type: ignore[attr-defined]
    config.addinivalue_line(
        "markers",
        "now(moment): the moment the test's workspaces are pinned at (an ISO "
        "date-time, or a date: 10:00 that day), instead of PINNED_NOW",
    )
    config.addinivalue_line(
        "markers", "postgres: needs the real PostgreSQL the sync tests start (pgserver)"
    )
    config.addinivalue_line(
        "markers", "dates: depends on the day; run again under a moved machine clock"
    )


# Tests whose answers depend on what day it is (due, overdue, stuck, this week, this year):
# marked ``dates``, so .ci/run can run them again with the machine's clock moved elsewhere.
_DATE_TESTS = (
    "app/test_*snapshots.py",
    "app/*/test_*snapshots.py",
    "core/reviews/test_*.py",
    "core/cards/test_*.py",
    "core/gaps/test_gaps.py",
    "core/pyramid/test_pyramid.py",
    "core/pyramid/test_retier.py",
    "core/demo/test_demo*.py",
    "core/test_clock.py",
    "core/pipeline/test_orders.py",
    "core/pipeline/test_pipeline.py",
    "cli/test_reviews_cli.py",
    "cli/test_calendar_cli.py",
    "cli/test_plan_cli.py",
    "cli/test_gaps_cli.py",
)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Everything under tests/sync needs a real PostgreSQL (pgserver): mark it ``postgres``
    so a run can leave those out (``-m "not postgres"``); mark the date-sensitive ones."""
    here = Path(__file__).parent
    sync_dir = here / "sync"
    for item in items:
        path = Path(str(item.path))
        if sync_dir in path.parents:
            item.add_marker(pytest.mark.postgres)
        if any(path.match(str(here / pattern)) for pattern in _DATE_TESTS):
            item.add_marker(pytest.mark.dates)


def pinned_moment(request: pytest.FixtureRequest) -> str:
    marker = request.node.get_closest_marker("now")
    if marker is None:
        return PINNED_NOW
    moment = str(marker.args[0])
    return moment if "T" in moment else f"{moment}T10:00:00+08:00"


@pytest.fixture(autouse=True)
def katerm_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> Iterator[Path]:
    """A fresh KATERM_HOME, English, a fixed OS user, a pinned clock in a fixed zone and a
    short lock timeout for each test."""
    home = tmp_path / "home"
    monkeypatch.setenv("KATERM_HOME", str(home))
    monkeypatch.setenv("KATERM_NOW", pinned_moment(request))
    monkeypatch.setenv("TZ", PINNED_ZONE)
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
    from katerm.core.store import changes
    from katerm.core.sync.check import value_problems
    from katerm.core.sync.schema import table_named

    def check(table: str, values: dict) -> None:
        if table_named(table) is None:
            return
        found = value_problems(table, values)
        assert not found, f"{table}: {found} in {values}"

    monkeypatch.setattr(changes, "ROW_CHECK", check)


def move_clock(ws, moment: str | date | datetime) -> None:
    """Move a workspace's one clock (as if the test waited): a date means 10:00 that day in
    Shanghai. Everything the workspace does afterwards, the app included, sees the new time."""
    from katerm.core.clock import Clock

    if isinstance(moment, datetime):
        when = moment
    elif isinstance(moment, date):
        when = datetime.fromisoformat(f"{moment.isoformat()}T10:00:00+08:00")
    else:
        when = datetime.fromisoformat(moment if "T" in moment else f"{moment}T10:00:00+08:00")
    ws.db.clock = Clock.fixed(when, ws.clock.tz)
