"""Working days from China's holiday calendar (issue 17), in one place for every count."""

from __future__ import annotations

from datetime import date, timedelta

import chinese_calendar
import pytest

from katerm.core import workdays
from katerm.core.periods import Period, next_working_day, working_days_elapsed, working_days_in
from katerm.core.pipeline.rules import add_days, days_between


@pytest.fixture(autouse=True)
def china():
    workdays.use(workdays.CHINA)
    yield
    workdays.use(workdays.CHINA)


def test_an_orders_day_count_across_national_day_is_the_holiday_calendars():
    start, end = date(2026, 9, 25), date(2026, 10, 16)
    listed = chinese_calendar.get_workdays(start + timedelta(days=1), end)
    assert days_between(start, end, business=True) == len(listed)
    assert date(2026, 10, 5) not in listed  # the holiday is skipped
    made_up = [d for d in listed if d.weekday() >= 5]  # 调休: a weekend day worked
    assert made_up and all(days_between(d - timedelta(days=1), d, business=True) for d in made_up)
    # A limit of 5 working days from 28 September ends where the calendar's fifth one is.
    fifth = chinese_calendar.get_workdays(date(2026, 9, 29), date(2026, 10, 31))[4]
    assert add_days(date(2026, 9, 28), 5, business=True) == fifth
    assert (
        next_working_day(date(2026, 9, 30))
        == chinese_calendar.get_workdays(date(2026, 10, 1), date(2026, 10, 31))[0]
    )


def test_weekly_counts_follow_the_holiday_week():
    week = Period.week_of(date(2026, 10, 5))  # the National Day week: no working day
    expected = len(chinese_calendar.get_workdays(week.start, week.last_day))
    assert working_days_in(week) == expected < 5
    assert working_days_elapsed(week, week.last_day) == expected
    assert working_days_in(Period.week_of(date(2026, 11, 23))) == 5


def test_a_year_the_calendar_does_not_know_counts_monday_to_friday_and_says_so():
    assert workdays.unknown_years(date(2026, 12, 1), date(2027, 2, 1)) == [2027]
    assert not workdays.knows(date(2027, 1, 1))
    # 1 January 2027 is a Friday: Monday-Friday counts it, no crash.
    assert workdays.is_working_day(date(2027, 1, 1))
    assert days_between(date(2026, 12, 31), date(2027, 1, 8), business=True) == 6


def test_a_team_outside_china_counts_monday_to_friday():
    workdays.use(workdays.MON_FRI)
    assert workdays.is_working_day(date(2026, 10, 1))  # National Day, a Thursday
    assert not workdays.is_working_day(date(2026, 10, 10))  # a Saturday, worked in China
    assert days_between(date(2026, 9, 25), date(2026, 10, 16), business=True) == 15
    assert workdays.unknown_years(date(2026, 1, 1), date(2030, 1, 1)) == []


def test_the_setting_is_checked_and_used_by_the_workspace(cli, katerm_home):
    assert cli("config", "set", "workdays", "weekends").code == 2
    assert "use china" in cli("config", "set", "workdays", "weekends").err
    assert cli("config", "set", "workdays", "mon-fri").code == 0
    assert cli("config", "get", "workdays").out.strip() == "mon-fri"
    assert cli("whoami").code == 0  # opening a workspace applies it
    assert workdays.mode() == workdays.MON_FRI


def test_katerm_pipeline_says_when_it_counts_a_year_monday_to_friday(cli, katerm_home):
    from katerm.paths import resolve_paths

    assert cli("whoami").code == 0
    config = resolve_paths().config_file
    config.write_text(
        config.read_text(encoding="utf-8") + '\n[orders]\nday_count = "business"\n',
        encoding="utf-8",
    )
    later = cli("pipeline", "--date", "2027-03-01")
    assert later.code == 0 and "does not know 2027 yet" in later.err
    now = cli("pipeline", "--date", "2026-11-27")
    assert now.code == 0 and "does not know" not in now.err
