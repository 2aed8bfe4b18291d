"""Sync speed against a real PostgreSQL (pgserver) with 100,000 accounts (a script, not a test).

    PYTHONPATH=. python benchmarks/bench_sync.py [--accounts 100000] [--repeat 3]

Sets up a server (``katerm server init``) with a team of 61: a director, 5 managers, 55
sellers, and 100,000 accounts spread over the sellers (written on the server directly, as if
every seller had pushed theirs). Then measures, in this one run:

* the director's first sync on a new laptop (a full pull of all 100,000 accounts), against a
  baseline: the same role's raw ``COPY (SELECT ...) TO STDOUT`` of the same rows plus a plain
  ``sqlite3`` ``executemany`` of them into an empty katerm database (links unchecked). Target:
  at most 2x the baseline;
* an incremental sync of 10 changes (10 accounts edited here, pushed, pulled back), in the
  process (no interpreter start-up). Target: at most 1 s. ``katerm sync`` run as a command
  after 10 edits is printed beside it;
* server-side validation's cost: a seller's first push of ``--push-rows`` new accounts through
  ``app.push`` (every value checked against ``app.rules``, links and owners checked) against
  the same push through an unchecked copy of the function made for this run only (the same
  merge and writes, the checks left out);
* row-level security's cost: ``SELECT count(*) FROM app.accounts`` as a seller (RLS on, ~1.8k
  rows visible) and as a manager, against the table owner counting the same rows with an
  explicit ``owner_id`` filter (no RLS) and the whole table. The seller / owner ratio is
  printed (SYNC.md measured about 1.3x).

Timings are the best of ``--repeat`` runs; the machine's load is printed beside them.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench_common import verdict

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PASSWORD = "bench-Pa55word"
TARGET_PULL_RATIO = 2.0
TARGET_INCREMENTAL_S = 1.0


def start_server(folder: Path):  # type: ignore[no-untyped-def]
    import pgserver
    import psycopg

    server = pgserver.get_server(folder / "pg", cleanup_mode="delete")
    uri = server.get_uri()
    socket_dir = uri.split("host=", 1)[1].split("&", 1)[0]
    (Path(server.pgdata) / "pg_hba.conf").write_text(
        "local all postgres trust\nlocal all all scram-sha-256\n"
    )
    with psycopg.connect(uri, autocommit=True) as conn:
        conn.execute("SELECT pg_reload_conf()")
        conn.execute("CREATE DATABASE bench")
    return server, f"host={socket_dir} dbname=bench"


def build_team_and_accounts(url: str, accounts: int) -> dict[str, str]:
    import psycopg

    from katerm.core.clock import Clock
    from katerm.core.store.hlc import make_tag
    from katerm.core.sync.connect import Server
    from katerm.core.sync.server import add_member, init

    admin = Server.parse(url + " user=postgres")
    init(admin)
    add_member(admin, "director", name="总经理", password=PASSWORD)
    sellers = []
    for m in range(5):
        add_member(admin, f"manager{m}", name=f"经理{m}", password=PASSWORD, manager="director")
        for s in range(11):
            login = f"seller{m}_{s}"
            add_member(
                admin, login, name=f"客户经理{m}-{s}", password=PASSWORD, manager=f"manager{m}"
            )
            sellers.append(login)
    tag = make_tag(Clock.system().now_ms() - 60_000, 0, "benchseed")
    with psycopg.connect(url + " user=postgres", autocommit=True) as conn:
        conn.execute(
            "INSERT INTO app.accounts (id, owner_id, name, industry, region, annual_revenue, "
            "contract_value, potential_revenue, tier_revenue, lifecycle, notes, currency, "
            "created_at, updated_at, deleted, hlc, clk) "
            "SELECT gen_random_uuid(), s.ids[1 + i %% array_length(s.ids, 1)], "
            "'客户 ' || i || ' 有限公司', '制造', '华东', (i %% 997) * 10000.0, 0, 0, "
            "(ARRAY['A','B','C','D'])[1 + i %% 4], 'customer', "
            "'每周拜访一次，关注采购总监的变动', 'CNY', now(), now(), false, %s, "
            "jsonb_build_object('*', %s::text) "
            "FROM generate_series(1, %s) i, (SELECT array_agg(id ORDER BY login) ids "
            "FROM app.users WHERE login LIKE 'seller%%') s",
            (tag, tag, accounts),
        )
        conn.execute("ANALYZE")
        ids = dict(conn.execute("SELECT login, id::text FROM app.users").fetchall())
    return ids


def new_client(folder: Path, name: str, url: str, login: str):  # type: ignore[no-untyped-def]
    from katerm.core.sync.connect import Server
    from katerm.core.sync.run import log_in
    from katerm.core.workspace import open_workspace
    from katerm.paths import resolve_paths

    home = folder / name
    os.environ["KATERM_HOME"] = str(home)
    ws = open_workspace(resolve_paths())
    log_in(ws, Server.parse(url, allow_user=False), login)
    return ws


def baseline_pull(url: str, folder: Path, n: int) -> float:
    """Raw COPY of the same rows as the director, plus a plain insert into a katerm file."""
    import psycopg

    from katerm.core.clock import Clock
    from katerm.core.store.db import open_database
    from katerm.core.sync.merge import columns
    from katerm.core.sync.schema import select_list, table_named

    t = table_named("accounts")
    assert t is not None
    path = folder / f"baseline-{n}.db"
    open_database(path, clock=Clock.system()).close()
    cols = columns(t)
    started = time.perf_counter()
    raw = sqlite3.connect(path, isolation_level=None)
    raw.execute("PRAGMA foreign_keys = OFF")
    raw.execute("PRAGMA synchronous = NORMAL")
    raw.execute("BEGIN")
    insert = f"INSERT INTO accounts ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
    with (
        psycopg.connect(url, user="k_director", password=PASSWORD) as conn,
        conn.cursor().copy(f"COPY (SELECT {select_list(t)} FROM app.accounts) TO STDOUT") as copy,
    ):
        page = []
        for row in copy.rows():
            page.append(row)
            if len(page) == 5000:
                raw.executemany(insert, page)
                page = []
        raw.executemany(insert, page)
    raw.execute("COMMIT")
    raw.close()
    return time.perf_counter() - started


def katerm_pull(url: str, folder: Path, n: int) -> tuple[float, int]:
    from katerm.core.sync.run import sync

    ws = new_client(folder, f"director-{n}", url, "director")
    try:
        started = time.perf_counter()
        summary = sync(ws, password=PASSWORD, prompt=False)
        return time.perf_counter() - started, summary.pulled
    finally:
        ws.close()


def incremental(url: str, folder: Path) -> tuple[float, float]:
    """Ten edits here, one sync; returns (seconds, seconds of a sync with nothing to do)."""
    from katerm.core import store
    from katerm.core.sync.run import sync

    ws = new_client(folder, "director-0", url, "director")
    try:
        with ws.db.reading() as conn:
            ids = [r[0] for r in conn.execute("SELECT id FROM accounts LIMIT 10")]
        started = time.perf_counter()
        sync(ws, password=PASSWORD, prompt=False)
        idle = time.perf_counter() - started
        with ws.db.writing() as conn:
            for i, row_id in enumerate(ids):
                store.update(
                    conn,
                    "accounts",
                    row_id,
                    {"notes": f"edit {i} at {time.time()}"},
                    actor_id=ws.me.id,
                )
        started = time.perf_counter()
        summary = sync(ws, password=PASSWORD, prompt=False)
        took = time.perf_counter() - started
        assert summary.pushed == 10, summary
        return took, idle
    finally:
        ws.close()


def incremental_command(folder: Path) -> float:
    """`katerm sync` as a user runs it (Python start-up included), after 10 edits."""
    import subprocess

    from katerm.core import store
    from katerm.core.workspace import open_workspace
    from katerm.paths import resolve_paths

    os.environ["KATERM_HOME"] = str(folder / "director-0")
    ws = open_workspace(resolve_paths())
    with ws.db.reading() as conn:
        ids = [r[0] for r in conn.execute("SELECT id FROM accounts LIMIT 10")]
    with ws.db.writing() as conn:
        for i, row_id in enumerate(ids):
            store.update(
                conn, "accounts", row_id, {"notes": f"cli {i} {time.time()}"}, actor_id=ws.me.id
            )
    ws.close()
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "katerm", "sync"],
        check=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
    )
    return time.perf_counter() - started


def install_unchecked(url: str) -> None:
    """``app.push_unchecked``: app.push with every value check left out (this run only)."""
    import psycopg

    from katerm.core.sync.server_push import push_function, push_row_function

    row = (
        push_row_function()
        .replace("app.push_row(", "app.push_row_unchecked(")
        .replace("push_row.", "push_row_unchecked.")
    )
    row = row.replace("app.check_value(", "app.no_check(")
    top = (
        push_function()
        .replace("app.push(", "app.push_unchecked(")
        .replace("app.push_row(", "app.push_row_unchecked(")
    )
    with psycopg.connect(url + " user=postgres", autocommit=True) as conn:
        conn.execute(
            "CREATE OR REPLACE FUNCTION app.no_check(r app.rules, v jsonb, o jsonb) "
            "RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT NULL::text $$"
        )
        conn.execute(row)
        conn.execute(top)
        conn.execute("GRANT EXECUTE ON FUNCTION app.push_unchecked(jsonb) TO katerm_user")


def timed_push(url: str, folder: Path, name: str, login: str, rows: int, function: str) -> float:
    """A seller's first push of ``rows`` new accounts (with a contact each) made here."""
    from katerm.core import store
    from katerm.core.sync.push import Pusher
    from katerm.core.sync.run import sync

    ws = new_client(folder, name, url, login)
    try:
        sync(ws, password=PASSWORD, prompt=False)  # join the team: nothing to push yet
        with ws.db.writing() as conn:
            store.apply(
                conn,
                "accounts",
                [
                    store.Change(
                        None,
                        {
                            "name": f"{name} 客户 {i}",
                            "region": "华东",
                            "annual_revenue": float(i * 1000),
                            "tier_revenue": "C",
                            "lifecycle": "customer",
                            "notes": "首次拜访",
                        },
                        new=True,
                    )
                    for i in range(rows)
                ],
                actor_id=ws.me.id,
            )
        Pusher.FUNCTION = function
        started = time.perf_counter()
        summary = sync(ws, password=PASSWORD, prompt=False)
        took = time.perf_counter() - started
        assert summary.pushed == rows and not summary.refused, summary
        return took
    finally:
        Pusher.FUNCTION = "app.push"
        ws.close()


def rls_costs(url: str, ids: dict[str, str], rounds: int = 30) -> dict[str, float]:
    import psycopg

    def median_ms(conn, sql: str, params: tuple = ()) -> float:  # type: ignore[no-untyped-def]
        times = []
        for _ in range(rounds):
            started = time.perf_counter()
            conn.execute(sql, params).fetchone()
            times.append((time.perf_counter() - started) * 1000)
        return statistics.median(times)

    seller_ids = [ids["seller0_0"]]
    manager_ids = [ids["manager0"]] + [ids[f"seller0_{s}"] for s in range(11)]
    out = {}
    count = "SELECT count(*) FROM app.accounts"
    with psycopg.connect(url, user="k_seller0_0", password=PASSWORD) as conn:
        out["seller, RLS"] = median_ms(conn, count)
        out["seller rows"] = conn.execute(count).fetchone()[0]
    with psycopg.connect(url, user="k_manager0", password=PASSWORD) as conn:
        out["manager, RLS"] = median_ms(conn, count)
    with psycopg.connect(url, user="postgres") as conn:
        conn.execute("SET ROLE katerm_owner")  # the table's owner: the admin policy, no filter
        by_owner = count + " WHERE owner_id = ANY (%s::uuid[])"
        out["owner, seller's rows"] = median_ms(conn, by_owner, (seller_ids,))
        out["owner, manager's rows"] = median_ms(conn, by_owner, (manager_ids,))
        out["owner, whole table"] = median_ms(conn, count)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accounts", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--push-rows", type=int, default=5000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="katerm-bench-sync-") as tmp:
        folder = Path(tmp)
        os.environ["KATERM_PASSWORD"] = PASSWORD
        server, url = start_server(folder)
        try:
            t0 = time.perf_counter()
            ids = build_team_and_accounts(url, args.accounts)
            print(
                f"server: {len(ids)} members, {args.accounts:,} accounts "
                f"(set up in {time.perf_counter() - t0:.1f} s)"
            )
            bases, pulls = [], []
            for n in range(args.repeat):
                bases.append(baseline_pull(url, folder, n))
                took, pulled = katerm_pull(url, folder, n)
                pulls.append(took)
                assert pulled == args.accounts, pulled
            base, pull = min(bases), min(pulls)
            ratio = pull / base
            print(f"baseline COPY TO STDOUT + sqlite3 executemany: {base:6.2f} s")
            print(
                f"first sync of the director (full pull):        {pull:6.2f} s  "
                f"{args.accounts / pull:9,.0f} rows/s"
            )
            print(
                f"full pull / baseline: {ratio:4.2f}x   target <= {TARGET_PULL_RATIO:g}x   "
                f"{verdict(ratio <= TARGET_PULL_RATIO)}"
            )
            runs = [incremental(url, folder) for _ in range(args.repeat)]
            took, idle = min(r[0] for r in runs), min(r[1] for r in runs)
            print(
                f"incremental sync of 10 changes: {took:5.3f} s   target <= "
                f"{TARGET_INCREMENTAL_S:g} s   {verdict(took <= TARGET_INCREMENTAL_S)}"
            )
            print(
                f"  (a sync with nothing to do: {idle:5.3f} s; `katerm sync` as a command, "
                f"Python start-up included: "
                f"{min(incremental_command(folder) for _ in range(args.repeat)):5.2f} s)"
            )
            install_unchecked(url)
            checked, unchecked = [], []
            for n in range(args.repeat):  # alternate, so load drifts hit both alike
                checked.append(
                    timed_push(url, folder, f"c{n}", f"seller1_{n}", args.push_rows, "app.push")
                )
                unchecked.append(
                    timed_push(
                        url, folder, f"u{n}", f"seller2_{n}", args.push_rows, "app.push_unchecked"
                    )
                )
            good, bare = min(checked), min(unchecked)
            print(
                f"first push of {args.push_rows:,} new accounts: checked {good:5.2f} s, "
                f"unchecked {bare:5.2f} s; validation costs {good - bare:+5.2f} s "
                f"({(good / bare - 1) * 100:+.0f}%, "
                f"{(good - bare) / args.push_rows * 1e6:.0f} µs per row)"
            )
            costs = rls_costs(url, ids)
            seller_rows = int(costs.pop("seller rows"))
            print(f"SELECT count(*), median ms (seller sees {seller_rows:,} rows):")
            for label, ms in costs.items():
                print(f"  {label:24s} {ms:7.2f}")
            seller = costs["seller, RLS"] / costs["owner, seller's rows"]
            manager = costs["manager, RLS"] / costs["owner, manager's rows"]
            whole = costs["seller, RLS"] / costs["owner, whole table"]
            print(
                f"RLS overhead, seller / owner counting the same rows: {seller:4.2f}x; "
                f"manager: {manager:4.2f}x; seller with RLS / owner's whole table: "
                f"{whole:4.2f}x"
            )
            print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}")
        finally:
            server.cleanup()


if __name__ == "__main__":
    main()
