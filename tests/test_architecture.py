"""The layering rule: katerm.core never imports Textual (the UI sits on top of the core)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

CORE = Path(__file__).resolve().parents[1] / "katerm" / "core"


def test_no_core_module_mentions_textual_in_an_import():
    offenders = []
    for path in CORE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            if any(n == "textual" or n.startswith(("textual.", "katerm.app")) for n in names):
                offenders.append(f"{path.relative_to(CORE)}:{node.lineno}")
    assert offenders == []


def test_importing_all_of_core_loads_no_textual():
    modules = sorted(
        "katerm.core." + ".".join(p.relative_to(CORE).with_suffix("").parts)
        for p in CORE.rglob("*.py")
        if "migrations" not in p.parts and p.name != "__init__.py"
    )
    code = ("import importlib, sys\n"
            f"for m in {modules!r}: importlib.import_module(m)\n"
            "bad = [m for m in sys.modules if m == 'textual' or m.startswith('textual.')]\n"
            "print(bad); raise SystemExit(1 if bad else 0)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_read_path_of_the_first_screen_does_not_import_sqlalchemy():
    """Showing the accounts list must not pay ~0.4 s for SQLAlchemy and SQLModel."""
    code = ("import sys\n"
            "import katerm.core.listing, katerm.core.accounts, katerm.core.workspace\n"
            "import katerm.core.fields, katerm.core.team\n"
            "bad = [m for m in sys.modules if m.split('.')[0] in "
            "('sqlalchemy', 'sqlmodel', 'pydantic', 'alembic')]\n"
            "print(bad); raise SystemExit(1 if bad else 0)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_core_type_checks(tmp_path):
    """mypy over katerm/core (configured in pyproject.toml) reports nothing."""
    from mypy import api

    root = CORE.parents[1]
    stdout, stderr, status = api.run(["--config-file", str(root / "pyproject.toml"),
                                      "--cache-dir", str(tmp_path / "mypy"), str(CORE)])
    assert status == 0, stdout + stderr


# Calls that read the machine's clock. Only katerm/core/clock.py may make them: everything else
# asks the workspace's one clock, so a pinned clock (tests, KATERM_NOW) gives the same answers
# on any day.
_CLOCK_READS = {("date", "today"), ("datetime", "now"), ("datetime", "utcnow"),
                ("datetime", "today"), ("time", "time"), ("time", "time_ns"),
                ("time", "localtime"), ("time", "gmtime")}


def test_only_the_clock_module_reads_the_time():
    katerm = CORE.parent
    offenders = []
    for path in katerm.rglob("*.py"):
        if path == CORE / "clock.py":
            continue
        text = path.read_text(encoding="utf-8")
        for node in ast.walk(ast.parse(text)):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and isinstance(node.func.value, ast.Name)
                    and (node.func.value.id, node.func.attr) in _CLOCK_READS):
                offenders.append(f"{path.relative_to(katerm)}:{node.lineno}")
            if (isinstance(node, ast.Constant) and isinstance(node.value, str)
                    and "'now'" in node.value.lower()):  # SQLite's datetime('now') and kin
                offenders.append(f"{path.relative_to(katerm)}:{node.lineno} (SQL 'now')")
    assert offenders == []
