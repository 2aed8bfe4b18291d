"""The account form shows money as the lists do, and keeps the exact figure unless edited.

The walk found ``7823.38万`` and ``1.37194亿`` in the form while the list said ``7,823.38万``
and ``1.37亿``: the form wrote figures its own way."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from katerm.app.accounts.account import MONEY_FIELDS, AccountScreen
from katerm.core.accounts.edit import save_account
from katerm.core.accounts.read import get_account
from katerm.i18n.fmt import fmt_money, fmt_money_field
from tests.app.conftest import settle

FIGURES = {
    "annual_revenue": 78_233_812.0,
    "contract_value": 92_439_000.0,
    "potential_revenue": 137_194_000.0,
    "company_revenue": 6_000_000.0,
}


@pytest.mark.parametrize(
    ("lang", "shown"),
    [
        (
            "zh_CN",
            {
                "annual_revenue": "7,823.38万",
                "potential_revenue": "1.37亿",
                "contract_value": "9,243.90万",
                "company_revenue": "600万",
            },
        ),
        ("en", {"annual_revenue": "78,233,812", "potential_revenue": "137,194,000"}),
    ],
)
async def test_money_reads_as_in_the_list_and_saving_unedited_keeps_it(
    workspace, make_app, lang, shown
):
    account = save_account(workspace, None, {"name": "常州富创", "tier": "A", **FIGURES})
    app = make_app(lang)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        app.push_screen(AccountScreen(account))
        await settle(pilot)
        screen = app.screen
        for key in MONEY_FIELDS:  # the lists' own formatter (a round figure without .00)
            value = screen.query_one(f"#input-{key}", Input).value
            assert value == fmt_money_field(FIGURES[key], lang)
            figure = FIGURES[key]
            assert value in (fmt_money(figure, lang), fmt_money(figure, lang, trim=True))
        for key, text in shown.items():
            assert screen.query_one(f"#input-{key}", Input).value == text

        # Another field edited and saved: the rounded money is not saved over the exact one.
        screen.query_one("#input-region", Input).value = "华东"
        await pilot.press("ctrl+s")
        await settle(pilot)
        record = get_account(workspace.db, account)
        assert record.region == "华东"
        assert {k: getattr(record, k) for k in FIGURES} == FIGURES

        # Edited money is read as typed, in the list's style.
        screen.query_one("#input-potential_revenue", Input).value = fmt_money(2.5e8, lang)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert get_account(workspace.db, account).potential_revenue == 2.5e8
