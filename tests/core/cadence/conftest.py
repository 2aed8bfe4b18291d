"""The cadence tests' shared data: rows straight into the tables, and the risky pair of
accounts the A-account analysis and the exports read."""

from __future__ import annotations

import pytest

from katerm.core import store
from tests.core.plan_helpers import account, add_user


def put(ws, table, values):
    """One row through the write path; its id."""
    row_id = store.new_id()
    with ws.db.writing() as conn:
        store.apply(conn, table, [store.Change(row_id, values, new=True)], actor_id=ws.me.id)
    return row_id


def won(ws, acc, owner, amount, closed):
    put(
        ws,
        "opportunities",
        {
            "owner_id": owner,
            "account_id": acc,
            "name": f"Order {closed}",
            "stage": "contract",
            "outcome": "won",
            "amount": amount,
            "opened_on": "2026-09-01",
            "closed_on": closed,
        },
    )


def three_levels(workspace):
    """Me (general manager) → Zhou (Ann, Bob) and Xiao (Cai); only the sellers own accounts.
    October: Cai won 50,000. November: Ann 500,000, Cai 300,000, Bob nothing."""
    gm = workspace.me.id
    zhou = add_user(workspace, "zhou", "Zhou", gm)
    xiao = add_user(workspace, "xiao", "Xiao", gm)
    ann = add_user(workspace, "ann", "Ann", zhou)
    bob = add_user(workspace, "bob", "Bob", zhou)
    cai = add_user(workspace, "cai", "Cai", xiao)
    accounts = {
        p: account(workspace, f"Account of {p}", owner=p, contacts=0)[0] for p in (ann, bob, cai)
    }
    won(workspace, accounts[cai], cai, 50_000, "2026-10-20")
    won(workspace, accounts[ann], ann, 500_000, "2026-11-10")
    won(workspace, accounts[cai], cai, 300_000, "2026-11-12")
    return {"gm": gm, "zhou": zhou, "xiao": xiao, "ann": ann, "bob": bob, "cai": cai}


@pytest.fixture
def risky(workspace):
    """An A account and a B account, each with a stuck order, an uncovered decision maker and
    an overdue gap action: only the A account's are risks of the top tier."""
    li = add_user(workspace, "li", "Li", workspace.me.id)
    found = {}
    for tier, name in (("A", "Acme Robotics"), ("B", "Bolt Logistics")):
        acc, _ = account(workspace, name, owner=li, tier=tier, contacts=0)
        boss = put(
            workspace,
            "contacts",
            {
                "owner_id": li,
                "account_id": acc,
                "name": f"Boss of {name}",
                "role": "decision_maker",
            },
        )
        put(
            workspace,
            "gap_rows",
            {
                "owner_id": li,
                "account_id": acc,
                "contact_id": boss,
                "next_action": f"Dinner at {name}",
                "due_date": "2026-11-20",
            },
        )
        put(
            workspace,
            "opportunities",
            {
                "owner_id": li,
                "account_id": acc,
                "name": f"Rollout at {name}",
                "stage": "opportunity",
                "amount": 800_000,
                "opened_on": "2026-08-01",
                "locked_on": "2026-08-15",
            },
        )
        put(
            workspace,
            "opportunities",
            {
                "owner_id": li,
                "account_id": acc,
                "name": f"Pilot at {name}",
                "stage": "contract",
                "outcome": "won",
                "amount": 100_000 if tier == "A" else 40_000,
                "opened_on": "2026-10-01",
                "closed_on": "2026-11-05",
            },
        )
        found[tier] = acc
    return li, found
