"""The monthly review: four-order figures per seller and team, ranked, with the change from
last month; the team is the sum of its people and the pipeline's own count agrees."""

from __future__ import annotations

import json
from datetime import date

import pytest

from katerm.core import money, store
from katerm.core.cadence import Month, legend, monthly_review, parse_month, ranks, review_json
from katerm.core.errors import BadInput
from katerm.core.pipeline import DEFAULT_RULES, figures_of, pipeline_rows
from katerm.core.team import below
from tests.core.plan_helpers import account, add_user

TODAY = date(2026, 11, 27)
pytestmark = pytest.mark.now("2026-11-27")
NOV = Month(2026, 11)


def orders(ws, acc, rows, currency="CNY"):
    """(owner, amount, outcome, opened, closed) rows straight into the table."""
    with ws.db.writing() as conn:
        store.apply(
            conn,
            "opportunities",
            [
                store.Change(
                    store.new_id(),
                    {
                        "owner_id": owner,
                        "account_id": acc,
                        "name": f"Order {i}",
                        "stage": "contract" if outcome == "won" else "opportunity",
                        "outcome": outcome,
                        "amount": amount,
                        "opened_on": opened,
                        "closed_on": closed,
                        "currency": currency,
                    },
                    new=True,
                )
                for i, (owner, amount, outcome, opened, closed) in enumerate(rows)
            ],
            actor_id=ws.me.id,
        )


@pytest.fixture
def league(workspace):
    me = workspace.me.id
    li = add_user(workspace, "li", "Li", me)
    wang = add_user(workspace, "wang", "Wang", me)
    acc, _ = account(workspace, contacts=0)
    orders(
        workspace,
        acc,
        [
            (li, 500_000, "won", "2026-10-01", "2026-11-10"),  # 40 days
            (li, 100_000, "lost", "2026-10-01", "2026-11-12"),
            (wang, 300_000, "won", "2026-11-01", "2026-11-21"),  # 20 days
            (wang, 200_000, "won", "2026-11-01", "2026-11-11"),  # 10 days
            (wang, 900_000, "won", "2026-09-01", "2026-10-15"),  # last month
            (li, 50_000, "won", "2026-09-01", "2026-10-20"),  # last month
            (li, 70_000, "won", "2026-09-01", "2026-12-01"),  # next month: not counted
        ],
    )
    return me, li, wang


def review(ws, month=NOV):
    with ws.db.reading() as conn:
        return monthly_review(
            conn, ws.me.id, month, tz=ws.clock.tz, today=TODAY, rules=DEFAULT_RULES
        )


def test_each_seller_gets_the_months_figures_ranked_with_the_change(workspace, league):
    me, li, wang = league
    found = review(workspace)
    by_id = {r.id: r for r in found.sellers}
    li_row, wang_row = by_id[li], by_id[wang]
    assert (li_row.figures.won_amount, li_row.figures.won, li_row.figures.win_rate) == (
        500_000,
        1,
        0.5,
    )
    assert li_row.figures.cycle_days == 40
    assert (wang_row.figures.won_amount, wang_row.figures.won) == (500_000, 2)
    assert (wang_row.figures.win_rate, wang_row.figures.cycle_days) == (1.0, 15)
    # Tied on the amount: both first; on the cycle the shorter wins; my empty month ranks last.
    assert li_row.ranks["won_amount"] == wang_row.ranks["won_amount"] == 1
    assert (wang_row.ranks["cycle_days"], li_row.ranks["cycle_days"]) == (1, 2)
    assert by_id[me].ranks["won_amount"] == 3 and by_id[me].ranks["cycle_days"] is None
    # Last month Wang won 900,000 and Li 50,000: Li moved up one place, Wang's amount fell.
    assert li_row.rank_change["won_amount"] == 1 and wang_row.rank_change["won_amount"] == 0
    assert wang_row.change["won_amount"] == -400_000 and li_row.change["won"] == 0


def test_the_team_is_the_sum_of_its_people_and_agrees_with_the_pipeline(workspace, league):
    found = review(workspace)
    # A lead of sellers has no team league (no team of their own level below them): their
    # sellers are the league, and the team is its total row.
    assert found.teams == ()
    team = found.total
    for figure in ("won_amount", "won", "lost", "locked", "following", "stuck", "visits"):
        summed = sum(getattr(r.figures, figure) for r in found.sellers)
        assert summed == getattr(team, figure)
    with workspace.db.reading() as conn:
        rows = pipeline_rows(conn, below(conn, workspace.me.id), TODAY)
    in_month = [
        r
        for r in rows
        if r.opportunity.closed_on and NOV.start <= r.opportunity.closed_on < NOV.end
    ]
    pipeline = figures_of(in_month, money.Rates())
    assert (team.won, team.lost) == (pipeline.won, pipeline.lost)
    assert team.won_amount == pipeline.won_amount
    assert team.cycle_days == pipeline.cycle_days


def test_other_currencies_are_converted_or_listed_and_sellers_still_sum_to_the_team(
    workspace, league, cli, tmp_path
):
    me, li, wang = league
    acc, _ = account(workspace, "Overseas", contacts=0)
    orders(workspace, acc, [(li, 100_000, "won", "2026-11-01", "2026-11-05")], "USD")
    orders(workspace, acc, [(wang, 10_000, "won", "2026-11-01", "2026-11-06")], "EUR")
    money.set_rate(workspace.db, "USD", "7.1", me)
    found = review(workspace)
    by_id = {r.id: r for r in found.sellers}
    assert by_id[li].figures.won_amount == 500_000 + 710_000
    assert by_id[wang].figures.won_amount == 500_000  # EUR has no rate: not added as CNY
    assert by_id[wang].figures.won_left == (money.Amount("EUR", 10_000),)
    team = found.total  # a lead of sellers: the league's total row is the team
    summed = sum(r.figures.won_amount for r in found.sellers)
    assert summed == team.won_amount == 1_710_000
    assert team.won_left == (money.Amount("EUR", 10_000),)
    printed = review_json(found)
    assert printed["base_currency"] == "CNY"
    assert printed["not_converted"] == [{"currency": "EUR", "amount": 10_000}]
    assert printed["total"]["won_amount"] == 1_710_000
    assert "EUR 10,000 not converted" in legend(found)
    assert "≈ 1,710,000 CNY at your rates" in legend(found)
    # The workbook says so too: a Notes sheet under the review's title, read back.
    from openpyxl import load_workbook

    book = tmp_path / "m.xlsx"
    done = cli("review", "monthly", "--month", NOV.key, "--format", "xlsx", "-o", str(book))
    assert done.code == 0, done.err
    notes = [r[0] for r in load_workbook(book)["Notes"].values]
    assert notes[0].startswith("Monthly review 2026-11"), notes
    assert any("≈ 1,710,000 CNY at your rates" in n for n in notes), notes
    assert any("EUR 10,000 not converted" in n for n in notes), notes
    # The pipeline over the same orders agrees, converted alike.
    with workspace.db.reading() as conn:
        rows = pipeline_rows(conn, below(conn, me), TODAY)
        rates = money.load_rates(conn)
    in_month = [
        r
        for r in rows
        if r.opportunity.closed_on and NOV.start <= r.opportunity.closed_on < NOV.end
    ]
    pipeline = figures_of(in_month, rates)
    assert pipeline.won_total.amount == team.won_amount
    assert pipeline.won_total.not_converted == team.won_left


def test_ranks_share_ties_and_leave_no_value_unranked():
    assert ranks({"a": 3, "b": 5, "c": 5, "d": None}, lower_is_better=False) == {
        "b": 1,
        "c": 1,
        "a": 3,
        "d": None,
    }
    assert ranks({"a": 3, "b": 5}, lower_is_better=True) == {"a": 1, "b": 2}


@pytest.mark.parametrize(
    ("typed", "month"),
    [
        ("2026-11", NOV),
        ("2026/3", Month(2026, 3)),
        ("2027年1月", Month(2027, 1)),
        ("last", NOV.previous()),
        ("", NOV),
        ("本月", NOV),
    ],
)
def test_months_are_typed_several_ways(typed, month):
    assert parse_month(typed, TODAY) == month


@pytest.mark.parametrize("typed", ["2026-13", "Nov", "2026-11-01"])
def test_a_bad_month_says_what_to_write(typed):
    with pytest.raises(BadInput) as caught:
        parse_month(typed, TODAY)
    assert "YYYY-MM" in str(caught.value)


def test_the_command_names_every_seller_and_team_in_json_and_markdown(cli, workspace, league):
    result = cli("review", "monthly", "--month", "2026-11", "--format", "json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert {s["login"] for s in data["sellers"]} == {"li", "wang", workspace.me.login}
    assert data["teams"] == []  # no team of one level below me: the sellers are the league
    for row in data["sellers"] + data["teams"]:
        assert set(row["rank"]) == set(data["figures"]) <= set(row["figures"])
    assert data["total"]["won_amount"] == sum(s["figures"]["won_amount"] for s in data["sellers"])
    md = cli("review", "monthly", "--month", "2026-11", "--format", "md")
    assert md.code == 0 and "| Li |" in md.out and "## Teams" not in md.out
    bad = cli("review", "monthly", "--month", "13/2026")
    assert bad.code == 2 and "YYYY-MM" in bad.err and not bad.out


def test_following_and_stuck_agree_with_the_pipelines_stuck_rule_on_the_demo(workspace):
    from katerm.core.demo import generate
    from katerm.core.pipeline import stuck_opportunities

    generate(workspace, accounts=60, lang="en")
    found = review(workspace)
    with workspace.db.reading() as conn:
        owners = below(conn, workspace.me.id)
        stuck = stuck_opportunities(conn, owners, TODAY)
        open_locked = conn.execute(
            "SELECT count(*) FROM opportunities o JOIN accounts a ON a.id = o.account_id "
            "AND a.deleted = 0 WHERE o.deleted = 0 AND o.outcome = 'open' "
            "AND o.locked_on IS NOT NULL AND o.locked_on <= ?",
            (TODAY.isoformat(),),
        ).fetchone()[0]
    assert found.total.stuck == len(stuck) > 0
    assert found.total.following + found.total.stuck == open_locked
    assert sum(found.trend.visits) > 0  # the demo's visits, week by week
    by_seller = {r.id: r.figures.stuck for r in found.sellers}
    for s in stuck:
        assert by_seller[s.seller_id] >= 1
    # The trend's following and stuck orders at each month's end are the league table's.
    for back, moves in enumerate((found, review(workspace, NOV.previous()))):
        at = -1 - back
        assert found.trend.stuck[at] == moves.total.stuck
        assert found.trend.following[at] == moves.total.following
    assert len(found.trend.stuck) == len(found.trend.months) == 6


def test_the_trend_counts_each_month_as_its_league_table_does(workspace, league):
    found = review(workspace)
    moves = found.trend
    assert [m.key for m in moves.months] == [
        "2026-06",
        "2026-07",
        "2026-08",
        "2026-09",
        "2026-10",
        "2026-11",
    ]
    assert moves.won_amount[-2:] == (950_000, 1_000_000) and moves.won[-2:] == (2, 3)
    assert (moves.won_amount[-1], moves.won[-1]) == (found.total.won_amount, found.total.won)
    # Eight weeks of visits, this week last (nothing logged here).
    assert len(moves.weeks) == 8 and moves.weeks[-1] == date(2026, 11, 23)
    assert moves.visits == (0,) * 8


def test_the_figures_of_a_column_line_up_whatever_their_rank_and_move(cli, workspace, league):
    """`2,674,000 #1 ↑1` over `65,000 #3`: with the rank in the right-aligned cell the digits
    did not line up (issue 18, walk K). Each figure ends in the same column of its table."""
    import re

    out = cli("review", "monthly", "--month", "2026-11").out.splitlines()
    start = next(i for i, line in enumerate(out) if "Won amount" in line) + 2
    rows = []
    for line in out[start:]:
        if not line.strip() or "Total" in line:
            break
        rows.append(line)
    assert len(rows) == 3, out
    figure = re.compile(r"(\d[\d,.]*%?) #\d+")
    for column in range(2):  # won amount, won (every row has both)
        ends = {[m.end(1) for m in figure.finditer(line)][column] for line in rows}
        assert len(ends) == 1, (column, rows)
    moves = [re.findall(r"[↑↓]\d+", line) for line in rows]
    assert any(moves) and not all(len(m) == len(moves[0]) for m in moves), rows  # a real test
