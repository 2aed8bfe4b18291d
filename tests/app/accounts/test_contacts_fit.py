"""The Contacts tab at 80 columns: a value too long for its cell ends in …, never cut bare by
the screen's edge ("lu.dongping@cz-f" read as a wrong address; walk s9b, item 16)."""

from __future__ import annotations

import pytest

from katerm.app.accounts.account import AccountScreen
from katerm.core.accounts.edit import save_account, save_contact
from tests.app.conftest import settle

PEOPLE = [
    ("卢东平", "首席信息官兼数字化转型负责人", "lu.dongping@cz-fuchuang-network.com"),
    ("Alice Brooks", "Director of Operations", "alice.brooks@stoneline-beverages-hz.com"),
]


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
async def test_every_cut_contact_cell_ends_in_an_ellipsis(workspace, make_app, lang):
    account = save_account(workspace, None, {"name": "常州富创网络科技有限公司", "tier": "A"})
    for name, title, email in PEOPLE:
        save_contact(
            workspace,
            account,
            None,
            {"name": name, "title": title, "phone": "17630983440", "email": email},
        )
    app = make_app(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, AccountScreen)
        await pilot.press("right_square_bracket")  # the Contacts tab
        await settle(pilot)
        lines = [strip.text for strip in app.screen._compositor.render_strips()]
        for name, title, email in PEOPLE:
            row = next(line for line in lines if line.startswith(f" {name} "))
            for value in (title, email):
                cut = any(value[:k].rstrip() + "…" in row for k in range(3, len(value)))
                assert value in row or cut, (value, row)
            assert any(part.startswith(email[:6]) for part in row.split()), row  # not hidden
