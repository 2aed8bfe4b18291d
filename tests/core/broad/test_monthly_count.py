"""The monthly review counts each seller's broad-relationship routine actions (issue 21,
part 3): the ones carried out in the month, not those before it."""

from __future__ import annotations

from datetime import date

import pytest

from katerm.core.broad import add_routine, log_routine, routines_done_by_owner
from tests.core.plan_helpers import account

pytestmark = pytest.mark.now("2026-11-20")
TODAY = date(2026, 11, 20)


def test_the_monthly_review_counts_each_sellers_routines_done_in_the_month(workspace):
    from katerm.core.cadence import Month, monthly_review, review_json, routines_section
    from katerm.core.pipeline import DEFAULT_RULES

    acc, _ = account(workspace)
    festival = add_routine(workspace, acc, {"kind": "festival", "cadence_days": "30"})
    for day in ("2026-10-30", "2026-11-03", "2026-11-18"):  # the first is last month
        log_routine(workspace, festival, {"date": day})
    me = workspace.me
    with workspace.db.reading() as conn:
        by_owner = routines_done_by_owner(conn, [me.id], date(2026, 11, 1), date(2026, 12, 1))
        found = monthly_review(
            conn, me.id, Month(2026, 11), tz=workspace.clock.tz, today=TODAY, rules=DEFAULT_RULES
        )
    assert by_owner == {me.id: 2}
    done = review_json(found)["routines_done"]
    assert done["total"] == 2
    assert [s["done"] for s in done["sellers"] if s["login"] == me.login] == [2]
    _title, _cols, rows = routines_section(found)
    assert [me.name or me.login, "2"] in rows
