"""Checklist templates are data a lead edits; edits reach future checklists only."""

from __future__ import annotations

from datetime import date

import pytest

from katerm.core.errors import BadInput, NotFound
from katerm.core.periods import Period
from katerm.core.reviews import templates
from katerm.core.reviews.checklist import build_checklist
from katerm.core.reviews.plans import set_mark, set_reopened
from katerm.core.team import Member
from tests.core.reviews.helpers import SHANGHAI, log, make_team, utc

FRIDAY = date(2026, 11, 27)


def keys(ws, user, period, today=FRIDAY):
    with ws.db.reading() as conn:
        return [
            (i.key, i.target)
            for i in build_checklist(conn, user, period, tz=SHANGHAI, today=today).items
        ]


def test_edits_apply_from_tomorrow_and_next_week_and_never_to_the_past(workspace):
    team = make_team(workspace)
    yesterday, today, tomorrow = (Period.day(date(2026, 11, d)) for d in (26, 27, 28))
    this_week = Period.week_of(FRIDAY)
    before = {p: keys(workspace, team.wang, p) for p in (yesterday, today, this_week)}
    key = templates.add_item(workspace, "day", today=FRIDAY, label="CRM updated")
    templates.set_target(workspace, "day", "visits", 2, today=FRIDAY)
    templates.remove_item(workspace, "day", "key_dates_today", today=FRIDAY)
    templates.set_target(workspace, "week", "visits", 8, today=FRIDAY)
    for period, items in before.items():
        assert keys(workspace, team.wang, period) == items, period
    after = keys(workspace, team.wang, tomorrow)
    assert (key, None) in after and ("visits", 2) in after
    assert "key_dates_today" not in [k for k, _ in after]
    assert ("visits", 8) in keys(workspace, team.wang, this_week.shifted(1))
    # Weeks later, the old checklists are still what they were.
    later = date(2027, 1, 15)
    assert keys(workspace, team.wang, today, today=later) == before[today]
    assert keys(workspace, team.wang, this_week, today=later) == before[this_week]


def test_a_second_edit_before_it_applies_changes_the_pending_version(workspace):
    team = make_team(workspace)
    templates.set_target(workspace, "day", "visits", 2, today=FRIDAY)
    templates.set_target(workspace, "day", "visits", 3, today=FRIDAY)
    with workspace.db.reading() as conn:
        rows = [r for r in templates.owned_rows(conn, team.lead, "day") if r.key == "visits"]
    versions = sorted((str(r.valid_from), str(r.valid_until), r.target) for r in rows)
    assert versions == [("2026-11-28", "None", 3), ("None", "2026-11-28", 1)]
    tomorrow = Period.day(date(2026, 11, 28))
    assert ("visits", 3) in keys(workspace, team.wang, tomorrow)


def test_the_team_template_applies_to_the_sellers_below_and_to_nobody_else(workspace):
    team = make_team(workspace)
    templates.add_item(workspace, "week", today=FRIDAY, measure="calls", target=12)
    next_week = Period.week_of(FRIDAY).shifted(1)
    assert ("calls", 12) in keys(workspace, team.li, next_week)
    # A seller cannot edit a template: they lead nobody.
    seller = Member(team.li, "li", "李雷")
    workspace.me = seller
    with pytest.raises(BadInput) as info:
        templates.add_item(workspace, "day", today=FRIDAY, label="mine")
    assert info.value.key == "reviews.err.lead_only"


@pytest.mark.parametrize(
    ("call", "key"),
    [
        (lambda ws: templates.add_item(ws, "day", today=FRIDAY), "reviews.err.label_required"),
        (
            lambda ws: templates.add_item(ws, "day", today=FRIDAY, measure="visits"),
            "reviews.err.item_exists",
        ),
        (
            lambda ws: templates.add_item(ws, "day", today=FRIDAY, measure="a_maps_reviewed"),
            "reviews.err.no_measure",
        ),
        (
            lambda ws: templates.set_target(ws, "day", "visits", -1, today=FRIDAY),
            "reviews.err.bad_target",
        ),
        (
            lambda ws: templates.remove_item(ws, "day", "nothing", today=FRIDAY),
            "reviews.err.no_item",
        ),
        (
            lambda ws: templates.add_item(ws, "month", today=FRIDAY, label="x"),
            "reviews.err.bad_period",
        ),
    ],
)
def test_bad_edits_are_refused_and_change_nothing(workspace, call, key):
    team = make_team(workspace)
    with pytest.raises((BadInput, NotFound)) as info:
        call(workspace)
    assert info.value.key == key
    with workspace.db.reading() as conn:
        assert templates.owned_rows(conn, team.lead, "day") == []


def test_manual_items_are_ticked_by_hand_and_past_checklists_are_read_only(workspace):
    team = make_team(workspace)
    key = templates.add_item(workspace, "day", today=date(2026, 11, 25), label="CRM updated")
    today = Period.day(FRIDAY)
    set_mark(workspace, team.wang, today, key, done=True, note="all 4 deals", today=FRIDAY)
    with workspace.db.reading() as conn:
        checklist = build_checklist(conn, team.wang, today, tz=SHANGHAI, today=FRIDAY)
    item = checklist.item(key)
    assert (item.kind, item.done, item.note) == ("manual", True, "all 4 deals")
    assert item.as_json()["evidence"][0]["label"] == "all 4 deals"
    # The next day, Friday is closed: no more ticks until the lead reopens it.
    saturday = date(2026, 11, 28)
    with pytest.raises(BadInput) as info:
        set_mark(workspace, team.wang, today, key, done=False, today=saturday)
    assert info.value.key == "reviews.err.read_only"
    set_reopened(workspace, team.wang, today, True)
    set_mark(workspace, team.wang, today, key, done=False, today=saturday)
    with workspace.db.reading() as conn:
        checklist = build_checklist(conn, team.wang, today, tz=SHANGHAI, today=saturday)
    assert checklist.item(key).done is False and checklist.reopened and not checklist.read_only


def test_a_seller_cannot_reopen_their_own_checklist(workspace):
    team = make_team(workspace)
    workspace.me = Member(team.wang, "wang", "王芳")
    with pytest.raises(BadInput) as info:
        set_reopened(workspace, team.wang, Period.day(FRIDAY), True)
    assert info.value.key == "reviews.err.lead_only"


def test_measured_values_stay_in_the_past_checklist(workspace):
    team = make_team(workspace)
    log(workspace, team.wang, team.account, utc(2026, 11, 27, 2))
    templates.set_target(workspace, "day", "visits", 5, today=FRIDAY)
    with workspace.db.reading() as conn:
        friday = build_checklist(
            conn, team.wang, Period.day(FRIDAY), tz=SHANGHAI, today=date(2026, 12, 10)
        )
    assert (friday.item("visits").value, friday.item("visits").target) == (1, 1)
    assert friday.item("visits").done is True and friday.read_only
