"""The demo's expansion cards, key dates, events and strategic partners."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from katerm.core.cards.due import due_key_dates, due_reviews
from katerm.core.cards.read import load_cards
from katerm.core.demo import generate
from katerm.core.influence.read import load_map

TODAY = date(2026, 11, 27)
pytestmark = pytest.mark.now(TODAY.isoformat())


def test_a_new_user_sees_cards_dates_events_and_partners(workspace):
    generate(workspace, accounts=300, seed=5, lang="zh_CN")
    with workspace.db.reading() as conn:
        owners = [r[0] for r in conn.execute("SELECT id FROM users")]
        left = conn.execute(
            "SELECT c.id, c.account_id FROM contacts c JOIN key_events e "
            "ON e.contact_id = c.id AND e.kind = 'left' "
            "WHERE c.left_on IS NOT NULL"
        ).fetchall()
        assert left
        contact, account = left[0]
        assert contact not in load_map(conn, account).people
        assert any(p.contact_id == contact and p.card_id for p in load_cards(conn, account).people)
        week = due_key_dates(conn, owners, TODAY, TODAY + timedelta(days=6))
        assert week and any(d.personal for d in week) and any(not d.personal for d in week)
        assert due_reviews(conn, owners, TODAY)  # some reviews are already due
        assert due_reviews(conn, owners, TODAY + timedelta(days=120), since=TODAY)
        partners = conn.execute(
            "SELECT partner, how_to_use FROM strategic_relationships WHERE deleted = 0"
        ).fetchall()
        assert len(partners) > 20
        assert all(not p.isascii() and not u.isascii() for p, u in partners)
        criteria = {r[0] for r in conn.execute("SELECT sponsor_criteria FROM expansion_cards")}
        assert "" in criteria or len(criteria) > 3
