"""TLS: a server on another machine is reached only over TLS with its certificate checked."""

from __future__ import annotations

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
        "sslmode": "prefer"}


def test_a_missing_ca_file_is_said_plainly(cli, tmp_path):
    result = cli("login", "postgresql://db.test/katerm", "--user", "wang",
                 "--ca-file", str(tmp_path / "nope.crt"))
    assert result.code == 2 and "nope.crt" in result.err and "Traceback" not in result.err


def test_insecure_is_remembered_per_server_and_said_at_every_sync(workspace):
    from katerm.core.sync.run import current_login, log_in

    log_in(workspace, Server(Server.parse("postgresql://db.test/k").url, True), "wang")
    assert current_login(workspace).server.insecure
    log_in(workspace, Server.parse("postgresql://other.test/k"), "wang")
    assert not current_login(workspace).server.insecure
