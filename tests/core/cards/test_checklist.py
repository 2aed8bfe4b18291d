"""Due key dates and card reviews feed the daily checklist (the Reviews issue)."""

from __future__ import annotations

from datetime import date

from katerm.core.cards.edit import review_done, save_card, save_key_date
from katerm.core.periods import Period
from katerm.core.reviews.checklist import build_checklist
from tests.core.reviews.helpers import SHANGHAI, log, make_team, utc

FRIDAY = date(2026, 11, 27)


def daily(ws, user, day):
    with ws.db.reading() as conn:
        return build_checklist(conn, user, Period.day(day), tz=SHANGHAI, today=FRIDAY)


def test_key_dates_and_card_reviews_are_on_the_days_checklist(workspace):
    team = make_team(workspace)  # the boss's birthday is 27 November
    save_key_date(
        workspace,
        team.account,
        None,
        {"kind": "company_event", "day": "11-27", "label": "Founding day"},
    )
    card = save_card(workspace, team.boss, {"next_review": "2026-11-20"}, today=FRIDAY)
    item = daily(workspace, team.wang, FRIDAY).item("key_dates_today")
    assert [e.label for e in item.evidence] == [
        "✗ Founding day · 上海明珠",
        "✗ 张总's birthday",
        "✗ Review the expansion card of 张总",
    ]
    assert (item.value, item.target, item.done) == (0, 3, False)
    # A visit at the account with the boss acknowledges both dates; the review stays due.
    log(workspace, team.wang, team.account, utc(2026, 11, 27, 2), contacts=[team.boss])
    item = daily(workspace, team.wang, FRIDAY).item("key_dates_today")
    assert (item.value, item.target, item.done) == (2, 3, False)
    review_done(workspace, card, reviewed_on=FRIDAY)
    item = daily(workspace, team.wang, FRIDAY).item("key_dates_today")
    assert (item.value, item.target, item.done) == (2, 2, True)


def test_other_peoples_dates_are_not_on_my_checklist(workspace):
    team = make_team(workspace)
    save_key_date(workspace, team.other, None, {"kind": "holiday", "day": "11-27"})
    item = daily(workspace, team.li, FRIDAY).item("key_dates_today")
    assert [e.label for e in item.evidence] == ["✗ Holiday · Northwind"]
    assert daily(workspace, team.wang, date(2026, 11, 26)).item("key_dates_today").target == 0
