"""Account names on the server: their keys, and one name per account in each team tree.

Each account row carries ``name_key`` (``app.name_key(name)``, kept by a trigger), indexed
for the push function's check. A server set up by an older katerm may hold two live accounts
of one name in a tree (and joining two trees with ``katerm team move`` may make them): the
later ones are renamed ``Name (2)``..., as the push function would have done, with a
``renamed`` conflict record their owners see.
"""

from __future__ import annotations

from typing import Any

ADMIN = "server"


def fill_name_keys(conn: Any) -> None:
    """Give existing rows their key without touching ``xid`` (clients need not pull them)."""
    if not conn.execute("SELECT 1 FROM app.accounts WHERE name_key IS NULL LIMIT 1").fetchone():
        return
    conn.execute("ALTER TABLE app.accounts DISABLE TRIGGER stamp")
    conn.execute("UPDATE app.accounts SET name_key = app.name_key(name) WHERE name_key IS NULL")
    conn.execute("ALTER TABLE app.accounts ENABLE TRIGGER stamp")


def rename_duplicates(conn: Any) -> int:
    """Rename every live account whose name an older one in its tree has; returns how many."""
    roots = [
        r[0] for r in conn.execute("SELECT id FROM app.users WHERE manager_id IS NULL ORDER BY id")
    ]
    renamed = 0
    for root in roots:
        tree = conn.execute("SELECT app.team_tree(%s)", (root,)).fetchone()[0]
        dupes = conn.execute(
            "SELECT id, name, coalesce(clk->>'name', clk->>'*'), owner_id FROM ("
            "SELECT *, row_number() OVER (PARTITION BY name_key ORDER BY created_at, id) AS n "
            "FROM app.accounts WHERE NOT deleted AND owner_id = ANY (%s)) a WHERE n > 1 "
            "ORDER BY created_at, id",
            (tree,),
        ).fetchall()
        for row_id, name, tag, owner in dupes:
            fresh = conn.execute(
                "SELECT app.free_name(%s, %s, %s)", (name, row_id, tree)
            ).fetchone()[0]
            newest = conn.execute("SELECT app.next_tag(%s)", (tag,)).fetchone()[0]
            conn.execute(
                "UPDATE app.accounts SET name = %s, clk = clk || jsonb_build_object('name', "
                '%s::text), hlc = CASE WHEN hlc COLLATE "C" < %s THEN %s ELSE hlc END '
                "WHERE id = %s",
                (fresh, newest, newest, newest, row_id),
            )
            conn.execute(
                "INSERT INTO app.conflicts (tbl, row_id, field, lost_tag, kind, lost_value, "
                "won_value, won_tag, owner_id, detected_by) VALUES ('accounts', %s, 'name', %s, "
                "'renamed', to_jsonb(%s::text), to_jsonb(%s::text), %s, %s, %s) "
                "ON CONFLICT DO NOTHING",
                (row_id, tag, name, fresh, newest, owner, ADMIN),
            )
            renamed += 1
    return renamed
