"""Writing competitors: the team's list and where each is present, through the one write
path. Refusals name the field (:class:`~katerm.core.errors.ValidationFailed`); nothing is
written then."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from katerm.core import store
from katerm.core.competitors.read import QUESTIONS, CompetitorRecord, list_competitors
from katerm.core.errors import BadInput, FieldError, NotFound, ValidationFailed
from katerm.core.fields import MAX_SHORT, collect, text

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from katerm.core.workspace import Workspace

MAX_ANSWER = 2000


def _one(conn: Connection, sql: str, *params: object) -> tuple[Any, ...] | None:
    row = conn.exec_driver_sql(sql, params).fetchone()
    return None if row is None else tuple(row)


def _listed(conn: Connection, name: str) -> CompetitorRecord | None:
    """The team's row of a name (of several members' rows, the one the list shows)."""
    key = store.name_key(name)
    listed = list_competitors(conn.connection.driver_connection)
    return next((c for c in listed if store.name_key(c.name) == key), None)


def _answer_rule(question: str) -> Callable[[Any], str]:
    return lambda v: text(question, v, limit=MAX_ANSWER)


def add_competitor(ws: Workspace, name: str, notes: str = "") -> str:
    """Put a competitor on the team's list; returns its id. A name already listed (case and
    width ignored) is refused."""
    clean = collect(
        {"name": name, "notes": notes},
        {
            "name": lambda v: text("name", v, required=True, limit=MAX_SHORT),
            "notes": lambda v: text("notes", v, limit=MAX_ANSWER),
        },
    )
    with ws.db.writing() as conn:
        if _listed(conn, clean["name"]) is not None:
            raise ValidationFailed(
                [FieldError("name", "competitors.err.listed", name=clean["name"])]
            )
        return store.insert(conn, "competitors", clean, actor_id=ws.me.id)


def set_presence(
    ws: Workspace,
    competitor: str,
    account_id: str,
    opportunity_id: str | None = None,
    answers: dict[str, str] | None = None,
    *,
    add_missing: bool = False,
) -> str:
    """Record that ``competitor`` (a listed name) is present at the account, or in one of
    its opportunities, with the answers given (others stay as they were). One presence per
    competitor and place: recording it again updates it. Returns its id. ``add_missing``:
    a name not on the list is put on it (the app's form); otherwise it is refused."""
    given = answers or {}
    unknown = set(given) - set(QUESTIONS)
    if unknown:
        raise ValueError(f"unknown questions: {sorted(unknown)}")
    clean = collect(dict(given), {q: _answer_rule(q) for q in given})
    try:
        name = text("competitor", competitor, required=True, limit=MAX_SHORT)
    except FieldError as exc:
        raise ValidationFailed([exc]) from None
    with ws.db.writing() as conn:
        found = _listed(conn, name)
        if found is None and add_missing:
            new = store.insert(conn, "competitors", {"name": name, "notes": ""}, actor_id=ws.me.id)
            found = CompetitorRecord(new, name, "")
        if found is None:
            raise ValidationFailed(
                [FieldError("competitor", "competitors.err.not_listed", name=competitor)]
            )
        owner = store.live_owner(conn.connection.driver_connection, "accounts", account_id)
        if opportunity_id is not None:
            opp = _one(
                conn,
                "SELECT account_id FROM opportunities WHERE id = ? AND deleted = 0",
                opportunity_id,
            )
            if opp is None or opp[0] != account_id:
                raise NotFound("errors.row_missing", table="opportunities", id=opportunity_id)
        existing = _one(
            conn,
            "SELECT id FROM competitor_presences WHERE deleted = 0 AND competitor_id = ? "
            "AND account_id = ? AND coalesce(opportunity_id, '') = ?",
            found.id,
            account_id,
            opportunity_id or "",
        )
        if existing is not None:
            if clean:
                store.update(conn, "competitor_presences", existing[0], clean, actor_id=ws.me.id)
            return str(existing[0])
        return store.insert(
            conn,
            "competitor_presences",
            {
                # The account's owner: whoever sees the account sees who competes there.
                "owner_id": owner,
                "competitor_id": found.id,
                "account_id": account_id,
                "opportunity_id": opportunity_id,
                **clean,
            },
            actor_id=ws.me.id,
        )


def remove_presence(ws: Workspace, presence_id: str) -> None:
    """The competitor is no longer in that race (a tombstone: sync carries it)."""
    with ws.db.writing() as conn:
        store.delete(conn, "competitor_presences", presence_id, actor_id=ws.me.id)


def _name(value: Any) -> str:
    try:
        return text("name", value, required=True, limit=MAX_SHORT)
    except FieldError as exc:
        raise ValidationFailed([exc]) from None


def _live(conn: Connection, competitor_id: str) -> CompetitorRecord:
    row = _one(
        conn, "SELECT id, name, notes FROM competitors WHERE id = ? AND deleted = 0", competitor_id
    )
    if row is None:
        raise NotFound("errors.row_missing", table="competitors", id=competitor_id)
    return CompetitorRecord(*row)


def _mine_to_change(ws: Workspace, conn: Connection, competitor: CompetitorRecord) -> None:
    """A competitor a manager above me listed is theirs to rename or take off the list."""
    raw = conn.connection.driver_connection
    row = _one(conn, "SELECT owner_id FROM competitors WHERE id = ?", competitor.id)
    setter = store.set_above(raw, ws.me.id, str(row[0]) if row else None)
    if setter is not None:
        raise BadInput("competitors.err.set_above", competitor=competitor.name, name=setter.name)


def rename_competitor(ws: Workspace, competitor_id: str, name: str) -> None:
    """Give a listed competitor a new name. Its presences follow (they point at it); the
    people who favour it and the lost orders it won, which name it, take the new name too.
    A name another listed competitor has (case and width ignored) is refused."""
    new = _name(name)
    with ws.db.writing() as conn:
        old = _live(conn, competitor_id)
        _mine_to_change(ws, conn, old)
        other = _listed(conn, new)
        if other is not None and other.id != competitor_id:
            raise ValidationFailed([FieldError("name", "competitors.err.listed", name=new)])
        if new == old.name:
            return
        store.update(conn, "competitors", competitor_id, {"name": new}, actor_id=ws.me.id)
        key = store.name_key(old.name)
        for table, column in (("contacts", "favours_competitor"), ("opportunities", "winner")):
            rows = conn.exec_driver_sql(
                f"SELECT id, {column} FROM {table} WHERE deleted = 0 AND {column} != ''"
            ).fetchall()
            for row_id, value in rows:
                if store.name_key(value) == key:
                    store.update(conn, table, row_id, {column: new}, actor_id=ws.me.id)


def retire_competitor(ws: Workspace, competitor_id: str) -> None:
    """Take a competitor off the team's list: it is no longer offered for new presences, but
    the presences and win/loss already recorded against it stay (a tombstone on the list row
    only; sync carries it)."""
    with ws.db.writing() as conn:
        _mine_to_change(ws, conn, _live(conn, competitor_id))
        store.delete(conn, "competitors", competitor_id, actor_id=ws.me.id)


def edit_presence(ws: Workspace, presence_id: str, answers: dict[str, str]) -> None:
    """Change the answers of a recorded presence (also one of a retired competitor)."""
    unknown = set(answers) - set(QUESTIONS)
    if unknown:
        raise ValueError(f"unknown questions: {sorted(unknown)}")
    clean = collect(dict(answers), {q: _answer_rule(q) for q in answers})
    with ws.db.writing() as conn:
        if clean:
            store.update(conn, "competitor_presences", presence_id, clean, actor_id=ws.me.id)
