"""Customer voice: an issue is accepted, handled, escalated if needed, closed and rated."""

from __future__ import annotations

from datetime import date

import pytest

from katerm.core.errors import BadInput, ValidationFailed
from katerm.core.plan.voice import list_voice, move_voice, save_voice
from tests.core.plan_helpers import account

DAY = date(2026, 3, 2)


def test_an_issue_goes_from_accepted_to_rated(workspace):
    acc, _ = account(workspace)
    issue = save_voice(
        workspace,
        acc,
        None,
        {"title": "Delivery two weeks late", "handler_id": workspace.me.id},
        today=DAY,
    )
    for status in ("handled", "escalated", "handled", "closed"):
        move_voice(workspace, issue, status, today=date(2026, 3, 9))
    with pytest.raises(ValidationFailed):
        move_voice(workspace, issue, "rated", today=DAY, rating="6")
    move_voice(workspace, issue, "rated", today=DAY, rating="4", feedback="Fast once escalated")
    with workspace.db.reading() as conn:
        (found,) = list_voice(conn, acc)
    assert (found.status, found.rating, found.closed_on, found.raised_on) == (
        "rated",
        4,
        date(2026, 3, 9),
        DAY,
    )
    assert found.feedback == "Fast once escalated"


def test_statuses_cannot_be_skipped_and_a_title_is_needed(workspace):
    acc, _ = account(workspace)
    with pytest.raises(ValidationFailed):
        save_voice(workspace, acc, None, {"title": "  "}, today=DAY)
    issue = save_voice(workspace, acc, None, {"title": "Invoices wrong"}, today=DAY)
    with pytest.raises(BadInput) as info:
        move_voice(workspace, issue, "rated", today=DAY, rating=5)
    assert info.value.key == "voice.bad_move"
