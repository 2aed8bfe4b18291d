"""`katerm demo`: fill the database with a realistic demo team and portfolio."""

from __future__ import annotations

import argparse
import contextlib
import shlex
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from katerm.cli.context import CliContext
from katerm.core.demo import DEFAULT_ACCOUNTS, DEFAULT_SEED, MAX_ACCOUNTS
from katerm.i18n import has_key, t


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    demo = sub.add_parser(
        "demo", parents=[common], help=t("demo.help"), description=t("demo.description")
    )
    # Text, not type=int: a bad value gets our own message and exit code 2 (BadInput).
    demo.add_argument(
        "--accounts",
        metavar="N",
        default=str(DEFAULT_ACCOUNTS),
        help=t("demo.opt_accounts", default=DEFAULT_ACCOUNTS, high=f"{MAX_ACCOUNTS:,}"),
    )
    demo.add_argument(
        "--seed",
        metavar="S",
        default=str(DEFAULT_SEED),
        help=t("demo.opt_seed", default=DEFAULT_SEED),
    )
    demo.add_argument("--no-open", action="store_true", help=t("demo.opt_no_open"))
    demo.add_argument("--force", action="store_true", help=t("demo.opt_force"))
    demo.set_defaults(handler=demo_cmd)


def demo_cmd(ctx: CliContext, args: argparse.Namespace) -> int:
    from katerm.core.demo import check_options, generate
    from katerm.i18n.fmt import fmt_int

    count, seed = check_options(args.accounts, args.seed)  # before touching the database
    # The demo in another file leaves the user's settings alone (no config file written).
    ws = ctx.workspace(write_config=not ctx.db_given)

    def backed_up(path: Path) -> None:
        ctx.warn(t("demo.backup_written", path=str(path)))

    with _progress_bar(ctx) as progress:
        summary = generate(
            ws,
            accounts=count,
            seed=seed,
            lang=ctx.lang,
            progress=progress,
            force=args.force,
            on_backup=backed_up,
        )
    ctx.say(t("demo.done", path=str(summary.path)))
    ctx.say(
        t(
            "demo.summary",
            members=summary.members,
            accounts=fmt_int(summary.accounts),
            contacts=fmt_int(summary.contacts),
            seconds=f"{summary.seconds:.1f}",
            seed=summary.seed,
        )
    )
    # The app only on a terminal: from a script, a pipe or CI it wrote its escape codes into
    # the output and never returned.
    if args.no_open or not _on_terminal(ctx):
        if ctx.db_given:
            ctx.say(t("demo.open_hint_db", db=shlex.quote(str(summary.path))))
        else:
            ctx.say(t("demo.open_hint"))
        return 0
    from katerm.cli.tui_cmd import run_tui

    return run_tui(ctx, args)


def _on_terminal(ctx: CliContext) -> bool:
    """Whether the user can see and drive a full-screen app: stdin and stdout terminals."""
    streams = (sys.stdin, ctx.out)
    return all(s is not None and hasattr(s, "isatty") and s.isatty() for s in streams)


@contextlib.contextmanager
def _progress_bar(ctx: CliContext) -> Iterator[Callable[[int, int, str], None]]:
    """A bar per stage on stderr (only on a terminal: logs get the summary alone)."""
    if not (hasattr(ctx.err, "isatty") and ctx.err.isatty()):
        yield lambda done, total, stage: None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TaskID,
        TextColumn,
        TimeElapsedColumn,
    )

    bar = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(file=ctx.err),
        transient=True,
    )
    tasks: dict[str, TaskID] = {}

    def show(done: int, total: int, stage: str) -> None:
        if stage not in tasks:
            key = f"demo.stage.{stage}"
            tasks[stage] = bar.add_task(t(key) if has_key(key) else stage, total=total)
        bar.update(tasks[stage], completed=done, total=total)

    with bar:
        yield show
