"""A small hand-made team for review tests: me (the lead) with two sellers, accounts,
contacts, and a way to log activities at exact UTC moments."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from katerm.core import store

SHANGHAI = ZoneInfo("Asia/Shanghai")


@dataclass
class Team:
    lead: str
    wang: str
    li: str
    account: str  # wang's
    other: str  # li's
    boss: str  # a contact at wang's account


def make_team(ws) -> Team:
    lead = ws.me.id
    with ws.db.writing() as conn:
        wang = store.insert(
            conn, "users", {"login": "wang", "name": "王芳", "manager_id": lead}, actor_id=lead
        )
        li = store.insert(
            conn, "users", {"login": "li", "name": "李雷", "manager_id": lead}, actor_id=lead
        )
        store.update(conn, "users", wang, {"owner_id": wang}, actor_id=lead)
        account = store.insert(
            conn, "accounts", {"name": "上海明珠", "owner_id": wang}, actor_id=lead
        )
        other = store.insert(conn, "accounts", {"name": "Northwind", "owner_id": li}, actor_id=lead)
        boss = store.insert(
            conn,
            "contacts",
            {
                "name": "张总",
                "account_id": account,
                "owner_id": wang,
                "birthday": date(1970, 11, 27),
            },
            actor_id=lead,
        )
    return Team(lead, wang, li, account, other, boss)


def log(
    ws,
    owner: str,
    account: str,
    when: datetime,
    kind: str = "visit",
    contacts: list[str] | None = None,
) -> str:
    with ws.db.writing() as conn:
        return store.insert(
            conn,
            "activities",
            {
                "owner_id": owner,
                "account_id": account,
                "kind": kind,
                "occurred_at": when.astimezone(UTC),
                "contact_ids": json.dumps(contacts or []),
            },
            actor_id=owner,
        )


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)
