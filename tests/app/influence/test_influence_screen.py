"""The influence map screen: the same map as the CLI, deleting and moving people, bad input,
narrow terminals, pictures, and the account tab."""

from __future__ import annotations

import re

import pytest

from katerm.app.influence.screen import InfluenceScreen
from katerm.app.influence.tab import InfluenceTab, WarningsList
from katerm.app.influence.tree import InfluenceTree
from katerm.core.accounts.edit import save_account
from katerm.core.influence.edit import save_line, save_person
from katerm.core.influence.read import load_map
from katerm.core.influence.text import tree_text
from tests.app.conftest import settle


def tree_lines(tree: InfluenceTree) -> list[str]:
    return [
        "".join(seg.text for seg in tree.render_line(y)).rstrip() for y in range(tree.row_count)
    ]


def warning_texts(warnings: WarningsList) -> list[str]:
    return [str(warnings.get_option_at_index(i).prompt) for i in range(warnings.option_count)]


@pytest.fixture
def small(workspace):
    account = save_account(workspace, None, {"name": "Acme Robotics", "tier": "A"})
    gm = save_person(workspace, account, None, {"name": "GM", "role": "decision_maker"})
    cio = save_person(workspace, account, None, {"name": "CIO", "reports_to": gm})
    eng = save_person(workspace, account, None, {"name": "Eng", "reports_to": cio})
    save_line(workspace, account, eng, gm, "weak")
    return {"account": account, "gm": gm, "cio": cio, "eng": eng}


def boss_of(ws, contact_id):
    with ws.db.reading() as conn:
        return conn.execute(
            "SELECT reports_to FROM contacts WHERE id = ?", (contact_id,)
        ).fetchone()[0]


async def open_map(app, pilot, account_id):
    app.current_account_id = account_id
    await settle(pilot)
    await pilot.press("3")
    await settle(pilot)
    screen = app.screen
    assert isinstance(screen, InfluenceScreen)
    return screen


async def test_the_screen_shows_the_same_tree_and_warnings_as_katerm_influence(
    workspace, make_app, cli
):
    from katerm.core.demo import generate

    generate(workspace, accounts=60, seed=3)
    with workspace.db.reading() as conn:
        accounts = [
            r[0]
            for r in conn.execute(
                "SELECT id FROM accounts WHERE tier_revenue IN ('A', 'B') ORDER BY name"
            )
        ]
        warned = next(a for a in accounts if load_map(conn, a).warnings)
    printed = cli("influence", warned, "--format", "text")
    assert printed.code == 0, printed.err
    data = cli("influence", warned, "--format", "json")
    import json

    messages = [w["message"] for w in json.loads(data.out)["warnings"]]
    app = make_app()
    async with app.run_test(size=(200, 60)) as pilot:
        screen = await open_map(app, pilot, warned)
        shown = tree_lines(screen.query_one(InfluenceTree))
        assert len(shown) >= 3
        # As `katerm influence` prints it in a terminal (to a pipe, titles are not cut).
        with workspace.db.reading() as conn:
            lines = tree_text(load_map(conn, warned))
        start = lines.index(shown[0])
        assert lines[start : start + len(shown)] == shown
        assert warning_texts(screen.query_one(WarningsList)) == [f"⚠ {m}" for m in messages]


async def test_deleting_a_boss_moves_their_reports_up_and_u_undoes_it(workspace, make_app, small):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_map(app, pilot, small["account"])
        screen.tree.select(small["cio"])
        await pilot.press("d")
        await settle(pilot)
        assert "1 person reports to them; they will report to GM" in str(
            app.screen.query_one("#question").render()
        )
        await pilot.press("y")
        await settle(pilot)
        assert boss_of(workspace, small["eng"]) == small["gm"]
        assert [r.person.name for r in screen.map.rows] == ["GM", "Eng"]
        await pilot.press("u")
        await settle(pilot)
        assert boss_of(workspace, small["eng"]) == small["cio"]
        assert [r.person.name for r in screen.map.rows] == ["GM", "CIO", "Eng"]


async def test_moving_a_person_by_keys_and_a_circle_refused_inline(workspace, make_app, small):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_map(app, pilot, small["account"])
        screen.tree.select(small["eng"])
        await pilot.press("m")
        await settle(pilot)
        await pilot.press(*"GM", "enter")
        await settle(pilot)
        assert boss_of(workspace, small["eng"]) == small["gm"]
        # The form refuses a boss below the person, beside the field, and saves nothing.
        screen.tree.select(small["gm"])
        await pilot.press("e")
        await settle(pilot)
        form = screen.panel.form
        form.control("reports_to").value = small["cio"]
        form.control("name").value = ""
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "circle: GM → CIO → GM" in str(screen.query_one("#error-reports_to").render())
        assert "Required" in str(screen.query_one("#error-name").render())
        assert boss_of(workspace, small["gm"]) is None


async def test_at_80_columns_the_panel_shows_only_while_editing(workspace, make_app, small):
    app = make_app("zh_CN")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_map(app, pilot, small["account"])
        assert not screen.panel.display
        await pilot.press("e")
        await settle(pilot)
        assert screen.panel.display and screen.panel.editing
        await pilot.press("escape")
        await settle(pilot)
        assert not screen.panel.display and app.focused is screen.tree


async def test_the_map_saves_as_an_svg_picture(workspace, make_app, small):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_map(app, pilot, small["account"])
        await pilot.press("p")
        await settle(pilot)
    pictures = list(workspace.paths.data_dir.glob("influence-Acme_Robotics*.svg"))
    assert len(pictures) == 1 and "<svg" in pictures[0].read_text(encoding="utf-8")


async def test_a_line_is_removed_from_the_lines_dialog(workspace, make_app, small):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_map(app, pilot, small["account"])
        screen.tree.select(small["eng"])
        await pilot.press("k")
        await settle(pilot)
        app.screen.query_one("#lines-list").focus()
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert screen.map.lines == []


async def test_the_account_tab_shows_the_map_and_o_opens_it(workspace, make_app, small):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        heading = str(app.screen.query_one("#heading").render())
        assert "Acme Robotics" in heading and "warnings" in heading
        app.screen.query_one("#tabs").active = "tab-influence"
        await settle(pilot)
        tab = app.screen.query_one(InfluenceTab)
        assert [r.person.name for r in tab.query_one(InfluenceTree).map.rows] == [
            "GM",
            "CIO",
            "Eng",
        ]
        tab.query_one(InfluenceTree).focus()
        await pilot.press("o")
        await settle(pilot)
        assert isinstance(app.screen, InfluenceScreen)
        assert app.screen.map.account_id == small["account"]


async def test_brackets_in_names_are_shown_as_typed(workspace, make_app):
    account = save_account(workspace, None, {"name": "Acme [Asia]", "tier": "A"})
    boss = save_person(
        workspace,
        account,
        None,
        {"name": "[b]Boss[/]", "influence": "high", "role": "decision_maker"},
    )
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await open_map(app, pilot, account)
        await settle(pilot)
        assert "Acme [Asia]" in str(screen.query_one("#heading").render())
        assert "[b]Boss[/]" in str(screen.query_one("#panel-title").render())
        assert tree_lines(screen.tree)[0].startswith("? [b]Boss[/]")
        assert any("[b]Boss[/]" in w for w in warning_texts(screen.query_one(WarningsList)))
        await pilot.press("m")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert screen.map.people[boss].name == "[b]Boss[/]"


async def test_with_no_account_open_the_map_shows_the_top_account(workspace, make_app):
    save_account(workspace, None, {"name": "Small Co", "tier": "C", "annual_revenue": 9e6})
    top = save_account(workspace, None, {"name": "Big Co", "tier": "A", "annual_revenue": 6e6})
    save_person(workspace, top, None, {"name": "Boss", "role": "decision_maker"})
    app = make_app("en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.current_account_id is None
        await pilot.press("3")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, InfluenceScreen)
        assert screen.map is not None and screen.map.account_id == top
        assert app.current_account_id == top  # other screens follow the same account
        assert "Boss" in tree_lines(screen.tree)[0]


async def test_the_map_shows_before_the_coverage_is_counted(
    workspace, make_app, small, monkeypatch
):
    """Who covers whom counts over every account's people, so it is read after the map is
    shown: the coverage view says it is counting until it comes, and the tree works meanwhile."""
    import threading

    import katerm.core.influence as influence_core

    release = threading.Event()
    original = influence_core.load_coverage

    def slow(*args, **kwargs):
        release.wait(10)
        return original(*args, **kwargs)

    monkeypatch.setattr(influence_core, "load_coverage", slow)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        try:
            app.current_account_id = small["account"]
            await settle(pilot)
            await pilot.press("3")
            for _ in range(200):
                await pilot.pause(0.02)
                screen = app.screen
                if isinstance(screen, InfluenceScreen) and screen.map is not None:
                    break
            await pilot.pause(0.1)
            assert "GM" in tree_lines(screen.tree)[0]
            await pilot.press("c")
            await pilot.pause(0.1)
            text = str(screen.query_one("#coverage-text").render())
            assert "Counting who covers whom…" in text
        finally:
            release.set()
        await settle(pilot)
        text = str(screen.query_one("#coverage-text").render())
        assert "Counting" not in text
        assert "Nobody on our side covers anyone here yet." in text


async def test_the_footer_offers_the_person_keys_once_a_map_is_shown(workspace, make_app, small):
    """An empty map dims e and d; when another account's map replaces it (no key pressed, no
    focus moved) the footer must say they act again (a flaky picture found it left dimmed)."""
    from textual.widgets._footer import FooterKey

    empty = save_account(workspace, None, {"name": "Empty Ltd", "tier": "B"})
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:

        async def footer() -> dict[str, FooterKey]:
            for _ in range(3):  # the footer recomposes after the bindings change
                await pilot.pause(0.05)
            return {k.key: k for k in app.screen.query(FooterKey)}

        await open_map(app, pilot, empty)
        assert (await footer())["e"].has_class("-disabled")
        app.current_account_id = small["account"]
        await settle(pilot)
        assert app.screen.tree.row_count == 3
        keys = await footer()
        assert not keys["e"].has_class("-disabled") and not keys["d"].has_class("-disabled")


@pytest.mark.parametrize(
    ("lang", "line"), [("en", "Covered by: nobody"), ("zh_CN", "我方负责人：无人")]
)
async def test_the_panel_says_nobody_covers_a_person(workspace, make_app, small, lang, line):
    """The walk read "Covered by: uncovered" in the side panel."""
    app = make_app(lang)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_map(app, pilot, small["account"])
        shown = "\n".join(s.text for s in app.screen._compositor.render_strips())
        # The whole value: not 无人覆盖 (the CLI list's word) after the label.
        assert re.search(re.escape(line) + r"(?![\u4e00-\u9fffA-Za-z])", shown), shown
