"""Saving accounts and contacts: every field checked, names kept unique, one transaction.

Each function checks its values with ``katerm.core.fields`` (the same rules as an import),
raises :class:`~katerm.core.errors.ValidationFailed` with every problem (nothing is written
then), and writes through ``katerm.core.store``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from katerm.core import deferred, levels, store
from katerm.core.accounts.read import name_taken
from katerm.core.errors import FieldError, NotFound, ValidationFailed
from katerm.core.fields import clean_account, clean_contact
from katerm.core.tiers import SCHEMES, TIER_COLUMNS, tier_column

if TYPE_CHECKING:
    from katerm.core.workspace import Workspace

# The tiers an account's figures give (scheme -> tier, for the schemes rated by figures), read
# with the team's thresholds: the pyramid's rule, which ``katerm.core.plugins`` installs here
# (accounts and the pyramid are siblings and do not import each other). The installed factory
# reads the thresholds once and returns the rule bound to them, so an import of many rows
# reads them once, not per row.
TierRule = Callable[[Mapping[str, Any]], Mapping[str, str]]
TierRuleFactory = Callable[[sqlite3.Connection], TierRule]
_TIER_RULE: list[TierRuleFactory] = []

# The figures a tier is computed from, and their currency (converted to the team's base).
_FIGURES = ("annual_revenue", "annual_orders", "contract_value", "company_revenue", "currency")
_STORED = (*TIER_COLUMNS, *_FIGURES)
_COLUMNS = tuple((scheme, tier_column(scheme)) for scheme in SCHEMES)


def use_tier_rule(factory: TierRuleFactory) -> None:
    """Install the rule that gives a new (or untiered) account its tier when it is saved."""
    deferred.run("tier_rule")  # a rule installed on first use must not replace this one
    _TIER_RULE[:] = [factory]


def tier_rule(raw: sqlite3.Connection) -> TierRule | None:
    """The installed tier rule bound to the team's thresholds now (None: none installed)."""
    deferred.run("tier_rule")
    return _TIER_RULE[0](raw) if _TIER_RULE else None


def computed_tiers(
    raw: sqlite3.Connection,
    account_id: str | None,
    clean: Mapping[str, Any],
    rule: TierRule | None = None,
) -> dict[str, Any]:
    """The tiers to store with this save: in each scheme, the figures' tier for a new account
    (``account_id`` None), or one with no tier there yet, saved without one. A scheme where
    the account has a tier keeps it (a re-tier suggestion or an override changes it): one
    stored truth per scheme, never a second answer. Manual schemes (strategic) get no
    computed tier. The account form and ``katerm import`` both save through this; ``rule``
    (from :func:`tier_rule`) lets a caller saving many accounts read the thresholds once."""
    if rule is None:
        rule = tier_rule(raw)
        if rule is None:
            return {}
    if account_id is None:
        row: dict[str, Any] = {f: 0 for f in _FIGURES[:-1]}
    else:
        found = raw.execute(
            f"SELECT {', '.join(_STORED)} FROM accounts WHERE id = ?", (account_id,)
        ).fetchone()
        if found is None:
            return {}
        row = dict(zip(_STORED, found, strict=True))
    row.update(clean)
    out: dict[str, Any] = {}
    tiers: Mapping[str, str] | None = None
    for scheme, column in _COLUMNS:
        if row.get(column) is not None or (account_id is not None and column in clean):
            continue  # a tier stored, given, or cleared by hand on purpose
        if tiers is None:
            tiers = rule(row)
        if scheme in tiers:
            out[column] = tiers[scheme]
    return out


def save_account(ws: Workspace, account_id: str | None, values: Mapping[str, Any]) -> str:
    """Check and save an account (new when ``account_id`` is None). Returns its id.

    Raises :class:`ValidationFailed` with every problem; nothing is written then.
    """
    owner = values.get("owner_id")
    given = {k: v for k, v in values.items() if k != "owner_id"}
    errors: list[FieldError] = []
    try:
        clean = clean_account(given, default_scheme=ws.settings.tier_scheme, new=account_id is None)
    except ValidationFailed as exc:
        # Keep going: a taken name is reported together with the other problems.
        errors.extend(exc.errors)
        clean = {}
        if not any(e.field == "name" for e in exc.errors) and given.get("name"):
            clean["name"] = str(given["name"]).strip()
    with ws.db.reading() as conn:
        if "name" in clean and name_taken(conn, clean["name"], exclude_id=account_id):
            errors.append(FieldError("name", "fields.err.name_taken", value=clean["name"]))
        if owner is not None:
            known = conn.execute(
                "SELECT 1 FROM users WHERE id = ? AND deleted = 0", (owner,)
            ).fetchone()
            if not known:
                errors.append(FieldError("owner_id", "fields.err.required"))
    if errors:
        raise ValidationFailed(errors)
    if owner is not None:
        clean["owner_id"] = owner
    with ws.db.writing() as conn:
        clean.update(computed_tiers(conn.connection.driver_connection, account_id, clean))
        if account_id is None:
            return store.insert(conn, "accounts", clean, actor_id=ws.me.id)
        store.update(conn, "accounts", account_id, clean, actor_id=ws.me.id)
    return account_id


def delete_record(ws: Workspace, table: str, row_id: str) -> None:
    """Tombstone a record; :func:`restore_record` undoes it."""
    with ws.db.writing() as conn:
        store.delete(conn, table, row_id, actor_id=ws.me.id)


def restore_record(ws: Workspace, table: str, row_id: str) -> None:
    with ws.db.writing() as conn:
        store.restore(conn, table, row_id, actor_id=ws.me.id)


def save_contact(
    ws: Workspace, account_id: str, contact_id: str | None, values: Mapping[str, Any]
) -> str:
    """Check and save a contact of an account (new when ``contact_id`` is None)."""
    clean = clean_contact(values, new=contact_id is None)
    with ws.db.reading() as conn:
        owner = conn.execute(
            "SELECT owner_id FROM accounts WHERE id = ? AND deleted = 0", (account_id,)
        ).fetchone()
    if owner is None:
        raise NotFound("errors.row_missing", table="accounts", id=account_id)
    with ws.db.writing() as conn:
        if contact_id is None:
            # A contact belongs to whoever owns the account, so it is visible to the same team.
            return store.insert(
                conn,
                "contacts",
                {**clean, "account_id": account_id, "owner_id": owner[0]},
                actor_id=ws.me.id,
            )
        levels.update_contact(conn, contact_id, clean, actor_id=ws.me.id, at=ws.clock.now())
    return contact_id
