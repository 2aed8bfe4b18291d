"""What an import says back: the problems found (with line and column) and what it did."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from katerm.core.errors import BadInput
from katerm.i18n import t

# ``progress(done, total)``, called as rows are checked and written.
Progress = Callable[[int, int], object]


@dataclass
class Problem:
    """One thing wrong with the file: where (line and column as the file shows them) and what.

    ``line`` is the physical line (header = 1) or the sheet's row number; None for the file
    as a whole. The message is rendered when asked for, in the current interface language.
    """

    path: str
    line: int | None
    column: str | None
    key: str
    params: dict[str, Any] = field(default_factory=dict)
    field: str | None = None  # the canonical column, when the problem is about one

    @property
    def message(self) -> str:
        return t(self.key, **self.params)

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return (
            f"{where}: {self.column}: {self.message}" if self.column else f"{where}: {self.message}"
        )


class ImportFailed(BadInput):
    """The file has problems (listed in ``problems``, in file order); nothing was written."""

    def __init__(
        self, path: str, problems: list[Problem], unknown_owners: list[str] | None = None
    ) -> None:
        lines = {(p.path, p.line) for p in problems if p.line is not None}
        super().__init__(
            "io.err.failed",
            hint="io.err.failed_hint",
            path=path,
            count=len(problems),
            lines=len(lines),
        )
        self.problems = problems
        self.unknown_owners = unknown_owners or []


@dataclass
class ImportReport:
    """What an import did (or, for a dry run, would do)."""

    kind: str
    path: str
    format: str
    encoding: str | None
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    restored: int = 0  # deleted records the file brought back (not counted in ``updated``)
    new_members: list[str] = field(default_factory=list)  # logins added to my team
    dry_run: bool = False
    ignored_columns: list[str] = field(default_factory=list)  # row counters such as 序号
    skipped_columns: list[str] = field(default_factory=list)  # unknown, left out on request
    sheet: str | None = None  # the workbook sheet the rows came from
