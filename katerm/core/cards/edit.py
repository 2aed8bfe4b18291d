"""Checking and saving cards, key dates, key events and strategic relationships.

Every function checks all the fields first (the rules of :mod:`katerm.core.fields`) and raises
:class:`ValidationFailed` listing every problem, so nothing is written then; writes go through
:mod:`katerm.core.store` in one transaction. Rows belong to the account's owner, like the
account's contacts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from katerm.core import store
from katerm.core.cards.kinds import (
    EVENT_KINDS,
    KEY_DATE_KINDS,
    PARTNER_KINDS,
    PERSONAL_KINDS,
    SPONSOR_CRITERIA,
)
from katerm.core.cards.lunar import looks_lunar, parse_lunar
from katerm.core.cards.schedule import next_review
from katerm.core.errors import FieldError, NotFound, ValidationFailed
from katerm.core.fields import MAX_NAME, MAX_NOTES, day, text
from katerm.core.roles import parse_flag

if TYPE_CHECKING:
    import sqlite3

    from katerm.core.workspace import Workspace

_MONTH_DAY = re.compile(r"(?:--)?(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")


def choice(field: str, value: Any, keys: tuple[str, ...], default: str | None = None) -> str:
    """One of ``keys`` (empty gives ``default`` when there is one)."""
    raw = "" if value is None else str(value).strip()
    if not raw and default is not None:
        return default
    if raw not in keys:
        raise FieldError(field, "fields.err.bad_choice", value=raw, choices=tuple(keys))
    return raw


def criteria(value: Any) -> str:
    """Ticked sponsor criteria as stored: known keys, comma-separated, in the book's order."""
    if value is None:
        items: Iterable[str] = ()
    elif isinstance(value, str):
        items = value.split(",")
    else:
        items = value
    given = {str(i).strip() for i in items if str(i).strip()}
    unknown = sorted(given - set(SPONSOR_CRITERIA))
    if unknown:
        raise FieldError(
            "sponsor_criteria",
            "fields.err.bad_choice",
            value=list(unknown),
            choices=tuple(SPONSOR_CRITERIA),
        )
    return ",".join(k for k in SPONSOR_CRITERIA if k in given)


def key_day(value: Any, *, yearly: bool, field: str = "day") -> str:
    """A key date as stored: ``YYYY-MM-DD``; a yearly one may be ``MM-DD`` (year unknown) or
    lunar (``农历08-15`` is stored ``L08-15``, see :mod:`katerm.core.cards.lunar`)."""
    raw = "" if value is None else str(value).strip()
    if not raw:
        raise FieldError(field, "fields.err.required")
    if looks_lunar(raw):  # 农历08-15: lunar dates come back every year
        if not yearly:
            raise FieldError(field, "cards.err.lunar_yearly", value=raw)
        return parse_lunar(raw, field=field)
    try:
        full = day(field, raw)
    except FieldError:
        full = None
    if full is not None:
        return full.isoformat()
    match = _MONTH_DAY.fullmatch(raw)
    if match and yearly:
        try:  # 2000 was a leap year: 29 February is a fine yearly date
            return date(2000, int(match[1]), int(match[2])).strftime("%m-%d")
        except ValueError:
            pass
    key = "cards.err.bad_yearly_day" if yearly else "cards.err.bad_day"
    raise FieldError(field, key, value=raw)


def _live(conn: sqlite3.Connection, table: str, row_id: str, columns: str) -> tuple[Any, ...]:
    row = conn.execute(
        f"SELECT {columns} FROM {table} WHERE id = ? AND deleted = 0", (row_id,)
    ).fetchone()
    if row is None:
        raise NotFound("errors.row_missing", table=table, id=row_id)
    return tuple(row)


def _user(conn: sqlite3.Connection, field: str, value: Any, errors: list[FieldError]) -> Any:
    user = value or None
    if (
        user is not None
        and conn.execute("SELECT 1 FROM users WHERE id = ? AND deleted = 0", (user,)).fetchone()
        is None
    ):
        errors.append(FieldError(field, "fields.err.covered_by_unknown", value=user))
    return user


def _run(
    rules: Mapping[str, Any], values: Mapping[str, Any], errors: list[FieldError]
) -> dict[str, Any]:
    clean: dict[str, Any] = {}
    for name, rule in rules.items():
        if name in values:
            try:
                clean[name] = rule(values[name])
            except FieldError as exc:
                errors.append(exc)
    return clean


def _notes(name: str) -> Any:
    return lambda v: text(name, v, limit=MAX_NOTES)


# --- expansion cards ------------------------------------------------------------------------

_CARD_RULES = {
    "sponsor_criteria": criteria,
    "commitments": _notes("commitments"),
    "action_plan": _notes("action_plan"),
    "notes": _notes("notes"),
    "next_review": lambda v: day("next_review", v),
}


def card_id_for(conn: sqlite3.Connection, contact_id: str) -> str | None:
    """The live card of a contact, if they have one."""
    row = conn.execute(
        "SELECT id FROM expansion_cards WHERE contact_id = ? AND deleted = 0 "
        "ORDER BY created_at, rowid LIMIT 1",
        (contact_id,),
    ).fetchone()
    return None if row is None else str(row[0])


def save_card(ws: Workspace, contact_id: str, values: Mapping[str, Any], *, today: date) -> str:
    """Create or edit a key person's card (one per person). A new card's first review is
    three months from ``today`` unless ``next_review`` is given. Returns the card's id.

    ``relationship_owner_id`` is the contact's one relationship owner (``covered_by``): saving
    it here changes it on the contact, for the influence map and the gap table too.
    """
    errors: list[FieldError] = []
    clean = _run(_CARD_RULES, values, errors)
    with ws.db.reading() as conn:
        account_id, owner, covered = _live(
            conn, "contacts", contact_id, "account_id, owner_id, covered_by"
        )
        for field in ("relationship_owner_id", "sponsor_id"):
            if field in values:
                clean[field] = _user(conn, field, values[field], errors)
        card_id = card_id_for(conn, contact_id)
    if errors:
        raise ValidationFailed(errors)
    if clean.get("next_review", date.min) is None:
        del clean["next_review"]  # emptied: keep the schedule rather than lose it
    relationship_owner = clean.pop("relationship_owner_id", covered)
    with ws.db.writing() as conn:
        if relationship_owner != covered:
            store.update(
                conn, "contacts", contact_id, {"covered_by": relationship_owner}, actor_id=ws.me.id
            )
        if card_id is None:
            clean.setdefault("next_review", next_review(today))
            return store.insert(
                conn,
                "expansion_cards",
                {**clean, "account_id": account_id, "contact_id": contact_id, "owner_id": owner},
                actor_id=ws.me.id,
            )
        store.update(conn, "expansion_cards", card_id, clean, actor_id=ws.me.id)
    return card_id


def review_done(ws: Workspace, card_id: str, *, reviewed_on: date) -> date:
    """Record that the card was reviewed on ``reviewed_on``; schedules and returns the next."""
    following = next_review(reviewed_on)
    with ws.db.reading() as conn:
        _live(conn, "expansion_cards", card_id, "id")
    with ws.db.writing() as conn:
        store.update(
            conn, "expansion_cards", card_id, {"next_review": following}, actor_id=ws.me.id
        )
    return following


# --- key dates ------------------------------------------------------------------------------


def save_key_date(
    ws: Workspace, account_id: str, key_date_id: str | None, values: Mapping[str, Any]
) -> str:
    """Create or edit a key date of the account (``contact_id`` empty) or of one of its
    people. Birthdays are personal unless ``personal`` says otherwise."""
    errors: list[FieldError] = []
    given = dict(values)
    with ws.db.reading() as conn:
        (owner,) = _live(conn, "accounts", account_id, "owner_id")
        old: dict[str, Any] = {}
        if key_date_id is not None:
            row = _live(conn, "key_dates", key_date_id, "kind, day, yearly, account_id")
            if row[3] != account_id:
                raise NotFound("errors.row_missing", table="key_dates", id=key_date_id)
            old = {"kind": row[0], "day": row[1], "yearly": bool(row[2])}
        if "contact_id" in given:
            contact = given["contact_id"] or None
            if contact is not None:
                found = conn.execute(
                    "SELECT account_id FROM contacts WHERE id = ? AND deleted = 0", (contact,)
                ).fetchone()
                if found is None or found[0] != account_id:
                    errors.append(FieldError("contact_id", "plan.err.bad_link"))
            given["contact_id"] = contact
    clean: dict[str, Any] = {}
    if "contact_id" in given:
        clean["contact_id"] = given["contact_id"]
    if key_date_id is None:
        given.setdefault("kind", "other")
        given.setdefault("day", "")
    try:
        clean["yearly"] = parse_flag(given.get("yearly", old.get("yearly", True)), field="yearly")
    except FieldError as exc:
        errors.append(exc)
        clean["yearly"] = True
    try:
        kind = choice("kind", given.get("kind", old.get("kind")), KEY_DATE_KINDS, "other")
        clean["kind"] = kind
    except FieldError as exc:
        errors.append(exc)
        kind = "other"
    if "day" in given or "yearly" in given:
        try:
            clean["day"] = key_day(given.get("day", old.get("day")), yearly=clean["yearly"])
        except FieldError as exc:
            errors.append(exc)
    if "label" in given:
        try:
            clean["label"] = text("label", given["label"], limit=MAX_NAME)
        except FieldError as exc:
            errors.append(exc)
    if "personal" in given and given["personal"] not in (None, ""):
        try:
            clean["personal"] = parse_flag(given["personal"], field="personal")
        except FieldError as exc:
            errors.append(exc)
    elif key_date_id is None or "kind" in given:
        clean["personal"] = kind in PERSONAL_KINDS
    if errors:
        raise ValidationFailed(errors)
    with ws.db.writing() as conn:
        if key_date_id is None:
            return store.insert(
                conn,
                "key_dates",
                {**clean, "account_id": account_id, "owner_id": owner},
                actor_id=ws.me.id,
            )
        store.update(conn, "key_dates", key_date_id, clean, actor_id=ws.me.id)
    return key_date_id


# --- key events -----------------------------------------------------------------------------

_EVENT_RULES = {
    "kind": lambda v: choice("kind", v, EVENT_KINDS, "other"),
    "day": lambda v: day("day", v),
    "note": _notes("note"),
}


def record_event(ws: Workspace, contact_id: str, values: Mapping[str, Any], *, today: date) -> str:
    """Record a key event of a person (on ``today`` unless ``day`` says otherwise). A "left"
    event marks the person as gone: out of the current influence map, history kept."""
    errors: list[FieldError] = []
    clean = _run(_EVENT_RULES, {"kind": "", "day": "", **values}, errors)
    if errors:
        raise ValidationFailed(errors)
    clean["day"] = clean["day"] or today
    with ws.db.reading() as conn:
        account_id, owner = _live(conn, "contacts", contact_id, "account_id, owner_id")
    with ws.db.writing() as conn:
        event_id = store.insert(
            conn,
            "key_events",
            {**clean, "account_id": account_id, "contact_id": contact_id, "owner_id": owner},
            actor_id=ws.me.id,
        )
        if clean["kind"] == "left":
            store.update(conn, "contacts", contact_id, {"left_on": clean["day"]}, actor_id=ws.me.id)
    return event_id


def delete_event(ws: Workspace, event_id: str) -> None:
    """Tombstone a key event; deleting the "left" event brings the person back onto the map
    unless another "left" event still says they left."""
    with ws.db.reading() as conn:
        contact_id, kind = _live(conn, "key_events", event_id, "contact_id, kind")
        others = conn.execute(
            "SELECT max(day) FROM key_events WHERE contact_id = ? AND kind = 'left' "
            "AND deleted = 0 AND id != ?",
            (contact_id, event_id),
        ).fetchone()[0]
    with ws.db.writing() as conn:
        store.delete(conn, "key_events", event_id, actor_id=ws.me.id)
        if kind == "left":
            store.update(conn, "contacts", contact_id, {"left_on": others}, actor_id=ws.me.id)


# --- strategic relationships ----------------------------------------------------------------

_STRATEGIC_RULES = {
    "partner": lambda v: text("partner", v, required=True, limit=MAX_NAME),
    "kind": lambda v: choice("kind", v, PARTNER_KINDS, "partner"),
    "relationship": _notes("relationship"),
    "how_to_use": _notes("how_to_use"),
}


def save_strategic(
    ws: Workspace, account_id: str, row_id: str | None, values: Mapping[str, Any]
) -> str:
    """Create or edit a line of the account's strategic-relationship table."""
    given = dict(values)
    if row_id is None:
        given.setdefault("partner", "")
    errors: list[FieldError] = []
    clean = _run(_STRATEGIC_RULES, given, errors)
    if errors:
        raise ValidationFailed(errors)
    with ws.db.reading() as conn:
        (owner,) = _live(conn, "accounts", account_id, "owner_id")
    with ws.db.writing() as conn:
        if row_id is None:
            return store.insert(
                conn,
                "strategic_relationships",
                {**clean, "account_id": account_id, "owner_id": owner},
                actor_id=ws.me.id,
            )
        store.update(conn, "strategic_relationships", row_id, clean, actor_id=ws.me.id)
    return row_id
