"""The rules that keep katerm's layout: the core never imports Textual, features meet only
through their public faces, one clock, no big modules, styles in .tcss files, no SQL in the app.

The import layers and the absence of cycles are import-linter's (``lint-imports``, configured
in pyproject.toml); .ci/run runs it, mypy and ruff before these tests.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

KATERM = Path(__file__).resolve().parents[1] / "katerm"
CORE = KATERM / "core"
APP = KATERM / "app"
MAX_LINES = 400


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
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "bad = [m for m in sys.modules if m == 'textual' or m.startswith('textual.')]\n"
        "print(bad); raise SystemExit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_read_path_of_the_first_screen_does_not_import_sqlalchemy():
    """Showing the accounts list must not pay ~0.4 s for SQLAlchemy and SQLModel."""
    code = (
        "import sys\n"
        "import katerm.core.accounts.listing, katerm.core.accounts.read\n"
        "import katerm.core.workspace\n"
        "import katerm.core.fields, katerm.core.team\n"
        "import katerm.app.app, katerm.app.accounts.screen\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in "
        "('sqlalchemy', 'sqlmodel', 'pydantic', 'alembic')]\n"
        "print(bad); raise SystemExit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_katerm_type_checks(tmp_path):
    """mypy over all of katerm (configured in pyproject.toml) reports nothing."""
    from mypy import api

    root = KATERM.parent
    stdout, stderr, status = api.run(
        [
            "--config-file",
            str(root / "pyproject.toml"),
            "--cache-dir",
            str(tmp_path / "mypy"),
            str(KATERM),
        ]
    )
    assert status == 0, stdout + stderr


# Calls that read the machine's clock. Only katerm/core/clock.py may make them: everything else
# asks the workspace's one clock, so a pinned clock (tests, KATERM_NOW) gives the same answers
# on any day.
_CLOCK_READS = {
    ("date", "today"),
    ("datetime", "now"),
    ("datetime", "utcnow"),
    ("datetime", "today"),
    ("time", "time"),
    ("time", "time_ns"),
    ("time", "localtime"),
    ("time", "gmtime"),
}


def test_only_the_clock_module_reads_the_time():
    katerm = CORE.parent
    offenders = []
    for path in katerm.rglob("*.py"):
        if path == CORE / "clock.py":
            continue
        text = path.read_text(encoding="utf-8")
        for node in ast.walk(ast.parse(text)):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name)
                and (node.func.value.id, node.func.attr) in _CLOCK_READS
            ):
                offenders.append(f"{path.relative_to(katerm)}:{node.lineno}")
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and "'now'" in node.value.lower()
            ):  # SQLite's datetime('now') and kin
                offenders.append(f"{path.relative_to(katerm)}:{node.lineno} (SQL 'now')")
    assert offenders == []


def _modules(root: Path) -> list[tuple[Path, str, ast.Module]]:
    out = []
    for path in sorted(root.rglob("*.py")):
        name = ".".join(path.relative_to(KATERM.parent).with_suffix("").parts)
        out.append((path, name.removesuffix(".__init__"), ast.parse(path.read_text("utf-8"))))
    return out


# Packages whose modules others import directly, each for its reason: the store's schema and
# migrations are loaded only when needed (SQLModel is slow to import), and sync's modules load
# psycopg and SQLAlchemy only when a sync runs, so its package has no face to import them all.
_OPEN = {
    "katerm.core.store.models": ("katerm.core.sync",),
    "katerm.core.store.migrations": ("katerm.core.sync",),
    "katerm.core.sync": ("katerm",),
}


def test_features_meet_only_through_their_public_faces():
    """Outside a core feature (other features, the app, the CLI), only its package is imported:
    ``from katerm.core.pyramid import compute``, never ``katerm.core.pyramid.read``."""
    features = {f"katerm.core.{p.parent.name}" for p in CORE.glob("*/__init__.py")}
    offenders = []
    for path, name, tree in _modules(KATERM):
        for node in ast.walk(tree):
            targets: list[str] = []
            if isinstance(node, ast.ImportFrom) and node.module and not node.level:
                targets.append(node.module)
                if node.module in features:  # ``from katerm.core.pyramid import read``
                    base = KATERM.parent / Path(*node.module.split("."))
                    targets += [
                        f"{node.module}.{a.name}"
                        for a in node.names
                        if (base / f"{a.name}.py").exists() or (base / a.name).is_dir()
                    ]
            elif isinstance(node, ast.Import):
                targets += [a.name for a in node.names]
            for target in targets:
                feature = next((f for f in features if target.startswith(f + ".")), None)
                if feature is None or name == feature or name.startswith(feature + "."):
                    continue
                allowed = next(
                    (
                        who
                        for pkg, who in _OPEN.items()
                        if target == pkg or target.startswith(pkg + ".")
                    ),
                    (),
                )
                if any(name == w or name.startswith(w + ".") for w in allowed):
                    continue
                offenders.append(f"{path.relative_to(KATERM)}:{node.lineno} imports {target}")
    assert offenders == []


def test_no_module_is_over_400_lines():
    big = [
        f"{p.relative_to(KATERM)}: {n}"
        for p in sorted(KATERM.rglob("*.py"))
        if (n := len(p.read_text("utf-8").splitlines())) > MAX_LINES
    ]
    assert big == []


_HEX = re.compile(r":[^;{}]*#[0-9a-fA-F]{3,8}\b")


def test_styles_live_in_tcss_files_with_theme_colours_only():
    """Every widget and screen reads its styles from a .tcss file beside it; the files use
    theme variables ($primary, $panel...), never hex colours, so every theme applies."""
    inline = []
    for path, _, tree in _modules(APP):
        for node in ast.walk(tree):
            styles = isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id in ("DEFAULT_CSS", "CSS") for t in node.targets
            )
            if styles and not (
                isinstance(node.value, ast.Call) and getattr(node.value.func, "id", "") == "tcss"
            ):
                inline.append(f"{path.relative_to(KATERM)}:{node.lineno}")
    assert inline == []
    coloured = [
        f"{p.relative_to(KATERM)}: {m.group(0)}"
        for p in APP.rglob("*.tcss")
        for m in _HEX.finditer(p.read_text("utf-8"))
    ]
    assert coloured == []


_SQL = re.compile(r"^\s*(select|insert|update|delete|with|pragma)\s", re.IGNORECASE)


def test_the_app_asks_the_core_for_data():
    """No SQL and no database access in katerm/app: screens call core functions that return
    plain data."""
    offenders = []
    for path, _, tree in _modules(APP):
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and _SQL.match(node.value)
            ):
                offenders.append(f"{path.relative_to(KATERM)}:{node.lineno} SQL")
            if isinstance(node, ast.Attribute) and node.attr in (
                "reading",
                "writing",
                "execute",
                "session",
            ):
                offenders.append(f"{path.relative_to(KATERM)}:{node.lineno} .{node.attr}")
    assert offenders == []
