"""Property: three replicas, random edits, deletes and syncs in random orders, skewed clocks
and lost replies: after everyone syncs, every replica equals the server."""

from __future__ import annotations

import itertools
import os
from datetime import timedelta

import psycopg
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from katerm.core import store
from katerm.core.clock import Clock
from katerm.core.errors import NotFound
from tests.sync.conftest import Client, add_member

EXAMPLES = int(os.environ.get("KATERM_HYPOTHESIS_EXAMPLES", "20"))
FIELDS = ("region", "notes", "annual_revenue")
WHO = ("laptop", "desktop", "lead")  # the seller's two computers and their lead

ops = st.one_of(
    st.tuples(st.just("create"), st.sampled_from(WHO)),
    st.tuples(
        st.just("edit"),
        st.sampled_from(WHO),
        st.integers(0, 20),
        st.sampled_from(FIELDS),
        st.integers(0, 3),
    ),
    st.tuples(st.just("delete"), st.sampled_from(WHO), st.integers(0, 20)),
    st.tuples(st.just("restore"), st.sampled_from(WHO), st.integers(0, 20)),
    st.tuples(st.just("sync"), st.sampled_from(WHO)),
    st.tuples(st.just("lost_reply"), st.sampled_from(WHO)),
    # The hostile seller ("mallory", a peer of the seller) with psql and app.push.
    st.tuples(
        st.just("attack"),
        st.just("mallory"),
        st.integers(0, 20),
        st.sampled_from(["notes", "region", "annual_revenue", "owner_id", "*", "_deleted", "tier"]),
        st.sampled_from(
            ["HACKED", -1, "NaN", None, 1e12, True, "9999999999999-99999-zz", "x" * 20_000]
        ),
    ),
)
HOSTILE_SQL = (
    "UPDATE app.accounts SET notes = 'x'",
    "DELETE FROM app.accounts",
    "INSERT INTO app.conflicts SELECT 'accounts', id, 'notes', '0', 'rejected', "
    "'\"x\"', '\"HACKED\"', '9', owner_id FROM app.accounts",
)
_numbers = itertools.count()


class LostReply(Exception):
    pass


def _snapshot(client):
    return sorted(client.rows("SELECT id, region, notes, annual_revenue, deleted FROM accounts"))


def _server(admin_url):
    with psycopg.connect(admin_url) as conn:
        return sorted(
            (str(i), r, n, v, int(d))
            for i, r, n, v, d in conn.execute(
                "SELECT id, region, notes, annual_revenue, deleted FROM app.accounts"
            )
        )


@pytest.mark.slow
def test_replicas_converge_whatever_happens_in_between(
    admin_url, server_url, tmp_path, monkeypatch
):
    add_member(admin_url, "lead")
    add_member(admin_url, "seller", manager="lead")
    add_member(admin_url, "mallory", manager="lead")
    real = Clock.system()

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(
        st.lists(ops, max_size=30),
        st.fixed_dictionaries({w: st.integers(-90_000, 90_000) for w in WHO}),
    )
    def run(steps, offsets):
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute("TRUNCATE app.accounts, app.contacts, app.conflicts, app.moves")
        n = next(_numbers)
        honest: dict[tuple[str, str], list[tuple[str, object]]] = {}
        people = {
            w: Client(tmp_path / f"{n}-{w}", "lead" if w == "lead" else "seller", server_url)
            for w in WHO
        }
        try:
            for client in people.values():
                client.log_in()
            for step in steps:
                kind, who = step[0], step[1]
                if kind == "attack":
                    _attack(server_url, admin_url, step)
                    continue
                client = people[who]
                # This device's clock is off by its own skew while it works.
                client.ws.db.clock = real.shifted(timedelta(milliseconds=offsets[who]))
                if kind in ("sync", "lost_reply"):
                    _sync(client, lost=kind == "lost_reply")
                    continue
                ids = [r[0] for r in client.rows("SELECT id FROM accounts ORDER BY id")]
                before = client.rows("SELECT id, hlc FROM accounts")
                with client.ws.db.writing() as conn:
                    if kind == "create":
                        owner = client.ws.me.id
                        if who == "lead":  # for their seller, once a sync has named them
                            found = client.rows("SELECT id FROM users WHERE login = 'seller'")
                            if not found:
                                continue
                            owner = found[0][0]
                        store.insert(
                            conn,
                            "accounts",
                            {"name": f"acc {n}-{len(ids)}-{who}", "owner_id": owner},
                            actor_id=client.ws.me.id,
                        )
                    elif ids:
                        row = ids[step[2] % len(ids)]
                        try:
                            if kind == "edit":
                                value = (
                                    step[4] * 1000.0
                                    if step[3] == "annual_revenue"
                                    else f"{step[3]} {step[4]} by {who}"
                                )
                                store.update(
                                    conn,
                                    "accounts",
                                    row,
                                    {step[3]: value},
                                    actor_id=client.ws.me.id,
                                )
                            elif kind == "delete":
                                store.delete(conn, "accounts", row, actor_id=client.ws.me.id)
                            else:
                                store.restore(conn, "accounts", row, actor_id=client.ws.me.id)
                        except NotFound:
                            pass  # editing a deleted record: the app never offers it
                _note_edits(client, before, honest)
            for client in people.values():
                client.ws.db.clock = real
            for _ in range(2):
                for client in people.values():
                    _sync(client)
            server = _server(admin_url)
            for who, client in people.items():
                assert _snapshot(client) == server, who
                assert client.rows("SELECT count(*) FROM outbox WHERE tbl != 'users'") == [(0,)]
            _every_honest_edit_kept(admin_url, honest)
        finally:
            for client in people.values():
                client.close()

    run()


def _note_edits(client, before, honest):
    """Each field this step changed on this replica: (its tag, its value)."""
    import json

    old = dict(before)
    for row_id, hlc_, clk, region, notes, revenue, deleted in client.rows(
        "SELECT id, hlc, clk, region, notes, annual_revenue, deleted FROM accounts"
    ):
        if old.get(row_id) == hlc_:
            continue
        tags = json.loads(clk)
        values = {
            "region": region,
            "notes": notes,
            "annual_revenue": revenue,
            "_deleted": bool(deleted),
        }
        for field, value in values.items():
            tag = tags.get(field, tags["*"])
            if tag == hlc_:
                honest.setdefault((row_id, field), []).append((tag, value))


def _every_honest_edit_kept(admin_url, honest):
    """The server holds, for every field, the honest edit with the latest tag: whatever the
    hostile seller sent, no honest edit lost to anything but a later honest one."""
    with psycopg.connect(admin_url) as conn:
        rows = {
            str(r[0]): r[1:]
            for r in conn.execute(
                "SELECT id, clk, region, notes, annual_revenue, deleted FROM app.accounts"
            )
        }
    for (row_id, field), edits in honest.items():
        tag, value = max(edits, key=lambda e: e[0])
        clk, region, notes, revenue, deleted = rows[row_id]
        found = {"region": region, "notes": notes, "annual_revenue": revenue, "_deleted": deleted}[
            field
        ]
        assert clk.get(field, clk["*"]) == tag and found == value, (row_id, field)


def _attack(server_url, admin_url, step):
    """One hostile statement: a direct write (refused by PostgreSQL) or an app.push of a
    forged change to any account (refused or denied by the server). Neither may change what
    the honest replicas end up with."""
    import json

    from katerm.core.store.hlc import make_tag
    from tests.sync.conftest import as_member

    _, _, n, field, value = step
    with psycopg.connect(admin_url) as conn:
        ids = [str(r[0]) for r in conn.execute("SELECT id FROM app.accounts ORDER BY id")]
        owner = str(conn.execute("SELECT id FROM app.users WHERE login = 'seller'").fetchone()[0])
    with as_member(server_url, "mallory") as conn:
        try:
            conn.execute(HOSTILE_SQL[n % len(HOSTILE_SQL)])
            raise AssertionError("a direct write went through")
        except psycopg.errors.InsufficientPrivilege:
            pass
        row = ids[n % len(ids)] if ids else "00000000-0000-4000-8000-000000000001"
        tag = (
            value
            if field == "*" and isinstance(value, str) and value[:1] == "9"
            else make_tag(Clock.system().now_ms() + 240_000, 0, "mallory")
        )  # 4 min ahead: allowed
        if field == "*":
            value = {"name": "Planted", "owner_id": owner}
        elif field == "owner_id":
            value = owner
        (outcome,) = conn.execute(
            "SELECT app.push(%s::jsonb)",
            (
                json.dumps(
                    [
                        {
                            "seq": 1,
                            "tbl": "accounts",
                            "id": row,
                            "field": field,
                            "value": value,
                            "tag": tag,
                            "base": None,
                        }
                    ]
                ),
            ),
        ).fetchone()[0]
        assert outcome["r"] in ("refused", "denied"), outcome


def _sync(client, *, lost=False):
    if not lost:
        client.sync()
        return
    from katerm.core.sync import push

    real = push.Pusher._settle

    def lose(self, *args):
        raise LostReply

    push.Pusher._settle = lose
    try:
        client.sync()
    except LostReply:
        pass
    finally:
        push.Pusher._settle = real
