"""Saving accounts and contacts: every rule checked, nothing written when one fails."""

from __future__ import annotations

import pytest

from katerm.core.accounts.edit import delete_record, restore_record, save_account, save_contact
from katerm.core.accounts.read import get_account, list_contacts
from katerm.core.errors import ValidationFailed


def outbox_size(ws):
    with ws.db.reading() as conn:
        return conn.execute("SELECT count(*) FROM outbox").fetchone()[0]


def test_a_new_account_gets_defaults_and_belongs_to_me(workspace):
    acc = save_account(workspace, None, {"name": "  Acme  ", "annual_revenue": "500万"})
    record = get_account(workspace.db, acc)
    assert record.name == "Acme" and record.annual_revenue == 5_000_000
    assert record.owner_id == workspace.me.id and record.currency == "CNY"
    assert record.lifecycle == "customer"  # buys from us already


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"name": ""}, "name"),
        ({"name": "X", "annual_revenue": "-5"}, "annual_revenue"),
        ({"name": "X", "contract_value": "lots"}, "contract_value"),
        ({"name": "X", "tier": "Z"}, "tier"),
        ({"name": "X", "currency": "yuan"}, "currency"),
        ({"name": "X", "lifecycle": "sleeping"}, "lifecycle"),
    ],
)
def test_bad_values_are_refused_and_nothing_is_written(workspace, values, field):
    before = outbox_size(workspace)
    with pytest.raises(ValidationFailed) as info:
        save_account(workspace, None, values)
    assert field in info.value.by_field()
    assert outbox_size(workspace) == before


def test_every_problem_is_reported_at_once(workspace):
    with pytest.raises(ValidationFailed) as info:
        save_account(workspace, None, {"name": "", "annual_revenue": "-1", "tier": "Q"})
    assert set(info.value.by_field()) == {"name", "annual_revenue", "tier"}


def test_names_are_unique_ignoring_case_and_spaces(workspace):
    save_account(workspace, None, {"name": "Acme"})
    with pytest.raises(ValidationFailed) as info:
        save_account(workspace, None, {"name": " acme "})
    assert "name" in info.value.by_field()


def test_an_edit_keeps_the_fields_it_does_not_touch(workspace):
    acc = save_account(workspace, None, {"name": "Acme", "region": "North", "tier": "B"})
    save_account(workspace, acc, {"annual_revenue": "1234567"})
    record = get_account(workspace.db, acc)
    assert (record.region, record.tier, record.annual_revenue) == ("North", "B", 1234567)
    save_account(workspace, acc, {"name": "Acme"})  # its own name is not "taken"


def test_contacts_belong_to_the_account_owner_and_can_be_deleted_and_restored(workspace):
    acc = save_account(workspace, None, {"name": "Acme"})
    contact = save_contact(
        workspace, acc, None, {"name": "李雷", "title": "采购总监", "birthday": "1980年3月5日"}
    )
    (found,) = list_contacts(workspace.db, acc)
    assert found.name == "李雷" and found.birthday.isoformat() == "1980-03-05"
    delete_record(workspace, "contacts", contact)
    assert list_contacts(workspace.db, acc) == []
    restore_record(workspace, "contacts", contact)
    assert [c.id for c in list_contacts(workspace.db, acc)] == [contact]


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"name": ""}, "name"),
        ({"name": "A", "email": "not-an-email"}, "email"),
        ({"name": "A", "birthday": "32/13/2020"}, "birthday"),
        ({"name": "A", "phone": "call me"}, "phone"),
    ],
)
def test_bad_contact_values_are_refused(workspace, values, field):
    acc = save_account(workspace, None, {"name": "Acme"})
    with pytest.raises(ValidationFailed) as info:
        save_contact(workspace, acc, None, values)
    assert field in info.value.by_field()
    assert list_contacts(workspace.db, acc) == []


@pytest.mark.now("2026-11-27")
def test_a_name_field_offers_every_name_containing_the_text_last_worked_on_first(workspace):
    """``sky``: every account with it in the name, not only the shortest that starts so; the
    one the user last logged an activity for comes first, then names starting so."""
    from katerm.core.accounts import match_names
    from katerm.core.reviews import log_activity

    for name in ("Skyhaven", "Skystream Properties", "Blue Sky Ltd", "Acme"):
        save_account(workspace, None, {"name": name})
    names = lambda text: match_names(workspace.db, workspace.me.id, text)  # noqa: E731
    assert names("sky") == ["Skyhaven", "Skystream Properties", "Blue Sky Ltd"]
    log_activity(
        workspace,
        {"account": "Blue Sky Ltd", "kind": "visit", "date": "2026-11-26", "time": "10:00"},
    )
    assert names("SKY") == ["Blue Sky Ltd", "Skyhaven", "Skystream Properties"]
    assert names("stream") == ["Skystream Properties"]
    assert names("zzz") == [] and names("  ") == []
    assert names("x" * 10_000) == []  # longer than any name: nothing, not an SQLite error


def test_a_name_field_finds_chinese_names_by_pinyin_initials(workspace):
    from katerm.core.accounts import match_names

    for name in ("成都飞驰汽车", "上海明珠电子", "Chengdu Fixtures"):
        save_account(workspace, None, {"name": name})
    assert match_names(workspace.db, workspace.me.id, "czfc") == []
    assert match_names(workspace.db, workspace.me.id, "cdfc") == ["成都飞驰汽车"]
    assert match_names(workspace.db, workspace.me.id, "MZ") == ["上海明珠电子"]
    assert match_names(workspace.db, workspace.me.id, "明珠") == ["上海明珠电子"]
    assert match_names(workspace.db, workspace.me.id, "ch") == ["Chengdu Fixtures"]
