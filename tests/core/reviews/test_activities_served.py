"""An activity names the opportunity and the stage of lead to cash it served; the opportunity
shows its history."""

from __future__ import annotations

import pytest

from katerm.core.errors import ValidationFailed
from katerm.core.pipeline.opportunities import save_opportunity
from katerm.core.pipeline.steps import lock
from katerm.core.reviews import opportunity_history
from katerm.core.reviews.activities import get_activity, log_activity
from tests.core.plan_helpers import MONDAY, account, ready_opportunity

pytestmark = pytest.mark.now("2026-03-16")


def count(ws) -> int:
    with ws.db.reading() as conn:
        return conn.execute("SELECT count(*) FROM activities").fetchone()[0]


def test_the_stage_defaults_to_the_one_the_opportunity_is_in(workspace):
    acc, (person,) = account(workspace)
    opp = ready_opportunity(workspace, acc, person)  # converted, not locked: shaping the need
    first = log_activity(
        workspace,
        {"kind": "visit", "account": acc, "opportunity": "erp upgrade", "date": "2026-03-03"},
    )
    lock(workspace, opp, today=MONDAY)  # locked: bidding
    second = log_activity(workspace, {"kind": "call", "account": acc, "opportunity": opp})
    third = log_activity(
        workspace, {"kind": "meeting", "account": acc, "opportunity": opp, "stage": "Contract"}
    )
    log_activity(workspace, {"kind": "call", "account": acc})  # served no opportunity
    with workspace.db.reading() as conn:
        history = opportunity_history(conn, opp)
        assert get_activity(conn, first).opportunity_name == "ERP upgrade"
    assert [(a.id, a.stage) for a in history] == [
        (first, "need"),
        (second, "bidding"),
        (third, "contract"),
    ]


def test_bad_opportunity_or_stage_is_refused_and_nothing_is_logged(workspace):
    acc, _ = account(workspace)
    other, (someone,) = account(workspace, name="Other Co")
    ready_opportunity(workspace, other, someone, name="Elsewhere")
    save_opportunity(workspace, acc, None, {"name": "Line upgrade"}, today=MONDAY)
    for values, field in (
        ({"opportunity": "Elsewhere"}, "opportunity"),  # at another account
        ({"opportunity": "Line upgrade", "stage": "negotiation"}, "stage"),
        ({"stage": "bidding"}, "stage"),  # a stage without an opportunity
    ):
        with pytest.raises(ValidationFailed) as caught:
            log_activity(workspace, {"kind": "visit", "account": acc, **values})
        assert [e.field for e in caught.value.errors] == [field]
    assert count(workspace) == 0
