"""`katerm competitors`, `katerm lost` and `katerm pipeline --lost` as a user types them."""

from __future__ import annotations

import json
from datetime import date

import pytest

from katerm.core.pipeline.opportunities import save_opportunity
from tests.core.plan_helpers import MONDAY, account

pytestmark = pytest.mark.now("2026-03-16")


@pytest.fixture
def orders(workspace):
    acc, _ = account(workspace)
    for name, competitors in (("ERP upgrade", "Globex"), ("Line upgrade", "Globex, Initech")):
        save_opportunity(
            workspace,
            acc,
            None,
            {"name": name, "amount": 500_000, "competitors": competitors},
            today=MONDAY,
        )
    workspace.close()
    return workspace


def test_losing_without_reason_or_winner_is_refused_and_nothing_changes(cli, orders):
    refused = cli("lost", "ERP upgrade", "--reason", "Price")
    assert refused.code == 2
    assert "Traceback" not in refused.err
    assert "winner" in refused.err.lower()
    assert cli("lost", "ERP upgrade", "--winner", "Globex").code == 2
    assert cli("lost", "No such order", "--reason", "x", "--winner", "y").code == 2
    listed = cli("pipeline", "--lost", "--format", "json")
    assert listed.code == 0, listed.err
    assert json.loads(listed.out) == []


def test_a_lost_order_lists_with_its_reason_and_winner(cli, orders):
    done = cli("lost", "erp upgrade", "--reason", "Price 15% higher", "--winner", "Globex")
    assert done.code == 0, done.err
    assert "Globex" in done.out
    listed = cli("pipeline", "--lost", "--format", "json")
    assert listed.code == 0, listed.err
    (row,) = json.loads(listed.out)
    assert (row["name"], row["loss_reason"], row["winner"]) == (
        "ERP upgrade",
        "Price 15% higher",
        "Globex",
    )
    assert row["closed_on"] == date(2026, 3, 16).isoformat()
    table = cli("pipeline", "--lost")
    assert "Price 15% higher" in table.out and "Winner" in table.out


def test_competitors_list_win_loss_and_presence_at_an_account(cli, orders):
    assert cli("competitors", "--add", "Globex", "--notes", "Cheap").code == 0
    again = cli("competitors", "--add", "globex")
    assert again.code == 2 and "already" in again.err
    assert cli("lost", "ERP upgrade", "--reason", "Price", "--winner", "Globex").code == 0
    team = cli("competitors", "--format", "json")
    assert team.code == 0, team.err
    rows = {r["competitor"]: r for r in json.loads(team.out)}
    assert (rows["Globex"]["lost"], rows["Globex"]["open"], rows["Globex"]["listed"]) == (
        1,
        1,
        True,
    )
    assert "Initech" not in rows  # named in an order's free text only, not on the list
    unlisted = cli("competitors", "Acme", "--present", "Initech")
    assert unlisted.code == 2 and "--add" in unlisted.err
    recorded = cli(
        "competitors",
        "Acme",
        "--present",
        "Globex",
        "--opportunity",
        "Line upgrade",
        "--offer",
        "20% below list",
        "--customer-attitude",
        "The CFO likes them",
    )
    assert recorded.code == 0, recorded.err
    shown = cli("competitors", "Acme", "--format", "json")
    data = json.loads(shown.out)
    assert data["present"] == [
        {
            "competitor": "Globex",
            "opportunity": "Line upgrade",
            "profile": "",
            "relationships": "",
            "strengths": "",
            "offer": "20% below list",
            "strategy": "",
            "customer_attitude": "The CFO likes them",
        }
    ]
    text = cli("competitors", "Acme")
    assert "Their offer: 20% below list" in text.out
    assert cli("competitors", "--offer", "x").code == 2  # an answer needs --present


def test_chinese_messages(cli, orders):
    refused = cli("--lang", "zh_CN", "lost", "ERP upgrade")
    assert refused.code == 2
    assert "赢单方" in refused.err or "必填" in refused.err


def test_an_activity_for_an_opportunity_shows_in_its_history(cli, orders):
    logged = cli(
        "log",
        "visit",
        "Acme",
        "--opportunity",
        "Line upgrade",
        "--stage",
        "bidding",
        "--note",
        "Bid review",
    )
    assert logged.code == 0, logged.err
    refused = cli("log", "call", "Acme", "--stage", "bidding")
    assert refused.code == 2 and "--stage" in refused.err
    history = cli("log", "list", "--opportunity", "Line upgrade", "--format", "json")
    assert history.code == 0, history.err
    (row,) = json.loads(history.out)
    assert (row["opportunity"], row["stage"], row["note"]) == (
        "Line upgrade",
        "bidding",
        "Bid review",
    )
    table = cli("log", "list", "--opportunity", "Line upgrade")
    assert "Bidding" in table.out
    assert cli("log", "list", "--opportunity", "Nothing like it").code == 2


def test_the_win_rate_reads_as_every_other_rate(cli, orders):
    # One formatter for a rate (fmt_share): "0.0%" as in the pipeline and the reviews, not "0%".
    assert cli("competitors", "--add", "Globex").code == 0
    assert cli("lost", "ERP upgrade", "--reason", "Price", "--winner", "Globex").code == 0
    row = next(ln for ln in cli("competitors").out.splitlines() if "Globex" in ln)
    assert row.split()[-1] == "0.0%"
    data = json.loads(cli("competitors", "--format", "json").out)
    assert next(r for r in data if r["competitor"] == "Globex")["win_rate"] == 0.0
