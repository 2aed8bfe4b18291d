"""TUI responsiveness on 100,000 accounts, against a bare Textual app measured in the same run.

    python benchmarks/bench_tui.py [--accounts 100000] [--runs 3] [--home DIR]

Prints: time to first screen (process start -> accounts visible), time per cursor keypress,
time from a search keystroke to the repainted result, and peak memory; each with the same
figure for a bare Textual app showing one DataTable of 100 rows, and the ratio.
Targets (2-core machine, issue 19): first screen <= 0.8 s and <= 2.0x bare; keypress <= 30 ms;
search keystroke <= 50 ms; peak memory <= 250 MB. Min and median of ``--runs`` runs.
``--home`` reuses an existing ``KATERM_HOME`` (e.g. a 100k demo built once).
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


# --- the two apps, run in child processes ----------------------------------------------------


def bare_app():  # type: ignore[no-untyped-def]
    from textual.app import App
    from textual.widgets import DataTable, Footer, Header, Input

    class Bare(App):
        def compose(self):  # type: ignore[no-untyped-def]
            yield Header()
            yield Input()
            yield DataTable()
            yield Footer()

        def on_mount(self) -> None:
            table = self.query_one(DataTable)
            table.add_columns(*"abcdefgh")
            for i in range(100):
                table.add_row(*[f"cell {i}-{j}" for j in range(8)])
            table.focus()

        def ready(self) -> bool:
            return self.query_one(DataTable).row_count > 0

    return Bare()


def katerm_app():  # type: ignore[no-untyped-def]
    from katerm.app import create_app
    from katerm.core.workspace import open_workspace
    from katerm.paths import resolve_paths

    app = create_app(open_workspace(resolve_paths()))
    app.ready = lambda: bool(getattr(app.screen, "view", None) and app.screen.view.order)
    return app


def child_first_screen(kind: str, t0: float) -> None:
    """Run headless and print seconds from process start to the first screen with rows."""
    app = bare_app() if kind == "bare" else katerm_app()

    def poll() -> None:
        if app.ready():
            timer.stop()
            app.call_after_refresh(done)

    def done() -> None:
        print(f"first_screen {time.time() - t0:.4f}", flush=True)
        # CPU the process used to get there (user + sys, all threads): less noisy under load
        print(f"first_cpu {time.process_time():.4f}", flush=True)
        app.exit()

    def start() -> None:
        global timer
        timer = app.set_interval(0.002, poll)

    app.call_later(start)
    app.run(headless=True, size=(120, 40))


class FrameWatch:
    """Resolves when the app hands its next rendered frame to the terminal.

    Headless apps render frames but skip writing them, so this wraps ``App._display``, which
    receives every finished frame (the compositor's update) in both modes.
    """

    def __init__(self, app) -> None:  # type: ignore[no-untyped-def]
        self.event = asyncio.Event()
        original = app._display

        def display(screen, renderable) -> None:  # type: ignore[no-untyped-def]
            original(screen, renderable)
            if renderable is not None:
                self.event.set()

        app._display = display
        self.driver = app._driver

    async def after(self, send) -> float:  # type: ignore[no-untyped-def]
        """Seconds from ``send()`` to the next frame written."""
        await asyncio.sleep(0.03)  # let any earlier frame go out first
        self.event.clear()
        start = time.perf_counter()
        send()
        await self.event.wait()
        return time.perf_counter() - start


async def child_interaction(kind: str) -> None:
    """Key-to-frame and search-to-frame latency, then peak memory."""
    import resource

    from textual import events

    app = bare_app() if kind == "bare" else katerm_app()
    async with app.run_test(size=(120, 40)) as pilot:
        while not app.ready():
            await pilot.pause(0.01)
        if kind == "katerm":  # wait for the full index (pinyin included), as a user would
            while getattr(app.screen, "index", None) is None or not app.screen.index.has_initials:
                await pilot.pause(0.01)
            await app.workers.wait_for_complete()
        watch = FrameWatch(app)
        table = app.screen.query_one("LazyTable" if kind == "katerm" else "DataTable")
        table.focus()
        await pilot.pause()

        def key(name: str):  # type: ignore[no-untyped-def]
            return lambda: watch.driver.send_message(events.Key(name, None))

        times = [await watch.after(key("down" if i % 20 < 15 else "up")) for i in range(60)]
        print(f"keypress {statistics.median(times):.5f}", flush=True)

        search = app.screen.query_one("Input")
        searches, search_cpus = [], []
        for text in ("上", "上海", "上海明", "b", "bj", "n", "no", "nor", "shmz"):
            search.value = text[:-1]
            await pilot.pause(0.05)
            await app.workers.wait_for_complete()
            await pilot.pause(0.05)
            start, start_cpu = time.perf_counter(), time.process_time()
            search.value = text  # what typing the last character does
            if kind == "katerm":
                screen = app.screen
                # done when the result for this text is on screen
                while True:
                    watch.event.clear()
                    await watch.event.wait()
                    shown = screen.shown_query
                    if shown is not None and shown.text == text:
                        break
            else:
                watch.event.clear()
                await watch.event.wait()
            searches.append(time.perf_counter() - start)
            search_cpus.append(time.process_time() - start_cpu)
        print(f"search {statistics.median(searches):.5f}", flush=True)
        print(f"search_cpu {statistics.median(search_cpus):.5f}", flush=True)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak_mb {rss:.1f}", flush=True)


# --- the parent: data, runs, report ------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accounts", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--home", type=Path)
    parser.add_argument("--child", nargs=2, metavar=("WHAT", "KIND"))
    args = parser.parse_args()
    if args.child:
        what, kind = args.child
        if what == "first":
            child_first_screen(kind, float(os.environ["BENCH_T0"]))
        else:
            asyncio.run(child_interaction(kind))
        return

    home = args.home
    if home is None:
        home = Path(tempfile.mkdtemp(prefix="katerm-bench-tui-"))
        started = time.perf_counter()
        make_demo_database(home, args.accounts)
        print(f"demo database: {args.accounts:,} accounts in {time.perf_counter() - started:.1f} s")
    print(f"load average at start: {os.getloadavg()[0]:.2f}")

    def child(*what: str) -> dict[str, float]:  # BENCH_T0: when the child was asked to start
        return run_child(HERE, ["--child", *what], home, {"BENCH_T0": repr(time.time())})

    firsts: dict[str, list[float]] = {"bare": [], "katerm": []}
    cpus: dict[str, list[float]] = {"bare": [], "katerm": []}
    inters: dict[str, list[dict[str, float]]] = {"bare": [], "katerm": []}
    for _ in range(args.runs):  # interleaved, so both see the same load
        for kind in ("bare", "katerm"):
            figures = child("first", kind)
            firsts[kind].append(figures["first_screen"])
            cpus[kind].append(figures["first_cpu"])
            inters[kind].append(child("interact", kind))
    print(f"load average at end:   {os.getloadavg()[0]:.2f}")
    for kind in ("katerm", "bare"):
        print(
            f"  {kind:6} all runs: first screen {[round(v * 1000) for v in firsts[kind]]} ms "
            f"(CPU {[round(v * 1000) for v in cpus[kind]]} ms), "
            f"search {[round(r['search'] * 1000, 1) for r in inters[kind]]} ms "
            f"(CPU {[round(r['search_cpu'] * 1000, 1) for r in inters[kind]]} ms), "
            f"peak {[round(r['peak_mb']) for r in inters[kind]]} MB"
        )
        print(
            f"  {kind:6} min: first screen {min(firsts[kind]) * 1000:.0f} ms, "
            f"search {min(r['search'] for r in inters[kind]) * 1000:.1f} ms"
        )
    first = {kind: statistics.median(values) for kind, values in firsts.items()}
    inter = {
        kind: {key: statistics.median(r[key] for r in runs) for key in runs[0]}
        for kind, runs in inters.items()
    }
    print("medians:")

    k, b = first["katerm"], first["bare"]
    print(
        f"\nfirst screen      katerm {k * 1000:7.0f} ms   bare {b * 1000:7.0f} ms   "
        f"ratio {k / b:4.2f}x   target <= 800 ms and <= 2.0x: "
        f"{verdict(k <= 0.8 and k / b <= 2.0)}"
    )
    kc, bc = statistics.median(cpus["katerm"]), statistics.median(cpus["bare"])
    print(
        f"  its CPU         katerm {kc * 1000:7.0f} ms   bare {bc * 1000:7.0f} ms   "
        f"ratio {kc / bc:4.2f}x   (user + sys of the process, less noisy under load)"
    )
    kk, kb = inter["katerm"]["keypress"], inter["bare"]["keypress"]
    print(
        f"cursor keypress   katerm {kk * 1000:7.1f} ms   bare {kb * 1000:7.1f} ms   "
        f"ratio {kk / kb:4.2f}x   target <= 30 ms: {verdict(kk <= 0.030)}"
    )
    sk, sb = inter["katerm"]["search"], inter["bare"]["search"]
    print(
        f"search keystroke  katerm {sk * 1000:7.1f} ms   bare {sb * 1000:7.1f} ms   "
        f"ratio {sk / sb:4.2f}x   target <= 50 ms: {verdict(sk <= 0.050)}"
    )
    sk, sb = inter["katerm"]["search_cpu"], inter["bare"]["search_cpu"]
    print(f"  its CPU         katerm {sk * 1000:7.1f} ms   bare {sb * 1000:7.1f} ms")
    mk, mb = inter["katerm"]["peak_mb"], inter["bare"]["peak_mb"]
    print(
        f"peak memory       katerm {mk:7.0f} MB   bare {mb:7.0f} MB   "
        f"ratio {mk / mb:4.2f}x   target <= 250 MB: {verdict(mk <= 250)}"
    )


if __name__ == "__main__":
    main()
