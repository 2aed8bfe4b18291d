"""Administering the server: set-up, upgrades, tombstone clean-up and the team.

These run with an administrator's connection (a PostgreSQL superuser, or a role that may
create roles and owns the database). Team members are PostgreSQL login roles: a seller
connecting with psql sees exactly what row-level security shows katerm.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from katerm.core.errors import BadInput, NotFound
from katerm.core.store import HybridClock
from katerm.core.sync import schema
from katerm.core.sync import server_names as names
from katerm.core.sync.connect import Server, ServerProblem, check_login, connect, role_name
from katerm.core.sync.rules_tables import RETIRED_FIELDS
from katerm.core.sync.server_check import CHECK_OBJECTS, NAME_KEY_DDL, write_name_fold, write_rules
from katerm.core.sync.server_push import push_objects
from katerm.core.sync.server_sql import OBJECTS, ROLES, SERVER_SCHEMA_VERSION

ADMIN_DEVICE = "server"  # ends the clock tags of changes made by `katerm team reassign`


@dataclass(frozen=True)
class SetupReport:
    created: bool  # False: the server was set up already (init run again, or an upgrade)
    tables: list[str]  # synced tables, after the run
    added_tables: list[str]
    added_columns: list[str]  # "table.column"


def is_initialised(conn: Any) -> bool:
    return conn.execute("SELECT to_regclass('app.settings') IS NOT NULL").fetchone()[0]


def ensure_schema(conn: Any) -> SetupReport:
    """Create or complete every server object from this katerm's models (one transaction)."""
    created = not is_initialised(conn)
    before_tables = _server_columns(conn) if not created else {}
    conn.execute(ROLES)
    for statement in (*OBJECTS, *CHECK_OBJECTS):
        conn.execute(statement)
    tables = schema.synced_tables()
    widened = not created and schema.settings_read_widened(conn)
    for t in tables:
        for statement in schema.table_ddl(t):
            conn.execute(statement)
        conn.execute(
            "INSERT INTO app.tables (name, columns) VALUES (%s, %s) ON CONFLICT (name) DO "
            "UPDATE SET columns = (SELECT jsonb_agg(DISTINCT c) FROM jsonb_array_elements("
            "app.tables.columns || EXCLUDED.columns) c)",
            (t.name, json.dumps([f.name for f in t.fields])),
        )
        for retired in RETIRED_FIELDS.get(t.name, ()):
            # A replaced field: a katerm still writing it must upgrade (rules_tables).
            conn.execute(
                "UPDATE app.tables SET columns = columns - %s WHERE name = %s", (retired, t.name)
            )
    for statement in schema.cascade_ddl(tables):
        conn.execute(statement)
    write_rules(conn)
    write_name_fold(conn)
    for statement in (*NAME_KEY_DDL, *push_objects()):
        conn.execute(statement)
    names.fill_name_keys(conn)
    names.rename_duplicates(conn)
    if widened:
        # Members may now read rows written long before their last pull (their lead's team
        # settings): every client resyncs fully, as after a change of who reports to whom.
        conn.execute("UPDATE app.settings SET epoch = epoch + 1")
    conn.execute(
        "UPDATE app.settings SET schema_version = greatest(schema_version, %s), "
        "upgraded_at = now()",
        (SERVER_SCHEMA_VERSION,),
    )
    added_tables = [t.name for t in tables if not created and t.name not in before_tables]
    added_columns = [
        f"{t.name}.{f.name}"
        for t in tables
        if t.name in before_tables
        for f in t.fields
        if f.name not in before_tables[t.name]
    ]
    return SetupReport(created, sorted(_server_columns(conn)), added_tables, added_columns)


def _server_columns(conn: Any) -> dict[str, set[str]]:
    rows = conn.execute("SELECT name, columns FROM app.tables").fetchall()
    return {name: set(columns) for name, columns in rows}


def init(server: Server) -> SetupReport:
    with connect(server) as conn, conn.transaction():
        return ensure_schema(conn)


def upgrade(server: Server) -> SetupReport:
    with connect(server) as conn, conn.transaction():
        if not is_initialised(conn):
            raise ServerProblem(
                "sync.not_initialised", hint="sync.not_initialised_hint", server=server.url
            )
        return ensure_schema(conn)


def _require(conn: Any, server: Server) -> None:
    if not is_initialised(conn):
        raise ServerProblem(
            "sync.not_initialised", hint="sync.not_initialised_hint", server=server.url
        )


# --- the team -------------------------------------------------------------------------------


@dataclass(frozen=True)
class TeamMember:
    login: str
    name: str
    email: str
    manager: str | None  # the manager's login
    active: bool
    records: int  # rows they own, over every synced table


def _user(conn: Any, login: str) -> tuple[str, bool] | None:
    row = conn.execute(
        "SELECT id, active FROM app.users WHERE lower(login) = lower(%s)", (login,)
    ).fetchone()
    return (str(row[0]), row[1]) if row else None


def _active_user(conn: Any, login: str) -> str:
    found = _user(conn, login)
    if found is None or not found[1]:
        raise NotFound("sync.team.unknown", login=login)
    return found[0]


def _set_password(conn: Any, role: str, password: str) -> None:
    # Send a SCRAM verifier, not the password: statements can end up in the server's log.
    verifier = conn.pgconn.encrypt_password(
        password.encode(), role.encode(), b"scram-sha-256"
    ).decode()
    psycopg_sql = _sql()
    conn.execute(
        psycopg_sql.SQL("ALTER ROLE {} LOGIN PASSWORD {}").format(
            psycopg_sql.Identifier(role), psycopg_sql.Literal(verifier)
        )
    )


def _one(conn: Any, query: Any, params: Any = None) -> tuple[Any, ...]:
    """The one row a query returns (aggregates always return one)."""
    row = conn.execute(query, params).fetchone()
    assert row is not None
    return tuple(row)


def _sql() -> Any:
    from psycopg import sql

    return sql


def add_member(
    server: Server,
    login: str,
    *,
    name: str,
    password: str,
    manager: str | None = None,
    email: str = "",
) -> bool:
    """Create a team member (or bring a removed one back). Returns True if they are new."""
    login = check_login(login)
    if len(password) < 8:
        raise BadInput("sync.team.short_password")
    role = role_name(login)
    sql = _sql()
    with connect(server) as conn, conn.transaction():
        _require(conn, server)
        manager_id = _active_user(conn, manager) if manager else None
        found = _user(conn, login)
        if found is not None and found[1]:
            raise BadInput("sync.team.exists", login=login)
        exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone()
        if not exists:
            conn.execute(
                sql.SQL("CREATE ROLE {} LOGIN IN ROLE katerm_user CONNECTION LIMIT 5").format(
                    sql.Identifier(role)
                )
            )
        else:
            conn.execute(sql.SQL("GRANT katerm_user TO {}").format(sql.Identifier(role)))
        _set_password(conn, role, password)
        if found is None:
            conn.execute(
                "INSERT INTO app.users (login, name, email, manager_id, role_name) "
                "VALUES (%s, %s, %s, %s, %s)",
                (login, name, email, manager_id, role),
            )
            return True
        if manager_id is not None and manager_id in _below(conn, found[0]):
            raise BadInput("sync.team.cycle", login=login, manager=manager)
        conn.execute(
            "UPDATE app.users SET active = true, name = %s, email = %s, "
            "manager_id = %s WHERE id = %s",
            (name, email, manager_id, found[0]),
        )
        return False


def set_password(server: Server, login: str, password: str) -> None:
    if len(password) < 8:
        raise BadInput("sync.team.short_password")
    with connect(server) as conn, conn.transaction():
        _require(conn, server)
        _active_user(conn, login)
        _set_password(conn, role_name(login), password)


def list_members(server: Server) -> list[TeamMember]:
    with connect(server) as conn:
        _require(conn, server)
        owned: dict[str, int] = {}
        for (name,) in conn.execute("SELECT name FROM app.tables ORDER BY name").fetchall():
            for owner, count in conn.execute(
                _sql()
                .SQL("SELECT owner_id, count(*) FROM app.{} WHERE NOT deleted GROUP BY owner_id")
                .format(_sql().Identifier(name))
            ):
                owned[str(owner)] = owned.get(str(owner), 0) + count
        rows = conn.execute(
            "SELECT u.id, u.login, u.name, u.email, m.login, u.active FROM app.users u "
            "LEFT JOIN app.users m ON m.id = u.manager_id ORDER BY u.active DESC, u.login"
        ).fetchall()
    return [
        TeamMember(login, name, email, manager, active, owned.get(str(uid), 0))
        for uid, login, name, email, manager, active in rows
    ]


def _below(conn: Any, user_id: str) -> set[str]:
    rows = conn.execute(
        "WITH RECURSIVE t(id) AS (SELECT %s::uuid UNION SELECT u.id FROM app.users u "
        "JOIN t ON u.manager_id = t.id) SELECT id FROM t",
        (user_id,),
    ).fetchall()
    return {str(r[0]) for r in rows}


def move_member(server: Server, login: str, manager: str | None) -> None:
    """Give a member another manager (None: nobody above them). Clients resync fully."""
    with connect(server) as conn, conn.transaction():
        _require(conn, server)
        user_id = _active_user(conn, login)
        manager_id = _active_user(conn, manager) if manager else None
        if manager_id is not None and manager_id in _below(conn, user_id):
            raise BadInput("sync.team.cycle", login=login, manager=manager)
        conn.execute("UPDATE app.users SET manager_id = %s WHERE id = %s", (manager_id, user_id))
        names.rename_duplicates(conn)  # two teams joined may have two accounts of one name


def remove_member(server: Server, login: str) -> None:
    """Take away a member's login. Their rows stay (their managers still see them) until
    ``reassign`` gives them to someone else."""
    sql = _sql()
    with connect(server) as conn, conn.transaction():
        _require(conn, server)
        user_id = _active_user(conn, login)
        reports = [
            r[0]
            for r in conn.execute(
                "SELECT login FROM app.users WHERE manager_id = %s AND active ORDER BY login",
                (user_id,),
            )
        ]
        if reports:
            raise BadInput("sync.team.has_reports", login=login, reports=list(reports))
        role = role_name(login)
        conn.execute("UPDATE app.users SET active = false WHERE id = %s", (user_id,))
        conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = %s", (role,)
        )
        if conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone():
            conn.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(role)))


def reassign(server: Server, from_login: str, to_login: str) -> dict[str, int]:
    """Give every row of one member to another, as an edit of ``owner_id`` with a new tag
    (so it merges like any edit). Returns rows moved per table."""
    sql = _sql()
    moved: dict[str, int] = {}
    with connect(server) as conn, conn.transaction():
        _require(conn, server)
        source = _user(conn, from_login)
        if source is None:
            raise NotFound("sync.team.unknown", login=from_login)
        target = _active_user(conn, to_login)
        # The server's clock, not this machine's: the server judges every tag's skew by it.
        (server_ms,) = _one(
            conn, "SELECT floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint"
        )
        clock = HybridClock(ADMIN_DEVICE)
        names = [r[0] for r in conn.execute("SELECT name FROM app.tables ORDER BY name")]
        for name in names:
            table = sql.Identifier(name)
            count, newest = _one(
                conn,
                sql.SQL("SELECT count(*), max(hlc) FROM app.{} WHERE owner_id = %s").format(table),
                (source[0],),
            )
            if newest:
                clock.receive(newest, server_ms)
            if count:
                moved[name] = count
        tag = clock.tick(server_ms)
        for name in names:  # (a parent's rows take their dependants along: cascade_owner)
            conn.execute(
                sql.SQL(
                    "UPDATE app.{} SET owner_id = %s, clk = clk || jsonb_build_object('owner_id', "
                    "%s::text), hlc = %s, updated_at = now() WHERE owner_id = %s"
                ).format(sql.Identifier(name)),
                (target, tag, tag, source[0]),
            )
    return moved


# --- tombstone clean-up ---------------------------------------------------------------------


def collect_garbage(server: Server, days: int) -> dict[str, int]:
    """Remove rows deleted more than ``days`` ago (and old conflict and move records).

    Rows still linked to by live rows stay. Clients that last synced before the removed rows'
    tombstones were written cannot learn of them any more: the new horizon (``gc_xid``) makes
    them resync fully, which purges what is gone.
    """
    if days < 0:
        raise BadInput("sync.gc.bad_days", days=days)
    sql = _sql()
    removed: dict[str, int] = {}
    newest: list[int] = []
    with connect(server) as conn, conn.transaction():
        _require(conn, server)
        known = {r[0] for r in conn.execute("SELECT name FROM app.tables")}
        tables = [t for t in schema.synced_tables() if t.name in known]
        cutoff = sql.SQL("now() - make_interval(days => {})").format(sql.Literal(days))
        for t in reversed(tables):  # children first: a parent is kept while they link to it
            live_children = [
                sql.SQL(
                    "NOT EXISTS (SELECT 1 FROM {} c WHERE c.{} = t.id AND NOT c.deleted)"
                ).format(sql.SQL(c.qualified), sql.Identifier(f.name))
                for c in tables
                for f in c.links()
                if f.ref == t.name
            ]
            where = sql.SQL(" AND ").join(
                [sql.SQL("t.deleted"), sql.SQL("t.updated_at < ") + cutoff, *live_children]
            )
            row = _one(
                conn,
                sql.SQL(
                    "WITH gone AS (DELETE FROM {} t WHERE {} RETURNING t.xid) "
                    "SELECT count(*), max(xid::text::numeric) FROM gone"
                ).format(sql.SQL(t.qualified), where),
            )
            if row[0]:
                removed[t.name] = row[0]
                newest.append(int(row[1]))
        row = _one(
            conn,
            sql.SQL(
                "WITH gone AS (DELETE FROM app.moves WHERE at < {} RETURNING xid) "
                "SELECT count(*), max(xid::text::numeric) FROM gone"
            ).format(cutoff),
        )
        if row[0]:
            removed["moves"] = row[0]
            newest.append(int(row[1]))
        count = conn.execute(
            sql.SQL("DELETE FROM app.conflicts WHERE detected_at < {}").format(cutoff)
        ).rowcount
        if count:
            removed["conflicts"] = count
        if newest:
            conn.execute(
                "UPDATE app.settings SET gc_xid = greatest(gc_xid, %s::text::xid8)",
                (str(max(newest) + 1),),
            )
    return removed
