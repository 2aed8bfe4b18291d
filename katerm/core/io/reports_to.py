"""Resolving the ``reports_to`` column of a contacts file: who each person's boss is.

A cell names the boss by contact id or by name, at the same account. A name may belong to a
row further down the file (exports list people by name, not by rank), so links are resolved
after every row has been read, against the contacts as they will be once the file is in:
the database's, with the file's rows laid over them. Then the whole reporting tree is
checked: a boss at another account, a name that fits several people, or a circle of
reporting lines is a problem on the row's line, and nothing is written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from katerm.core.accounts import name_key
from katerm.core.io.mapping import text_of

if TYPE_CHECKING:
    from katerm.core.store import Change


class _Planner(Protocol):
    """What the links need of the contacts' planner (``contact_planning.ContactPlanner``)."""

    raw: Any  # the write transaction's sqlite3 connection

    def problem(self, line: int, column: str | None, key: str, **params: Any) -> None: ...


_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


@dataclass
class _Link:
    line: int
    row_id: str
    account_id: str
    cell: Any
    change: Change


class BossLinks:
    """Collects each row's boss cell while planning; :meth:`resolve` fills them in."""

    def __init__(self, planner: _Planner) -> None:
        self.planner = planner
        self.links: list[_Link] = []
        self.rows: dict[str, tuple[str, str | None]] = {}  # file row id -> (account, name)

    def row(self, row_id: str, account_id: str, name: str | None) -> None:
        """A contact the file creates or updates (``name`` None: it keeps its name)."""
        self.rows[row_id] = (account_id, name)

    def link(self, line: int, row_id: str, account_id: str, cell: Any, change: Change) -> None:
        self.links.append(_Link(line, row_id, account_id, cell, change))

    def resolve(self) -> None:
        """Set ``reports_to`` in every linked change, or report why it cannot be."""
        accounts: dict[str, str] = {}  # contact -> account, once the file is in
        names: dict[str, str] = {}
        bosses: dict[str, str | None] = {}
        for row_id, account_id, name, boss in self.planner.raw.execute(
            "SELECT id, account_id, name, reports_to FROM contacts WHERE deleted = 0"
        ):
            accounts[row_id], names[row_id], bosses[row_id] = account_id, name, boss
        for row_id, (account_id, name) in self.rows.items():
            accounts[row_id] = account_id
            if name is not None:
                names[row_id] = name
            bosses.setdefault(row_id, None)
        by_name: dict[tuple[str, str], list[str]] = {}
        for row_id, account_id in accounts.items():
            by_name.setdefault((account_id, name_key(names.get(row_id, ""))), []).append(row_id)
        resolved: list[_Link] = []
        for link in self.links:
            boss = self._boss(link, accounts, names, by_name)
            if boss is not False:
                bosses[link.row_id] = boss  # type: ignore[assignment]
                link.change.values["reports_to"] = boss
                resolved.append(link)
        self._circles(resolved, bosses, names)

    def _boss(
        self,
        link: _Link,
        accounts: dict[str, str],
        names: dict[str, str],
        by_name: dict[tuple[str, str], list[str]],
    ) -> str | bool | None:
        """The boss's id, None for no boss, False after reporting a problem."""
        text = text_of(link.cell)
        if not text:
            return None
        problem = self.planner.problem
        candidate = text.lower()
        if _UUID.match(candidate):
            if candidate not in accounts:
                problem(link.line, "reports_to", "fields.err.reports_to_unknown", value=text)
                return False
            found = candidate
        else:
            matches = by_name.get((link.account_id, name_key(text)), [])
            if not matches:
                problem(link.line, "reports_to", "fields.err.reports_to_unknown", value=text)
                return False
            if len(matches) > 1:
                problem(link.line, "reports_to", "fields.err.reports_to_ambiguous", value=text)
                return False
            found = matches[0]
        if found == link.row_id:
            problem(link.line, "reports_to", "fields.err.reports_to_self")
            return False
        if accounts[found] != link.account_id:
            problem(
                link.line,
                "reports_to",
                "fields.err.reports_to_elsewhere",
                name=names.get(found, found),
            )
            return False
        return found

    def _circles(
        self, links: list[_Link], bosses: dict[str, str | None], names: dict[str, str]
    ) -> None:
        """Report each circle of reporting lines once, on the line of its first row."""
        in_circle: set[str] = set()
        for link in links:
            if link.row_id in in_circle:
                continue
            path = [link.row_id]
            seen = {link.row_id}
            current = bosses.get(link.row_id)
            while current is not None and current not in seen:
                path.append(current)
                seen.add(current)
                current = bosses.get(current)
            if current == link.row_id:
                in_circle.update(path)
                shown = " → ".join(names.get(c, c) for c in [*path, link.row_id])
                self.planner.problem(
                    link.line, "reports_to", "fields.err.reports_to_cycle", path=shown
                )
