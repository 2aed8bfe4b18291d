"""One team, one set of settings (issue 24): the rates, tier thresholds and competitor list a
lead sets reach every member below them, so the seller's pyramid and the lead's view of the
seller's accounts give the same converted totals and the same tiers."""

from __future__ import annotations

import json

import psycopg

from katerm.core import money
from katerm.core.accounts.edit import save_account
from katerm.core.competitors import add_competitor, list_competitors, presences, set_presence
from katerm.core.pyramid import save_thresholds
from katerm.core.pyramid.rules import RULES
from katerm.core.sync.connect import Server
from katerm.core.sync.schema import TEAM_SETTINGS, table_named
from katerm.core.sync.server import upgrade
from tests.sync.conftest import add_member, as_member

REVENUE_A = next(s for s in RULES["revenue"].thresholds if s.tier == "A")


def _team(admin_url, clients):
    add_member(admin_url, "wang", name="王芳")
    for seller in ("s1", "s2"):
        add_member(admin_url, seller, manager="wang")
    return {login: clients(login) for login in ("wang", "s1", "s2")}


def _pyramid(client, *args: str) -> dict:
    code, out, err = client.cli("pyramid", "--format", "json", *args)
    assert code == 0, err
    return json.loads(out)


def test_a_seller_converts_and_tiers_with_their_leads_settings(admin_url, clients):
    team = _team(admin_url, clients)
    lead, s1 = team["wang"], team["s1"]
    # The lead's settings: 1 USD = 7.1 CNY, A from 8M CNY, the team's competitor list.
    code, _, err = lead.cli("config", "set", "rates.USD", "7.1")
    assert code == 0, err
    save_thresholds(lead.ws, "revenue", {REVENUE_A.key: "8000000"})
    add_competitor(lead.ws, "Globex", "the usual rival")
    # The seller had their own idea of the dollar before they ever synced.
    money.set_rate(s1.ws.db, "USD", "6.5", s1.ws.me.id)
    lead.sync()
    s1.sync()
    assert money.load(s1.ws.db).rates == {"USD": 7.1}
    with s1.ws.db.reading() as conn:
        assert [c.name for c in list_competitors(conn)] == ["Globex"]
    # 1M USD = 7.1M CNY: B by the lead's 8M line (A by the default 5M; nothing unconverted).
    dollars = save_account(
        s1.ws, None, {"name": "Dollars", "annual_revenue": 1e6, "currency": "USD"}
    )
    set_presence(s1.ws, "globex", dollars, answers={"offer": "cheaper"})  # the lead's row
    save_account(s1.ws, None, {"name": "Yuan", "annual_revenue": 9e6, "currency": "CNY"})
    s1.sync()
    lead.sync()
    seller_view = _pyramid(s1)
    lead_view = _pyramid(lead, "--owner", "s1")
    assert seller_view == lead_view  # the same tiers, counts and converted revenue
    by_tier = {t["tier"]: (t["count"], t["revenue"]) for t in seller_view}
    assert (by_tier["A"], by_tier["B"]) == ((1, 9_000_000), (1, 7_100_000))
    with lead.ws.db.reading() as conn:
        assert [(p.competitor, p.account) for p in presences(conn)] == [("Globex", "Dollars")]
    # The seller's own USD row is not used by anyone: the lead's wins on both sides.
    assert money.load(lead.ws.db).rates == {"USD": 7.1}


def test_a_seller_cannot_change_what_their_lead_set(admin_url, clients):
    team = _team(admin_url, clients)
    lead, s1 = team["wang"], team["s1"]
    assert lead.cli("config", "set", "rates.USD", "7.1")[0] == 0
    lead.sync()
    s1.sync()
    code, _, err = s1.cli("config", "set", "rates.USD", "7.3")
    assert code == 2
    assert "USD rate is set by your lead 王芳 (7.1); ask them to change it." in err
    assert "Traceback" not in err
    code, _, err = s1.cli("--lang", "zh_CN", "config", "set", "rates.USD", "7.3")
    assert code == 2
    assert "USD 汇率由你的上级王芳设定（7.1），请找对方修改。" in err
    # Even written past katerm, the server keeps the lead's row the lead's.
    with as_member(lead.url, "s1") as conn:
        rows = conn.execute("SELECT currency, rate FROM app.currency_rates").fetchall()
        assert rows == [("USD", 7.1)]
        (reply,) = conn.execute(
            "SELECT app.push(%s::jsonb)",
            (
                json.dumps(
                    [
                        {
                            "seq": 1,
                            "tbl": "currency_rates",
                            "id": money.rate_id("CNY", "USD"),
                            "field": "rate",
                            "value": 9.9,
                            "tag": "0000000000001-00000-abc",
                        }
                    ]
                ),
            ),
        ).fetchone()
        assert reply[0]["r"] == "denied"


def test_peers_and_reports_settings_stay_where_they_were(admin_url, clients):
    team = _team(admin_url, clients)
    money.set_rate(team["s1"].ws.db, "EUR", "7.8", team["s1"].ws.me.id)
    for login in ("s1", "s2", "wang"):
        team[login].sync()
    assert money.load(team["s2"].ws.db).rates == {}  # a peer's rate is not mine to read
    assert money.load(team["wang"].ws.db).rates == {"EUR": 7.8}  # a report's, as before


def test_upgrading_an_old_server_widens_the_settings_policy_and_resyncs(admin_url, clients):
    team = _team(admin_url, clients)
    lead, s1 = team["wang"], team["s1"]
    assert lead.cli("config", "set", "rates.USD", "7.1")[0] == 0
    lead.sync()
    s1.sync()
    # A server set up by an older katerm: the settings read by their owner's team only.
    with psycopg.connect(admin_url, autocommit=True) as conn:
        for name in TEAM_SETTINGS:
            t = table_named(name)
            assert t is not None
            conn.execute(f"DROP POLICY team_read ON {t.qualified}")
            conn.execute(
                f"CREATE POLICY team_read ON {t.qualified} FOR SELECT TO katerm_user "
                "USING (owner_id = ANY ((SELECT app.visible_owner_ids())::uuid[]))"
            )
    s1.sync(full=True)
    assert money.load(s1.ws.db).rates == {}  # the bug: the lead's rate never arrives
    upgrade(Server.parse(admin_url))
    summary = s1.sync()
    assert summary.full  # rows written long ago are now theirs to read: a full resync
    assert money.load(s1.ws.db).rates == {"USD": 7.1}
    upgrade(Server.parse(admin_url))  # run again: nothing to widen, no second resync
    assert not s1.sync().full
