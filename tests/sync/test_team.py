"""Team changes on the server and what every replica then holds."""

from __future__ import annotations

import psycopg
import pytest

from katerm.core.accounts.edit import delete_record, save_account, save_contact
from katerm.core.sync.connect import Server
from katerm.core.sync.server import collect_garbage, move_member, reassign, remove_member
from tests.sync.conftest import add_member


def names(client):
    return {r[0] for r in client.rows("SELECT name FROM accounts WHERE deleted = 0")}


@pytest.fixture
def team(admin_url, clients):
    add_member(admin_url, "gm")
    for lead in ("lead1", "lead2"):
        add_member(admin_url, lead, manager="gm")
    add_member(admin_url, "s1", manager="lead1")
    add_member(admin_url, "s3", manager="lead2")
    people = {login: clients(login) for login in ("gm", "lead1", "lead2", "s1", "s3")}
    for login in ("s1", "s3"):
        account = save_account(people[login].ws, None, {"name": f"{login} account"})
        save_contact(people[login].ws, account, None, {"name": f"{login}'s buyer"})
    for _ in range(2):
        for client in people.values():
            client.sync()
    return people


def test_moving_a_seller_moves_what_the_leads_see_at_the_next_sync(team, admin_url):
    assert names(team["lead1"]) == {"s1 account"}
    move_member(Server.parse(admin_url), "s1", "lead2")
    summary = team["lead1"].sync()
    assert summary.full and names(team["lead1"]) == set()
    assert team["lead1"].rows("SELECT count(*) FROM contacts")[0][0] == 0
    team["lead2"].sync()
    assert names(team["lead2"]) == {"s1 account", "s3 account"}
    assert team["lead2"].rows("SELECT count(*) FROM contacts")[0][0] == 2
    team["s1"].sync()
    assert names(team["s1"]) == {"s1 account"}  # their own rows stay theirs


def test_reassigning_gives_every_row_and_its_contacts_to_the_new_owner(team, admin_url):
    moved = reassign(Server.parse(admin_url), "s1", "s3")
    assert moved == {"accounts": 1, "contacts": 1}
    team["s1"].sync()
    assert names(team["s1"]) == set()
    team["s3"].sync()
    assert names(team["s3"]) == {"s1 account", "s3 account"}
    owners = {
        r[0]
        for r in team["s3"].rows("SELECT u.login FROM contacts c JOIN users u ON u.id = c.owner_id")
    }
    assert owners == {"s3"}


def test_a_lead_giving_an_account_to_another_team_is_denied_and_logged(team):
    lead1 = team["lead1"]
    (account,) = [r[0] for r in lead1.rows("SELECT id FROM accounts")]
    s3_id = team["gm"].rows("SELECT id FROM users WHERE login = 's3'")[0][0]
    # The form only offers lead1's team; pretend an old list still had s3 in it.
    from katerm.core import store

    with lead1.ws.db.writing() as conn:
        conn.exec_driver_sql(
            "INSERT INTO users (id, created_at, updated_at, hlc, clk, deleted, "
            "owner_id, login, name, email) VALUES (?, '', '', '', '{}', 0, ?, "
            "'s3', '', '')",
            (s3_id, s3_id),
        )
        store.update(conn, "accounts", account, {"owner_id": s3_id}, actor_id=lead1.ws.me.id)
    summary = lead1.sync()
    assert summary.denied == 1
    assert names(lead1) == {"s1 account"}
    owner = lead1.rows("SELECT u.login FROM accounts a JOIN users u ON u.id = a.owner_id")
    assert owner == [("s1",)]
    assert lead1.rows("SELECT field, kind FROM conflict_log") == [("owner_id", "denied")]
    team["s3"].sync()
    assert names(team["s3"]) == {"s3 account"}


def test_a_removed_member_cannot_log_in_and_their_rows_stay_with_their_lead(
    team, admin_url, server_url
):
    remove_member(Server.parse(admin_url), "s1")
    with pytest.raises(psycopg.OperationalError):
        psycopg.connect(server_url, user="k_s1", password="whatever").close()
    team["lead1"].sync()
    assert names(team["lead1"]) == {"s1 account"}
    hidden = team["lead1"].rows("SELECT deleted FROM users WHERE login = 's1'")
    assert hidden == [(1,)]  # not offered as an owner any more


def test_tombstones_cleaned_up_on_the_server_are_purged_by_clients_that_missed_them(
    team, admin_url
):
    s3, lead2 = team["s3"], team["lead2"]
    (account,) = [r[0] for r in s3.rows("SELECT id FROM accounts")]
    delete_record(s3.ws, "accounts", account)
    s3.sync()  # lead2 has not seen the delete when the server forgets it
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(
            "UPDATE app.accounts SET updated_at = now() - interval '10 days' WHERE deleted"
        )
        conn.execute(
            "UPDATE app.contacts SET deleted = true, updated_at = now() - interval '10 days'"
        )
    removed = collect_garbage(Server.parse(admin_url), days=5)
    assert removed["accounts"] == 1
    summary = lead2.sync()
    assert summary.full
    assert lead2.rows("SELECT count(*) FROM accounts")[0][0] == 0


def test_rows_of_an_owner_the_server_does_not_know_wait_in_the_outbox(team, admin_url):
    lead1 = team["lead1"]
    sheet = lead1.home / "new.csv"
    sheet.write_text("name,owner\nNew one,newbie\n")
    code, _, err = lead1.cli("import", "accounts", str(sheet), "--add-owners")
    assert code == 0, err
    code, _, err = lead1.cli("sync")
    assert code == 0
    assert "newbie" in err and "wait" in err
    assert lead1.rows("SELECT count(*) FROM outbox WHERE tbl = 'accounts'")[0][0] == 1
    add_member(admin_url, "newbie", manager="lead1")
    code, _, err = lead1.cli("sync")
    assert code == 0 and "wait" not in err
    assert lead1.rows("SELECT count(*) FROM outbox")[0][0] == 0
    newbie = team["gm"]
    newbie.sync()
    assert "New one" in names(newbie)


def test_a_row_linking_to_a_record_this_member_cannot_see_waits_until_it_can(team, admin_url):
    """A contact of s1's given (on the server, by hand) to s3 while its account stays s1's:
    s3 may see the contact but not its account, so the contact waits (parked) instead of
    breaking the pull; once the account is s3's too, both are there."""
    s1, s3 = team["s1"], team["s3"]
    (contact,) = [r[0] for r in s1.rows("SELECT id FROM contacts")]
    s3_id = team["gm"].rows("SELECT id FROM users WHERE login = 's3'")[0][0]
    from katerm.core.store.hlc import HybridClock

    tag = HybridClock("admin").tick(s1.ws.clock.now_ms())  # now: later than the contact's tags
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(
            "UPDATE app.contacts SET owner_id = %s, clk = clk || "
            "jsonb_build_object('owner_id', %s::text), hlc = %s WHERE id = %s",
            (s3_id, tag, tag, contact),
        )
    s3.sync()
    assert s3.rows("SELECT count(*) FROM contacts WHERE id = ?", contact) == [(0,)]
    assert s3.rows("SELECT count(*) FROM sync_parked") == [(1,)]
    reassign(Server.parse(admin_url), "s1", "s3")
    s3.sync()
    assert s3.rows("SELECT name FROM contacts WHERE id = ?", contact) == [("s1's buyer",)]
    assert s3.rows("SELECT count(*) FROM sync_parked") == [(0,)]
    assert names(s3) == {"s1 account", "s3 account"}


def test_a_seller_knows_their_managers_by_name_only(team):
    s1 = team["s1"]
    rows = dict(
        s1.rows(
            "SELECT login, deleted FROM users WHERE login IN ('s1', 'lead1', 'gm', 'lead2', 's3')"
        )
    )
    assert rows == {"s1": 0, "lead1": 1, "gm": 1}  # no peers, no other team
    from katerm.core.team import members

    with s1.ws.db.reading() as conn:
        assert [m.login for m in members(conn)] == ["s1"]


def test_creating_a_row_with_the_id_of_one_out_of_sight_is_refused_not_an_error(team):
    s1, s3 = team["s1"], team["s3"]
    (theirs,) = [r[0] for r in s3.rows("SELECT id FROM accounts")]
    from katerm.core import store

    with s1.ws.db.writing() as conn:
        store.insert(
            conn, "accounts", {"id": theirs, "name": "Same id, other team"}, actor_id=s1.ws.me.id
        )
    summary = s1.sync()
    assert summary.denied == 1
    assert s1.rows("SELECT count(*) FROM accounts WHERE id = ?", theirs) == [(0,)]
    assert s1.rows("SELECT field, kind FROM conflict_log") == [("*", "denied")]
    s3.sync()
    assert names(s3) == {"s3 account"}


def test_joining_two_teams_renames_the_later_of_two_same_named_accounts(team, admin_url, clients):
    add_member(admin_url, "gm2")
    add_member(admin_url, "s9", manager="gm2")
    s9 = clients("s9")
    save_account(s9.ws, None, {"name": "Ｓ1 ACCOUNT"})  # another company tree: no clash yet
    s9.sync()
    assert names(s9) == {"Ｓ1 ACCOUNT"}
    move_member(Server.parse(admin_url), "s9", "lead1")
    s9.sync()
    team["lead1"].sync()
    assert names(s9) == {"Ｓ1 ACCOUNT (2)"}
    assert names(team["lead1"]) == {"s1 account", "Ｓ1 ACCOUNT (2)"}
    assert team["lead1"].rows("SELECT kind FROM conflict_log") == [("renamed",)]
