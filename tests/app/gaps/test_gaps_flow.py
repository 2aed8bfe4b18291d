"""The gap table driven by keys, on demo data and on hand-made rows, checked in the database."""

from __future__ import annotations

from datetime import timedelta

from katerm.app.gaps.pane import GapPane
from katerm.app.gaps.screen import GapsScreen
from katerm.app.gaps.table import GapTable
from katerm.app.widgets.form import Form
from katerm.app.widgets.form_dialog import FormDialog
from katerm.core.accounts.edit import save_account
from katerm.core.demo import generate
from katerm.core.gaps import read as portfolio
from katerm.core.gaps.edit import save_gap
from katerm.core.influence.edit import save_person
from katerm.core.team import below
from tests.app.conftest import settle
from tests.conftest import PINNED_DAY

TODAY = PINNED_DAY  # the workspace clock's today; the demo places actions around it


def expected_order(ws) -> list[str]:
    with ws.db.reading() as conn:
        rows = portfolio.load(conn, below(conn, ws.me.id), trends=False)
    return [v.id for v in portfolio.order(rows, TODAY)]


def stored(ws, row_id):
    with ws.db.reading() as conn:
        row = conn.execute(
            "SELECT c.level, g.next_action, g.due_date, g.status FROM gap_rows g "
            "JOIN contacts c ON c.id = g.contact_id WHERE g.id = ?",
            (row_id,),
        ).fetchone()
        history = conn.execute(
            "SELECT old, new FROM gap_scores WHERE gap_row_id = ? AND "
            "dimension = 'level' AND target = 0 ORDER BY changed_at",
            (row_id,),
        ).fetchall()
    return row, history


async def replace_text(pilot, text: str) -> None:
    await pilot.press("end", "ctrl+u", *text)


async def open_editor(pilot, pane: GapPane) -> Form:
    await pilot.press("e")
    await settle(pilot)
    assert isinstance(pilot.app.screen, FormDialog)
    return pilot.app.screen.query_one(Form)


async def test_raise_a_score_set_an_action_and_mark_it_done_on_demo_data(workspace, make_app):
    generate(workspace, accounts=60, seed=7)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        assert isinstance(app.screen, GapsScreen)
        pane = app.screen.query_one(GapPane)
        table = app.screen.query_one(GapTable)
        assert [v.id for v in pane.shown] == expected_order(workspace)
        # A row that is not overdue, with room to climb: go to it with the arrow keys.
        start = next(
            i
            for i, v in enumerate(pane.shown)
            if not v.overdue(TODAY)
            and v.status == "open"
            and v.level_target - v.level_now >= 2
            and i < len(pane.shown) - 1
        )
        row = pane.shown[start]
        await pilot.press(*["down"] * start)
        assert pane.selected() == row
        level = row.level_now

        await pilot.press("plus")  # raise the overall level
        await settle(pilot)
        (now, *_), history = stored(workspace, row.id)
        assert now == level + 1
        assert history[-1] == (level, level + 1)
        order = expected_order(workspace)
        assert [v.id for v in pane.shown] == order
        assert order.index(row.id) >= start  # a smaller gap never moves a row up
        assert pane.selected().id == row.id  # the cursor follows the row

        form = await open_editor(pilot, pane)
        form.control("next_action").focus()
        await replace_text(pilot, "宴请了解预算")
        form.control("due_date").focus()
        yesterday = (TODAY - timedelta(days=1)).isoformat()
        await replace_text(pilot, yesterday)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, GapsScreen)
        (_, action, due, status), _ = stored(workspace, row.id)
        assert (action, due, status) == ("宴请了解预算", yesterday, "open")
        order = expected_order(workspace)
        assert [v.id for v in pane.shown] == order
        overdue = [v for v in pane.shown if v.overdue(TODAY)]
        assert row.id in [v.id for v in overdue]  # overdue now: up among the first
        assert order.index(row.id) < len(overdue)
        assert pane.selected().id == row.id

        await pilot.press("x")  # mark done
        await settle(pilot)
        (now, _, _, status), history = stored(workspace, row.id)
        assert status == "done" and now == level + 1
        assert [h for h in history if h[0] is not None][-1] == (level, level + 1)
        order = expected_order(workspace)
        assert [v.id for v in pane.shown] == order
        assert order.index(row.id) >= len(overdue) - 1  # out of the overdue group
        assert table.cursor_row == order.index(row.id)


async def _one_row_app(workspace, make_app):
    account = save_account(workspace, None, {"name": "上海明珠电子", "tier": "A"})
    boss = save_person(workspace, account, None, {"name": "张总", "influence": "high"})
    row = save_gap(
        workspace,
        boss,
        {
            "level_now": 2,
            "level_target": 4,
            "support_now": 3,
            "support_target": 4,
            "next_action": "宴请",
        },
    )
    return row, make_app()


async def test_bad_input_shows_beside_the_field_and_saves_nothing(workspace, make_app):
    row, app = await _one_row_app(workspace, make_app)
    before = stored(workspace, row)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        pane = app.screen.query_one(GapPane)
        for field, bad in (
            ("level", "6/4"),
            ("level", "-1/4"),
            ("support", "3/2"),
            ("due_date", "2026/13/45"),
            ("recognition", "x"),
        ):
            form = await open_editor(pilot, pane)
            form.control(field).focus()
            await replace_text(pilot, bad)
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert isinstance(app.screen, FormDialog), field  # still open
            box = form.query_one(f"#field-{field}")
            assert box.has_class("-invalid"), field
            assert str(form.query_one(f"#error-{field}").render()), field
            await pilot.press("escape", "d")  # leaving asks: discard what was typed
            await settle(pilot)
        assert stored(workspace, row) == before
        # Correcting a bad field takes its old error away at once (it no longer applies).
        form = await open_editor(pilot, pane)
        form.control("level").focus()
        await replace_text(pilot, "6/4")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert form.query_one("#field-level").has_class("-invalid")
        await replace_text(pilot, "3/4")
        await settle(pilot)
        assert not form.query_one("#field-level").has_class("-invalid")
        assert not str(form.query_one("#error-level").render())
        await pilot.press("escape", "d")  # 3/4 is not saved: leaving asks, d discards
        await settle(pilot)
        # Confirming the lower target saves it.
        form = await open_editor(pilot, pane)
        form.control("support").focus()
        await replace_text(pilot, "3/2")
        form.control("confirm_lower").focus()
        await pilot.press("enter", "down", "enter")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, GapsScreen)
    with workspace.db.reading() as conn:
        assert conn.execute(
            "SELECT support_now, support_target FROM gap_rows WHERE id = ?", (row,)
        ).fetchone() == (3, 2)


async def test_filters_and_the_account_tab(workspace, make_app):
    a = save_account(workspace, None, {"name": "上海明珠电子", "tier": "A"})
    b = save_account(workspace, None, {"name": "Northwind", "tier": "C"})
    for account, name, role, due in (
        (a, "张总", "decision_maker", "2020-01-01"),
        (a, "李工", "coach", None),
        (b, "Li Na", "coach", "2099-01-01"),
    ):
        mine = {"name": name, "role": role, "covered_by": workspace.me.id}
        person = save_person(workspace, account, None, mine)
        save_gap(workspace, person, {"level_target": 3, "next_action": "Call", "due_date": due})
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        pane = app.screen.query_one(GapPane)
        names = lambda: [v.contact for v in pane.shown]  # noqa: E731
        assert names()[0] == "张总" and len(names()) == 3
        await pilot.press("o")
        assert names() == ["张总"]
        await pilot.press("o", "r")  # the first role present: decision maker
        assert names() == ["张总"]
        await pilot.press("r")
        assert sorted(names()) == ["Li Na", "李工"]
        await pilot.press("f", "t", "t")  # tiers present: A, then C
        assert names() == ["Li Na"]
        await pilot.press("f", "m")
        assert len(names()) == 3  # all mine
        await pilot.press("m", "a")  # open the selected person's account on its gaps tab
        await settle(pilot)
        tab = app.screen.query_one("#tab-gaps GapPane", GapPane)
        assert tab.account_id == a
        assert [v.contact for v in tab.shown] == ["张总", "李工"]


async def test_score_a_new_person_on_the_tab_and_delete_with_undo(workspace, make_app):
    account = save_account(workspace, None, {"name": "上海明珠电子", "tier": "A"})
    save_person(workspace, account, None, {"name": "Chen Jie", "title": "Buyer"})
    save_person(workspace, account, None, {"name": "王伟", "role": "decision_maker"})
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        from katerm.app.accounts.account import AccountScreen

        await settle(pilot)
        app.push_screen(AccountScreen(account, tab="gaps"))
        await settle(pilot)
        pane = app.screen.query_one(GapPane)
        assert app.focused is pane.query_one(GapTable)
        assert pane.shown == []
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("enter")  # the first offered: the decision maker
        await settle(pilot)
        assert [v.contact for v in pane.shown] == ["王伟"]
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("y")  # confirm
        await settle(pilot)
        assert pane.shown == []
        await pilot.press("u")  # undo
        await settle(pilot)
        assert [v.contact for v in pane.shown] == ["王伟"]


async def test_h_shows_the_score_history(workspace, make_app):
    from katerm.app.gaps.dialogs import HistoryScreen

    _, app = await _one_row_app(workspace, make_app)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        await pilot.press("plus")
        await settle(pilot)
        await pilot.press("h")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        assert "Overall level: 2 → 3" in app.screen.lines[0]
        assert any("Overall level (target): — → 4" in x for x in app.screen.lines)
        assert app.screen.spark.startswith("▃▅")  # 2, then 3
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, GapsScreen)


async def test_the_account_tab_says_its_keys_and_tab_leads_into_the_table(workspace, make_app):
    from textual.widgets import Static, TabbedContent

    from katerm.app.accounts.account import AccountScreen

    account = save_account(workspace, None, {"name": "上海明珠电子", "tier": "A"})
    person = save_person(workspace, account, None, {"name": "王伟", "role": "decision_maker"})
    save_gap(workspace, person, {"level_target": 3})
    app = make_app("zh_CN")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.push_screen(AccountScreen(account))
        await settle(pilot)
        app.screen.query_one(TabbedContent).active = "tab-gaps"
        await settle(pilot)
        pane = app.screen.query_one("#tab-gaps GapPane", GapPane)
        table = pane.query_one(GapTable)

        def hint() -> str:
            return str(pane.query_one("#gap-hint", Static).render())

        # Switching tabs put the focus in the table: the hint says its keys, not to go there
        # (it said "按 Tab 进入表格后", and Tab would have left the table).
        assert app.focused is table
        assert hint().startswith("n 评估新人") and "Tab" not in hint()
        app.screen.set_focus(None)  # the focus elsewhere: now it says how to get in
        await settle(pilot)
        assert hint().startswith("按 Tab 进入表格后") and "n 评估新人" in hint()
        await pilot.press("tab")
        await settle(pilot)
        assert app.focused is table  # the hint tells the truth
        assert "Tab" not in hint()


async def test_the_empty_gaps_screen_of_a_first_run_names_its_keys_without_crashing(
    workspace, make_app, monkeypatch
):
    """On a fresh home nobody opened an account yet, so the account screen's module (which
    declares its tab key) was not imported: the gaps screen's empty text asked for that key
    and the app crashed (KeyError: 'account.tab_right'). Now the key is looked up anyway."""
    from katerm.app import keynames

    declared = {k: v for k, v in keynames.DECLARED.items() if not k.startswith("account.")}
    monkeypatch.setattr(keynames, "DECLARED", declared)  # as in a process that just started
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        said = [n.message for n in app._notifications]
    assert app.return_code in (None, 0)
    assert any("]" in m and "Gaps" in m for m in said), said
