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
