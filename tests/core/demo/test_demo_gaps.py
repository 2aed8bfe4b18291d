"""The demo's gap table: key people scored, valid scores, history, actions (some overdue)."""

from __future__ import annotations

from datetime import date

import pytest

from katerm.core.demo import generate
from katerm.core.gaps import read as portfolio
from katerm.core.gaps.rules import clean_gap, score_columns
from katerm.core.team import below

TODAY = date(2026, 11, 23)
pytestmark = pytest.mark.now(TODAY.isoformat())


def test_key_people_get_gap_rows_with_history_and_due_actions(workspace):
    generate(workspace, accounts=200, seed=5, lang="zh_CN")
    with workspace.db.reading() as conn:
        rows = portfolio.load(conn, below(conn, workspace.me.id))
        roles = {
            r[0]
            for r in conn.execute(
                "SELECT c.role FROM gap_rows g JOIN contacts c ON c.id = g.contact_id "
                "WHERE c.influence != 'high'"
            )
        }
        per_contact = conn.execute(
            "SELECT max(n) FROM (SELECT count(*) n FROM gap_rows GROUP BY contact_id)"
        ).fetchone()[0]
    assert len(rows) > 50 and per_contact == 1
    assert roles <= {"decision_maker", "coach", "executive_sponsor", "approver"}
    for row in rows:  # every demo row would pass the form
        clean_gap({c: row.score(c) for c in score_columns()})
        assert row.trend and row.trend[-1] == row.level_now
    overdue = [r for r in rows if r.overdue(TODAY)]
    assert 0.1 < len(overdue) / len(rows) < 0.45
    assert {r.status for r in rows} == {"open", "done"}
    assert all(r.next_action and r.scenario for r in rows)
    assert any("宴请" in r.next_action or "拜访" in r.next_action for r in rows)
    assert any(len(r.trend) >= 3 for r in rows)
    # The general manager sees every row; the top of the table is an overdue action.
    assert portfolio.order(rows, TODAY)[0].overdue(TODAY)


def test_each_persons_map_level_is_their_gap_rows_now(workspace):
    """One relationship level (issue 17): the influence map and the gap table show the same
    number for every scored person, and the level's history ends at it."""
    from katerm.core.influence.read import load_map

    generate(workspace, accounts=120, seed=7)
    with workspace.db.reading() as conn:
        rows = portfolio.load(conn, None)
        maps = {a: load_map(conn, a) for a in {r.account_id for r in rows}}
    assert len(rows) > 20
    differ = [
        (r.contact, r.level_now, maps[r.account_id].people[r.contact_id].level)
        for r in rows
        if maps[r.account_id].people[r.contact_id].level != r.level_now
    ]
    assert differ == []
    # The demo uses the scale's upper words too, and not only at 0.
    assert {r.level_now for r in rows} >= {1, 2, 3}
    assert all(r.trend[-1] == r.level_now for r in rows)
