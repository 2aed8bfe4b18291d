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
        people = {
            w: Client(tmp_path / f"{n}-{w}", "lead" if w == "lead" else "seller", server_url)
            for w in WHO
        }
        try:
            for client in people.values():
                client.log_in()
            for step in steps:
                kind, who = step[0], step[1]
                client = people[who]
                # This device's clock is off by its own skew while it works.
                client.ws.db.clock = real.shifted(timedelta(milliseconds=offsets[who]))
                if kind in ("sync", "lost_reply"):
                    _sync(client, lost=kind == "lost_reply")
                    continue
                ids = [r[0] for r in client.rows("SELECT id FROM accounts ORDER BY id")]
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
            for client in people.values():
                client.ws.db.clock = real
            for _ in range(2):
                for client in people.values():
                    _sync(client)
            server = _server(admin_url)
            for who, client in people.items():
                assert _snapshot(client) == server, who
                assert client.rows("SELECT count(*) FROM outbox WHERE tbl != 'users'") == [(0,)]
        finally:
            for client in people.values():
                client.close()

    run()


def _sync(client, *, lost=False):
    if not lost:
        client.sync()
        return
    from katerm.core.sync import push

    real = push.Pusher._settle

    def lose(self, batch):
        raise LostReply

    push.Pusher._settle = lose
    try:
        client.sync()
    except LostReply:
        pass
    finally:
        push.Pusher._settle = real
