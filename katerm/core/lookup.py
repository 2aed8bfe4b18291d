"""Finding the account a user means by what they type: an id, a name, or part of a name."""

from __future__ import annotations

import sqlite3

from katerm.core.errors import BadInput, NotFound
from katerm.core.tiers import tier_rank_sql
from katerm.i18n import t

_SHOWN = 8  # candidates named when a name is ambiguous


def find_accounts(conn: sqlite3.Connection, text: str, *,
                  limit: int = _SHOWN + 1) -> list[tuple[str, str]]:
    """Live accounts a user may mean by ``text``: its id, its exact name (case ignored), else
    every account whose name contains it. Returns (id, name) pairs."""
    wanted = text.strip()
    if not wanted:
        return []
    by_id = conn.execute("SELECT id, name FROM accounts WHERE id = ? AND deleted = 0",
                         (wanted.lower(),)).fetchall()
    if by_id:
        return by_id
    exact = conn.execute("SELECT id, name FROM accounts WHERE deleted = 0 "
                         "AND name = ? COLLATE NOCASE", (wanted,)).fetchall()
    if exact:
        return exact
    return conn.execute("SELECT id, name FROM accounts WHERE deleted = 0 AND name LIKE ? "
                        "ESCAPE '\\' ORDER BY length(name), name LIMIT ?",
                        (_like(wanted), limit)).fetchall()


def resolve_account(conn: sqlite3.Connection, text: str) -> str:
    """The one account ``text`` names (id, name or a unique part of it).

    Raises :class:`NotFound` when none matches and :class:`BadInput` naming the candidates
    when several do (both exit 2 on the command line).
    """
    found = find_accounts(conn, text)
    if not found:
        raise NotFound("influence.cli.unknown_account", hint="influence.cli.unknown_account_hint",
                       value=text)
    if len(found) > 1:
        names = t("influence.sep").join(name for _, name in found[:_SHOWN])
        raise BadInput("influence.cli.ambiguous_account",
                       hint="influence.cli.ambiguous_account_hint", value=text,
                       names=names + (" …" if len(found) > _SHOWN else ""))
    return str(found[0][0])


def pick_accounts(conn: sqlite3.Connection, text: str = "", *,
                  limit: int = 200) -> list[tuple[str, str, str | None]]:
    """Accounts whose name contains ``text``, top tiers first: (id, name, tier)."""
    return conn.execute(
        "SELECT id, name, tier FROM accounts WHERE deleted = 0 AND name LIKE ? ESCAPE '\\' "
        f"ORDER BY {tier_rank_sql()}, annual_revenue DESC, name LIMIT ?",
        (_like(text.strip()), limit)).fetchall()


def _like(text: str) -> str:
    """A LIKE pattern for names containing ``text`` (its own % and _ taken literally)."""
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
