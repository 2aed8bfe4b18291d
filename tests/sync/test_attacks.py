"""A seller with psql and their own password attacks the team's data; nothing gets through.

The team: gm above lead1 and lead2; s1 and s2 under lead1, s3 under lead2. s1 attacks over a
raw connection (what psql would do). After each attack the lead's and the manager's sync
succeed and their copies equal the server's legitimate state.
"""

from __future__ import annotations

import json

import psycopg
import pytest

from katerm.core.accounts.edit import save_account, save_contact
from katerm.core.clock import Clock
from katerm.core.store.hlc import make_tag
from tests.sync.conftest import add_member, as_member


def wall_ms() -> int:
    """Now on the real clock: the server compares stamps with its own."""
    return Clock.system().now_ms()


TEAM = [
    ("gm", None),
    ("lead1", "gm"),
    ("lead2", "gm"),
    ("s1", "lead1"),
    ("s2", "lead1"),
    ("s3", "lead2"),
]


@pytest.fixture
def team(admin_url, clients):
    for login, manager in TEAM:
        add_member(admin_url, login, manager)
    people = {login: clients(login) for login, _ in TEAM}
    for login in ("s1", "s2", "s3"):
        account = save_account(
            people[login].ws, None, {"name": f"{login} account", "annual_revenue": "1000"}
        )
        save_contact(people[login].ws, account, None, {"name": f"{login}'s buyer"})
    save_account(people["gm"].ws, None, {"name": "gm's own account"})
    for _ in range(2):
        for client in people.values():
            client.sync()
    return people


def ids(admin_url):
    with psycopg.connect(admin_url) as conn:
        users = dict(conn.execute("SELECT login, id::text FROM app.users").fetchall())
        accounts = dict(
            conn.execute(
                "SELECT u.login, a.id::text FROM app.accounts a JOIN app.users u "
                "ON u.id = a.owner_id"
            ).fetchall()
        )
    return users, accounts


HUGE = "1e400"  # a JSON number no double holds (Python would write it as Infinity)


def push(server_url, changes, login="s1"):
    text = json.dumps(changes).replace(json.dumps(HUGE), HUGE)
    with as_member(server_url, login) as conn:
        return conn.execute("SELECT app.push(%s::jsonb)", (text,)).fetchone()[0]


def change(row_id, field, value, *, tbl="accounts", tag=None, seq=1):
    return {
        "seq": seq,
        "tbl": tbl,
        "id": row_id,
        "field": field,
        "value": value,
        "tag": tag or make_tag(wall_ms(), 0, "attacker"),
        "base": None,
    }


def server_truth(admin_url):
    with psycopg.connect(admin_url) as conn:
        return sorted(
            (str(r[0]), *r[1:])
            for r in conn.execute(
                "SELECT id, name, annual_revenue, tier_revenue, lifecycle, notes, owner_id::text, "
                "deleted FROM app.accounts"
            )
        )


def local_copy(client):
    return sorted(
        tuple(r)
        for r in client.rows(
            "SELECT id, name, annual_revenue, tier_revenue, lifecycle, notes, owner_id, "
            "deleted = 1 FROM accounts"
        )
    )


def visible_to(admin_url, login, truth):
    from tests.sync.test_visibility import SEES

    users, _ = ids(admin_url)
    seen = {users[x] for x in SEES[login]}
    return [r for r in truth if r[6] in seen]


def check_everyone_above(team, admin_url):
    truth = server_truth(admin_url)
    for login in ("lead1", "gm"):
        code, _, err = team[login].cli("sync")
        assert code == 0 and "Traceback" not in err, err
        code, _, err = team[login].cli("export", "accounts", "--format", "json")
        assert code == 0, err
        assert local_copy(team[login]) == visible_to(admin_url, login, truth), login
    return truth


def test_direct_writes_and_forged_conflicts_are_refused_by_postgresql(team, admin_url, server_url):
    users, accounts = ids(admin_url)
    statements = [
        (
            "INSERT INTO app.conflicts (tbl, row_id, field, lost_tag, kind, lost_value, won_value, "
            "won_tag, owner_id) VALUES ('accounts', %s, 'name', '0', 'rejected', '\"x\"', "
            "'\"HACKED\"', '9999999999999-00000-gm', %s)",
            (accounts["s1"], users["s1"]),
        ),
        ('UPDATE app.accounts SET clk = \'{"*": "9999999999999-99999-zz"}\'', None),
        ("UPDATE app.accounts SET hlc = '1', annual_revenue = 'NaN'", None),
        (
            "INSERT INTO app.accounts (id, owner_id, name) VALUES (gen_random_uuid(), %s, 'x')",
            (users["s1"],),
        ),
        ("DELETE FROM app.accounts", None),
        ("UPDATE app.users SET manager_id = NULL", None),
        (
            "SELECT app.push_row('accounts', %s, '[]', %s, 'gm', ARRAY[%s]::uuid[], "
            "ARRAY[]::uuid[], ARRAY[]::uuid[], ARRAY[]::text[], 0)",
            (accounts["s2"], users["gm"], users["s2"]),
        ),
    ]
    for sql, params in statements:
        with (
            as_member(server_url, "s1") as conn,
            pytest.raises(psycopg.errors.InsufficientPrivilege),
        ):
            conn.execute(sql, params)
    with as_member(server_url, "s1") as conn:
        assert (
            conn.execute(
                "SELECT * FROM app.member_names(%s::uuid[])",
                ([users["s2"], users["s3"], users["lead2"]],),
            ).fetchall()
            == []
        )
        assert (
            conn.execute("SELECT to_regprocedure('app.existing_ids(text, uuid[])')").fetchone()[0]
            is None
        )
    check_everyone_above(team, admin_url)


@pytest.mark.parametrize(
    ("field", "value", "why"),
    [
        ("annual_revenue", "NaN", "type"),
        ("annual_revenue", -5, "range"),
        ("annual_revenue", HUGE, "range"),
        ("annual_revenue", True, "type"),
        ("tier_revenue", "Z", "choice"),
        ("lifecycle", "bogus", "choice"),
        ("name", "", "required"),
        ("notes", "x" * 10_001, "too_long"),
        ("annual_orders", 1.5, "type"),
        ("currency", "ab1", "format"),
        ("currency", "yuan", "too_long"),
        ("owner_id", "not-a-uuid", "format"),
    ],
)
def test_malformed_values_are_refused_with_a_reason(team, admin_url, server_url, field, value, why):
    _, accounts = ids(admin_url)
    before = server_truth(admin_url)
    (outcome,) = push(server_url, [change(accounts["s1"], field, value)])
    assert (outcome["r"], outcome["why"], outcome["field"]) == ("refused", why, field)
    assert server_truth(admin_url) == before
    check_everyone_above(team, admin_url)


def test_forged_clocks_and_other_peoples_rows_get_nowhere(team, admin_url, server_url):
    users, accounts = ids(admin_url)
    before = server_truth(admin_url)
    attacks = [
        (change(accounts["s1"], "notes", "pinned", tag="9999999999999-99999-zz"), "clock_ahead"),
        (change(accounts["s1"], "notes", "x", tag="12345"), "tag"),
        (change(accounts["s1"], "notes", "x", tbl="users"), "table"),
        (change(accounts["s1"], "xid", "1"), "field"),
        (change(accounts["s1"], "name_key", "x"), "field"),
    ]
    for attack, why in attacks:
        (outcome,) = push(server_url, [attack])
        assert (outcome["r"], outcome["why"]) == ("refused", why), attack
    denied = [
        change(accounts["s2"], "annual_revenue", 1e12),  # a peer's account
        change(accounts["gm"], "name", "HACKED"),  # the manager's own
        change(accounts["s1"], "owner_id", users["s2"]),  # given to a peer
        change(accounts["s1"], "owner_id", users["lead1"]),  # given upwards
        change(
            "00000000-0000-4000-8000-0000000000ff",
            "*",  # a new row for a peer
            {"name": "Planted", "owner_id": users["s2"]},
        ),
        change(accounts["s3"], "*", {"name": "Mine now", "owner_id": users["s1"]}),
        change(accounts["gm"], "_deleted", True),
    ]
    for attack in denied:
        (outcome,) = push(server_url, [attack])
        assert outcome["r"] == "denied", attack
    with psycopg.connect(admin_url) as conn:
        contact = conn.execute(
            "SELECT id::text FROM app.contacts c WHERE owner_id = %s", (users["s1"],)
        ).fetchone()[0]
    for field, value, why in (
        ("account_id", accounts["s2"], "link"),
        ("covered_by", users["s3"], "member"),
        ("covered_by", users["s2"], "member"),
    ):
        (outcome,) = push(server_url, [change(contact, field, value, tbl="contacts")])
        assert (outcome["r"], outcome["why"]) == ("refused", why), field
    # Naming the peer's account in a '*' change of the same batch opens no link to it.
    outcomes = push(
        server_url,
        [
            change(accounts["s2"], "*", {"name": "decoy", "owner_id": users["s1"]}, seq=1),
            change(contact, "account_id", accounts["s2"], tbl="contacts", seq=2),
        ],
    )
    assert [o["r"] for o in outcomes] == ["denied", "refused"]
    assert server_truth(admin_url) == before
    truth = check_everyone_above(team, admin_url)
    assert "HACKED" not in {r[1] for r in truth}
    with psycopg.connect(admin_url) as conn:
        forged = conn.execute(
            "SELECT count(*) FROM app.conflicts WHERE detected_by = 's1'"
        ).fetchone()[0]
    assert forged == 0


def test_a_batch_with_one_bad_change_keeps_the_good_rows_and_refuses_the_bad_row_whole(
    team, admin_url, server_url
):
    _, accounts = ids(admin_url)
    tag = make_tag(wall_ms(), 0, "s1dev")
    outcomes = push(
        server_url,
        [
            change(accounts["s1"], "notes", "good note", tag=tag, seq=1),
            change(accounts["s1"], "annual_revenue", HUGE, tag=tag, seq=2),
            change(accounts["s1"], "region", "North", tag=tag, seq=3),
        ],
    )
    assert [o["r"] for o in outcomes] == ["refused"] * 3  # one row: all or nothing
    with psycopg.connect(admin_url) as conn:
        notes = conn.execute(
            "SELECT notes FROM app.accounts WHERE id = %s", (accounts["s1"],)
        ).fetchone()[0]
    assert notes != "good note"
    check_everyone_above(team, admin_url)


def test_bad_rows_already_on_the_server_are_set_aside_never_crashing_anyone(team, admin_url):
    """A server set up by an older katerm may hold what today's rules refuse."""
    _, accounts = ids(admin_url)
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(
            "UPDATE app.accounts SET annual_revenue = 'NaN', tier_revenue = 'Z', "
            "lifecycle = 'bogus' WHERE id = %s",
            (accounts["s1"],),
        )
        conn.execute("UPDATE app.accounts SET clk = '[]' WHERE id = %s", (accounts["s2"],))
    lead = team["lead1"]
    code, _, err = lead.cli("sync")
    assert code == 0 and "Traceback" not in err
    assert "set aside" in err and "annual_revenue" in err
    kept = dict(lead.rows("SELECT id, annual_revenue FROM accounts"))
    assert kept[accounts["s1"]] == 1000.0  # the last good version stays
    code, out, _ = lead.cli("db", "check")
    assert "2 records received from the sync server were set aside" in out
    for args in (("retier",), ("export", "accounts"), ("pyramid",)):
        code, _, err = lead.cli(*args)
        assert "Traceback" not in err and "went wrong" not in err, args
    fixed = make_tag(wall_ms(), 0, "admin")
    with psycopg.connect(admin_url, autocommit=True) as conn:  # someone repairs it
        conn.execute(
            "UPDATE app.accounts SET annual_revenue = 7, tier_revenue = NULL, "
            "lifecycle = 'customer', hlc = %s, clk = jsonb_build_object('*', %s::text) "
            "WHERE id = %s",
            (fixed, fixed, accounts["s1"]),
        )
    assert lead.cli("sync")[0] == 0
    assert dict(lead.rows("SELECT id, annual_revenue FROM accounts"))[accounts["s1"]] == 7.0
    assert lead.rows("SELECT count(*) FROM sync_quarantine") == [(1,)]


def test_two_devices_naming_one_account_alike_end_with_two_names_and_a_conflict(admin_url, clients):
    add_member(admin_url, "lead")
    add_member(admin_url, "seller", "lead")
    laptop, desktop, lead = clients("seller"), clients("seller"), clients("lead")
    save_account(laptop.ws, None, {"name": "Same Name Co"})
    save_account(desktop.ws, None, {"name": "ｓａｍｅ　name co"})  # 全角, offline
    for client in (laptop, desktop, laptop, lead):
        client.sync()
    for client in (laptop, desktop, lead):
        names = sorted(r[0] for r in client.rows("SELECT name FROM accounts"))
        assert names == ["Same Name Co", "ｓａｍｅ　name co (2)"], names
        assert client.rows("SELECT field, kind FROM conflict_log") == [("name", "renamed")]
    code, _, err = lead.cli("log", "visit", "Same Name Co", "--note", "met the buyer")
    assert code == 0, err


def test_leaving_a_leads_view_takes_rows_and_conflict_records_along(team, admin_url):
    from katerm.core.sync.connect import Server
    from katerm.core.sync.server import move_member

    s1, lead1 = team["s1"], team["lead1"]
    (account,) = [r[0] for r in s1.rows("SELECT id FROM accounts")]
    save_account(lead1.ws, account, {"region": "West"})
    save_account(s1.ws, account, {"region": "East"})
    lead1.sync()
    s1.sync()
    lead1.sync()
    assert lead1.rows("SELECT count(*) FROM conflict_log WHERE row_id = ?", account) != [(0,)]
    move_member(Server.parse(admin_url), "s1", "lead2")
    lead1.sync()
    assert lead1.rows("SELECT count(*) FROM accounts WHERE id = ?", account) == [(0,)]
    assert lead1.rows("SELECT count(*) FROM conflict_log WHERE row_id = ?", account) == [(0,)]


def test_yearly_figures_and_grades_sync_and_bad_values_are_refused(team, admin_url, server_url):
    """Issue 17 part 7: account_revenues and member_grades sync up to the lead; a satisfaction
    outside 1-5 or a grade that is not one is refused by the server with its reason."""
    from katerm.core import store
    from katerm.core.pyramid import member_grades, set_grade

    seller = team["s1"]
    account = seller.rows("SELECT id FROM accounts WHERE name = 's1 account'")[0][0]
    with seller.ws.db.writing() as conn:
        row_id = store.insert(
            conn,
            "account_revenues",
            {
                "account_id": account,
                "owner_id": seller.ws.me.id,
                "year": 2025,
                "amount": 1000.0,
                "currency": "CNY",
                "satisfaction": 4,
            },
            actor_id=seller.ws.me.id,
        )
    lead = team["lead1"]
    set_grade(lead.ws, seller.ws.me.id, grade="best")
    seller.sync()
    lead.sync()
    team["gm"].sync()
    assert team["gm"].rows("SELECT year, amount, satisfaction FROM account_revenues") == [
        (2025, 1000.0, 4)
    ]
    with team["gm"].ws.db.reading() as conn:
        assert member_grades(conn, team["gm"].ws.clock.today())[seller.ws.me.id].grade == "best"
    (outcome,) = push(server_url, [change(row_id, "satisfaction", 9, tbl="account_revenues")])
    assert (outcome["r"], outcome["why"]) == ("refused", "range")
    grade_row = lead.rows("SELECT id FROM member_grades")[0][0]
    (outcome,) = push(
        server_url, [change(grade_row, "grade", "boss", tbl="member_grades")], login="lead1"
    )
    assert (outcome["r"], outcome["why"]) == ("refused", "choice")
