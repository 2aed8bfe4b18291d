"""Saving a lead's details: its source, who referred it (a customer and/or one of its people,
typed as ``account`` or ``account / contact``) and its nurturer (one of our users).

Every field is checked first and every problem reported (:class:`ValidationFailed`, naming
the field); nothing is written then. The write goes through :mod:`katerm.core.store`.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from katerm.core import store
from katerm.core.errors import BadInput, FieldError, ValidationFailed
from katerm.core.fields import text
from katerm.core.leads.rules import SOURCES

if TYPE_CHECKING:
    from katerm.core.workspace import Workspace

FIELDS = ("lead_source", "referred_by", "nurturer")
_SPLIT = re.compile(r"\s*[/／]\s*")


def referral_text(account: str, contact: str) -> str:
    """How a referral is typed and shown: ``account / contact``, or either alone."""
    return " / ".join(x for x in (account, contact) if x)


def _source(value: Any) -> str:
    cleaned = text("lead_source", value).casefold().replace("-", "_")
    if not cleaned:
        return ""
    if cleaned not in SOURCES:
        raise FieldError(
            "lead_source", "fields.err.bad_choice", value=cleaned, choices=tuple(SOURCES)
        )
    return cleaned


def _referrer(conn: sqlite3.Connection, value: Any) -> tuple[str | None, str | None]:
    """(account id, contact id) of ``account``, ``account / contact`` or ``/ contact``
    (a contact of any account, when the name is the only one)."""
    from katerm.core.accounts import resolve_account

    raw = text("referred_by", value)
    if not raw:
        return None, None
    parts = _SPLIT.split(raw, maxsplit=1)
    account_name, contact_name = parts[0], parts[1] if len(parts) > 1 else ""
    account_id: str | None = None
    if account_name:
        try:
            account_id, _ = resolve_account(conn, account_name)
        except BadInput as exc:
            raise FieldError(
                "referred_by", "leads.err.referrer_account", name=account_name
            ) from exc
    if not contact_name:
        return account_id, None
    sql = "SELECT id, account_id FROM contacts WHERE deleted = 0 AND name = ? COLLATE NOCASE"
    params: list[str] = [contact_name]
    if account_id is not None:
        sql += " AND account_id = ?"
        params.append(account_id)
    rows = conn.execute(sql, params).fetchall()
    if len(rows) != 1:
        key = "leads.err.referrer_contact" if not rows else "leads.err.referrer_contacts"
        raise FieldError("referred_by", key, name=contact_name, count=len(rows))
    return rows[0][1], rows[0][0]


def _nurturer(conn: sqlite3.Connection, value: Any) -> str | None:
    raw = text("nurturer", value)
    if not raw:
        return None
    row = conn.execute(
        "SELECT id FROM users WHERE deleted = 0 AND (id = ? OR login = ? COLLATE NOCASE "
        "OR name = ?) ORDER BY login LIMIT 2",
        (raw, raw, raw),
    ).fetchall()
    if len(row) != 1:
        raise FieldError("nurturer", "leads.err.nurturer", name=raw)
    return str(row[0][0])


def clean_lead(
    conn: sqlite3.Connection,
    values: Mapping[str, Any],
    *,
    current_source: str = "",
    has_referrer: bool = False,
) -> dict[str, Any]:
    """The stored columns for the details given (only those): ``lead_source``,
    ``referred_by`` (-> ``referred_account_id``, ``referred_contact_id``), ``nurturer``
    (-> ``nurturer_id``). A referral must name who referred it; only a referral names one."""
    clean: dict[str, Any] = {}
    errors: list[FieldError] = []
    checks = (
        ("lead_source", lambda v: {"lead_source": _source(v)}),
        (
            "referred_by",
            lambda v: dict(
                zip(("referred_account_id", "referred_contact_id"), _referrer(conn, v), strict=True)
            ),
        ),
        ("nurturer", lambda v: {"nurturer_id": _nurturer(conn, v)}),
    )
    for name, check in checks:
        if name in values:
            try:
                clean.update(check(values[name]))
            except FieldError as exc:
                errors.append(exc)
    if not errors:
        source = clean.get("lead_source", current_source)
        given = "referred_by" in values
        named = (
            bool(clean.get("referred_account_id") or clean.get("referred_contact_id"))
            if given
            else has_referrer
        )
        if source == "referral" and not named:
            errors.append(FieldError("referred_by", "leads.err.referral_needs_referrer"))
        elif given and named and source != "referral":
            errors.append(FieldError("lead_source", "leads.err.referrer_needs_referral"))
        elif source != "referral" and "lead_source" in values:
            clean.update(referred_account_id=None, referred_contact_id=None)
    if errors:
        raise ValidationFailed(errors)
    return clean


def _current(conn: sqlite3.Connection, opportunity_id: str) -> tuple[str, bool]:
    row = conn.execute(
        "SELECT lead_source, coalesce(referred_account_id, referred_contact_id) "
        "FROM opportunities WHERE id = ? AND deleted = 0",
        (opportunity_id,),
    ).fetchone()
    if row is None:
        from katerm.core.errors import NotFound

        raise NotFound("errors.row_missing", table="opportunities", id=opportunity_id)
    return str(row[0]), bool(row[1])


def check_lead(ws: Workspace, opportunity_id: str | None, values: Mapping[str, Any]) -> None:
    """Refuse bad details before anything is saved (a form checks them before it saves the
    opportunity, so a refusal writes nothing); ``opportunity_id`` None: a new one."""
    given = {k: v for k, v in values.items() if k in FIELDS}
    if given:
        with ws.db.reading() as conn:
            source, named = _current(conn, opportunity_id) if opportunity_id else ("", False)
            clean_lead(conn, given, current_source=source, has_referrer=named)


def save_lead(ws: Workspace, opportunity_id: str, values: Mapping[str, Any]) -> None:
    """Check and save a lead's details (see :func:`clean_lead`) on a live opportunity."""
    with ws.db.reading() as conn:
        source, named = _current(conn, opportunity_id)
        clean = clean_lead(conn, values, current_source=source, has_referrer=named)
    if not clean:
        return
    with ws.db.writing() as conn:
        store.update(conn, "opportunities", opportunity_id, clean, actor_id=ws.me.id)
