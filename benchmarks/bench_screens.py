"""First open of every screen on a big demo, against a bare Textual app in the same run.

    python benchmarks/bench_screens.py [--accounts 100000] [--runs 3] [--home DIR]

Each run is a fresh process: start the app headless at 120x40, wait for the accounts list to
show rows and every worker to finish, then press 2..7 in turn. For each screen it prints the
time from the key to the first frame with the new screen on it ("paint"), to the first frame
where nothing on it says it is still loading ("data": rows and figures painted, perhaps the first
page only) and to the moment every worker of the screen has finished ("filled"), then the peak
memory after visiting them all, and the process CPU time (user+sys) to "data" and "filled",
which a busy machine disturbs less than the wall time. Memory: the resident size after each
screen is filled (accounts: the first screen), its increment over the screen before, and the
peak so far (``getrusage`` max RSS), beside the bare app's resident size at the same step.
The baseline is a bare Textual app switching to a screen holding one 100-row DataTable.
Prints min and median of the runs and the ratios. Goals: paint <= 300 ms each, peak <= 250 MB.
``--home`` reuses an existing ``KATERM_HOME`` (e.g. a 100k demo built once) instead of a new demo.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import tempfile
import time
from pathlib import Path

from bench_common import make_demo_database, run_child, verdict

HERE = Path(__file__).resolve()
KEYS = ["2", "3", "4", "5", "6", "7"]
NAMES = ["pyramid", "influence", "gaps", "reviews", "pipeline", "sync"]


def bare_app():  # type: ignore[no-untyped-def]
    from textual.app import App
    from textual.screen import Screen
    from textual.widgets import DataTable, Footer, Header

    class Page(Screen):
        def compose(self):  # type: ignore[no-untyped-def]
            yield Header()
            yield DataTable()
            yield Footer()

        def on_mount(self) -> None:
            table = self.query_one(DataTable)
            table.add_columns(*"abcdefgh")
            for i in range(100):
                table.add_row(*[f"cell {i}-{j}" for j in range(8)])

    class Bare(App):
        MODES = {str(i): Page for i in range(1, 8)}
        BINDINGS = [(key, f"switch_mode('{key}')", key) for key in KEYS]

        def on_mount(self) -> None:
            self.switch_mode("1")

        def ready(self) -> bool:
            return bool(self.screen.query(DataTable))

    return Bare()


def katerm_app():  # type: ignore[no-untyped-def]
    from katerm.app import create_app
    from katerm.core.workspace import open_workspace
    from katerm.paths import resolve_paths

    app = create_app(open_workspace(resolve_paths()))
    if os.environ.get("BENCH_SWITCH"):
        import sys

        sys.setswitchinterval(float(os.environ["BENCH_SWITCH"]))
    app.ready = lambda: bool(getattr(app.screen, "view", None) and app.screen.view.order)
    return app


def _has_rows(screen) -> bool:  # type: ignore[no-untyped-def]
    """The screen shows its data: its tables have rows (or say there are none), or, on a
    screen without a table, no text on it still says it is loading ("…")."""
    tables = list(screen.query("LazyTable"))
    if tables:
        return all(t.row_count > 0 or not t.placeholder.endswith("…") for t in tables)
    return not any(str(w.content).endswith("…") for w in screen.query("Static"))


async def child(kind: str) -> None:
    from bench_tui import FrameWatch
    from textual import events

    app = bare_app() if kind == "bare" else katerm_app()
    async with app.run_test(size=(120, 40)) as pilot:
        while not app.ready():
            await pilot.pause(0.01)
        # Twice: the accounts list starts its warm-up worker as its own load ends.
        for _ in range(2):
            await app.workers.wait_for_complete()
            await pilot.pause(0.1)
        print(f"rss_accounts {rss_now():.1f}", flush=True)
        print(f"peak_accounts {peak_rss():.1f}", flush=True)
        watch = FrameWatch(app)
        for key, name in zip(KEYS, NAMES, strict=True):
            before = app.screen
            await asyncio.sleep(0.05)
            start, cpu = time.perf_counter(), time.process_time()
            watch.driver.send_message(events.Key(key, key))
            while True:
                watch.event.clear()
                await asyncio.wait_for(watch.event.wait(), 30)
                if app.screen is not before:
                    break
            paint = time.perf_counter() - start
            # "rows": the first frame showing the screen's data (nothing says "loading…")
            while kind == "katerm" and not _has_rows(app.screen):
                watch.event.clear()
                await asyncio.wait_for(watch.event.wait(), 60)
            rows = time.perf_counter() - start
            rows_cpu = time.process_time() - cpu
            await app.workers.wait_for_complete()
            await pilot.pause()
            filled = time.perf_counter() - start
            filled_cpu = time.process_time() - cpu
            print(f"paint_{name} {paint:.4f}", flush=True)
            print(f"rows_{name} {rows if kind == 'katerm' else paint:.4f}", flush=True)
            print(f"filled_{name} {filled:.4f}", flush=True)
            print(f"cpu_rows_{name} {rows_cpu:.4f}", flush=True)
            print(f"cpu_filled_{name} {filled_cpu:.4f}", flush=True)
            print(f"rss_{name} {rss_now():.1f}", flush=True)
            print(f"peak_{name} {peak_rss():.1f}", flush=True)
    print(f"peak_mb {peak_rss():.1f}", flush=True)


def peak_rss() -> float:
    """The process's peak resident memory so far (MB)."""
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def rss_now() -> float:
    """The process's resident memory now (MB; Linux /proc)."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accounts", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--home", type=Path)
    parser.add_argument("--child")
    args = parser.parse_args()
    if args.child:
        asyncio.run(child(args.child))
        return
    home = args.home
    if home is None:
        home = Path(tempfile.mkdtemp(prefix="katerm-bench-screens-"))
        make_demo_database(home, args.accounts)
    print(f"load average at start: {os.getloadavg()[0]:.2f}")
    runs: dict[str, list[dict[str, float]]] = {"bare": [], "katerm": []}
    for _ in range(args.runs):  # interleaved, so both see the same load
        for kind in ("bare", "katerm"):
            runs[kind].append(run_child(HERE, ["--child", kind], home))
    print(f"load average at end:   {os.getloadavg()[0]:.2f}\n")

    def stats(kind: str, key: str) -> tuple[float, float]:
        values = [r[key] for r in runs[kind]]
        return min(values), statistics.median(values)

    print(
        f"{'screen':10} {'paint min/med ms':>17} {'data min/med ms':>16} "
        f"{'filled min/med ms':>18} {'bare paint med':>15} {'data/bare':>9}  goal <= 300 ms"
    )
    for name in NAMES:
        pmin, pmed = stats("katerm", f"paint_{name}")
        rmin, rmed = stats("katerm", f"rows_{name}")
        fmin, fmed = stats("katerm", f"filled_{name}")
        _, bmed = stats("bare", f"paint_{name}")
        print(
            f"{name:10} {pmin * 1000:8.0f} /{pmed * 1000:6.0f}"
            f"  {rmin * 1000:8.0f} /{rmed * 1000:6.0f}"
            f"  {fmin * 1000:9.0f} /{fmed * 1000:6.0f}  {bmed * 1000:13.0f}  {rmed / bmed:8.2f}x"
            f"  {verdict(rmed <= 0.300)}"
        )
    print(f"\n{'process CPU':10} {'to data min/med ms':>19} {'to filled min/med ms':>21}")
    for name in NAMES:
        rmin, rmed = stats("katerm", f"cpu_rows_{name}")
        fmin, fmed = stats("katerm", f"cpu_filled_{name}")
        print(
            f"{name:10} {rmin * 1000:10.0f} /{rmed * 1000:6.0f}"
            f"  {fmin * 1000:12.0f} /{fmed * 1000:6.0f}"
        )
    print(
        f"\n{'memory (MB)':10} {'resident after':>15} {'its increment':>14} {'peak so far':>12}"
        f" {'bare resident':>14}   medians; after each screen is filled"
    )
    previous = 0.0
    for name in ["accounts", *NAMES]:
        _, now = stats("katerm", f"rss_{name}")
        _, peak = stats("katerm", f"peak_{name}")
        _, bare = stats("bare", f"rss_{name}")
        print(f"{name:10} {now:15.0f} {now - previous:+14.0f} {peak:12.0f} {bare:14.0f}")
        previous = now
    kmin, kmed = stats("katerm", "peak_mb")
    _, bmed = stats("bare", "peak_mb")
    print(
        f"\npeak memory after all screens: katerm {kmin:.0f} / {kmed:.0f} MB (min/median), "
        f"bare {bmed:.0f} MB, ratio {kmed / bmed:.2f}x   goal <= 250 MB: {verdict(kmed <= 250)}"
    )


if __name__ == "__main__":
    main()
