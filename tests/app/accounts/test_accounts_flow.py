"""The accounts screens driven like a user would, checked in the database."""

from __future__ import annotations

from katerm.app.accounts.account import AccountScreen
from katerm.app.accounts.contacts import ContactFormScreen, ContactsPane
from katerm.app.accounts.screen import AccountsScreen
from katerm.app.widgets.lazy_table import LazyTable
from katerm.core.accounts.read import get_account, list_contacts
from tests.app.conftest import settle


def contact_rows(ws, account_id, *, deleted=None):
    sql = "SELECT name, deleted FROM contacts WHERE account_id = ?"
    with ws.db.reading() as conn:
        rows = conn.execute(sql, (account_id,)).fetchall()
    return [(n, d) for n, d in rows if deleted is None or d == deleted]


async def test_search_open_edit_add_delete_undo(workspace, sample, make_app):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, AccountsScreen)
        table = screen.query_one(LazyTable)
        assert table.row_count == len(sample)

        # search narrows the table as you type
        await pilot.press("slash", *"明珠")
        await settle(pilot)
        assert table.row_count == 1
        await pilot.press("enter", "enter")  # leave the search box, open the account
        await settle(pilot)
        detail = app.screen
        assert isinstance(detail, AccountScreen)
        target = sample["上海明珠电子科技有限公司"]
        assert detail.account_id == target

        # a negative revenue: inline error, nothing saved
        revenue = detail.query_one("#input-annual_revenue")
        revenue.focus()
        revenue.value = ""
        await pilot.press(*"-5", "ctrl+s")
        await settle(pilot)
        assert detail.query_one("#field-annual_revenue").has_class("-invalid")
        assert "0 or more" in str(detail.query_one("#error-annual_revenue").render())
        assert get_account(workspace.db, target).annual_revenue == 6_000_000

        # a valid value saves and clears the error
        revenue.value = ""
        await pilot.press(*"7500000", "ctrl+s")
        await settle(pilot)
        assert not detail.query_one("#field-annual_revenue").has_class("-invalid")
        assert get_account(workspace.db, target).annual_revenue == 7_500_000

        # add a contact on the contacts tab
        detail.query_one("#tabs").active = "tab-contacts"
        await settle(pilot)
        pane = detail.query_one(ContactsPane)
        pane.query_one("DataTable").focus()
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, ContactFormScreen)
        await pilot.press(*"Wang Fang", "tab", *"CTO", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, AccountScreen)
        names = [c.name for c in list_contacts(workspace.db, target)]
        assert "Wang Fang" in names

        # delete it (with confirmation), then undo
        pane.query_one("DataTable").focus()
        row = [c.name for c in pane.contacts].index("Wang Fang")
        pane.query_one("DataTable").move_cursor(row=row)
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert ("Wang Fang", 1) in contact_rows(workspace, target)
        await pilot.press("u")
        await settle(pilot)
        assert ("Wang Fang", 0) in contact_rows(workspace, target)
        assert "Wang Fang" in [c.name for c in pane.contacts]


async def test_an_invalid_contact_shows_errors_and_saves_nothing(workspace, sample, make_app):
    app = make_app()
    target = sample["Acme Robotics"]
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.push_screen(ContactFormScreen(target, None))
        await settle(pilot)
        await pilot.press("tab", "tab", "tab", "tab", *"nope", "ctrl+s")  # email, no name
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ContactFormScreen)
        assert form.query_one("#field-name").has_class("-invalid")
        assert form.query_one("#field-email").has_class("-invalid")
    assert [c.name for c in list_contacts(workspace.db, target)] == ["Contact of Acme"]


async def test_deleting_an_account_from_the_list_and_undoing_it(workspace, sample, make_app):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(LazyTable)
        first = app.screen.selected_id()
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert table.row_count == len(sample) - 1
        assert get_account(workspace.db, first).deleted
        await pilot.press("u")
        await settle(pilot)
        assert table.row_count == len(sample)
        assert not get_account(workspace.db, first).deleted


async def test_new_account_form_requires_a_unique_name(workspace, sample, make_app):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        form_screen = app.screen
        assert isinstance(form_screen, AccountScreen) and form_screen.account_id is None
        await pilot.press(*"acme robotics", "ctrl+s")
        await settle(pilot)
        assert form_screen.query_one("#field-name").has_class("-invalid")
        name = form_screen.query_one("#input-name")
        name.value = ""
        await pilot.press(*"Globex", "ctrl+s")
        await settle(pilot)
    with workspace.db.reading() as conn:
        rows = conn.execute("SELECT name, owner_id FROM accounts WHERE name = 'Globex'").fetchall()
    assert rows == [("Globex", workspace.me.id)]


async def test_sorting_by_clicking_a_header_and_by_key(workspace, sample, make_app):
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        await pilot.press("s")  # tier -> lifecycle
        await settle(pilot)
        assert screen.current.sort == "lifecycle"
        screen.query_one(LazyTable).post_message(
            LazyTable.HeaderClicked(screen.query_one(LazyTable), "annual_revenue")
        )
        await settle(pilot)
        assert screen.current.sort == "annual_revenue" and screen.current.descending
        first = screen.selected_id()
        assert first == sample["上海明珠电子科技有限公司"]


async def test_on_demo_data_search_narrows_and_an_edit_saves(workspace, make_app):
    from katerm.core.demo import generate

    generate(workspace, accounts=120, seed=11, lang="zh_CN")
    with workspace.db.reading() as conn:
        target, name = conn.execute(
            "SELECT id, name FROM accounts ORDER BY annual_revenue DESC LIMIT 1"
        ).fetchone()
    app = make_app("zh_CN")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(LazyTable)
        assert table.row_count == 120
        await pilot.press("slash", *name[2:6])  # a piece from the middle of the name
        await settle(pilot)
        assert 1 <= table.row_count < 120
        shown = [app.screen.index.ids[i] for i in app.screen.view.order]
        assert target in shown
        table.cursor_row = shown.index(target)
        table.focus()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, AccountScreen) and app.screen.account_id == target
        revenue = app.screen.query_one("#input-annual_revenue")
        revenue.focus()
        revenue.value = ""
        await pilot.press(*"8888万", "ctrl+s")
        await settle(pilot)
    assert get_account(workspace.db, target).annual_revenue == 88_880_000


async def test_figures_left_blank_are_shown_back_blank_not_as_zero(workspace, sample, make_app):
    """A new account saved with its order count and the customer's own revenue left blank
    showed "0" in both after saving, a value the user never typed."""
    app = make_app("zh_CN")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press(*"Initech", "ctrl+s")
        await settle(pilot)
        form = app.screen  # the saved account, opened
        assert isinstance(form, AccountScreen) and form.account_id is not None
        shown = {
            k: form.query_one(f"#input-{k}").value for k in ("annual_orders", "company_revenue")
        }
        assert shown == {"annual_orders": "", "company_revenue": ""}
        form.query_one("#input-annual_revenue").value = "500万"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert form.query_one("#input-annual_revenue").value == "500万"  # as typed
        assert form.query_one("#input-annual_orders").value == ""
    saved = get_account(workspace.db, form.account_id)
    assert (saved.annual_orders, saved.company_revenue, saved.annual_revenue) == (0, 0, 5_000_000)


async def test_the_list_total_is_in_the_base_currency_as_on_the_pyramid(workspace, make_app):
    """Issue 18: 3.21亿 under the list, 3.20亿 on the pyramid for the same accounts: the list
    added HKD and USD figures as if they were yuan, and its column showed them so."""
    from katerm.core import money
    from katerm.core.accounts.edit import save_account

    money.set_rate(workspace.db, "USD", "7.1", workspace.me.id)
    for name, revenue, currency in (("Yuan", 1e8, "CNY"), ("Dollars", 3e7, "USD")):
        save_account(
            workspace, None, {"name": name, "annual_revenue": revenue, "currency": currency}
        )
    app = make_app("zh_CN")
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(LazyTable)
        shown = {table._row_cells(r)[0]: table._row_cells(r)[5] for r in range(2)}
        totals = str(app.screen.query_one("#totals").render())
    assert shown == {"Dollars": "≈ 2.13亿", "Yuan": "1.00亿"}  # not "3,000.00万"
    assert "销售额合计 ≈ 3.13亿" in totals  # not 1.30亿


async def test_a_converted_figure_is_not_cut_at_80_columns(workspace, make_app):
    from katerm.core import money
    from katerm.core.accounts.edit import save_account

    money.set_rate(workspace.db, "USD", "7.1", workspace.me.id)
    for name, revenue, currency in (
        ("Dollars Data Systems Holdings Co., Ltd.", 3e7, "USD"),
        ("Swiftmark Catering International Ltd.", 348_300, "CNY"),
    ):
        save_account(
            workspace, None, {"name": name, "annual_revenue": revenue, "currency": currency}
        )
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(LazyTable)
        widths = {c.key: w for c, w in table._layout}
        assert table._row_cells(0)[5] == "≈ 213,000,000"
    assert widths["annual_revenue"] >= len("≈ 213,000,000")  # was "≈ 213,000,0…"
