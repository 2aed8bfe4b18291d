"""The demo fills weeks of activities, plans and past evening reviews around the quota."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest

from katerm.core.demo import generate
from katerm.core.periods import Period
from katerm.core.reviews.checklist import build_checklist
from katerm.core.reviews.weekly import trend


@pytest.fixture
def demo(workspace):
    # The suite's pinned clock: a Friday evening in Shanghai (tests/conftest.py).
    generate(workspace, accounts=120, lang="zh_CN")
    return workspace


def sellers(ws):
    with ws.db.reading() as conn:
        return conn.execute(
            "SELECT u.id, u.login FROM users u JOIN users m ON m.id = "
            "u.manager_id WHERE m.manager_id IS NOT NULL ORDER BY u.login"
        ).fetchall()


def test_weekly_visits_hover_around_the_quota_with_someone_behind(demo):
    clock = demo.clock
    today = clock.today()
    assert today == date(2026, 11, 27)
    last_week = Period.week_of(today).shifted(-1)
    means = {}
    with demo.db.reading() as conn:
        for user_id, login in sellers(demo):
            found = trend(conn, user_id, last_week, tz=clock.tz, today=today)
            means[login] = sum(w.visits for w in found.weeks) / len(found.weeks)
            assert found.by_scenario and found.completion is not None
    assert len(means) == 6
    assert 4.5 <= sum(means.values()) / 6 <= 7.5
    assert min(means.values()) < 5.5 < max(means.values())


def test_nothing_is_logged_in_the_future(demo):
    with demo.db.reading() as conn:
        latest = conn.execute("SELECT max(occurred_at) FROM activities").fetchone()[0]
    assert datetime.fromisoformat(latest) <= demo.clock.now()


def test_past_reviews_are_saved_with_summaries_and_follow_ups(demo):
    with demo.db.reading() as conn:
        reviews = conn.execute(
            "SELECT day, summary, finished_at FROM evening_reviews ORDER BY day"
        ).fetchall()
        follow_ups = conn.execute(
            "SELECT status, count(*) FROM follow_ups GROUP BY status"
        ).fetchall()
    assert len(reviews) == 20 and all(r[2] for r in reviews)
    assert reviews[-1][0] == "2026-11-26"  # up to yesterday: today's is the user's to hold
    summary = json.loads(reviews[-1][1])
    assert len(summary["sellers"]) == 3 and summary["run_by"]
    assert dict(follow_ups).get("done", 0) > 0


def test_the_first_team_added_a_manual_item_four_weeks_ago(demo):
    clock = demo.clock
    with demo.db.reading() as conn:
        first_lead = conn.execute(
            "SELECT id FROM users WHERE manager_id = (SELECT id FROM "
            "users WHERE manager_id IS NULL) ORDER BY rowid LIMIT 1"
        ).fetchone()[0]
        seller = conn.execute(
            "SELECT id FROM users WHERE manager_id = ? ORDER BY rowid LIMIT 1", (first_lead,)
        ).fetchone()[0]
        now = build_checklist(
            conn, seller, Period.day(date(2026, 11, 26)), tz=clock.tz, today=clock.today()
        )
        before = build_checklist(
            conn, seller, Period.day(date(2026, 10, 20)), tz=clock.tz, today=clock.today()
        )
    assert now.items[-1].label == "CRM 商机已更新" and now.items[-1].kind == "manual"
    assert "custom_crm" not in [i.key for i in before.items]


def test_saved_summaries_say_what_the_review_works_out_from_the_data(demo):
    # The demo answers repeated queries from memory while it writes them (demo/frozen.py).
    from katerm.core.reviews import Team, build_summary, direct_reports, person

    clock = demo.clock
    with demo.db.reading() as conn:
        saved = conn.execute("SELECT owner_id, day, summary FROM evening_reviews").fetchall()
        for lead_id, day, text in saved:
            team = Team(person(conn, lead_id), tuple(direct_reports(conn, lead_id)))
            again = build_summary(
                conn, team, date.fromisoformat(day), tz=clock.tz, today=clock.today()
            )
            stored = json.loads(text)
            assert stored["sellers"] == again["sellers"], day
    assert any(s["checklist"]["missing"] for _, _, t in saved for s in json.loads(t)["sellers"])
