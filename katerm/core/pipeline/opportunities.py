"""Opportunities (商机) from lead to cash: what they hold, how they are checked and saved.

An opportunity moves through the stages of "lead to cash" (DOMAIN.md §7): lead → opportunity →
contract → delivery → cash collected. Signing the contract closes the order as won (成单);
an opportunity can also be lost, and a lead the team decides to close is dropped. The
four-order rules (lock, follow, close, renew, stuck) are in :mod:`katerm.core.pipeline.orders`.

Dates that depend on "today" take it as a parameter: nothing here reads the clock.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from datetime import date
from typing import TYPE_CHECKING, Any

from katerm.core import store
from katerm.core.background import paced
from katerm.core.errors import FieldError, NotFound, ValidationFailed
from katerm.core.fields import MAX_NAME, MAX_NOTES, collect, currency, day, money, text
from katerm.core.store import in_clause
from katerm.core.tiers import stored_tier_sql

if TYPE_CHECKING:
    from katerm.core.workspace import Workspace

STAGES = ("lead", "opportunity", "contract", "delivery", "cash")
# A signed contract is a closed (won) order; delivery and cash collection follow it.
WON_STAGES = frozenset({"contract", "delivery", "cash"})
OUTCOMES = ("open", "won", "lost", "dropped")
LEAD_DECISIONS = ("convert", "nurture", "close")
# The lead review's three questions (DOMAIN.md §7), each with the points that answer it.
LEAD_QUESTIONS: dict[str, tuple[str, ...]] = {
    "real": ("fits_strategy", "risk_acceptable"),
    "distance": ("urgent_need", "clear_process"),
    "winnable": (
        "relationship",
        "power_map",
        "value_proposition",
        "coach",
        "solution_fit",
        "team",
        "competition",
    ),
}
LEAD_POINTS = tuple(p for points in LEAD_QUESTIONS.values() for p in points)
_YES = {"1", "true", "yes", "y", "on", "是", "有", "x", "✓"}
_NO = {"", "0", "false", "no", "n", "off", "否", "无", "没有"}

COLUMNS = (
    "id",
    "account_id",
    "owner_id",
    "name",
    "stage",
    "outcome",
    "amount",
    "currency",
    "expected_close",
    "probability",
    "competitors",
    "has_budget",
    "contact_id",
    "opened_on",
    "stage_on",
    "lead_checks",
    "lead_decision",
    "decided_on",
    "locked_on",
    "locked_by",
    "closed_on",
    "renewal_of",
    "notes",
    "loss_reason",
    "winner",
)
_DATES = frozenset(
    {"expected_close", "opened_on", "stage_on", "decided_on", "locked_on", "closed_on"}
)


@dataclass(frozen=True, slots=True)  # slots: the pipeline holds 45,000 at 100k accounts
class OpportunityRecord:
    id: str
    account_id: str
    owner_id: str
    name: str
    stage: str
    outcome: str
    amount: float
    currency: str
    expected_close: date | None
    probability: int
    competitors: str
    has_budget: bool
    contact_id: str | None
    opened_on: date
    stage_on: date | None
    lead_checks: frozenset[str]
    lead_decision: str
    decided_on: date | None
    locked_on: date | None
    locked_by: str | None
    closed_on: date | None
    renewal_of: str | None
    notes: str
    loss_reason: str  # a lost order: why, and who won it (a competitor, or "nobody")
    winner: str
    account_name: str = ""
    account_tier: str | None = None
    owner_name: str = ""
    contact_name: str = ""

    @property
    def maturity(self) -> str:
        """Leads with a budget are mature (成熟商机), without one early (早期商机)."""
        return "mature" if self.has_budget else "early"

    @property
    def is_open(self) -> bool:
        return self.outcome == "open"

    def as_dict(self) -> dict[str, Any]:
        """Field name -> value (what the lock check reads)."""
        return {f.name: getattr(self, f.name) for f in fields(self)}

    def answered(self, question: str) -> bool:
        """Every point of one of the lead review's questions is confirmed."""
        return all(p in self.lead_checks for p in LEAD_QUESTIONS[question])


_SELECT = (
    "SELECT " + ", ".join(f"o.{c}" for c in COLUMNS) + f", a.name, {stored_tier_sql()}, "
    "coalesce(nullif(u.name, ''), u.login, ''), coalesce(c.name, '') "
    "FROM opportunities o JOIN accounts a ON a.id = o.account_id "
    "LEFT JOIN users u ON u.id = o.owner_id "
    "LEFT JOIN contacts c ON c.id = o.contact_id AND c.deleted = 0 "
    "WHERE o.deleted = 0 AND a.deleted = 0"
)
_DATE_AT = tuple(i for i, c in enumerate(COLUMNS) if c in _DATES)
_BUDGET_AT = COLUMNS.index("has_budget")
# Every text column but the opportunity's own id (the account's id and name, names, stages,
# owners, competitors, reasons… repeat), and the joined names and tier after the columns.
_NOT_SHARED = {"id", "amount", "probability", "has_budget", "lead_checks", *_DATES}
_SHARED_AT = (
    *(i for i, c in enumerate(COLUMNS) if c not in _NOT_SHARED),
    *range(len(COLUMNS), len(COLUMNS) + 4),
)
_CHECKS_AT = COLUMNS.index("lead_checks")


def records_from_rows(rows: Iterable[tuple[Any, ...]]) -> list[OpportunityRecord]:
    """:class:`OpportunityRecord` s from rows of ``_SELECT`` (or the same columns).

    Built positionally, with each distinct date text parsed once: the pipeline screen loads
    every opportunity a manager sees (50,000 in the benchmark).
    """
    days: dict[str, date] = {}
    checks: dict[str, frozenset[str]] = {}
    # Text columns hold one string object per distinct value, not one per row (sqlite3 makes
    # a new one each time): at 100k accounts the pipeline's strings take 13 MB, not 25.
    shared: dict[str, str] = {}
    out = []
    for row in paced(rows):
        values = list(row)
        for i in _SHARED_AT:
            value = values[i]
            if value is not None:
                values[i] = shared.setdefault(value, value)
        for i in _DATE_AT:
            text_ = values[i]
            if text_:
                found = days.get(text_)
                if found is None:
                    found = days[text_] = date.fromisoformat(text_)
                values[i] = found
            else:
                values[i] = None
        values[_BUDGET_AT] = bool(values[_BUDGET_AT])
        raw = values[_CHECKS_AT]
        known = checks.get(raw)
        if known is None:
            known = checks[raw] = frozenset(raw.split())
        values[_CHECKS_AT] = known
        out.append(OpportunityRecord(*values))
    return out


def opportunity_choices(conn: sqlite3.Connection, account_id: str) -> list[tuple[str, str]]:
    """(name, id) of an account's live opportunities, by name: what a form offers to pick."""
    return conn.execute(
        "SELECT name, id FROM opportunities WHERE account_id = ? AND deleted = 0 ORDER BY name",
        (account_id,),
    ).fetchall()


def list_opportunities(
    conn: sqlite3.Connection,
    *,
    account_id: str | None = None,
    owner_ids: Iterable[str] | None = None,
    tier: str | None = None,
    listed: bool = False,
    limit: int | None = None,
) -> list[OpportunityRecord]:
    """Live opportunities of live accounts, by stage then expected close date.

    ``owner_ids`` restricts to opportunities those users own (None: every one in the file);
    ``tier`` to accounts of that tier; ``listed`` to the open and won ones (what the pipeline
    lists); ``limit`` to the first so many.
    """
    sql, params = _SELECT, []
    if account_id is not None:
        sql += " AND o.account_id = ?"
        params.append(account_id)
    owners, more = in_clause("o.owner_id", owner_ids, prefer_scan=True)
    sql += owners
    params.extend(more)
    if tier is not None:
        sql += f" AND {stored_tier_sql()} = ?"
        params.append(tier)
    order = " ".join(f"WHEN '{s}' THEN {i}" for i, s in enumerate(STAGES))
    sql += (
        f" ORDER BY CASE o.stage {order} ELSE 9 END, o.expected_close IS NULL, "
        "o.expected_close, o.name, o.id"
    )
    if listed:
        sql = sql.replace(" ORDER BY", " AND o.outcome IN ('open', 'won') ORDER BY", 1)
    if limit is not None:
        # The first rows chosen from the opportunities alone, then joined: a join per row
        # of every opportunity before sorting took half a second at 45,000.
        inner = sql[sql.index(" ORDER BY") :].replace("o.", "p.")
        first = (
            "SELECT p.id FROM opportunities p WHERE p.deleted = 0 "
            "AND p.account_id NOT IN (SELECT id FROM accounts WHERE deleted = 1)"
            + (" AND p.outcome IN ('open', 'won')" if listed else "")
            + owners.replace("o.", "p.")
            + (
                " AND p.account_id IN (SELECT id FROM accounts "
                f"WHERE {stored_tier_sql(alias='')} = ?)"
                if tier
                else ""
            )
            + (" AND p.account_id = ?" if account_id is not None else "")
            + inner
            + f" LIMIT {int(limit)}"
        )
        sql = sql.replace(" ORDER BY", f" AND o.id IN ({first}) ORDER BY", 1)
        params = [*params, *more, *([tier] if tier else []), *([account_id] if account_id else [])]
    return records_from_rows(conn.execute(sql, params))


def get_opportunity(conn: sqlite3.Connection, opportunity_id: str) -> OpportunityRecord:
    rows = conn.execute(_SELECT + " AND o.id = ?", (opportunity_id,)).fetchall()
    if not rows:
        raise NotFound("errors.row_missing", table="opportunities", id=opportunity_id)
    return records_from_rows(rows)[0]


# --- checking what users type ----------------------------------------------------------------


def choice(field: str, value: Any, choices: Iterable[str], *, default: str | None = None) -> str:
    """One of ``choices`` (case ignored); empty gives ``default`` when there is one."""
    options = tuple(choices)
    cleaned = text(field, value).casefold()
    if not cleaned and default is not None:
        return default
    for option in options:
        if cleaned == option.casefold():
            return option
    raise FieldError(field, "fields.err.bad_choice", value=cleaned, choices=tuple(options))


def percent(field: str, value: Any) -> int:
    """A whole percentage 0-100; ``60``, ``60%`` and ``0.6`` all mean sixty per cent."""
    raw = text(field, value).rstrip("%").strip()
    if not raw:
        return 0
    try:
        number = float(raw)
    except ValueError:
        raise FieldError(field, "fields.err.not_a_number", value=raw) from None
    if 0 < number < 1 and "." in raw:
        number *= 100
    if not 0 <= number <= 100:
        raise FieldError(field, "plan.err.percent", value=raw)
    return round(number)


def yes_no(field: str, value: Any) -> bool:
    if isinstance(value, bool):
        return value
    cleaned = text(field, value).casefold()
    if cleaned in _YES:
        return True
    if cleaned in _NO:
        return False
    raise FieldError(field, "plan.err.yes_no", value=cleaned)


RULES = {
    "name": lambda v: text("name", v, required=True, limit=MAX_NAME),
    "stage": lambda v: choice("stage", v, STAGES, default="lead"),
    "amount": lambda v: money("amount", v),
    "currency": lambda v: currency("currency", v),
    "expected_close": lambda v: day("expected_close", v),
    "probability": lambda v: percent("probability", v),
    "competitors": lambda v: text("competitors", v, limit=MAX_NAME),
    "has_budget": lambda v: yes_no("has_budget", v),
    "opened_on": lambda v: day("opened_on", v),
    "notes": lambda v: text("notes", v, limit=MAX_NOTES),
}


def clean_opportunity(values: Mapping[str, Any], *, new: bool = False) -> dict[str, Any]:
    """Check an opportunity's own fields (only those given; a new one needs a name)."""
    if new and "name" not in values:
        values = {**values, "name": ""}
    clean = collect(values, RULES)
    if "contact_id" in values:
        clean["contact_id"] = values["contact_id"] or None
    return clean


def stage_effects(current: OpportunityRecord | None, stage: str, today: date) -> dict[str, Any]:
    """What else changes when an opportunity enters ``stage`` today.

    Entering contract, delivery or cash closes an open order as won (成单) on that day;
    going back before contract reopens a won one (a contract cancelled).
    """
    changes: dict[str, Any] = {"stage": stage, "stage_on": today}
    outcome = current.outcome if current else "open"
    if stage in WON_STAGES and outcome == "open":
        changes.update(outcome="won", closed_on=today, probability=100)
    elif stage not in WON_STAGES and outcome == "won":
        changes.update(outcome="open", closed_on=None)
    return changes


def save_opportunity(
    ws: Workspace,
    account_id: str,
    opportunity_id: str | None,
    values: Mapping[str, Any],
    *,
    today: date,
) -> str:
    """Check and save an opportunity of an account (new when ``opportunity_id`` is None).

    A new one belongs to the account's owner and opens ``today`` unless ``opened_on`` says
    otherwise. Changing the stage applies :func:`stage_effects`. Raises
    :class:`ValidationFailed` with every problem; nothing is written then.
    """
    clean = clean_opportunity(values, new=opportunity_id is None)
    with ws.db.reading() as conn:
        owner = store.live_owner(conn, "accounts", account_id)
        current = get_opportunity(conn, opportunity_id) if opportunity_id else None
        contact = clean.get("contact_id")
        if (
            contact
            and not conn.execute(
                "SELECT 1 FROM contacts WHERE id = ? AND account_id = ? AND deleted = 0",
                (contact, account_id),
            ).fetchone()
        ):
            raise ValidationFailed([FieldError("contact_id", "plan.err.contact_elsewhere")])
    if "stage" in clean and (current is None or clean["stage"] != current.stage):
        clean.update(stage_effects(current, clean["stage"], today))
    with ws.db.writing() as conn:
        if current is None:
            clean.setdefault("opened_on", today)
            if clean["opened_on"] is None:
                clean["opened_on"] = today
            clean.setdefault("stage_on", clean["opened_on"])
            if clean.get("stage", "lead") == "lead":  # a lead, for the weekly lead meeting
                clean["lead_status"] = "new"
            return store.insert(
                conn,
                "opportunities",
                {**clean, "account_id": account_id, "owner_id": owner},
                actor_id=ws.me.id,
            )
        if clean.get("opened_on", current.opened_on) is None:
            clean["opened_on"] = current.opened_on
        store.update(conn, "opportunities", current.id, clean, actor_id=ws.me.id)
    return current.id


def update_fields(ws: Workspace, opportunity_id: str, values: Mapping[str, Any]) -> None:
    """Write already-checked values (the four-order steps use this)."""
    with ws.db.writing() as conn:
        store.update(conn, "opportunities", opportunity_id, dict(values), actor_id=ws.me.id)
