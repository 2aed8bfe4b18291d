"""The quarterly review over bench_monthly's 100,000 accounts and 50,000 opportunities (a
script, not a test; there is no target in the issue, the figures show where the time goes).

    PYTHONPATH=. python benchmarks/bench_quarterly.py [--db FILE] [--repeat 3]

Measures, best of ``--repeat`` runs, as the manager (who sees everything):

* baseline: the plain reads the review needs — the top-tier accounts, their plan entries,
  people, gap rows and partners with their stamps, the quarter's orders by month, the lost
  ones by reason;
* ``quarterly_review``: the same plus each plan's score at the quarter's two ends, the
  partners' movement, and win/loss per competitor (``core.competitors.win_loss``).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


def baseline(conn, owners, quarter):  # type: ignore[no-untyped-def]
    marks = ", ".join("?" * len(owners))
    tops = [
        r[0]
        for r in conn.execute(
            f"SELECT id FROM accounts WHERE deleted = 0 AND owner_id IN ({marks}) "
            "AND tier IN ('A', 'whale', 'strategic', 'super_large')",
            owners,
        )
    ]
    import json

    ids = json.dumps(tops)
    out = [len(tops)]
    for table in ("plan_items", "contacts", "gap_rows", "strategic_relationships"):
        out.append(
            conn.execute(
                f"SELECT account_id, created_at, deleted, updated_at FROM {table} "
                "WHERE account_id IN (SELECT value FROM json_each(?))",
                (ids,),
            ).fetchall()
        )
    start, end = quarter.start.isoformat(), quarter.end.isoformat()
    out.append(
        conn.execute(
            "SELECT substr(coalesce(closed_on, expected_close), 1, 7), outcome, total(amount) "
            f"FROM opportunities WHERE deleted = 0 AND +owner_id IN ({marks}) "
            "AND coalesce(closed_on, expected_close) >= ? "
            "AND coalesce(closed_on, expected_close) < ? GROUP BY 1, 2",
            (*owners, start, end),
        ).fetchall()
    )
    out.append(
        conn.execute(
            f"SELECT loss_reason, count(*) FROM opportunities WHERE deleted = 0 "
            f"AND +owner_id IN ({marks}) AND outcome = 'lost' AND closed_on >= ? "
            "AND closed_on < ? GROUP BY 1",
            (*owners, start, end),
        ).fetchall()
    )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--opportunities", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--db", metavar="FILE", help="build here once and reuse it next time")
    args = parser.parse_args()

    from zoneinfo import ZoneInfo

    from bench_monthly import grow
    from bench_pipeline import TODAY, best, build

    from katerm.core.cadence import Quarter, quarterly_review
    from katerm.core.clock import Clock
    from katerm.core.store.db import open_database
    from katerm.core.team import below

    tz = ZoneInfo("Asia/Shanghai")
    quarter = Quarter.of(TODAY)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(args.db) if args.db else Path(tmp) / "bench.db"
        if not path.exists():
            grow(path, build(path, args.opportunities))
        db = open_database(path, clock=Clock.system())
        with db.reading() as conn:
            manager = conn.execute("SELECT id FROM users WHERE login = 'gm'").fetchone()[0]
            owners = below(conn, manager)
            base_s, found = best(args.repeat, lambda: baseline(conn, owners, quarter))
            review_s, review = best(
                args.repeat,
                lambda: quarterly_review(conn, manager, quarter, tz=tz, today=TODAY),
            )
        db.close()
    print(f"top-tier accounts: {found[0]:,}; quarter {quarter.key} as of {date.isoformat(TODAY)}")
    print(f"baseline reads                  {base_s * 1000:8.1f} ms")
    print(
        f"quarterly_review                {review_s * 1000:8.1f} ms   "
        f"{review_s / base_s:.1f}x baseline"
    )
    print(f"won {review.won}, lost {review.lost}, {len(review.competitors)} competitors")


if __name__ == "__main__":
    main()
