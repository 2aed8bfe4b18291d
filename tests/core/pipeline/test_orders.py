"""Four-order management: the day limits (calendar and business days), the stuck rule,
locking, lead review, and what the evening review reads."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from katerm.core.config import Settings
from katerm.core.errors import BadInput, ConfigProblem, ValidationFailed
from katerm.core.pipeline.opportunities import save_opportunity
from katerm.core.pipeline.orders import orders_moved, stuck_opportunities
from katerm.core.pipeline.rules import (
    DEFAULT_RULES,
    Milestone,
    OrderRules,
    add_days,
    days_between,
    rules_from_settings,
)
from katerm.core.pipeline.steps import (
    close_lost,
    lock,
    reach_milestone,
    renew,
    validate_lead,
    write_analysis,
)
from katerm.core.workdays import is_working_day
from tests.core.plan_helpers import MONDAY, account, as_user, ready_opportunity, team

BUSINESS = OrderRules(DEFAULT_RULES.milestones, business_days=True)


def stuck_on(ws, day, rules=DEFAULT_RULES, owners=None):
    with ws.db.reading() as conn:
        return stuck_opportunities(conn, owners, day, rules)


def locked_order(ws, today=MONDAY, name="Acme Robotics"):
    acc, (person,) = account(ws, name)
    opp = ready_opportunity(ws, acc, person, today=today)
    lock(ws, opp, today=today)
    return opp


# --- counting days ---------------------------------------------------------------------------


def test_calendar_limits_include_the_last_day():
    assert add_days(MONDAY, 15, business=False) == date(2026, 3, 17)
    assert days_between(date(2026, 3, 17), date(2026, 3, 17), business=False) == 0
    assert days_between(date(2026, 3, 17), date(2026, 3, 18), business=False) == 1


def test_business_limits_skip_weekends():
    # 15 working days after Monday 2 March is Monday 23 March.
    assert add_days(MONDAY, 15, business=True) == date(2026, 3, 23)
    # From a Saturday, five working days end on the next Friday.
    assert add_days(date(2026, 3, 7), 5, business=True) == date(2026, 3, 13)
    # Tuesday 24 to Saturday 28: four working days (the Saturday does not count).
    assert days_between(date(2026, 3, 23), date(2026, 3, 28), business=True) == 4


def _naive_add(start, days):
    day = start
    while days:
        day += timedelta(days=1)
        if is_working_day(day):
            days -= 1
    return day


@given(st.dates(date(2020, 1, 1), date(2030, 12, 31)), st.integers(0, 400))
def test_business_day_arithmetic_matches_counting_one_day_at_a_time(start, days):
    """The running totals agree with a day-by-day count over the holiday calendar (and the
    Monday-to-Friday years after it)."""
    assert add_days(start, days, business=True) == _naive_add(start, days)
    end = start + timedelta(days=days)
    naive = sum(1 for i in range(1, days + 1) if is_working_day(start + timedelta(days=i)))
    assert days_between(start, end, business=True) == naive


# --- the stuck rule ----------------------------------------------------------------------------


def test_an_order_is_stuck_the_day_after_a_milestone_limit(workspace):
    opp = locked_order(workspace)
    assert stuck_on(workspace, date(2026, 3, 17)) == []  # day 15: still within the limit
    (stuck,) = stuck_on(workspace, date(2026, 3, 18))
    assert (stuck.opportunity_id, stuck.milestone, stuck.days_over) == (opp, "top_meeting", 1)
    assert stuck.due_on == date(2026, 3, 17) and not stuck.analysis_written


def test_with_business_days_the_same_order_is_stuck_later(workspace):
    locked_order(workspace)
    assert stuck_on(workspace, date(2026, 3, 23), BUSINESS) == []
    assert [s.days_over for s in stuck_on(workspace, date(2026, 3, 24), BUSINESS)] == [1]
    # Saturday 28 March: 4 working days over, 11 calendar days over.
    assert [s.days_over for s in stuck_on(workspace, date(2026, 3, 28), BUSINESS)] == [4]
    assert [s.days_over for s in stuck_on(workspace, date(2026, 3, 28))] == [11]


def test_reaching_the_milestone_unsticks_until_the_next_limit(workspace):
    opp = locked_order(workspace)
    reach_milestone(workspace, opp, "top_meeting", date(2026, 3, 20))  # late, but reached
    assert stuck_on(workspace, date(2026, 4, 1)) == []  # proposal due 1 April
    (stuck,) = stuck_on(workspace, date(2026, 4, 2))
    assert stuck.milestone == "proposal"


def test_the_written_analysis_needs_both_parts(workspace):
    opp = locked_order(workspace)
    day = date(2026, 3, 20)
    with pytest.raises(ValidationFailed) as info:
        write_analysis(workspace, opp, "top_meeting", "The CEO travels", " ", today=day)
    assert set(info.value.by_field()) == {"improvement"}
    write_analysis(
        workspace,
        opp,
        "top_meeting",
        "The CEO travels until April",
        "Meet the CFO first, ask her to introduce us",
        today=day,
    )
    (stuck,) = stuck_on(workspace, day)
    assert stuck.analysis_written and stuck.improvement.startswith("Meet the CFO")


def test_unlocked_won_lost_orders_are_never_stuck(workspace):
    acc, (person,) = account(workspace)
    ready_opportunity(workspace, acc, person)  # converted, not locked
    lost = locked_order(workspace, name="Globex")
    close_lost(workspace, lost, today=MONDAY, loss_reason="Price", winner="Globex")
    won = ready_opportunity(workspace, acc, person, name="Second")
    lock(workspace, won, today=MONDAY)
    save_opportunity(workspace, acc, won, {"stage": "contract"}, today=MONDAY)
    assert stuck_on(workspace, date(2026, 12, 31)) == []


def test_milestone_limits_come_from_the_settings():
    settings = Settings(
        login="x",
        extra={
            "orders": {"day_count": "business", "milestones": {"proposal": 20, "top_meeting": 7}}
        },
    )
    rules = rules_from_settings(settings)
    assert rules.business_days
    assert rules.milestones == (Milestone("top_meeting", 7), Milestone("proposal", 20))
    assert rules_from_settings(Settings(login="x")) == DEFAULT_RULES
    for bad in (
        {"day_count": "lunar"},
        {"milestones": {"trial": 0}},
        {"milestones": {"Trial!": 5}},
        {"milestones": {"trial": "soon"}},
    ):
        with pytest.raises(ConfigProblem):
            rules_from_settings(Settings(login="x", extra={"orders": bad}))


def test_a_lead_sees_the_team_and_a_seller_only_their_own(workspace):
    lead, seller = team(workspace)
    acc, (person,) = account(workspace, owner=seller)
    opp = ready_opportunity(workspace, acc, person)
    lock(workspace, opp, today=MONDAY)  # I am the seller's lead
    late = date(2026, 3, 25)
    assert [s.seller for s in stuck_on(workspace, late, owners=[lead, seller])] == ["Li Lei"]
    assert stuck_on(workspace, late, owners=[lead]) == []


# --- locking and lead review -----------------------------------------------------------------


def test_a_lock_needs_the_key_information(workspace):
    acc, _ = account(workspace)
    opp = save_opportunity(workspace, acc, None, {"name": "Bare"}, today=MONDAY)
    with pytest.raises(BadInput) as info:
        lock(workspace, opp, today=MONDAY)
    assert info.value.key == "orders.lock_incomplete"
    assert info.value.message == (
        "The key information is not complete: lead converted after review, amount, "
        "expected close date, key person, competitors."
    )


def test_a_seller_with_a_lead_cannot_confirm_their_own_lock(workspace):
    lead, seller = team(workspace)
    acc, (person,) = account(workspace, owner=seller)
    opp = ready_opportunity(workspace, acc, person)
    as_user(workspace, seller)
    with pytest.raises(BadInput) as info:
        lock(workspace, opp, today=MONDAY)
    assert info.value.key == "orders.lock_needs_lead"
    as_user(workspace, lead)
    lock(workspace, opp, today=MONDAY)
    with workspace.db.reading() as conn:
        assert conn.execute(
            "SELECT locked_on, locked_by, stage FROM opportunities WHERE id = ?", (opp,)
        ).fetchone() == ("2026-03-02", lead, "opportunity")


def test_lead_review_convert_nurture_close(workspace):
    acc, _ = account(workspace)
    opp = save_opportunity(workspace, acc, None, {"name": "Maybe"}, today=MONDAY)
    with pytest.raises(ValidationFailed) as info:  # "is it real?" not answered yes
        validate_lead(workspace, opp, ["fits_strategy"], "convert", today=MONDAY)
    assert info.value.errors[0].key == "orders.err.convert_not_real"
    validate_lead(workspace, opp, ["fits_strategy", "risk_acceptable"], "convert", today=MONDAY)
    validate_lead(workspace, opp, ["fits_strategy"], "nurture", today=MONDAY)
    validate_lead(workspace, opp, [], "close", today=date(2026, 3, 3))
    with workspace.db.reading() as conn:
        row = conn.execute(
            "SELECT stage, outcome, lead_checks, closed_on FROM opportunities WHERE id = ?", (opp,)
        ).fetchone()
    assert row == ("lead", "dropped", "", "2026-03-03")


def test_renewing_a_won_order_links_the_new_one(workspace):
    opp = locked_order(workspace)
    with pytest.raises(BadInput):
        renew(workspace, opp, "ERP renewal", today=MONDAY)
    with workspace.db.reading() as conn:
        acc = conn.execute("SELECT account_id FROM opportunities WHERE id = ?", (opp,)).fetchone()[
            0
        ]
    save_opportunity(workspace, acc, opp, {"stage": "contract"}, today=date(2026, 4, 1))
    new = renew(workspace, opp, "ERP renewal", today=date(2027, 3, 1))
    with workspace.db.reading() as conn:
        assert conn.execute(
            "SELECT renewal_of, stage, outcome FROM opportunities WHERE id = ?", (new,)
        ).fetchone() == (opp, "opportunity", "open")


# --- what moved today --------------------------------------------------------------------------


def test_orders_moved_on_a_day(workspace):
    opp = locked_order(workspace)  # opened, converted and locked on MONDAY
    reach_milestone(workspace, opp, "top_meeting", date(2026, 3, 10))
    with workspace.db.reading() as conn:
        monday = {(m.change, m.detail) for m in orders_moved(conn, None, MONDAY)}
        tenth = [(m.change, m.detail) for m in orders_moved(conn, None, date(2026, 3, 10))]
        quiet = orders_moved(conn, None, date(2026, 3, 11))
    assert monday == {("opened", ""), ("converted", ""), ("locked", "")}
    assert tenth == [("milestone", "top_meeting")]
    assert quiet == []


def test_orders_sharing_a_status_get_the_status_each_would_get_alone():
    """The pipeline keeps one status per lock day for orders with no milestone stored: the
    status must still be each order's own, whatever day and rules it is asked for."""
    from katerm.core.pipeline.orders import MilestoneRow, OrderStatus, order_status

    business = OrderRules(DEFAULT_RULES.milestones, True)
    reached = {"top_meeting": MilestoneRow("m1", done_on=MONDAY + timedelta(days=3))}
    shared: dict[object, OrderStatus] = {}
    asked = [
        (locked, rows, rules, today)
        for today in (MONDAY + timedelta(days=16), MONDAY + timedelta(days=40))
        for rules in (DEFAULT_RULES, business)
        for locked in (MONDAY, MONDAY + timedelta(days=1), MONDAY + timedelta(days=30))
        for rows in ({}, reached)
    ]
    states = set()
    for locked, rows, rules, today in asked:
        alone = order_status("open", locked, None, rows, rules, today)
        assert order_status("open", locked, None, rows, rules, today, shared) == alone
        states.add(alone.state)
    assert states == {"stuck", "following"}
