"""The server's fixed objects: roles, the team, settings, conflict and move logs, functions.

Everything is created so that running it again changes nothing (``IF NOT EXISTS``, ``CREATE
OR REPLACE``, policies dropped and made again). Ownership: the schema ``app`` and all its
objects belong to the NOLOGIN role ``katerm_owner``; team members are LOGIN roles ``k_<login>``
in the NOLOGIN group ``katerm_user``, which may read and write only what row-level security
lets through, and never reads ``app.users`` directly.
"""

from __future__ import annotations

SERVER_SCHEMA_VERSION = 2

ROLES = """
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'katerm_owner') THEN
    CREATE ROLE katerm_owner NOLOGIN;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'katerm_user') THEN
    CREATE ROLE katerm_user NOLOGIN;
  END IF;
END $$
"""

VISIBLE = "(SELECT app.visible_owner_ids())::uuid[]"

OBJECTS = [
    "CREATE SCHEMA IF NOT EXISTS app AUTHORIZATION katerm_owner",
    "ALTER SCHEMA app OWNER TO katerm_owner",
    "REVOKE ALL ON SCHEMA app FROM PUBLIC",
    "GRANT USAGE ON SCHEMA app TO katerm_user",
    # One row: which server this is (a client that meets another one starts over), the team
    # structure's version (a change forces a full resync) and the tombstone clean-up horizon.
    "CREATE TABLE IF NOT EXISTS app.settings (id int PRIMARY KEY DEFAULT 1 CHECK (id = 1), "
    "server_id uuid NOT NULL DEFAULT gen_random_uuid(), epoch bigint NOT NULL DEFAULT 1, "
    "gc_xid xid8 NOT NULL DEFAULT '0', schema_version int NOT NULL DEFAULT 1, "
    "upgraded_at timestamptz NOT NULL DEFAULT now())",
    "INSERT INTO app.settings (id) VALUES (1) ON CONFLICT (id) DO NOTHING",
    "CREATE TABLE IF NOT EXISTS app.users (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), "
    "login text NOT NULL UNIQUE, name text NOT NULL DEFAULT '', email text NOT NULL DEFAULT '', "
    "manager_id uuid REFERENCES app.users(id), role_name text NOT NULL UNIQUE, "
    "active boolean NOT NULL DEFAULT true, created_at timestamptz NOT NULL DEFAULT now())",
    "CREATE INDEX IF NOT EXISTS users_manager ON app.users (manager_id)",
    # The synced tables this server has, with their columns: clients sync what both know.
    "CREATE TABLE IF NOT EXISTS app.tables (name text PRIMARY KEY, columns jsonb NOT NULL)",
    "CREATE TABLE IF NOT EXISTS app.conflicts (tbl text NOT NULL, row_id uuid NOT NULL, "
    'field text NOT NULL, lost_tag text COLLATE "C" NOT NULL, kind text NOT NULL, '
    'lost_value jsonb, won_value jsonb, won_tag text COLLATE "C", owner_id uuid NOT NULL, '
    "detected_by text NOT NULL DEFAULT '', detected_at timestamptz NOT NULL DEFAULT now(), "
    "xid xid8 NOT NULL DEFAULT '0', PRIMARY KEY (tbl, row_id, field, lost_tag))",
    "CREATE INDEX IF NOT EXISTS conflicts_xid ON app.conflicts (xid)",
    # Rows given to another owner: whoever could see the old owner learns where it went, and
    # drops the row if they cannot see the new one.
    "CREATE TABLE IF NOT EXISTS app.moves (tbl text NOT NULL, row_id uuid NOT NULL, "
    "old_owner uuid NOT NULL, new_owner uuid NOT NULL, "
    "xid xid8 NOT NULL DEFAULT pg_current_xact_id(), at timestamptz NOT NULL DEFAULT now())",
    "CREATE INDEX IF NOT EXISTS moves_xid ON app.moves (xid)",
    *(
        f"ALTER TABLE app.{t} OWNER TO katerm_owner"
        for t in ("settings", "users", "tables", "conflicts", "moves")
    ),
    # A DEFAULT misses UPDATEs: the trigger stamps every write with its transaction.
    "CREATE OR REPLACE FUNCTION app.stamp() RETURNS trigger LANGUAGE plpgsql AS $$ "
    "BEGIN NEW.xid := pg_current_xact_id(); RETURN NEW; END $$",
    # A tag from a clock far ahead would drag every replica's clock with it: refuse it.
    "CREATE OR REPLACE FUNCTION app.check_clock() RETURNS trigger LANGUAGE plpgsql AS $$ "
    "BEGIN IF NEW.hlc > lpad(((extract(epoch FROM clock_timestamp()) * 1000)::bigint "
    "+ 300000)::text, 13, '0') THEN RAISE EXCEPTION 'clock ahead: %', NEW.hlc "
    "USING ERRCODE = '22008'; END IF; RETURN NEW; END $$",
    "CREATE OR REPLACE FUNCTION app.record_move() RETURNS trigger LANGUAGE plpgsql "
    "SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$ BEGIN "
    "INSERT INTO app.moves (tbl, row_id, old_owner, new_owner) "
    "VALUES (TG_ARGV[0], NEW.id, OLD.owner_id, NEW.owner_id); "
    # A row's conflict records go where it goes: whoever may no longer see it, no longer
    # sees them either (and whoever now sees it pulls them).
    "UPDATE app.conflicts SET owner_id = NEW.owner_id WHERE tbl = TG_ARGV[0] "
    "AND row_id = NEW.id AND owner_id IS DISTINCT FROM NEW.owner_id; RETURN NULL; END $$",
    # In SECURITY DEFINER functions current_user is the owner: who is asking is session_user.
    "CREATE OR REPLACE FUNCTION app.visible_owner_ids() RETURNS uuid[] LANGUAGE sql STABLE "
    "SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$ "
    "WITH RECURSIVE t(id) AS (SELECT id FROM app.users WHERE role_name = session_user "
    "UNION SELECT u.id FROM app.users u JOIN t ON u.manager_id = t.id) "
    "SELECT coalesce(array_agg(id), '{}') FROM t $$",
    # The members above me (my lead, their lead...): whose team settings I read.
    "CREATE OR REPLACE FUNCTION app.my_manager_ids() RETURNS uuid[] LANGUAGE sql STABLE "
    "SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$ "
    "WITH RECURSIVE up(id, manager_id) AS (SELECT u.manager_id, m.manager_id FROM app.users u "
    "JOIN app.users m ON m.id = u.manager_id WHERE u.role_name = session_user "
    "UNION SELECT u.id, u.manager_id FROM app.users u JOIN up ON u.id = up.manager_id) "
    "SELECT coalesce(array_agg(id), '{}') FROM up $$",
    # The members a client may know: everyone below me (mine = true) and the managers above
    # me (mine = false: names only, for links such as "confirmed by my lead").
    "CREATE OR REPLACE FUNCTION app.team() RETURNS TABLE (id uuid, login text, name text, "
    "email text, manager_id uuid, active boolean, mine boolean) LANGUAGE sql STABLE "
    "SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$ "
    "WITH RECURSIVE down(id) AS (SELECT id FROM app.users WHERE role_name = session_user "
    "UNION SELECT u.id FROM app.users u JOIN down ON u.manager_id = down.id), "
    "up(id, manager_id) AS (SELECT id, manager_id FROM app.users WHERE role_name = session_user "
    "UNION SELECT u.id, u.manager_id FROM app.users u JOIN up ON u.id = up.manager_id) "
    "SELECT u.id, u.login, u.name, CASE WHEN d.id IS NULL THEN '' ELSE u.email END, "
    "u.manager_id, u.active, d.id IS NOT NULL FROM app.users u LEFT JOIN down d ON d.id = u.id "
    "WHERE d.id IS NOT NULL OR u.id IN (SELECT id FROM up) $$",
    # Names of members, for those I may know only (everyone below me, my managers): asking
    # about anyone else answers nothing, as asking about nobody does.
    "CREATE OR REPLACE FUNCTION app.member_names(ids uuid[]) RETURNS TABLE (id uuid, "
    "login text, name text) LANGUAGE sql STABLE SECURITY DEFINER "
    "SET search_path = pg_catalog, pg_temp AS $$ "
    "SELECT t.id, t.login, t.name FROM app.team() t WHERE t.id = ANY (ids) $$",
    # Told anyone whether a row id exists anywhere: gone (the push function answers instead).
    "DROP FUNCTION IF EXISTS app.existing_ids(text, uuid[])",
    # Changing who reports to whom changes what people may see: every client resyncs fully.
    "CREATE OR REPLACE FUNCTION app.bump_epoch() RETURNS trigger LANGUAGE plpgsql "
    "SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$ "
    "BEGIN UPDATE app.settings SET epoch = epoch + 1; RETURN NULL; END $$",
    "DROP TRIGGER IF EXISTS bump_epoch ON app.users",
    "CREATE TRIGGER bump_epoch AFTER UPDATE OF manager_id ON app.users FOR EACH ROW "
    "WHEN (OLD.manager_id IS DISTINCT FROM NEW.manager_id) EXECUTE FUNCTION app.bump_epoch()",
    "DROP TRIGGER IF EXISTS stamp ON app.conflicts",
    "CREATE TRIGGER stamp BEFORE INSERT OR UPDATE ON app.conflicts FOR EACH ROW "
    "EXECUTE FUNCTION app.stamp()",
    *(
        f"ALTER FUNCTION app.{f} OWNER TO katerm_owner"
        for f in (
            "stamp()",
            "check_clock()",
            "record_move()",
            "visible_owner_ids()",
            "my_manager_ids()",
            "team()",
            "member_names(uuid[])",
            "bump_epoch()",
        )
    ),
    *(
        f"REVOKE ALL ON FUNCTION app.{f} FROM PUBLIC"
        for f in (
            "stamp()",
            "check_clock()",
            "record_move()",
            "bump_epoch()",
            "visible_owner_ids()",
            "my_manager_ids()",
            "team()",
            "member_names(uuid[])",
        )
    ),
    *(
        f"GRANT EXECUTE ON FUNCTION app.{f} TO katerm_user"
        for f in ("visible_owner_ids()", "my_manager_ids()", "team()", "member_names(uuid[])")
    ),
    # Row-level security on the logs, as on the entity tables.
    "ALTER TABLE app.conflicts ENABLE ROW LEVEL SECURITY",
    "ALTER TABLE app.conflicts FORCE ROW LEVEL SECURITY",
    "DROP POLICY IF EXISTS team_rw ON app.conflicts",
    "DROP POLICY IF EXISTS team_read ON app.conflicts",
    f"CREATE POLICY team_read ON app.conflicts FOR SELECT TO katerm_user "
    f"USING (owner_id = ANY ({VISIBLE}))",
    "ALTER TABLE app.moves ENABLE ROW LEVEL SECURITY",
    "ALTER TABLE app.moves FORCE ROW LEVEL SECURITY",
    "DROP POLICY IF EXISTS team_read ON app.moves",
    f"CREATE POLICY team_read ON app.moves FOR SELECT TO katerm_user "
    f"USING (old_owner = ANY ({VISIBLE}) OR new_owner = ANY ({VISIBLE}))",
    *(f"DROP POLICY IF EXISTS admin_all ON app.{t}" for t in ("conflicts", "moves")),
    *(
        f"CREATE POLICY admin_all ON app.{t} FOR ALL TO katerm_owner USING (true) WITH CHECK (true)"
        for t in ("conflicts", "moves")
    ),
    # Read only: a member writes through app.push, never into a table (SYNC.md). An older
    # server granted INSERT on the conflict log: taken back here.
    *(
        f"REVOKE ALL ON app.{t} FROM PUBLIC, katerm_user"
        for t in ("settings", "users", "tables", "conflicts", "moves")
    ),
    "GRANT SELECT ON app.settings, app.tables, app.moves, app.conflicts TO katerm_user",
]
