"""Broad relationships: routines with a cadence at an account, carried out as activities that
name them, due again a cadence later, counted per month."""

from __future__ import annotations

from datetime import date

import pytest

from katerm.core.broad import add_routine, broad_count, log_routine, routines
from katerm.core.errors import ValidationFailed
from tests.core.plan_helpers import account

pytestmark = pytest.mark.now("2026-03-16")
TODAY = date(2026, 3, 16)


def test_a_routine_done_is_due_again_a_cadence_later_and_counted_in_its_month(workspace):
    acc, (person,) = account(workspace)
    festival = add_routine(workspace, acc, {"kind": "节日聚会", "cadence_days": "90"})
    care = add_routine(workspace, acc, {"kind": "care", "title": "Call the CFO"})
    log_routine(workspace, festival, {"date": "2026-02-10", "contacts": [person]})
    log_routine(workspace, festival, {"date": "2026-03-02"})
    with workspace.db.reading() as conn:
        found = {r.id: r for r in routines(conn, TODAY, account_id=acc)}
        march = broad_count(conn, None, date(2026, 3, 1), date(2026, 3, 31))
        kinds = dict(conn.execute("SELECT routine_id, kind FROM activities").fetchall())
    assert found[festival].title == "Festival gathering"
    assert (found[festival].last_done, found[festival].next_due) == (
        date(2026, 3, 2),
        date(2026, 5, 31),
    )
    assert found[care].last_done is None and found[care].next_due == TODAY
    assert (found[festival].done_count, march.total, march.by_kind) == (2, 1, {"festival": 1})
    assert kinds == {festival: "event"}  # logged as ordinary activities


def test_bad_routines_are_refused_naming_each_field(workspace):
    acc, _ = account(workspace)
    with pytest.raises(ValidationFailed) as caught:
        add_routine(workspace, acc, {"kind": "golf", "cadence_days": "0"})
    assert sorted(e.field for e in caught.value.errors) == ["cadence_days", "kind"]
    with workspace.db.reading() as conn:
        assert routines(conn, TODAY, account_id=acc) == []


def test_a_routine_changed_keeps_its_done_activities_and_is_due_by_its_new_cadence(workspace):
    from katerm.core.broad import edit_routine

    acc, _ = account(workspace)
    care = add_routine(workspace, acc, {"kind": "care", "cadence_days": "30"})
    log_routine(workspace, care, {"date": "2026-03-01"})
    assert edit_routine(workspace, care, {"cadence_days": "7", "title": "Call the CFO"})
    with workspace.db.reading() as conn:
        (found,) = routines(conn, TODAY, account_id=acc)
    assert (found.title, found.cadence_days, found.done_count) == ("Call the CFO", 7, 1)
    assert found.next_due == date(2026, 3, 8)
    assert not edit_routine(workspace, care, {"cadence_days": "7"})  # nothing to change


def test_a_bad_change_to_a_routine_is_refused_and_changes_nothing(workspace):
    from katerm.core.broad import edit_routine

    acc, _ = account(workspace)
    care = add_routine(workspace, acc, {"kind": "care", "cadence_days": "30"})
    with pytest.raises(ValidationFailed) as caught:
        edit_routine(workspace, care, {"cadence_days": "400", "title": "Call"})
    assert [e.field for e in caught.value.errors] == ["cadence_days"]
    with workspace.db.reading() as conn:
        (found,) = routines(conn, TODAY, account_id=acc)
    assert (found.title, found.cadence_days) == ("Routine care", 30)


def test_my_routines_due_are_those_due_today_or_overdue_at_my_accounts(workspace):
    from katerm.core.broad import due_routines

    acc, _ = account(workspace)
    fresh = add_routine(workspace, acc, {"kind": "care", "title": "New today"})  # due at once
    late = add_routine(workspace, acc, {"kind": "festival", "cadence_days": "10"})
    log_routine(workspace, late, {"date": "2026-03-01"})  # due 03-11: overdue
    later = add_routine(workspace, acc, {"kind": "sports", "cadence_days": "30"})
    log_routine(workspace, later, {"date": "2026-03-10"})  # due 04-09
    found = due_routines(workspace.db, workspace.me.id, TODAY)
    assert [r.id for r in found] == [late, fresh]
    assert due_routines(workspace.db, "someone-else", TODAY) == []
