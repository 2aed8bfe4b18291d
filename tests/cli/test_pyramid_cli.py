"""`katerm pyramid` prints the screen's numbers; `katerm retier` lists and applies."""

from __future__ import annotations

import csv
import io
import json

from katerm.core.accounts.edit import save_account
from katerm.core.accounts.read import get_account
from katerm.core.pyramid.edit import save_targets
from katerm.core.pyramid.history import tier_history
from katerm.core.pyramid.read import PyramidQuery, compute
from katerm.core.team import add_members


def fill(ws):
    ids = {}
    for name, revenue, tier in [
        ("Big", 5_000_000, "B"),
        ("Mid", 3_500_000, "B"),
        ("Small", 200_000, "C"),
        ("New", 0, "D"),
    ]:
        ids[name] = save_account(ws, None, {"name": name, "annual_revenue": revenue, "tier": tier})
    return ids


def test_json_is_the_list_of_tiers_the_core_computes(cli, workspace):
    fill(workspace)
    save_targets(workspace, workspace.me.id, 2030, "revenue", {"A": "3"})
    result = cli("pyramid", "--format", "json", "--year", "2030")
    assert result.code == 0, result.err
    printed = json.loads(result.out)
    with workspace.db.reading() as conn:
        expected = compute(conn, PyramidQuery(year=2030), workspace.me.id)
    serving = ("served_by", "warnings", "flags")  # who serves each tier: test_grades_cli
    assert [{k: v for k, v in r.items() if k not in serving} for r in printed] == [
        f.record() for f in expected.tiers
    ]
    assert [r["served_by"] for r in printed] == [["best"], ["experienced"], ["new"], []]
    printed = [{k: v for k, v in r.items() if k not in serving} for r in printed]
    # The stored tiers are counted: Big carries B (its 5M would make it A: a re-tier
    # suggestion, not a second answer).
    assert printed[1] == {
        "tier": "B",
        "count": 2,
        "count_share": 0.5,
        "revenue": 8_500_000,
        "revenue_share": 8_500_000 / 8_700_000,
        "target": None,
        "gap": None,
        "lifecycle": {"prospect": 0, "customer": 2, "loyal": 0, "former": 0},
        "base_currency": "CNY",
        "not_converted": [],
    }
    assert (printed[0]["count"], printed[0]["target"], printed[0]["gap"]) == (0, 3, 3)


def test_revenue_in_other_currencies_is_converted_or_listed_never_added_as_cny(cli, workspace):
    from katerm.core import money

    save_account(workspace, None, {"name": "Yuan", "annual_revenue": 1_000_000, "tier": "C"})
    save_account(
        workspace,
        None,
        {"name": "Dollar", "annual_revenue": 100_000, "currency": "USD", "tier": "C"},
    )
    save_account(
        workspace, None, {"name": "Euro", "annual_revenue": 200_000, "currency": "EUR", "tier": "C"}
    )
    money.set_rate(workspace.db, "USD", "7.1", workspace.me.id)
    printed = json.loads(cli("pyramid", "--format", "json", "--year", "2030").out)
    c = next(r for r in printed if r["tier"] == "C")
    assert c["count"] == 3
    assert c["revenue"] == 1_710_000  # the EUR 200,000 is not added as if it were CNY
    assert c["revenue_share"] == 1.0
    assert c["base_currency"] == "CNY"
    assert c["not_converted"] == [{"currency": "EUR", "amount": 200_000}]
    table = cli("pyramid").out
    # The revenue once, ≈ as it was converted (not again, exact and ≈, on the next line).
    assert "revenue ≈ 1,710,000\n" in table and table.count("1,710,000") == 2  # + tier C's
    assert "EUR 200,000 not converted — set its rate: `katerm config set rates.EUR RATE`" in table


def test_table_and_csv_and_chinese(cli, workspace):
    fill(workspace)
    table = cli("pyramid")
    assert table.code == 0
    assert "A Annual revenue ≥ 5,000,000" in table.out
    assert "25.0%" in table.out and "Prospect" in table.out
    rows = list(csv.reader(io.StringIO(cli("pyramid", "--format", "csv").out)))
    assert rows[0] == [
        "tier",
        "count",
        "count_share",
        "revenue",
        "revenue_share",
        "target",
        "gap",
        "prospect",
        "customer",
        "loyal",
        "former",
        "served_by",
        "owner_grade_mismatch",
    ]
    assert rows[4][:2] == ["D", "1"]
    assert [r[-2:] for r in rows[1:]] == [
        ["best", "0"],
        ["experienced", "0"],
        ["new", "0"],
        ["", "0"],
    ]
    zh = cli("--lang", "zh_CN", "pyramid", "--scheme", "strategic")
    assert "未分级" in zh.out and "数量占比" in zh.out


def test_owner_shows_their_team_and_bad_input_exits_2(cli, workspace):
    me = workspace.me.id
    with workspace.db.writing() as conn:
        lead = add_members(conn, ["lead"], manager_id=me, actor_id=me)["lead"]
        seller = add_members(conn, ["seller"], manager_id=lead, actor_id=me)["seller"]
    save_account(workspace, None, {"name": "Theirs", "annual_revenue": 10, "owner_id": seller})
    fill(workspace)
    counts = json.loads(cli("pyramid", "--owner", "LEAD", "--format", "json").out)
    assert [t["count"] for t in counts] == [0, 0, 0, 1]
    for args, words in [
        (("--owner", "nobody"), "nobody"),
        (("--year", "20x"), "20x"),
        (("--year", "1066"), "1066"),
    ]:
        result = cli("pyramid", *args)
        assert result.code == 2 and words in result.err and "Traceback" not in result.err
    assert cli("pyramid", "--scheme", "colour").code == 2


def test_retier_lists_then_applies_and_a_dry_run_changes_nothing(cli, workspace):
    ids = fill(workspace)
    listed = cli("retier")
    assert listed.code == 0 and "B ↑ A" in listed.out and "Mid" not in listed.out
    assert "2 suggestions" in listed.out
    dry = cli("retier", "--apply", "--dry-run")
    assert "Would re-tier 2 accounts" in dry.out
    assert get_account(workspace.db, ids["Big"]).tier == "B"
    done = cli("retier", "--apply", "--format", "json")
    assert {s["name"] for s in json.loads(done.out)} == {"Big", "Small"}
    assert get_account(workspace.db, ids["Big"]).tier == "A"
    changes = tier_history(workspace.db, ids["Small"])
    assert [(c.old_tier, c.new_tier, c.source) for c in changes] == [("C", "D", "suggestion")]
    assert "Every account is in the tier" in cli("retier").out
