"""Small builders for the plan and pipeline tests: a lead with a seller, accounts, orders."""

from __future__ import annotations

from datetime import date

from katerm.core import store
from katerm.core.accounts.edit import save_account, save_contact
from katerm.core.pipeline.opportunities import save_opportunity
from katerm.core.team import Member

MONDAY = date(2026, 3, 2)


def add_user(ws, login: str, name: str, manager_id: str | None) -> str:
    user_id = store.new_id()
    with ws.db.writing() as conn:
        store.insert(
            conn,
            "users",
            {
                "id": user_id,
                "owner_id": user_id,
                "login": login,
                "name": name,
                "manager_id": manager_id,
            },
            actor_id=ws.me.id,
        )
    return user_id


def team(ws) -> tuple[str, str]:
    """Me (the lead) and one seller reporting to me: (lead id, seller id)."""
    seller = add_user(ws, "li.lei", "Li Lei", ws.me.id)
    return ws.me.id, seller


def account(
    ws, name: str = "Acme Robotics", owner: str | None = None, tier: str = "A", contacts: int = 1
) -> tuple[str, list[str]]:
    values = {"name": name, "annual_revenue": "6000000", "tier": tier}
    if owner:
        values["owner_id"] = owner
    acc = save_account(ws, None, values)
    people = [
        save_contact(ws, acc, None, {"name": f"Person {i}", "title": "CIO"})
        for i in range(contacts)
    ]
    return acc, people


def ready_opportunity(
    ws, acc: str, contact: str, *, today: date = MONDAY, name: str = "ERP upgrade"
) -> str:
    """An opportunity with every piece of key information a lock needs, lead converted."""
    from katerm.core.pipeline.steps import validate_lead

    opp = save_opportunity(
        ws,
        acc,
        None,
        {
            "name": name,
            "amount": "1200000",
            "expected_close": "2026-06-30",
            "probability": "40",
            "competitors": "Globex",
            "has_budget": "yes",
            "contact_id": contact,
        },
        today=today,
    )
    validate_lead(
        ws, opp, ["fits_strategy", "risk_acceptable", "urgent_need"], "convert", today=today
    )
    return opp


def as_user(ws, user_id: str) -> None:
    """Act as another user of the same database (what a seller's laptop would be)."""
    with ws.db.reading() as conn:
        login, name = conn.execute(
            "SELECT login, name FROM users WHERE id = ?", (user_id,)
        ).fetchone()
    ws.me = Member(user_id, login, name)
