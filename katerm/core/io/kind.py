"""How a kind of record is declared for import and export: one :class:`Kind` of :class:`Col` s.

A kind names its table, its columns in the order files show them, the records it points at
(:class:`Ref`: an account by id or name, a contact within that account...) and the kinds that
must be imported before it. Everything else — headers in both languages, templates, the
export query, matching rows to records, checking cells, the workbook's sheets — is derived
from the declaration, so a new kind (or a new field of one) is a few lines in
:mod:`katerm.core.io.kinds`.

A column's canonical header is its English name (``expected_close``); its Chinese header is
the catalogue label ``io.col.<kind>.<name>`` (``预计成交日期``) as the seeds' tables title it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import partial
from typing import Any

from katerm.core.errors import FieldError
from katerm.core.fields import MAX_NOTES, MAX_SHORT, day, memo, money, text, whole
from katerm.core.io.words import choice_words
from katerm.core.roles import parse_flag

Rule = Callable[[Any], Any]

# Column types: how a cell is checked and how a stored value is written to a file.
TEXT, NOTE, INT, MONEY, DATE, DATETIME, FLAG, USER, ID = (
    "text",
    "note",
    "int",
    "money",
    "date",
    "datetime",
    "flag",
    "user",
    "id",
)


@dataclass(frozen=True)
class Col:
    """One column of a file: its canonical header, its type and where its value is stored.

    ``field`` is the stored column (default: the header); ``rule`` checks a cell (default: by
    type); ``sql`` reads the exported value when it is not the stored column itself.
    """

    name: str
    type: str = TEXT
    field: str | None = None
    rule: Rule | None = None
    sql: str | None = None
    aliases: tuple[str, ...] = ()
    required: bool = False  # a new record cannot be made without it
    personal: bool = False  # exported only when personal data is asked for
    template: bool = True  # in ``--template`` files (ids and derived columns are not)
    export: bool = True  # written by exports (an import-only column is not)
    limit: int = MAX_SHORT  # the longest text accepted
    choices: tuple[str, ...] = ()  # the keys a choice column takes (case ignored)
    # The catalogue area of a choice's words (``fields.lifecycle``: ``<area>.<key>``), as the
    # app's screens show them: ``--labels`` exports write them, imports read them back.
    words: str = ""
    default: str | None = None  # a choice column's value for an empty cell (None: required)
    low: int | None = None  # a whole number's bounds
    high: int | None = None
    optional: bool = False  # a whole number's empty cell stays empty (else it is 0)

    @property
    def stored(self) -> str:
        if self.field is not None:
            return self.field
        return "owner_id" if self.name == "owner" else self.name

    @property
    def money(self) -> bool:
        return self.type == MONEY


@dataclass(frozen=True)
class Ref:
    """A link to another record, written as two columns: its id and its name.

    ``within`` names the stored field of the account the name is looked up in (a contact's or
    an opportunity's name is only unique at one account). ``table`` ``"self"`` links rows of
    the same kind (by id only).
    """

    field: str  # the stored column: account_id, contact_id, from_contact_id...
    table: str  # accounts | contacts | opportunities | self | gap_rows
    id_col: str  # the file column holding the id
    name_col: str | None = None  # the file column holding the name (None: id only)
    within: str | None = None
    required: bool = False


@dataclass(frozen=True)
class Kind:
    """A kind of record that can be imported and exported."""

    name: str
    table: str
    columns: tuple[Col, ...]
    refs: tuple[Ref, ...] = ()
    depends: tuple[str, ...] = ()
    # Stored fields that name a record when the row has no id (re-imports find it again).
    key: tuple[str, ...] = ()
    # The export's ORDER BY. Creation order by default: an import writes rows in file order,
    # so the moved workspace lists rows with equal sort keys as the original did, and a
    # second export is the same file.
    order: str = "t.created_at, t.rowid"
    owner: str = "account"  # a new row's default owner: the account's, or "me"
    # Values a new record gets when the file leaves them out: (workspace, clean) -> values.
    defaults: Callable[[Any, Mapping[str, Any]], dict[str, Any]] | None = None
    # Checks across the row's fields: (clean values, stored row or None) -> problems.
    check: Callable[[dict[str, Any], Mapping[str, Any] | None], list[FieldError]] | None = None
    # Checks against the rest of the database: (workspace, clean values, stored row or None)
    # -> problems (a team setting a manager above me holds is theirs to change).
    guard: Callable[[Any, dict[str, Any], Mapping[str, Any] | None], list[FieldError]] | None = None
    where: str = ""  # extra export condition (``AND ...``), e.g. personal rows
    personal_where: str = ""  # the condition left out when personal data is asked for
    sheet_aliases: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()  # other names for the kind on the command line
    planner: str | None = None  # "module:Class" for kinds with their own planner
    labels: str = ""  # the catalogue area of column labels (default io.col.<name>)

    def column(self, name: str) -> Col | None:
        return next((c for c in self.columns if c.name == name), None)

    @property
    def label_area(self) -> str:
        return self.labels or f"io.col.{self.name}"

    def fields_left(self, ws: Any, mapped: set[str]) -> set[str]:
        """The stored fields no row of a file with the ``mapped`` columns can set (new rows
        keep the table's default there): a hint that lets a bulk load keep the partial
        indexes of such fields (``store.indexes_set_aside``); empty when unsure."""
        try:  # a new row's defaults (the day it opened...): they set fields too
            from_defaults = set(self.defaults(ws, {})) if self.defaults is not None else set()
        except Exception:  # a hint only: then every index is set aside
            return set()
        linked = {r.field for r in self.refs if r.id_col in mapped or (r.name_col or "") in mapped}
        named = {c.stored for c in self.columns if c.name in mapped}
        every = {c.stored for c in self.columns} | {r.field for r in self.refs}
        return every - named - linked - from_defaults - {"owner_id", "account_id", "", *self.key}


# --- rules: checking a cell ---------------------------------------------------------------


def text_rule(name: str, limit: int = MAX_SHORT, *, required: bool = False) -> Rule:
    rule = memo(lambda v: text(name, v, limit=limit, required=required))
    # What it checks, for the importer to check a plain text cell without calling it.
    rule.text = (limit, required)  # type: ignore[attr-defined]
    return rule


def note_rule(name: str, limit: int = MAX_NOTES) -> Rule:
    def rule(value: Any) -> str:  # not remembered: notes are long, and seldom repeat
        return text(name, value, limit=limit)

    rule.text = (limit, False)  # type: ignore[attr-defined]
    return rule


def choice_rule(
    name: str, choices: tuple[str, ...], default: str | None = None, words: str = ""
) -> Rule:
    """One of ``choices`` (case ignored), or its word in either language when the choices
    have a catalogue area ``words``; empty gives ``default`` (else it is refused)."""
    folded = choice_words(choices, words)

    def check(value: Any) -> str:
        cleaned = text(name, value).casefold()
        if not cleaned and default is not None:
            return default
        found = folded.get(cleaned)
        if found is None:
            raise FieldError(name, "fields.err.bad_choice", value=cleaned, choices=tuple(choices))
        return found

    return memo(check)


def int_rule(
    name: str, low: int | None = None, high: int | None = None, *, optional: bool = False
) -> Rule:
    """A whole number, within ``low``..``high`` when given; empty is 0 (None if optional)."""

    def check(value: Any) -> int | None:
        if optional and (value is None or text(name, value) == ""):
            return None
        number = (
            whole(name, value)
            if not (isinstance(value, str) and value.strip().startswith("-"))
            else _signed(name, value)
        )
        if (low is not None and number < low) or (high is not None and number > high):
            raise FieldError(name, "io.err.out_of_range", value=number, low=low, high=high)
        return number

    return memo(check)


def _signed(name: str, value: str) -> int:
    try:
        return int(value.strip())
    except ValueError:
        raise FieldError(name, "fields.err.not_a_number", value=value.strip()) from None


def money_rule(name: str) -> Rule:
    return partial(money, name)


def date_rule(name: str, *, required: bool = False) -> Rule:
    def check(value: Any) -> date | None:
        found = day(name, value)
        if found is None and required:
            raise FieldError(name, "fields.err.required")
        return found

    return memo(check)


def datetime_rule(name: str, tz: Callable[[], Any]) -> Rule:
    """A moment: ISO text with or without an offset (without: the user's zone), or a
    workbook's date-time cell (local time)."""

    def check(value: Any) -> str | None:
        if value is None or value == "":
            return None
        if isinstance(value, datetime):
            moment = value
        elif isinstance(value, date):
            moment = datetime(value.year, value.month, value.day)
        else:
            raw = text(name, value)
            if not raw:
                return None
            try:
                moment = datetime.fromisoformat(raw.replace("/", "-"))
            except ValueError:
                raise FieldError(name, "io.err.bad_datetime", value=raw) from None
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=tz())
        from datetime import UTC

        return moment.astimezone(UTC).isoformat(timespec="microseconds")

    return memo(check)


def keep_moments(clean: dict[str, Any], stored: dict[str, Any], fields: list[str]) -> None:
    """Keep the stored value of each moment in ``fields`` that ``clean`` gives again at the
    precision its file carries: a workbook holds times to the second, the store to the
    microsecond, so exporting and importing the same workspace made every finished evening
    review "updated" (a new clock tag, a change the next sync pushed)."""
    for name in fields:
        new, old = clean.get(name), stored.get(name)
        if not new or not old or new == old:
            continue
        try:
            given, had = datetime.fromisoformat(new), datetime.fromisoformat(old)
        except (TypeError, ValueError):
            continue
        if given == had or (not given.microsecond and given == had.replace(microsecond=0)):
            clean[name] = old


def flag_rule(name: str) -> Rule:
    return memo(lambda v: parse_flag(v, field=name))


def rule_for(col: Col, tz: Callable[[], Any]) -> Rule:
    """The rule that checks a column's cells: its own, else the one its type implies."""
    if col.rule is not None:
        return col.rule
    name = col.stored
    if col.choices:
        return choice_rule(name, col.choices, col.default, col.words)
    if col.low is not None or col.high is not None or col.optional:
        return int_rule(name, col.low, col.high, optional=col.optional)
    if col.type == NOTE:
        return note_rule(name, max(col.limit, MAX_NOTES))
    if col.type == INT:
        return int_rule(name)
    if col.type == MONEY:
        return money_rule(name)
    if col.type == DATE:
        return date_rule(name, required=col.required)
    if col.type == DATETIME:
        return datetime_rule(name, tz)
    if col.type == FLAG:
        return flag_rule(name)
    return text_rule(name, col.limit, required=col.required)


def storable(col: Col, rule: Any) -> Any:
    """The column's rule giving values as SQLite stores them (dates as text, flags as 0/1),
    which the write path then takes as they are instead of converting each one."""
    if col.type == DATE:

        def as_text(value: Any) -> Any:
            found = rule(value)
            return found.isoformat() if isinstance(found, date) else found

        return memo(as_text)
    if col.type == FLAG:

        def as_number(value: Any) -> Any:
            found = rule(value)
            return int(found) if isinstance(found, bool) else found

        return memo(as_number)
    return rule


# --- formats: writing a stored value ------------------------------------------------------


def plain(value: Any) -> Any:
    """A stored value as a file shows it: whole amounts without ``.0``, flags as yes/no."""
    if type(value) is float and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


def flag_text(value: Any) -> str:
    return "yes" if value else "no"


@dataclass
class Registry:
    """Every kind, in the order a workbook imports them (each after what it points at)."""

    kinds: dict[str, Kind] = field(default_factory=dict)

    def add(self, *kinds: Kind) -> None:
        for kind in kinds:
            missing = [d for d in kind.depends if d not in self.kinds]
            if missing:
                raise ValueError(f"{kind.name}: declare {missing} first")
            self.kinds[kind.name] = kind

    def names(self) -> tuple[str, ...]:
        return tuple(self.kinds)

    def find(self, name: str) -> Kind | None:
        wanted = name.strip().casefold().replace("-", "_")
        for kind in self.kinds.values():
            if wanted == kind.name or wanted in kind.aliases:
                return kind
        return None


def by_name(columns: tuple[Col, ...]) -> Mapping[str, Col]:
    return {c.name: c for c in columns}
