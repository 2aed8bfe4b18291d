"""Sync runs killed with SIGKILL at random moments, then a clean sync: nothing lost, no
duplicate, every replica the same as the server."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest

from katerm.core import store
from tests.sync.conftest import PASSWORD, add_member

ROOT = Path(__file__).resolve().parents[2]
FIELDS = "id, name, region, notes, deleted"


def _import(client, prefix, count):
    sheet = client.home / f"{prefix}.csv"
    sheet.write_text("name,region\n" + "".join(f"{prefix} {i:04d},East\n" for i in range(count)))
    code, _, err = client.cli("import", "accounts", str(sheet))
    assert code == 0, err


def _edit(client, field, values):
    with client.ws.db.writing() as conn:
        for row_id, value in values.items():
            store.update(conn, "accounts", row_id, {field: value}, actor_id=client.ws.me.id)


def _waiting(client):
    return client.rows("SELECT count(*) FROM outbox WHERE tbl != 'users'")[0][0]


def _snapshot(client):
    return sorted(client.rows(f"SELECT {FIELDS} FROM accounts"))


def _server(admin_url):
    with psycopg.connect(admin_url) as conn:
        return sorted(
            (str(r[0]), *r[1:4], int(r[4]))
            for r in conn.execute(f"SELECT {FIELDS} FROM app.accounts")
        )


@pytest.mark.slow
def test_twenty_killed_syncs_then_a_clean_one_lose_nothing_and_duplicate_nothing(
    admin_url, clients
):
    rng = random.Random(20)
    add_member(admin_url, "lead")
    add_member(admin_url, "seller", manager="lead")
    laptop, desktop, lead = clients("seller"), clients("seller"), clients("lead")
    _import(desktop, "Desk", 1500)
    assert desktop.cli("sync")[0] == 0
    _import(laptop, "Lap", 1500)
    env = {
        **os.environ,
        "KATERM_HOME": str(laptop.home),
        "KATERM_PASSWORD": PASSWORD,
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
    }
    notes: dict[str, str] = {}  # the laptop's last word on each account's notes
    regions: dict[str, str] = {}  # the desktop's last word on regions
    phases = {"before push": 0, "mid push": 0, "mid pull": 0, "done": 0}
    duration = None  # of the last run that was not killed: kill moments spread over it
    kills = runs = 0
    while kills < 20:  # every killed run counts; a run that beat the kill is a normal sync
        runs += 1
        assert runs <= 60, "sync runs keep finishing before the kill"
        mine = [r[0] for r in laptop.rows("SELECT id FROM accounts WHERE deleted = 0")]
        chosen = {i: f"laptop note {runs}" for i in rng.sample(mine, 200)}
        _edit(laptop, "notes", chosen)
        notes.update(chosen)
        theirs = [r[0] for r in desktop.rows("SELECT id FROM accounts WHERE deleted = 0")]
        moved = {i: f"Region {runs}" for i in rng.sample(theirs, 300)}
        _edit(desktop, "region", moved)
        regions.update(moved)
        assert desktop.sync().pushed >= 300
        waiting = _waiting(laptop)
        cursor = laptop.rows("SELECT cursor FROM sync_state")
        laptop.close()
        started = time.monotonic()
        proc = subprocess.Popen(
            [sys.executable, "-m", "katerm", "sync"],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        if duration is None:
            proc.wait()
            duration = time.monotonic() - started
            continue
        time.sleep(rng.uniform(0.1, 1.1) ** 0.5 * duration)  # start-up is half of a run
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            kills += 1
            left = _waiting(laptop)
            moved_on = laptop.rows("SELECT cursor FROM sync_state") != cursor
            phases[
                "before push"
                if left == waiting
                else "mid push"
                if left
                else "done"
                if moved_on
                else "mid pull"
            ] += 1
        else:
            duration = time.monotonic() - started
        proc.wait()
    print("where the kills landed:", phases)
    for client in (laptop, desktop, laptop, lead):
        client.sync()
    server = _server(admin_url)
    ids = [r[0] for r in server]
    assert len(ids) == len(set(ids)) == 3000
    assert len({r[1] for r in server}) == 3000  # no account twice under another id
    for client in (laptop, desktop, lead):
        assert _snapshot(client) == server
    by_id = {r[0]: r for r in server}
    assert all(by_id[i][3] == value for i, value in notes.items())
    assert all(by_id[i][2] == value for i, value in regions.items())
    for client in (laptop, desktop):
        assert client.rows("SELECT count(*) FROM outbox WHERE tbl != 'users'") == [(0,)]
