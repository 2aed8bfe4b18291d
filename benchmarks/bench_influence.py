"""Influence map responsiveness on an account with 300 people, against a bare Textual Tree of
300 nodes measured in the same run.

    python benchmarks/bench_influence.py [--people 300] [--runs 3]

Prints, for katerm and for a bare app showing a Textual ``Tree`` of the same size:
* first open: from the key that shows the map (katerm: mode 3, the first time in the
  session, so the screen's imports and its styles' first parse count) to the tree drawn with
  every person;
* open an account: the map of another account, then this one (the screen exists: the data
  is read, the warnings worked out and the tree drawn);
* key (pilot): median time of a cursor key (Down/Up) through the test pilot, which also
  waits for the whole process to go idle (in 20 ms steps);
* key, drawn: median time from the key event to every message handled and the frame drawn.
Targets (2-core machine): an account opens in <= 300 ms, a key moves the selection in
<= 30 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_common import run_child, verdict

HERE = Path(__file__).resolve()
BIG = "Bench Big Account Ltd."


# --- the data ---------------------------------------------------------------------------------


def make_database(home: Path, people: int) -> None:
    """A demo team and portfolio, plus one account with ``people`` contacts in a deep tree."""
    env = {**os.environ, "KATERM_HOME": str(home)}
    demo = subprocess.run(
        [sys.executable, "-m", "katerm", "demo", "--no-open", "--seed", "7"],
        env=env,
        capture_output=True,
        text=True,
    )
    if demo.returncode != 0:
        raise SystemExit(f"could not build the demo database:\n{demo.stderr}")
    os.environ["KATERM_HOME"] = str(home)
    from katerm.core import store
    from katerm.core.accounts.edit import save_account
    from katerm.core.roles import keys_of
    from katerm.core.workspace import open_workspace
    from katerm.paths import resolve_paths

    ws = open_workspace(resolve_paths())
    rng = random.Random(7)
    account = save_account(ws, None, {"name": BIG, "tier": "A"})
    with ws.db.reading() as conn:
        team = [r[0] for r in conn.execute("SELECT id FROM users")]
    ids = store.new_ids(people)
    changes = []
    for n, contact in enumerate(ids):
        boss = ids[rng.randrange(max(1, n // 3 + 1))] if n else None
        changes.append(
            store.Change(
                contact,
                {
                    "account_id": account,
                    "name": f"Person {n:03d} 王{n}",
                    "title": "Manager",
                    "reports_to": boss if boss != contact else None,
                    "role": rng.choice(("", *keys_of("role"))),
                    "influence": rng.choice(keys_of("influence")),
                    "attitude": rng.choice(keys_of("attitude")),
                    "covered_by": rng.choice((None, *team)),
                    "rising_star": rng.random() < 0.05,
                },
                new=True,
            )
        )
    lines = [
        store.Change(
            None,
            {
                "account_id": account,
                "from_contact_id": rng.choice(ids),
                "to_contact_id": rng.choice(ids),
                "strength": "strong",
            },
            new=True,
        )
        for _ in range(people // 10)
    ]
    lines = [c for c in lines if c.values["from_contact_id"] != c.values["to_contact_id"]]
    with ws.db.writing() as conn:
        store.apply(conn, "contacts", changes, actor_id=ws.me.id)
        store.apply(conn, "influence_lines", lines, actor_id=ws.me.id)
    ws.close()


# --- the two apps, run in child processes -----------------------------------------------------


def bare_app(people: int):  # type: ignore[no-untyped-def]
    from textual.app import App
    from textual.screen import Screen
    from textual.widgets import Footer, Header, Tree

    class TreeScreen(Screen):
        def compose(self):  # type: ignore[no-untyped-def]
            yield Header()
            yield Tree("Account", id="tree")
            yield Footer()

        def on_mount(self) -> None:
            tree = self.query_one(Tree)
            rng = random.Random(7)
            nodes = [tree.root]
            for n in range(people):
                parent = nodes[rng.randrange(max(1, n // 3 + 1))]
                node = parent.add(f"Person {n:03d} 王{n}  Manager  DM  ●●○  @seller", expand=True)
                nodes.append(node)
            tree.root.expand()
            tree.focus()

    class Bare(App):
        MODES = {"list": Screen, "tree": TreeScreen}

        def on_mount(self) -> None:
            self.switch_mode("list")

        def rows(self) -> int:
            found = self.screen.query("#tree")
            return found.first().last_line + 1 if found else 0

    return Bare()


def katerm_app():  # type: ignore[no-untyped-def]
    from katerm.app import create_app
    from katerm.core.workspace import open_workspace
    from katerm.paths import resolve_paths

    app = create_app(open_workspace(resolve_paths()))

    def rows() -> int:
        from katerm.app.influence.tree import InfluenceTree

        found = app.screen.query(InfluenceTree)
        return found.first().row_count if found else 0

    app.rows = rows
    return app


async def child(kind: str, people: int) -> None:
    app = bare_app(people) if kind == "bare" else katerm_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.5)
        await app.workers.wait_for_complete()
        big = other = None
        if kind == "katerm":
            from katerm.core.accounts.lookup import resolve_account

            with app.ws.db.reading() as conn:
                big = resolve_account(conn, BIG)[0]
                other = conn.execute(
                    "SELECT id FROM accounts WHERE name != ? LIMIT 1", (BIG,)
                ).fetchone()[0]
            app.current_account_id = big

        async def shown(count: int) -> None:
            """Every row there, every pending message handled, and the frame drawn."""
            while app.rows() < count:
                await asyncio.sleep(0.001)
            await pilot._wait_for_screen()
            app.screen._on_timer_update()  # paint now, as the next refresh would

        start = time.perf_counter()
        if kind == "katerm":
            await pilot.press("3")
        else:
            app.switch_mode("tree")
        await shown(people)
        print(f"open {time.perf_counter() - start:.5f}", flush=True)

        reopen = []
        for _ in range(3):
            if kind == "katerm":
                app.current_account_id = other
                while app.rows() >= people:
                    await asyncio.sleep(0.001)
                await pilot.pause()
                start = time.perf_counter()
                app.current_account_id = big
            else:
                app.switch_mode("list")
                await pilot.pause()
                start = time.perf_counter()
                app.switch_mode("tree")
            await shown(people)
            reopen.append(time.perf_counter() - start)
        print(f"reopen {statistics.median(reopen):.5f}", flush=True)
        await pilot.pause(0.3)
        await app.workers.wait_for_complete()
        times = []
        for i in range(60):
            start = time.perf_counter()
            await pilot.press("down" if i % 20 < 15 else "up")
            times.append(time.perf_counter() - start)
        print(f"keypress {statistics.median(times):.5f}", flush=True)
        # The same keys without the pilot's wait for the whole process to go idle (20 ms
        # steps): from the key event to every message handled and the frame drawn.
        from textual import events

        times = []
        for i in range(60):
            start = time.perf_counter()
            app.post_message(events.Key("down" if i % 20 < 15 else "up", None))
            await pilot._wait_for_screen()
            app.screen._on_timer_update()
            times.append(time.perf_counter() - start)
            await asyncio.sleep(0.03)  # a fast typist's pace, so timers can run as they would
        print(f"key_drawn {statistics.median(times):.5f}", flush=True)


# --- the parent: data, runs, report ------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=300)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--child", metavar="KIND")
    args = parser.parse_args()
    if args.child:
        asyncio.run(child(args.child, args.people))
        return

    home = Path(tempfile.mkdtemp(prefix="katerm-bench-influence-"))
    started = time.perf_counter()
    make_database(home, args.people)
    print(
        f"database: demo + one account with {args.people} people "
        f"in {time.perf_counter() - started:.1f} s"
    )
    runs = {
        kind: [
            run_child(HERE, ["--child", kind, "--people", str(args.people)], home)
            for _ in range(args.runs)
        ]
        for kind in ("bare", "katerm")
    }
    figure = {
        kind: {key: statistics.median(r[key] for r in found) for key in found[0]}
        for kind, found in runs.items()
    }
    k, b = figure["katerm"], figure["bare"]
    print()
    for key, label, target in (
        ("open", "first open      ", 0.300),
        ("reopen", "open an account ", 0.300),
        ("keypress", "key (pilot)     ", 0.030),
        ("key_drawn", "key, drawn      ", 0.030),
    ):
        print(
            f"{label} katerm {k[key] * 1000:7.1f} ms   bare {b[key] * 1000:7.1f} ms   "
            f"ratio {k[key] / b[key]:4.2f}x   target <= {target * 1000:.0f} ms: "
            f"{verdict(k[key] <= target)}"
        )


if __name__ == "__main__":
    main()
