"""Pictures of the influence map in both languages and two terminal sizes.

Regenerate after an intended change with ``pytest tests/app/influence/test_influence_snapshots.py
--snapshot-update`` and look at the report before committing.
"""

from __future__ import annotations

import time

import pytest

from katerm.core.accounts.edit import save_account
from katerm.core.influence.edit import save_line, save_person
from tests.app.conftest import settle

SIZES = [(80, 24), (120, 40)]
LANGS = ["en", "zh_CN"]


@pytest.fixture
def mapped(workspace):
    """An A account with five people: Chinese and English names, every kind of mark."""
    account = save_account(
        workspace,
        None,
        {"name": "上海明珠电子科技有限公司", "tier": "A", "annual_revenue": "6000000"},
    )
    me = workspace.me.id

    def add(name, **values):
        return save_person(workspace, account, None, {"name": name, **values})

    wang = add(
        "王伟",
        title="总经理",
        role="decision_maker",
        influence="high",
        attitude="supporter",
        support_level="limited_support",
        covered_by=me,
        level=2,
    )
    li = add(
        "李娜",
        title="CIO",
        role="recommender",
        other_roles="approver",
        influence="high",
        attitude="neutral",
        reports_to=wang,
        rising_star=True,
    )
    zhang = add(
        "张三丰",
        title="IT经理",
        role="coach",
        influence="medium",
        attitude="supporter",
        covered_by=me,
        level=3,
        reports_to=li,
    )
    zhao = add(
        "Zhao Min",
        title="CFO",
        role="approver",
        influence="high",
        attitude="opponent",
        favours_competitor="Contoso",
        reports_to=wang,
    )
    chen = add("Chen Jie", title="Buyer", role="buyer", influence="low", reports_to=zhao)
    save_line(workspace, account, zhang, wang, "strong")
    save_line(workspace, account, chen, li, "weak")
    return account


async def until(pilot, ready, what: str) -> None:
    """Pause until ``ready()``: on a loaded machine a worker's message can land late."""
    deadline = time.monotonic() + 10  # a timeout, not a speed check
    while not ready():
        assert time.monotonic() < deadline, f"still waiting for {what}"
        await pilot.pause(0.05)


async def open_map(pilot):
    from katerm.app.influence.screen import InfluenceScreen

    await settle(pilot)
    await pilot.press("3")
    await settle(pilot)
    app = pilot.app

    def shown() -> bool:
        screen = app.screen
        return (
            isinstance(screen, InfluenceScreen)
            and screen.map is not None
            and screen.tree.row_count == len(screen.map.rows) > 0
            and screen._coverage_data is not None
        )

    await until(pilot, shown, "the map and its coverage")
    await pilot.press("down")  # onto 李娜: a rising star with two roles

    def moved() -> bool:
        screen = app.screen
        # Wide, the card follows the cursor once it rests (a short timer).
        card = screen._narrow or screen.panel.contact_id == screen.tree.selected_id
        return screen.tree.cursor_row == 1 and card

    await until(pilot, moved, "the cursor and the card on the second row")
    await settle(pilot)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lang", LANGS)
def test_influence_screen(snap_compare, mapped, make_app, lang, size):
    app = make_app(lang)
    app.current_account_id = mapped
    assert snap_compare(app, terminal_size=size, run_before=open_map)


def map_then(key: str):
    """Open the map (on 李娜), then press ``key``."""

    async def run(pilot):
        await open_map(pilot)
        await pilot.press(key)
        await settle(pilot)

    return run


@pytest.mark.parametrize("lang", LANGS)
def test_editing_a_person_at_80_columns(snap_compare, mapped, make_app, lang):
    app = make_app(lang)
    app.current_account_id = mapped
    assert snap_compare(app, terminal_size=(80, 24), run_before=map_then("e"))


@pytest.mark.parametrize("lang", LANGS)
def test_coverage_matrix(snap_compare, mapped, make_app, lang):
    app = make_app(lang)
    app.current_account_id = mapped
    assert snap_compare(app, terminal_size=(80, 24), run_before=map_then("c"))


@pytest.mark.parametrize("lang", LANGS)
def test_influence_tab_on_the_account_screen(snap_compare, mapped, make_app, lang):
    async def tab(pilot):
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        pilot.app.screen.query_one("#tabs").active = "tab-influence"
        await settle(pilot)

    assert snap_compare(make_app(lang), terminal_size=(80, 24), run_before=tab)
