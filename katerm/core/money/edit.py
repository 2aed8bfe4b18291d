"""Setting the team's base currency and its rates, through the one write path."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from katerm.core import store
from katerm.core.errors import BadInput, FieldError
from katerm.core.money.read import BASE_ID, Rates, load_rates, rate_id, rate_owner
from katerm.core.money.rules import check_code, check_pair, check_rate
from katerm.i18n.fmt import fmt_number

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from katerm.core.store import Database


def _put(conn: Connection, row_id: str, values: dict[str, Any], actor_id: str) -> None:
    raw = conn.connection.driver_connection
    assert raw is not None
    found = raw.execute("SELECT 1 FROM currency_rates WHERE id = ?", (row_id,)).fetchone()
    if found:
        # The row becomes mine (one a report of mine set): the key's value is now my word.
        values = {**values, "deleted": False, "owner_id": actor_id}
        store.update(conn, "currency_rates", row_id, values, actor_id=actor_id)
    else:
        store.insert(conn, "currency_rates", {"id": row_id, **values}, actor_id=actor_id)


def refuse_if_set_above(
    raw: Any, actor_id: str, base: str, currency: str | None, value: float | str
) -> None:
    """A rate (``currency`` None: the base currency) whose row in use is a manager's is
    theirs to change: a row of mine would never be used (``store.settings``)."""
    setter = store.set_above(raw, actor_id, rate_owner(raw, base, currency))
    if setter is None:
        return
    if currency is None:
        raise BadInput("money.err.base_set_above", name=setter.name, value=value)
    raise BadInput("money.err.rate_set_above", currency=currency, name=setter.name, value=value)


def rate_refusal(
    raw: Any, actor_id: str, base: str, currency: str, rate: float | None
) -> FieldError | None:
    """Why ``rate`` for ``currency`` is not mine to store (an import's row), or None: the
    rate in use is a manager's and says otherwise."""
    found = store.winners(
        raw,
        "currency_rates",
        (),
        ("rate",),
        "AND base = ? AND currency = ? AND id <> ?",
        (base, currency, BASE_ID),
    )
    if not found:
        return None
    value, owner = found[()]
    setter = store.set_above(raw, actor_id, owner)
    if setter is None or (rate is not None and float(value) == float(rate)):
        return None
    shown = fmt_number(float(value), 6)
    return FieldError(
        "rate", "money.err.rate_set_above", currency=currency, name=setter.name, value=shown
    )


def set_base(db: Database, code: Any, actor_id: str) -> str:
    """Make ``code`` the team's base currency. Rates quoted against the old base are kept
    for it but no longer used (a rate is only meaningful against its base)."""
    base = check_code("base_currency", code)
    with db.writing() as conn:
        raw = conn.connection.driver_connection
        current = load_rates(raw)
        refuse_if_set_above(raw, actor_id, current.base, None, current.base)
        _put(conn, BASE_ID, {"base": base, "currency": base, "rate": 1.0}, actor_id)
    return base


def set_rate(db: Database, currency: Any, value: Any, actor_id: str) -> tuple[str, float, str]:
    """Store 1 ``currency`` = ``value`` base. Returns (currency, rate, base)."""
    code = check_code("currency", currency)
    with db.writing() as conn:
        raw = conn.connection.driver_connection
        assert raw is not None
        rates = load_rates(raw)
        base = rates.base
        check_pair(base, code)
        refuse_if_set_above(raw, actor_id, base, code, fmt_number(rates.rates.get(code), 6))
        rate = check_rate("rate", value, currency=code, base=base)
        # An imported rate has an id of its own: edit my row rather than add a second.
        found = raw.execute(
            "SELECT id FROM currency_rates WHERE base = ? AND currency = ? AND id <> ? "
            "AND owner_id = ? ORDER BY deleted, hlc DESC LIMIT 1",
            (base, code, BASE_ID, actor_id),
        ).fetchone()
        row_id = str(found[0]) if found else rate_id(base, code)
        _put(conn, row_id, {"base": base, "currency": code, "rate": rate}, actor_id)
    return code, rate, base


def remove_rate(db: Database, currency: Any, actor_id: str) -> bool:
    """Forget the rate of ``currency`` against the base (its amounts are then not converted).
    Returns whether there was one."""
    code = check_code("currency", currency)
    with db.writing() as conn:
        raw = conn.connection.driver_connection
        assert raw is not None
        rates = load_rates(raw)
        base = rates.base
        refuse_if_set_above(raw, actor_id, base, code, fmt_number(rates.rates.get(code), 6))
        found = [
            str(r[0])
            for r in raw.execute(
                "SELECT id FROM currency_rates WHERE base = ? AND currency = ? AND id <> ? "
                "AND deleted = 0",
                (base, code, BASE_ID),
            )
        ]
        for row_id in found:
            store.update(conn, "currency_rates", row_id, {"deleted": True}, actor_id=actor_id)
    return bool(found)


def load(db: Database) -> Rates:
    """:func:`load_rates` in a read of its own."""
    with db.reading() as conn:
        return load_rates(conn)
