"""The sync commands as people type them: server, team, sync, conflicts; bad input too."""

from __future__ import annotations

import json
import time

import pytest

from katerm.core.accounts.edit import save_account
from tests.sync.conftest import PASSWORD


def test_server_init_again_is_harmless_and_upgrade_has_nothing_to_add(admin_url, clients):
    me = clients("admin", log_in=False)
    code, out, err = me.cli("server", "init", admin_url)
    assert code == 0, err
    assert "already set up" in out and "accounts, " in out and "contacts, " in out
    code, out, _ = me.cli("server", "upgrade", "--server", admin_url)
    assert code == 0 and "already has everything" in out


def test_team_commands_and_their_mistakes(admin_url, clients):
    me = clients("admin", log_in=False)

    def team(*args, stdin=None):
        return me.cli("team", *args, "--server", admin_url, stdin=stdin)

    assert (
        team("add", "gm", "--name", "总经理 王", "--password-stdin", stdin=PASSWORD + "\n")[0] == 0
    )
    assert (
        team(
            "add",
            "lead",
            "--name",
            "Lead",
            "--manager",
            "gm",
            "--password-stdin",
            stdin=PASSWORD + "\n",
        )[0]
        == 0
    )
    code, _, err = team(
        "add", "s1", "--name", "S", "--manager", "nobody", "--password-stdin", stdin=PASSWORD + "\n"
    )
    assert code == 2 and "nobody" in err
    code, _, err = team(
        "add", "bad login!", "--name", "X", "--password-stdin", stdin=PASSWORD + "\n"
    )
    assert code == 2 and "cannot be a login" in err
    code, _, err = team("add", "s1", "--name", "S", "--password-stdin", stdin="short\n")
    assert code == 2 and "8 characters" in err
    code, _, err = team("add", "s1", "--name", "S", "--password-stdin", stdin="\n")
    assert code == 2 and "empty" in err
    code, _, err = team("add", "s1", "--name", "S")  # no terminal to ask on
    assert code == 2 and "--password-stdin" in err
    assert (
        team(
            "add",
            "s1",
            "--name",
            "S",
            "--manager",
            "lead",
            "--password-stdin",
            stdin=PASSWORD + "\n",
        )[0]
        == 0
    )
    code, out, _ = team("list", "--format", "json")
    assert code == 0
    members = {m["login"]: m for m in json.loads(out)}
    assert members["s1"]["manager"] == "lead" and members["gm"]["name"] == "总经理 王"
    code, out, _ = team("list")
    assert code == 0 and "总经理 王" in out and "Manager" in out
    code, _, err = team("move", "gm", "--manager", "s1")
    assert code == 2 and "reports to" in err
    code, _, err = team("remove", "lead")
    assert code == 2 and "s1" in err  # still manages s1
    assert team("move", "s1", "--manager", "gm")[0] == 0
    code, out, _ = team("remove", "lead")
    assert code == 0 and "reassign" in out
    code, out, _ = team("reassign", "s1", "gm")
    assert code == 0 and "0 records" in out
    code, _, err = team("password", "ghost", "--password-stdin", stdin=PASSWORD + "\n")
    assert code == 2 and "ghost" in err


def test_conflicts_are_listed_and_either_value_can_be_kept_from_the_command_line(
    admin_url, clients
):
    from tests.sync.conftest import add_member

    add_member(admin_url, "lead")
    add_member(admin_url, "seller", manager="lead")
    seller, lead = clients("seller"), clients("lead")
    account = save_account(seller.ws, None, {"name": "Acme", "region": "East"})
    seller.sync()
    lead.sync()
    save_account(lead.ws, account, {"region": "West"})
    time.sleep(0.005)
    save_account(seller.ws, account, {"region": "South"})
    lead.sync()
    code, out, _ = seller.cli("sync")
    assert code == 0 and "1 new conflict" in out
    code, out, _ = seller.cli("conflicts", "--format", "json")
    (conflict,) = json.loads(out)
    assert (conflict["record"], conflict["field"], conflict["kind"]) == (
        "Acme",
        "region",
        "overwritten",
    )
    assert (conflict["current_value"], conflict["lost_value"]) == ("South", "West")
    code, out, _ = seller.cli("conflicts")
    assert code == 0 and "Acme" in out and "overwritten by a later edit" in out
    code, _, err = seller.cli("conflicts", "--keep", "zzzz", "lost")
    assert code == 2 and "zzzz" in err
    code, out, _ = seller.cli("conflicts", "--keep", conflict["id"], "lost")
    assert code == 0 and "Brought back" in out
    assert seller.rows("SELECT region FROM accounts") == [("West",)]
    assert seller.cli("conflicts")[1].strip() == "No conflicts."
    seller.cli("sync")
    lead.sync()
    assert lead.rows("SELECT region FROM accounts") == [("West",)]
    code, out, _ = lead.cli("conflicts", "--keep", conflict["id"][:6], "current")
    assert code == 0 and "Kept the current" in out


def test_sync_full_resyncs_and_says_what_it_removed(admin_url, clients):
    from tests.sync.conftest import add_member

    add_member(admin_url, "seller")
    seller = clients("seller")
    save_account(seller.ws, None, {"name": "Acme"})
    code, out, _ = seller.cli("sync")
    assert code == 0 and "Synced: 1 sent, 1 received, 0 changed here." in out
    with seller.ws.db.writing() as conn:  # a row the server does not have, nothing to push
        conn.exec_driver_sql(
            "INSERT INTO accounts (id, created_at, updated_at, hlc, clk, deleted, owner_id, name, "
            "industry, region, annual_revenue, contract_value, potential_revenue, tier_scheme, "
            "lifecycle, notes, currency) SELECT '00000000-0000-4000-8000-000000000001', "
            "created_at, updated_at, hlc, clk, 0, owner_id, 'Ghost', '', '', 0, 0, 0, "
            "'revenue', 'prospect', '', 'CNY' FROM accounts"
        )
    code, out, _ = seller.cli("sync", "--full")
    assert code == 0 and "full resync; 1 record you may no longer see was removed" in out
    assert seller.rows("SELECT name FROM accounts") == [("Acme",)]


def test_server_upgrade_takes_back_an_older_servers_write_grants_and_renames_twins(
    admin_url, server_url, clients
):
    """A server set up by katerm before the push function: members could write tables."""
    import psycopg

    from tests.sync.conftest import add_member, as_member

    add_member(admin_url, "lead")
    add_member(admin_url, "seller", manager="lead")
    seller = clients("seller")
    save_account(seller.ws, None, {"name": "Acme"})
    seller.sync()
    with psycopg.connect(admin_url, autocommit=True) as conn:  # what the old set-up granted
        conn.execute("GRANT INSERT, UPDATE ON app.accounts TO katerm_user")
        conn.execute("GRANT INSERT ON app.conflicts TO katerm_user")
        conn.execute(
            "CREATE FUNCTION app.existing_ids(tbl text, ids uuid[]) RETURNS uuid[] "
            "LANGUAGE sql AS $$ SELECT ids $$"
        )
        conn.execute(
            "INSERT INTO app.accounts (id, owner_id, name, hlc, clk) SELECT "
            "gen_random_uuid(), owner_id, 'ＡＣＭＥ', hlc, clk FROM app.accounts"
        )
    with as_member(server_url, "seller") as conn:
        conn.execute("UPDATE app.accounts SET notes = 'the old server let me'")
    me = clients("admin", log_in=False)
    code, _, err = me.cli("server", "upgrade", admin_url)
    assert code == 0, err
    with as_member(server_url, "seller") as conn:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("UPDATE app.accounts SET notes = 'and now?'")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(
                "INSERT INTO app.conflicts (tbl, row_id, field, lost_tag, kind, "
                "owner_id) SELECT 'accounts', id, 'x', 'x', 'x', owner_id "
                "FROM app.accounts"
            )
        assert (
            conn.execute("SELECT to_regprocedure('app.existing_ids(text, uuid[])')").fetchone()[0]
            is None
        )
    assert seller.cli("sync")[0] == 0
    names = sorted(r[0] for r in seller.rows("SELECT name FROM accounts"))
    assert names == ["Acme", "ＡＣＭＥ (2)"]
    assert seller.rows("SELECT kind FROM conflict_log") == [("renamed",)]
