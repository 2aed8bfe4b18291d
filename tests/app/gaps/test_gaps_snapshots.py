"""Pictures of the gap table (portfolio and account tab) and its editor, in both languages.

Regenerate after an intended change with ``pytest tests/app/gaps/test_gaps_snapshots.py
--snapshot-update`` and look at the report before committing. Due dates are far in the past
or the future, so what is overdue does not depend on the day the tests run.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from katerm.core.accounts.edit import save_account
from katerm.core.gaps.edit import save_gap
from katerm.core.influence.edit import save_person
from tests.app.conftest import settle

SIZES = [(80, 24), (120, 40)]
LANGS = ["en", "zh_CN"]


@pytest.fixture
def scored(workspace):
    """Two accounts, five key people: every heat, an overdue action, a done one, trends."""
    a = save_account(workspace, None, {"name": "上海明珠电子科技有限公司", "tier": "A"})
    b = save_account(workspace, None, {"name": "Northwind Traders", "tier": "C"})
    me = workspace.me.id

    def add(account, name, role, influence, levels, **values):
        person = save_person(
            workspace,
            account,
            None,
            {"name": name, "role": role, "influence": influence, "covered_by": me},
        )
        for week, level in enumerate(levels):
            row = save_gap(
                workspace,
                person,
                {"level_now": level, **values},
                at=datetime(2026, 9, 1 + 7 * week, tzinfo=UTC),
            )
        return row

    add(
        a,
        "王伟",
        "decision_maker",
        "high",
        [0, 1, 1, 2],
        level_target=5,
        recognition_now=2,
        recognition_target=5,
        support_now=1,
        support_target=4,
        next_action="邀请参加年度高层峰会",
        scenario="executive_summit",
        due_date="2020-03-01",
    )
    add(
        a,
        "李娜",
        "coach",
        "medium",
        [2, 3, 4],
        level_target=5,
        next_action="宴请",
        scenario="dinner",
        due_date="2099-06-30",
    )
    add(
        a,
        "Zhao Min",
        "approver",
        "high",
        [1],
        level_target=3,
        next_action="Technical exchange",
        due_date="2099-01-15",
    )
    add(
        b,
        "Emily Hill",
        "recommender",
        "low",
        [3],
        level_target=3,
        next_action="Routine visit",
        status="done",
        due_date="2020-01-10",
    )
    add(b, "陈杰", "buyer", "low", [0, 1], level_target=4, next_action="")
    return a


async def open_gaps(pilot):
    await settle(pilot)
    await pilot.press("4")
    await settle(pilot)
    await pilot.press("down")
    await settle(pilot)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lang", LANGS)
def test_gap_table(snap_compare, scored, make_app, lang, size):
    assert snap_compare(make_app(lang), terminal_size=size, run_before=open_gaps)


@pytest.mark.parametrize("lang", LANGS)
def test_gap_editor_with_errors(snap_compare, scored, make_app, lang):
    async def edit(pilot):
        await open_gaps(pilot)
        await pilot.press("e")
        await settle(pilot)
        await pilot.press("end", "ctrl+u", *"6/5", "ctrl+s")
        await settle(pilot)

    assert snap_compare(make_app(lang), terminal_size=(80, 24), run_before=edit)


@pytest.mark.parametrize("lang", LANGS)
def test_gaps_tab_on_the_account(snap_compare, scored, make_app, lang):
    async def tab(pilot):
        await open_gaps(pilot)
        await pilot.press("a")
        await settle(pilot)

    assert snap_compare(make_app(lang), terminal_size=(80, 24), run_before=tab)
