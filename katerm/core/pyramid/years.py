"""An account's yearly figures for the periodic evaluation: revenue with us and the customer's
satisfaction per calendar year (``account_revenues``), entered one year at a time (the import
kind ``account_revenues`` takes many at once)."""

from __future__ import annotations

import sqlite3
import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from katerm.core import fields, store
from katerm.core.errors import FieldError, ValidationFailed

if TYPE_CHECKING:
    from katerm.core.workspace import Workspace

_NAMESPACE = uuid.UUID("6a0e2b9c-5d41-4f3e-8c7a-1b2d3e4f5a60")  # katerm account year ids
YEARS = (1900, 2100)
SATISFACTION = (1, 5)  # 1 very dissatisfied, 2 dissatisfied, 3 neutral, 4 satisfied, 5 very


@dataclass(frozen=True)
class AccountYear:
    year: int
    amount: float
    currency: str
    satisfaction: int | None

    def record(self) -> dict[str, Any]:
        return {
            "year": self.year,
            "amount": self.amount,
            "currency": self.currency,
            "satisfaction": self.satisfaction,
        }


def account_years(conn: sqlite3.Connection, account_id: str) -> list[AccountYear]:
    """An account's yearly figures, oldest first (one per year: the latest change wins)."""
    rows = conn.execute(
        "SELECT year, amount, currency, satisfaction FROM account_revenues "
        "WHERE account_id = ? AND deleted = 0 ORDER BY year, hlc",
        (account_id,),
    ).fetchall()
    return list({r[0]: AccountYear(int(r[0]), float(r[1]), r[2], r[3]) for r in rows}.values())


def _check(year: Any, amount: Any, currency: Any, satisfaction: Any) -> dict[str, Any]:
    clean: dict[str, Any] = {}
    errors: list[FieldError] = []

    def field(name: str, check: Any) -> None:
        try:
            clean[name] = check()
        except FieldError as exc:
            errors.append(exc)

    def check_year() -> int:
        try:
            value = int(str(year).strip())
        except ValueError:
            value = 0
        if not YEARS[0] <= value <= YEARS[1]:
            raise FieldError(
                "year", "pyramid.err.bad_year", value=year, low=YEARS[0], high=YEARS[1]
            )
        return value

    def check_satisfaction() -> int | None:
        text = str(satisfaction).strip()
        if not text:
            return None
        if text not in {str(n) for n in range(SATISFACTION[0], SATISFACTION[1] + 1)}:
            raise FieldError("satisfaction", "pyramid.err.bad_satisfaction", value=satisfaction)
        return int(text)

    field("year", check_year)
    if amount is not None:
        field("amount", lambda: fields.money("amount", amount))
    if currency is not None:
        field("currency", lambda: fields.currency("currency", currency))
    if satisfaction is not None:
        field("satisfaction", check_satisfaction)
    if errors:
        raise ValidationFailed(errors)
    return clean


def save_year(
    ws: Workspace,
    account_id: str,
    year: Any,
    *,
    amount: Any = None,
    currency: Any = None,
    satisfaction: Any = None,
) -> AccountYear:
    """Set an account's revenue (and currency) and/or satisfaction for a year (None leaves a
    value as it is; an empty satisfaction clears it). Raises :class:`ValidationFailed` naming
    each bad value; nothing is written then."""
    clean = _check(year, amount, currency, satisfaction)
    year_ = clean.pop("year")
    with ws.db.writing() as conn:
        raw = conn.connection.driver_connection
        owner = store.live_owner(raw, "accounts", account_id)
        found = raw.execute(
            "SELECT id FROM account_revenues WHERE account_id = ? AND year = ? "
            "ORDER BY deleted, hlc DESC LIMIT 1",
            (account_id, year_),
        ).fetchone()
        if found:
            store.update(
                conn, "account_revenues", found[0], {**clean, "deleted": False}, actor_id=ws.me.id
            )
        else:
            store.insert(
                conn,
                "account_revenues",
                {
                    "id": str(uuid.uuid5(_NAMESPACE, f"year/{account_id}/{year_}")),
                    "owner_id": owner,
                    "account_id": account_id,
                    "year": year_,
                    **clean,
                },
                actor_id=ws.me.id,
            )
        return next(y for y in account_years(raw, account_id) if y.year == year_)
