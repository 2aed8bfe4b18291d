"""The items the pipeline and the influence map add to the checklists, and the evening
review's "orders moved or stuck" section, on hand-made data in a real workspace."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from katerm.core.influence.edit import save_line
from katerm.core.periods import Period
from katerm.core.pipeline.opportunities import save_opportunity
from katerm.core.pipeline.steps import close_lost, lock, reach_milestone, write_analysis
from katerm.core.reviews import evening
from katerm.core.reviews.checklist import build_checklist
from katerm.core.reviews.registry import BAD, OK, PLAIN, WARN
from tests.conftest import move_clock
from tests.core.plan_helpers import MONDAY, account, ready_opportunity, team

UTC_ZONE = ZoneInfo("UTC")
STUCK_DAY = date(2026, 3, 20)  # the first meeting (15 days from Monday 2 March) is 3 days late
WEEK = Period.week_of(date(2026, 3, 16))  # 2026-W12


def checklist(ws, user, period, today=None):
    with ws.db.reading() as conn:
        return build_checklist(conn, user, period, tz=UTC_ZONE, today=today or period.last_day)


def day_item(ws, user, day, key="stuck_orders_updated"):
    return checklist(ws, user, Period.day(day)).item(key)


def week_item(ws, user, key, period=WEEK):
    return checklist(ws, user, period).item(key)


@pytest.fixture
def clock(workspace):
    """Saves stamp ``updated_at`` at a chosen moment (the measures read it): the workspace's
    one clock moves there (``hour`` in UTC)."""

    def at(day: date, hour: int = 3) -> None:
        move_clock(workspace, datetime(day.year, day.month, day.day, hour, tzinfo=UTC))

    return at


def locked_order(ws, seller, name="ERP upgrade", acc=None):
    if acc is None:
        acc, people = account(ws, f"Acme {name}", owner=seller)
    else:
        people = [store_contact(ws, acc)]
    opp = ready_opportunity(ws, acc, people[0], name=name)
    lock(ws, opp, today=MONDAY)
    return acc, opp


def store_contact(ws, acc):
    from katerm.core.accounts.edit import save_contact

    return save_contact(ws, acc, None, {"name": "Another", "title": "CFO"})


# --- stuck orders updated ----------------------------------------------------------------------


def test_nothing_stuck_is_done(workspace):
    _, seller = team(workspace)
    locked_order(workspace, seller)  # following, not late yet on 10 March
    item = day_item(workspace, seller, date(2026, 3, 10))
    assert (item.available, item.done, item.value, item.target) == (True, True, 0, 0)
    assert item.evidence == ()


def test_a_stuck_order_without_its_analysis_is_not_done(workspace):
    _, seller = team(workspace)
    _, opp = locked_order(workspace, seller)
    item = day_item(workspace, seller, STUCK_DAY)
    assert (item.available, item.done, item.value, item.target) == (True, False, 0, 1)
    assert [e.id for e in item.evidence] == [opp]
    assert item.evidence[0].label == (
        "✗ Acme ERP upgrade · ERP upgrade (First meeting with the "
        "top person, 3 days over) · no written analysis and "
        "improvement step"
    )


def test_a_stuck_orders_analysis_holds_until_the_next_evening_review(workspace):
    from katerm.core import store

    _, seller = team(workspace)
    _, opp = locked_order(workspace, seller)
    _, other = locked_order(workspace, seller, "CRM")
    write_analysis(
        workspace, opp, "top_meeting", "CIO on leave", "Meet the CFO first", today=date(2026, 3, 19)
    )
    # On the 19th both were stuck (due on the 17th) and one analysis was written since.
    item = day_item(workspace, seller, date(2026, 3, 19))
    assert (item.done, item.value, item.target) == (False, 1, 2)
    write_analysis(workspace, other, "top_meeting", "No budget", "Ask for a pilot", today=STUCK_DAY)
    # The 19th's analysis is not to be rewritten every day: with no review since, it holds.
    item = day_item(workspace, seller, STUCK_DAY)
    assert (item.done, item.value, item.target) == (True, 2, 2)
    # The evening review of the 19th discussed them: the analysis from the 19th is now old.
    with workspace.db.writing() as conn:
        store.insert(
            conn,
            "review_notes",
            {
                "owner_id": seller,
                "review_id": store.new_id(),
                "day": date(2026, 3, 19),
                "reviewed": True,
            },
            actor_id=seller,
        )
    item = day_item(workspace, seller, STUCK_DAY)
    assert (item.done, item.value, item.target) == (False, 1, 2)
    labels = {e.id: e.label for e in item.evidence}
    assert labels[other].startswith("✓ ") and labels[other].endswith("· analysis updated")
    assert labels[opp].startswith("✗ ") and labels[opp].endswith(
        "· analysis from 2026-03-19, not updated since"
    )
    write_analysis(
        workspace, opp, "top_meeting", "CIO back on Monday", "Book the meeting", today=STUCK_DAY
    )
    item = day_item(workspace, seller, STUCK_DAY)
    assert (item.done, item.value, item.target) == (True, 2, 2)


def test_another_sellers_stuck_orders_are_not_mine(workspace):
    lead, seller = team(workspace)
    locked_order(workspace, seller)
    assert day_item(workspace, lead, STUCK_DAY).done is True


def test_the_day_limits_in_the_settings_decide_what_is_stuck(workspace):
    _, seller = team(workspace)
    locked_order(workspace, seller)
    path = workspace.paths.config_file
    path.write_text(
        path.read_text(encoding="utf-8") + "\n[orders.milestones]\ntop_meeting = 30\n",
        encoding="utf-8",
    )
    assert day_item(workspace, seller, STUCK_DAY).target == 0


# --- pipeline updated --------------------------------------------------------------------------


def test_a_pipeline_touched_this_week_is_updated(workspace, clock):
    _, seller = team(workspace)
    clock(date(2026, 3, 10))  # last week
    acc, people = account(workspace, owner=seller)
    opp = ready_opportunity(workspace, acc, people[0])
    lost = ready_opportunity(workspace, acc, people[0], name="Old deal")
    close_lost(
        workspace, lost, today=date(2026, 3, 10), loss_reason="Price", winner="Globex"
    )  # closed: not in the pipeline
    assert week_item(workspace, seller, "pipeline_updated").done is False
    clock(date(2026, 3, 17))
    save_opportunity(workspace, acc, opp, {"probability": "60"}, today=date(2026, 3, 17))
    item = week_item(workspace, seller, "pipeline_updated")
    assert (item.available, item.done, item.value, item.target) == (True, True, 1, 1)
    assert item.evidence == ()


def test_stale_opportunities_are_listed(workspace, clock):
    _, seller = team(workspace)
    clock(date(2026, 3, 10))
    acc, people = account(workspace, owner=seller)
    stale = ready_opportunity(workspace, acc, people[0], name="Stale")
    moved = ready_opportunity(workspace, acc, people[0], name="Moved")
    lock(workspace, moved, today=MONDAY)
    clock(date(2026, 3, 18))
    reach_milestone(workspace, moved, "top_meeting", date(2026, 3, 18))  # touches the order
    item = week_item(workspace, seller, "pipeline_updated")
    assert (item.done, item.value, item.target) == (False, 1, 2)
    assert [(e.id, e.label, e.at) for e in item.evidence] == [
        (stale, "✗ Acme Robotics · Stale · last updated 2026-03-10", "2026-03-10")
    ]


def test_no_open_opportunity_means_nothing_to_update(workspace):
    _, seller = team(workspace)
    item = week_item(workspace, seller, "pipeline_updated")
    assert (item.done, item.value, item.target) == (True, 0, 0)


# --- influence maps of A accounts reviewed -----------------------------------------------------


def test_a_maps_are_reviewed_when_their_people_or_lines_change_that_week(workspace, clock):
    _, seller = team(workspace)
    clock(date(2026, 3, 10))
    top, people = account(workspace, "Acme", owner=seller, tier="A", contacts=2)
    account(workspace, "Bolt", owner=seller, tier="B")  # not top tier: not asked for
    item = week_item(workspace, seller, "a_maps_reviewed")
    assert (item.available, item.done, item.value, item.target) == (True, False, 0, 1)
    assert [e.id for e in item.evidence] == [top]
    assert (
        item.evidence[0].label.startswith("✗ Acme · ") and "open warnings" in item.evidence[0].label
    )
    clock(date(2026, 3, 18))
    save_line(workspace, top, people[0], people[1], "high")
    item = week_item(workspace, seller, "a_maps_reviewed")
    assert (item.done, item.value, item.target) == (True, 1, 1)
    assert item.evidence[0].label.startswith("✓ Acme · ")
    assert item.evidence[0].at == "2026-03-18"
    # The next week asks again.
    assert week_item(workspace, seller, "a_maps_reviewed", WEEK.shifted(1)).done is False


def test_marking_the_map_reviewed_ticks_it_without_an_edit(workspace, clock):
    from katerm.core.influence import mark_map_reviewed

    _, seller = team(workspace)
    clock(date(2026, 3, 10))
    top, _ = account(workspace, "Acme", owner=seller, tier="A", contacts=2)
    clock(date(2026, 3, 17))
    assert week_item(workspace, seller, "a_maps_reviewed").done is False
    mark_map_reviewed(workspace, top)  # the lead reviewed it: who and when are kept
    item = week_item(workspace, seller, "a_maps_reviewed")
    assert (item.done, item.value) == (True, 1) and item.evidence[0].at == "2026-03-17"
    with workspace.db.reading() as conn:
        (by, owner), *_ = conn.execute("SELECT reviewed_by, owner_id FROM map_reviews").fetchall()
    assert (by, owner) == (workspace.me.id, seller)


def test_the_evidence_counts_the_maps_open_warnings(workspace, clock):
    from katerm.core.influence.read import load_map

    _, seller = team(workspace)
    clock(date(2026, 3, 17))
    top, _ = account(workspace, "Acme", owner=seller, tier="A")
    with workspace.db.reading() as conn:
        count = len(load_map(conn, top).warnings)
    assert count > 1
    label = week_item(workspace, seller, "a_maps_reviewed").evidence[0].label
    assert label == f"✓ Acme · {count} open warnings"


def test_no_top_tier_account_means_nothing_to_review(workspace):
    _, seller = team(workspace)
    account(workspace, "Bolt", owner=seller, tier="C")
    item = week_item(workspace, seller, "a_maps_reviewed")
    assert (item.done, item.value, item.target) == (True, 0, 0)


# --- the checklists now measure them -----------------------------------------------------------


def test_a_sellers_checklists_measure_these_items_instead_of_not_available(workspace):
    _, seller = team(workspace)
    day = checklist(workspace, seller, Period.day(STUCK_DAY))
    week = checklist(workspace, seller, WEEK)
    items = [
        day.item("stuck_orders_updated"),
        week.item("pipeline_updated"),
        week.item("a_maps_reviewed"),
    ]
    assert all(i is not None and i.available and i.done is not None for i in items)
    from katerm.core.reviews.text import checklist_text

    text = checklist_text(day) + checklist_text(week)
    for label in (
        "Stuck orders updated",
        "Pipeline updated",
        "Influence maps of A accounts reviewed",
    ):
        line = next(x for x in text.splitlines() if label in x)
        assert "not available" not in line and line.startswith("✓"), line


# --- the evening review's section --------------------------------------------------------------


def section(ws, lead, seller, day):
    with ws.db.reading() as conn:
        page = evening.seller_page(conn, lead, seller, day, tz=UTC_ZONE, today=day)
    return next(s for s in page.sections if s.key == "stuck_orders")


def test_the_section_lists_orders_moved_and_stuck(workspace):
    lead, seller = team(workspace)
    locked_order(workspace, seller, "ERP")
    _, written = locked_order(workspace, seller, "CRM")
    write_analysis(
        workspace, written, "top_meeting", "No budget", "Ask for a pilot", today=STUCK_DAY
    )
    acc, people = account(workspace, "Zenith", owner=seller)
    fresh = ready_opportunity(workspace, acc, people[0], name="Cloud", today=STUCK_DAY)
    lock(workspace, fresh, today=STUCK_DAY)
    found = section(workspace, lead, seller, STUCK_DAY)
    assert found.available
    lines = [(line.text, line.state, line.detail) for line in found.lines]
    assert ("Zenith · Cloud", PLAIN, "locked") in lines
    assert ("Acme CRM · CRM", PLAIN, "analysis written: First meeting with the top person") in lines
    assert (
        "Acme ERP · ERP (First meeting with the top person, 3 days over)",
        BAD,
        "no written analysis and improvement step",
    ) in lines
    assert (
        "Acme CRM · CRM (First meeting with the top person, 3 days over)",
        WARN,
        "analysis: No budget · improvement: Ask for a pilot",
    ) in lines


def test_a_quiet_day_says_so(workspace):
    lead, seller = team(workspace)
    found = section(workspace, lead, seller, STUCK_DAY)
    assert found.available and found.lines == ()
    assert found.empty_text == "No order moved or stuck."


def test_a_won_order_is_green(workspace):
    from katerm.core.pipeline.opportunities import save_opportunity as save

    lead, seller = team(workspace)
    acc, people = account(workspace, owner=seller)
    opp = ready_opportunity(workspace, acc, people[0])
    day = MONDAY + timedelta(days=3)
    save(workspace, acc, opp, {"stage": "contract"}, today=day)
    lines = section(workspace, lead, seller, day).lines
    assert any(line.state == OK and line.detail == "won" for line in lines), lines


def test_a_broken_orders_section_falls_back_to_the_default_limits(workspace):
    _, seller = team(workspace)
    locked_order(workspace, seller)
    path = workspace.paths.config_file
    path.write_text(
        path.read_text(encoding="utf-8") + '\n[orders]\nday_count = "lunar"\n', encoding="utf-8"
    )
    item = day_item(workspace, seller, STUCK_DAY)  # the checklist still shows
    assert (item.available, item.target) == (True, 1)
