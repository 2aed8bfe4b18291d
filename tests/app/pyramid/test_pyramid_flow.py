"""The pyramid screen driven like a user would, checked in the database."""

from __future__ import annotations

import pytest

from katerm.app.accounts.account import AccountScreen
from katerm.app.pyramid.history import TierHistoryPane
from katerm.app.pyramid.screen import PyramidScreen
from katerm.app.widgets.lazy_table import LazyTable
from katerm.core.accounts.edit import save_account
from katerm.core.accounts.read import get_account
from katerm.core.pyramid.history import tier_history
from katerm.core.pyramid.read import PyramidQuery, compute
from tests.app.conftest import settle


def counts(screen: PyramidScreen) -> dict:
    return {f.tier: f.count for f in screen.pyramid.tiers}


def outbox(ws) -> int:
    with ws.db.reading() as conn:
        return conn.execute("SELECT count(*) FROM outbox").fetchone()[0]


async def open_pyramid(pilot) -> PyramidScreen:
    await settle(pilot)
    await pilot.press("2")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, PyramidScreen)
    return screen


async def type_into(pilot, screen, selector: str, text: str) -> None:
    field = screen.query_one(selector)
    field.focus()
    field.value = ""
    await pilot.press(*text)


async def test_the_screen_shows_the_cores_figures_and_a_threshold_change_updates_them(
    workspace, sample, make_app
):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_pyramid(pilot)
        with workspace.db.reading() as conn:
            expected = compute(conn, PyramidQuery(year=workspace.clock.year()), workspace.me.id)
        assert screen.pyramid.tiers == expected.tiers
        table = screen.query_one("#tiers", LazyTable)
        assert table.row_count == 4
        assert table._row_cells(0)[1:4] == ["A", "1", "20.0%"]
        assert counts(screen) == {"A": 1, "B": 1, "C": 1, "D": 2}
        assert "differ" not in str(screen.query_one("#summary").render())

        await pilot.press("e")
        await settle(pilot)
        await type_into(pilot, screen, "#input-C--annual_revenue", "400000")
        await pilot.press("ctrl+s")
        await settle(pilot)
        # The pyramid counts the stored tiers, the ones the accounts list shows: new
        # thresholds make re-tier suggestions, and the summary says how many differ.
        assert counts(screen) == {"A": 1, "B": 1, "C": 1, "D": 2}
        assert table._row_cells(2)[1:4] == ["C", "1", "20.0%"]
        summary = str(screen.query_one("#summary").render())
        assert "2 stored tiers differ (see Re-tier)" in summary.splitlines()[0], summary
        with workspace.db.reading() as conn:
            stored = conn.execute(
                "SELECT scheme, tier, measure, value FROM tier_thresholds"
            ).fetchall()
        assert stored == [("revenue", "C", "annual_revenue", 400_000)]


@pytest.mark.parametrize(
    ("field", "text", "words"),
    [
        ("#input-B--annual_revenue", "6000000", "below the A threshold"),
        ("#input-C--annual_revenue", "-5", "0 or more"),
        ("#input-A--annual_revenue", "lots", "not a number"),
        ("#input-target--A", "2.5", "whole number"),
        ("#input-revenue--A", "lots", "not a number"),
    ],
)
async def test_bad_thresholds_and_targets_show_beside_the_field_and_change_nothing(
    workspace, sample, make_app, field, text, words
):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_pyramid(pilot)
        before = outbox(workspace), counts(screen)
        await pilot.press("e")
        await settle(pilot)
        await type_into(pilot, screen, "#input-target--B", "7")  # a good value, kept back too
        await type_into(pilot, screen, field, text)
        await pilot.press("ctrl+s")
        await settle(pilot)
        name = field.removeprefix("#input-")
        assert screen.query_one(f"#field-{name}").has_class("-invalid")
        assert words in str(screen.query_one(f"#error-{name}").render())
        assert app.focused is screen.query_one(field)
        assert (outbox(workspace), counts(screen)) == before
        with workspace.db.reading() as conn:
            assert conn.execute("SELECT count(*) FROM tier_thresholds").fetchone()[0] == 0
            assert conn.execute("SELECT count(*) FROM tier_targets").fetchone()[0] == 0
            assert conn.execute("SELECT count(*) FROM tier_revenue_targets").fetchone()[0] == 0


async def test_a_revenue_target_is_set_beside_the_count_targets(workspace, sample, make_app):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_pyramid(pilot)
        await pilot.press("e")
        await settle(pilot)
        await type_into(pilot, screen, "#input-revenue--A", "500万")
        await pilot.press("ctrl+s")
        await settle(pilot)
        with workspace.db.reading() as conn:
            stored = conn.execute(
                "SELECT scheme, tier, target FROM tier_revenue_targets WHERE deleted = 0"
            ).fetchall()
        assert stored == [("revenue", "A", 5_000_000)]
        # Read back into the form as the user writes amounts when the pyramid reloads.
        await settle(pilot)
        assert screen.query_one("#input-revenue--A").value == "5,000,000"


@pytest.mark.parametrize(
    ("lang", "threshold", "typed", "shown"),
    [("en", "5,000,000", "150,000,000", "150,000,000"), ("zh_CN", "500万", "1.5亿", "1.5亿")],
)
async def test_thresholds_and_revenue_targets_read_back_in_the_users_style(
    workspace, sample, make_app, lang, threshold, typed, shown
):
    """The Chinese thresholds tab showed 5000000 under a pyramid that says ≥ 500万."""
    app = make_app(lang)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_pyramid(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert screen.query_one("#input-A--annual_revenue").value == threshold
        await type_into(pilot, screen, "#input-revenue--B", typed)
        await pilot.press("ctrl+s")
        await settle(pilot)
        with workspace.db.reading() as conn:
            assert conn.execute("SELECT count(*) FROM tier_thresholds").fetchone()[0] == 0
            stored = conn.execute("SELECT tier, target FROM tier_revenue_targets").fetchall()
        assert stored == [("B", 150_000_000)]
        await settle(pilot)
        assert screen.query_one("#input-revenue--B").value == shown
        assert screen.query_one("#input-A--annual_revenue").value == threshold


async def test_applying_a_suggestion_changes_the_tier_and_its_history(workspace, sample, make_app):
    rising = save_account(
        workspace, None, {"name": "Rising Star Ltd", "annual_revenue": "800万", "tier": "C"}
    )
    save_account(
        workspace,
        None,
        {
            "name": "Held Co",
            "annual_revenue": 0,
            "tier": "B",
            "tier_override_reason": "High potential",
        },
    )
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_pyramid(pilot)
        await pilot.press("r")
        await settle(pilot)
        assert [(s.name, s.held) for s in screen.found] == [
            ("Rising Star Ltd", False),
            ("Held Co", True),
        ]
        assert "High potential" in screen.found[1].reason
        await pilot.press("down", "a")  # the held one: refused, nothing asked
        await settle(pilot)
        assert isinstance(app.screen, PyramidScreen)
        await pilot.press("up", "a")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert get_account(workspace.db, rising).tier == "A"
        [change] = tier_history(workspace.db, rising)
        assert (change.old_tier, change.new_tier, change.source) == ("C", "A", "suggestion")
        assert "8,000,000 ≥ 5,000,000" in change.reason
        assert [s.name for s in screen.found] == ["Held Co"]
        assert counts(screen)["A"] == 2


async def test_enter_lists_a_tiers_accounts_and_opens_one_with_its_history(
    workspace, sample, make_app
):
    target = sample["Acme Robotics"]
    save_account(workspace, target, {"tier": "C"})  # a change for the history tab
    app = make_app("zh_CN")
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_pyramid(pilot)
        await pilot.press("down", "down", "enter")  # tier C: where Acme is now stored
        await settle(pilot)
        assert screen.active_tab == "tab-accounts"
        assert [a.name for a in screen.accounts] == ["Northwind Traders", "Acme Robotics"]
        await pilot.press("down", "enter")
        await settle(pilot)
        assert isinstance(app.screen, AccountScreen) and app.screen.account_id == target
        app.screen.query_one("#tabs").active = "tab-tier-history"
        await settle(pilot)
        pane = app.screen.query_one(TierHistoryPane)
        table = pane.query_one("DataTable")
        assert table.row_count == 1 and "D → C" in str(table.get_row_at(0)[1])
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen
        await pilot.press("escape")
        assert screen.active_tab == "tab-figures"


async def test_filters_narrow_the_figures_and_hide_targets(workspace, sample, make_app):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_pyramid(pilot)
        screen.query_one("#region").value = "华东"
        await settle(pilot)
        assert counts(screen) == {"A": 1, "B": 0, "C": 0, "D": 0}
        assert not screen.pyramid.targets_apply
        screen.query_one("#scheme").value = "strategic"
        await settle(pilot)
        assert counts(screen) == {
            "strategic": 0,
            "partner": 0,
            "commercial": 0,
            "general": 0,
            None: 1,
        }


async def test_owners_whose_grade_does_not_match_their_tier_are_flagged(
    workspace, sample, make_app
):
    from katerm.core.pyramid import set_grade

    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_pyramid(pilot)
        flags = screen.query_one("#grade-flags")
        assert not flags.display  # no grades known: nothing to compare, nothing shown
        # I am a new seller: my A and B accounts ask for a best / experienced seller.
        set_grade(workspace, workspace.me.id, grade="new")
        app.data_changed()
        await settle(pilot)
        text = str(flags.render())
        assert flags.display and "2 accounts' owners" in text and "A 1 · B 1" in text
        assert "Best seller" in text
        await pilot.press("enter")  # tier A's accounts: the owner is marked
        await settle(pilot)
        table = screen.query_one("#tier-accounts", LazyTable)
        assert any(cell.startswith("⚠ ") for cell in table._row_cells(0))


async def test_the_figures_show_while_the_suggestions_are_still_being_found(
    workspace, sample, make_app, monkeypatch
):
    """The suggestions are read after the figures are painted: until they come, the Re-tier
    tab says it is finding them, keys still work, and applying them all asks nothing."""
    import threading

    import katerm.core.pyramid as pyramid_core

    save_account(
        workspace, None, {"name": "Rising Star Ltd", "annual_revenue": "800万", "tier": "C"}
    )
    release = threading.Event()
    original = pyramid_core.load_suggestions

    def slow(*args, **kwargs):
        release.wait(10)
        return original(*args, **kwargs)

    monkeypatch.setattr(pyramid_core, "load_suggestions", slow)
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        try:
            await settle(pilot)
            await pilot.press("2")
            for _ in range(200):
                await pilot.pause(0.02)
                screen = app.screen
                if isinstance(screen, PyramidScreen) and screen.pyramid is not None:
                    break
            assert counts(screen) == {"A": 1, "B": 1, "C": 2, "D": 2}
            await pilot.press("r")
            await pilot.pause(0.1)
            heading = str(screen.query_one("#suggestions-heading").render())
            assert heading == "Finding accounts whose figures call for another tier…"
            await pilot.press("A")  # nothing to apply yet: no question asked
            await pilot.pause(0.1)
            assert app.screen is screen
            await pilot.press("escape")  # keys work meanwhile: back to the figures
            await pilot.pause(0.1)
            assert screen.active_tab == "tab-figures"
        finally:
            release.set()
        await settle(pilot)
        assert [s.name for s in screen.found] == ["Rising Star Ltd"]
        await pilot.press("r")
        await settle(pilot)
        assert "1" in str(screen.query_one("#suggestions-heading").render())


async def test_square_brackets_step_through_the_tabs_as_on_the_account_screen(
    workspace, sample, make_app
):
    """A newcomer who learnt [ and ] on the account screen pressed ] here: nothing moved."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_pyramid(pilot)
        seen = [screen.active_tab]
        for key in ["right_square_bracket"] * 2 + ["left_square_bracket"] * 3:
            await pilot.press(key)
            await settle(pilot)
            seen.append(screen.active_tab)
    assert seen == [
        "tab-figures",
        "tab-accounts",
        "tab-suggestions",
        "tab-accounts",
        "tab-figures",
        "tab-settings",  # round from the first to the last
    ]


@pytest.mark.parametrize("keys", [["e"], ["right_square_bracket"] * 3])
async def test_opening_the_thresholds_tab_leaves_every_field_as_it_was(
    workspace, sample, make_app, keys
):
    """Walk s9 §2: the tab put the cursor in the A threshold with its text selected, so the
    next screen key (5: go to the reviews) replaced the team's threshold."""
    app = make_app("zh_CN")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_pyramid(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        assert screen.active_tab == "tab-settings"
        field = screen.query_one("#input-A--annual_revenue")
        assert field.value == "500万" and not field.has_focus
        await pilot.press("5")
        await settle(pilot)
        assert app.screen is not screen  # the key did what it says: the reviews
        assert field.value == "500万"
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("tab")  # the user goes into the form: its first control
        assert app.focused is not None and app.focused.id == "scheme"
