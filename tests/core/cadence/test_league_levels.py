"""The monthly league of a general manager with two leads and their sellers (issue 18, walk
item 1): teams of one level are ranked, the whole organisation is only the total row, and the
sellers are the people who sell — the same in the core, the command and every format."""

from __future__ import annotations

import json
from datetime import date

import pytest

from katerm.core.cadence import Month, monthly_review, new_accounts_json, review_json, tables
from katerm.core.pipeline import DEFAULT_RULES
from katerm.core.reviews.evening import teams_for
from katerm.i18n import t
from tests.core.cadence.conftest import three_levels, won
from tests.core.plan_helpers import account, add_user

TODAY = date(2026, 11, 27)
pytestmark = pytest.mark.now("2026-11-27")
NOV = Month(2026, 11)


@pytest.fixture
def org(workspace):
    return three_levels(workspace)


def review(ws):
    with ws.db.reading() as conn:
        return monthly_review(conn, ws.me.id, NOV, tz=ws.clock.tz, today=TODAY, rules=DEFAULT_RULES)


def test_the_teams_league_ranks_the_leads_teams_and_the_organisation_is_the_total(workspace, org):
    found = review(workspace)
    assert [r.login for r in found.teams] == ["zhou", "xiao"]  # never the whole beside its parts
    zhou, xiao = found.teams
    assert (zhou.figures.won_amount, xiao.figures.won_amount) == (500_000, 300_000)
    assert (zhou.ranks["won_amount"], xiao.ranks["won_amount"]) == (1, 2)
    assert found.total.won_amount == sum(r.figures.won_amount for r in found.teams) == 800_000
    _, (_, rows) = tables(found)
    assert [row[1] for row in rows] == ["Zhou", "Xiao", "Total"]


def test_the_sellers_are_the_people_who_sell_not_the_leads_above_them(workspace, org):
    from katerm.core.team import league_sellers

    found = review(workspace)
    assert {r.login for r in found.sellers} == {"ann", "bob", "cai"}
    assert {s["login"] for s in new_accounts_json(found)["sellers"]} == {"ann", "bob", "cai"}
    # A lead who owns accounts of their own sells too (a player-coach).
    account(workspace, "Zhou's own", owner=org["zhou"], contacts=0)
    with workspace.db.reading() as conn:
        ids = [org[k] for k in ("gm", "zhou", "xiao", "ann")]
        assert league_sellers(conn, ids) == [org["zhou"], org["ann"]]


def test_a_figure_of_nothing_does_not_move_in_the_ranks(workspace, org):
    by_login = {r.login: r for r in review(workspace).sellers}
    # Bob won nothing in either month: tied second in October, third now, yet he did nothing.
    assert by_login["bob"].ranks["won_amount"] == 3
    assert by_login["bob"].rank_change["won_amount"] is None
    assert by_login["ann"].rank_change["won_amount"] == 1  # 0 → 500,000: up from second


def test_the_command_agrees_with_the_screen_in_every_format(cli, workspace, org):
    data = json.loads(cli("review", "monthly", "--month", NOV.key, "--format", "json").out)
    assert [x["login"] for x in data["teams"]] == ["zhou", "xiao"]
    assert {x["login"] for x in data["sellers"]} == {"ann", "bob", "cai"}
    assert data["total"]["won_amount"] == sum(x["figures"]["won_amount"] for x in data["teams"])
    assert data == review_json(review(workspace))
    text = cli("review", "monthly", "--month", NOV.key).out
    teams = text.split("\nTeams\n")[1].split("\n\n")[0].splitlines()[2:]
    assert [line.split()[1] for line in teams] == ["Zhou", "Xiao", "800,000"]
    assert teams[-1].split()[0] == "Total"
    assert not any(workspace.me.login in line for line in teams)
    md = cli("review", "monthly", "--month", NOV.key, "--format", "md").out
    assert "| 1 | Zhou |" in md and f"| {workspace.me.login} |" not in md


def test_the_workbooks_teams_sheet_ends_in_the_organisations_total(cli, workspace, org, tmp_path):
    from openpyxl import load_workbook

    path = tmp_path / "m.xlsx"
    assert cli("review", "monthly", "--month", NOV.key, "-o", str(path)).code == 0
    header, *rows = load_workbook(path)["Teams"].values
    assert [r[0] for r in rows] == ["Zhou", "Xiao", "Total"]
    won = header.index("Won amount")
    assert rows[-1][won] == rows[0][won] + rows[1][won] == 800_000


def test_team_means_everyone_below_a_lead_and_direct_reports_are_named_so(workspace, org):
    with workspace.db.reading() as conn:
        labels = {x.lead.login: x.label for x in teams_for(conn, workspace.me.id)}
    assert labels["zhou"] == "Team Zhou (2 people)"
    assert labels[workspace.me.login] == f"{workspace.me.login}'s direct reports (2 people)"
    assert t("reviews.ui.team_of", "zh_CN", name="周平子", count=3) == "周平子团队（3 人）"
    assert t("reviews.ui.direct_reports_of", "zh_CN", name="李雪天", count=2) == (
        "李雪天的直接下属（2 人）"
    )


def test_the_viewers_direct_sellers_are_a_row_of_their_own(workspace, org):
    dan = add_user(workspace, "dan", "Dan", workspace.me.id)
    acc, _ = account(workspace, "Dan's account", owner=dan, contacts=0)
    won(workspace, acc, dan, 70_000, "2026-11-15")
    found = review(workspace)
    assert [r.kind for r in found.teams] == ["team", "team", "direct"]
    assert found.teams[-1].display == f"{workspace.me.login}: own and direct sellers"
    assert found.total.won_amount == sum(r.figures.won_amount for r in found.teams) == 870_000


def test_a_meetings_title_names_whom_it_goes_through_as_the_picker_does(workspace, org):
    """The GM's evening review of their leads is titled "李雪天的直接下属", not "李雪天团队" (which
    the league uses for the whole organisation); a lead's meeting keeps "周平子团队"."""
    from katerm.core.reviews.evening import build_summary
    from katerm.core.reviews.text import summary_md

    with workspace.db.reading() as conn:
        teams = {x.lead.login: x for x in teams_for(conn, workspace.me.id)}
    mine, zhou = teams[workspace.me.login], teams["zhou"]
    assert mine.heading == f"{workspace.me.login}'s direct reports"
    assert zhou.heading == "team Zhou"
    title = t("reviews.summary_title", "zh_CN", team="x", date="d")
    assert title == "夕会 · x · d"
    with workspace.db.reading() as conn:
        summary = build_summary(conn, mine, TODAY, tz=workspace.clock.tz, today=TODAY)
    assert summary_md(summary, workspace.clock.tz).splitlines()[0] == (
        f"# Evening review · {workspace.me.login}'s direct reports · {TODAY.isoformat()}"
    )
