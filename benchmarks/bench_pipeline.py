"""Pipeline figures, the stuck rule and the pipeline screen's data over 50,000 opportunities
(a script, not a test).

    PYTHONPATH=. python benchmarks/bench_pipeline.py [--opportunities 50000] [--repeat 5]

Builds a database of a team of 13 (a manager, 2 leads, 10 sellers), 20,000 accounts and
``--opportunities`` opportunities in every stage — a third of the open ones locked, with their
following milestones — all written through ``katerm.core.store`` as the app writes them. Then
measures, best of ``--repeat`` runs, as the manager (who sees everything):

* baseline: a plain ``SELECT stage, count(*), total(amount) ... GROUP BY stage``;
* ``pipeline_figures`` (stages, weighted amounts, win rate, cycle time, visibility filter);
* ``stuck_opportunities`` (what the evening review reads);
* ``pipeline_rows`` (every opportunity with its four-order status: the pipeline screen's load)
  and ``figures_of`` on those rows (what each filter change recomputes).

Targets: figures at most 3x the baseline; stuck orders <= 500 ms; the screen's load <= 2 s;
a filter change <= 100 ms. Timings depend on the machine; the ratio to the baseline much less.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TARGET_RATIO = 3.0
TARGET_STUCK_S = 0.5
TARGET_LOAD_S = 2.0
TARGET_FILTER_S = 0.1
TODAY = date(2026, 6, 15)
FATES = (
    ("lead", 20),
    ("opportunity", 25),
    ("locked", 20),
    ("contract", 8),
    ("delivery", 7),
    ("cash", 10),
    ("lost", 7),
    ("dropped", 3),
)


def build(path: Path, opportunities: int, seed: int = 11) -> str:
    """The database; returns the manager's id."""
    from katerm.core import store
    from katerm.core.clock import Clock
    from katerm.core.pipeline.rules import DEFAULT_RULES, add_days
    from katerm.core.store.db import open_database

    rng = random.Random(seed)
    db = open_database(path, clock=Clock.system())
    ids = store.new_ids(13)
    manager, leads, sellers = ids[0], ids[1:3], ids[3:]
    users = [store.Change(manager, {"id": manager, "owner_id": manager, "login": "gm"}, new=True)]
    users += [
        store.Change(
            u, {"id": u, "owner_id": u, "login": f"lead{i}", "manager_id": manager}, new=True
        )
        for i, u in enumerate(leads)
    ]
    users += [
        store.Change(
            u, {"id": u, "owner_id": u, "login": f"seller{i}", "manager_id": leads[i % 2]}, new=True
        )
        for i, u in enumerate(sellers)
    ]
    accounts = store.new_ids(20_000)
    owner_of = {a: sellers[i % len(sellers)] for i, a in enumerate(accounts)}
    fates = [f for f, w in FATES for _ in range(w)]
    with db.writing() as conn:
        store.apply(conn, "users", users, actor_id=manager)
        store.apply(
            conn,
            "accounts",
            [
                store.Change(
                    a,
                    {
                        "id": a,
                        "owner_id": owner_of[a],
                        "name": f"Account {i}",
                        "tier_revenue": "ABCD"[i % 4],
                    },
                    new=True,
                )
                for i, a in enumerate(accounts)
            ],
            actor_id=manager,
        )
    rows, milestones = [], []
    for opp_id in store.new_ids(opportunities):
        account = rng.choice(accounts)
        fate = rng.choice(fates)
        opened = TODAY - timedelta(days=rng.randint(10, 300))
        row = {
            "id": opp_id,
            "owner_id": owner_of[account],
            "account_id": account,
            "name": "Order",
            "amount": float(rng.randint(5, 500) * 10_000),
            "probability": rng.choice((10, 30, 50)),
            "opened_on": opened,
            "stage": "opportunity" if fate in ("locked", "lost") else fate,
            "outcome": "open",
        }
        if fate in ("contract", "delivery", "cash"):
            row.update(outcome="won", closed_on=opened + timedelta(days=rng.randint(10, 120)))
        elif fate in ("lost", "dropped"):
            row.update(
                outcome=fate,
                stage="lead" if fate == "dropped" else "opportunity",
                closed_on=opened + timedelta(days=rng.randint(5, 60)),
            )
        elif fate == "locked":
            locked = TODAY - timedelta(days=rng.randint(1, 80))
            row.update(locked_on=locked, lead_decision="convert")
            for m in DEFAULT_RULES.milestones:
                if rng.random() < 0.6:
                    milestones.append(
                        {
                            "owner_id": row["owner_id"],
                            "opportunity_id": opp_id,
                            "milestone": m.key,
                            "done_on": add_days(locked, m.days // 2, business=False),
                        }
                    )
        rows.append(row)
    with db.writing() as conn:
        store.apply(
            conn,
            "opportunities",
            [store.Change(r["id"], r, new=True) for r in rows],
            actor_id=manager,
        )
        store.apply(
            conn,
            "order_milestones",
            [store.Change(None, m, new=True) for m in milestones],
            actor_id=manager,
        )
    db.close()
    return manager


def best(runs: int, fn):  # type: ignore[no-untyped-def]
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    return min(times), result


def mark(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--opportunities", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    from katerm.core.clock import Clock
    from katerm.core.money import load_rates
    from katerm.core.pipeline.board import figures_of, pipeline_figures, pipeline_rows
    from katerm.core.pipeline.orders import stuck_opportunities
    from katerm.core.store.db import open_database
    from katerm.core.team import below

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.db"
        started = time.perf_counter()
        manager = build(path, args.opportunities)
        print(
            f"built {args.opportunities:,} opportunities in "
            f"{time.perf_counter() - started:.1f} s ({os.cpu_count()} CPUs)"
        )
        db = open_database(path, clock=Clock.system())
        with db.reading() as conn:
            owners = below(conn, manager)
            base_s, _ = best(
                args.repeat,
                lambda: conn.execute(
                    "SELECT stage, count(*), total(amount) FROM opportunities WHERE deleted = 0 "
                    "GROUP BY stage"
                ).fetchall(),
            )
            fig_s, figures = best(args.repeat, lambda: pipeline_figures(conn, owners))
            stuck_s, stuck = best(args.repeat, lambda: stuck_opportunities(conn, owners, TODAY))
            load_s, rows = best(args.repeat, lambda: pipeline_rows(conn, owners, TODAY))
            filter_s, again = best(args.repeat, lambda: figures_of(rows, load_rates(conn)))
        db.close()
    assert again == figures, "the screen's figures differ from the SQL ones"
    ratio = fig_s / base_s
    print(f"baseline GROUP BY stage        {base_s * 1000:8.1f} ms")
    print(
        f"pipeline_figures               {fig_s * 1000:8.1f} ms  {ratio:4.1f}x baseline "
        f"(target <= {TARGET_RATIO:.0f}x)  {mark(ratio <= TARGET_RATIO)}"
    )
    print(
        f"stuck_opportunities ({len(stuck):,})    {stuck_s * 1000:8.1f} ms  "
        f"(target <= {TARGET_STUCK_S * 1000:.0f} ms)  {mark(stuck_s <= TARGET_STUCK_S)}"
    )
    print(
        f"pipeline_rows ({len(rows):,})      {load_s * 1000:8.1f} ms  "
        f"(target <= {TARGET_LOAD_S * 1000:.0f} ms)  {mark(load_s <= TARGET_LOAD_S)}"
    )
    print(
        f"figures_of (a filter change)   {filter_s * 1000:8.1f} ms  "
        f"(target <= {TARGET_FILTER_S * 1000:.0f} ms)  {mark(filter_s <= TARGET_FILTER_S)}"
    )
    print(f"win rate {figures.win_rate:.1%}, cycle {figures.cycle_days:.0f} days")


if __name__ == "__main__":
    main()
