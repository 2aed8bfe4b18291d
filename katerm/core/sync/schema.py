"""Which tables sync, and the server tables derived from them.

Every local table with the ``SYNC_COLUMNS`` (``katerm.core.store.values``) syncs, except ``users``:
the team is kept by the server (``katerm team``) and pulled whole. A feature that adds a
synced table needs no sync code: ``katerm server upgrade`` creates its server table from the
SQLModel metadata and every client pushes and pulls it.

On the server each field is a typed column (text, double precision, date, uuid for links...)
so a team can query the shared database with SQL and BI tools; ``clk`` keeps the per-field
clock as in the client (field -> tag, ``*`` for the fields not listed), ``hlc`` the row's
newest tag, ``xid`` the transaction that last wrote the row (the pull cursor, SYNC.md).
Links between synced tables are indexed but not enforced on the server: rows arrive in any
order and each client checks its own links (``merge`` parks a row whose target is missing).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from katerm.core.store import SYNC_COLUMNS, parse_tag, to_db

TEAM_TABLE = "users"
SCHEMA = "app"
# The team's settings: a member reads the rows of the managers above them too (their lead's
# rates, tier thresholds and competitor list), and the most senior owner's row of each key
# wins (``katerm.core.store.settings``). Writes stay with the owner and those above them.
TEAM_SETTINGS = ("competitors", "currency_rates", "tier_thresholds")

# How a server column reads back in the form the local SQLite database stores (to_db), so a
# pulled row needs no conversion in Python: a COPY's text goes straight into SQLite.
_READ = {
    "uuid": "{c}::text",
    "date": "to_char({c}, 'YYYY-MM-DD')",
    "timestamptz": "to_char({c} AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"+00:00\"')",
    "boolean": "{c}::int",
    "jsonb": "{c}::text",
}


@dataclass(frozen=True)
class Field:
    """One user field of a synced table (``owner_id`` included)."""

    name: str
    pg_type: str
    ref: str | None = None  # the table it links to
    default: Any = None  # the model's default, in stored form (None: no default)
    nullable: bool = True  # as the local column: a NULL the client cannot store is refused

    def read(self, alias: str = "") -> str:
        """SQL reading this column as the client stores it."""
        column = f"{alias}{qi(self.name)}"
        return _READ.get(self.pg_type, "{c}").format(c=column)

    def param(self) -> str:
        """A bind parameter for this column (``%s`` with the cast the value needs)."""
        return f"%s::{self.pg_type}"

    def to_server(self, value: Any) -> Any:
        """A stored (SQLite) value as psycopg should send it."""
        if value is None:
            return None
        if self.pg_type == "boolean":
            return bool(value)
        if self.pg_type in ("bigint", "double precision", "numeric") and isinstance(value, str):
            return float(value) if self.pg_type != "bigint" else int(value)
        if self.pg_type in ("uuid", "date", "timestamptz", "text", "jsonb"):
            return str(value)
        return value

    def ddl(self, *, adding: bool = False) -> str:
        """The column's definition; ``adding`` to an existing table, NOT NULL needs a default
        (the rows already there take it)."""
        value = self.to_server(self.default)
        default = f" DEFAULT {literal(value)}::{self.pg_type}" if value is not None else ""
        required = " NOT NULL" if not self.nullable and (default or not adding) else ""
        return f"{qi(self.name)} {self.pg_type}{default}{required}"


@dataclass(frozen=True)
class SyncTable:
    name: str
    fields: tuple[Field, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    def field(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(name)

    @property
    def qualified(self) -> str:
        return f"{SCHEMA}.{qi(self.name)}"

    def links(self) -> list[Field]:
        """Fields that point at a row of another synced table or at a team member."""
        return [f for f in self.fields if f.ref is not None]


def qi(name: str) -> str:
    """A quoted SQL identifier (names come from our own models, but quote them anyway)."""
    return '"' + name.replace('"', '""') + '"'


def literal(value: Any) -> str:
    """A constant as SQL text (defaults of the models: numbers, text, booleans)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    return "'" + str(value).replace("'", "''") + "'"


def pg_type(column: Any) -> str:
    """The server type of a local column, from its SQLAlchemy type."""
    from sqlalchemy import types as sat

    from katerm.core.store.models.base import UTCDateTime

    if column.name == "id" or column.foreign_keys:
        return "uuid"
    kind = column.type
    if isinstance(kind, UTCDateTime):
        return "timestamptz"
    if isinstance(kind, sat.TypeDecorator):
        kind = kind.impl_instance
    checks: list[tuple[type, str]] = [
        (sat.Boolean, "boolean"),
        (sat.Float, "double precision"),
        (sat.Integer, "bigint"),
        (sat.Numeric, "numeric"),
        (sat.DateTime, "timestamptz"),
        (sat.Date, "date"),
        (sat.JSON, "jsonb"),
    ]
    for cls, name in checks:
        if isinstance(kind, cls):
            return name
    return "text"


def _default(column: Any, model_defaults: dict[str, Any]) -> Any:
    value = model_defaults.get(column.name)
    if value is None or isinstance(value, list | dict):
        return None
    value = to_db(value)
    return value if isinstance(value, str | int | float) else None


@cache
def synced_tables() -> tuple[SyncTable, ...]:
    """Every synced table but the team, parents before the tables that link to them."""
    from sqlmodel import SQLModel

    import katerm.core.store.models  # noqa: F401  (register every table)
    from katerm.core import store

    found: dict[str, SyncTable] = {}
    for name, table in SQLModel.metadata.tables.items():
        if name == TEAM_TABLE or not set(SYNC_COLUMNS) <= set(table.columns.keys()):
            continue
        info = store.table_info(name)
        fields = []
        for field_name in info.fields:
            column = table.columns[field_name]
            refs = {fk.column.table.name for fk in column.foreign_keys}
            fields.append(
                Field(
                    field_name,
                    pg_type(column),
                    next(iter(refs), None),
                    _default(column, info.defaults),
                    bool(column.nullable),
                )
            )
        found[name] = SyncTable(name, tuple(fields))
    return tuple(_parents_first(found))


def _parents_first(tables: dict[str, SyncTable]) -> list[SyncTable]:
    ordered: list[SyncTable] = []
    placed: set[str] = set()
    visiting: set[str] = set()

    def place(name: str) -> None:
        if name in placed or name in visiting:
            return  # a cycle of links: either order works, links are checked at commit
        visiting.add(name)
        for f in tables[name].links():
            if f.ref in tables and f.ref != name:
                place(f.ref)
        visiting.discard(name)
        placed.add(name)
        ordered.append(tables[name])

    for name in sorted(tables):
        place(name)
    return ordered


def table_named(name: str) -> SyncTable | None:
    for t in synced_tables():
        if t.name == name:
            return t
    return None


def select_list(t: SyncTable) -> str:
    """The server columns of ``t`` in ``merge.columns(t)`` order, as the client stores them."""
    ts = "to_char({} AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"+00:00\"')"
    return ", ".join(
        [
            "id::text",
            *(f.read() for f in t.fields),
            ts.format("created_at"),
            ts.format("updated_at"),
            "deleted::int",
            "hlc",
            "clk::text",
        ]
    )


def tag_time(tag: str) -> str:
    """The wall time a tag was made, as stored (rows' created_at and updated_at)."""
    from datetime import UTC, datetime

    ms = parse_tag(tag)[0]
    return datetime.fromtimestamp(ms / 1000, UTC).isoformat(timespec="microseconds")


# --- server DDL for one table ---------------------------------------------------------------


def table_ddl(t: SyncTable) -> list[str]:
    """Statements creating (or completing) the server table of ``t``; safe to run again."""
    q = t.qualified
    fields = [f for f in t.fields if f.name != "owner_id"]
    out = [
        f"CREATE TABLE IF NOT EXISTS {q} ("
        f"id uuid PRIMARY KEY, owner_id uuid NOT NULL REFERENCES {SCHEMA}.users(id), "
        + "".join(f"{f.ddl()}, " for f in fields)
        + "created_at timestamptz NOT NULL DEFAULT now(), "
        "updated_at timestamptz NOT NULL DEFAULT now(), "
        "deleted boolean NOT NULL DEFAULT false, "
        "hlc text COLLATE \"C\" NOT NULL DEFAULT '', clk jsonb NOT NULL DEFAULT '{}', "
        "xid xid8 NOT NULL DEFAULT '0')",
        *(f"ALTER TABLE {q} ADD COLUMN IF NOT EXISTS {f.ddl(adding=True)}" for f in fields),
        f"ALTER TABLE {q} OWNER TO katerm_owner",
        f"CREATE INDEX IF NOT EXISTS {qi(t.name + '_owner')} ON {q} (owner_id)",
        f"CREATE INDEX IF NOT EXISTS {qi(t.name + '_xid')} ON {q} (xid, id)",
        *(
            f"CREATE INDEX IF NOT EXISTS {qi(t.name + '_' + f.name)} ON {q} ({qi(f.name)})"
            for f in fields
            if f.ref is not None
        ),
        f"DROP TRIGGER IF EXISTS stamp ON {q}",
        f"CREATE TRIGGER stamp BEFORE INSERT OR UPDATE ON {q} "
        f"FOR EACH ROW EXECUTE FUNCTION {SCHEMA}.stamp()",
        f"DROP TRIGGER IF EXISTS check_clock ON {q}",
        f"CREATE TRIGGER check_clock BEFORE INSERT OR UPDATE OF hlc ON {q} "
        f"FOR EACH ROW EXECUTE FUNCTION {SCHEMA}.check_clock()",
        f"DROP TRIGGER IF EXISTS record_move ON {q}",
        f"CREATE TRIGGER record_move AFTER UPDATE OF owner_id ON {q} FOR EACH ROW "
        f"WHEN (OLD.owner_id IS DISTINCT FROM NEW.owner_id) "
        f"EXECUTE FUNCTION {SCHEMA}.record_move('{t.name}')",
        f"ALTER TABLE {q} ENABLE ROW LEVEL SECURITY",
        f"ALTER TABLE {q} FORCE ROW LEVEL SECURITY",
        f"DROP POLICY IF EXISTS team_rw ON {q}",
        f"DROP POLICY IF EXISTS team_read ON {q}",
        f"CREATE POLICY team_read ON {q} FOR SELECT TO katerm_user USING ({read_rule(t.name)})",
        f"DROP POLICY IF EXISTS admin_all ON {q}",
        f"CREATE POLICY admin_all ON {q} FOR ALL TO katerm_owner USING (true) WITH CHECK (true)",
        # Read only (an older server granted INSERT and UPDATE: taken back): members write
        # through app.push, which checks every value (server_push).
        f"REVOKE ALL ON {q} FROM PUBLIC, katerm_user",
        f"GRANT SELECT ON {q} TO katerm_user",
    ]
    return out


def read_rule(table: str) -> str:
    """Who may read a row of ``table``: its owner and those above them; a team setting also
    everyone below its owner (``my_manager_ids``: the members above the one asking)."""
    rule = f"owner_id = ANY ((SELECT {SCHEMA}.visible_owner_ids())::uuid[])"
    if table in TEAM_SETTINGS:
        rule += f" OR owner_id = ANY ((SELECT {SCHEMA}.my_manager_ids())::uuid[])"
    return rule


def settings_read_widened(conn: Any) -> bool:
    """Whether a team-settings table there already is read by its owner's team only (a server
    set up before members read their managers' settings): this upgrade widens it."""
    row = conn.execute(
        "SELECT count(*) FROM pg_policies WHERE schemaname = %s AND tablename = ANY (%s) "
        "AND policyname = 'team_read' AND qual NOT LIKE '%%my_manager_ids%%'",
        (SCHEMA, list(TEAM_SETTINGS)),
    ).fetchone()
    return bool(row and row[0])


def cascade_ddl(tables: tuple[SyncTable, ...]) -> list[str]:
    """Triggers keeping a row's dependants with it when its owner changes.

    A contact belongs to whoever owns its account (and a plan item, an influence line...):
    when a lead gives an account to another seller, the rows that followed the old owner
    follow the new one, with the same clock tag, so whoever sees the account sees its people.
    Rows someone gave another owner on purpose stay where they are.
    """
    out = []
    for parent in tables:
        children = [(c, f) for c in tables for f in c.links() if f.ref == parent.name]
        fn = f"{SCHEMA}.{qi('cascade_' + parent.name)}"
        q = parent.qualified
        out.append(f"DROP TRIGGER IF EXISTS cascade_owner ON {q}")
        if not children:
            continue
        body = "".join(
            f"UPDATE {c.qualified} SET owner_id = NEW.owner_id, "
            f"clk = clk || jsonb_build_object('owner_id', tag), "
            f"hlc = CASE WHEN hlc < tag THEN tag ELSE hlc END "
            f"WHERE {qi(f.name)} = NEW.id AND owner_id = OLD.owner_id; "
            for c, f in children
        )
        out.append(
            f"CREATE OR REPLACE FUNCTION {fn}() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"DECLARE tag text COLLATE \"C\" := coalesce(NEW.clk->>'owner_id', NEW.clk->>'*'); "
            f"BEGIN {body}RETURN NULL; END $$"
        )
        out.append(f"ALTER FUNCTION {fn}() OWNER TO katerm_owner")
        out.append(
            f"CREATE TRIGGER cascade_owner AFTER UPDATE OF owner_id ON {q} FOR EACH ROW "
            f"WHEN (OLD.owner_id IS DISTINCT FROM NEW.owner_id) EXECUTE FUNCTION {fn}()"
        )
    return out
