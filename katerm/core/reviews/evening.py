"""The team lead's evening review: teams, one page per seller, notes, follow-ups, summary.

A lead (anyone with people reporting to them) reviews the day with their team, seller by
seller. :func:`seller_page` gathers everything for one seller (the registered sections) and is
what the meeting's next/previous keys call, so it must stay quick (indexed range queries
only). The lead marks each seller reviewed, comments and gives follow-ups; :func:`finish`
saves the summary, which ``katerm review summary`` exports.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import TYPE_CHECKING, Any

from katerm.core import team as team_mod
from katerm.core.errors import BadInput, NotFound
from katerm.core.periods import Period, utc_text
from katerm.core.reviews.checklist import Checklist, person
from katerm.core.reviews.plans import (
    FollowUp,
    add_follow_up,
    open_follow_ups,
    review_follow_ups,
    stable_id,
    upsert,
)
from katerm.core.reviews.registry import Section, SellerContext, sections
from katerm.core.reviews.sections import day_checklist, expected_by, week_checklist
from katerm.core.team import Member, direct_reports
from katerm.i18n import t

if TYPE_CHECKING:
    from katerm.core.store import Database
    from katerm.core.workspace import Workspace


@dataclass(frozen=True)
class Team:
    """A lead and the people reporting directly to them. ``of_leads``: some of them lead
    people of their own, so the members are not the lead's whole team (everyone below them,
    as the monthly league counts a team) but the lead's direct reports."""

    lead: Member
    members: tuple[Member, ...]
    of_leads: bool = False

    @property
    def label(self) -> str:
        """How a list of teams names it: a lead's team, or a lead's direct reports."""
        key = "reviews.ui.direct_reports_of" if self.of_leads else "reviews.ui.team_of"
        return t(key, name=self.lead.display, count=len(self.members))

    @property
    def heading(self) -> str:
        """How a meeting's title names whom it goes through, as :attr:`label` does."""
        key = "reviews.ui.direct_reports_heading" if self.of_leads else "reviews.ui.team_heading"
        return t(key, name=self.lead.display)


def teams_for(conn: sqlite3.Connection, viewer_id: str) -> list[Team]:
    """The teams the viewer may review: their own and every team below them. Teams of
    sellers come first (a general manager reviews a lead's team, not the leads)."""
    teams = []
    for user_id in team_mod.below(conn, viewer_id):
        members = direct_reports(conn, user_id)
        if members:
            teams.append(Team(person(conn, user_id), tuple(members)))
    leads = {x.lead.id for x in teams}

    def rank(team: Team) -> tuple[int, int, str]:
        has_leads = any(m.id in leads for m in team.members)
        return (
            1 if has_leads else 0,
            0 if team.lead.id == viewer_id else 1,
            team.lead.display.casefold(),
        )

    return sorted(
        (Team(x.lead, x.members, any(m.id in leads for m in x.members)) for x in teams), key=rank
    )


def find_team(conn: sqlite3.Connection, viewer_id: str, lead_login: str | None) -> Team:
    """The viewer's team to review, or the team of the lead named by login."""
    teams = teams_for(conn, viewer_id)
    if not teams:
        raise BadInput("reviews.err.lead_only")
    if not lead_login:
        return teams[0]
    for found in teams:
        if found.lead.login.casefold() == lead_login.strip().casefold():
            return found
    raise NotFound(
        "reviews.err.no_team", login=lead_login, choices=tuple(x.lead.login for x in teams)
    )


def review_id(lead_id: str, day: date) -> str:
    """The id of a team's evening review of a day (the same on every device)."""
    return stable_id("evening_reviews", lead_id, day.isoformat())


@dataclass(frozen=True)
class Note:
    """What the lead recorded about one seller in one review."""

    reviewed: bool = False
    comment: str = ""


def get_note(conn: sqlite3.Connection, lead_id: str, day: date, seller_id: str) -> Note:
    """The lead's note on a seller for a day (empty if none yet)."""
    row = conn.execute(
        "SELECT reviewed, comment FROM review_notes WHERE id = ? AND deleted = 0",
        (stable_id("review_notes", review_id(lead_id, day), seller_id),),
    ).fetchone()
    return Note(bool(row[0]), row[1]) if row else Note()


def not_reviewed(db: Database, team: Team, day: date) -> list[str]:
    """The names of the team's sellers not marked reviewed yet that day (asked before the
    review is finished)."""
    with db.reading() as conn:
        notes = [(m.display, get_note(conn, team.lead.id, day, m.id)) for m in team.members]
    return [name for name, note in notes if not note.reviewed]


@dataclass(frozen=True)
class Behind:
    """A weekly quota below where it should be by the day under review."""

    key: str
    label: str
    value: int
    target: int
    expected: int


@dataclass(frozen=True)
class SellerPage:
    """Everything the evening review shows for one seller, computed in one go."""

    seller: Member
    day: Period
    checklist: Checklist
    week: Checklist
    sections: tuple[Section, ...]
    note: Note
    follow_ups: tuple[FollowUp, ...]  # open ones, this review's included
    behind: tuple[Behind, ...]


def behind_on(week: Checklist, day: date) -> tuple[Behind, ...]:
    """The weekly quotas below where they should be by ``day``."""
    out = []
    for item in week.items:
        if not (item.counts and item.available and item.target and not item.done):
            continue
        expected = expected_by(item, week.period, day)
        if (item.value or 0) < expected:
            out.append(Behind(item.key, item.label, item.value or 0, item.target, expected))
    return tuple(out)


def seller_page(
    conn: sqlite3.Connection,
    lead_id: str,
    seller_id: str,
    day: date,
    *,
    tz: tzinfo,
    today: date,
    whole: bool = True,
) -> SellerPage:
    """Everything the evening review shows for one seller on ``day``; with ``whole=False``
    only the checklists, who is behind and the lead's note (what a saved summary keeps: the
    sections and open follow-ups, computed over the seller's whole portfolio, are left empty)."""
    ctx = SellerContext(seller_id, Period.day(day), tz, today)
    found = tuple(sections(conn, ctx)) if whole else ()
    checklist = day_checklist(conn, ctx)
    week = week_checklist(conn, ctx)
    return SellerPage(
        person(conn, seller_id),
        ctx.day,
        checklist,
        week,
        found,
        get_note(conn, lead_id, day, seller_id),
        tuple(open_follow_ups(conn, seller_id)) if whole else (),
        behind_on(week, day),
    )


# --- what the lead records ------------------------------------------------------------------


def _check_team(ws: Workspace, lead_id: str, seller_id: str | None) -> None:
    with ws.db.reading() as conn:
        if lead_id not in team_mod.below(conn, ws.me.id):
            raise NotFound("reviews.err.not_in_team", user=lead_id)
        if seller_id is not None and seller_id not in {m.id for m in direct_reports(conn, lead_id)}:
            raise NotFound("reviews.err.not_in_team", user=seller_id)


def _touch_review(conn: Any, ws: Workspace, lead_id: str, day: date) -> str:
    rid = review_id(lead_id, day)
    found = conn.exec_driver_sql(
        "SELECT 1 FROM evening_reviews WHERE id = ? AND deleted = 0", (rid,)
    ).fetchone()
    if found is None:
        upsert(
            conn,
            "evening_reviews",
            rid,
            {"owner_id": lead_id, "day": day, "run_by": ws.me.id},
            actor_id=ws.me.id,
        )
    return rid


def _save_note(
    ws: Workspace, lead_id: str, day: date, seller_id: str, values: dict[str, Any]
) -> None:
    _check_team(ws, lead_id, seller_id)
    with ws.db.writing() as conn:
        rid = _touch_review(conn, ws, lead_id, day)
        upsert(
            conn,
            "review_notes",
            stable_id("review_notes", rid, seller_id),
            {"owner_id": seller_id, "review_id": rid, "day": day, "author_id": ws.me.id, **values},
            actor_id=ws.me.id,
        )


def set_reviewed(
    ws: Workspace, lead_id: str, day: date, seller_id: str, reviewed: bool = True
) -> None:
    """Mark a seller reviewed (or not) in the team's review of ``day``."""
    _save_note(ws, lead_id, day, seller_id, {"reviewed": reviewed})


MAX_COMMENT = 2000


def set_comment(ws: Workspace, lead_id: str, day: date, seller_id: str, comment: str) -> None:
    """Save the lead's comment on a seller in the team's review of ``day``."""
    cleaned = (comment or "").strip()
    if len(cleaned) > MAX_COMMENT:
        raise BadInput("fields.err.too_long", limit=MAX_COMMENT)
    _save_note(ws, lead_id, day, seller_id, {"comment": cleaned})


def add_review_follow_up(
    ws: Workspace, lead_id: str, day: date, seller_id: str, text: str, *, due: date | None = None
) -> str:
    """A follow-up decided in the review: the seller's action, linked to the review."""
    _check_team(ws, lead_id, seller_id)
    with ws.db.writing() as conn:
        rid = _touch_review(conn, ws, lead_id, day)
    return add_follow_up(ws, seller_id, text, due=due, review_id=rid)


# --- the summary ----------------------------------------------------------------------------


def build_summary(
    conn: sqlite3.Connection, team: Team, day: date, *, tz: tzinfo, today: date
) -> dict[str, Any]:
    """Who is behind and what was decided, as plain data (saved as JSON, rendered later)."""
    rid = review_id(team.lead.id, day)
    row = conn.execute(
        "SELECT run_by, finished_at FROM evening_reviews WHERE id = ? AND deleted = 0", (rid,)
    ).fetchone()
    decided = review_follow_ups(conn, rid)
    sellers = []
    for member in team.members:
        page = seller_page(conn, team.lead.id, member.id, day, tz=tz, today=today, whole=False)
        sellers.append(
            {
                "user": member.login,
                "name": member.display,
                "reviewed": page.note.reviewed,
                "comment": page.note.comment,
                "checklist": {
                    "done": page.checklist.done_count,
                    "of": len(page.checklist.available),
                    "missing": [
                        {"key": i.key, "label": i.label, "value": i.value, "target": i.target}
                        for i in page.checklist.missing
                    ],
                },
                "behind": [
                    {
                        "key": b.key,
                        "label": b.label,
                        "value": b.value,
                        "target": b.target,
                        "expected": b.expected,
                    }
                    for b in page.behind
                ],
                "follow_ups": [_follow_up_json(f) for f in decided if f.owner_id == member.id],
            }
        )
    run_by = person(conn, row[0]) if row and row[0] else None
    return {
        "team": {"lead": team.lead.login, "name": team.lead.display, "heading": team.heading},
        "date": day.isoformat(),
        "run_by": run_by.login if run_by else None,
        "run_by_name": run_by.display if run_by else None,
        "finished_at": row[1] if row else None,
        "today": day == today,  # unfinished: today it "stands", another day it was left so
        "behind": [s["user"] for s in sellers if s["behind"]],
        "sellers": sellers,
    }


def _follow_up_json(f: FollowUp) -> dict[str, Any]:
    return {
        "id": f.id,
        "text": f.text,
        "due": f.due_date.isoformat() if f.due_date else None,
        "status": f.status,
    }


def finish(
    ws: Workspace, team: Team, day: date, *, tz: tzinfo, today: date, now: datetime | None = None
) -> dict[str, Any]:
    """End the review: save its summary (finishing again refreshes it). ``now`` is when it
    ended (default: the workspace clock's now)."""
    _check_team(ws, team.lead.id, None)
    moment = now or ws.clock.now()
    with ws.db.writing() as conn:
        rid = _touch_review(conn, ws, team.lead.id, day)
    with ws.db.reading() as conn:
        summary = build_summary(conn, team, day, tz=tz, today=today)
    summary["finished_at"] = utc_text(moment)
    with ws.db.writing() as conn:
        upsert(
            conn,
            "evening_reviews",
            rid,
            {"finished_at": moment, "summary": json.dumps(summary, ensure_ascii=False)},
            actor_id=ws.me.id,
        )
    return summary


def summaries(
    conn: sqlite3.Connection,
    viewer_id: str,
    day: date,
    *,
    tz: tzinfo,
    today: date,
    lead_login: str | None = None,
) -> list[dict[str, Any]]:
    """The summaries of ``day`` the viewer can see: a finished review as it was saved, an
    unfinished one as it stands. With no review that day, the viewer's default team as it
    stands today; on another day, no review held means no summary (an empty list): figures
    "as it stands" for a day long past would describe a meeting that never took place."""
    if lead_login:
        teams = [find_team(conn, viewer_id, lead_login)]
    else:
        reviewed = {
            r[0]
            for r in conn.execute(
                "SELECT owner_id FROM evening_reviews WHERE day = ? AND deleted = 0",
                (day.isoformat(),),
            )
        }
        teams = [x for x in teams_for(conn, viewer_id) if x.lead.id in reviewed]
        if not teams:
            teams = [find_team(conn, viewer_id, None)]
    out = []
    for found in teams:
        row = conn.execute(
            "SELECT finished_at, summary FROM evening_reviews WHERE id = ? AND deleted = 0",
            (review_id(found.lead.id, day),),
        ).fetchone()
        if row and row[0] and row[1]:
            out.append(json.loads(row[1]))
        elif row or day == today:
            out.append(build_summary(conn, found, day, tz=tz, today=today))
    return out
