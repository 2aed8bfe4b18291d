"""Leads (issue 21 part 6): source, referral, nurturer, status through the three-question
review, the weekly lead meeting and new key accounts per seller."""

from __future__ import annotations

from datetime import date

import pytest

from katerm.core.errors import ValidationFailed
from katerm.core.leads import lead_meeting, meeting_json, new_key_accounts, save_lead
from katerm.core.pipeline import save_opportunity, validate_lead
from tests.core.plan_helpers import account, team

pytestmark = pytest.mark.now("2026-12-09")
MONDAY, WEDNESDAY = date(2026, 12, 7), date(2026, 12, 9)
REAL = ("fits_strategy", "risk_acceptable")


def _lead(ws, acc: str, name: str = "Cloud migration", day: date = MONDAY) -> str:
    return save_opportunity(ws, acc, None, {"name": name}, today=day)


def _meeting(ws, start: date = MONDAY):
    with ws.db.reading() as conn:
        return lead_meeting(conn, [ws.me.id], start)


def test_a_referred_nurtured_lead_reviewed_and_converted_counts_in_its_week(workspace):
    ws = workspace
    referrer, people = account(ws, "Pearl Bank", contacts=1)
    acc, _ = account(ws, "Acme Robotics")
    lead = _lead(ws, acc)
    save_lead(
        ws,
        lead,
        {
            "lead_source": "referral",
            "referred_by": "Pearl Bank / Person 0",
            "nurturer": ws.me.login,
        },
    )
    validate_lead(ws, lead, [], "nurture", today=MONDAY)
    validate_lead(ws, lead, REAL, "convert", today=WEDNESDAY)

    found = meeting_json(_meeting(ws))
    assert found["total"] == {"new": 1, "reviewed": 1, "converted": 1, "dropped": 0}
    (row,) = found["leads"]
    assert row["referred_by"] == "Pearl Bank / Person 0"
    assert (row["source"], row["status"], row["reviewed_on"], row["converted_on"]) == (
        "referral",
        "converted",
        "2026-12-07",  # the first review's day is kept
        "2026-12-09",
    )
    assert row["nurturer"] == ws.me.name or row["nurturer"] == ws.me.login
    # The week before knows nothing of it; the next week neither.
    assert meeting_json(_meeting(ws, date(2026, 11, 30)))["leads"] == []
    assert meeting_json(_meeting(ws, date(2026, 12, 14)))["total"]["converted"] == 0
    with ws.db.reading() as conn:
        stored = conn.execute(
            "SELECT referred_account_id, referred_contact_id FROM opportunities WHERE id = ?",
            (lead,),
        ).fetchone()
    assert stored == (referrer, people[0])


def test_a_closed_lead_is_dropped_and_an_opportunity_entered_directly_is_no_lead(workspace):
    ws = workspace
    acc, _ = account(ws)
    dropped = _lead(ws, acc, "Dead end")
    validate_lead(ws, dropped, [], "close", today=WEDNESDAY)
    save_opportunity(ws, acc, None, {"name": "Known deal", "stage": "opportunity"}, today=MONDAY)
    found = meeting_json(_meeting(ws))
    assert found["total"] == {"new": 1, "reviewed": 1, "converted": 0, "dropped": 1}
    assert [r["name"] for r in found["leads"]] == ["Dead end"]


def test_sellers_are_counted_apart(workspace):
    ws = workspace
    _, seller = team(ws)
    mine, _ = account(ws, "Mine")
    theirs, _ = account(ws, "Theirs", owner=seller)
    _lead(ws, mine, "A")
    _lead(ws, theirs, "B")
    _lead(ws, theirs, "C")
    with ws.db.reading() as conn:
        meeting = lead_meeting(conn, [ws.me.id, seller], MONDAY)
    assert {s.login: s.new for s in meeting.sellers} == {ws.me.login: 1, "li.lei": 2}


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"lead_source": "pigeon"}, "lead_source"),
        ({"lead_source": "referral"}, "referred_by"),  # a referral names who referred it
        ({"lead_source": "referral", "referred_by": "Nobody Ltd"}, "referred_by"),
        ({"lead_source": "referral", "referred_by": "Acme / Ghost"}, "referred_by"),
        ({"lead_source": "online", "referred_by": "Acme"}, "lead_source"),
        ({"nurturer": "zz.top"}, "nurturer"),
    ],
)
def test_bad_details_are_refused_naming_the_field_and_nothing_is_written(workspace, values, field):
    ws = workspace
    acc, _ = account(ws, "Acme")
    lead = _lead(ws, acc)
    with pytest.raises(ValidationFailed) as caught:
        save_lead(ws, lead, values)
    assert field in {e.field for e in caught.value.errors}
    with ws.db.reading() as conn:
        row = conn.execute(
            "SELECT lead_source, referred_account_id, nurturer_id FROM opportunities WHERE id = ?",
            (lead,),
        ).fetchone()
    assert row == ("", None, None)


def test_a_new_key_account_is_a_converted_lead_at_an_account_with_no_order_won_before(workspace):
    ws = workspace
    _, seller = team(ws)
    fresh, _ = account(ws, "Fresh", owner=seller)
    old, _ = account(ws, "Old customer")
    won = save_opportunity(ws, old, None, {"name": "Won", "stage": "opportunity"}, today=MONDAY)
    save_opportunity(ws, old, won, {"stage": "contract"}, today=date(2026, 11, 2))
    for acc in (fresh, old):
        lead = _lead(ws, acc, "New need")
        validate_lead(ws, lead, REAL, "convert", today=WEDNESDAY)
    with ws.db.reading() as conn:
        found = new_key_accounts(conn, [ws.me.id, seller], date(2026, 12, 1), date(2027, 1, 1))
    assert found == {ws.me.id: 0, seller: 1}
