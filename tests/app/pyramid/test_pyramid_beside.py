"""Key b on the pyramid screen: the same accounts by another scheme's tiers, the figures
`katerm pyramid --beside` prints; b again shows the next scheme, and after the last none."""

from __future__ import annotations

import json

from katerm.app.pyramid.beside import BesideTable
from katerm.core.accounts.edit import save_account
from tests.app.conftest import settle
from tests.app.pyramid.test_pyramid_flow import open_pyramid


def strategic(workspace, sample) -> None:
    """Three of the sample's accounts get a strategic tier (a manual scheme)."""
    names = list(sample)
    for name, tier in zip(names[:3], ("strategic", "partner", "strategic"), strict=True):
        save_account(workspace, sample[name], {"tier_strategic": tier})


def shown(table: BesideTable) -> dict:
    """What the table shows, shaped as the CLI's JSON ``beside`` counts."""
    from katerm.core.pyramid import RULES

    columns = [*RULES[table.other].tiers, None]
    return {
        tier or "none": {o or "none": table.counts.get(tier, {}).get(o, 0) for o in columns}
        for tier in table.tiers
    }


async def test_b_shows_the_clis_beside_counts_then_cycles_and_hides(
    workspace, sample, make_app, cli
):
    strategic(workspace, sample)
    printed = json.loads(cli("pyramid", "--beside", "strategic", "--format", "json").out)
    expected = {r["tier"] or "none": r["beside"]["counts"] for r in printed}
    assert sum(n for r in expected.values() for n in r.values()) == len(sample)
    assert expected["A"]["strategic"] == 1 and expected["B"]["partner"] == 1
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_pyramid(pilot)
        table = screen.query_one(BesideTable)
        assert not table.display  # hidden until asked for
        await pilot.press("b")
        await settle(pilot)
        assert table.display and table.other == "strategic"
        assert shown(table) == expected
        text = str(table.render())
        assert "Beside: the same accounts by their Strategic value tier" in text
        assert "Partner" in text and "No tier" in text
        # b again: the next scheme, each with every account counted once per tier
        seen = []
        for _ in range(2):
            await pilot.press("b")
            await settle(pilot)
            seen.append(table.other)
            other = json.loads(cli("pyramid", "--beside", table.other, "--format", "json").out)
            assert shown(table) == {r["tier"] or "none": r["beside"]["counts"] for r in other}
        assert seen == ["fish", "size"]
        await pilot.press("b")
        await settle(pilot)
        assert table.other is None and not table.display


async def test_switching_to_the_scheme_beside_hides_the_table(workspace, sample, make_app):
    strategic(workspace, sample)
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_pyramid(pilot)
        table = screen.query_one(BesideTable)
        await pilot.press("r")  # b is the figures tab's key: not on the re-tier tab
        await settle(pilot)
        await pilot.press("b")
        await settle(pilot)
        assert table.other is None
        await pilot.press("escape", "b")
        await settle(pilot)
        assert table.other == "strategic" and table.display
        screen.query_one("#scheme").value = "strategic"
        await settle(pilot)
        assert table.other is None and not table.display
