"""The demo's influence maps: realistic roles and coverage, and a mix of healthy and warned maps."""

from __future__ import annotations

from collections import Counter

from katerm.core.demo import generate
from katerm.core.fields import clean_contact
from katerm.core.influence.read import load_map
from katerm.core.influence.rules import WARNING_CODES

RATINGS = (
    "role",
    "other_roles",
    "influence",
    "attitude",
    "support_level",
    "level",
    "rising_star",
    "favours_competitor",
)


def maps(ws):
    with ws.db.reading() as conn:
        accounts = conn.execute(
            "SELECT id, tier_revenue FROM accounts WHERE deleted = 0"
        ).fetchall()
        return [(tier, load_map(conn, account_id)) for account_id, tier in accounts]


def test_big_accounts_get_full_maps_some_healthy_some_warned(workspace):
    generate(workspace, accounts=600, seed=11)
    found = maps(workspace)
    big = [m for tier, m in found if tier in ("A", "B")]
    assert big
    for m in big:
        people = list(m.people.values())
        assert len([r for r in m.rows if r.depth == 0]) == 1  # one org chart, reporting up
        assert any(p.has_role("decision_maker") or p.has_role("approver") for p in people)
        assert len({p.covered_by for p in people if p.covered_by}) >= 1
        assert all(p.influence for p in people)
    # Healthy by the map's own rules; the iron triangle's warnings (the account team, issue
    # 21) come on top and are counted with the rest below.
    triangle = {"triangle_role_empty", "triangle_covers_nobody"}
    healthy = [m for m in big if not [w for w in m.warnings if w.code not in triangle]]
    assert 0.2 < len(healthy) / len(big) < 0.7
    codes = Counter(w.code for m in big for w in m.warnings)
    assert set(codes) == set(WARNING_CODES)
    assert sum(len(m.lines) for m in big) >= len(big)
    assert any(p.rising_star for m in big for p in m.people.values())
    # Coverage is shared: the sellers at the working level, their leads and the GM higher up.
    coverers = Counter(p.covered_by for m in big for p in m.people.values() if p.covered_by)
    assert len(coverers) >= 5


def test_every_rating_passes_the_field_rules_and_links_stay_inside_the_account(workspace):
    generate(workspace, accounts=200, seed=5, lang="zh_CN")
    with workspace.db.reading() as conn:
        rows = conn.execute(f"SELECT {', '.join(RATINGS)} FROM contacts").fetchall()
        for row in rows:
            values = dict(zip(RATINGS, row, strict=True))
            clean = clean_contact(values)
            assert clean["role"] == values["role"]
            assert clean["other_roles"] == values["other_roles"]
        strays = conn.execute(
            "SELECT count(*) FROM contacts c JOIN contacts b ON b.id = c.reports_to "
            "WHERE b.account_id != c.account_id"
        ).fetchone()[0]
        lines = conn.execute(
            "SELECT count(*) FROM influence_lines l JOIN contacts f ON f.id = l.from_contact_id "
            "JOIN contacts t ON t.id = l.to_contact_id WHERE f.account_id != l.account_id "
            "OR t.account_id != l.account_id OR f.id = t.id"
        ).fetchone()[0]
        covered_by_us = conn.execute(
            "SELECT count(*) FROM contacts c LEFT JOIN users u ON u.id = c.covered_by "
            "WHERE c.covered_by IS NOT NULL AND u.id IS NULL"
        ).fetchone()[0]
    assert (strays, lines, covered_by_us) == (0, 0, 0)


def test_small_accounts_know_the_boss_and_little_more(workspace):
    generate(workspace, accounts=300, seed=2)
    small = [m for tier, m in maps(workspace) if tier == "D"]
    assert small
    for m in small:
        top = m.rows[0].person
        assert top.role == "decision_maker" and top.covered_by is not None
