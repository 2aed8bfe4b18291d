"""Column mapping: which of a file's columns feeds which katerm field, and how its values read.

A team leaving another CRM imports that CRM's export as it is: a **profile** names, per kind,
the export's headers (``"Billing City" = "region"``, ``"Account ID" = ""`` to leave a column
out) and translates its values (Salesforce's ``Type = "Customer - Direct"`` is the lifecycle
``customer``; ``Stage = "Closed Lost"`` sets the outcome too). Profiles are TOML files:
katerm ships some (``katerm/core/data/profiles``: salesforce, hubspot, twenty, fxiaoke
(纷享销客), xiaoshouyi (销售易)) and a team keeps its own in the config folder
(``profiles/<name>.toml``), which wins over a shipped one of the same name. ``--map
"Billing City=region"`` adds to or overrides the profile for one import.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from katerm.core.errors import BadInput

SHIPPED = Path(__file__).resolve().parent.parent / "data" / "profiles"
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,40}$")
SKIP = ""  # a column mapped to nothing is left out of the import
DATE_ORDERS = ("year_first", "month_first", "day_first")
# 12/31/2026, 31.12.2026, with or without a time of day after it.
_SLASHED = re.compile(
    r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})"
    r"(?:\s+[\d:]+(?:\s*[AaPp][Mm])?)?\s*$"
)


def reorder_date(value: Any, order: str) -> Any:
    """A month-first (12/31/2026) or day-first (31.12.2026) date as ISO text, as the
    profile says the system writes them; anything else is left for the date rule."""
    if order == "year_first" or type(value) is not str:
        return value
    match = _SLASHED.match(value)
    if match is None:
        return value
    first, second, year = match.groups()
    month, day = (first, second) if order == "month_first" else (second, first)
    return f"{year}-{int(month):02d}-{int(day):02d}"


@dataclass(frozen=True)
class Profile:
    """What a profile says about one kind of file."""

    name: str
    columns: dict[str, str] = field(default_factory=dict)  # header -> column ("" skips)
    values: dict[str, dict[str, Any]] = field(default_factory=dict)  # column -> value map
    dates: str = "year_first"  # or "month_first" (12/31/2026), "day_first" (31/12/2026)


def profile_dir(config_dir: Path) -> Path:
    return config_dir / "profiles"


def available(config_dir: Path | None = None) -> list[str]:
    """Every profile name: shipped ones and the team's own."""
    names = {p.stem for p in SHIPPED.glob("*.toml")}
    if config_dir is not None and profile_dir(config_dir).is_dir():
        names |= {p.stem for p in profile_dir(config_dir).glob("*.toml")}
    return sorted(names)


def load_profile(name: str, kind: str, config_dir: Path | None = None) -> Profile:
    """The profile called ``name`` for ``kind`` (the team's own before a shipped one)."""
    if not _NAME.match(name):
        raise BadInput("io.err.bad_profile_name", value=name)
    candidates = [SHIPPED / f"{name}.toml"]
    if config_dir is not None:
        candidates.insert(0, profile_dir(config_dir) / f"{name}.toml")
    path = next((p for p in candidates if p.is_file()), None)
    if path is None:
        raise BadInput(
            "io.err.unknown_profile",
            hint="io.err.unknown_profile_hint",
            value=name,
            choices=tuple(available(config_dir)),
        )
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise BadInput("io.err.bad_profile", path=str(path), detail=str(exc)) from None
    section = data.get(kind, {})
    if not isinstance(section, dict):
        raise BadInput("io.err.bad_profile", path=str(path), detail=kind)
    columns = {str(k): str(v) for k, v in dict(section.get("columns", {})).items()}
    values = {
        str(k): dict(v) for k, v in dict(section.get("values", {})).items() if isinstance(v, dict)
    }
    dates = str(data.get("dates", "year_first"))
    if dates not in DATE_ORDERS:
        raise BadInput("io.err.bad_profile", path=str(path), detail=f"dates = {dates!r}")
    return Profile(name, columns, values, dates)


def parse_maps(items: Iterable[str]) -> dict[str, str]:
    """``--map "Billing City=region"`` options as header -> column (``"Legacy="`` skips)."""
    found: dict[str, str] = {}
    for item in items:
        header, sep, target = item.partition("=")
        if not sep or not header.strip():
            raise BadInput("io.err.bad_map", value=item)
        found[header.strip()] = target.strip()
    return found


def normalize_mapping(kind: str, columns: Mapping[str, str]) -> dict[str, tuple[str, float]]:
    """The user's mapping as matching uses it: the header (case ignored) -> (column, factor).

    A target may be any name katerm accepts for the column (``年销售额（万元）`` too); an
    empty target leaves the column out. An unknown target is refused at once.
    """
    from katerm.core.io.columns import IGNORED, column_names, match_header

    found: dict[str, tuple[str, float]] = {}
    for header, target in columns.items():
        if not target or target == "-":
            found[header.strip().casefold()] = (SKIP, 1.0)
            continue
        name, scale = match_header(kind, target)
        if name is None or name == IGNORED:
            raise BadInput(
                "io.err.bad_map_target",
                value=target,
                header=header,
                known=tuple(column_names(kind)),
            )
        found[header.strip().casefold()] = (name, scale)
    return found


def save_profile(config_dir: Path, name: str, kind: str, columns: Mapping[str, str]) -> Path:
    """Keep a mapping as the team's profile ``name`` (other kinds in it are kept)."""
    import tomli_w

    if not _NAME.match(name):
        raise BadInput("io.err.bad_profile_name", value=name)
    folder = profile_dir(config_dir)
    path = folder / f"{name}.toml"
    data: dict[str, Any] = {}
    if path.is_file():
        try:
            with path.open("rb") as fh:
                data = tomllib.load(fh)
        except (OSError, tomllib.TOMLDecodeError):
            data = {}
    section = dict(data.get(kind, {}))
    merged = {**dict(section.get("columns", {})), **dict(columns)}
    section["columns"] = merged
    data[kind] = section
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path.write_text(tomli_w.dumps(data), encoding="utf-8")
    except OSError as exc:
        raise BadInput(
            "io.err.cannot_write", path=str(path), detail=exc.strerror or str(exc)
        ) from None
    return path


def translate(values: dict[str, Any], maps: Mapping[str, Mapping[str, Any]]) -> None:
    """Apply a profile's value maps to one row's values (by column, case ignored): a
    translation is a value, or a table of several columns' values."""
    for column, table in maps.items():
        if column not in values:
            continue
        raw = values[column]
        key = ("" if raw is None else str(raw)).strip().casefold()
        if key not in table:
            continue
        target = table[key]
        if isinstance(target, dict):
            values.update(target)
        else:
            values[column] = target


def folded(maps: Mapping[str, Mapping[str, Any]]) -> dict[str, dict[str, Any]]:
    """Value maps with their keys case-folded, as :func:`translate` looks them up."""
    return {
        column: {str(k).strip().casefold(): v for k, v in table.items()}
        for column, table in maps.items()
    }
