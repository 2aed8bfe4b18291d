"""TLS: a server on another machine is reached only over TLS with its certificate checked."""

from __future__ import annotations

import pytest

from katerm.core.sync.connect import Server


def test_a_remote_server_is_verified_and_a_local_one_needs_no_tls():
    remote = Server.parse("postgresql://db.example.com/katerm")
    assert remote.tls_params()["sslmode"] == "verify-full"
    assert Server.parse("host=/run/postgresql dbname=katerm").tls_params() == {}
    assert Server.parse("postgresql://localhost/katerm").tls_params() == {}
    with_ca = remote.with_ca_file("/etc/katerm/ca.crt")
    assert "sslrootcert=/etc/katerm/ca.crt" in with_ca.url
    assert with_ca.tls_params() == {"sslmode": "verify-full"}


def test_a_plain_connection_to_a_remote_server_needs_insecure(cli, tmp_path):
    url = "host=db.test hostaddr=127.0.0.1 port=9 dbname=katerm sslmode=disable"
    result = cli("login", url, "--user", "wang", "--password-stdin")
    assert result.code == 2
    assert "sslmode=disable" in result.err and "--ca-file" in result.err
    assert "Traceback" not in result.err
    insecure = Server(Server.parse(url).url, insecure=True)
    assert insecure.tls_params() == {}  # as the address says, because the user said so
    assert Server(Server.parse("postgresql://db.test/k").url, True).tls_params() == {
        "sslmode": "prefer"
    }


def test_a_missing_ca_file_is_said_plainly(cli, tmp_path):
    result = cli(
        "login",
        "postgresql://db.test/katerm",
        "--user",
        "wang",
        "--ca-file",
        str(tmp_path / "nope.crt"),
    )
    assert result.code == 2 and "nope.crt" in result.err and "Traceback" not in result.err


def test_insecure_is_remembered_per_server_and_said_at_every_sync(workspace):
    from katerm.core.sync.run import current_login, log_in

    log_in(workspace, Server(Server.parse("postgresql://db.test/k").url, True), "wang")
    assert current_login(workspace).server.insecure
    log_in(workspace, Server.parse("postgresql://other.test/k"), "wang")
    assert not current_login(workspace).server.insecure


# --- a real server on another "host" (TCP, no TLS: pgserver's PostgreSQL has none) ---------


@pytest.fixture(scope="module")
def tcp_server():
    """A PostgreSQL listening on 127.0.0.1 without TLS, reached as "db.test" (hostaddr)."""
    import shutil
    import socket
    import tempfile
    from pathlib import Path

    import pgserver
    import psycopg
    from pgserver._commands import pg_ctl

    folder = Path(tempfile.mkdtemp(prefix="katerm-tcp-"))
    server = pgserver.get_server(folder / "data", cleanup_mode=None)
    data, user = Path(server.pgdata), server.system_user
    pg_ctl(["-m", "fast", "stop"], pgdata=data, user=user, timeout=30)
    (data / "pg_hba.conf").write_text(
        "local all postgres trust\nhost all all 127.0.0.1/32 scram-sha-256\n"
    )
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    pg_ctl(
        [
            "-w",
            "-l",
            str(data / "tcp.log"),
            "-o",
            f"-h 127.0.0.1 -p {port} -k {data} -c fsync=off",
            "start",
        ],
        pgdata=data,
        user=user,
        timeout=30,
    )
    admin = f"host={data} port={port} dbname=postgres user=postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute("CREATE DATABASE katerm_tcp")
    from katerm.core.sync.server import init

    init(Server.parse(f"host={data} port={port} dbname=katerm_tcp user=postgres"))
    yield {
        "admin": f"host={data} port={port} dbname=katerm_tcp user=postgres",
        "url": f"host=db.test hostaddr=127.0.0.1 port={port} dbname=katerm_tcp",
    }
    pg_ctl(["-m", "immediate", "stop"], pgdata=data, user=user, timeout=30)
    shutil.rmtree(folder, ignore_errors=True)


def test_a_plain_remote_server_is_refused_unless_insecure_which_every_sync_repeats(
    tcp_server, clients, tmp_path
):
    import psycopg

    from tests.sync.conftest import PASSWORD, add_member

    add_member(tcp_server["admin"], "tcpuser")
    me = clients("tcpuser", log_in=False)
    ca = tmp_path / "ca.crt"
    ca.write_text("-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n")
    try:
        for extra in ([], ["--ca-file", str(ca)]):
            code, _, err = me.cli(
                "login",
                tcp_server["url"],
                "--user",
                "tcpuser",
                *extra,
                "--password-stdin",
                stdin=PASSWORD + "\n",
            )
            assert code != 0 and "TLS" in err and "--insecure" in err, err
            assert "Traceback" not in err
        assert me.rows("SELECT server_url FROM sync_state") == [(None,)]  # nothing kept
        code, _, err = me.cli(
            "login",
            tcp_server["url"],
            "--user",
            "tcpuser",
            "--insecure",
            "--password-stdin",
            stdin=PASSWORD + "\n",
        )
        assert code == 0, err
        for _ in range(2):
            code, _, err = me.cli("sync")
            assert code == 0 and "without a verified TLS connection" in err, err
        code, _, err = me.cli("team", "list", "--server", tcp_server["url"] + " user=postgres")
        assert code != 0 and "TLS" in err
    finally:
        with psycopg.connect(tcp_server["admin"], autocommit=True) as conn:
            conn.execute("DELETE FROM app.users WHERE login = 'tcpuser'")
            conn.execute('DROP ROLE IF EXISTS "k_tcpuser"')
