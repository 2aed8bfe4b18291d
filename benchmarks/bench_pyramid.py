"""The account pyramid on 100,000 accounts, against a plain sqlite3 GROUP BY in the same run.

    python benchmarks/bench_pyramid.py [--accounts 100000] [--runs 15] [--home DIR]

Builds the demo (``katerm demo --accounts N --no-open``) in a temporary KATERM_HOME (or reuses
``--home``), then prints:

* figures: ``katerm.core.pyramid.read.compute`` for the whole portfolio (the general manager's
  100,000 accounts), median of the runs, for each scheme and for one lead's half; and the
  same run's plain ``SELECT tier_revenue, count(*), total(annual_revenue) FROM accounts
  GROUP BY tier_revenue`` on a bare sqlite3 connection, with the ratio;
* by the book (issue 17, part 7): the owner-grade flags (``grade_flags``) over the whole
  portfolio, and the re-tier suggestions with the periodic evaluation (growth over the years
  and satisfaction) against the same suggestions from the figures alone;
* screen: from pressing 2 on the accounts screen until the pyramid's figures are on screen,
  in a fresh app (first switch: the screen's modules load too), median of a few runs.

Targets (2-core machine): figures <= 50 ms and <= 3x the GROUP BY; screen <= 300 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_common import make_demo_database, verdict

HERE = Path(__file__).resolve()
BASELINE = (
    "SELECT tier_revenue, count(*), total(annual_revenue) FROM accounts WHERE deleted = 0 "
    "GROUP BY tier_revenue"
)


def median_ms(fn, runs: int) -> float:  # type: ignore[no-untyped-def]
    fn()  # warm the page cache and the statement cache
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def figures(home: Path, runs: int) -> None:
    os.environ["KATERM_HOME"] = str(home)
    from katerm.core.pyramid.read import PyramidQuery, compute
    from katerm.core.workspace import open_workspace
    from katerm.paths import resolve_paths

    ws = open_workspace(resolve_paths())
    raw = sqlite3.connect(ws.paths.db_file)
    year = ws.clock.year()
    with ws.db.reading() as conn:
        count = conn.execute("SELECT count(*) FROM accounts WHERE deleted = 0").fetchone()[0]
        lead = conn.execute(
            "SELECT id FROM users WHERE manager_id = ? ORDER BY login", (ws.me.id,)
        ).fetchone()[0]
        results = {}
        # Interleaved, so that a busy machine slows both sides alike.
        base = median_ms(lambda: raw.execute(BASELINE).fetchall(), runs)
        for scheme in ("revenue", "fish", "size", "strategic"):
            query = PyramidQuery(scheme=scheme, year=year)
            results[scheme] = median_ms(lambda q=query: compute(conn, q, ws.me.id), runs)
        lead = PyramidQuery(owner_id=lead, year=year)
        lead_ms = median_ms(lambda: compute(conn, lead, ws.me.id), runs)
        book = by_the_book(ws, conn, year, runs)
        base_again = median_ms(lambda: raw.execute(BASELINE).fetchall(), runs)
    base = (base + base_again) / 2
    print(f"\nfigures over {count:,} accounts (median of {runs})")
    print(f"  plain GROUP BY (sqlite3)   {base:7.1f} ms")
    for scheme, ms in results.items():
        target = scheme == "revenue"
        mark = (
            f"   target <= 50 ms and <= 3x: {verdict(ms <= 50 and ms / base <= 3)}"
            if target
            else ""
        )
        print(f"  pyramid, {scheme:<10}        {ms:7.1f} ms   ratio {ms / base:4.2f}x{mark}")
    print(f"  pyramid, a lead's team      {lead_ms:7.1f} ms   ratio {lead_ms / base:4.2f}x")
    flags_ms, figures_only, with_evaluation, evaluated = book
    print(f"  owner-grade flags           {flags_ms:7.1f} ms   ratio {flags_ms / base:4.2f}x")
    print(
        f"  re-tier, figures only       {figures_only:7.1f} ms\n"
        f"  re-tier with evaluation     {with_evaluation:7.1f} ms   "
        f"{with_evaluation / figures_only:4.2f}x figures only ({evaluated:,} from the evaluation)"
    )
    ws.close()


def by_the_book(ws, conn, year: int, runs: int) -> tuple[float, float, float, int]:  # type: ignore[no-untyped-def]
    """Flags, and suggestions with and without the evaluation (a query without a year)."""
    from katerm.core.pyramid import PyramidQuery, grade_flags, serve_rules, suggestions

    serve, today = serve_rules(None), ws.clock.today()
    query = PyramidQuery(year=year)
    flags_ms = median_ms(lambda: grade_flags(conn, query, ws.me.id, serve, today), runs)
    figures_only = median_ms(lambda: suggestions(conn, PyramidQuery(), ws.me.id), runs)
    with_evaluation = median_ms(lambda: suggestions(conn, query, ws.me.id), runs)
    evaluated = sum(s.basis == "evaluation" for s in suggestions(conn, query, ws.me.id))
    return flags_ms, figures_only, with_evaluation, evaluated


async def child_screen() -> None:
    """Print milliseconds from pressing 2 until the pyramid's figures are painted."""
    from katerm.app import create_app
    from katerm.core.workspace import open_workspace
    from katerm.paths import resolve_paths

    app = create_app(open_workspace(resolve_paths()))
    async with app.run_test(size=(120, 40)) as pilot:
        while getattr(app.screen, "index", None) is None or not app.screen.index.has_initials:
            await pilot.pause(0.02)  # the accounts screen fully loaded, as a user would wait
        await pilot.pause(0.3)
        painted = asyncio.Event()
        start = time.perf_counter()
        await pilot.press("2")
        while getattr(app.screen, "pyramid", None) is None:
            await asyncio.sleep(0.001)
        app.call_after_refresh(painted.set)
        await painted.wait()
        print(f"screen {time.perf_counter() - start:.4f}", flush=True)


def screen(home: Path, runs: int) -> None:
    env = {**os.environ, "KATERM_HOME": str(home)}
    times = []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, str(HERE), "--child"],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        if out.returncode != 0:
            raise SystemExit(out.stderr)
        times.append(float(out.stdout.split()[-1]))
    ms = statistics.median(times) * 1000
    print(f"\nscreen shown (press 2 -> figures painted, median of {runs})")
    print(f"  pyramid screen             {ms:7.0f} ms   target <= 300 ms: {verdict(ms <= 300)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accounts", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--home", type=Path, help="reuse a KATERM_HOME holding the demo")
    parser.add_argument("--child", action="store_true")
    args = parser.parse_args()
    if args.child:
        asyncio.run(child_screen())
        return
    home = args.home
    if home is None:
        home = Path(tempfile.mkdtemp(prefix="katerm-bench-pyramid-"))
        started = time.perf_counter()
        make_demo_database(home, args.accounts)
        print(f"demo database: {args.accounts:,} accounts in {time.perf_counter() - started:.1f} s")
    print(f"load average: {os.getloadavg()[0]:.1f} (2 cores: above 2, others are running)")
    figures(home, args.runs)
    screen(home, 3)


if __name__ == "__main__":
    main()
