"""The influence map driven by keys only, checked in the database."""

from __future__ import annotations

import pytest

from katerm.app.influence.screen import InfluenceScreen
from katerm.app.influence.tab import WarningsList
from katerm.app.influence.tree import InfluenceTree
from katerm.core.accounts.edit import save_account
from tests.app.conftest import settle


async def choose(pilot, text: str) -> None:
    """Open the focused select, type to find the option, take it, move to the next field."""
    await pilot.press("enter", *text, "enter", "tab")


async def add_person(
    pilot, moves: list[str], name: str, title: str, role: str, quick: str = ""
) -> None:
    """a (add under the selected person), the form's first fields, Ctrl+S; then the tree's
    quick keys: i cycles influence (medium, high, low), + and - warm or cool the attitude."""
    await pilot.press(*moves, "a")
    await settle(pilot)
    await pilot.press(*name, "tab", *title, "tab")
    await choose(pilot, role)
    await pilot.press("ctrl+s")
    await settle(pilot)
    for key in quick:
        await pilot.press({"+": "plus", "-": "minus"}.get(key, key))
        await settle(pilot)


def codes(screen: InfluenceScreen) -> list[str]:
    return [w.code for w in screen.map.warnings]


def people(ws, account_id):
    with ws.db.reading() as conn:
        rows = conn.execute(
            "SELECT c.name, c.title, c.role, c.other_roles, c.influence, c.attitude, "
            "coalesce(b.name, ''), coalesce(u.login, '') FROM contacts c "
            "LEFT JOIN contacts b ON b.id = c.reports_to LEFT JOIN users u "
            "ON u.id = c.covered_by WHERE c.account_id = ? AND c.deleted = 0 ORDER BY c.name",
            (account_id,),
        ).fetchall()
        lines = conn.execute(
            "SELECT f.name, t.name, l.strength FROM influence_lines l JOIN contacts f "
            "ON f.id = l.from_contact_id JOIN contacts t ON t.id = l.to_contact_id "
            "WHERE l.account_id = ? AND l.deleted = 0",
            (account_id,),
        ).fetchall()
    return rows, lines


async def test_build_a_six_person_map_from_nothing_by_keys_only(workspace, make_app):
    account = save_account(workspace, None, {"name": "Acme Robotics", "tier": "B"})
    save_account(workspace, None, {"name": "Northwind Traders"})
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, InfluenceScreen)
        # No account opened yet: the top-tier account is shown; `o` picks another.
        assert screen.map is not None and screen.map.account_id == account
        await pilot.press("o")
        await settle(pilot)
        await pilot.press(*"Acme", "enter")
        await settle(pilot)
        assert screen.map is not None and screen.map.account_id == account
        assert screen.map.people == {} and codes(screen) == []

        # The first person through the whole form: role, influence, attitude, who covers them.
        await pilot.press("a")
        await settle(pilot)
        await pilot.press(*"Wang Wei", "tab", *"CEO", "tab")
        await choose(pilot, "dec")  # options are found by typing part of their name
        await pilot.press("tab")  # other roles: none
        await choose(pilot, "hi")
        await choose(pilot, "sup")
        await pilot.press("tab", "tab")  # support level, contact level
        await choose(pilot, "tes")
        await pilot.press("ctrl+s")
        await settle(pilot)
        tree = screen.query_one(InfluenceTree)
        assert [r.person.name for r in screen.map.rows] == ["Wang Wei"]
        assert "no_coach" in codes(screen)  # the first person: now there is a map to judge
        assert app.focused is tree
        await add_person(pilot, [], "Li Na", "CIO", "rec", quick="ii+")
        await add_person(pilot, [], "Zhang San", "IT manager", "use", quick="iii--")
        await add_person(pilot, ["home"], "Zhao Min", "CFO", "app", quick="ii++")
        await add_person(pilot, [], "Chen Jie", "Buyer", "buy", quick="i")
        await add_person(pilot, ["home", "down"], "Liu Yang", "Engineer", "use", quick="i++")
        assert [(r.person.name, r.depth) for r in screen.map.rows] == [
            ("Wang Wei", 0),
            ("Li Na", 1),
            ("Liu Yang", 2),
            ("Zhang San", 2),
            ("Zhao Min", 1),
            ("Chen Jie", 2),
        ]
        assert tree.selected_id == screen.map.rows[2].person.id

        # A line of influence: Liu Yang influences Wang Wei, strongly.
        await pilot.press("k")
        await settle(pilot)
        await pilot.press("enter", *"Wang", "enter", "tab")
        await choose(pilot, "str")
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)

        # The warning is there until the coach is added, and comes back without one.
        warnings = screen.query_one(WarningsList)
        assert "no_coach" in codes(screen)
        assert any(
            "No coach" in str(warnings.get_option_at_index(i).prompt)
            for i in range(warnings.option_count)
        )
        await pilot.press("e")
        await settle(pilot)
        await pilot.press("tab", "tab")
        await choose(pilot, "coa")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "no_coach" not in codes(screen)
        assert not any(
            "No coach" in str(warnings.get_option_at_index(i).prompt)
            for i in range(warnings.option_count)
        )
        assert app.focused is tree

    rows, lines = people(workspace, account)
    assert rows == [
        ("Chen Jie", "Buyer", "buyer", "", "medium", "unknown", "Zhao Min", ""),
        ("Li Na", "CIO", "recommender", "", "high", "neutral", "Wang Wei", ""),
        ("Liu Yang", "Engineer", "coach", "", "medium", "supporter", "Li Na", ""),
        ("Wang Wei", "CEO", "decision_maker", "", "high", "supporter", "", "tester"),
        ("Zhang San", "IT manager", "user", "", "low", "opponent", "Li Na", ""),
        ("Zhao Min", "CFO", "approver", "", "high", "supporter", "Wang Wei", ""),
    ]
    assert lines == [("Liu Yang", "Wang Wei", "strong")]


async def test_v_marks_the_map_reviewed_for_the_weekly_checklist(workspace, make_app):
    account = save_account(workspace, None, {"name": "Acme Robotics", "tier": "A"})
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        assert isinstance(app.screen, InfluenceScreen) and app.screen.map is not None
        await pilot.press("v")
        await settle(pilot)
        shown = [n.message for n in app._notifications]
        assert any("Marked the influence map of Acme Robotics reviewed" in m for m in shown)
    with workspace.db.reading() as conn:
        rows = conn.execute("SELECT account_id, reviewed_by FROM map_reviews").fetchall()
    assert rows == [(account, workspace.me.id)]


@pytest.mark.parametrize(
    ("lang", "shown"), [("en", "Relationship level: 4 friend"), ("zh_CN", "关系等级：4 私交")]
)
async def test_the_map_shows_and_edits_the_one_relationship_level(workspace, make_app, lang, shown):
    """Issue 17: the map's level is the gap table's "now" (0–5 with its word). Editing it on
    the map writes the one value, and the gap table's history records the step."""
    from textual.widgets import Static

    from katerm.core.gaps import read as gap_read
    from katerm.core.gaps.edit import save_gap
    from katerm.core.influence import save_person

    account = save_account(workspace, None, {"name": "Acme Robotics", "tier": "A"})
    boss = save_person(workspace, account, None, {"name": "Wang Wei", "influence": "high"})
    save_gap(workspace, boss, {"level_now": 1, "level_target": 4})  # scored in the gap table
    app = make_app(lang)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, InfluenceScreen) and screen.map is not None
        tree = screen.query_one(InfluenceTree)
        assert "L1" in "".join(c.text for c in tree._cells(0))  # the gap table's 1, on the map
        await pilot.press("e")
        await settle(pilot)
        # name, title, role, other roles, influence, attitude, support level: then the level.
        await pilot.press(*["tab"] * 7)
        await choose(pilot, "4")  # options read "4 friend" / "4 私交": the number finds it
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "L4" in "".join(c.text for c in tree._cells(0))
        card = str(screen.query_one("#person-card", Static).render())
        assert shown in card
    with workspace.db.reading() as conn:
        (view,) = gap_read.load(conn, None)
        steps = conn.execute(
            "SELECT old, new FROM gap_scores WHERE dimension = 'level' AND target = 0 "
            "ORDER BY changed_at, rowid"
        ).fetchall()
        stored = conn.execute("SELECT level FROM contacts WHERE id = ?", (boss,)).fetchone()
    assert stored == (4,) and view.level_now == 4 and view.level_target == 4
    assert steps == [(None, 1), (1, 4)]
