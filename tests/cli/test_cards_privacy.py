"""Birthdays, family and preferences are personal: out of exports and calendars unless asked."""

from __future__ import annotations

from katerm.core.accounts.edit import save_contact
from katerm.core.cards.edit import save_key_date
from tests.core.plan_helpers import account


def test_export_leaves_personal_dates_out_unless_asked(cli, workspace):
    acc, _ = account(workspace, name="上海明珠", contacts=0)
    boss = save_contact(workspace, acc, None, {"name": "张总", "birthday": "1970-12-01"})
    save_key_date(
        workspace,
        acc,
        None,
        {"contact_id": boss, "kind": "birthday", "day": "05-20", "label": "女儿生日"},
    )
    plain = cli("export", "contacts", "--format", "csv")
    assert plain.code == 0, plain.err
    assert "张总" in plain.out
    for secret in ("birthday", "1970-12-01", "女儿生日", "05-20"):
        assert secret not in plain.out
    asked = cli("export", "contacts", "--format", "csv", "--include-personal")
    assert "1970-12-01" in asked.out and "birthday" in asked.out.splitlines()[0]
    assert "女儿生日" not in asked.out  # key dates are not contact columns at all
    debug = cli("--debug", "export", "contacts", "--format", "json")
    assert "1970-12-01" not in debug.out + debug.err
