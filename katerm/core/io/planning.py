"""Turning checked rows into changes: which record each row is, and what it sets.

A row names its record by ``id``; without one, an account is found by its name (trimmed,
case ignored: :func:`katerm.core.accounts.name_key`) and a contact by its account and name.
A row that finds nothing creates a record (with the file's id if it has one, so an export
imported into an empty database keeps its ids). A deleted record named by its id comes back.
Columns the file lacks are left as they are; an empty cell clears an optional field.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from katerm.core import store
from katerm.core.config import LOGIN_RE
from katerm.core.errors import ValidationFailed
from katerm.core.io.mapping import Mapping, text_of
from katerm.core.io.options import Options
from katerm.core.io.report import Problem, Progress
from katerm.core.io.tabular import MISSING, Table
from katerm.core.store import Change

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

    from katerm.core.workspace import Workspace

_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_SUFFIX = {1e3: "k", 1e4: "万", 1e6: "m", 1e8: "亿"}
MANY = "\0several"  # a name that more than one live record has
_ID_CHUNK = 500
_PROGRESS_EVERY = 2000  # rows
CHUNK = 5000  # changes handed to store.apply at a time


@dataclass
class NewRows:
    """New records, checked and laid out for :func:`katerm.core.store.insert_new_rows`:
    each row its id (None: a new one) and its values of ``columns``, in their order."""

    columns: tuple[str, ...]
    rows: list[tuple[str | None, tuple[Any, ...]]]


def new_row_layout(
    table: str, settable: set[str]
) -> tuple[tuple[str, ...], Callable[[dict[str, Any]], tuple[Any, ...]], tuple[Any, ...], set[str]]:
    """How a new record's checked values (a dict) become a row of :class:`NewRows`: the
    fields of ``table`` a new row can set, in the table's order; a getter of all of them in
    C (for a dict with exactly those keys); each one's default (for a dict lacking some:
    ``tuple(map(values.get, columns, defaults))``); and their set."""
    info = store.table_info(table)
    columns = tuple(f for f in info.fields if f in settable)
    take = itemgetter(*columns) if len(columns) > 1 else lambda d: (d[columns[0]],)
    return columns, take, tuple(info.defaults.get(c) for c in columns), set(columns)


def chunks(
    columns: tuple[str, ...], new: list[tuple[str | None, tuple[Any, ...]]], changes: list[Change]
) -> Iterator[list[Change] | NewRows]:
    """A chunk's new records, then its other changes (the order store.apply writes them)."""
    if new:
        yield NewRows(columns, new)
    if changes:
        yield changes


class Planner:
    """What planning accounts and planning contacts share: rows, ids, owners, problems."""

    table_name = ""
    other_tables: tuple[str, ...] = ()

    def __init__(
        self,
        ws: Workspace,
        conn: Connection,
        table: Table,
        mapping: Mapping,
        problems: list[Problem],
        options: Options,
    ) -> None:
        self.ws, self.table, self.mapping, self.problems = ws, table, mapping, problems
        self.options = options
        self.conn = conn
        raw = conn.connection.driver_connection  # sqlite3, for fast bulk reads
        assert raw is not None
        self.raw: Any = raw
        self.logins: dict[str, str] = {}  # login (casefolded) -> user id
        self.names: dict[str, str | None] = {}  # member's name (casefolded) -> user id
        self.owners: dict[str, str] = {}  # owner cell as written -> user id
        self.restored = 0
        self.new_ids: dict[str, int] = {}  # file ids not found here -> line (checked later)
        self.seen_ids: dict[str, int] = {}  # record id -> first line naming it
        self.unknown_logins: list[str] = []  # owners the team lacks (without --add-owners)

    # --- helpers --------------------------------------------------------------------------
    def problem(self, line: int, column: str | None, key: str, **params: Any) -> None:
        header = self.mapping.headers.get(column, column) if column else None
        self.problems.append(Problem(self.table.display, line, header, key, params, column))

    def field_errors(self, line: int, exc: ValidationFailed) -> None:
        for error in exc.errors:
            self.problem(line, error.field, error.key, **error.params)

    def rows(self, progress: Progress | None, total: int) -> Iterator[tuple[int, dict]]:
        """(line, values by column) for each row; ragged and unnamed cells become problems."""
        columns, width = self.mapping.columns, self.mapping.width
        unnamed, scales = self.mapping.unnamed, self.mapping.scales
        names = [name for _, name in columns]
        # Usually every cell has a column, in order: zip is then the cheapest way to a dict.
        contiguous = [index for index, _ in columns] == list(range(width))
        from_json = self.table.format == "json"
        from_csv = self.table.format == "csv"
        from katerm.core.io.profiles import folded, reorder_date, translate

        value_maps = folded(self.options.values)
        names_split = "first_name" in names or "last_name" in names
        date_order = self.options.dates
        dated = (
            [n for n in names if n in _date_columns(self.kind_name)]
            if date_order != "year_first"
            else []
        )
        for count, (line, cells) in enumerate(self.table.rows, 1):
            if progress is not None and not count % _PROGRESS_EVERY:
                progress(count, total)
            if len(cells) != width:
                if len(cells) < width:
                    if from_csv:  # a workbook leaves out empty cells at a row's end; CSV not
                        self.problem(
                            line, None, "io.err.missing_cells", count=len(cells), width=width
                        )
                    cells = [*cells, *[""] * (width - len(cells))]
                elif any(text_of(c) for c in cells[width:]):
                    self.problem(line, None, "io.err.extra_cells", count=len(cells), width=width)
            for index in unnamed:
                if text_of(cells[index]):
                    self.problem(line, None, "io.err.unnamed_cell", number=index + 1)
            if contiguous:
                values = dict(zip(names, cells))  # noqa: B905 (cells may be longer)
            else:
                values = {name: cells[index] for index, name in columns}
            if from_json:
                values = {k: v for k, v in values.items() if v is not MISSING}
            for name, scale in scales.items():
                if name in values:
                    values[name] = _scaled(values[name], scale)
            if value_maps:
                translate(values, value_maps)
            for name in dated:
                if name in values:
                    values[name] = reorder_date(values[name], date_order)
            if names_split:
                join_name(values)
            yield line, values

    def fields_left(self) -> set[str]:
        """Stored fields no row of this file sets (see ``Kind.fields_left``); none known."""
        return set()

    def check_id(self, line: int, raw: Any) -> str | None:
        """The row's id if it has a valid one; a problem if it has an invalid one."""
        if raw is None:
            return None
        row_id = text_of(raw).lower()
        if not row_id:
            return None
        if not _UUID.match(row_id):
            self.problem(line, "id", "io.err.bad_id", value=text_of(raw))
            return None
        return row_id

    def claim(self, line: int, row_id: str, raw_id: Any, existing: object) -> None:
        """Note that ``line`` names record ``row_id``; a second line naming it is a problem."""
        if row_id in self.seen_ids:
            self.problem(
                line,
                "id" if text_of(raw_id) else "name",
                "io.err.same_record",
                other=self.seen_ids[row_id],
            )
        self.seen_ids.setdefault(row_id, line)
        if existing is None:
            self.new_ids[row_id] = line

    def check_new_ids(self) -> None:
        """Ids the file gives new records must not belong to another kind of record."""
        ids = list(self.new_ids)
        for start in range(0, len(ids), _ID_CHUNK):
            chunk = ids[start : start + _ID_CHUNK]
            marks = ", ".join("?" * len(chunk))
            for table in self.other_tables:
                for (found,) in self.raw.execute(
                    f"SELECT id FROM {table} WHERE id IN ({marks})", chunk
                ):
                    self.problem(self.new_ids[found], "id", f"io.err.id_is_{table}", value=found)

    def user_columns(self) -> list[int]:
        """Cells naming our people: owners, who covers a contact, a voice issue's handler..."""
        from katerm.core.io.kind import USER
        from katerm.core.io.kinds import get

        users = {c.name for c in get(self.kind_name).columns if c.type == USER}
        return [i for i, name in self.mapping.columns if name in users]

    kind_name = ""

    def add_owners(self) -> list[str]:
        """The logins the file names that the team lacks; added to it (under me) only with
        ``add_owners``, else each row naming one is a problem. Returns those logins.

        A cell is a login or a team member's name (Chinese sheets write 王磊, not wang.lei);
        a deleted member's login is restored.
        """
        logins: dict[str, tuple[str, int]] = {}
        names: dict[str, str | None] = {}  # member's name -> id (None: several have it)
        for user_id, login, name, deleted in self.raw.execute(
            "SELECT id, login, name, deleted FROM users ORDER BY deleted DESC"
        ):
            logins[login.casefold()] = (user_id, deleted)  # a live member wins a clash
            key = name.strip().casefold()
            if key and not deleted:
                names[key] = user_id if names.get(key, user_id) == user_id else None
        wanted: dict[str, str] = {}
        people: dict[str, str] = {}  # names (王磊, Wang Lei) of people the team lacks
        for index in self.user_columns():
            for _, cells in self.table.rows:
                text = text_of(cells[index]) if index < len(cells) else ""  # MISSING -> ""
                key = text.casefold()
                if (
                    not text
                    or (key in logins and not logins[key][1])
                    or (key not in logins and key in names)
                ):
                    continue
                if LOGIN_RE.match(text):
                    wanted.setdefault(key, text)
                elif len(text) <= 100:
                    people.setdefault(key, text)
        self.logins = {
            key: user_id
            for key, (user_id, deleted) in logins.items()
            if self.options.add_owners or not deleted
        }
        self.names = names
        if not self.options.add_owners:
            self.unknown_logins = [*wanted.values(), *people.values()]
            return []
        me = self.ws.me.id
        for key in wanted:
            if key in logins:
                store.restore(self.conn, "users", logins[key][0], actor_id=me)
        # A name becomes a member with a login made from it (王磊 -> wang.lei).
        taken = set(logins) | set(wanted)
        named: dict[str, str] = {}  # login -> name
        for text in people.values():
            login = base = suggest_login(text)
            number = 1
            while login.casefold() in taken:
                number += 1
                login = f"{base}{number}"
            taken.add(login.casefold())
            named[login] = text
        from katerm.core.team import add_members

        new = [text for key, text in wanted.items() if key not in logins]
        created = add_members(self.conn, [*new, *named], manager_id=me, actor_id=me, names=named)
        self.logins.update({login.casefold(): user_id for login, user_id in created.items()})
        self.names.update({name.casefold(): created[login] for login, name in named.items()})
        return [*wanted.values(), *(f"{login} ({name})" for login, name in named.items())]

    def owner(self, line: int, raw: Any, column: str = "owner") -> str | None:
        """The team member a cell names (login or name); me for an empty owner cell."""
        found = self.owners.get(raw) if type(raw) is str else None
        if found is not None:
            return found
        text = text_of(raw)
        if not text:
            return self.ws.me.id
        key = text.casefold()
        found = self.logins.get(key) or self.names.get(key)
        if found is None:
            if key in self.names:
                self.problem(line, column, "io.err.ambiguous_owner", value=text)
            elif text in self.unknown_logins or text.casefold() in {
                u.casefold() for u in self.unknown_logins
            }:
                self.problem(
                    line,
                    column,
                    "io.err.new_owner",
                    value=text,
                    example=text if LOGIN_RE.match(text) else suggest_login(text),
                )
            else:
                self.problem(
                    line, column, "io.err.unknown_owner", value=text, example=suggest_login(text)
                )
        elif type(raw) is str:
            self.owners[raw] = found
        return found

    def plan(self, progress: Progress | None, total: int) -> Iterator[list[Change] | NewRows]:
        """Check every row; yield the changes in chunks as they are ready (new records
        may come as :class:`NewRows`, written before the chunk of changes after them).

        Problems are appended to the shared list as they are found (some only after the last
        row): the caller writes a chunk only while that list is empty, inside one transaction
        it rolls back if any problem turns up later.
        """
        raise NotImplementedError


def _date_columns(kind: str) -> set[str]:
    from katerm.core.io.kind import DATE
    from katerm.core.io.kinds import get

    return {c.name for c in get(kind).columns if c.type == DATE}


def join_name(values: dict[str, Any]) -> None:
    """A name given in two columns, as CRMs export them: 王 + 磊 -> 王磊, Lei + Wang ->
    Lei Wang (a full name column, when the file has one too, wins)."""
    first = text_of(values.pop("first_name", ""))
    last = text_of(values.pop("last_name", ""))
    if text_of(values.get("name")) or not (first or last):
        return
    if all(ord(ch) > 0x2E7F for ch in (first + last).replace(" ", "")):
        values["name"] = last + first  # family name first, no space
    else:
        values["name"] = " ".join(p for p in (first, last) if p)


def suggest_login(name: str) -> str:
    """A login a person called ``name`` might have: 王磊 -> wang.lei, Wang Lei -> wang.lei."""
    from pypinyin import lazy_pinyin

    words = re.findall(r"[a-z0-9]+", " ".join(lazy_pinyin(name)).casefold())
    if not words:
        return "wang.lei"
    return ".".join([words[0], "".join(words[1:])]) if len(words) > 1 else words[0]


def _scaled(value: Any, scale: float) -> Any:
    """A figure from a column whose header names a unit (``年收入（万元）``), in yuan."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value * scale
    text = text_of(value)
    return f"{text}{_SUFFIX[scale]}" if text and scale in _SUFFIX else value
