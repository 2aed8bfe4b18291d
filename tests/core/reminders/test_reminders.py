"""Reminders ahead of time: one rule set, lunar key dates, my day, the evening review."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from icalendar import Calendar

from katerm.core import store
from katerm.core.accounts.edit import save_contact
from katerm.core.cards import due_key_dates, in_lunar_year, save_key_date
from katerm.core.config import Settings
from katerm.core.errors import ConfigProblem, ValidationFailed
from katerm.core.periods import Period
from katerm.core.pipeline.rules import DEFAULT_RULES
from katerm.core.pipeline.steps import lock, reach_milestone
from katerm.core.reminders import (
    DEFAULT_REMINDERS,
    calendar_days_before,
    coming_up,
    coming_up_section,
    load_coming_up,
    reminders_from_settings,
)
from katerm.core.reviews import SellerContext
from tests.core.plan_helpers import MONDAY, account, ready_opportunity

TODAY = date(2026, 11, 27)  # a Friday
pytestmark = pytest.mark.now("2026-11-27")


def lunar_row(ws, acc, day: str, **more) -> str:
    return save_key_date(ws, acc, None, {"kind": "holiday", "day": day, **more})


def stored_day(ws, key_date_id: str) -> str:
    with ws.db.reading() as conn:
        return conn.execute("SELECT day FROM key_dates WHERE id = ?", (key_date_id,)).fetchone()[0]


# --- lunar key dates --------------------------------------------------------------------------


def test_the_lunar_new_year_and_mid_autumn_land_on_their_gregorian_days():
    assert in_lunar_year(1, 1, 2027) == date(2027, 2, 6)  # 春节 2027
    assert in_lunar_year(1, 1, 2028) == date(2028, 1, 26)
    assert in_lunar_year(8, 15, 2027) == date(2027, 9, 15)  # 中秋
    assert in_lunar_year(8, 15, 2028) == date(2028, 10, 3)


def test_a_thirtieth_in_a_short_lunar_month_falls_on_its_last_day():
    from lunardate import LunarDate

    on = in_lunar_year(2, 30, 2027)
    back = LunarDate.from_solar_date(on.year, on.month, on.day)
    assert (back.month, back.is_leap_month) == (2, False)
    assert on - in_lunar_year(2, 1, 2027) in (timedelta(days=28), timedelta(days=29))


def test_a_lunar_birthday_is_stored_once_and_lands_right_in_2027_and_2028(workspace):
    acc, (person,) = account(workspace)
    kid = save_key_date(
        workspace, acc, None, {"contact_id": person, "kind": "birthday", "day": "农历1970-08-15"}
    )
    assert stored_day(workspace, kid) == "L1970-08-15"
    with workspace.db.reading() as conn:
        found = due_key_dates(conn, [workspace.me.id], date(2027, 1, 1), date(2028, 12, 31))
    assert [(d.on, d.kind, d.lunar, d.since) for d in found] == [
        (date(2027, 9, 15), "birthday", True, 1970),
        (date(2028, 10, 3), "birthday", True, 1970),
    ]


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("农历08-15", "L08-15"),
        ("lunar 1/1", "L01-01"),
        ("L12-30", "L12-30"),
        ("农历8月15日", "L08-15"),
    ],
)
def test_lunar_dates_are_typed_several_ways(workspace, typed, stored):
    acc, _ = account(workspace)
    assert stored_day(workspace, lunar_row(workspace, acc, typed)) == stored


@pytest.mark.parametrize(
    ("typed", "more", "says"),
    [
        ("农历13-01", {}, "not a lunar date"),
        ("农历08-31", {}, "not a lunar date"),
        ("农历08-15", {"yearly": False}, "comes back every year"),
    ],
)
def test_a_bad_lunar_date_is_refused_with_what_to_write(workspace, typed, more, says):
    acc, _ = account(workspace)
    with pytest.raises(ValidationFailed) as caught:
        lunar_row(workspace, acc, typed, **more)
    assert says in str(caught.value.errors[0])
    with workspace.db.reading() as conn:
        assert conn.execute("SELECT count(*) FROM key_dates").fetchone()[0] == 0


# --- the rule set -----------------------------------------------------------------------------


def test_the_rules_default_to_the_seeds_and_the_team_tunes_them():
    assert DEFAULT_REMINDERS.lead("birthday") == 7
    assert DEFAULT_REMINDERS.lead("anniversary") == 14
    assert DEFAULT_REMINDERS.lead("holiday") == 10
    assert DEFAULT_REMINDERS.lead("order_limit") == 3
    tuned = reminders_from_settings(Settings("me", extra={"reminders": {"birthday": 3}}))
    assert (tuned.lead("birthday"), tuned.lead("holiday")) == (3, 10)


@pytest.mark.parametrize("section", [{"birthday": -1}, {"birthday": "7"}, {"birthdays": 7}])
def test_a_wrong_rule_is_said_not_guessed(section):
    with pytest.raises(ConfigProblem) as caught:
        reminders_from_settings(Settings("me", extra={"reminders": section}))
    assert "[reminders]" in str(caught.value)


# --- what comes up ----------------------------------------------------------------------------


def test_a_birthday_in_five_days_is_in_tomorrows_coming_up(workspace):
    acc, _ = account(workspace, contacts=0)
    born = TODAY + timedelta(days=5)
    save_contact(workspace, acc, None, {"name": "张总", "birthday": f"1970-{born:%m-%d}"})
    tomorrow = load_coming_up(workspace.db, workspace.me.id, TODAY + timedelta(days=1))
    assert [(r.kind, r.on, r.days_left, r.label) for r in tomorrow] == [
        ("key_date", born, 4, "Birthday: 张总")
    ]
    with workspace.db.reading() as conn:  # a team with a shorter lead does not see it yet
        short = reminders_from_settings(Settings("me", extra={"reminders": {"birthday": 3}}))
        assert coming_up(conn, [workspace.me.id], TODAY + timedelta(days=1), short) == []


def test_an_order_two_working_days_from_its_limit_is_on_todays_list(workspace):
    acc, (person,) = account(workspace)
    opp = ready_opportunity(workspace, acc, person, today=MONDAY)
    lock(workspace, opp, today=MONDAY)  # first meeting with the top person by Tue 17 March
    friday = date(2026, 3, 13)  # Mon 16 and Tue 17 are left: 2 working days

    def orders(day):
        with workspace.db.reading() as conn:
            return [
                (r.on, r.days_left)
                for r in coming_up(conn, [workspace.me.id], day)
                if r.kind == "order_limit"
            ]

    assert orders(friday) == [(date(2026, 3, 17), 2)]
    assert orders(date(2026, 3, 11)) == []  # 4 working days left: not yet
    assert orders(date(2026, 3, 18)) == []  # past the limit it is stuck, listed as such
    reach_milestone(workspace, opp, "top_meeting", date(2026, 3, 12), DEFAULT_RULES)
    assert orders(friday) == []


def test_plan_actions_milestones_gap_actions_and_escalated_voice_come_up(workspace):
    acc, (person,) = account(workspace)
    me = workspace.me.id
    rows = {
        "plan_items": [
            (
                "p1",
                {"kind": "action", "title": "Workshop", "due_on": "2026-11-30", "status": "open"},
            ),
            (
                "p2",
                {"kind": "action", "title": "Far away", "due_on": "2026-12-31", "status": "open"},
            ),
            (
                "p3",
                {
                    "kind": "joint_milestone",
                    "title": "Pilot live",
                    "due_on": "2026-11-20",
                    "status": "open",
                },
            ),
            ("p4", {"kind": "action", "title": "Done", "due_on": "2026-11-28", "status": "done"}),
        ],
        "gap_rows": [
            (
                "g1",
                {
                    "contact_id": person,
                    "next_action": "Dinner",
                    "due_date": "2026-11-27",
                    "status": "open",
                },
            )
        ],
        "voice_issues": [
            ("v1", {"title": "Slow support", "raised_on": "2026-11-01", "status": "escalated"})
        ],
    }
    with workspace.db.writing() as conn:
        for table, changes in rows.items():
            store.apply(
                conn,
                table,
                [
                    store.Change(i, {"owner_id": me, "account_id": acc, **v}, new=True)
                    for i, v in changes
                ],
                actor_id=me,
            )
    with workspace.db.reading() as conn:
        found = coming_up(conn, [me], TODAY)
        section = coming_up_section(
            conn, SellerContext(me, Period.day(TODAY), workspace.clock.tz, TODAY)
        )
    assert [(r.kind, r.ref, r.days_left) for r in found] == [
        ("voice", "v1", -26),
        ("joint_milestone", "p3", -7),
        ("gap_action", "g1", 0),
        ("plan_action", "p1", 3),
    ]
    assert [line.text for line in section.lines] == [r.label for r in found]
    assert section.lines[1].detail.startswith("7 days overdue")
    # My day leaves out what its checklist lists already (the gap action due today).
    mine = load_coming_up(workspace.db, me, TODAY)
    assert [r.ref for r in mine] == ["v1", "p3", "p1"]


def test_an_orders_alarm_counts_working_days_back():
    assert calendar_days_before(date(2026, 3, 17), 3) == 5  # Tue -> the Thursday before
    assert calendar_days_before(date(2026, 3, 13), 3) == 3  # Fri -> Tue
    assert calendar_days_before(date(2026, 3, 13), 0) == 0


def test_the_calendar_alarms_a_birthday_and_a_lunar_holiday_at_their_leads(
    cli, workspace, tmp_path
):
    acc, _ = account(workspace, contacts=0)
    save_contact(workspace, acc, None, {"name": "张总", "birthday": "1970-12-02"})
    lunar_row(workspace, acc, "农历01-01", label="春节")
    target = tmp_path / "k.ics"
    result = cli("calendar", "-o", str(target), "--days", "800", "--include-personal")
    assert result.code == 0, result.err
    found = {}
    for event in Calendar.from_ical(target.read_bytes()).walk("VEVENT"):
        (alarm,) = event.walk("VALARM")
        found.setdefault(str(event["summary"]), []).append(
            (event["dtstart"].dt, alarm["trigger"].dt, "rrule" in event)
        )
    assert found["Birthday: 张总 (Acme Robotics)"] == [
        (date(2026, 12, 2), timedelta(days=-7, hours=9), True)
    ]
    # No Gregorian rule repeats a lunar date: one event each year, 10 days' notice.
    assert found["春节: Acme Robotics"] == [
        (date(2027, 2, 6), timedelta(days=-10, hours=9), False),
        (date(2028, 1, 26), timedelta(days=-10, hours=9), False),
    ]
