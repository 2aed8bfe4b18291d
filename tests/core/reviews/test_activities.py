"""Logging activities: finding the account and contacts, local times, clear refusals."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from katerm.core import store
from katerm.core.errors import ValidationFailed
from katerm.core.reviews.activities import get_activity, log_activity
from katerm.core.team import Member
from tests.core.reviews.helpers import SHANGHAI, make_team

pytestmark = pytest.mark.now("2026-11-27T18:45:00+08:00")


def count(ws) -> int:
    with ws.db.reading() as conn:
        return conn.execute("SELECT count(*) FROM activities").fetchone()[0]


def test_a_visit_by_part_of_the_name_with_a_contact_at_local_time(workspace):
    team = make_team(workspace)
    new = log_activity(
        workspace,
        {
            "kind": "visit",
            "account": "明珠",
            "contacts": ["张"],
            "note": "  trial went well ",
            "time": "09:30",
            "scenario": "technical_exchange",
        },
    )
    with workspace.db.reading() as conn:
        row = get_activity(conn, new)
    assert (row.account_id, row.contact_ids, row.note) == (
        team.account,
        (team.boss,),
        "trial went well",
    )
    assert row.occurred_at == datetime(2026, 11, 27, 1, 30, tzinfo=UTC)
    assert row.owner_id == workspace.me.id and row.scenario == "technical_exchange"


def test_no_time_means_now_today_and_noon_on_another_day(workspace):
    make_team(workspace)
    today = log_activity(workspace, {"kind": "call", "account": "上海明珠"})
    before = log_activity(
        workspace, {"kind": "call", "account": "上海明珠", "date": "2026年11月20日"}
    )
    with workspace.db.reading() as conn:
        assert get_activity(conn, today).local(SHANGHAI).strftime("%d %H:%M") == "27 18:45"
        assert get_activity(conn, before).local(SHANGHAI).strftime("%d %H:%M") == "20 12:00"


def test_every_bad_field_is_reported_and_nothing_is_written(workspace):
    make_team(workspace)
    with pytest.raises(ValidationFailed) as info:
        log_activity(
            workspace,
            {
                "kind": "lunch",
                "account": "nowhere",
                "date": "31/31",
                "time": "25:00",
                "scenario": "golf",
            },
        )
    assert sorted(info.value.by_field()) == ["account", "date", "kind", "scenario", "time"]
    assert "nowhere" in info.value.by_field()["account"]
    assert count(workspace) == 0


def test_an_ambiguous_account_or_contact_lists_the_candidates(workspace):
    team = make_team(workspace)
    with workspace.db.writing() as conn:
        store.insert(
            conn, "accounts", {"name": "上海明珠物流", "owner_id": team.wang}, actor_id=team.lead
        )
        store.insert(
            conn,
            "contacts",
            {"name": "张伟", "account_id": team.account, "owner_id": team.wang},
            actor_id=team.lead,
        )
    with pytest.raises(ValidationFailed) as info:
        log_activity(workspace, {"kind": "visit", "account": "明珠"})
    message = info.value.by_field()["account"]
    assert "上海明珠, 上海明珠物流" in message
    # The exact name wins over the longer one; then the contact "张" is ambiguous.
    with pytest.raises(ValidationFailed) as info:
        log_activity(workspace, {"kind": "visit", "account": "上海明珠", "contacts": ["张"]})
    assert "张伟" in info.value.by_field()["contacts"]
    assert count(workspace) == 0


def test_a_seller_cannot_log_on_an_account_they_cannot_see(workspace):
    team = make_team(workspace)
    workspace.me = Member(team.li, "li", "李雷")
    with pytest.raises(ValidationFailed) as info:
        log_activity(workspace, {"kind": "visit", "account": team.account})
    assert list(info.value.by_field()) == ["account"]
    log_activity(workspace, {"kind": "visit", "account": "northwind"})
    assert count(workspace) == 1
