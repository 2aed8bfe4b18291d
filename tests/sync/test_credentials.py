"""Passwords, the driver, the keyring, an unreachable server: clear messages, nothing lost."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from keyring.backend import KeyringBackend

from katerm.core.accounts.edit import save_account
from tests.sync.conftest import PASSWORD, add_member


def test_the_password_is_nowhere_in_the_client_home_logs_or_config(admin_url, clients):
    add_member(admin_url, "wang")
    client = clients("wang", log_in=False)
    code, out, err = client.cli(
        "login", client.url, "--user", "wang", "--password-stdin", stdin=PASSWORD + "\n"
    )
    assert code == 0, err
    assert PASSWORD not in out + err
    save_account(client.ws, None, {"name": "Acme"})
    client.close()
    code, out, err = client.cli("sync")
    assert code == 0, err
    code, out, err = client.cli("--debug", "sync")
    assert code == 0 and PASSWORD not in out + err
    client.close()
    needle = PASSWORD.encode()
    found = [p for p in Path(client.home).rglob("*") if p.is_file() and needle in p.read_bytes()]
    assert found == []
    assert sorted(p.name for p in (client.home / "data").iterdir())  # the database is there


def test_login_keeps_the_password_in_the_keyring_and_logout_removes_it(
    admin_url, clients, memory_keyring
):
    add_member(admin_url, "wang")
    client = clients("wang", log_in=False)
    code, out, _ = client.cli(
        "login", client.url, "--user", "wang", "--password-stdin", stdin=PASSWORD + "\n"
    )
    assert code == 0 and "keyring" in out
    assert list(memory_keyring.secrets.values()) == [PASSWORD]
    assert [k[0] for k in memory_keyring.secrets] == ["katerm"]
    code, out, _ = client.cli("logout")
    assert code == 0 and memory_keyring.secrets == {}
    code, _, err = client.cli("sync")
    assert code == 2 and "katerm login" in err


class BrokenKeyring(KeyringBackend):
    """A backend that is there but cannot work (SecretService without a D-Bus session)."""

    priority = 1  # type: ignore[assignment]

    def get_password(self, service: str, username: str) -> str | None:
        raise RuntimeError("No D-Bus session")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise RuntimeError("No D-Bus session")

    def delete_password(self, service: str, username: str) -> None:
        raise RuntimeError("No D-Bus session")


@pytest.mark.parametrize("backend", ["fail", "broken"])
def test_without_a_keyring_login_says_how_to_proceed_and_writes_nothing(
    admin_url, clients, monkeypatch, backend
):
    import keyring
    from keyring.backends import fail

    keyring.set_keyring(fail.Keyring() if backend == "fail" else BrokenKeyring())
    add_member(admin_url, "wang")
    client = clients("wang", log_in=False)
    code, _, err = client.cli(
        "login", client.url, "--user", "wang", "--password-stdin", stdin=PASSWORD + "\n"
    )
    assert code == 0
    assert "no usable keyring" in err and "KATERM_PASSWORD" in err
    code, _, err = client.cli("sync")
    assert code == 2 and "KATERM_PASSWORD" in err
    monkeypatch.setenv("KATERM_PASSWORD", PASSWORD)
    code, _, err = client.cli("sync")
    assert code == 0, err


def test_an_unreachable_server_keeps_every_change_and_exits_3(admin_url, clients, tmp_path):
    add_member(admin_url, "wang")
    client = clients("wang")
    save_account(client.ws, None, {"name": "Acme"})
    save_account(client.ws, None, {"name": "Globex"})
    with client.ws.db.writing() as conn:  # the server moved away (a socket nobody serves)
        conn.exec_driver_sql(
            "UPDATE sync_state SET server_url = ?", (f"host={tmp_path} dbname=nowhere",)
        )
    from katerm.core.sync.connect import Server, store_password

    store_password(Server(f"host={tmp_path} dbname=nowhere"), "wang", PASSWORD)
    code, _, err = client.cli("sync")
    assert code == 3
    assert "offline — 2 changes kept, they will sync later" in err
    assert client.rows("SELECT count(*) FROM outbox WHERE tbl = 'accounts'") == [(2,)]
    from katerm.core.sync.status import read_status

    with client.ws.db.reading() as conn:
        status = read_status(conn)
    assert status.offline and status.pending == 2
    assert "cannot be reached" in status.offline_reason  # why, for the sync screen


def test_without_the_driver_sync_commands_say_how_to_install_it(cli, monkeypatch):
    monkeypatch.setitem(sys.modules, "psycopg", None)
    for args in (
        ["login", "postgresql://h/db", "--user", "x"],
        ["server", "init", "postgresql://h/db"],
    ):
        result = cli(*args)
        assert result.code == 2, args
        assert 'pip install "katerm[sync]"' in result.err


def test_katerm_starts_without_importing_the_driver():
    import subprocess

    code = (
        "import sys, katerm.cli\n"
        "katerm.cli.build_parser()\n"
        "import katerm.core.sync.status, katerm.core.sync.run, katerm.core.sync.conflicts\n"
        "print([m for m in sys.modules if m.startswith('psycopg')])\n"
        "raise SystemExit(1 if any(m.startswith('psycopg') for m in sys.modules) else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_password_in_the_url_is_refused(cli):
    result = cli("login", "postgresql://wang:hunter22@db.example.com/katerm", "--user", "wang")
    assert result.code == 2
    assert "hunter22" not in result.out + result.err
    assert "password" in result.err


@pytest.mark.parametrize("driver", [True, False])
def test_sync_before_login_says_how_to_log_in(cli, monkeypatch, driver):
    if not driver:  # not logged in comes first: no talk of installing a driver
        monkeypatch.setitem(sys.modules, "psycopg", None)
    result = cli("sync")
    assert result.code == 2 and "katerm login URL --user LOGIN" in result.err
    assert "Not logged in" in result.err and "pip install" not in result.err


@pytest.mark.parametrize("args", [["team", "list"], ["server", "upgrade"]])
def test_admin_commands_without_a_server_say_where_to_give_it(cli, args):
    result = cli(*args)
    assert result.code == 2 and "KATERM_SERVER" in result.err


def test_login_to_a_server_nobody_serves_says_what_to_check(cli, tmp_path, monkeypatch):
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO("secret\n"))
    result = cli("login", f"host={tmp_path} dbname=nowhere", "--user", "wang", "--password-stdin")
    assert result.code == 3
    assert "cannot be reached" in result.err and "Traceback" not in result.err
    assert "Check the address and port, and that the server is running" in result.err


@pytest.mark.parametrize(
    ("url", "code", "words"),
    [
        ("host=127.0.0.1 port=1 dbname=x", 3, "没有服务应答"),
        ("postgresql://127.0.0.1:99999/x", 2, "请改正地址"),
    ],
)
def test_login_errors_in_chinese_are_ours_with_the_drivers_words_apart(
    cli, monkeypatch, url, code, words
):
    """`katerm login` in Chinese printed the driver's English ("connection failed: …") as
    its message; the message is ours now, the driver's words follow as a labelled detail."""
    import io
    import re

    monkeypatch.setattr("sys.stdin", io.StringIO("secret\n"))
    result = cli("--lang", "zh_CN", "login", url, "--user", "wang", "--password-stdin")
    assert result.code == code and "Traceback" not in result.err
    first, *rest = result.err.splitlines()
    assert words in first
    ours = re.sub(r"[a-z]+=[^\s：]+", "", first.removeprefix("katerm:"))  # less the address
    assert not re.search(r"[A-Za-z]{3,}", ours.replace("sslmode", "")), first
    assert rest[-1].startswith("详情：") and re.search(r"[A-Za-z]", rest[-1])


def test_a_saved_server_address_that_does_not_parse_is_said_plainly(cli, workspace, monkeypatch):
    """A broken address saved in the database (edited by hand) failed "inside katerm" with
    the driver's ProgrammingError; the sync screen then said "syncing…" for ever."""
    with workspace.db.writing() as conn:
        conn.exec_driver_sql(
            "UPDATE sync_state SET server_url = ?, server_login = 'wang', insecure = 1",
            ("postgresql://[::1",),
        )
    monkeypatch.setenv("KATERM_PASSWORD", PASSWORD)
    result = cli("sync")
    assert result.code == 2 and "inside katerm" not in result.err
    assert "The saved server address postgresql://[::1 cannot be read." in result.err
    assert "katerm login URL --user LOGIN" in result.err
    result = cli("--lang", "zh_CN", "sync")
    assert "保存的服务器地址 postgresql://[::1 无法识别。" in result.err
