"""How long `katerm demo --accounts 100000` takes and how much memory it needs, against a
baseline measured in the same run: plain sqlite3 inserting the same rows into the same tables.

Run from the repository root:  python benchmarks/bench_demo.py [--accounts N] [--lang zh_CN]
(Unix: peak memory comes from wait4.)

Prints figures, asserts nothing (tests don't time things; see STYLE.md). Each measurement runs
in its own process with a fresh KATERM_HOME, so peak memory is that process's alone.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run(cmd: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """Wall seconds, peak RSS in MB (of this process alone, via wait4) and its stdout; the
    process's CPU seconds go to ``LAST_CPU`` (what a loaded machine changes least)."""
    started = time.perf_counter()
    with tempfile.TemporaryFile("w+") as err:
        proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=err, text=True)
        assert proc.stdout is not None
        out = proc.stdout.read()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - started
        code = os.waitstatus_to_exitcode(status)
        proc.returncode = code
        if code != 0:
            err.seek(0)
            sys.exit(f"{' '.join(cmd)} failed ({code}):\n{err.read()}")
    LAST_CPU[0] = usage.ru_utime + usage.ru_stime
    peak_mb = usage.ru_maxrss / 1024 / (1024 if sys.platform == "darwin" else 1)
    return seconds, peak_mb, out


LAST_CPU = [0.0]

BASELINE = textwrap.dedent("""
    import os, sqlite3, sys, time
    src, dst = sys.argv[1], sys.argv[2]
    source = sqlite3.connect(src)
    # The demo's own schema (tables and indexes), copied from the database it made.
    ddl = [r[0] for r in source.execute(
        "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' "
        "ORDER BY type = 'index'")]
    # The same rows of every table the demo fills, read before the clock starts; the plain
    # schema has no sync bookkeeping, so the outbox stays empty.
    skip = {"outbox", "alembic_version"}
    tables = [t for (t,) in source.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        if t not in skip]
    data = {t: source.execute(f"SELECT * FROM {t}").fetchall() for t in tables}
    source.close()
    # "after": the plain (non-unique) indexes are created after the rows, as the demo itself
    # does for the tables it fills from empty (store.indexes_set_aside): the same trick,
    # given to the baseline too, to show what is left of the ratio without it.
    later = sys.argv[3:] == ["after"]
    plain = [s for s in ddl if s.startswith("CREATE INDEX")] if later else []
    started, cpu = time.perf_counter(), time.process_time()
    conn = sqlite3.connect(dst, isolation_level=None)
    # The same settings the demo uses for the file it builds.
    conn.execute("PRAGMA journal_mode = MEMORY")
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("PRAGMA cache_size = -8192")
    conn.execute("PRAGMA foreign_keys = OFF")
    for statement in ddl:
        if statement not in plain:
            conn.execute(statement)
    for table, rows in data.items():
        if not rows:
            continue
        marks = ",".join("?" * len(rows[0]))
        for start in range(0, len(rows), 5000):
            conn.execute("BEGIN")
            conn.executemany(f"INSERT INTO {table} VALUES ({marks})", rows[start:start + 5000])
            conn.execute("COMMIT")
    for statement in plain:
        conn.execute(statement)
    conn.close()
    print(f"{time.perf_counter() - started:.3f} {sum(map(len, data.values()))} "
          f"{time.process_time() - cpu:.3f}")
""")


STEP_TIMES = textwrap.dedent("""
    import sys, time
    from collections import Counter
    from katerm.core.demo import generate, steps
    from katerm.core.demo.pipeline import Step
    from katerm.core.workspace import open_workspace
    from katerm.paths import resolve_paths
    spent = Counter()
    def timed(step):
        def run(ctx, rng):
            started = time.perf_counter()
            step.run(ctx, rng)
            spent[step.name] += time.perf_counter() - started
        return Step(step.name, run, step.per_batch)
    steps.STEPS = tuple(timed(s) for s in steps.STEPS)
    ws = open_workspace(resolve_paths())
    summary = generate(ws, accounts=int(sys.argv[1]), lang=sys.argv[2])
    print(" ".join(f"{name}={seconds:.2f}" for name, seconds in spent.items()))
    print(f"total={summary.seconds:.2f}")
""")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accounts", type=int, default=100_000)
    parser.add_argument("--lang", default="zh_CN")
    args = parser.parse_args()
    python = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "home"
        env = {
            **os.environ,
            "KATERM_HOME": str(home),
            "PYTHONPATH": str(ROOT),
            "KATERM_BUSY_TIMEOUT_MS": "5000",
        }
        db = home / "data" / "katerm.db"

        # The baseline copies the schema and row counts from a demo database made first.
        probe_home = Path(tmp) / "probe"
        probe_env = {**env, "KATERM_HOME": str(probe_home)}
        run(
            [
                python,
                "-m",
                "katerm",
                "--lang",
                args.lang,
                "demo",
                "--accounts",
                str(args.accounts),
                "--no-open",
            ],
            probe_env,
        )
        base_wall, base_peak, base_out = run(
            [
                python,
                "-c",
                BASELINE,
                str(probe_home / "data" / "katerm.db"),
                str(Path(tmp) / "baseline.db"),
            ],
            env,
        )
        base_inner, base_rows = float(base_out.split()[0]), int(base_out.split()[1])
        base_cpu = float(base_out.split()[2])
        base_size_mb = (Path(tmp) / "baseline.db").stat().st_size / 2**20
        _, _, late_out = run(
            [
                python,
                "-c",
                BASELINE,
                str(probe_home / "data" / "katerm.db"),
                str(Path(tmp) / "baseline-late.db"),
                "after",
            ],
            env,
        )
        late_inner, late_cpu = float(late_out.split()[0]), float(late_out.split()[2])

        wall, peak, _ = run(
            [
                python,
                "-m",
                "katerm",
                "--lang",
                args.lang,
                "demo",
                "--accounts",
                str(args.accounts),
                "--no-open",
            ],
            env,
        )
        cpu = LAST_CPU[0]
        import sqlite3

        conn = sqlite3.connect(db)
        accounts, contacts = (
            conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("accounts", "contacts")
        )
        outbox = conn.execute("SELECT count(*) FROM outbox").fetchone()[0]
        conn.close()
        size_mb = db.stat().st_size / 2**20

        step_env = {**env, "KATERM_HOME": str(Path(tmp) / "steps")}
        _, _, step_out = run([python, "-c", STEP_TIMES, str(args.accounts), args.lang], step_env)

    print(f"katerm demo --accounts {args.accounts:,} --no-open  (lang {args.lang})")
    print(
        f"  rows: {accounts:,} accounts, {contacts:,} contacts, {outbox:,} outbox entries; "
        f"database {size_mb:.0f} MB"
    )
    print(
        f"  wall time (whole command): {wall:6.1f} s   CPU {cpu:6.1f} s   peak RSS: {peak:5.0f} MB"
    )
    print(f"  per step (in-process): {' '.join(step_out.split())}")
    print(
        f"baseline: plain sqlite3 inserting the same {base_rows:,} rows of every table into the "
        "same schema and pragmas without sync bookkeeping (empty outbox), 5,000 rows per "
        "transaction"
    )
    print(
        f"  insert time: {base_inner:6.1f} s   CPU {base_cpu:6.1f} s   "
        f"(process wall {base_wall:.1f} s, "
        f"peak RSS {base_peak:.0f} MB)   database {base_size_mb:.0f} MB"
    )
    print(
        f"ratio demo / baseline insert: {wall / base_inner:.2f}x wall, "
        f"{cpu / base_cpu:.2f}x CPU (goal <= 3x)   "
        f"database size: {size_mb / base_size_mb:.2f}x (goal <= 2x)"
    )
    print(
        "the demo builds the plain indexes of the tables it fills after their rows; the same "
        f"for the baseline: insert {late_inner:.1f} s, CPU {late_cpu:.1f} s; ratio "
        f"{wall / late_inner:.2f}x wall, {cpu / late_cpu:.2f}x CPU (for comparison, no goal)"
    )


if __name__ == "__main__":
    main()
