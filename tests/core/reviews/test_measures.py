"""Measured checklist items on hand-made data: quotas, week and day boundaries, time zones."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from katerm.core import store
from katerm.core.errors import BadInput
from katerm.core.gaps.edit import set_status
from katerm.core.periods import Period, parse_week
from katerm.core.reviews.checklist import build_checklist
from tests.core.reviews.helpers import SHANGHAI, log, make_team, utc

UTC_ZONE = ZoneInfo("UTC")
FRIDAY = date(2026, 11, 27)
WEEK = Period.week_of(FRIDAY)  # 2026-W48, Monday 23 November


def weekly(ws, user, *, tz=SHANGHAI, week=WEEK, today=FRIDAY):
    with ws.db.reading() as conn:
        return build_checklist(conn, user, week, tz=tz, today=today)


def daily(ws, user, day, *, tz=SHANGHAI, today=FRIDAY):
    with ws.db.reading() as conn:
        return build_checklist(conn, user, Period.day(day), tz=tz, today=today)


def accounts_of(ws, owner, n):
    from katerm.core import store

    with ws.db.writing() as conn:
        return [
            store.insert(conn, "accounts", {"name": f"客户{i}", "owner_id": owner}, actor_id=owner)
            for i in range(n)
        ]


@pytest.mark.parametrize(("customers", "done"), [(5, False), (6, True)])
def test_the_weekly_visit_quota_is_six_customers_visited(workspace, customers, done):
    team = make_team(workspace)
    for i, account in enumerate(accounts_of(workspace, team.wang, customers)):
        log(workspace, team.wang, account, utc(2026, 11, 23 + i % 5, 2, i))
    log(workspace, team.wang, team.account, utc(2026, 11, 24, 3), kind="call")  # not a visit
    item = weekly(workspace, team.wang).item("visits")
    assert (item.value, item.target, item.done) == (customers, 6, done)
    assert len(item.evidence) == customers and all(e.type == "activity" for e in item.evidence)
    assert item.summary == f"{customers} customers visited, {customers} visits"
    assert weekly(workspace, team.li).item("visits").summary == "0 customers visited, 0 visits"


def test_six_visits_to_one_customer_are_one_customer_visited(workspace):
    team = make_team(workspace)
    for i in range(6):
        log(workspace, team.wang, team.account, utc(2026, 11, 23 + i % 5, 2, i))
    item = weekly(workspace, team.wang).item("visits")
    assert (item.value, item.done) == (1, False)
    assert item.summary == "1 customer visited, 6 visits" and len(item.evidence) == 6
    assert "several visits to one customer count once" in item.as_json()["rule"]


def test_a_weekly_proposal_quota_counts_only_proposal_meetings(workspace):
    team = make_team(workspace)
    for day in (23, 24, 25):
        log(workspace, team.wang, team.account, utc(2026, 11, day, 3), kind="proposal")
    log(workspace, team.wang, team.other, utc(2026, 11, 26, 3), kind="visit")
    checklist = weekly(workspace, team.wang)
    assert checklist.item("proposal_meetings").done is True
    # A proposal meeting is also a visit: two customers met in person.
    assert checklist.item("visits").value == 2


def test_week_boundaries_follow_the_local_monday(workspace):
    team = make_team(workspace)
    # Sunday 22 Nov 23:30 in Shanghai is last week; Monday 00:10 is this week.
    log(workspace, team.wang, team.account, datetime(2026, 11, 22, 23, 30, tzinfo=SHANGHAI))
    log(workspace, team.wang, team.other, datetime(2026, 11, 23, 0, 10, tzinfo=SHANGHAI))
    # Sunday 29 Nov 23:59 is still this week; Monday 30 Nov is next week.
    log(workspace, team.wang, team.account, datetime(2026, 11, 29, 23, 59, tzinfo=SHANGHAI))
    log(workspace, team.wang, team.account, datetime(2026, 11, 30, 0, 0, tzinfo=SHANGHAI))
    assert weekly(workspace, team.wang).item("visits").value == 2
    assert weekly(workspace, team.wang, week=WEEK.shifted(-1)).item("visits").value == 1
    assert weekly(workspace, team.wang, week=WEEK.shifted(1)).item("visits").value == 1


def test_iso_weeks_across_the_new_year():
    today = date(2026, 12, 31)
    assert parse_week("2026-W53", today).start == date(2026, 12, 28)
    assert parse_week("2027-W01", today).start == date(2027, 1, 4)
    assert Period.week_of(date(2027, 1, 1)).key == "2026-W53"
    assert parse_week("2026-12-30", today).key == "2026-W53"
    assert parse_week("last", today).key == "2026-W52"
    for bad in ("2025-W53", "2026-W54", "W48", "next week"):
        with pytest.raises(BadInput):
            parse_week(bad, today)


def test_a_visit_just_after_midnight_counts_for_the_local_day(workspace):
    team = make_team(workspace)
    # 16:30 UTC on the 26th is 00:30 on the 27th in Shanghai, 08:30 on the 26th in LA.
    log(workspace, team.wang, team.account, utc(2026, 11, 26, 16, 30))
    la = ZoneInfo("America/Los_Angeles")
    assert daily(workspace, team.wang, date(2026, 11, 27)).item("visits").value == 1
    assert daily(workspace, team.wang, date(2026, 11, 26)).item("visits").value == 0
    assert daily(workspace, team.wang, date(2026, 11, 26), tz=UTC_ZONE).item("visits").value == 1
    assert daily(workspace, team.wang, date(2026, 11, 26), tz=la).item("visits").value == 1
    assert daily(workspace, team.wang, date(2026, 11, 27), tz=la).item("visits").value == 0


def test_a_day_across_a_daylight_saving_change_keeps_its_activities(workspace):
    team = make_team(workspace)
    berlin = ZoneInfo("Europe/Berlin")
    # 25 October 2026 has 25 hours in Berlin; 23:30 local that day is 22:30 UTC.
    log(workspace, team.wang, team.account, datetime(2026, 10, 25, 23, 30, tzinfo=berlin))
    assert daily(workspace, team.wang, date(2026, 10, 25), tz=berlin).item("visits").value == 1
    assert daily(workspace, team.wang, date(2026, 10, 26), tz=berlin).item("visits").value == 0


def test_a_day_without_activities_is_an_empty_checklist_not_an_error(workspace):
    team = make_team(workspace)
    checklist = daily(workspace, team.li, date(2026, 11, 25))
    assert [i.key for i in checklist.items] == [
        "visits",
        "stuck_orders_updated",
        "gap_actions_due",
        "key_dates_today",
        "tomorrow_plan",
    ]
    assert checklist.item("visits").value == 0 and checklist.item("visits").evidence == ()
    assert checklist.as_json()["items"][0] == {
        "key": "visits",
        "kind": "measured",
        "done": False,
        "value": 0,
        "target": 1,
        "remaining": False,
        "summary": "0 customers visited, 0 visits",
        "rule": checklist.item("visits").rule,
        "evidence": [],
    }
    assert "customers" in checklist.item("visits").rule
    gaps = checklist.item("gap_actions_due")  # things to clear read "0 left", not "0/0"
    assert gaps.remaining and gaps.progress == "0 left"


def test_items_whose_data_does_not_exist_yet_are_not_available(workspace, monkeypatch):
    team = make_team(workspace)
    checklist = daily(workspace, team.wang, FRIDAY)
    # Every built-in item is measured now that every feature has landed.
    assert all(item.available for item in checklist.items)
    item = checklist.item("gap_actions_due")  # no actions due is a measured, met item
    assert (item.available, item.done, item.value) == (True, True, 0)
    # A measure whose table is missing (an older database, a feature not there) is shown
    # as not available, not failed, and is not counted as missing.
    from katerm.core.reviews import registry

    real = registry.MEASURES["gap_actions_due"]
    monkeypatch.setitem(
        registry.MEASURES, "gap_actions_due", dataclasses.replace(real, requires=("no_such_table",))
    )
    checklist = daily(workspace, team.wang, FRIDAY)
    item = checklist.item("gap_actions_due")
    assert (item.available, item.done, item.value) == (False, None, None)
    assert "gap_actions_due" not in [i.key for i in checklist.missing]


def _gap_rows(workspace, team, rows) -> None:
    """Gap rows (issue 7's table) of Wang's about 张总: (id, action, due, status, deleted)."""
    with workspace.db.writing() as conn:
        store.apply(
            conn,
            "gap_rows",
            [
                store.Change(
                    id_,
                    {
                        "owner_id": team.wang,
                        "account_id": team.account,
                        "contact_id": team.boss,
                        "level_target": 3,
                        "next_action": action,
                        "due_date": due,
                        "status": status,
                        "deleted": bool(deleted),
                    },
                    new=True,
                )
                for id_, action, due, status, deleted in rows
            ],
            actor_id=team.lead,
        )


def test_gap_actions_due_are_measured_from_the_gap_table(workspace):
    team = make_team(workspace)
    _gap_rows(
        workspace,
        team,
        [
            ("g1", "Invite to the summit", "2026-11-26", "open", 0),
            ("g2", "Lunch with the CFO", "2026-11-27", "open", 0),
            ("g3", "Send the case study", "2026-11-28", "open", 0),  # not due yet
            ("g4", "Visit the plant", "2026-11-20", "done", 0),
            ("g5", "Old idea", "2026-11-20", "open", 1),
        ],
    )  # deleted
    item = daily(workspace, team.wang, FRIDAY).item("gap_actions_due")
    assert (item.available, item.value, item.done) == (True, 2, False)
    assert [e.id for e in item.evidence] == ["g1", "g2"]
    assert item.evidence[0].label == "Invite to the summit · 张总"
    for row in ("g1", "g2"):
        set_status(workspace, row, "done")
    assert daily(workspace, team.wang, FRIDAY).item("gap_actions_due").done is True


def test_a_key_date_is_acknowledged_by_an_activity_with_that_contact(workspace):
    team = make_team(workspace)  # the boss's birthday is 27 November
    item = daily(workspace, team.wang, FRIDAY).item("key_dates_today")
    assert (item.value, item.target, item.done) == (0, 1, False)
    assert "张总" in item.evidence[0].label
    log(workspace, team.wang, team.account, utc(2026, 11, 27, 2), kind="call", contacts=[team.boss])
    assert daily(workspace, team.wang, FRIDAY).item("key_dates_today").done is True
    assert daily(workspace, team.wang, date(2026, 11, 26)).item("key_dates_today").done is True


def test_tomorrows_plan_on_a_friday_is_mondays(workspace):
    from katerm.core.reviews.plans import save_plan

    team = make_team(workspace)
    workspace_me = workspace.me.id
    assert team.lead == workspace_me
    save_plan(
        workspace,
        team.wang,
        Period.day(date(2026, 11, 30)),
        "Visit 上海明珠\nCall Li",
        today=FRIDAY,
    )
    item = daily(workspace, team.wang, FRIDAY).item("tomorrow_plan")
    assert item.done is True and item.evidence[0].label == "Visit 上海明珠"
    assert daily(workspace, team.wang, date(2026, 11, 26)).item("tomorrow_plan").done is False


def test_deleted_activities_do_not_count(workspace):
    team = make_team(workspace)
    gone = log(workspace, team.wang, team.account, utc(2026, 11, 27, 2))
    with workspace.db.writing() as conn:
        store.delete(conn, "activities", gone, actor_id=team.lead)
    assert daily(workspace, team.wang, FRIDAY).item("visits").value == 0


def test_the_accounts_list_shows_the_last_activity(workspace):
    from katerm.core.accounts.listing import AccountIndex, first_page

    team = make_team(workspace)
    log(workspace, team.wang, team.account, utc(2026, 11, 20, 2))
    last = log(workspace, team.wang, team.account, utc(2026, 11, 26, 9))
    with workspace.db.reading() as conn:
        index = AccountIndex.load(conn)
        preview = first_page(conn)
        stored = conn.execute(
            "SELECT occurred_at FROM activities WHERE id = ?", (last,)
        ).fetchone()[0]
    row = index.row(index.position(team.account))
    assert row["last_activity"] == stored
    assert datetime.fromisoformat(stored) == utc(2026, 11, 26, 9)
    assert index.row(index.position(team.other))["last_activity"] is None
    assert stored in [r[-1] for r in preview.rows]
    assert timedelta(0) == datetime.fromisoformat(stored).utcoffset()
