"""Import/export speed and memory on a 100,000-row accounts CSV (a script, not a test).

    PYTHONPATH=. python benchmarks/bench_io.py [--rows 100000] [--repeat 3] [--profile]

Generates a CSV of realistic Chinese and English account names, then measures, each in a
fresh database and a fresh process:

* importing it with ``katerm.core.io.import_file`` (rows/s; peak memory as the process's
  maximum resident set size);
* a baseline in the same run: csv parsing plus a plain ``sqlite3`` ``executemany`` of the same
  rows (random UUID keys, as katerm's) into a table made with the same DDL (same columns and
  indexes) as katerm's accounts;
* exporting the imported accounts to CSV, re-importing the file unchanged, and re-importing
  it with every revenue changed (updates).

Prints each figure with PASS/MISS against the targets: import >= 30,000 rows/s, import at most
3x the baseline, peak memory <= 300 MB. Best of ``--repeat`` runs is reported for timings,
with CPU time beside wall time, and a one-line measure of the machine's Python speed: rows/s
depend on the machine (and on whatever else runs on it); the ratio to the baseline much less.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_common import verdict

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TARGET_RATE = 30_000
TARGET_RATIO = 3.0
TARGET_MB = 300

HEADER = [
    "name",
    "industry",
    "region",
    "annual_revenue",
    "contract_value",
    "potential_revenue",
    "tier",
    "lifecycle",
    "currency",
    "owner",
    "notes",
]
CITIES = [
    "上海",
    "北京",
    "深圳",
    "广州",
    "杭州",
    "南京",
    "苏州",
    "成都",
    "武汉",
    "西安",
    "重庆",
    "天津",
    "青岛",
    "厦门",
    "宁波",
    "长沙",
    "郑州",
    "合肥",
    "济南",
    "福州",
    "大连",
    "沈阳",
    "昆明",
    "无锡",
    "佛山",
    "东莞",
    "常州",
    "温州",
    "烟台",
    "珠海",
]
CORES = [
    "明珠",
    "华信",
    "恒通",
    "东方",
    "新锐",
    "金桥",
    "远航",
    "长城",
    "嘉禾",
    "瑞丰",
    "中联",
    "海川",
    "天成",
    "博雅",
    "凯德",
    "宏图",
    "鼎盛",
    "永安",
    "汇丰",
    "联创",
    "锦程",
    "德信",
    "安泰",
    "百川",
    "星河",
    "正泰",
    "华瑞",
    "泰和",
    "乐康",
    "信达",
    "宝隆",
    "国邦",
    "万象",
    "润达",
    "启明",
    "华夏",
    "腾达",
    "银河",
    "新元",
    "同舟",
]
FIELDS_CN = [
    "科技",
    "电子",
    "制药",
    "精密机械",
    "新材料",
    "物流",
    "食品",
    "化工",
    "能源",
    "汽车部件",
    "医疗器械",
    "建材",
    "纺织",
    "环保",
    "信息技术",
    "电气",
    "珠宝",
    "家居",
]
FORMS_CN = ["有限公司", "股份有限公司", "集团有限公司", "（集团）股份有限公司"]
ADJECTIVES = [
    "Global",
    "Pacific",
    "Northern",
    "Summit",
    "Blue River",
    "Golden Gate",
    "Apex",
    "Evergreen",
    "Silverline",
    "Harbor",
    "Pioneer",
    "Granite",
    "Crescent",
    "Atlas",
    "Sterling",
    "Horizon",
    "Redwood",
    "Meridian",
    "Cobalt",
    "Lakeside",
]
NOUNS = [
    "Steel",
    "Foods",
    "Logistics",
    "Pharma",
    "Electronics",
    "Textiles",
    "Motors",
    "Chemicals",
    "Energy",
    "Medical",
    "Robotics",
    "Packaging",
    "Retail",
    "Materials",
    "Software",
    "Instruments",
    "Paper",
    "Glass",
    "Plastics",
    "Optics",
]
FORMS_EN = ["Ltd", "Co., Ltd.", "Inc.", "Group", "Holdings", "GmbH", "Corporation", "LLC"]
INDUSTRIES = [
    "制造",
    "零售",
    "医药",
    "能源",
    "物流",
    "金融",
    "汽车",
    "电子",
    "Steel",
    "Retail",
    "Healthcare",
    "Logistics",
    "化工",
    "食品饮料",
    "建筑",
]
REGIONS = ["华东", "华北", "华南", "华中", "西南", "西北", "东北", "North", "South", "East", "West"]
LIFECYCLES = ["prospect", "customer", "customer", "loyal", "former", "", "成交客户"]
OWNERS = [
    "wang.lei",
    "li.na",
    "zhang.wei",
    "liu.yang",
    "chen.jing",
    "yang.fan",
    "zhao.min",
    "huang.li",
    "zhou.tao",
    "wu.hao",
    "j.smith",
    "a.mueller",
]
NOTES = [
    "",
    "",
    "",
    "年度框架协议续签中",
    "Key decision maker changed in Q3",
    "关注竞争对手报价",
    "Visit planned next month; bring the solution expert",
    "采购流程集中化，需要拜访采购部",
    "回款周期较长",
]


def generate(path: Path, rows: int, seed: int = 7) -> None:
    """A CSV like a team's export from another system: mixed scripts, money with commas."""
    rng = random.Random(seed)
    seen: set[str] = set()
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(HEADER)
        for _ in range(rows):
            if rng.random() < 0.6:
                name = (
                    rng.choice(CITIES)
                    + rng.choice(CORES)
                    + rng.choice(FIELDS_CN)
                    + rng.choice(FORMS_CN)
                )
            else:
                name = f"{rng.choice(ADJECTIVES)} {rng.choice(NOUNS)} {rng.choice(FORMS_EN)}"
            base, n = name, 1
            while name.casefold() in seen:
                n += 1
                name = f"{base}（{n}）" if not base.isascii() else f"{base} {n}"
            seen.add(name.casefold())
            revenue = round(rng.lognormvariate(14, 1.4), 2) if rng.random() < 0.9 else 0
            tier = (
                (
                    "A"
                    if revenue >= 5e6
                    else "B"
                    if revenue >= 3e6
                    else "C"
                    if revenue >= 1e6
                    else "D"
                )
                if rng.random() < 0.8
                else ""
            )
            writer.writerow(
                [
                    name,
                    rng.choice(INDUSTRIES),
                    rng.choice(REGIONS),
                    f"{revenue:,.2f}" if rng.random() < 0.3 else f"{revenue:g}",
                    int(revenue * rng.random()),
                    int(revenue * rng.uniform(1, 3)),
                    tier,
                    rng.choice(LIFECYCLES),
                    "CNY" if rng.random() < 0.95 else "USD",
                    rng.choice(OWNERS),
                    rng.choice(NOTES),
                ]
            )


# --- measured in a child process: a fresh interpreter, its own peak memory ----------------


def child(action: str, csv_path: str, home: str, out_path: str, profile: bool) -> None:
    import resource

    os.environ["KATERM_HOME"] = home
    from katerm.core.io import export_file, import_file
    from katerm.core.workspace import open_workspace
    from katerm.paths import resolve_paths

    ws = open_workspace(resolve_paths())
    result: dict[str, object] = {}
    profiler = None
    if profile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    started, cpu = time.perf_counter(), time.process_time()
    if action == "export":
        result["rows"] = export_file(ws, "accounts", out_path)
    else:
        report = import_file(ws, "accounts", csv_path, add_owners=True)
        result.update(
            rows=report.rows,
            created=report.created,
            updated=report.updated,
            unchanged=report.unchanged,
        )
    result["seconds"] = time.perf_counter() - started
    result["cpu"] = time.process_time() - cpu
    if profiler is not None:
        import pstats

        profiler.disable()
        pstats.Stats(profiler, stream=sys.stderr).sort_stats("cumulative").print_stats(30)
        pstats.Stats(profiler, stream=sys.stderr).sort_stats("tottime").print_stats(25)
    result["maxrss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    ws.close()
    print(json.dumps(result))


def run_child(
    action: str, csv_path: Path, home: Path, out_path: Path | None = None, profile: bool = False
) -> dict:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    cmd = [
        sys.executable,
        __file__,
        "--child",
        action,
        str(csv_path),
        str(home),
        str(out_path or ""),
        *(["--profile"] if profile else []),
    ]
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"child {action} failed:\n{done.stderr}")
    if profile:
        print(done.stderr, file=sys.stderr)
    return json.loads(done.stdout.strip().splitlines()[-1])


# --- the baseline: what plain sqlite3 does with the same rows ------------------------------


def baseline(csv_path: Path, ddl: list[str], folder: Path) -> tuple[float, float]:
    """csv parse + executemany into a table with katerm's accounts DDL, in one transaction.

    Rows get random UUID keys, as katerm's do (made before the clock starts): sequential keys
    would make the baseline's index inserts unrealistically cheap. Returns (wall, CPU) s.
    """
    import uuid

    db = folder / "baseline.db"
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    for statement in ddl:
        conn.execute(statement)
    with csv_path.open(encoding="utf-8-sig", newline="") as fh:
        ids = [str(uuid.uuid4()) for _ in fh]
    started, cpu = time.perf_counter(), time.process_time()
    now = "2026-01-01T00:00:00.000000+00:00"
    with csv_path.open(encoding="utf-8-sig", newline="") as fh:
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
                r[9],
                r[0],
                r[1],
                r[2],
                float(r[3].replace(",", "")),
                float(r[4]),
                float(r[5]),
                r[6] or None,
                "revenue",
                r[7],
                r[10],
                r[8],
            )
            for i, r in enumerate(reader)
        ]
    conn.execute("BEGIN")
    conn.executemany(
        "INSERT INTO accounts (id, created_at, updated_at, hlc, clk, deleted, owner_id, name, "
        "industry, region, annual_revenue, contract_value, potential_revenue, tier, "
        "tier_scheme, lifecycle, notes, currency) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    conn.execute("COMMIT")
    elapsed = time.perf_counter() - started, time.process_time() - cpu
    conn.close()
    return elapsed


def accounts_ddl(home: Path) -> list[str]:
    conn = sqlite3.connect(home / "data" / "katerm.db")
    try:
        return [
            sql
            for (sql,) in conn.execute(
                "SELECT sql FROM sqlite_master WHERE tbl_name = 'accounts' AND sql IS NOT NULL "
                "ORDER BY type DESC"
            )
        ]
    finally:
        conn.close()


def changed_copy(source: Path, target: Path) -> None:
    """The same file with every annual revenue 1 higher: a bulk update."""
    with (
        source.open(encoding="utf-8-sig", newline="") as fh,
        target.open("w", encoding="utf-8", newline="") as out,
    ):
        reader, writer = csv.reader(fh), csv.writer(out)
        header = next(reader)
        writer.writerow(header)
        column = header.index("annual_revenue")
        for row in reader:
            row[column] = str(float(row[column]) + 1)
            writer.writerow(row)


def python_speed_ms() -> float:
    """A fixed pure-Python workload, to compare the machine with another one."""
    import timeit

    return min(timeit.repeat("sum(range(10**6))", number=5, repeat=5)) / 5 * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--profile", action="store_true", help="cProfile one import")
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child, profile=args.profile)
        return
    with tempfile.TemporaryDirectory(prefix="katerm-bench-") as tmp:
        folder = Path(tmp)
        data = folder / "accounts.csv"
        started = time.perf_counter()
        generate(data, args.rows)
        print(
            f"rows: {args.rows:,}  file: {data.stat().st_size / 1e6:.1f} MB  "
            f"(generated in {time.perf_counter() - started:.1f} s)"
        )
        if args.profile:
            run_child("import", data, folder / "profile-home", profile=True)
            return
        imports, bases, peaks = [], [], []
        for attempt in range(args.repeat):
            home = folder / f"home{attempt}"
            result = run_child("import", data, home)
            assert result["created"] == args.rows, result
            imports.append((result["seconds"], result["cpu"]))
            peaks.append(result["maxrss_mb"])
            base_dir = folder / f"baseline{attempt}"
            base_dir.mkdir()
            bases.append(baseline(data, accounts_ddl(home), base_dir))
        home = folder / "home0"
        exported = run_child("export", data, home, folder / "export.csv")
        unchanged = run_child("import", folder / "export.csv", home)
        changed_copy(folder / "export.csv", folder / "changed.csv")
        updated = run_child("import", folder / "changed.csv", home)
        (best, best_cpu), (base, base_cpu) = min(imports), min(bases)
        rate, ratio, peak = args.rows / best, best / base, max(peaks)
        print(
            f"import into a fresh database: {best:6.2f} s  {rate:9,.0f} rows/s   "
            f"target >= {TARGET_RATE:,} rows/s   {verdict(rate >= TARGET_RATE)}"
        )
        print(
            f"baseline csv + sqlite3 executemany (same DDL, UUID keys): {base:6.2f} s  "
            f"{args.rows / base:9,.0f} rows/s"
        )
        print(
            f"import / baseline: {ratio:4.2f}x   target <= {TARGET_RATIO:g}x   "
            f"{verdict(ratio <= TARGET_RATIO)}   "
            f"(CPU time: {best_cpu:.2f} s / {base_cpu:.2f} s = {best_cpu / base_cpu:.2f}x)"
        )
        print(
            f"peak memory of the import process (max RSS): {peak:5.0f} MB   "
            f"target <= {TARGET_MB} MB   {verdict(peak <= TARGET_MB)}"
        )
        print(
            f"export to CSV: {exported['seconds']:6.2f} s  "
            f"{exported['rows'] / exported['seconds']:9,.0f} rows/s  "
            f"(peak {exported['maxrss_mb']:.0f} MB)"
        )
        print(
            f"re-import of the export, nothing changed: {unchanged['seconds']:6.2f} s  "
            f"({unchanged['unchanged']:,} unchanged, peak {unchanged['maxrss_mb']:.0f} MB)"
        )
        print(
            f"re-import with every revenue changed: {updated['seconds']:6.2f} s  "
            f"({updated['updated']:,} updated, peak {updated['maxrss_mb']:.0f} MB)"
        )
        print(
            "all runs (wall s, CPU s): import "
            f"{[(round(w, 2), round(c, 2)) for w, c in imports]}, baseline "
            f"{[(round(w, 2), round(c, 2)) for w, c in bases]}"
        )
        print(
            f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}, "
            f"Python speed: sum(range(10**6)) in {python_speed_ms():.1f} ms"
        )


if __name__ == "__main__":
    main()
