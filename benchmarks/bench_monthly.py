"""The monthly review's league table over 100,000 accounts and 50,000 opportunities (a
script, not a test).

    PYTHONPATH=. python benchmarks/bench_monthly.py [--opportunities 50000] [--repeat 5]

Builds bench_pipeline's team and opportunities, adds accounts up to 100,000 and 30,000
activities, then measures, best of ``--repeat`` runs, as the manager (who sees everything):

* baseline: the plain GROUP BY queries the month needs, this month and last (closed orders by
  owner, outcome and currency, locks and renewals by owner, open locked orders by owner,
  in-person activities by owner; the opportunities read through, not by the owner index, as
  the review does) — without the stuck rule, which needs each order's milestones;
  and the A-account analysis' own: tiered accounts and revenue by tier and currency, the
  month's wins by tier and currency, the top tier's open locked orders; the trend's: six
  months of wins, locks and renewals by month, eight weeks of visits; the month's new key
  accounts (leads converted on accounts with no earlier win) and routine actions done, by
  owner;
* ``monthly_review``: both months' figures, the stuck rule at each month's end, ranks, teams,
  the A-account analysis (its stuck orders by the stuck rule, uncovered decision makers,
  overdue gap actions), the trend, new key accounts and routines done.

Target: the review <= 300 ms. The ratio to the baseline shows what the stuck rule, the
currency conversion, the names and the ranking add; timings depend on the machine, the ratio
much less. Each line gives the wall time (min and median) and the CPU time (min) of the
process: on a loaded machine the CPU time is the steadier figure.

Measured (2 CPUs): on a quiet machine before revision 0026 the review took 414 ms (CPU 414,
1.0x a baseline of 405 ms), the figures added at the end of issue 20 each reading more than
they needed. With 0026 and the reads fixed, under a load of 11-13 on 2 cores: the review
CPU 168-186 ms (wall 440-624 ms min, the machine shared), 1.2-1.4x this baseline (CPU
127-155 ms); the code before, in the same runs, CPU 420-428 ms, 2.0x. The
baseline was made honest at the same time: it counted every order opened where the review
counts renewals, every activity where it counts visits, the untiered accounts, amounts no
figure uses, and grouped by owner so that SQLite walked the owner index (a table look-up per
order, 3-4x a plain read); it left out the currency and the new key accounts and routines.
It is now faster (the ratio harder to meet), not slower.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

TARGET_S = 0.3
ACCOUNTS = 100_000
ACTIVITIES = 30_000


def grow(path: Path, manager: str) -> None:
    """More accounts (to 100,000) and activities over the last two months."""
    from bench_pipeline import TODAY

    from katerm.core import store
    from katerm.core.clock import Clock
    from katerm.core.store.db import open_database

    rng = random.Random(5)
    db = open_database(path, clock=Clock.system())
    with db.reading() as conn:
        sellers = [r[0] for r in conn.execute("SELECT id FROM users WHERE login LIKE 'seller%'")]
        have = conn.execute("SELECT count(*) FROM accounts").fetchone()[0]
        known = [r[0] for r in conn.execute("SELECT id, owner_id FROM accounts LIMIT 5000")]
    extra = store.new_ids(ACCOUNTS - have)
    noon = datetime(TODAY.year, TODAY.month, TODAY.day, 4, tzinfo=UTC)
    with db.writing() as conn:
        store.apply(
            conn,
            "accounts",
            [
                store.Change(
                    a,
                    {"id": a, "owner_id": sellers[i % len(sellers)], "name": f"More {i}"},
                    new=True,
                )
                for i, a in enumerate(extra)
            ],
            actor_id=manager,
        )
        store.apply(
            conn,
            "activities",
            [
                store.Change(
                    None,
                    {
                        "owner_id": rng.choice(sellers),
                        "account_id": rng.choice(known),
                        "kind": rng.choice(("visit", "call", "meeting", "dinner")),
                        "occurred_at": noon - timedelta(hours=rng.randint(0, 24 * 60)),
                    },
                    new=True,
                )
                for _ in range(ACTIVITIES)
            ],
            actor_id=manager,
        )
    db.close()


def baseline(conn, owners, months, tz):  # type: ignore[no-untyped-def]
    from katerm.core.cadence.events import IN_PERSON
    from katerm.core.periods import local_start, utc_text

    marks = ", ".join("?" * len(owners))
    out = []
    for month in months:
        start, end = month.start.isoformat(), month.end.isoformat()
        out.append(
            conn.execute(
                "SELECT owner_id, outcome, currency, count(*), total(amount) FROM opportunities "
                f"WHERE deleted = 0 AND +owner_id IN ({marks}) AND closed_on >= ? "
                "AND closed_on < ? GROUP BY owner_id, outcome, currency",
                (*owners, start, end),
            ).fetchall()
        )
        for column, which in (("locked_on", ""), ("opened_on", "AND renewal_of IS NOT NULL ")):
            out.append(
                conn.execute(
                    f"SELECT owner_id, count(*) FROM opportunities WHERE deleted = 0 {which}"
                    f"AND +owner_id IN ({marks}) AND {column} >= ? AND {column} < ? "
                    "GROUP BY +owner_id",
                    (*owners, start, end),
                ).fetchall()
            )
        out.append(
            conn.execute(
                "SELECT owner_id, count(*) FROM opportunities WHERE deleted = 0 "
                f"AND +owner_id IN ({marks}) AND outcome = 'open' AND locked_on IS NOT NULL "
                "GROUP BY +owner_id",
                owners,
            ).fetchall()
        )
        lo, hi = utc_text(local_start(month.start, tz)), utc_text(local_start(month.end, tz))
        out.append(
            conn.execute(
                f"SELECT owner_id, count(*) FROM activities WHERE deleted = 0 "
                f"AND owner_id IN ({marks}) AND occurred_at >= ? AND occurred_at < ? "
                f"AND kind IN ({', '.join('?' * len(IN_PERSON))}) GROUP BY owner_id",
                (*owners, lo, hi, *IN_PERSON),
            ).fetchall()
        )
    # The A-account analysis (this month): accounts and revenue by tier, the month's wins by
    # their account's tier, and the top tier's open locked orders.
    start, end = months[0].start.isoformat(), months[0].end.isoformat()
    out.append(
        conn.execute(
            "SELECT tier_revenue, currency, count(*), total(annual_revenue) FROM accounts "
            f"WHERE deleted = 0 AND +owner_id IN ({marks}) AND tier_revenue IS NOT NULL "
            "GROUP BY tier_revenue, currency",
            owners,
        ).fetchall()
    )
    out.append(
        conn.execute(
            "SELECT a.tier_revenue, o.currency, total(o.amount) FROM opportunities o "
            "CROSS JOIN accounts a ON a.id = o.account_id WHERE o.deleted = 0 "
            "AND o.outcome = 'won' AND o.closed_on >= ? AND o.closed_on < ? "
            "GROUP BY a.tier_revenue, o.currency",
            (start, end),
        ).fetchall()
    )
    out.append(
        conn.execute(
            "SELECT o.id, o.amount FROM opportunities o JOIN accounts a ON a.id = o.account_id "
            "WHERE a.tier_revenue = 'A' AND a.deleted = 0 AND o.deleted = 0 "
            "AND o.outcome = 'open' "
            "AND o.locked_on IS NOT NULL"
        ).fetchall()
    )
    # The trend: six months of wins, locks and renewals by month, eight weeks of visits.
    first = months[0]
    for _ in range(5):
        first = first.previous()
    for column, which, money in (
        ("closed_on", "", ", total(amount)"),
        ("locked_on", "", ""),
        ("opened_on", "AND renewal_of IS NOT NULL ", ""),
    ):
        out.append(
            conn.execute(
                f"SELECT substr({column}, 1, 7), count(*){money} FROM opportunities "
                f"WHERE deleted = 0 {which}AND +owner_id IN ({marks}) AND {column} >= ? "
                f"AND {column} < ? GROUP BY 1",
                (*owners, first.start.isoformat(), end),
            ).fetchall()
        )
    lo = utc_text(local_start(months[0].end - timedelta(weeks=8), tz))
    out.append(
        conn.execute(
            f"SELECT occurred_at FROM activities WHERE deleted = 0 AND owner_id IN ({marks}) "
            "AND occurred_at >= ?",
            (*owners, lo),
        ).fetchall()
    )
    # New key accounts (leads converted in the month on accounts with no earlier win) and
    # the broad relationships' routine actions done in the month, per owner.
    out.append(
        conn.execute(
            "SELECT o.owner_id, count(DISTINCT o.account_id) FROM opportunities o "
            f"WHERE o.deleted = 0 AND +o.owner_id IN ({marks}) AND o.lead_status = 'converted' "
            "AND o.converted_on >= ? AND o.converted_on < ? AND NOT EXISTS (SELECT 1 "
            "FROM opportunities w WHERE w.account_id = o.account_id AND w.deleted = 0 "
            "AND w.outcome = 'won' AND w.closed_on < ?) GROUP BY o.owner_id",
            (*owners, start, end, start),
        ).fetchall()
    )
    out.append(
        conn.execute(
            "SELECT a.owner_id, count(*) FROM routine_actions r "
            "CROSS JOIN accounts a ON a.id = r.account_id "
            "CROSS JOIN activities v ON v.routine_id = r.id "
            f"WHERE a.deleted = 0 AND +a.owner_id IN ({marks}) AND v.deleted = 0 "
            "AND v.occurred_at >= ? AND v.occurred_at < ? GROUP BY a.owner_id",
            (*owners, start, end),
        ).fetchall()
    )
    return out


def timed(runs: int, fn):  # type: ignore[no-untyped-def]
    """(min wall, median wall, min CPU) seconds over ``runs`` calls, and the last result."""
    import statistics

    walls, cpus, result = [], [], None
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        result = fn()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return (min(walls), statistics.median(walls), min(cpus)), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--opportunities", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--db", metavar="FILE", help="build here once and reuse it next time")
    args = parser.parse_args()

    from zoneinfo import ZoneInfo

    from bench_pipeline import TODAY, build, mark

    from katerm.core.cadence import Month, monthly_review
    from katerm.core.clock import Clock
    from katerm.core.pipeline import DEFAULT_RULES
    from katerm.core.store.db import open_database
    from katerm.core.team import below

    tz = ZoneInfo("Asia/Shanghai")
    month = Month.of(TODAY)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(args.db) if args.db else Path(tmp) / "bench.db"
        started = time.perf_counter()
        if not path.exists():
            grow(path, build(path, args.opportunities))
        db = open_database(path, clock=Clock.system())
        with db.reading() as conn:
            manager = conn.execute("SELECT id FROM users WHERE login = 'gm'").fetchone()[0]
        db.close()
        print(
            f"built {ACCOUNTS:,} accounts, {args.opportunities:,} opportunities, "
            f"{ACTIVITIES:,} activities in {time.perf_counter() - started:.1f} s "
            f"({os.cpu_count()} CPUs)"
        )
        db = open_database(path, clock=Clock.system())
        with db.reading() as conn:
            owners = below(conn, manager)
            base, _ = timed(
                args.repeat, lambda: baseline(conn, owners, (month, month.previous()), tz)
            )
            took, review = timed(
                args.repeat,
                lambda: monthly_review(
                    conn, manager, month, tz=tz, today=TODAY, rules=DEFAULT_RULES
                ),
            )
        db.close()

    def figures(name: str, found: tuple[float, float, float]) -> str:
        low, mid, cpu = (f * 1000 for f in found)
        return f"{name:30s} {low:7.1f} ms (median {mid:7.1f}, CPU {cpu:7.1f})"

    print(figures("baseline GROUP BYs (2 months)", base))
    print(
        f"{figures('monthly_review', took)}  {took[0] / base[0]:4.1f}x baseline, "
        f"CPU {took[2] / base[2]:4.1f}x (target <= {TARGET_S * 1000:.0f} ms)  "
        f"{mark(took[0] <= TARGET_S)}"
    )
    print(
        f"{len(review.sellers)} people, {len(review.teams)} teams; month won "
        f"{review.total.won} for {review.total.won_amount:,.0f}, stuck {review.total.stuck}"
    )


if __name__ == "__main__":
    main()
