"""Who sees what: a general manager, two leads, three sellers on one server (DOMAIN.md §1)."""

from __future__ import annotations

import json

from tests.sync.conftest import PASSWORD, as_member

TEAM = [
    ("gm", None),
    ("lead1", "gm"),
    ("lead2", "gm"),
    ("s1", "lead1"),
    ("s2", "lead1"),
    ("s3", "lead2"),
]
SEES = {
    "gm": {"gm", "lead1", "lead2", "s1", "s2", "s3"},
    "lead1": {"lead1", "s1", "s2"},
    "lead2": {"lead2", "s3"},
    "s1": {"s1"},
    "s2": {"s2"},
    "s3": {"s3"},
}


def _build_team(clients, admin_url):
    first = clients("gm", log_in=False)
    for login, manager in TEAM:
        args = [
            "team",
            "add",
            login,
            "--name",
            f"Member {login}",
            "--server",
            admin_url,
            "--password-stdin",
        ]
        if manager:
            args += ["--manager", manager]
        code, out, err = first.cli(*args, stdin=PASSWORD + "\n")
        assert code == 0, err
    people = {}
    for login, _ in TEAM:
        client = clients(login, log_in=False)
        code, out, err = client.cli(
            "login", client.url, "--user", login, "--password-stdin", stdin=PASSWORD + "\n"
        )
        assert code == 0, err
        assert "keyring" in out
        people[login] = client
    return people


def _accounts_of(login):
    return {f"{login} account {i}" for i in (1, 2)}


def test_each_member_sees_exactly_their_subtree_in_katerm_and_in_sql(
    clients, admin_url, server_url
):
    people = _build_team(clients, admin_url)
    for login, client in people.items():
        sheet = client.home / "mine.csv"
        sheet.write_text("name\n" + "\n".join(sorted(_accounts_of(login))) + "\n")
        code, _, err = client.cli("import", "accounts", str(sheet))
        assert code == 0, err
    for _ in range(2):  # everyone pushes, then everyone pulls what the others pushed
        for client in people.values():
            code, out, err = client.cli("sync")
            assert code == 0, err
            assert "Synced" in out
    for login, client in people.items():
        code, out, err = client.cli("export", "accounts", "--format", "json")
        assert code == 0, err
        names = {row["name"] for row in json.loads(out)}
        expected = set().union(*(_accounts_of(x) for x in SEES[login]))
        assert names == expected, login
        owners = {row["owner"] for row in json.loads(out)}
        assert owners == SEES[login]
        with as_member(server_url, login) as conn:
            in_sql = {r[0] for r in conn.execute("SELECT name FROM app.accounts")}
            members = conn.execute("SELECT login FROM app.team() WHERE mine").fetchall()
        assert in_sql == expected, login
        assert {m[0] for m in members} == SEES[login]


def test_a_seller_with_psql_cannot_read_the_team_or_write_outside_their_rows(
    clients, admin_url, server_url
):
    import psycopg
    import pytest

    people = _build_team(clients, admin_url)
    sheet = people["s2"].home / "peer.csv"
    sheet.write_text("name\nPeer account\n")
    assert people["s2"].cli("import", "accounts", str(sheet))[0] == 0
    assert people["s2"].cli("sync")[0] == 0
    with as_member(server_url, "s1") as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute("SELECT * FROM app.users")
    with as_member(server_url, "s1") as conn:
        assert conn.execute("SELECT count(*) FROM app.accounts").fetchone()[0] == 0
        for statement in (
            "UPDATE app.accounts SET name = 'mine now'",
            "DELETE FROM app.accounts",
            "INSERT INTO app.conflicts (tbl, row_id, field, lost_tag, kind, "
            "owner_id) SELECT 'accounts', id, 'name', 'x', 'rejected', id "
            "FROM app.team()",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(statement)
    with as_member(server_url, "s1") as conn:
        s2 = conn.execute("SELECT id FROM app.team() WHERE login = 's2'").fetchone()
        assert s2 is None  # peers are not even named
    with (
        as_member(server_url, "lead1") as conn,
        pytest.raises(psycopg.errors.InsufficientPrivilege),
    ):
        conn.execute("UPDATE app.accounts SET notes = 'evening review'")  # app.push only


def test_a_wrong_password_is_refused(clients, admin_url):
    people = _build_team(clients, admin_url)
    client = people["s1"]
    code, _, err = client.cli(
        "login", client.url, "--user", "s1", "--password-stdin", stdin="not-the-password\n"
    )
    assert code == 2
    assert "refused" in err


def test_the_server_refuses_a_null_the_clients_could_not_store(clients, admin_url, server_url):
    import psycopg

    people = _build_team(clients, admin_url)
    sheet = people["s1"].home / "one.csv"
    sheet.write_text("name\nAcme\n")
    assert people["s1"].cli("import", "accounts", str(sheet))[0] == 0
    assert people["s1"].cli("sync")[0] == 0
    (account,) = people["s1"].rows("SELECT id, hlc FROM accounts")
    with as_member(server_url, "lead1") as conn:
        (outcome,) = conn.execute(
            "SELECT app.push(%s::jsonb)",
            (
                json.dumps(
                    [
                        {
                            "seq": 1,
                            "tbl": "accounts",
                            "id": account[0],
                            "field": "region",
                            "value": None,
                            "tag": account[1][:14] + "00009-zz",
                            "base": account[1],
                        }
                    ]
                ),
            ),
        ).fetchone()[0]
    assert (outcome["r"], outcome["why"], outcome["field"]) == ("refused", "required", "region")
    with psycopg.connect(admin_url) as conn:
        nullable = dict(
            conn.execute(
                "SELECT column_name, is_nullable FROM information_schema.columns "
                "WHERE table_schema = 'app' AND table_name = 'accounts'"
            ).fetchall()
        )
    assert nullable["name"] == nullable["region"] == nullable["owner_id"] == "NO"
    assert nullable["tier"] == "YES"
