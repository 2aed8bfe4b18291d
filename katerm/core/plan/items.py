"""Reading and saving the entries of an account plan (``plan_items``)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from katerm.core import store
from katerm.core.errors import BadInput, FieldError, NotFound, ValidationFailed
from katerm.core.fields import MAX_NOTES, day, text
from katerm.core.pipeline import choice
from katerm.core.plan.kinds import KINDS, ROOT_KINDS, SECTION_KINDS

if TYPE_CHECKING:
    from katerm.core.workspace import Workspace

MAX_TITLE = 300
# A plan item's own columns, in PlanItemRecord's order (other readers build records from them).
ITEM_COLUMNS = (
    "id",
    "account_id",
    "kind",
    "category",
    "parent_id",
    "title",
    "detail",
    "person_id",
    "contact_id",
    "opportunity_id",
    "due_on",
    "status",
    "position",
)


@dataclass(frozen=True)
class PlanItemRecord:
    id: str
    account_id: str
    kind: str
    category: str
    parent_id: str | None
    title: str
    detail: str
    person_id: str | None
    contact_id: str | None
    opportunity_id: str | None
    due_on: date | None
    status: str
    position: int
    person_name: str = ""
    contact_name: str = ""
    opportunity_name: str = ""


@dataclass
class Plan:
    """Every live entry of one account's plan, with ways to walk it."""

    account_id: str
    items: list[PlanItemRecord] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._by_id = {i.id: i for i in self.items}
        self._children: dict[str | None, list[PlanItemRecord]] = {}
        for item in self.items:
            # An entry whose parent was deleted shows at the top of its section.
            parent = item.parent_id if item.parent_id in self._by_id else None
            self._children.setdefault(parent, []).append(item)

    def get(self, item_id: str) -> PlanItemRecord | None:
        return self._by_id.get(item_id)

    def of(self, kind: str, category: str | None = None) -> list[PlanItemRecord]:
        return [
            i for i in self.items if i.kind == kind and (category is None or i.category == category)
        ]

    def children(self, item_id: str) -> list[PlanItemRecord]:
        return self._children.get(item_id, [])

    def roots(self, section: str) -> list[PlanItemRecord]:
        """The entries at the top of a section's tree, in the section's kind order."""
        kinds = SECTION_KINDS[section]
        tops = [i for i in self._children.get(None, []) if i.kind in kinds]

        def order(i: PlanItemRecord) -> tuple[int, bool, int, int, str]:
            # Categories in their own order (the 3C as the method lists them, the iron
            # triangle before the sponsor), not alphabetically.
            categories = KINDS[i.kind].categories
            rank = categories.index(i.category) if i.category in categories else 99
            return (kinds.index(i.kind), i.kind not in ROOT_KINDS, rank, i.position, i.title)

        return sorted(tops, key=order)

    def walk(self, section: str) -> Iterator[tuple[int, PlanItemRecord]]:
        """(depth, entry) of a section, depth first, each entry before what hangs under it."""
        seen: set[str] = set()

        def down(item: PlanItemRecord, depth: int) -> Iterator[tuple[int, PlanItemRecord]]:
            if item.id in seen:  # a cycle made by two devices: show each entry once
                return
            seen.add(item.id)
            yield depth, item
            for child in self.children(item.id):
                yield from down(child, depth + 1)

        for root in self.roots(section):
            yield from down(root, 0)


def load_plan(conn: sqlite3.Connection, account_id: str) -> Plan:
    rows = conn.execute(
        "SELECT " + ", ".join(f"p.{c}" for c in ITEM_COLUMNS) + ", "
        "coalesce(nullif(u.name, ''), u.login, ''), coalesce(c.name, ''), "
        "coalesce(o.name, '') FROM plan_items p "
        "LEFT JOIN users u ON u.id = p.person_id AND u.deleted = 0 "
        "LEFT JOIN contacts c ON c.id = p.contact_id AND c.deleted = 0 "
        "LEFT JOIN opportunities o ON o.id = p.opportunity_id AND o.deleted = 0 "
        "WHERE p.account_id = ? AND p.deleted = 0 ORDER BY p.position, p.rowid",
        (account_id,),
    ).fetchall()
    items = []
    for row in rows:
        values = dict(zip(ITEM_COLUMNS, row[: len(ITEM_COLUMNS)], strict=True))
        values["due_on"] = date.fromisoformat(values["due_on"]) if values["due_on"] else None
        items.append(
            PlanItemRecord(
                **values, person_name=row[-3], contact_name=row[-2], opportunity_name=row[-1]
            )
        )
    return Plan(account_id, items)


def _clean(
    conn: sqlite3.Connection, account_id: str, kind_key: str, values: Mapping[str, Any]
) -> dict[str, Any]:
    """Check an entry's fields against its kind; raise ValidationFailed with every problem."""
    kind = KINDS[kind_key]
    clean: dict[str, Any] = {}
    errors: list[FieldError] = []

    def check(name: str, rule: Any) -> None:
        if name in values:
            try:
                clean[name] = rule(values[name])
            except FieldError as exc:
                errors.append(exc)

    check("title", lambda v: text("title", v, required=kind.title_required, limit=MAX_TITLE))
    check("detail", lambda v: text("detail", v, limit=MAX_NOTES))
    if kind.categories:
        check("category", lambda v: choice("category", v, kind.categories))
    if kind.dated:
        check("due_on", lambda v: day("due_on", v))
        if kind.date_required and "due_on" in clean and clean["due_on"] is None:
            errors.append(FieldError("due_on", "fields.err.required"))
    if kind.status:
        check("status", lambda v: choice("status", v, kind.status, default=kind.status[0]))
    links = (
        (
            "parent_id",
            bool(kind.parent),
            "SELECT kind FROM plan_items WHERE id = ? AND account_id = ? AND deleted = 0",
        ),
        ("person_id", kind.person, "SELECT 1 FROM users WHERE id = ? AND deleted = 0"),
        (
            "contact_id",
            kind.contact,
            "SELECT 1 FROM contacts WHERE id = ? AND account_id = ? AND deleted = 0",
        ),
        (
            "opportunity_id",
            kind.opportunity,
            "SELECT 1 FROM opportunities WHERE id = ? AND account_id = ? AND deleted = 0",
        ),
    )
    for name, allowed, sql in links:
        if name not in values:
            continue
        value = values[name] or None
        if value is not None and not allowed:
            value = None
        if value is not None:
            params = (value, account_id) if "account_id" in sql else (value,)
            found = conn.execute(sql, params).fetchone()
            if found is None or (name == "parent_id" and found[0] not in kind.parent):
                errors.append(FieldError(name, "plan.err.bad_link"))
                continue
        clean[name] = value
    if errors:
        raise ValidationFailed(errors)
    return clean


def save_plan_item(
    ws: Workspace, account_id: str, item_id: str | None, values: Mapping[str, Any]
) -> str:
    """Check and save one entry (new when ``item_id`` is None; ``values["kind"]`` then says
    which kind). It belongs to the account's owner; a new entry goes last among its
    siblings. Raises :class:`ValidationFailed` naming each bad field; nothing is written."""
    with ws.db.reading() as conn:
        owner = store.live_owner(conn, "accounts", account_id)
        if item_id is None:
            kind = str(values.get("kind") or "")
            if kind not in KINDS:
                raise ValidationFailed(
                    [FieldError("kind", "fields.err.bad_choice", value=kind, choices=tuple(KINDS))]
                )
            spec = KINDS[kind]
            full = {"title": "", "detail": "", **values}
            for name, needed in (
                ("category", bool(spec.categories)),
                ("parent_id", spec.parent_required),
                ("due_on", spec.date_required),
                ("person_id", kind == "team_member"),
            ):
                if needed:
                    full.setdefault(name, None)
            clean = _clean(conn, account_id, kind, full)
            missing = [
                FieldError(n, "fields.err.required")
                for n, need in (
                    ("parent_id", spec.parent_required),
                    ("person_id", kind == "team_member"),
                )
                if need and not clean.get(n)
            ]
            if missing:
                raise ValidationFailed(missing)
            position = conn.execute(
                "SELECT coalesce(max(position), 0) + 1 FROM plan_items WHERE account_id = ? "
                "AND kind = ? AND coalesce(parent_id, '') = ?",
                (account_id, kind, clean.get("parent_id") or ""),
            ).fetchone()[0]
        else:
            row = conn.execute(
                "SELECT kind FROM plan_items WHERE id = ? AND account_id = ?", (item_id, account_id)
            ).fetchone()
            if row is None:
                raise NotFound("errors.row_missing", table="plan_items", id=item_id)
            kind = row[0]
            clean = _clean(conn, account_id, kind, values)
            if clean.get("parent_id") == item_id:
                raise ValidationFailed([FieldError("parent_id", "plan.err.bad_link")])
    with ws.db.writing() as conn:
        if item_id is None:
            return store.insert(
                conn,
                "plan_items",
                {
                    **clean,
                    "kind": kind,
                    "account_id": account_id,
                    "owner_id": owner,
                    "position": position,
                },
                actor_id=ws.me.id,
            )
        store.update(conn, "plan_items", item_id, clean, actor_id=ws.me.id)
    return item_id


def delete_plan_item(ws: Workspace, item_id: str) -> None:
    """Tombstone an entry; refused while entries hang under it (delete those first), so no
    part of the map is lost by one key press."""
    with ws.db.reading() as conn:
        below = conn.execute(
            "SELECT count(*) FROM plan_items WHERE parent_id = ? AND deleted = 0", (item_id,)
        ).fetchone()[0]
    if below:
        raise BadInput("plan.err.has_children", count=below)
    with ws.db.writing() as conn:
        store.delete(conn, "plan_items", item_id, actor_id=ws.me.id)
