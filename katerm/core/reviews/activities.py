"""The activity log: visits, calls, meetings, proposals, dinners... with a customer.

Each activity has a kind, an account, the contacts met, a contact scenario (Huawei's "12+1"),
when it happened (stored in UTC, entered in local time), a note and the next step. The same
:func:`log_activity` serves the quick-add dialog and ``katerm log``.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any

from katerm.core.clock import Clock
from katerm.core.errors import BadInput, FieldError, ValidationFailed
from katerm.core.fields import MAX_NAME
from katerm.core.periods import parse_day, parse_time, utc_text
from katerm.core.reviews.served import routine_of, served_by
from katerm.i18n import t

if TYPE_CHECKING:
    from katerm.core.store import Database
    from katerm.core.workspace import Workspace

KINDS = ("visit", "call", "meeting", "proposal", "dinner", "event", "other")
# Face to face with the customer: these count towards the weekly visit quota.
IN_PERSON = ("visit", "meeting", "proposal", "dinner", "event")
SCENARIOS = (
    "routine_visit",
    "company_visit",
    "exhibition",
    "reference_visit",
    "topic_exchange",
    "executive_visit",
    "sponsor_meeting",
    "executive_summit",
    "travel_together",
    "home_visit",
    "dinner",
    "gifts",
    "technical_exchange",
    "joint_innovation",
    "joint_branding",
    "consulting",
)
MAX_TEXT = 2000
_CANDIDATES = 5  # names shown when a name matches several records


@dataclass(frozen=True)
class ActivityRow:
    """One logged activity, with its account's and contacts' names for display."""

    id: str
    owner_id: str
    kind: str
    scenario: str
    occurred_at: datetime  # UTC-aware
    account_id: str
    account_name: str
    contacts: tuple[str, ...]  # names of the contacts met
    note: str
    next_step: str
    contact_ids: tuple[str, ...] = ()
    opportunity_id: str | None = None  # the opportunity it served, and at which LTC stage
    stage: str = ""
    opportunity_name: str = ""

    def local(self, tz: Any) -> datetime:
        return self.occurred_at.astimezone(tz)

    def label(self, tz: Any) -> str:
        """``10:30 上海明珠 · 张总``: time, account and the people met."""
        people = f" · {t('dialog.names', names=list(self.contacts))}" if self.contacts else ""
        return f"{self.local(tz):%H:%M} {self.account_name}{people}"


def visible_owners(conn: sqlite3.Connection, user_id: str) -> list[str]:
    """The people whose records the user may see: themselves and everyone below."""
    from katerm.core.team import below

    return below(conn, user_id)


def _marks(values: Sequence[object]) -> str:
    return ", ".join("?" * len(values))


def find_account(conn: sqlite3.Connection, text: str, owners: Sequence[str]) -> tuple[str, str]:
    """An account the user can see, by id, exact name (any case) or a unique part of its name.

    Raises :class:`FieldError` on ``account``: unknown, or ambiguous with the candidates.
    """
    raw = (text or "").strip()
    if not raw:
        raise FieldError("account", "fields.err.required")
    if len(raw) > MAX_NAME:  # before any query: no account name is longer
        raise FieldError("account", "fields.err.too_long", limit=MAX_NAME)
    visible = f"deleted = 0 AND owner_id IN ({_marks(owners)})"
    row = conn.execute(
        f"SELECT id, name FROM accounts WHERE id = ? AND {visible}", (raw, *owners)
    ).fetchone()
    if row:
        return row[0], row[1]
    rows = conn.execute(
        f"SELECT id, name FROM accounts WHERE name = ? COLLATE NOCASE AND {visible} LIMIT 10",
        (raw, *owners),
    ).fetchall()
    if not rows:
        pattern = "%" + raw.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        rows = conn.execute(
            f"SELECT id, name FROM accounts WHERE name LIKE ? ESCAPE '\\' "
            f"AND {visible} ORDER BY length(name), name LIMIT 10",
            (pattern, *owners),
        ).fetchall()
    if len(rows) == 1:
        return rows[0][0], rows[0][1]
    if not rows:
        raise FieldError("account", "reviews.err.account_unknown", value=raw)
    names = [r[1] for r in rows[:_CANDIDATES]]  # joined by the message, 、 in Chinese
    raise FieldError("account", "reviews.err.account_ambiguous", value=raw, names=names)


def load_contact_choices(db: Database, me_id: str, account_text: str) -> list[tuple[str, str]]:
    """(name, id) of the contacts at the account ``account_text`` names, among those ``me_id``
    may see: none while it names no one account (what the quick-add dialog offers to tick)."""
    from katerm.core.accounts import contact_choices
    from katerm.core.team import below

    with db.reading() as conn:
        try:
            account_id, _ = find_account(conn, account_text, below(conn, me_id))
        except FieldError:
            return []
        return contact_choices(conn, account_id) if account_id else []


def load_log_choices(
    db: Database, me_id: str, account_text: str
) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The contacts (as :func:`load_contact_choices`) and the opportunities an activity at
    the account ``account_text`` names may serve, (name, id) each; none while it names no
    one account."""
    from katerm.core.accounts import contact_choices
    from katerm.core.reviews.served import opportunity_choices
    from katerm.core.team import below

    with db.reading() as conn:
        try:
            account_id, _ = find_account(conn, account_text, below(conn, me_id))
        except FieldError:
            return [], []
        if not account_id:
            return [], []
        return contact_choices(conn, account_id), opportunity_choices(conn, account_id)


def find_contacts(conn: sqlite3.Connection, account_id: str, wanted: Iterable[str]) -> list[str]:
    """Contact ids of the account, each given by id, name (any case) or a unique part of it."""
    people = conn.execute(
        "SELECT id, name FROM contacts WHERE account_id = ? AND deleted = 0 ORDER BY name",
        (account_id,),
    ).fetchall()
    found: list[str] = []
    for raw in wanted:
        text = str(raw).strip()
        if not text:
            continue
        folded = text.casefold()
        hits = (
            [p for p in people if p[0] == text]
            or [p for p in people if p[1].casefold() == folded]
            or [p for p in people if folded in p[1].casefold()]
        )
        if len(hits) != 1:
            key = "reviews.err.contact_unknown" if not hits else "reviews.err.contact_ambiguous"
            choices = hits or people
            names = [p[1] for p in choices[:10]] or ["—"]  # joined by the message
            raise FieldError("contacts", key, value=text, names=names)
        if hits[0][0] not in found:
            found.append(hits[0][0])
    return found


def log_activity(ws: Workspace, values: Mapping[str, Any]) -> str:
    """Check and save one activity of mine. Returns its id.

    ``values``: ``kind``, ``account`` (id or name), ``contacts`` (ids or names), ``date``
    (default today), ``time`` (``HH:MM``; default now for today, else 12:00), ``scenario``,
    ``note``, ``next_step``, ``opportunity`` (id or name, at the account) and ``stage`` (an
    LTC stage; default: the one the opportunity is in). Raises :class:`ValidationFailed`
    naming every bad field; nothing is written then.
    """
    from katerm.core import store

    errors: list[FieldError] = []
    clean: dict[str, Any] = {}
    kind = str(values.get("kind") or "").strip().casefold()
    if kind not in KINDS:
        errors.append(FieldError("kind", "fields.err.bad_choice", value=kind, choices=tuple(KINDS)))
    clean["kind"] = kind
    scenario = str(values.get("scenario") or "").strip().casefold()
    if scenario and scenario not in SCENARIOS:
        errors.append(
            FieldError(
                "scenario", "fields.err.bad_choice", value=scenario, choices=tuple(SCENARIOS)
            )
        )
    clean["scenario"] = scenario
    for name in ("note", "next_step"):
        text = str(values.get(name) or "").strip()
        if len(text) > MAX_TEXT:
            errors.append(FieldError(name, "fields.err.too_long", limit=MAX_TEXT))
        clean[name] = text
    when = _when(values, ws.clock, errors)
    with ws.db.reading() as conn:
        owners = visible_owners(conn, ws.me.id)
        account_id = None
        try:
            account_id, _ = find_account(conn, str(values.get("account") or ""), owners)
        except FieldError as exc:
            errors.append(exc)
        contacts: list[str] = []
        served: dict[str, Any] = {"opportunity_id": None, "stage": "", "routine_id": None}
        if account_id is not None:
            try:
                contacts = find_contacts(conn, account_id, values.get("contacts") or ())
            except FieldError as exc:
                errors.append(exc)
            served = served_by(conn, account_id, values, errors)
            served["routine_id"] = routine_of(conn, account_id, values, errors)
    if errors:
        raise ValidationFailed(errors)
    assert when is not None and account_id is not None
    row = {
        **clean,
        "account_id": account_id,
        "occurred_at": utc_text(when),
        "contact_ids": json.dumps(contacts),
        "owner_id": ws.me.id,
        **served,
    }
    with ws.db.writing() as conn:
        return store.insert(conn, "activities", row, actor_id=ws.me.id)


def _when(values: Mapping[str, Any], clock: Clock, errors: list[FieldError]) -> datetime | None:
    today = clock.today()
    day: date | None = None
    at: time | None = None
    try:
        given = values.get("date")
        day = given if isinstance(given, date) else parse_day(given, today)
    except BadInput as exc:
        errors.append(FieldError("date", exc.key, **exc.params))
    try:
        at = parse_time(values.get("time"))
    except BadInput as exc:
        errors.append(FieldError("time", exc.key, **exc.params))
    if day is None:
        return None
    if at is None:
        at = clock.local_now().time().replace(second=0, microsecond=0) if day == today else time(12)
    return datetime.combine(day, at, tzinfo=clock.tz)


_SELECT = (
    "SELECT v.id, v.owner_id, v.kind, v.scenario, v.occurred_at, v.account_id, "
    "coalesce(a.name, ''), v.contact_ids, v.note, v.next_step, v.opportunity_id, v.stage, "
    "coalesce(o.name, '') FROM activities v "
    "LEFT JOIN accounts a ON a.id = v.account_id "
    "LEFT JOIN opportunities o ON o.id = v.opportunity_id "
)


def activities_between(
    conn: sqlite3.Connection,
    owner_ids: Sequence[str],
    start: str,
    end: str,
    *,
    kinds: Sequence[str] | None = None,
    limit: int | None = None,
) -> list[ActivityRow]:
    """Live activities of these people in [start, end) (stored UTC text), oldest first."""
    if not owner_ids:
        return []
    where = (
        f"v.owner_id IN ({_marks(owner_ids)}) AND v.deleted = 0 "
        "AND v.occurred_at >= ? AND v.occurred_at < ?"
    )
    params: list[Any] = [*owner_ids, start, end]
    if kinds:
        where += f" AND v.kind IN ({_marks(kinds)})"
        params.extend(kinds)
    sql = f"{_SELECT}WHERE {where} ORDER BY v.occurred_at"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    rows = conn.execute(sql, params).fetchall()
    return _rows(conn, rows)


def get_activity(conn: sqlite3.Connection, activity_id: str) -> ActivityRow:
    """One activity by id (:class:`NotFound` if there is none)."""
    rows = conn.execute(_SELECT + "WHERE v.id = ?", (activity_id,)).fetchall()
    if not rows:
        from katerm.core.errors import NotFound

        raise NotFound("errors.row_missing", table="activities", id=activity_id)
    return _rows(conn, rows)[0]


def _rows(conn: sqlite3.Connection, rows: list[tuple[Any, ...]]) -> list[ActivityRow]:
    wanted: dict[str, list[str]] = {}
    for row in rows:
        wanted[row[0]] = _ids(row[7])
    every = sorted({c for ids in wanted.values() for c in ids})
    names: dict[str, str] = {}
    for start in range(0, len(every), 500):
        chunk = every[start : start + 500]
        names.update(
            conn.execute(
                f"SELECT id, name FROM contacts WHERE id IN ({_marks(chunk)})", chunk
            ).fetchall()
        )
    out = []
    for row in rows:
        id_, owner, kind, scenario, occurred, account_id, account, _, note, nxt = row[:10]
        out.append(
            ActivityRow(
                id_,
                owner,
                kind,
                scenario,
                datetime.fromisoformat(occurred),
                account_id,
                account,
                tuple(names[c] for c in wanted[id_] if c in names),
                note,
                nxt,
                tuple(wanted[id_]),
                *row[10:13],
            )
        )
    return out


def _ids(text: str | None) -> list[str]:
    try:
        value = json.loads(text or "[]")
    except ValueError:
        return []
    return [str(v) for v in value] if isinstance(value, list) else []


def opportunity_history(conn: sqlite3.Connection, opportunity_id: str) -> list[ActivityRow]:
    """The live activities that served the opportunity, oldest first: what was done for the
    project at each stage."""
    rows = conn.execute(
        _SELECT + "WHERE v.opportunity_id = ? AND v.deleted = 0 ORDER BY v.occurred_at",
        (opportunity_id,),
    ).fetchall()
    return _rows(conn, rows)


def load_opportunity_history(db: Database, opportunity_id: str) -> list[ActivityRow]:
    """:func:`opportunity_history` in its own read (what a screen asks for)."""
    with db.reading() as conn:
        return opportunity_history(conn, opportunity_id)
