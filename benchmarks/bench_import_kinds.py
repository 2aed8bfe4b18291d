"""Importing 100,000 opportunities (the opportunity list, 商机列表), against a plain sqlite3
executemany of the same rows measured in the same run (a script, not a test).

    PYTHONPATH=. python benchmarks/bench_import_kinds.py [--rows 100000] [--accounts 2000]
                                                         [--repeat 3] [--profile]

Generates a CSV of opportunities over ``--accounts`` accounts (Chinese names, as a team's own
sheet has them), then, ``--repeat`` times, each in a fresh database and a fresh process:

* imports the accounts (not timed), then times ``katerm.core.io.import_file`` of the
  opportunities: CSV reading and checking, matching each row's account by name, and writing
  through the write path (row, outbox entry) in one transaction;
* the baseline: csv parsing plus one ``sqlite3`` ``executemany`` of the same rows (UUID keys,
  account ids looked up in a dict) into a table made with katerm's own DDL for
  opportunities (same columns and indexes), in one transaction.

Prints the min and median of both, rows/s and the ratio, with PASS/MISS against the targets:
at least 30,000 rows/s, at most 3x the baseline. Rows/s depend on the machine and its load
(its Python speed and load average are printed); the ratio much less.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from bench_common import verdict

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TARGET_RATE = 30_000
TARGET_RATIO = 3.0
HEADER = [
    "account",
    "name",
    "stage",
    "outcome",
    "amount",
    "currency",
    "expected_close",
    "probability",
    "competitors",
    "has_budget",
    "opened_on",
    "owner",
    "notes",
]
STAGES = ["lead", "opportunity", "contract", "delivery", "cash"]
NOTES = [
    "",
    "",
    "跟进中，下周拜访采购部",
    "Need a demo for the plant manager",
    "预算待批",
    "客户要求分期付款",
]
OWNERS = ["wang.lei", "li.na", "zhang.wei", "liu.yang"]


def generate(folder: Path, rows: int, accounts: int, seed: int = 7) -> tuple[Path, Path]:
    rng = random.Random(seed)
    names = [
        f"{rng.choice(['上海', '北京', '深圳', '杭州'])}{i:05d}科技有限公司"
        for i in range(accounts)
    ]
    account_file, opportunity_file = folder / "accounts.csv", folder / "opportunities.csv"
    with account_file.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["name", "region", "owner"])
        for name in names:
            writer.writerow([name, rng.choice(["华东", "华北", "华南"]), rng.choice(OWNERS)])
    with opportunity_file.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(HEADER)
        for i in range(rows):
            writer.writerow(
                [
                    rng.choice(names),
                    f"商机{i:06d}",
                    rng.choice(STAGES),
                    "open",
                    rng.randrange(10_000, 5_000_000),
                    "CNY",
                    f"2027-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                    rng.randint(0, 100),
                    rng.choice(["", "华为", "思科", "Acme"]),
                    rng.choice(["yes", "no"]),
                    f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                    rng.choice(OWNERS),
                    rng.choice(NOTES),
                ]
            )
    return account_file, opportunity_file


# --- measured in a child process: a fresh interpreter and a fresh database ----------------


def child(home: str, accounts: str, opportunities: str, profile: bool) -> None:
    os.environ["KATERM_HOME"] = home
    from katerm.core.io import import_file
    from katerm.core.workspace import open_workspace
    from katerm.paths import resolve_paths

    ws = open_workspace(resolve_paths())
    import_file(ws, "accounts", accounts, add_owners=True)
    profiler = None
    if profile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    started, cpu = time.perf_counter(), time.process_time()
    report = import_file(ws, "opportunities", opportunities)
    result = {
        "seconds": time.perf_counter() - started,
        "cpu": time.process_time() - cpu,
        "created": report.created,
    }
    if profiler is not None:
        import pstats

        profiler.disable()
        pstats.Stats(profiler, stream=sys.stderr).sort_stats("tottime").print_stats(25)
    ws.close()
    print(json.dumps(result))


def run_child(home: Path, accounts: Path, opportunities: Path, profile: bool = False) -> dict:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    cmd = [
        sys.executable,
        __file__,
        "--child",
        str(home),
        str(accounts),
        str(opportunities),
        *(["--profile"] if profile else []),
    ]
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"child failed:\n{done.stderr}")
    if profile:
        print(done.stderr, file=sys.stderr)
    return json.loads(done.stdout.strip().splitlines()[-1])


# --- the baseline ------------------------------------------------------------------------


def baseline(home: Path, opportunities: Path, folder: Path) -> tuple[float, float]:
    """csv parse + executemany into katerm's opportunities DDL, in one transaction.

    Account ids come from the database the child made (a dict, as any loader would keep);
    row ids are random UUIDs made before the clock starts, as katerm's are.
    """
    source = sqlite3.connect(home / "data" / "katerm.db")
    try:
        ddl = [
            sql
            for (sql,) in source.execute(
                "SELECT sql FROM sqlite_master WHERE tbl_name = 'opportunities' "
                "AND sql IS NOT NULL ORDER BY type DESC"
            )
        ]
        accounts = dict(source.execute("SELECT name, id FROM accounts"))
        owners = dict(source.execute("SELECT login, id FROM users"))
    finally:
        source.close()
    conn = sqlite3.connect(folder / "baseline.db", isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    for statement in ddl:
        conn.execute(statement)
    with opportunities.open(encoding="utf-8", newline="") as fh:
        ids = [str(uuid.uuid4()) for _ in fh]
    columns = (
        "id",
        "created_at",
        "updated_at",
        "hlc",
        "clk",
        "deleted",
        "owner_id",
        "account_id",
        "name",
        "stage",
        "outcome",
        "amount",
        "currency",
        "expected_close",
        "probability",
        "competitors",
        "has_budget",
        "opened_on",
        "stage_on",
        "lead_checks",
        "lead_decision",
        "notes",
        "loss_reason",
        "winner",
    )
    now = "2026-01-01T00:00:00.000000+00:00"
    started, cpu = time.perf_counter(), time.process_time()
    with opportunities.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        next(reader)
        rows = [
            (
                ids[i],
                now,
                now,
                "",
                "{}",
                0,
                owners[r[11]],
                accounts[r[0]],
                r[1],
                r[2],
                r[3],
                float(r[4]),
                r[5],
                r[6],
                int(r[7]),
                r[8],
                r[9] == "yes",
                r[10],
                r[10],
                "",
                "",
                r[12],
                "",
                "",
            )
            for i, r in enumerate(reader)
        ]
    conn.execute("BEGIN")
    conn.executemany(
        f"INSERT INTO opportunities ({', '.join(columns)}) "
        f"VALUES ({', '.join('?' * len(columns))})",
        rows,
    )
    conn.execute("COMMIT")
    elapsed = time.perf_counter() - started, time.process_time() - cpu
    conn.close()
    return elapsed


def python_speed_ms() -> float:
    import timeit

    return min(timeit.repeat("sum(range(10**6))", number=5, repeat=5)) / 5 * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--accounts", type=int, default=2_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--profile", action="store_true", help="cProfile one import")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child, profile=args.profile)
        return
    with tempfile.TemporaryDirectory(prefix="katerm-bench-") as tmp:
        folder = Path(tmp)
        accounts, opportunities = generate(folder, args.rows, args.accounts)
        print(
            f"rows: {args.rows:,} opportunities over {args.accounts:,} accounts, "
            f"{opportunities.stat().st_size / 1e6:.1f} MB"
        )
        if args.profile:
            run_child(folder / "profile", accounts, opportunities, profile=True)
            return
        imports, bases, import_cpu, base_cpu = [], [], [], []
        for attempt in range(args.repeat):
            home = folder / f"home{attempt}"
            result = run_child(home, accounts, opportunities)
            assert result["created"] == args.rows, result
            imports.append(result["seconds"])
            import_cpu.append(result["cpu"])
            base_dir = folder / f"base{attempt}"
            base_dir.mkdir()
            wall, cpu = baseline(home, opportunities, base_dir)
            bases.append(wall)
            base_cpu.append(cpu)
        for label, pick in (("min", min), ("median", statistics.median)):
            took, base = pick(imports), pick(bases)
            rate, ratio = args.rows / took, took / base
            print(
                f"{label:6}: import {took:5.2f} s {rate:8,.0f} rows/s "
                f"(target >= {TARGET_RATE:,}: {verdict(rate >= TARGET_RATE)})   "
                f"baseline {base:5.2f} s {args.rows / base:8,.0f} rows/s   "
                f"ratio {ratio:4.2f}x (target <= {TARGET_RATIO:g}x: "
                f"{verdict(ratio <= TARGET_RATIO)})"
            )
        print(
            f"all runs (s): import {[round(s, 2) for s in imports]}, "
            f"baseline {[round(s, 2) for s in bases]}"
        )
        # CPU seconds of the process: what the other processes on a busy machine change least.
        print(
            f"CPU (s): import {[round(s, 2) for s in import_cpu]}, "
            f"baseline {[round(s, 2) for s in base_cpu]}; median ratio "
            f"{statistics.median(import_cpu) / statistics.median(base_cpu):.2f}x, "
            f"min CPU rate {args.rows / min(import_cpu):,.0f} rows/s"
        )
        print(
            f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}, "
            f"Python speed: sum(range(10**6)) in {python_speed_ms():.1f} ms"
        )


if __name__ == "__main__":
    main()
