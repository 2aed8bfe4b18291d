"""The quarterly review: top-tier plans' completeness and its change since last quarter, the
strategic-relationship table's movement, the forecast by month, win/loss with reasons."""

from __future__ import annotations

import json
from datetime import date

import pytest

from katerm.core import store
from katerm.core.cadence import Quarter, parse_quarter, quarterly_review
from katerm.core.cadence.quarter_plans import score_at
from katerm.core.cards.edit import save_strategic
from katerm.core.errors import BadInput
from katerm.core.plan import plan_score, save_plan_item
from katerm.core.plan.kinds import IRON_TRIANGLE
from tests.conftest import move_clock
from tests.core.cadence.conftest import put
from tests.core.plan_helpers import account, add_user

pytestmark = pytest.mark.now("2026-11-27")
TODAY = date(2026, 11, 27)
Q4 = Quarter(2026, 4)


@pytest.mark.parametrize(
    ("typed", "quarter"),
    [
        ("2027Q1", Quarter(2027, 1)),
        ("2027-q2", Quarter(2027, 2)),
        ("2027年第三季度", Quarter(2027, 3)),
        ("2027年Q4", Quarter(2027, 4)),
        ("", Q4),
        ("last", Quarter(2026, 3)),
        ("上季度", Quarter(2026, 3)),
    ],
)
def test_quarters_are_typed_several_ways(typed, quarter):
    assert parse_quarter(typed, TODAY) == quarter


@pytest.mark.parametrize("typed", ["2027Q5", "Q1", "2027-03", "2027Q1x"])
def test_a_bad_quarter_says_what_to_write(typed):
    with pytest.raises(BadInput) as caught:
        parse_quarter(typed, TODAY)
    assert "YYYYQn" in str(caught.value)


def test_quarters_roll_over_the_year():
    assert Quarter(2027, 1).previous() == Quarter(2026, 4) == Quarter(2026, 3).next()
    assert [m.key for m in Q4.months] == ["2026-10", "2026-11", "2026-12"]
    assert (Q4.start, Q4.end) == (date(2026, 10, 1), date(2027, 1, 1))


def review(ws, quarter=Q4, today=TODAY):
    with ws.db.reading() as conn:
        return quarterly_review(conn, ws.me.id, quarter, tz=ws.clock.tz, today=today)


def test_plan_completeness_grows_from_last_quarter_and_partners_move(workspace):
    move_clock(workspace, "2026-09-10")
    acc, _ = account(workspace, "Acme Robotics", contacts=3)
    account(workspace, "Bolt Logistics", tier="B")  # not top tier: not in the review
    gone = save_strategic(workspace, acc, None, {"partner": "Old Partner", "how_to_use": "Intro"})
    move_clock(workspace, "2026-11-02")
    for role in IRON_TRIANGLE:
        save_plan_item(
            workspace,
            acc,
            None,
            {"kind": "team_member", "category": role, "person_id": workspace.me.id},
        )
    save_strategic(workspace, acc, None, {"partner": "华拓集团", "how_to_use": "Intro"})
    with workspace.db.writing() as conn:
        store.delete(conn, "strategic_relationships", gone, actor_id=workspace.me.id)
    move_clock(workspace, "2026-11-27")
    (line,) = review(workspace).plans
    assert line.account == "Acme Robotics"
    with workspace.db.reading() as conn:
        now = plan_score(conn, acc).share
        # Rebuilt at a moment after every write, the plan scores as the plan tab does.
        assert score_at(conn, acc, "2027-01-01T00:00:00").share == now
    assert line.share == now and line.share_before < line.share and line.change > 0
    assert (line.strategic, line.added, line.removed) == (1, ("华拓集团",), ("Old Partner",))
    # Last quarter, nothing moved yet: Old Partner was there.
    (before,) = review(workspace, Quarter(2026, 3), TODAY).plans
    assert (before.strategic, before.added, before.removed) == (1, ("Old Partner",), ())
    assert before.share == line.share_before
    # The change in percentage points in the catalogue's words: "+76pt" was a Latin
    # abbreviation on the Chinese screen (issue 18, walk I).
    from katerm.core.cadence import quarter_sections
    from katerm.i18n import current_language, set_language

    points = round((line.share - line.share_before) * 100)
    was = current_language()
    try:
        for lang, words in (("en", f"+{points}pt"), ("zh_CN", f"+{points} 个百分点")):
            set_language(lang)
            (_, _, rows), *_ = quarter_sections(review(workspace))
            assert words in rows[0], (lang, rows[0])
    finally:
        set_language(was)


def test_the_forecast_puts_each_order_in_its_month_and_the_losses_by_reason(workspace):
    li = add_user(workspace, "li", "Li", workspace.me.id)
    acc, _ = account(workspace, contacts=0)

    def order(name, **values):
        put(
            workspace,
            "opportunities",
            {"owner_id": li, "account_id": acc, "name": name, "opened_on": "2026-08-01", **values},
        )

    order("Won Oct", outcome="won", amount=100, closed_on="2026-10-20", stage="contract")
    order(
        "Locked Nov",
        amount=200,
        probability=50,
        expected_close="2026-11-30",
        locked_on="2026-10-01",
    )
    order("Open Nov", amount=400, probability=25, expected_close="2026-11-15")
    order("Open Dec", amount=1000, probability=10, expected_close="2026-12-31")
    order("Next year", amount=9999, expected_close="2027-01-05")
    order(
        "Lost A",
        outcome="lost",
        amount=50,
        closed_on="2026-10-05",
        loss_reason="Price",
        winner="Globex",
    )
    order(
        "Lost B",
        outcome="lost",
        amount=70,
        closed_on="2026-12-01",
        loss_reason=" Price ",
        winner="Globex",
    )
    order(
        "Lost C",
        outcome="lost",
        amount=30,
        closed_on="2026-11-01",
        loss_reason="Too late",
        winner="nobody",
    )
    order(
        "Lost last quarter", outcome="lost", amount=5, closed_on="2026-09-30", loss_reason="Price"
    )
    found = review(workspace)
    oct_, nov, dec = found.forecast
    assert (oct_.won, oct_.committed, oct_.best_case) == (100, 100, 100)
    assert (nov.won, nov.committed, nov.best_case, nov.weighted) == (0, 200, 600, 200)
    assert (dec.committed, dec.best_case, dec.weighted) == (0, 1000, 100)
    assert (found.won, found.lost) == (1, 3)
    # The top-tier account's own line: won in the quarter, its open orders expected in it.
    (line,) = found.plans
    assert (line.won, line.weighted, line.best_case) == (100, 300, 1600)
    assert [(r.reason, r.count, r.amount) for r in found.reasons] == [
        ("Price", 2, 120),
        ("Too late", 1, 30),
    ]
    globex = next(c for c in found.competitors if c.competitor == "Globex")
    assert (globex.lost, globex.lost_amount) == (2, 120)


def test_the_command_in_json_and_chinese_and_a_bad_quarter(cli, workspace):
    account(workspace, "Acme Robotics")
    data = json.loads(cli("review", "quarterly", "--quarter", "2026Q4", "--format", "json").out)
    assert data["quarter"] == "2026Q4" and [p["account"] for p in data["plans"]] == [
        "Acme Robotics"
    ]
    assert [f["month"] for f in data["forecast"]] == ["2026-10", "2026-11", "2026-12"]
    assert set(data["win_loss"]) == {"won", "lost", "win_rate", "reasons", "competitors"}
    zh = cli("review", "quarterly", "--lang", "zh_CN")
    assert zh.code == 0 and "季度回顾" in zh.out and "按月预测" in zh.out
    md = cli("review", "quarterly", "--format", "md")
    assert "## Forecast by month" in md.out and "| Acme Robotics |" in md.out
    bad = cli("review", "quarterly", "--quarter", "2026Q5")
    assert bad.code == 2 and "YYYYQn" in bad.err and not bad.out and "Traceback" not in bad.err
