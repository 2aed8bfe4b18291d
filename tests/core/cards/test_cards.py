"""Expansion cards: scheduling, validation, key dates and events, what falls due."""

from __future__ import annotations

from datetime import date

import pytest

from katerm.core.cards.due import due_key_dates, due_reviews
from katerm.core.cards.edit import (
    delete_event,
    record_event,
    review_done,
    save_card,
    save_key_date,
    save_strategic,
)
from katerm.core.cards.read import list_strategic, load_card, load_cards
from katerm.core.cards.schedule import add_months, next_review
from katerm.core.errors import ValidationFailed
from katerm.core.influence.edit import save_person
from katerm.core.influence.read import load_map
from katerm.core.plan.related import strategic_lines
from tests.core.plan_helpers import account

TODAY = date(2026, 11, 30)
pytestmark = pytest.mark.now(TODAY.isoformat())


def count(ws, table: str) -> int:
    with ws.db.reading() as conn:
        return conn.execute(f"SELECT count(*) FROM {table} WHERE deleted = 0").fetchone()[0]


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2026, 11, 30), 3, date(2027, 2, 28)),
        (date(2027, 11, 30), 3, date(2028, 2, 29)),
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2026, 10, 15), 3, date(2027, 1, 15)),
        (date(2026, 12, 31), 3, date(2027, 3, 31)),
        (date(2026, 3, 31), -1, date(2026, 2, 28)),
    ],
)
def test_months_are_added_with_month_ends_clamped(start, months, expected):
    assert add_months(start, months) == expected


def test_a_new_card_is_reviewed_in_three_months_and_a_review_schedules_the_next(workspace):
    _acc, (person,) = account(workspace)
    card = save_card(workspace, person, {"commitments": "Pilot by March"}, today=TODAY)
    with workspace.db.reading() as conn:
        found = load_card(conn, person)
    assert (found.card_id, found.next_review) == (card, date(2027, 2, 28))
    assert review_done(workspace, card, reviewed_on=date(2027, 3, 1)) == date(2027, 6, 1)
    assert (
        save_card(
            workspace,
            person,
            {"sponsor_criteria": ["shared_history", "equal_rank"], "sponsor_id": workspace.me.id},
            today=TODAY,
        )
        == card
    )
    with workspace.db.reading() as conn:
        found = load_card(conn, person)
    assert found.next_review == date(2027, 6, 1)
    assert found.criteria == ("equal_rank", "shared_history")  # the book's order
    assert found.sponsor_id == workspace.me.id and found.commitments == "Pilot by March"
    assert count(workspace, "expansion_cards") == 1
    assert next_review(date(2026, 8, 31)) == date(2026, 11, 30)


def test_a_bad_card_names_every_bad_field_and_saves_nothing(workspace):
    _acc, (person,) = account(workspace)
    with pytest.raises(ValidationFailed) as caught:
        save_card(
            workspace,
            person,
            {
                "sponsor_criteria": "equal_rank,bribes",
                "sponsor_id": "nobody",
                "next_review": "2026-02-30",
            },
            today=TODAY,
        )
    assert set(caught.value.by_field()) == {"sponsor_criteria", "sponsor_id", "next_review"}
    assert count(workspace, "expansion_cards") == 0


@pytest.mark.parametrize(
    ("day", "yearly", "stored"),
    [
        ("1975-02-29", True, None),
        ("1976-02-29", True, "1976-02-29"),
        ("02-29", True, "02-29"),
        ("3月8日", True, "03-08"),
        ("03-08", False, None),
        ("2026/10/1", False, "2026-10-01"),
        ("13-01", True, None),
        ("", True, None),
    ],
)
def test_key_dates_take_full_dates_or_month_and_day_for_yearly_ones(workspace, day, yearly, stored):
    acc, (person,) = account(workspace)
    values = {"contact_id": person, "kind": "holiday", "day": day, "yearly": yearly}
    if stored is None:
        with pytest.raises(ValidationFailed) as caught:
            save_key_date(workspace, acc, None, values)
        assert set(caught.value.by_field()) == {"day"}
        assert count(workspace, "key_dates") == 0
        return
    row = save_key_date(workspace, acc, None, values)
    with workspace.db.reading() as conn:
        assert conn.execute(
            "SELECT day, personal FROM key_dates WHERE id = ?", (row,)
        ).fetchone() == (stored, 0)


def test_a_key_date_of_another_accounts_person_is_refused(workspace):
    acc, _ = account(workspace)
    _, (stranger,) = account(workspace, name="Other Co")
    with pytest.raises(ValidationFailed) as caught:
        save_key_date(
            workspace, acc, None, {"contact_id": stranger, "day": "2026-10-01", "kind": "party"}
        )
    assert set(caught.value.by_field()) == {"contact_id", "kind"}


def test_yearly_dates_wrap_the_year_and_leap_days_fall_on_the_28th(workspace):
    acc, (person,) = account(workspace)
    save_key_date(
        workspace,
        acc,
        None,
        {
            "contact_id": person,
            "kind": "birthday",
            "day": "1980-02-29",
            "label": "Zhang's birthday",
        },
    )
    save_key_date(
        workspace,
        acc,
        None,
        {"kind": "company_event", "day": "2001-01-02", "label": "Founding day"},
    )
    save_key_date(
        workspace,
        acc,
        None,
        {"kind": "other", "day": "2027-01-03", "yearly": False, "label": "Plant opening"},
    )
    save_key_date(
        workspace,
        acc,
        None,
        {"kind": "other", "day": "2028-01-03", "yearly": False, "label": "Too late"},
    )
    me = [workspace.me.id]
    with workspace.db.reading() as conn:
        winter = due_key_dates(conn, me, date(2026, 12, 28), date(2027, 3, 1))
        private = due_key_dates(
            conn, me, date(2026, 12, 28), date(2027, 3, 1), include_personal=False
        )
        leap = due_key_dates(conn, me, date(2028, 2, 28), date(2028, 2, 29))
        before = due_key_dates(conn, me, date(2000, 1, 1), date(2000, 1, 5))
    assert [(d.on, d.label) for d in winter] == [
        (date(2027, 1, 2), "Founding day"),
        (date(2027, 1, 3), "Plant opening"),
        (date(2027, 2, 28), "Zhang's birthday"),
    ]
    assert winter[0].since == 2001 and winter[2].personal and winter[2].who == "Person 0"
    assert [d.label for d in private] == ["Founding day", "Plant opening"]
    assert [(d.on, d.label) for d in leap] == [(date(2028, 2, 29), "Zhang's birthday")]
    assert before == []  # the company did not exist yet


def test_contact_birthdays_count_as_key_dates_too(workspace):
    from katerm.core.accounts.edit import save_contact

    acc, _ = account(workspace, contacts=0)
    save_contact(workspace, acc, None, {"name": "王总", "birthday": "1970-12-01"})
    with workspace.db.reading() as conn:
        found = due_key_dates(conn, [workspace.me.id], date(2026, 11, 30), date(2026, 12, 6))
        hidden = due_key_dates(
            conn, [workspace.me.id], date(2026, 11, 30), date(2026, 12, 6), include_personal=False
        )
    assert [(d.on, d.kind, d.who, d.since) for d in found] == [
        (date(2026, 12, 1), "birthday", "王总", 1970)
    ]
    assert hidden == []


def test_reviews_fall_due_for_their_relationship_owner(workspace):
    from tests.core.plan_helpers import add_user

    _acc, (a, b) = account(workspace, contacts=2)
    seller = add_user(workspace, "li", "Li", workspace.me.id)
    save_card(workspace, a, {"next_review": "2026-12-01"}, today=TODAY)
    save_card(
        workspace, b, {"next_review": "2026-12-10", "relationship_owner_id": seller}, today=TODAY
    )
    with workspace.db.reading() as conn:
        mine = due_reviews(conn, [workspace.me.id], date(2026, 12, 31))
        theirs = due_reviews(conn, [seller], date(2026, 12, 31))
        early = due_reviews(conn, [workspace.me.id, seller], date(2026, 11, 30))
    assert [(r.contact_name, r.on) for r in mine] == [("Person 0", date(2026, 12, 1))]
    assert [r.contact_name for r in theirs] == ["Person 1"]
    assert early == []


def test_someone_who_left_is_off_the_map_but_keeps_their_history(workspace):
    acc, (boss, coach, _other) = account(workspace, contacts=3)
    save_person(workspace, acc, boss, {"role": "decision_maker", "covered_by": workspace.me.id})
    save_person(
        workspace, acc, coach, {"role": "coach", "reports_to": boss, "covered_by": workspace.me.id}
    )
    card = save_card(workspace, coach, {"commitments": "Keep in touch"}, today=TODAY)
    record_event(workspace, coach, {"kind": "promotion", "day": "2026-06-01"}, today=TODAY)
    left = record_event(workspace, coach, {"kind": "left", "note": "Joined a rival"}, today=TODAY)
    with workspace.db.reading() as conn:
        current = load_map(conn, acc)
        cards = load_cards(conn, acc)
        history = load_card(conn, coach)
        reviews = due_reviews(conn, [workspace.me.id], date(2030, 1, 1))
    assert coach not in current.people and boss in current.people
    assert "no_coach" in [w.code for w in current.warnings]
    assert history.card_id == card and history.left_on == TODAY
    assert [e.kind for e in history.events] == ["left", "promotion"]
    assert cards.people[-1].contact_id == coach  # still listed, after those still there
    assert reviews == []  # no more reviews for someone who left
    delete_event(workspace, left)
    with workspace.db.reading() as conn:
        assert coach in load_map(conn, acc).people


def test_a_bad_event_saves_nothing(workspace):
    _acc, (person,) = account(workspace)
    with pytest.raises(ValidationFailed) as caught:
        record_event(workspace, person, {"kind": "fired", "day": "31/12/2026"}, today=TODAY)
    assert set(caught.value.by_field()) == {"kind", "day"}
    assert count(workspace, "key_events") == 0


def test_the_strategic_table_feeds_the_plan(workspace):
    acc, _ = account(workspace)
    save_strategic(
        workspace,
        acc,
        None,
        {
            "partner": "华拓集团",
            "kind": "strategic_supplier",
            "relationship": "Supplies their ERP",
            "how_to_use": "Ask for an introduction",
        },
    )
    row = save_strategic(workspace, acc, None, {"partner": "Contoso"})
    with pytest.raises(ValidationFailed) as caught:
        save_strategic(workspace, acc, None, {"partner": " ", "kind": "enemy"})
    assert set(caught.value.by_field()) == {"partner", "kind"}
    with workspace.db.reading() as conn:
        rows = list_strategic(conn, acc)
        lines = strategic_lines(conn, acc)
    assert [(r.partner, r.kind) for r in rows] == [
        ("Contoso", "partner"),
        ("华拓集团", "strategic_supplier"),
    ]
    assert rows[0].id == row
    assert [(s.partner, s.relationship, s.usage) for s in lines] == [
        ("Contoso", "Partner", ""),
        ("华拓集团", "Strategic supplier: Supplies their ERP", "Ask for an introduction"),
    ]
