"""`katerm team grade` sets who serves which tier; `katerm pyramid` flags owners who do not
match (owner_grade_mismatch); `katerm retier` lists the periodic evaluation's suggestions."""

from __future__ import annotations

import json

import pytest

from katerm.core import store
from katerm.core.accounts.edit import save_account
from katerm.core.team import add_members

pytestmark = pytest.mark.now("2026-11-27")


def team(ws):
    me = ws.me.id
    with ws.db.writing() as conn:
        return add_members(conn, ["li.new", "wang.best"], manager_id=me, actor_id=me)


def test_grades_are_set_by_login_and_the_pyramid_flags_the_mismatch(cli, workspace):
    people = team(workspace)
    for login in people:
        save_account(
            workspace,
            None,
            {"name": f"{login} whale", "annual_revenue": 6_000_000, "owner_id": people[login]},
        )
    assert cli("team", "grade", "li.new", "--grade", "new").code == 0
    assert cli("team", "grade", "wang.best", "--grade", "best", "--joined", "2020-03-01").code == 0
    listed = json.loads(cli("team", "grade", "--format", "json").out)
    assert {r["login"]: r["effective_grade"] for r in listed if r["login"] in people} == {
        "li.new": "new",
        "wang.best": "best",
    }
    printed = json.loads(cli("pyramid", "--format", "json").out)
    a = printed[0]
    assert a["tier"] == "A" and a["count"] == 2
    assert a["warnings"] == [{"code": "owner_grade_mismatch", "count": 1}]
    assert [(f["name"], f["owner_grade"], f["served_by"]) for f in a["flags"]] == [
        ("li.new whale", "new", ["best"])
    ]
    table = cli("pyramid").out
    assert "Owner grade mismatch" in table and "li.new whale: A" in table
    zh = cli("--lang", "zh_CN", "pyramid").out
    assert "能级不符" in zh and "精兵强将" in zh
    # The team lets new sellers serve A accounts too: no flag.
    assert cli("config", "set", "serve.revenue.A", "best, new").code == 0
    assert json.loads(cli("pyramid", "--format", "json").out)[0]["warnings"] == []


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("team", "grade", "li.new", "--grade", "boss"), "is not a grade"),
        (("team", "grade", "li.new", "--joined", "yesterday"), "is not a date"),
        (("team", "grade", "nobody", "--grade", "new"), "No team member has the login"),
        (("team", "grade", "--grade", "new"), "Say whose grade to set"),
        (("config", "set", "serve.fish.whale", "best,boss"), "is not a list of grades"),
        (("config", "set", "serve.fish.orca", "best"), "serve.<scheme>.<tier>"),
    ],
)
def test_bad_input_exits_2_with_a_message_and_writes_nothing(cli, workspace, args, words):
    team(workspace)
    result = cli(*args)
    assert result.code == 2, (result.out, result.err)
    assert words in result.err and "Traceback" not in result.err
    with workspace.db.reading() as conn:
        assert conn.execute("SELECT count(*) FROM member_grades").fetchone()[0] == 0


def test_retier_lists_and_applies_the_evaluation(cli, workspace):
    grower = save_account(workspace, None, {"name": "增长客户", "annual_revenue": 4_000_000})
    with workspace.db.writing() as conn:
        for year, amount in ((2023, 2e6), (2024, 2.6e6), (2025, 3.3e6)):
            store.insert(
                conn,
                "account_revenues",
                {
                    "account_id": grower,
                    "owner_id": workspace.me.id,
                    "year": year,
                    "amount": amount,
                    "currency": "CNY",
                    "satisfaction": 5,
                },
                actor_id=workspace.me.id,
            )
    listed = json.loads(cli("retier", "--format", "json").out)
    assert [(r["name"], r["current"], r["suggested"], r["basis"]) for r in listed] == [
        ("增长客户", "B", "A", "evaluation")
    ]
    assert "grew 30% (2024)" in listed[0]["reason"]
    assert cli("retier", "--apply").code == 0
    printed = json.loads(cli("pyramid", "--format", "json").out)
    assert printed[0]["count"] == 1  # the one stored tier is A now


def test_yearly_figures_are_set_one_year_at_a_time_and_bad_values_change_nothing(cli, workspace):
    save_account(workspace, None, {"name": "长江电力", "annual_revenue": 4_000_000})
    for year, revenue, score in (
        ("2023", "200万", "3"),
        ("2024", "260万", ""),
        ("2025", "330万", "5"),
    ):
        result = cli(
            "yearly", "长江", "--year", year, "--revenue", revenue, "--satisfaction", score
        )
        assert result.code == 0, result.err
    assert cli("yearly", "长江", "--year", "2024", "--satisfaction", "4").code == 0  # revenue kept
    listed = json.loads(cli("yearly", "长江", "--format", "json").out)
    assert listed == [
        {"year": 2023, "amount": 2_000_000, "currency": "CNY", "satisfaction": 3},
        {"year": 2024, "amount": 2_600_000, "currency": "CNY", "satisfaction": 4},
        {"year": 2025, "amount": 3_300_000, "currency": "CNY", "satisfaction": 5},
    ]
    assert "5 very satisfied" in cli("yearly", "长江").out
    # The evaluation now suggests a promotion (+30%, +27%, satisfied).
    assert [r["basis"] for r in json.loads(cli("retier", "--format", "json").out)] == ["evaluation"]
    bad = cli("yearly", "长江", "--year", "2025", "--revenue", "lots", "--satisfaction", "6")
    assert bad.code == 2 and "--revenue:" in bad.err and "--satisfaction:" in bad.err
    assert "Traceback" not in bad.err
    no_year = cli("yearly", "长江", "--revenue", "1")
    assert no_year.code == 2 and "Say which year" in no_year.err
    assert json.loads(cli("yearly", "长江", "--format", "json").out) == listed
