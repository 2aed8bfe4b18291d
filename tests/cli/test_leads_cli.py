"""`katerm leads` as a user types it: add a referred lead, nurture it, review and convert it,
the week's meeting in json / table / md; bad input exits 2 with nothing written."""

from __future__ import annotations

import json

import pytest

from tests.core.plan_helpers import account

pytestmark = pytest.mark.now("2026-12-09")


@pytest.fixture
def world(workspace):
    account(workspace, "Pearl Bank", contacts=2)
    account(workspace, "Acme Robotics")
    workspace.close()
    return workspace


def test_a_referred_lead_nurtured_reviewed_and_converted_shows_in_the_week(cli, world):
    added = cli(
        "leads", "Acme", "--add", "Cloud migration", "--source", "referral",
        "--referred-by", "Pearl Bank / Person 1", "--nurturer", world.me.login,
    )  # fmt: skip
    assert added.code == 0, added.err
    assert cli("leads", "Acme", "--lead", "Cloud migration", "--decide", "nurture").code == 0
    converted = cli(
        "leads", "Acme", "--lead", "Cloud migration", "--decide", "convert",
        "--checks", "fits_strategy,risk_acceptable", "--format", "json",
    )  # fmt: skip
    assert converted.code == 0, converted.err
    found = json.loads(converted.out)
    assert found["week"] == "2026-W50"
    assert found["total"] == {"new": 1, "reviewed": 1, "converted": 1, "dropped": 0}
    (seller,) = found["sellers"]
    assert (seller["login"], seller["converted"]) == (world.me.login, 1)
    (lead,) = found["leads"]
    assert (lead["referred_by"], lead["status"]) == ("Pearl Bank / Person 1", "converted")
    table = cli("leads", "--week", "2026-12-10")
    assert "Cloud migration" in table.out and "Pearl Bank / Person 1" in table.out
    md = cli("leads", "--format", "md")
    assert md.out.startswith("# Lead meeting, week 2026-W50")
    assert json.loads(cli("leads", "--week", "last", "--format", "json").out)["leads"] == []


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("--add", "X", "--source", "pigeon"), "--source"),
        (("--add", "X", "--source", "referral"), "--referred-by"),
        (("--add", "X", "--source", "referral", "--referred-by", "Nowhere"), "--referred-by"),
        (("--add", "X", "--nurturer", "zz.top"), "--nurturer"),
        (("--lead", "Ghost", "--source", "online"), "Ghost"),
        (("--add", "X", "--decide", "maybe"), "--decide"),
        (("--add", "X", "--decide", "convert"), "--decide"),  # not shown to be a real lead
    ],
)
def test_bad_input_exits_2_naming_what_is_wrong_and_nothing_is_added(cli, world, args, says):
    result = cli("leads", "Acme", *args)
    assert result.code == 2 and "Traceback" not in result.err
    assert says in result.err
    if "--add" in args:
        assert json.loads(cli("leads", "--format", "json").out)["leads"] == []


@pytest.mark.parametrize(
    "args",
    [("--week", "2026-W99"), ("--source", "online"), ("--add", "X"), ("Nowhere", "--add", "X")],
)
def test_options_without_what_they_need_exit_2(cli, world, args):
    result = cli("leads", *args)
    assert result.code == 2 and result.err.strip() and "Traceback" not in result.err


def test_the_monthly_review_counts_the_new_key_account_against_the_teams_target(cli, world):
    from katerm.paths import resolve_paths

    cli("leads", "Acme", "--add", "First order", "--source", "online")
    cli("leads", "Acme", "--lead", "First order", "--decide", "convert", "--checks",
        "fits_strategy,risk_acceptable")  # fmt: skip
    found = json.loads(cli("review", "monthly", "--format", "json").out)["new_key_accounts"]
    assert found["target"] == 1 and found["total"] == 1
    assert found["sellers"][0] == {
        "login": world.me.login, "name": world.me.name, "new": 1, "target": 1, "met": True,
    }  # fmt: skip
    config = resolve_paths().config_file
    with config.open("a", encoding="utf-8") as fh:
        fh.write("\n[leads]\nnew_key_accounts_per_month = 2\n")
    found = json.loads(cli("review", "monthly", "--format", "json").out)["new_key_accounts"]
    assert (found["target"], found["sellers"][0]["met"]) == (2, False)
    assert "1 account short" in cli("review", "monthly").out
    config.write_text(config.read_text(encoding="utf-8").replace("= 2", '= "lots"'))
    wrong = cli("review", "monthly")
    assert wrong.code == 2 and "new_key_accounts_per_month" in wrong.err
