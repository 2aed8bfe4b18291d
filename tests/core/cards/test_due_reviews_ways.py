"""The card reviews due: the same rows whichever way they are read, and read once per read."""

from __future__ import annotations

from datetime import date

import pytest

from katerm.core.cards import due as due_module
from katerm.core.cards.due import due_reviews, share_due_reviews
from katerm.core.cards.edit import record_event, save_card
from katerm.core.influence.edit import save_person
from tests.core.plan_helpers import account, add_user

TODAY = date(2026, 11, 30)
pytestmark = pytest.mark.now(TODAY.isoformat())


def _cards(workspace) -> tuple[str, str]:
    """Cards due for me as the account's owner, for me as the relationship owner on a seller's
    account, for the seller, and one for someone who left (due for nobody)."""
    me = workspace.me.id
    seller = add_user(workspace, "li", "Li", me)
    _mine, (a, b, gone) = account(workspace, "Acme Robotics", contacts=3)
    _theirs, (c, d) = account(workspace, "Globex", owner=seller, contacts=2)
    save_card(workspace, a, {"next_review": "2026-12-01"}, today=TODAY)
    save_card(
        workspace, b, {"next_review": "2026-12-10", "relationship_owner_id": seller}, today=TODAY
    )
    save_person(workspace, _theirs, c, {"role": "coach", "covered_by": me})
    save_card(workspace, c, {"next_review": "2026-11-20"}, today=TODAY)
    save_card(workspace, d, {"next_review": "2026-12-03"}, today=TODAY)
    save_card(workspace, gone, {"next_review": "2026-12-02"}, today=TODAY)
    record_event(workspace, gone, {"kind": "left", "note": "Joined a rival"}, today=TODAY)
    return me, seller


def test_both_ways_of_reading_give_the_same_rows_in_the_same_order(workspace, monkeypatch):
    me, seller = _cards(workspace)
    found = {}
    for few in (True, False):  # by index from their contacts and cards, or every card
        monkeypatch.setattr(due_module, "_few_cards", lambda conn, owners, few=few: few)
        with workspace.db.reading() as conn:
            found[few] = [
                [
                    (r.contact_name, r.account_name, r.on, r.owner_id)
                    for r in due_reviews(conn, o, u)
                ]
                for o in ([me], [seller], [me, seller])
                for u in (date(2026, 11, 30), date(2026, 12, 31))
            ]
    assert found[True] == found[False]
    assert found[True][1] == [  # mine by the end of December, overdue first
        ("Person 0", "Globex", date(2026, 11, 20), me),
        ("Person 0", "Acme Robotics", date(2026, 12, 1), me),
    ]
    assert found[True][3] == [
        ("Person 1", "Globex", date(2026, 12, 3), seller),
        ("Person 1", "Acme Robotics", date(2026, 12, 10), seller),
    ]
    assert [r[0] for r in found[True][5]] == ["Person 0", "Person 0", "Person 1", "Person 1"]


def test_asked_again_in_the_same_read_the_reviews_are_read_once(workspace):
    me, _seller = _cards(workspace)
    with workspace.db.reading() as conn:
        fresh_early = due_reviews(conn, [me], date(2026, 11, 30))
        fresh_late = due_reviews(conn, [me], date(2026, 12, 31))
    asked: list[str] = []
    with workspace.db.reading() as conn:
        conn.set_trace_callback(asked.append)
        try:
            share_due_reviews(conn, [me], date(2026, 12, 31))
            early = due_reviews(conn, [me], date(2026, 11, 30))  # the checklist: up to today
            late = due_reviews(conn, [me], date(2026, 12, 31))  # "Coming up": further ahead
        finally:
            conn.set_trace_callback(None)
    assert (early, late) == (fresh_early, fresh_late)
    assert [r.on for r in early] == [date(2026, 11, 20)]
    assert sum("next_review <=" in sql for sql in asked) == 1
    acme = _contact_of(workspace, "Acme Robotics")
    save_card(workspace, acme, {"next_review": "2026-11-25"}, today=TODAY)
    with workspace.db.reading() as conn:  # a new read sees the change
        assert [r.on for r in due_reviews(conn, [me], date(2026, 11, 30))] == [
            date(2026, 11, 20),
            date(2026, 11, 25),
        ]


def _contact_of(workspace, account_name: str) -> str:
    with workspace.db.reading() as conn:
        return conn.execute(
            "SELECT c.id FROM contacts c JOIN accounts a ON a.id = c.account_id "
            "WHERE a.name = ? ORDER BY c.name LIMIT 1",
            (account_name,),
        ).fetchone()[0]
