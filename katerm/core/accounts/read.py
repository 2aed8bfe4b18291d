"""Accounts and contacts as the screens and commands read them: plain dataclasses, never ORM
objects (saving is in :mod:`katerm.core.accounts.edit`)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field, fields
from datetime import date
from typing import TYPE_CHECKING, Any

from katerm.core.errors import NotFound
from katerm.core.fields import MAX_NAME
from katerm.core.store import name_key as store_name_key
from katerm.core.tiers import (
    SCHEMES,
    reason_column,
    stored_reason_sql,
    stored_tier_sql,
    tier_column,
)

if TYPE_CHECKING:
    from katerm.core.store import Database

ACCOUNT_FIELDS = (
    "name",
    "industry",
    "region",
    "annual_revenue",
    "contract_value",
    "potential_revenue",
    "annual_orders",
    "company_revenue",
    "currency",
    "tier_scheme",
    "tier",
    "tier_override_reason",
    "lifecycle",
    "owner_id",
    "notes",
    "phone",
    "website",
    "address",
)
CONTACT_FIELDS = ("name", "title", "department", "phone", "email", "birthday", "notes")


@dataclass(frozen=True)
class AccountRecord:
    id: str
    name: str
    industry: str
    region: str
    annual_revenue: float
    contract_value: float
    potential_revenue: float
    annual_orders: int
    company_revenue: float
    currency: str
    tier_scheme: str
    tier: str | None
    tier_override_reason: str
    lifecycle: str
    owner_id: str
    notes: str
    phone: str = ""
    website: str = ""
    address: str = ""
    owner_login: str = ""
    owner_name: str = ""
    deleted: bool = False
    # Every scheme's stored tier and override reason: scheme -> (tier or None, reason).
    tiers: dict[str, tuple[str | None, str]] = field(default_factory=dict)


@dataclass(frozen=True)
class ContactRecord:
    id: str
    account_id: str
    name: str
    title: str
    department: str
    phone: str
    email: str
    birthday: date | None
    notes: str
    level: int = 0  # the relationship level 0–5 (katerm.core.levels), as the map shows it


def name_taken(conn: sqlite3.Connection, name: str, *, exclude_id: str | None = None) -> bool:
    """Is another live account already called this? Width, case and runs of spaces do not
    count (全角 ＡＣＭＥ is ACME), as on the sync server, which renames a second one."""
    row = conn.execute(
        "SELECT id FROM accounts WHERE deleted = 0 AND name = ? COLLATE NOCASE AND id != ? LIMIT 1",
        (name.strip(), exclude_id or ""),
    ).fetchone()
    if row is not None:
        return True
    wanted = name_key(name)
    return any(
        name_key(other) == wanted
        for (other,) in conn.execute(
            "SELECT name FROM accounts WHERE deleted = 0 AND id != ?", (exclude_id or "",)
        )
    )


def name_key(name: str) -> str:
    """How account names are matched (import, uniqueness): width, case and spaces aside."""
    return store_name_key(name)


# The account's tier fields as the workspace's active scheme shows them (migration 0014: one
# stored tier per scheme; ``tiers`` holds them all).
_ACTIVE_SQL = {
    "tier_scheme": "active_scheme()",
    "tier": stored_tier_sql(),
    "tier_override_reason": stored_reason_sql(),
}


def get_account(db: Database, account_id: str) -> AccountRecord:
    columns = ", ".join(_ACTIVE_SQL.get(f, f"a.{f}") for f in ("id", *ACCOUNT_FIELDS))
    stored = ", ".join(f"a.{tier_column(s)}, a.{reason_column(s)}" for s in SCHEMES)
    with db.reading() as conn:
        row = conn.execute(
            f"SELECT {columns}, coalesce(u.login, ''), coalesce(u.name, ''), a.deleted, {stored} "
            "FROM accounts a LEFT JOIN users u ON u.id = a.owner_id WHERE a.id = ?",
            (account_id,),
        ).fetchone()
    if row is None:
        raise NotFound("errors.row_missing", table="accounts", id=account_id)
    names = ("id", *ACCOUNT_FIELDS, "owner_login", "owner_name", "deleted")
    values = dict(zip(names, row[: len(names)], strict=True))
    values["deleted"] = bool(values["deleted"])
    rest = row[len(names) :]
    values["tiers"] = {s: (rest[2 * i], rest[2 * i + 1]) for i, s in enumerate(SCHEMES)}
    return AccountRecord(**values)


def list_contacts(db: Database, account_id: str) -> list[ContactRecord]:
    names = [f.name for f in fields(ContactRecord)]
    with db.reading() as conn:
        rows = conn.execute(
            f"SELECT {', '.join(names)} FROM contacts WHERE account_id = ? AND deleted = 0 "
            "ORDER BY name",
            (account_id,),
        ).fetchall()
    out = []
    for row in rows:
        values = dict(zip(names, row, strict=True))
        values["birthday"] = date.fromisoformat(values["birthday"]) if values["birthday"] else None
        out.append(ContactRecord(**values))
    return out


def account_name(db: Database, account_id: str) -> str | None:
    """The name of a live account, or None."""
    with db.reading() as conn:
        row = conn.execute(
            "SELECT name FROM accounts WHERE id = ? AND deleted = 0", (account_id,)
        ).fetchone()
    return row[0] if row else None


def contact_choices(conn: sqlite3.Connection, account_id: str) -> list[tuple[str, str]]:
    """(name, id) of an account's live contacts, by name: what a form offers to pick."""
    return conn.execute(
        "SELECT name, id FROM contacts WHERE account_id = ? AND deleted = 0 ORDER BY name",
        (account_id,),
    ).fetchall()


def count_accounts(db: Database) -> int:
    with db.reading() as conn:
        return int(conn.execute("SELECT count(*) FROM accounts WHERE deleted = 0").fetchone()[0])


@dataclass(frozen=True)
class SearchHit:
    kind: str  # "account" | "contact"
    id: str
    account_id: str
    label: str
    detail: str


def search_names(db: Database, text: str, *, limit: int = 20) -> list[SearchHit]:
    """Accounts and contacts whose name contains ``text`` (for the command palette)."""
    if len(text.strip()) > MAX_NAME:
        return []  # no name is that long (and SQLite refuses long LIKE patterns)
    pattern = f"%{text.strip()}%"
    with db.reading() as conn:
        accounts = conn.execute(
            "SELECT id, name, industry FROM accounts WHERE deleted = 0 AND name LIKE ? "
            "ORDER BY length(name), name LIMIT ?",
            (pattern, limit),
        ).fetchall()
        contacts = conn.execute(
            "SELECT c.id, c.account_id, c.name, a.name FROM contacts c JOIN accounts a "
            "ON a.id = c.account_id WHERE c.deleted = 0 AND a.deleted = 0 AND c.name LIKE ? "
            "ORDER BY length(c.name), c.name LIMIT ?",
            (pattern, limit),
        ).fetchall()
    found = [SearchHit("account", i, i, n, ind) for i, n, ind in accounts] + [
        SearchHit("contact", i, a, n, an) for i, a, n, an in contacts
    ]
    if found:
        return found
    return _by_initials(db, text, limit)


def _by_initials(db: Database, text: str, limit: int) -> list[SearchHit]:
    """Chinese names whose pinyin initials contain ``text`` (``czfc``: 成都飞驰…), shortest
    first: what people type when the input method is off."""
    from katerm.core.pinyin import as_initials, with_initials

    if as_initials(text) is None:
        return []
    with db.reading() as conn:
        accounts = conn.execute(
            "SELECT id, name, industry FROM accounts WHERE deleted = 0 AND name GLOB '*[一-龥]*'"
        ).fetchall()
        contacts = conn.execute(
            "SELECT c.id, c.account_id, c.name, a.name FROM contacts c JOIN accounts a "
            "ON a.id = c.account_id WHERE c.deleted = 0 AND a.deleted = 0 "
            "AND c.name GLOB '*[一-龥]*'"
        ).fetchall()

    def matching(rows: list[Any], name_at: int) -> list[Any]:
        hits = [rows[i] for i in with_initials([r[name_at] for r in rows], text)]
        return sorted(hits, key=lambda r: (len(r[name_at]), r[name_at]))[:limit]

    return [SearchHit("account", i, i, n, ind) for i, n, ind in matching(accounts, 1)] + [
        SearchHit("contact", i, a, n, an) for i, a, n, an in matching(contacts, 2)
    ]
