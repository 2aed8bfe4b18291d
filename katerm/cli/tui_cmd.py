"""`katerm` with no subcommand: open the TUI on the user's database."""

from __future__ import annotations

import argparse

from katerm.cli.context import CliContext


def run_tui(ctx: CliContext, args: argparse.Namespace) -> int:
    from katerm.app import run

    return run(ctx.workspace(), lang=ctx.lang)
