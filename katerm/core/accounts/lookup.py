"""Finding the account a user names: by id, by name, or by part of one (CLI and dialogs)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from katerm.core.errors import BadInput, NotFound
from katerm.core.fields import MAX_NAME
from katerm.core.store import in_clause, like_escape, like_pattern
from katerm.core.tiers import stored_rank_sql, stored_tier_sql

if TYPE_CHECKING:
    from katerm.core.store import Database

_SHOWN = 5  # candidates listed when a name is ambiguous


def resolve_account(
    conn: sqlite3.Connection, text: str, owner_ids: Iterable[str] | None = None
) -> tuple[str, str]:
    """(id, name) of the one live account ``text`` names among those ``owner_ids`` own
    (None: all): its id, its name (case ignored), or a part of exactly one name.

    Raises :class:`NotFound` when nothing matches and :class:`BadInput` listing the
    candidates when several do (both exit with code 2).
    """
    wanted = text.strip()
    if not wanted:
        raise NotFound("lookup.unknown_account", hint="lookup.unknown_account_hint", name=text)
    check_name_length(wanted)
    owners, params = in_clause("owner_id", owner_ids)
    base = "SELECT id, name FROM accounts WHERE deleted = 0" + owners
    for clause, value in ((" AND id = ?", wanted), (" AND name = ? COLLATE NOCASE", wanted)):
        rows = conn.execute(base + clause, [*params, value]).fetchall()
        if len(rows) == 1:
            return rows[0]
    from katerm.core.store import name_key

    key = name_key(wanted)  # 全角 or differently spaced: the same name
    rows = [r for r in conn.execute(base, params) if name_key(r[1]) == key]
    if len(rows) == 1:
        return rows[0]
    pattern = like_pattern(wanted)
    rows = conn.execute(
        base + " AND name LIKE ? ESCAPE '\\' ORDER BY length(name), name LIMIT ?",
        [*params, pattern, _SHOWN + 1],
    ).fetchall()
    if len(rows) == 1:
        return rows[0]
    if not rows:
        raise NotFound("lookup.unknown_account", hint="lookup.unknown_account_hint", name=wanted)
    # A list: the message joins it with the language's separator (、 in Chinese).
    names = [name for _, name in rows[:_SHOWN]] + (["…"] if len(rows) > _SHOWN else [])
    raise BadInput("lookup.ambiguous_account", name=wanted, candidates=names)


def pick_accounts(
    conn: sqlite3.Connection, text: str = "", *, limit: int = 200
) -> list[tuple[str, str, str | None]]:
    """Accounts whose name contains ``text`` or whose Chinese name has those pinyin initials
    (``cq``: 重庆…; the rule of :func:`katerm.core.pinyin.name_matches`), top tiers first:
    (id, name, tier)."""
    from katerm.core.pinyin import as_initials, with_initials

    if len(text) > MAX_NAME:
        return []  # no name is that long
    select = f"SELECT id, name, {stored_tier_sql(alias='')} FROM accounts WHERE deleted = 0 "
    order = f" ORDER BY {stored_rank_sql(alias='')}, annual_revenue DESC, name"
    pattern = like_pattern(text.strip())
    found = conn.execute(
        select + "AND name LIKE ? ESCAPE '\\'" + order + " LIMIT ?", (pattern, limit)
    ).fetchall()
    if len(found) == limit or as_initials(text) is None:
        return found
    # The Chinese names not found by their letters, in the same order (one pass over them,
    # as a keystroke in Ctrl+P costs).
    rows = conn.execute(
        select + "AND name GLOB '*[一-龥]*' AND NOT name LIKE ? ESCAPE '\\'" + order, (pattern,)
    ).fetchall()
    hits = [rows[i] for i in with_initials([r[1] for r in rows], text)]
    return found + hits[: limit - len(found)]


def check_name_length(text: str) -> None:
    """Refuse a name longer than any stored name before it reaches a query (SQLite refuses a
    LIKE pattern over 50,000 bytes, with a message no user should see)."""
    if len(text) > MAX_NAME:
        raise BadInput("lookup.too_long", limit=MAX_NAME, length=len(text))


def load_account_choices(
    db: Database, text: str = "", *, limit: int = 200
) -> list[tuple[str, str, str | None]]:
    """:func:`pick_accounts`, in a read of its own."""
    with db.reading() as conn:
        return pick_accounts(conn, text, limit=limit)


def match_names(db: Database, me_id: str, text: str, *, limit: int = 8) -> list[str]:
    """The names a name field offers in its drop-down as the user types: live accounts
    ``me_id`` and their team own whose name contains ``text`` (case ignored), then, for two or
    more Latin letters, those whose Chinese name has those pinyin initials (``czfc``: 成都飞驰).

    Each part lists the user's own accounts first, then those they logged an activity on most
    recently (what they are most likely logging), then names that start with ``text``, then
    the shortest."""
    from katerm.core.pinyin import as_initials
    from katerm.core.team import below

    wanted = text.strip()
    if not wanted or len(wanted) > MAX_NAME:
        return []  # longer than any account name; SQLite refuses huge LIKE patterns
    contains, starts = "%" + like_escape(wanted) + "%", like_escape(wanted) + "%"
    with db.reading() as conn:
        owners = below(conn, me_id)
        marks = ", ".join("?" * len(owners))
        query = (
            # The user's own activities only: read by their (owner, time) index.
            "SELECT a.name, a.owner_id = ?, v.last FROM accounts a LEFT JOIN (SELECT "
            "account_id, max(occurred_at) AS last FROM activities WHERE owner_id = ? AND "
            "deleted = 0 GROUP BY account_id) v ON v.account_id = a.id "
            f"WHERE a.deleted = 0 AND a.owner_id IN ({marks}) AND "
        )
        params = (me_id, me_id, *owners)
        found = [
            r[0]
            for r in conn.execute(
                query + "a.name LIKE ? ESCAPE '\\' ORDER BY 2 DESC, v.last IS NULL, v.last "
                "DESC, a.name LIKE ? ESCAPE '\\' DESC, length(a.name), a.name LIMIT ?",
                (*params, contains, starts, limit),
            )
        ]
        if len(found) == limit or as_initials(wanted) is None:
            return found
        # Pinyin initials: only Chinese names not found already, read whole (a keystroke
        # costs one pass over them, as Ctrl+P's search does).
        rows = conn.execute(
            query + "a.name GLOB '*[一-龥]*' AND NOT a.name LIKE ? ESCAPE '\\'",
            (*params, contains),
        ).fetchall()
    return found + _by_initials(rows, wanted.lower(), limit - len(found))


def _by_initials(rows: list[Any], initials: str, limit: int) -> list[str]:
    """(name, own, last activity) rows whose pinyin initials hold ``initials``, in the order
    :func:`match_names` gives."""
    from katerm.core.pinyin import with_initials

    hits = [rows[i] for i in with_initials([r[0] for r in rows], initials)]
    hits.sort(key=lambda r: (len(r[0]), r[0]))  # stable sorts, the least important first
    hits.sort(key=lambda r: r[2] or "", reverse=True)
    hits.sort(key=lambda r: not r[1])
    return [r[0] for r in hits[:limit]]
