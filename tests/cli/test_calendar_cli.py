"""`katerm calendar -o FILE.ics`: parsed back with icalendar, as a calendar app would."""

from __future__ import annotations

from datetime import date

import pytest
from icalendar import Calendar

from katerm.core import store
from katerm.core.accounts.edit import save_contact
from katerm.core.cards.edit import save_card, save_key_date
from tests.core.plan_helpers import account, add_user


@pytest.fixture
def dated(workspace, monkeypatch):
    monkeypatch.setenv("KATERM_NOW", "2026-11-27T09:00:00+08:00")
    seller = add_user(workspace, "li", "Li", workspace.me.id)
    stranger = add_user(workspace, "zhao", "Zhao", None)  # a peer: not below me
    acc, _ = account(workspace, name="上海明珠", owner=seller, contacts=0)
    other, _ = account(workspace, name="Hidden Co", owner=stranger, contacts=0)
    boss = save_contact(workspace, acc, None, {"name": "张总", "birthday": "1970-12-01"})
    save_key_date(
        workspace,
        acc,
        None,
        {"kind": "company_event", "day": "1998-12-18", "label": "Founding day"},
    )
    save_key_date(
        workspace,
        acc,
        None,
        {"contact_id": boss, "kind": "birthday", "day": "02-29", "label": "Wife's birthday"},
    )
    save_key_date(
        workspace,
        acc,
        None,
        {"kind": "other", "day": "2026-12-05", "yearly": False, "label": "Plant opening"},
    )
    save_key_date(workspace, other, None, {"kind": "holiday", "day": "12-02", "label": "Not mine"})
    save_card(workspace, boss, {"next_review": "2026-12-20"}, today=date(2026, 11, 27))
    hidden = save_contact(workspace, other, None, {"name": "Li Na"})
    rows = [
        ("g1", seller, acc, boss, "Dinner with 张总", "2026-11-20", "open"),
        ("g2", seller, acc, boss, "Already done", "2026-12-01", "done"),
        ("g3", stranger, other, hidden, "Not mine either", "2026-12-01", "open"),
        ("g4", seller, acc, boss, "Too far ahead", "2027-06-01", "open"),
    ]
    with workspace.db.writing() as conn:  # the gap table (issue 7 part A), several rows a person
        store.apply(
            conn,
            "gap_rows",
            [
                store.Change(
                    i,
                    {
                        "owner_id": owner,
                        "account_id": account_id,
                        "contact_id": contact,
                        "next_action": action,
                        "due_date": due,
                        "status": status,
                    },
                    new=True,
                )
                for i, owner, account_id, contact, action, due, status in rows
            ],
            actor_id=workspace.me.id,
        )
    return acc


def events(path) -> dict[str, dict]:
    cal = Calendar.from_ical(path.read_bytes())
    return {str(e["summary"]): e for e in cal.walk("VEVENT")}


def test_the_file_holds_key_dates_reviews_and_gap_actions(cli, dated, tmp_path):
    target = tmp_path / "accounts.ics"
    result = cli("calendar", "-o", str(target), "--days", "60")
    assert result.code == 0, result.err
    assert "4 events" in result.out
    found = events(target)
    assert sorted(found) == [
        "Dinner with 张总 · 张总",
        "Founding day: 上海明珠",
        "Plant opening: 上海明珠",
        "Review the expansion card: 张总 (上海明珠)",
    ]
    founding = found["Founding day: 上海明珠"]
    assert founding["dtstart"].dt == date(2026, 12, 18)
    assert founding["rrule"]["FREQ"] == ["YEARLY"]
    assert "rrule" not in found["Plant opening: 上海明珠"]
    assert found["Dinner with 张总 · 张总"]["dtstart"].dt == date(2026, 11, 20)  # overdue
    assert found["Review the expansion card: 张总 (上海明珠)"]["dtstart"].dt == date(2026, 12, 20)
    # Importing a newer file updates events: the ids do not change from run to run.
    again = tmp_path / "again.ics"
    assert cli("calendar", "-o", str(again), "--days", "60").code == 0
    assert {str(e["uid"]) for e in events(again).values()} == {
        str(e["uid"]) for e in found.values()
    }


def test_birthdays_only_when_asked(cli, dated, tmp_path):
    target = tmp_path / "personal.ics"
    result = cli("calendar", "-o", str(target), "--days", "365", "--include-personal")
    assert result.code == 0, result.err
    found = events(target)
    birthday = found["Birthday: 张总 (上海明珠)"]
    assert birthday["dtstart"].dt == date(2026, 12, 1)
    assert birthday["rrule"]["FREQ"] == ["YEARLY"]
    wife = found["Wife's birthday: 张总 (上海明珠)"]
    assert wife["dtstart"].dt == date(2027, 2, 28)
    assert (wife["rrule"]["BYMONTH"], wife["rrule"]["BYMONTHDAY"]) == ([2], [-1])
    assert "Too far ahead · 张总" in found  # due within the year asked for
    private = tmp_path / "private.ics"
    assert cli("calendar", "-o", str(private), "--days", "365").code == 0
    assert not [s for s in events(private) if "birthday" in s.casefold()]


@pytest.mark.parametrize("args", [["--days", "0"], ["--days", "soon"]])
def test_bad_days_are_refused(cli, dated, tmp_path, args):
    target = tmp_path / "x.ics"
    result = cli("calendar", "-o", str(target), *args)
    assert result.code == 2 and "--days" in result.err
    assert not target.exists()


def test_a_bad_path_writes_nothing(cli, dated, tmp_path):
    missing = tmp_path / "no" / "such" / "x.ics"
    result = cli("calendar", "-o", str(missing))
    assert result.code == 2 and "does not exist" in result.err
    result = cli("calendar", "-o", str(tmp_path))
    assert result.code == 2 and "is a folder" in result.err
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        result = cli("calendar", "-o", str(locked / "x.ics"))
    finally:
        locked.chmod(0o700)
    if result.code == 0:  # running as root: permissions do not stop us
        assert (locked / "x.ics").exists()
    else:
        assert result.code == 2 and "cannot be written" in result.err
        assert list(locked.iterdir()) == []
