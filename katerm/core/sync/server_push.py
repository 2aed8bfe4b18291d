"""The one way team members write to the server: ``app.push(changes jsonb)``.

Members hold no INSERT, UPDATE or DELETE on the synced tables or the conflict log; they call
this SECURITY DEFINER function (owned by ``katerm_owner``), which, per row of the batch and
in one transaction:

1. checks the shape of each change (known table and field, a UUID, clock tags of the right
   form, none more than 5 minutes ahead of the server's clock);
2. checks who asks (``session_user``): the row must belong to someone they may see, a new or
   changed owner must be them or someone below them, a link to a member must name someone
   they may name, a link to a record a record they may see (or make in this batch);
3. checks every value with ``app.rules`` (the same rules as every client's);
4. merges field by field (the later tag wins) and writes the conflict records itself;
5. keeps account names unique across the team tree: a second account of the same name
   (width and case aside) is renamed ``Name (2)`` with a ``renamed`` conflict record.

A row whose changes break any check is refused whole (its changes come back as ``refused``
with a reason, nothing of it is written); the others go through. The reply has one outcome
per change: ``done``, ``dup`` (pushed before), ``rejected`` (a later edit won), ``denied``
(not theirs to change, or gone) or ``refused``; ``reread`` says the client's copy of the row
is no longer the server's (it reads the row back).
"""

from __future__ import annotations

from katerm.core.sync.rules import MAX_NAME, TAG_RE, UUID_RE
from katerm.core.sync.schema import TEAM_SETTINGS

MAX_BATCH = 5000  # changes per call
AHEAD_MS = 5 * 60 * 1000
_SETTINGS = "(" + ", ".join(f"'{name}'" for name in TEAM_SETTINGS) + ")"

_DEFINER = "SECURITY DEFINER SET search_path = pg_catalog, pg_temp SET timezone = 'UTC'"

PUSH_OBJECTS = [
    # The members above me, whom I may name in links ("confirmed by my lead").
    "CREATE OR REPLACE FUNCTION app.my_managers(me uuid) RETURNS uuid[] LANGUAGE sql STABLE "
    "SET search_path = pg_catalog, pg_temp AS $$ "
    "WITH RECURSIVE up(id, manager_id) AS (SELECT id, manager_id FROM app.users WHERE id = me "
    "UNION SELECT u.id, u.manager_id FROM app.users u JOIN up ON u.id = up.manager_id) "
    "SELECT coalesce(array_agg(id), '{}') FROM up $$",
    # Everyone under my top manager: account names are unique there (every view within it).
    "CREATE OR REPLACE FUNCTION app.team_tree(me uuid) RETURNS uuid[] LANGUAGE sql STABLE "
    "SET search_path = pg_catalog, pg_temp AS $$ "
    "WITH RECURSIVE up(id, manager_id) AS (SELECT id, manager_id FROM app.users WHERE id = me "
    "UNION SELECT u.id, u.manager_id FROM app.users u JOIN up ON u.id = up.manager_id), "
    "down(id) AS (SELECT id FROM up WHERE manager_id IS NULL "
    "UNION SELECT u.id FROM app.users u JOIN down ON u.manager_id = down.id) "
    "SELECT coalesce(array_agg(id), '{}') FROM down $$",
    # A tag just after another one, made by the server (a rename it had to do).
    "CREATE OR REPLACE FUNCTION app.next_tag(t text) RETURNS text LANGUAGE sql IMMUTABLE "
    "SET search_path = pg_catalog, pg_temp AS $$ "
    "SELECT CASE WHEN substr(t, 15, 5)::int < 99999 "
    "THEN left(t, 14) || lpad((substr(t, 15, 5)::int + 1)::text, 5, '0') || '-server' "
    "ELSE lpad((left(t, 13)::bigint + 1)::text, 13, '0') || '-00000-server' END $$",
    # A name no other live account in the tree has: "Name (2)", "Name (3)"...
    "CREATE OR REPLACE FUNCTION app.free_name(name text, rid uuid, tree uuid[]) RETURNS text "
    "LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$ "
    "DECLARE n int := 2; candidate text; BEGIN LOOP "
    f"candidate := left(name, {MAX_NAME} - length(' ()') - length(n::text)) || ' (' || n || ')'; "
    "IF NOT EXISTS (SELECT 1 FROM app.accounts a WHERE a.name_key = app.name_key(candidate) "
    "AND NOT a.deleted AND a.id <> rid AND a.owner_id = ANY (tree)) THEN RETURN candidate; "
    "END IF; n := n + 1; END LOOP; END $$",
    # One field of a row merged (SYNC.md): returns the row, its clock and conflict records.
    "CREATE OR REPLACE FUNCTION app.merge_field(rw jsonb, fld text, val jsonb, "
    "tag text, base text, rbase text, cols text[]) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE "
    "SET search_path = pg_catalog, pg_temp AS $$ "
    "DECLARE col text := CASE WHEN fld = '_deleted' THEN 'deleted' ELSE fld END; "
    "clk jsonb := rw->'clk'; dflt text COLLATE \"C\" := coalesce(rw->'clk'->>'*', ''); "
    "cur text COLLATE \"C\"; old jsonb := rw->col; cs jsonb := '[]'; o text; seen text; "
    "BEGIN "
    "cur := coalesce(clk->>fld, dflt); "
    "IF tag = cur THEN RETURN jsonb_build_object('r', 'dup', 'rw', rw, 'c', cs); END IF; "
    "IF tag COLLATE \"C\" < cur THEN RETURN jsonb_build_object('r', 'rejected', 'rw', rw, "
    "  'c', jsonb_build_array(jsonb_build_object('field', fld, 'lost_tag', tag, "
    "  'kind', 'rejected', 'lost_value', val, 'won_value', old, 'won_tag', cur))); END IF; "
    "rw := jsonb_set(rw, ARRAY[col], val); "
    "clk := clk || jsonb_build_object(fld, tag); "
    "IF base IS DISTINCT FROM cur THEN cs := cs || jsonb_build_object('field', fld, "
    "  'lost_tag', cur, 'kind', 'overwritten', 'lost_value', old, 'won_value', val, "
    "  'won_tag', tag); END IF; "
    "IF fld <> '_deleted' AND (rw->>'deleted')::boolean THEN cs := cs || jsonb_build_object("
    "  'field', fld, 'lost_tag', tag, 'kind', 'edit_on_deleted_row', 'lost_value', val, "
    "  'won_value', true, 'won_tag', coalesce(clk->>'_deleted', dflt)); END IF; "
    "IF fld = '_deleted' AND val = 'true'::jsonb AND rbase IS NOT NULL THEN "
    "  FOREACH o IN ARRAY cols LOOP seen := coalesce(clk->>o, dflt); "
    '    IF seen COLLATE "C" > rbase AND seen <> tag THEN cs := cs || jsonb_build_object('
    "      'field', o, 'lost_tag', seen, 'kind', 'edit_hidden_by_delete', "
    "      'lost_value', rw->o, 'won_value', true, 'won_tag', tag); END IF; END LOOP; END IF; "
    "rw := jsonb_set(rw, '{clk}', clk); "
    "IF tag COLLATE \"C\" > coalesce(rw->>'hlc', '') THEN "
    "  rw := jsonb_set(rw, '{hlc}', to_jsonb(tag)); END IF; "
    "RETURN jsonb_build_object('r', 'applied', 'rw', rw, 'c', cs); END $$",
    # A value as the column stores it (0/1 for a boolean, 5.0 for a whole number...).
    # (No SET clause: PostgreSQL then inlines it into app.push_row, whose search_path is fixed.)
    "CREATE OR REPLACE FUNCTION app.canon(kind text, v jsonb) RETURNS jsonb LANGUAGE sql "
    "IMMUTABLE AS $$ "
    "SELECT CASE WHEN v IS NULL OR jsonb_typeof(v) = 'null' THEN 'null'::jsonb "
    "WHEN kind = 'bool' THEN to_jsonb(v = 'true'::jsonb OR v = '1'::jsonb) "
    "WHEN kind = 'int' THEN to_jsonb(v::numeric::bigint) ELSE v END $$",
]


def push_function() -> str:
    """``app.push``: the checks and the merge of one batch (see the module's docstring)."""
    return (
        "CREATE OR REPLACE FUNCTION app.push(changes jsonb) RETURNS jsonb LANGUAGE plpgsql "
        f"{_DEFINER} AS $fn$ "
        "DECLARE me uuid; login text; mine uuid[]; named uuid[]; tree uuid[]; "
        "now_ms bigint := (extract(epoch FROM clock_timestamp()) * 1000)::bigint; "
        "g record; out jsonb := '[]'; made text[]; "
        "BEGIN "
        "SELECT u.id, u.login INTO me, login FROM app.users u "
        "WHERE u.role_name = session_user AND u.active; "
        "IF me IS NULL THEN RAISE EXCEPTION 'not a katerm team member' "
        "  USING ERRCODE = '42501'; END IF; "
        "IF jsonb_typeof(changes) IS DISTINCT FROM 'array' THEN "
        "  RAISE EXCEPTION 'app.push takes a JSON array of changes' USING ERRCODE = '22023'; "
        "END IF; "
        f"IF jsonb_array_length(changes) > {MAX_BATCH} THEN RAISE EXCEPTION "
        f"  'at most {MAX_BATCH} changes per call' USING ERRCODE = '54000'; END IF; "
        "IF EXISTS (SELECT 1 FROM jsonb_array_elements(changes) e "
        "  WHERE jsonb_typeof(e) <> 'object') THEN RAISE EXCEPTION "
        "  'each change is a JSON object' USING ERRCODE = '22023'; END IF; "
        "mine := app.visible_owner_ids(); named := mine || app.my_managers(me); "
        "tree := app.team_tree(me); "
        # Rows made in this batch may be linked to before their turn comes.
        "made := ARRAY(SELECT (e->>'tbl') || ':' || (e->>'id') "
        "  FROM jsonb_array_elements(changes) e "
        "  WHERE e->>'field' = '*'); "
        # Lock every row first, in one order (table, id): two pushes never deadlock.
        "FOR g IN SELECT e->>'tbl' AS tbl, array_agg(DISTINCT (e->>'id')::uuid) AS ids "
        "  FROM jsonb_array_elements(changes) e "
        "  WHERE e->>'tbl' IN (SELECT name FROM app.tables) "
        f"  AND e->>'id' ~ '{UUID_RE}' GROUP BY 1 ORDER BY 1 LOOP "
        "  EXECUTE format('SELECT 1 FROM app.%I WHERE id = ANY ($1) ORDER BY id FOR UPDATE', "
        "    g.tbl) USING g.ids; END LOOP; "
        # Then each row with all its changes, in the order the rows first appear.
        "FOR g IN SELECT e->>'tbl' AS tbl, e->>'id' AS id, "
        "  jsonb_agg(e ORDER BY n) AS changes, min(n) AS first "
        "  FROM jsonb_array_elements(changes) WITH ORDINALITY x(e, n) "
        "  GROUP BY 1, 2 ORDER BY first LOOP "
        "  out := out || app.push_row(g.tbl, g.id, g.changes, me, login, mine, named, tree, "
        "    made, now_ms); END LOOP; "
        "RETURN out; END $fn$"
    )


def push_row_function() -> str:
    """``app.push_row``: one row's changes; only ``app.push`` (its owner) may call it."""
    return (
        "CREATE OR REPLACE FUNCTION app.push_row(tbl text, rid text, changes jsonb, me uuid, "
        "login text, mine uuid[], named uuid[], tree uuid[], made text[], now_ms bigint) "
        "RETURNS jsonb LANGUAGE plpgsql "
        "SET search_path = pg_catalog, pg_temp SET timezone = 'UTC' AS $fn$ "
        "DECLARE cols text[]; cur jsonb; rw jsonb; e jsonb; f text; v jsonb; m jsonb; "
        "tag text; why text; bad text; outcomes jsonb := '[]'; cs jsonb := '[]'; "
        "changed text[] := '{}'; r app.rules; k text; target text; newest text COLLATE \"C\"; "
        "new_row boolean := false; reread boolean := false; n int := 0; total int; "
        "named_tag text; "
        "fresh text; seqs jsonb; "
        "BEGIN "
        "seqs := (SELECT coalesce(jsonb_agg(x->'seq'), '[]') "
        "  FROM jsonb_array_elements(changes) x); "
        "SELECT array(SELECT jsonb_array_elements_text(t.columns)) INTO cols "
        "  FROM app.tables t WHERE t.name = tbl; "
        "IF cols IS NULL THEN RETURN app.outcomes(seqs, 'refused', 'table', NULL); END IF; "
        f"IF rid IS NULL OR rid !~ '{UUID_RE}' THEN "
        "  RETURN app.outcomes(seqs, 'refused', 'id', NULL); END IF; "
        "EXECUTE format('SELECT to_jsonb(t) - ''xid'' - ''name_key'' FROM app.%I t "
        "  WHERE id = $1::uuid', tbl) INTO cur USING rid; "
        # Not theirs, or gone: the same answer, so nobody learns which rows exist.
        "IF cur IS NOT NULL AND NOT (cur->>'owner_id')::uuid = ANY (mine) THEN "
        "  RETURN app.outcomes(seqs, 'denied', NULL, NULL); END IF; "
        "rw := cur; "
        "FOR e IN SELECT x FROM jsonb_array_elements(changes) x LOOP "
        "  n := n + 1; f := e->>'field'; v := e->'value'; tag := e->>'tag'; "
        f"  IF tag IS NULL OR tag !~ '{TAG_RE}' "
        f"    OR (e->>'base' IS NOT NULL AND e->>'base' !~ '{TAG_RE}') "
        f"    OR (e->>'row_base' IS NOT NULL AND e->>'row_base' !~ '{TAG_RE}') THEN "
        "    RETURN app.outcomes(seqs, 'refused', 'tag', f); END IF; "
        f"  IF left(tag, 13)::bigint > now_ms + {AHEAD_MS} THEN "
        "    RETURN app.outcomes(seqs, 'refused', 'clock_ahead', f); END IF; "
        "  IF f IS NULL OR NOT (f = '*' OR f = '_deleted' OR f = ANY (cols)) THEN "
        "    RETURN app.outcomes(seqs, 'refused', 'field', f); END IF; "
        "  IF f = '*' THEN "
        "    IF jsonb_typeof(v) IS DISTINCT FROM 'object' OR EXISTS (SELECT 1 FROM "
        "      jsonb_object_keys(v) x WHERE NOT (x = ANY (cols) OR x = '_deleted')) THEN "
        "      RETURN app.outcomes(seqs, 'refused', 'field', f); END IF; "
        "  END IF; "
        "  IF rw IS NULL THEN "
        "    IF f <> '*' THEN RETURN app.outcomes(seqs, 'denied', NULL, NULL); END IF; "
        # A new row: every field checked, those not given take their defaults.
        "    new_row := true; "
        "    FOR r IN SELECT * FROM app.rules x WHERE x.tbl = push_row.tbl "
        "      AND x.field = ANY (cols) LOOP "
        "      bad := app.check_value(r, coalesce(v->r.field, r.dflt), CASE WHEN r.other <> '' "
        "        THEN coalesce(v->r.other, (SELECT y.dflt FROM app.rules y "
        "        WHERE y.tbl = push_row.tbl AND y.field = r.other)) END); "
        "      IF bad IS NOT NULL THEN RETURN app.outcomes(seqs, 'refused', bad, r.field); "
        "      END IF; END LOOP; "
        "    IF v ? '_deleted' AND NOT (jsonb_typeof(v->'_deleted') = 'boolean' "
        "      OR v->'_deleted' IN ('0'::jsonb, '1'::jsonb)) THEN "
        "      RETURN app.outcomes(seqs, 'refused', 'type', '_deleted'); END IF; "
        "    rw := (SELECT jsonb_object_agg(x.field, app.canon(x.kind, "
        "      coalesce(v->x.field, x.dflt, 'null'))) "
        "      FROM app.rules x WHERE x.tbl = push_row.tbl AND x.field = ANY (cols)); "
        "    rw := rw || jsonb_build_object('id', rid, 'deleted', "
        "      coalesce(v->'_deleted' IN ('true'::jsonb, '1'::jsonb), false), 'hlc', tag, "
        "      'clk', jsonb_build_object('*', tag), 'created_at', "
        "      to_jsonb(to_timestamp(left(tag, 13)::bigint / 1000.0))); "
        "    changed := cols; "
        "    outcomes := outcomes || jsonb_build_object('seq', e->'seq', 'r', 'done'); "
        "    CONTINUE; END IF; "
        "  IF f = '*' AND rw->'clk'->>'*' = tag THEN "
        "    outcomes := outcomes || jsonb_build_object('seq', e->'seq', 'r', 'dup'); CONTINUE; "
        "  END IF; "
        '  m := \'{"r": "dup"}\'; '
        "  FOR k, v IN SELECT x.key, x.value FROM jsonb_each(CASE WHEN f = '*' THEN v ELSE "
        "    jsonb_build_object(f, v) END) x LOOP "
        "    IF k <> '_deleted' THEN "
        "      SELECT * INTO r FROM app.rules x WHERE x.tbl = push_row.tbl AND x.field = k; "
        "      bad := app.check_value(r, v, CASE WHEN r.other <> '' THEN "
        "        coalesce(CASE WHEN f = '*' THEN e->'value'->r.other END, rw->r.other) END); "
        "      IF bad IS NOT NULL AND r.kind <> 'tier' THEN "
        "        RETURN app.outcomes(seqs, 'refused', bad, k); END IF; "
        "      v := app.canon(r.kind, v); "
        "    ELSIF jsonb_typeof(v) = 'boolean' OR v IN ('0'::jsonb, '1'::jsonb) THEN "
        "      v := app.canon('bool', v); "
        "    ELSE RETURN app.outcomes(seqs, 'refused', 'type', k); END IF; "
        "    m := app.merge_field(rw, k, v, tag, CASE WHEN f = '*' THEN NULL ELSE e->>'base' END, "
        "      e->>'row_base', cols); "
        "    rw := m->'rw'; "
        "    cs := cs || coalesce(m->'c', '[]'); "
        "    IF m->>'r' = 'applied' THEN changed := changed || k; END IF; "
        "    IF m->>'r' = 'rejected' THEN reread := true; END IF; "
        "  END LOOP; "
        "  outcomes := outcomes || jsonb_build_object('seq', e->'seq', 'r', "
        "    CASE WHEN m->>'r' = 'applied' THEN 'done' ELSE m->>'r' END); "
        "END LOOP; "
        "IF cardinality(changed) = 0 THEN "
        "  IF jsonb_array_length(cs) > 0 THEN PERFORM app.log_conflicts(tbl, rid, cs, "
        "    (rw->>'owner_id')::uuid, login); END IF; "
        "  RETURN app.stamp_outcomes(outcomes, reread); END IF; "
        # The row as it would be: whole-row rules (a tier of its scheme), owner, links.
        "FOR r IN SELECT * FROM app.rules x WHERE x.tbl = push_row.tbl "
        "  AND (x.field = ANY (changed) "
        "  OR (x.other <> '' AND x.other = ANY (changed))) LOOP "
        "  IF NOT new_row THEN "
        "    bad := app.check_value(r, rw->r.field, CASE WHEN r.other <> '' THEN rw->r.other END); "
        "    IF bad IS NOT NULL THEN RETURN app.outcomes(seqs, 'refused', bad, r.field); END IF; "
        "  END IF; "
        "  target := rw->>r.field; "
        "  IF r.ref IS NULL OR target IS NULL OR NOT r.field = ANY (changed) THEN "
        "    CONTINUE; END IF; "
        "  IF r.field = 'owner_id' THEN "
        "    IF NOT target::uuid = ANY (mine) THEN "
        "      RETURN app.outcomes(seqs, 'denied', 'owner', r.field); END IF; "
        "  ELSIF r.ref = 'users' THEN "
        "    IF NOT target::uuid = ANY (named) THEN "
        "      RETURN app.outcomes(seqs, 'refused', 'member', r.field); END IF; "
        "  ELSE "
        "    IF NOT EXISTS (SELECT 1 FROM app.tables x WHERE x.name = r.ref) THEN "
        "      RETURN app.outcomes(seqs, 'refused', 'link', r.field); END IF; "
        # A record they may see, or one this batch makes that nobody has yet (a later row
        # of the batch): naming an existing id in a '*' change opens nothing.
        # (A team setting of a manager above them is theirs to name too: their lead's
        # competitor at their account.)
        "    EXECUTE format('SELECT count(*) FILTER (WHERE owner_id = ANY ($2))::int, "
        "      count(*)::int FROM app.%I WHERE id = $1::uuid', r.ref) INTO n, total "
        f"      USING target, CASE WHEN r.ref IN {_SETTINGS} THEN named ELSE mine END; "
        "    IF n = 0 AND NOT (total = 0 AND (r.ref || ':' || target) = ANY (made)) THEN "
        "      RETURN app.outcomes(seqs, 'refused', 'link', r.field); END IF; "
        "  END IF; "
        "END LOOP; "
        # Account names are unique in the team tree: a second one is renamed, and says so.
        "IF tbl = 'accounts' AND NOT (rw->>'deleted')::boolean "
        "  AND (new_row OR 'name' = ANY (changed) OR '_deleted' = ANY (changed)) THEN "
        "  k := app.name_key(rw->>'name'); "
        "  PERFORM pg_advisory_xact_lock(hashtextextended('katerm account name ' || k, 0)); "
        "  IF EXISTS (SELECT 1 FROM app.accounts a WHERE a.name_key = k AND NOT a.deleted "
        "    AND a.id <> rid::uuid AND a.owner_id = ANY (tree)) THEN "
        "    fresh := app.free_name(rw->>'name', rid::uuid, tree); "
        "    named_tag := coalesce(rw->'clk'->>'name', rw->'clk'->>'*'); "
        "    newest := app.next_tag(named_tag); "
        "    cs := cs || jsonb_build_object('field', 'name', 'lost_tag', named_tag, "
        "      'kind', 'renamed', 'lost_value', rw->'name', 'won_value', to_jsonb(fresh), "
        "      'won_tag', newest); "
        "    rw := jsonb_set(jsonb_set(rw, '{name}', to_jsonb(fresh)), '{clk}', "
        "      (rw->'clk') || jsonb_build_object('name', newest)); "
        "    IF newest > (rw->>'hlc') COLLATE \"C\" THEN "
        "      rw := jsonb_set(rw, '{hlc}', to_jsonb(newest)); END IF; "
        "    reread := true; "
        "  END IF; "
        "END IF; "
        "rw := jsonb_set(rw, '{updated_at}', "
        "  to_jsonb(to_timestamp(left(rw->>'hlc', 13)::bigint / 1000.0))); "
        "IF new_row THEN "
        "  EXECUTE format('INSERT INTO app.%I (%s) SELECT %s FROM "
        "    jsonb_populate_record(NULL::app.%I, $1) r', tbl, "
        "    (SELECT string_agg(quote_ident(c), ', ') FROM unnest(cols || ARRAY['id', "
        "      'created_at', 'updated_at', 'deleted', 'hlc', 'clk']) c), "
        "    (SELECT string_agg('r.' || quote_ident(c), ', ') FROM unnest(cols || ARRAY['id', "
        "      'created_at', 'updated_at', 'deleted', 'hlc', 'clk']) c), tbl) USING rw; "
        "ELSE "
        "  EXECUTE format('UPDATE app.%I t SET (%s) = (SELECT %s FROM "
        "    jsonb_populate_record(NULL::app.%I, $1) r) WHERE t.id = $2::uuid', tbl, "
        "    (SELECT string_agg(quote_ident(c), ', ') FROM unnest(cols || "
        "      ARRAY['updated_at', 'deleted', 'hlc', 'clk']) c), "
        "    (SELECT string_agg('r.' || quote_ident(c), ', ') FROM unnest(cols || "
        "      ARRAY['updated_at', 'deleted', 'hlc', 'clk']) c), tbl) USING rw, rid; "
        "END IF; "
        "IF jsonb_array_length(cs) > 0 THEN "
        "  PERFORM app.log_conflicts(tbl, rid, cs, (rw->>'owner_id')::uuid, login); END IF; "
        "RETURN app.stamp_outcomes(outcomes, reread); END $fn$"
    )


OUTCOME_OBJECTS = [
    "CREATE OR REPLACE FUNCTION app.log_conflicts(t text, rid text, cs jsonb, owner uuid, "
    "login text) RETURNS void LANGUAGE sql SET search_path = pg_catalog, pg_temp AS $$ "
    "INSERT INTO app.conflicts (tbl, row_id, field, lost_tag, kind, lost_value, won_value, "
    "won_tag, owner_id, detected_by) SELECT t, rid::uuid, c->>'field', c->>'lost_tag', "
    "c->>'kind', c->'lost_value', c->'won_value', c->>'won_tag', owner, login "
    "FROM jsonb_array_elements(cs) c ON CONFLICT DO NOTHING $$",
    "CREATE OR REPLACE FUNCTION app.outcomes(seqs jsonb, r text, why text, fld text) "
    "RETURNS jsonb LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$ "
    "SELECT coalesce(jsonb_agg(jsonb_strip_nulls(jsonb_build_object('seq', s, 'r', r, "
    "'why', why, 'field', fld))), '[]') FROM jsonb_array_elements(seqs) s $$",
    "CREATE OR REPLACE FUNCTION app.stamp_outcomes(outcomes jsonb, reread boolean) "
    "RETURNS jsonb LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$ "
    "SELECT CASE WHEN reread THEN coalesce((SELECT jsonb_agg(o || '{\"reread\": true}') "
    "FROM jsonb_array_elements(outcomes) o), '[]') ELSE outcomes END $$",
]

PRIVATE = (
    "log_conflicts(text, text, jsonb, uuid, text)",
    "my_managers(uuid)",
    "team_tree(uuid)",
    "next_tag(text)",
    "free_name(text, uuid, uuid[])",
    "merge_field(jsonb, text, jsonb, text, text, text, text[])",
    "canon(text, jsonb)",
    "outcomes(jsonb, text, text, text)",
    "stamp_outcomes(jsonb, boolean)",
    "push_row(text, text, jsonb, uuid, text, uuid[], uuid[], uuid[], text[], bigint)",
)


def push_objects() -> list[str]:
    """Every statement creating the push path, its ownership and its one grant."""
    return [
        *PUSH_OBJECTS,
        *OUTCOME_OBJECTS,
        push_row_function(),
        push_function(),
        *(f"ALTER FUNCTION app.{f} OWNER TO katerm_owner" for f in (*PRIVATE, "push(jsonb)")),
        *(f"REVOKE ALL ON FUNCTION app.{f} FROM PUBLIC" for f in (*PRIVATE, "push(jsonb)")),
        "GRANT EXECUTE ON FUNCTION app.push(jsonb) TO katerm_user",
    ]
