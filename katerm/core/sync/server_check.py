"""The server's half of the sync rules: ``app.rules`` and the functions that check values.

``app.check_value`` implements each rule kind of ``katerm.core.sync.rules`` in PL/pgSQL; the
rows of ``app.rules`` are written from the Python rules by :func:`rule_rows`. The name key of
accounts (``app.name_key``) folds each character with ``app.name_fold``, a table made from
``katerm.core.store.values.fold_table``, so a name the client calls taken the server calls taken.
"""

from __future__ import annotations

import json
from typing import Any

from katerm.core.sync.rules import TAG_RE, UUID_RE
from katerm.core.sync.rules_tables import table_rules
from katerm.core.sync.schema import SyncTable, synced_tables

_PLPGSQL = "LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog, pg_temp"
# Blank means only these characters (Python: rules.SPACE); \v is not an E'' escape.
_NOT_SPACE = "E'[^ \\t\\n\\r\\f\\x0b]'"
_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"

CHECK_OBJECTS = [
    "CREATE TABLE IF NOT EXISTS app.rules (tbl text NOT NULL, field text NOT NULL, "
    "kind text NOT NULL, nullable boolean NOT NULL, lim int NOT NULL, low numeric NOT NULL, "
    "high numeric NOT NULL, choices text[] NOT NULL, pattern text NOT NULL, other text NOT "
    "NULL, by_scheme jsonb NOT NULL, ref text, dflt jsonb, PRIMARY KEY (tbl, field))",
    "CREATE TABLE IF NOT EXISTS app.name_fold (ch text PRIMARY KEY, folded text NOT NULL)",
    f"CREATE OR REPLACE FUNCTION app.is_date(s text) RETURNS boolean {_PLPGSQL} AS $$ "
    "DECLARE y int; m int; d int; BEGIN "
    "IF s IS NULL OR s !~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' THEN RETURN false; END IF; "
    "y := substr(s, 1, 4)::int; m := substr(s, 6, 2)::int; d := substr(s, 9, 2)::int; "
    "IF y < 1 OR m < 1 OR m > 12 OR d < 1 THEN RETURN false; END IF; "
    "RETURN d <= extract(day FROM make_date(y, m, 1) + interval '1 month' - interval '1 day'); "
    "END $$",
    f"CREATE OR REPLACE FUNCTION app.is_timestamp(s text) RETURNS boolean {_PLPGSQL} AS $$ "
    "BEGIN RETURN s ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}"
    "([.][0-9]{1,6})?[+]00:00$' AND app.is_date(left(s, 10)) "
    "AND substr(s, 12, 2)::int < 24 AND substr(s, 15, 2)::int < 60 "
    "AND substr(s, 18, 2)::int < 60; END $$",
    # A cast that fails is an error; these answer false instead (checking, not storing).
    f"CREATE OR REPLACE FUNCTION app.json_kind(s text, kind text) RETURNS boolean {_PLPGSQL} "
    "AS $$ BEGIN RETURN jsonb_typeof(s::jsonb) = kind; "
    "EXCEPTION WHEN others THEN RETURN false; END $$",
    f"CREATE OR REPLACE FUNCTION app.json_ids(s text) RETURNS boolean {_PLPGSQL} AS $$ "
    "DECLARE x jsonb; BEGIN x := s::jsonb; IF jsonb_typeof(x) <> 'array' THEN RETURN false; "
    "END IF; RETURN NOT EXISTS (SELECT 1 FROM jsonb_array_elements(x) e WHERE "
    f"jsonb_typeof(e) <> 'string' OR e #>> '{{}}' !~ '{UUID_RE}'); "
    "EXCEPTION WHEN others THEN RETURN false; END $$",
    "CREATE OR REPLACE FUNCTION app.check_value(r app.rules, v jsonb, other jsonb) "
    "RETURNS text LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$ "
    "DECLARE t text := jsonb_typeof(v); s text; n numeric; o text; BEGIN "
    "IF v IS NULL OR t = 'null' THEN "
    "  RETURN CASE WHEN r.nullable THEN NULL ELSE 'required' END; END IF; "
    "IF r.kind IN ('money', 'int') THEN "
    "  IF t <> 'number' THEN RETURN 'type'; END IF; "
    "  n := v::numeric; "
    "  IF r.kind = 'int' AND n <> trunc(n) THEN RETURN 'type'; END IF; "
    "  IF n < r.low OR n > r.high THEN RETURN 'range'; END IF; RETURN NULL; END IF; "
    "IF r.kind = 'bool' THEN "
    "  IF t = 'boolean' OR (t = 'number' AND v::numeric IN (0, 1)) THEN RETURN NULL; END IF; "
    "  RETURN 'type'; END IF; "
    "IF t <> 'string' THEN RETURN 'type'; END IF; "
    "s := v #>> '{}'; "
    "IF length(s) > r.lim THEN RETURN 'too_long'; END IF; "
    "CASE r.kind "
    f"WHEN 'text' THEN IF r.low > 0 AND s !~ {_NOT_SPACE} THEN RETURN 'required'; END IF; "
    "WHEN 'choice' THEN IF NOT s = ANY (r.choices) THEN RETURN 'choice'; END IF; "
    "WHEN 'csv' THEN IF EXISTS (SELECT 1 FROM unnest(string_to_array(s, ',')) c "
    "  WHERE c <> '' AND NOT c = ANY (r.choices)) THEN RETURN 'choice'; END IF; "
    "WHEN 'pattern' THEN IF s !~ r.pattern THEN RETURN 'format'; END IF; "
    f"WHEN 'uuid' THEN IF s !~ '{UUID_RE}' THEN RETURN 'format'; END IF; "
    "WHEN 'date' THEN IF NOT app.is_date(s) THEN RETURN 'date'; END IF; "
    "WHEN 'day' THEN IF NOT (app.is_date(s) OR (s ~ '^[0-9]{2}-[0-9]{2}$' "
    "  AND app.is_date('2000-' || s))) THEN RETURN 'date'; END IF; "
    "WHEN 'timestamp' THEN IF NOT app.is_timestamp(s) THEN RETURN 'date'; END IF; "
    "WHEN 'tier' THEN "
    "  o := CASE WHEN jsonb_typeof(other) = 'string' THEN other #>> '{}' END; "
    "  IF o IS NULL OR NOT r.by_scheme ? o OR NOT (r.by_scheme -> o) ? s THEN "
    "    RETURN 'choice'; END IF; "
    "WHEN 'json' THEN IF s <> '' AND NOT app.json_kind(s, 'object') THEN RETURN 'format'; "
    "  END IF; "
    "WHEN 'ids' THEN IF NOT app.json_ids(s) THEN RETURN 'format'; END IF; "
    "ELSE RETURN 'rule'; END CASE; RETURN NULL; END $$",
    # Accounts: the name as names are compared (width, case and spaces do not count). The
    # table has no printable ASCII but A-Z and no CJK ideograph: those skip the look-up.
    "CREATE OR REPLACE FUNCTION app.name_key(s text) RETURNS text LANGUAGE plpgsql STABLE "
    "SET search_path = pg_catalog, pg_temp AS $$ "
    "DECLARE out text := ''; c1 text; f text; BEGIN "
    "IF s !~ '[^ -~]' THEN RETURN btrim(regexp_replace(translate(s, "
    f"'{_UPPER}', '{_UPPER.lower()}'), ' +', ' ', 'g'), ' '); END IF; "
    "FOREACH c1 IN ARRAY regexp_split_to_array(s, '') LOOP "
    f"  IF c1 ~ '[ -~]' THEN out := out || translate(c1, '{_UPPER}', '{_UPPER.lower()}'); "
    "  ELSIF c1 ~ '[一-鿿]' THEN out := out || c1; "
    "  ELSE SELECT x.folded INTO f FROM app.name_fold x WHERE x.ch = c1; "
    "    out := out || coalesce(f, c1); END IF; END LOOP; "
    "RETURN btrim(regexp_replace(out, ' +', ' ', 'g'), ' '); END $$",
    "CREATE OR REPLACE FUNCTION app.stamp_name_key() RETURNS trigger LANGUAGE plpgsql "
    "SET search_path = pg_catalog, pg_temp AS $$ "
    "BEGIN NEW.name_key := app.name_key(NEW.name); RETURN NEW; END $$",
    f"CREATE OR REPLACE FUNCTION app.is_tag(s text) RETURNS boolean {_PLPGSQL} AS $$ "
    f"BEGIN RETURN s ~ '{TAG_RE}'; END $$",
    *(
        f"ALTER FUNCTION app.{f} OWNER TO katerm_owner"
        for f in (
            "is_date(text)",
            "is_timestamp(text)",
            "json_kind(text, text)",
            "json_ids(text)",
            "check_value(app.rules, jsonb, jsonb)",
            "name_key(text)",
            "stamp_name_key()",
            "is_tag(text)",
        )
    ),
    "ALTER TABLE app.rules OWNER TO katerm_owner",
    "ALTER TABLE app.name_fold OWNER TO katerm_owner",
    "REVOKE ALL ON app.rules, app.name_fold FROM PUBLIC",
    "GRANT SELECT ON app.rules TO katerm_user",
]

NAME_KEY_DDL = [
    "ALTER TABLE app.accounts ADD COLUMN IF NOT EXISTS name_key text",
    "CREATE INDEX IF NOT EXISTS accounts_name_key ON app.accounts (name_key) WHERE NOT deleted",
    "DROP TRIGGER IF EXISTS stamp_name_key ON app.accounts",
    "CREATE TRIGGER stamp_name_key BEFORE INSERT OR UPDATE OF name ON app.accounts "
    "FOR EACH ROW EXECUTE FUNCTION app.stamp_name_key()",
]


def rule_rows(t: SyncTable) -> list[tuple[Any, ...]]:
    """The rows of ``app.rules`` for one table, from the Python rules."""
    rules = table_rules(t.name)
    out = []
    for f in t.fields:
        r = rules[f.name]
        default = f.to_server(f.default)
        if f.pg_type == "boolean" and default is not None:
            default = bool(default)
        out.append(
            (
                t.name,
                f.name,
                r.kind,
                r.nullable,
                r.limit,
                r.low,
                r.high,
                list(r.choices),
                r.pattern,
                r.other,
                json.dumps(dict(r.by_scheme)),
                f.ref,
                None if default is None else json.dumps(default),
            )
        )
    return out


def write_rules(conn: Any) -> None:
    """Replace the rules of every table this katerm syncs (a newer katerm's win)."""
    cur = conn.cursor()
    for t in synced_tables():
        conn.execute("DELETE FROM app.rules WHERE tbl = %s", (t.name,))
        cur.executemany(
            "INSERT INTO app.rules (tbl, field, kind, nullable, lim, low, high, choices, pattern, "
            "other, by_scheme, ref, dflt) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, "
            "%s::jsonb, %s, %s::jsonb)",
            rule_rows(t),
        )


def write_name_fold(conn: Any) -> None:
    """Fill ``app.name_fold`` once (it only changes with Python's Unicode tables)."""
    if conn.execute("SELECT count(*) FROM app.name_fold").fetchone()[0]:
        return
    with conn.cursor().copy("COPY app.name_fold (ch, folded) FROM STDIN") as copy:
        for row in _fold_rows():
            copy.write_row(row)


_fold_cache: list[tuple[str, str]] = []


def _fold_rows() -> list[tuple[str, str]]:
    from katerm.core.store import fold_table

    if not _fold_cache:
        _fold_cache.extend(fold_table())
    return _fold_cache
