"""Keys that write at once (gaps + / - / x, the influence map's + - i *) are undone by u, like a
delete: the stored value and the screen are back, and the toast says u undoes."""

from __future__ import annotations

import pytest

from katerm.app.accounts.account import AccountScreen
from katerm.app.gaps.pane import GapPane
from katerm.app.gaps.table import GapTable
from katerm.app.influence.screen import InfluenceScreen
from katerm.app.influence.tree import InfluenceTree
from katerm.core.accounts.edit import save_account
from katerm.core.gaps.edit import save_gap
from katerm.core.influence.edit import save_person
from tests.app.conftest import settle

PRESS_U = {"en": "Press u to undo.", "zh_CN": "按 u 可撤销。"}
NOTHING = {"en": "Nothing to undo.", "zh_CN": "没有可撤销的操作。"}


def said(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


def contact(ws, contact_id: str) -> tuple:
    with ws.db.reading() as conn:
        return conn.execute(
            "SELECT level, attitude, influence, rising_star FROM contacts WHERE id = ?",
            (contact_id,),
        ).fetchone()


def one_person(ws) -> tuple[str, str]:
    account = save_account(ws, None, {"name": "上海明珠电子", "tier": "A"})
    boss = save_person(
        ws, account, None, {"name": "张总", "influence": "medium", "attitude": "neutral"}
    )
    save_gap(ws, boss, {"level_now": 2, "level_target": 4, "next_action": "宴请"})
    return account, boss


@pytest.mark.parametrize(("lang", "where"), [("zh_CN", "screen"), ("en", "tab")])
async def test_u_undoes_a_gap_level_step(workspace, make_app, lang, where):
    account, boss = one_person(workspace)
    app = make_app(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        if where == "screen":
            await pilot.press("4")
        else:
            app.push_screen(AccountScreen(account, tab="gaps"))
        await settle(pilot)
        pane = app.screen.query_one(GapPane)
        table = pane.query_one(GapTable)
        table.focus()
        # Every cell but the trend, which keeps the step and its undo (the history is kept).
        keys = [c.key for c in table.columns]

        def cells() -> list:
            return [c for k, c in zip(keys, table._row_cells(0), strict=True) if k != "trend"]

        before = cells()
        for key, level in (("plus", 3), ("minus", 1)):
            await pilot.press(key)
            await settle(pilot)
            assert contact(workspace, boss)[0] == level
            assert pane.shown[0].level_now == level and cells() != before
            assert said(app)[-1].endswith(PRESS_U[lang]), said(app)[-1]
            await pilot.press("u")
            await settle(pilot)
            assert contact(workspace, boss)[0] == 2
            assert pane.shown[0].level_now == 2 and cells() == before
        await pilot.press("x")  # mark the action done, at once too
        await settle(pilot)
        assert pane.shown[0].status == "done"
        assert said(app)[-1].endswith(PRESS_U[lang]), said(app)[-1]
        await pilot.press("u")
        await settle(pilot)
        assert pane.shown[0].status == "open" and cells() == before
        await pilot.press("u")  # each change undone once
        await settle(pilot)
        assert said(app)[-1] == NOTHING[lang]


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
async def test_u_undoes_the_influence_maps_quick_keys(workspace, make_app, lang):
    _, boss = one_person(workspace)
    app = make_app(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, InfluenceScreen)
        screen.query_one(InfluenceTree).focus()
        await settle(pilot)
        start = contact(workspace, boss)
        for key, column in (("plus", 1), ("minus", 1), ("i", 2), ("asterisk", 3)):
            await pilot.press(key)
            await settle(pilot)
            changed = contact(workspace, boss)
            assert changed[column] != start[column], key
            assert said(app)[-1].endswith(PRESS_U[lang]), said(app)[-1]
            await pilot.press("u")
            await settle(pilot)
            assert contact(workspace, boss) == start, key
            person = screen.map.people[boss]
            assert (person.attitude, person.influence, person.rising_star) == (
                start[1],
                start[2],
                bool(start[3]),
            )
