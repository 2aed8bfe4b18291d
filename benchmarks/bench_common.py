"""Pieces every benchmark script shares: the verdict word, a demo database, and a child
process that prints ``name value`` figures (benchmarks time the app in a fresh process)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def make_demo_database(home: Path, accounts: int, seed: int = 7) -> None:
    """``katerm demo`` with ``accounts`` accounts into ``KATERM_HOME=home``."""
    env = {**os.environ, "KATERM_HOME": str(home)}
    demo = subprocess.run(
        [
            sys.executable,
            "-m",
            "katerm",
            "demo",
            "--accounts",
            str(accounts),
            "--no-open",
            "--seed",
            str(seed),
        ],
        env=env,
        capture_output=True,
        text=True,
    )
    if demo.returncode != 0:
        raise SystemExit(f"could not build the demo database:\n{demo.stderr}")


def run_child(
    script: Path, args: list[str], home: Path, env: dict[str, str] | None = None
) -> dict[str, float]:
    """Run ``script args`` with ``KATERM_HOME=home``; its stdout lines ``name value`` as a dict."""
    full_env = {**os.environ, "KATERM_HOME": str(home), **(env or {})}
    out = subprocess.run(
        [sys.executable, str(script), *args],
        env=full_env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if out.returncode != 0:
        raise SystemExit(out.stderr)
    figures = {}
    for line in out.stdout.splitlines():
        key, _, value = line.partition(" ")
        figures[key] = float(value)
    return figures
