"""Planning the rows of any declared kind (:mod:`katerm.core.io.kinds`): each row's record,
the records it points at, and the checked values it sets.

A row names its record by ``id``; without one, by the kind's key (an opportunity by its
account and name, a gap row by its contact...), so re-importing a file creates nothing new.
A record the row points at is named by id or by name (a contact's name within the row's
account). Columns the file lacks are left as they are; a new record gets the kind's defaults
and belongs to its account's owner unless the file names an owner.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from katerm.core import store
from katerm.core.accounts import name_key
from katerm.core.errors import FieldError
from katerm.core.io.kind import DATETIME, ID, USER, Col, Kind, Ref, keep_moments, rule_for, storable
from katerm.core.io.lookups import MANY, Lookups
from katerm.core.io.mapping import text_of
from katerm.core.io.planning import CHUNK, NewRows, Planner, chunks, new_row_layout
from katerm.core.io.report import Progress
from katerm.core.store import Change, to_db

if TYPE_CHECKING:
    from katerm.core.io.mapping import Mapping as HeaderMapping
    from katerm.core.io.options import Options
    from katerm.core.io.report import Problem
    from katerm.core.io.tabular import Table

_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_SPLIT_NAMES = re.compile(r"\s*[、,，;；/|]\s*")


class KindPlanner(Planner):
    """Plans the rows of one declared kind."""

    def __init__(
        self,
        ws: Any,
        conn: Any,
        table: Table,
        mapping: HeaderMapping,
        problems: list[Problem],
        kind: Kind,
        options: Options,
        lookups: Lookups | None = None,
    ) -> None:
        super().__init__(ws, conn, table, mapping, problems, options)
        self.kind = kind
        self.kind_name = kind.name
        self.table_name = kind.table
        self.lookups = lookups or Lookups(self.raw)
        info = store.table_info(kind.table)
        self.stored = set(info.fields)
        given = {name for _, name in mapping.columns}
        for table_ in options.values.values():  # a profile's translation may set others
            for target in table_.values():
                if isinstance(target, dict):
                    given |= set(target)
        tz = lambda: ws.clock.tz  # noqa: E731 (read when a cell is checked)
        # Plain columns: checked by their rule and stored as they are.
        linked = {r.id_col for r in kind.refs} | {r.name_col for r in kind.refs if r.name_col}
        self.plain = [
            (c, rule_for(c, tz))
            for c in kind.columns
            if c.name in given
            and c.type not in (USER,)
            and c.name not in linked
            and c.name != "id"
            and c.stored in self.stored
        ]
        self.users = [c for c in kind.columns if c.type == USER and c.name in given]
        self.by_field = {c.stored: c.name for c in kind.columns}
        self.moments = [
            c.stored for c in kind.columns if c.type == DATETIME and c.stored in self.stored
        ]
        self._named: dict[tuple[str, Any, str], str] = {}  # (link, account, name) -> id
        self.key_fields = kind.key

    def fields_left(self) -> set[str]:
        return self.kind.fields_left(self.ws, {name for _, name in self.mapping.columns})

    # --- the records rows point at ------------------------------------------------------
    def _existing(self) -> dict[str, dict[str, Any]]:
        """This kind's stored rows by id: deleted flag, owner and the fields matching and
        checking need."""
        wanted = {
            "deleted",
            "owner_id",
            *self.key_fields,
            *(r.field for r in self.kind.refs if r.field in self.stored),
            *self.moments,  # compared at the file's precision (keep_moments)
        }
        if self.kind.check is not None:
            wanted |= self.stored
        columns = ["id", *sorted(wanted)]
        rows = self.raw.execute(f"SELECT {', '.join(columns)} FROM {self.kind.table}")
        return {row[0]: dict(zip(columns, row, strict=True)) for row in rows}

    def _ref(
        self,
        line: int,
        ref: Ref,
        values: dict[str, Any],
        resolved: dict[str, Any],
        stored: dict[str, Any] | None,
    ) -> Any:
        """The id of the record ``ref`` names in this row (a column of it is in the file),
        None for none; False after a problem."""
        id_cell = values.get(ref.id_col)
        raw_id = (id_cell.strip() if type(id_cell) is str else text_of(id_cell)).lower()
        within = resolved.get(ref.within) if ref.within else ""
        name = ""
        if ref.name_col is not None:
            name_cell = values.get(ref.name_col)
            name = name_cell.strip() if type(name_cell) is str else text_of(name_cell)
            if name and not raw_id:
                # Files repeat the same few accounts thousands of times: look each up once.
                known = self._named.get((ref.field, within, name))
                if known is not None:
                    return known
        if ref.id_col not in values and (ref.name_col is None or ref.name_col not in values):
            return stored.get(ref.field) if stored is not None else None
        if not raw_id and not name:
            if ref.required:
                column = ref.name_col if ref.name_col in values else ref.id_col
                self.problem(line, column, "fields.err.required")
                return False
            return None
        if ref.table == "self":
            if not _UUID.match(raw_id):
                self.problem(line, ref.id_col, "io.err.bad_id", value=raw_id)
                return False
            self.self_links.append((line, ref, raw_id))
            return raw_id
        if raw_id:
            found = self.lookups.live(ref.table, raw_id)
            if found is None:
                self.problem(line, ref.id_col, "io.err.unknown_id", value=raw_id)
                return False
            if ref.within and within and found.account_id != within:
                self.problem(line, ref.id_col, "io.err.elsewhere", value=raw_id)
                return False
            if name and found.key != name_key(name):
                self.problem(line, ref.name_col, "io.err.name_mismatch", value=name, id=raw_id)
                return False
            return raw_id
        if ref.within and not within:
            if f"!{ref.within}" in resolved:  # the account was wrong: said already
                return False
            self.problem(line, ref.name_col, "io.err.needs_account")
            return False
        found_id = self.lookups.named(ref.table, name, within or "")
        if found_id is None:
            self.problem(line, ref.name_col, f"io.err.unknown_{ref.table}", value=name)
            return False
        if found_id == MANY:
            self.problem(line, ref.name_col, f"io.err.ambiguous_{ref.table}", value=name)
            return False
        self._named[(ref.field, within, name)] = found_id
        return found_id

    def _people_met(self, line: int, values: dict[str, Any], account_id: str) -> str | None:
        """An activity's people met, as the JSON list of ids it stores."""
        ids_text = text_of(values.get("contact_ids"))
        names_text = text_of(values.get("contacts"))
        found: list[str] = []
        if ids_text:
            for raw in ids_text.replace(",", " ").split():
                contact = self.lookups.live("contacts", raw.lower())
                if contact is None or contact.account_id != account_id:
                    self.problem(line, "contact_ids", "io.err.unknown_id", value=raw)
                    return None
                found.append(raw.lower())
        elif names_text:
            for name in _SPLIT_NAMES.split(names_text):
                if not name:
                    continue
                contact_id = self.lookups.named("contacts", name, account_id)
                if contact_id is None or contact_id == MANY:
                    kind = "unknown" if contact_id is None else "ambiguous"
                    self.problem(line, "contacts", f"io.err.{kind}_contacts", value=name)
                    return None
                found.append(contact_id)
        elif "contact_ids" not in values and "contacts" not in values:
            return None
        return json.dumps(found)

    # --- rows -----------------------------------------------------------------------------
    def plan(self, progress: Progress | None, total: int) -> Iterator[list[Change] | NewRows]:
        """Check every row; yield its changes in chunks (see :meth:`Planner.plan`), a chunk's
        new records first, as tuples (:class:`NewRows`).

        The loop runs once per row of files of 100,000 rows: what does not depend on the row
        is worked out before it.
        """
        kind, problems, stored_fields = self.kind, self.problems, self.stored
        existing = self._existing()
        live_keys: dict[tuple[Any, ...], str] = {}
        if self.key_fields:
            for stored_id, row in existing.items():
                if not row["deleted"]:
                    key = tuple(row[f] for f in self.key_fields)
                    live_keys[key] = MANY if key in live_keys else stored_id
        mapped = {name for _, name in self.mapping.columns}
        given_refs = [r for r in kind.refs if r.id_col in mapped or r.name_col in mapped]
        absent_refs = [r for r in kind.refs if r not in given_refs]
        kept_refs = [(r.field, r in given_refs) for r in kind.refs if r.field in stored_fields]
        required_refs = [r for r in kind.refs if r.required and r.field in stored_fields]
        # (column, field, rule, its remembered answers, (limit, required) of a text rule)
        rules = [(c, storable(c, r), getattr(r, "text", None)) for c, r in self.plain]
        plain = [(c.name, c.stored, r, getattr(r, "seen", {}), text) for c, r, text in rules]
        absent_new = {r.field: None for r in absent_refs}  # a new row's links the file lacks
        key_fields = self.key_fields
        users = [(c.name, c.stored, c.required) for c in self.users]
        required = [
            (c.name, c.stored)
            for c in kind.columns
            if c.required and c.stored in stored_fields and c.type != USER
        ]
        by_field, me = self.by_field, str(self.ws.me.id)
        not_empty = [f for f in store.table_info(kind.table).required if f in stored_fields]
        self.self_links: list[tuple[int, Ref, str]] = []
        file_ids: set[str] = set()
        seen_keys: dict[tuple[Any, ...], int] = {}
        changes: list[Change] = []
        people = "contact_ids" in mapped or "contacts" in mapped
        # The fields a new row can set; a row setting others is a Change.
        settable = {f for f, _ in kept_refs} | {p[1] for p in plain} | {u[1] for u in users}
        settable |= {"owner_id", *(("contact_ids",) if people else ())}
        settable |= set(kind.defaults(self.ws, {}) if kind.defaults else ())
        columns, take, fill, shape = new_row_layout(kind.table, settable)
        width = len(columns)
        new: list[tuple[str | None, tuple[Any, ...]]] = []
        owners: dict[str, str] = {}  # account -> its owner, a new row's default owner
        for line, values in self.rows(progress, total):
            if len(changes) + len(new) >= CHUNK:
                yield from chunks(columns, new, changes)
                new, changes = [], []
            before = len(problems)
            raw_id = values.get("id")
            row_id = self.check_id(line, raw_id) if raw_id else None
            stored = existing.get(row_id) if row_id else None
            clean: dict[str, Any] = {}
            resolved: dict[str, Any] = {}
            for ref in given_refs:
                found = self._ref(line, ref, values, resolved, stored)
                if found is False:
                    resolved[f"!{ref.field}"] = True
                else:
                    resolved[ref.field] = found
            if stored is None:
                resolved.update(absent_new)
            else:
                for ref in absent_refs:
                    resolved[ref.field] = stored.get(ref.field)
            if not resolved.get("account_id"):
                self._fill_account(resolved)
            for field_name, given in kept_refs:
                if field_name in resolved and (given or stored is None):
                    clean[field_name] = resolved[field_name]
            if len(problems) == before:
                for ref in required_refs:
                    if resolved.get(ref.field) is None:
                        self.problem(line, ref.name_col or ref.id_col, "fields.err.required")
                        break
            for name, target, rule, seen, text in plain:
                if name in values:
                    cell = values[name]
                    if type(cell) is str:
                        known = seen.get(cell, _NONE)
                        if known is not _NONE:
                            clean[target] = known  # a text this rule has already accepted
                            continue
                        if text is not None:  # a text rule: what it would check, inline
                            cleaned = cell.strip()
                            if len(cleaned) <= text[0] and (cleaned or not text[1]):
                                clean[target] = cleaned
                                continue
                    try:
                        clean[target] = rule(cell)
                    except FieldError as exc:
                        self.problem(line, by_field.get(exc.field, name), exc.key, **exc.params)
            for name, target, needed in users:
                if name not in values:
                    continue
                cell = values[name]
                if cell.strip() if type(cell) is str else text_of(cell):
                    clean[target] = self.owner(line, cell, name)
                elif name != "owner":
                    clean[target] = me if needed else None
            if people and resolved.get("account_id"):
                met = self._people_met(line, values, resolved["account_id"])
                if met is not None:
                    clean["contact_ids"] = met
            if row_id is None and key_fields and not (raw_id and text_of(raw_id)):
                key = tuple([clean.get(f, resolved.get(f)) for f in key_fields])
                if key[0] not in (None, ""):
                    if key in seen_keys:
                        self.problem(line, None, "io.err.same_key", other=seen_keys[key])
                    seen_keys.setdefault(key, line)
                    match = live_keys.get(key) if live_keys else None
                    if match == MANY:
                        self.problem(line, None, "io.err.ambiguous_key")
                    elif match is not None:
                        row_id, stored = match, existing[match]
            if row_id is not None:
                self.claim(line, row_id, raw_id, stored)
                file_ids.add(row_id)
            if stored is None:
                for name, target in required:
                    if name not in values and target not in clean:
                        self.problem(line, name, "fields.err.required")
            if kind.check is not None and len(problems) == before:
                for error in kind.check(clean, stored):
                    self.problem(
                        line, by_field.get(error.field, error.field), error.key, **error.params
                    )
            if kind.guard is not None and len(problems) == before:
                for error in kind.guard(self.ws, clean, stored):
                    self.problem(
                        line, by_field.get(error.field, error.field), error.key, **error.params
                    )
            if len(problems) > before:
                continue
            if stored is None:
                if kind.defaults is not None:
                    for name, value in kind.defaults(self.ws, clean).items():
                        if clean.get(name) is None:
                            clean[name] = value if type(value) is str else to_db(value)
                if "owner_id" not in clean:
                    clean["owner_id"] = self._default_owner(resolved, owners)
                if len(clean) == width:  # usually every one of them: taken out in C
                    try:
                        new.append((row_id, take(clean)))
                        continue
                    except KeyError:
                        pass
                if clean.keys() <= shape:
                    new.append((row_id, tuple(map(clean.get, columns, fill))))
                else:
                    changes.append(Change(row_id, clean, new=True))
                continue
            if stored["deleted"]:
                clean["deleted"] = False
                self.restored += 1
            for name in not_empty:  # an empty cell there keeps the stored value, as a form does
                if name in clean and clean[name] is None:
                    del clean[name]
            keep_moments(clean, stored, self.moments)
            changes.append(Change(row_id, clean))
        self._check_self_links(existing, file_ids)
        yield from chunks(columns, new, changes)

    def _fill_account(self, resolved: dict[str, Any]) -> None:
        """A row that names a contact, an opportunity or a gap row but no account belongs to
        that record's account."""
        if resolved.get("account_id"):
            return
        for ref in self.kind.refs:
            target = resolved.get(ref.field)
            if target and ref.table in ("contacts", "opportunities", "gap_rows"):
                found = self.lookups.live(ref.table, target)
                if found is not None and found.account_id:
                    resolved["account_id"] = found.account_id
                    return

    def _default_owner(self, resolved: dict[str, Any], known: dict[str, str]) -> str:
        """A new row's owner when the file names none: its account's (or the record's the
        kind says), else me."""
        owner = self.kind.owner
        if owner == "me":
            return str(self.ws.me.id)
        field = "account_id" if owner == "account" else owner
        target = resolved.get(field)
        if target in known:
            return known[target]
        table = next((r.table for r in self.kind.refs if r.field == field), "accounts")
        found = self.lookups.live(table, target) if target else None
        result = found.owner_id if found is not None else str(self.ws.me.id)
        if target:
            known[target] = result
        return result

    def _check_self_links(self, existing: dict[str, dict[str, Any]], file_ids: set[str]) -> None:
        """A link to a record of the same kind must name one here or in the file."""
        for line, ref, target in self.self_links:
            stored = existing.get(target)
            if target not in file_ids and (stored is None or stored["deleted"]):
                self.problem(line, ref.id_col, "io.err.unknown_id", value=target)


_NONE: Any = object()  # not a text the rule has seen


__all__ = ["ID", "Col", "KindPlanner"]
