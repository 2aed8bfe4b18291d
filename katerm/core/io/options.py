"""How an import reads and applies a file: the command line's and the import screen's
choices, as one value every step of an import is given."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from katerm.core.io.guard import DEFAULT_MAX_SIZE


@dataclass(frozen=True)
class Options:
    """How to read and apply a file (the command line's options)."""

    dry_run: bool = False
    encoding: str | None = None
    add_owners: bool = False  # add logins the team lacks, instead of refusing the rows
    max_size: int = DEFAULT_MAX_SIZE
    columns: dict[str, str] = field(default_factory=dict)  # file header -> column ("" skips)
    skip_unknown: bool = False  # leave out columns katerm does not know, and say which
    # A profile's value translations: column -> {file value -> katerm value, or several
    # columns' values} (Salesforce's "Closed Lost" stage sets the outcome too).
    values: dict[str, dict[str, Any]] = field(default_factory=dict)
    dates: str = "year_first"  # how the file writes dates: month_first for 12/31/2026
