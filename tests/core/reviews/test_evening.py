"""The evening review in core: teams, pages per seller, notes, follow-ups and the summary."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from katerm.core import store
from katerm.core.errors import BadInput, NotFound
from katerm.core.reviews import evening
from katerm.core.reviews.plans import open_follow_ups
from katerm.core.reviews.registry import (
    MEASURES,
    SECTIONS,
    Line,
    Measure,
    Measurement,
    Section,
    SectionSpec,
    register_measure,
    register_section,
)
from katerm.core.reviews.text import summary_md
from katerm.core.team import Member
from tests.core.reviews.helpers import SHANGHAI, log, make_team, utc

WEDNESDAY = date(2026, 11, 25)


def org(ws):
    """Me (general manager) over two leads with three sellers each."""
    gm = ws.me.id
    people = {}
    with ws.db.writing() as conn:
        for lead in ("lead1", "lead2"):
            people[lead] = store.insert(
                conn, "users", {"login": lead, "name": lead.title(), "manager_id": gm}, actor_id=gm
            )
            for n in range(3):
                login = f"{lead}s{n}"
                people[login] = store.insert(
                    conn,
                    "users",
                    {"login": login, "name": f"Seller {login}", "manager_id": people[lead]},
                    actor_id=gm,
                )
    return people


def test_a_general_manager_can_review_either_team(workspace):
    people = org(workspace)
    with workspace.db.reading() as conn:
        teams = evening.teams_for(conn, workspace.me.id)
        assert [t.lead.login for t in teams] == ["lead1", "lead2", "tester"]
        assert [m.login for m in teams[1].members] == ["lead2s0", "lead2s1", "lead2s2"]
        assert evening.find_team(conn, workspace.me.id, None).lead.login == "lead1"
        assert evening.find_team(conn, workspace.me.id, "LEAD2").lead.id == people["lead2"]
        with pytest.raises(NotFound):
            evening.find_team(conn, workspace.me.id, "nobody")
        # A lead sees only their own team; a seller has none.
        assert [t.lead.login for t in evening.teams_for(conn, people["lead1"])] == ["lead1"]
        with pytest.raises(BadInput):
            evening.find_team(conn, people["lead1s0"], None)


def test_a_lead_cannot_record_anything_about_another_team(workspace):
    people = org(workspace)
    workspace.me = Member(people["lead1"], "lead1", "Lead1")
    with pytest.raises(NotFound):
        evening.set_comment(workspace, people["lead2"], WEDNESDAY, people["lead2s0"], "hi")
    with pytest.raises(NotFound):
        evening.set_reviewed(workspace, people["lead1"], WEDNESDAY, people["lead2s0"])
    with workspace.db.reading() as conn:
        assert conn.execute("SELECT count(*) FROM review_notes").fetchone()[0] == 0


def test_a_sellers_page_has_every_section_and_says_what_is_not_available(workspace):
    team = make_team(workspace)
    log(workspace, team.wang, team.account, utc(2026, 11, 25, 2), contacts=[team.boss])
    with workspace.db.reading() as conn:
        page = evening.seller_page(
            conn, team.lead, team.wang, WEDNESDAY, tz=SHANGHAI, today=WEDNESDAY
        )
    by_key = {s.key: s for s in page.sections}
    assert list(by_key) == [
        "checklist",
        "week",
        "activities",
        "stuck_orders",
        "gap_actions",
        "coming_up",
        "stage_plan",
        "plan",
        "follow_ups",
    ]
    assert by_key["stage_plan"].available and by_key["stage_plan"].lines == ()
    assert by_key["stuck_orders"].available and by_key["stuck_orders"].lines == ()
    assert by_key["gap_actions"].available and by_key["gap_actions"].lines == ()
    assert by_key["activities"].lines[0].text == "Visit 10:00 上海明珠 · 张总"
    assert page.behind[0].key == "visits" and page.behind[0].expected == 3
    assert page.checklist.item("visits").done is True


def test_features_plug_in_a_section_and_a_measure(workspace, monkeypatch):
    team = make_team(workspace)
    monkeypatch.setitem(SECTIONS, "stuck_orders", SECTIONS["stuck_orders"])
    monkeypatch.setitem(MEASURES, "stuck_orders_updated", MEASURES["stuck_orders_updated"])

    def stuck(conn, ctx):
        return Section("stuck_orders", "Stuck orders", (Line("上海明珠 trial", "bad"),))

    register_section(SectionSpec("stuck_orders", "reviews.section.stuck_orders", stuck, order=30))
    register_measure(
        Measure("stuck_orders_updated", lambda conn, ctx, target: Measurement(None, None, True))
    )
    register_measure(Measure("stuck_orders_updated", None), placeholder=True)  # no effect
    with workspace.db.reading() as conn:
        page = evening.seller_page(
            conn, team.lead, team.wang, WEDNESDAY, tz=SHANGHAI, today=WEDNESDAY
        )
    section = next(s for s in page.sections if s.key == "stuck_orders")
    assert section.available and section.lines[0].text == "上海明珠 trial"
    assert page.checklist.item("stuck_orders_updated").done is True


def test_a_review_with_a_comment_and_a_follow_up_is_summarised(workspace):
    team = make_team(workspace)
    with workspace.db.reading() as conn:
        found = evening.find_team(conn, workspace.me.id, None)
    evening.set_reviewed(workspace, team.lead, WEDNESDAY, team.wang)
    evening.set_comment(workspace, team.lead, WEDNESDAY, team.wang, "  Book two visits  ")
    fid = evening.add_review_follow_up(
        workspace,
        team.lead,
        WEDNESDAY,
        team.wang,
        "Call 张总 about the trial",
        due=date(2026, 11, 26),
    )
    with workspace.db.reading() as conn:
        mine = open_follow_ups(conn, team.wang)
        assert [(f.id, f.created_by) for f in mine] == [(fid, team.lead)]
        assert conn.execute("SELECT owner_id FROM follow_ups").fetchone()[0] == team.wang
        page = evening.seller_page(
            conn, team.lead, team.wang, WEDNESDAY, tz=SHANGHAI, today=WEDNESDAY
        )
    assert page.note == evening.Note(True, "Book two visits")
    follow_ups = next(s for s in page.sections if s.key == "follow_ups")
    assert follow_ups.lines[0].text == "Call 张总 about the trial"
    ended = datetime(2026, 11, 25, 19, 42, tzinfo=SHANGHAI)
    summary = evening.finish(workspace, found, WEDNESDAY, tz=SHANGHAI, today=WEDNESDAY, now=ended)
    assert summary["sellers"][0]["user"] == "li" and summary["sellers"][1]["user"] == "wang"
    wang = summary["sellers"][1]
    assert wang["reviewed"] and wang["comment"] == "Book two visits"
    assert wang["follow_ups"] == [
        {"id": fid, "text": "Call 张总 about the trial", "due": "2026-11-26", "status": "open"}
    ]
    assert summary["behind"] == ["li", "wang"]
    text = summary_md(summary, SHANGHAI)
    assert "- **王芳**: Call 张总 about the trial — due 2026-11-26" in text
    assert "Book two visits" in text and "Run by tester, finished 2026-11-25 19:42." in text
    assert "### 王芳 (wang) — ✓ reviewed" in text, text
    # Full-width brackets after a Chinese name in Chinese (issue 18, walk G).
    from katerm.i18n import current_language, set_language

    was = current_language()
    set_language("zh_CN")
    try:
        assert "### 王芳（wang）— ✓ 已复盘" in summary_md(summary, SHANGHAI)
    finally:
        set_language(was)
    # The saved summary is what the export shows, even after the data moves on.
    log(workspace, team.li, team.other, utc(2026, 11, 25, 3))
    with workspace.db.reading() as conn:
        saved = evening.summaries(conn, workspace.me.id, WEDNESDAY, tz=SHANGHAI, today=WEDNESDAY)
    assert saved == [summary]


def test_without_a_review_the_summary_shows_the_team_as_it_stands(workspace):
    make_team(workspace)
    with workspace.db.reading() as conn:
        found = evening.summaries(conn, workspace.me.id, WEDNESDAY, tz=SHANGHAI, today=WEDNESDAY)
    assert len(found) == 1 and found[0]["finished_at"] is None
    assert "Not finished yet" in summary_md(found[0], SHANGHAI)


def test_overdue_gap_actions_show_from_the_gap_table(workspace):
    from tests.core.reviews.test_measures import _gap_rows

    team = make_team(workspace)
    _gap_rows(
        workspace,
        team,
        [
            ("g1", "Invite to the summit", "2026-11-20", "open", 0),
            ("g2", "Lunch with the CFO", "2026-11-25", "open", 0),
            ("g3", "Send the case study", "2026-12-01", "open", 0),
        ],
    )
    with workspace.db.reading() as conn:
        page = evening.seller_page(
            conn, team.lead, team.wang, WEDNESDAY, tz=SHANGHAI, today=WEDNESDAY
        )
    section = next(s for s in page.sections if s.key == "gap_actions")
    assert section.available
    assert [(x.text, x.state) for x in section.lines] == [
        ("Invite to the summit · 张总", "bad"),
        ("Lunch with the CFO · 张总", "warn"),
    ]
    assert page.checklist.item("gap_actions_due").value == 2


def test_an_overdue_card_review_shows_once_in_the_checklist_not_again_in_coming_up(workspace):
    team = make_team(workspace)
    with workspace.db.writing() as conn:
        store.apply(
            conn,
            "expansion_cards",
            [
                store.Change(
                    "k1",
                    {
                        "owner_id": team.wang,
                        "account_id": team.account,
                        "contact_id": team.boss,
                        "next_review": "2026-11-20",  # overdue on Wednesday
                    },
                    new=True,
                ),
                store.Change(
                    "k2",
                    {
                        "owner_id": team.wang,
                        "account_id": team.account,
                        "contact_id": team.boss,
                        "next_review": "2026-11-30",  # ahead: only Coming up has it
                    },
                    new=True,
                ),
            ],
            actor_id=team.lead,
        )
    with workspace.db.reading() as conn:
        page = evening.seller_page(
            conn, team.lead, team.wang, WEDNESDAY, tz=SHANGHAI, today=WEDNESDAY
        )
    shown = [e.id for item in page.checklist.items for e in item.evidence]
    assert shown.count("k1") == 1 and "k2" not in shown
    coming = next(s for s in page.sections if s.key == "coming_up")
    reviews = [x for x in coming.lines if "张总" in x.text and "review" in x.text.casefold()]
    assert len(reviews) == 1 and "11-30" in reviews[0].detail
