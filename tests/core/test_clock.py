"""The one clock: pinned by KATERM_NOW, read once per workspace; local days, Monday weeks and
the year's turn; and a demo that is the same whatever the machine's date."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from katerm.core.clock import BadClock, Clock
from katerm.core.errors import BadInput
from katerm.core.periods import Period, local_day, parse_week
from katerm.core.reviews.checklist import build_checklist
from katerm.core.reviews.weekly import trend
from katerm.core.workspace import open_workspace
from katerm.paths import resolve_paths
from tests.core.reviews.helpers import SHANGHAI, log, make_team

NEW_YORK = ZoneInfo("America/New_York")


def test_katerm_now_pins_the_clock_in_the_users_zone():
    clock = Clock.from_environment({"KATERM_NOW": "2026-11-27T07:30:00", "TZ": "Asia/Shanghai"})
    # 07:30 in Shanghai is still the 26th in UTC: "now" is stored in UTC, "today" is local.
    assert clock.now() == datetime(2026, 11, 26, 23, 30, tzinfo=UTC)
    assert clock.now().tzinfo is UTC
    assert clock.today() == date(2026, 11, 27)
    assert clock.local_now().hour == 7
    assert clock.now_ms() == int(datetime(2026, 11, 26, 23, 30, tzinfo=UTC).timestamp()) * 1000
    assert clock.now_text() == "2026-11-26T23:30:00.000000+00:00"


def test_an_offset_in_katerm_now_is_kept_and_shown_in_the_users_zone():
    clock = Clock.from_environment(
        {"KATERM_NOW": "2026-12-31T23:30:00+08:00", "TZ": "America/New_York"}
    )
    assert clock.today() == date(2026, 12, 31)  # 10:30 in New York
    assert clock.local_now().hour == 10


def test_a_bad_katerm_now_says_what_to_use(monkeypatch):
    with pytest.raises(BadClock):
        Clock.from_environment({"KATERM_NOW": "next friday"})
    monkeypatch.setenv("KATERM_NOW", "next friday")
    with pytest.raises(BadInput) as info:
        open_workspace(resolve_paths())
    assert "next friday" in str(info.value) and "2026-11-27T18:30:00+08:00" in str(info.value)


def test_the_workspace_reads_katerm_now_once(workspace, monkeypatch):
    before = workspace.clock.now()
    monkeypatch.setenv("KATERM_NOW", "2030-01-01T00:00:00+08:00")
    assert workspace.clock.now() == before  # read when the workspace was built, not again


def test_a_running_clock_moves_with_the_machine_and_a_pinned_one_does_not():
    with time_machine.travel(datetime(2027, 3, 1, 12, tzinfo=UTC), tick=False) as traveller:
        running = Clock.system(SHANGHAI)
        pinned = Clock.fixed(datetime(2026, 11, 27, 19, 30, tzinfo=SHANGHAI))
        assert running.today() == date(2027, 3, 1)
        traveller.shift(timedelta(days=400))
        assert running.today() == date(2028, 4, 4)
        assert pinned.today() == date(2026, 11, 27)
        # 20:00 in Shanghai; a device 21 hours behind is still on the 3rd.
        assert running.shifted(timedelta(hours=-21)).today() == date(2028, 4, 3)


def test_stamps_and_tags_come_from_the_workspace_clock(workspace):
    from katerm.core.accounts.edit import save_account
    from katerm.core.store.hlc import parse_tag

    with time_machine.travel(datetime(2031, 5, 5, tzinfo=UTC)):  # the machine says 2031
        account = save_account(workspace, None, {"name": "Acme"})
    with workspace.db.reading() as conn:
        created, hlc = conn.execute(
            "SELECT created_at, hlc FROM accounts WHERE id = ?", (account,)
        ).fetchone()
    assert created == workspace.clock.now_text()
    assert parse_tag(hlc)[0] >= workspace.clock.now_ms()
    assert parse_tag(hlc)[0] < workspace.clock.now_ms() + 1000


def test_a_stored_moment_belongs_to_the_users_local_day():
    assert local_day("2026-11-26T23:30:00.000000+00:00", SHANGHAI) == date(2026, 11, 27)
    assert local_day("2026-11-27T03:30:00.000000+00:00", NEW_YORK) == date(2026, 11, 26)


@pytest.mark.now("2026-11-27T23:45:00+08:00")
def test_a_visit_at_half_past_eleven_at_night_counts_for_that_day(workspace):
    team = make_team(workspace)
    late = datetime(2026, 11, 27, 23, 30, tzinfo=SHANGHAI)  # 15:30 UTC
    early = datetime(2026, 11, 28, 0, 15, tzinfo=SHANGHAI)  # the next local day
    log(workspace, team.wang, team.account, late)
    log(workspace, team.wang, team.account, early)
    clock = workspace.clock
    with workspace.db.reading() as conn:
        friday = build_checklist(
            conn, team.wang, Period.day(date(2026, 11, 27)), tz=clock.tz, today=clock.today()
        )
        saturday = build_checklist(
            conn, team.wang, Period.day(date(2026, 11, 28)), tz=clock.tz, today=clock.today()
        )
    assert friday.item("visits").value == 1
    assert saturday.item("visits").value == 1


def test_weeks_start_on_monday():
    assert Period.week_of(date(2026, 11, 29)).start == date(2026, 11, 23)  # a Sunday
    assert Period.week_of(date(2026, 11, 30)).start == date(2026, 11, 30)  # the Monday
    assert Period.week_of(date(2026, 11, 30)).key == "2026-W49"


@pytest.mark.now("2027-01-03T22:30:00+08:00")  # a Sunday evening, the week's last day
def test_the_week_across_new_year_is_one_week(workspace):
    week = Period.week_of(date(2027, 1, 1))
    assert (week.start, week.last_day, week.key) == (
        date(2026, 12, 28),
        date(2027, 1, 3),
        "2026-W53",
    )
    assert Period.week_of(date(2026, 12, 28)) == week
    assert parse_week("2026-W53", date(2027, 1, 3)) == week
    assert parse_week("this", workspace.clock.today()) == week
    assert week.shifted(1).key == "2027-W01" and week.shifted(1).start == date(2027, 1, 4)

    team = make_team(workspace)
    for day in (date(2026, 12, 29), date(2026, 12, 31), date(2027, 1, 2)):
        log(
            workspace,
            team.wang,
            team.account,
            datetime.combine(day, datetime.min.time(), tzinfo=SHANGHAI) + timedelta(hours=10),
        )
    # New year's eve at 23:30 local is still 2026 and still this week.
    log(workspace, team.wang, team.account, datetime(2026, 12, 31, 23, 30, tzinfo=SHANGHAI))
    clock = workspace.clock
    with workspace.db.reading() as conn:
        found = trend(conn, team.wang, week, tz=clock.tz, today=clock.today())
        checklist = build_checklist(conn, team.wang, week, tz=clock.tz, today=clock.today())
    # One week, not two half-weeks: all four visits (to one customer) fall in it.
    assert found.weeks[-1].visits == 1
    assert checklist.item("visits").summary == "1 customer visited, 4 visits"


def _demo_facts(ws) -> dict[str, list[tuple]]:
    """What a user sees of a demo: names, figures and dates (not random ids or device tags)."""
    queries = {
        "accounts": "SELECT name, industry, region, annual_revenue, tier_revenue, lifecycle, "
        "created_at FROM accounts ORDER BY name",
        "contacts": "SELECT c.name, c.title, a.name, c.birthday FROM contacts c JOIN accounts "
        "a ON a.id = c.account_id ORDER BY a.name, c.name, c.title",
        "opportunities": "SELECT name, stage, amount, expected_close, locked_on, closed_on, "
        "outcome FROM opportunities ORDER BY name, amount, expected_close",
        "activities": "SELECT kind, occurred_at FROM activities ORDER BY occurred_at, kind",
        "gaps": "SELECT c.level, g.level_target, g.due_date, g.status FROM gap_rows g "
        "JOIN contacts c ON c.id = g.contact_id "
        "ORDER BY g.due_date, c.level, g.level_target, g.status",
        "reviews": "SELECT day, finished_at FROM evening_reviews ORDER BY day",
        "key_dates": "SELECT kind, day, label FROM key_dates ORDER BY day, kind, label",
    }
    with ws.db.reading() as conn:
        return {name: conn.execute(sql).fetchall() for name, sql in queries.items()}


@pytest.mark.slow
def test_the_demo_is_the_same_whatever_the_machines_date(tmp_path, monkeypatch):
    from katerm.core.demo import generate

    facts = []
    for n, machine in enumerate(
        (datetime(2026, 12, 6, 9, tzinfo=UTC), datetime(2027, 12, 31, 15, 30, tzinfo=UTC))
    ):
        monkeypatch.setenv("KATERM_HOME", str(tmp_path / f"home{n}"))
        with time_machine.travel(machine, tick=True):
            ws = open_workspace(resolve_paths())
            try:
                generate(ws, accounts=150, seed=11, lang="zh_CN")
                facts.append(_demo_facts(ws))
            finally:
                ws.close()
    assert facts[0]["accounts"] and facts[0]["activities"] and facts[0]["reviews"]
    for name in facts[0]:
        assert facts[0][name] == facts[1][name], name
