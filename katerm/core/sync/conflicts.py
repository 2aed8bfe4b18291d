"""The conflict log as people see it, and keeping either value.

Every record is a value that lost a merge. Keeping the current value just clears the record
(here: each person clears their own list); keeping the lost one writes it back as a new edit
through ``katerm.core.store`` (so it syncs, and wins, like any edit) and clears the record.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from katerm.core.errors import BadInput, NotFound
from katerm.core.store import DELETED_FIELD
from katerm.core.sync.schema import TEAM_TABLE, table_named
from katerm.i18n import has_key, t

if TYPE_CHECKING:
    from katerm.core.store import Database
    from katerm.core.workspace import Workspace

KINDS = (
    "overwritten",
    "rejected",
    "edit_on_deleted_row",
    "edit_hidden_by_delete",
    "denied",
    "refused",
    "renamed",
)
# Kinds whose lost value cannot be written back: the server would refuse it again (a change
# not the user's to make, a value it does not take, a name another account has).
NOT_RESTORABLE = frozenset({"denied", "refused", "renamed"})
LABEL_COLUMNS = ("name", "title", "milestone", "kind")


@dataclass(frozen=True)
class ConflictView:
    tbl: str
    row_id: str
    field: str
    lost_tag: str
    kind: str
    lost_value: Any
    won_value: Any
    current_value: Any  # what the record holds here now (None if it is not here)
    label: str  # the record's name, for people
    detected_by: str
    detected_at: str
    acknowledged: bool
    row_here: bool
    row_deleted: bool
    reason: str = ""  # why the server refused it: "problem:field"

    @property
    def key(self) -> tuple[str, str, str, str]:
        return (self.tbl, self.row_id, self.field, self.lost_tag)

    @property
    def can_restore(self) -> bool:
        """Can the lost value be written back here? (Not for a refused edit or whole row.)"""
        return self.row_here and self.kind not in NOT_RESTORABLE and self.field != "*"


def _loads(text: str | None) -> Any:
    return None if text is None else json.loads(text)


def list_conflicts(
    conn: sqlite3.Connection, *, include_acknowledged: bool = False, limit: int | None = None
) -> list[ConflictView]:
    """Newest first; open ones only unless asked."""
    where = "" if include_acknowledged else "WHERE acknowledged = 0"
    rows = conn.execute(
        "SELECT tbl, row_id, field, lost_tag, kind, lost_value, won_value, detected_by, "
        f"detected_at, acknowledged, reason FROM conflict_log {where} "
        f"ORDER BY detected_at DESC, lost_tag DESC {'LIMIT ?' if limit else ''}",
        (limit,) if limit else (),
    ).fetchall()
    out = []
    for tbl, row_id, fld, lost_tag, kind, lost, won, by, at, ack, reason in rows:
        current, label, here, deleted = _record(conn, tbl, row_id, fld)
        out.append(
            ConflictView(
                tbl,
                row_id,
                fld,
                lost_tag,
                kind,
                _loads(lost),
                _loads(won),
                current,
                label,
                by,
                at,
                bool(ack),
                here,
                deleted,
                reason or "",
            )
        )
    return out


def _record(
    conn: sqlite3.Connection, tbl: str, row_id: str, fld: str
) -> tuple[Any, str, bool, bool]:
    t = table_named(tbl)
    if t is None:
        return None, row_id[:8], False, False
    label_col = next((c for c in LABEL_COLUMNS if c in t.names), None)
    value_col = "deleted" if fld == DELETED_FIELD else fld if fld in t.names else None
    cols = ", ".join(["deleted", label_col or "id", value_col or "NULL"])
    row = conn.execute(f"SELECT {cols} FROM {tbl} WHERE id = ?", (row_id,)).fetchone()
    if row is None:
        return None, row_id[:8], False, False
    deleted, label, value = row
    if fld == DELETED_FIELD:
        value = bool(value)
    return value, str(label or row_id[:8]), True, bool(deleted)


def member_label(conn: sqlite3.Connection, user_id: Any) -> str | None:
    if not isinstance(user_id, str):
        return None
    row = conn.execute(
        "SELECT coalesce(nullif(name, ''), login) FROM users WHERE id = ?", (user_id,)
    ).fetchone()
    return row[0] if row else None


def links_to_team(tbl: str, fld: str) -> bool:
    t = table_named(tbl)
    return bool(t and fld in t.names and t.field(fld).ref == TEAM_TABLE)


def count_open(conn: sqlite3.Connection) -> int:
    return int(
        conn.execute("SELECT count(*) FROM conflict_log WHERE acknowledged = 0").fetchone()[0]
    )


def _find(ws: Workspace, key: tuple[str, str, str, str]) -> ConflictView:
    with ws.db.reading() as conn:
        for c in list_conflicts(conn, include_acknowledged=True):
            if c.key == tuple(key):
                return c
    raise NotFound("sync.conflicts.unknown")


def acknowledge(ws: Workspace, key: tuple[str, str, str, str]) -> None:
    """Keep the current value: the record is cleared from my list."""
    with ws.db.writing() as conn:
        conn.exec_driver_sql(
            "UPDATE conflict_log SET acknowledged = 1 WHERE tbl = ? AND row_id = ? AND "
            "field = ? AND lost_tag = ?",
            tuple(key),
        )


def keep_lost(ws: Workspace, key: tuple[str, str, str, str]) -> None:
    """Write the lost value back (restoring the record if a delete hid it), then clear."""
    from katerm.core import store

    c = _find(ws, key)
    if not c.can_restore:
        raise BadInput("sync.conflicts.cannot_restore")
    with ws.db.writing() as conn:
        if c.field == DELETED_FIELD:
            store.update(conn, c.tbl, c.row_id, {"deleted": bool(c.lost_value)}, actor_id=ws.me.id)
        else:
            if c.row_deleted:
                store.restore(conn, c.tbl, c.row_id, actor_id=ws.me.id)
            store.update(conn, c.tbl, c.row_id, {c.field: c.lost_value}, actor_id=ws.me.id)
        conn.exec_driver_sql(
            "UPDATE conflict_log SET acknowledged = 1 WHERE tbl = ? AND row_id = ? AND "
            "field = ? AND lost_tag = ?",
            c.key,
        )


# --- for people -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ConflictLine:
    """A conflict as text for a table row (CLI and TUI): every cell already formatted."""

    record: str
    field: str
    current: str
    lost: str
    kind: str
    by: str
    when: str


def describe(conn: sqlite3.Connection, c: ConflictView) -> ConflictLine:
    return ConflictLine(
        c.label,
        field_label(c.tbl, c.field),
        show_value(conn, c, c.current_value) if c.row_here else "—",
        show_value(conn, c, c.lost_value),
        kind_text(c),
        c.detected_by,
        c.detected_at[:16],
    )


def kind_text(c: ConflictView) -> str:
    """What happened, with the server's reason for a refusal."""
    text = t(f"sync.kind.{c.kind}") if has_key(f"sync.kind.{c.kind}", "en") else c.kind
    why = c.reason.partition(":")[0]
    if why and has_key(f"sync.why.{why}", "en"):
        text = t("reviews.labelled", label=text, text=t(f"sync.why.{why}"))
    return text


def field_label(tbl: str, field: str) -> str:
    """A field's name in the interface language (the form's label when there is one)."""
    if field == DELETED_FIELD:
        return t("sync.field_deleted")
    if field == "*":
        return t("sync.field_all")
    singular = {"accounts": "account", "contacts": "contact"}.get(tbl, tbl.rstrip("s"))
    key = f"fields.{singular}.{'owner' if field == 'owner_id' else field}"
    return t(key) if has_key(key, "en") else field


def show_value(conn: sqlite3.Connection, c: ConflictView, value: Any) -> str:
    """A value as people read it: a member's name, deleted or not, — for nothing."""
    from rich.cells import cell_len, set_cell_size

    if c.field == DELETED_FIELD:
        return t("sync.value_deleted") if value else t("sync.value_live")
    if value is None or value == "":
        return "—"
    if c.field == "*" and isinstance(value, dict):
        return str(value.get("name") or value.get("title") or "…")
    if links_to_team(c.tbl, c.field):
        return member_label(conn, value) or str(value)[:8]
    if isinstance(value, int | float) and not isinstance(value, bool):
        from katerm.i18n.fmt import fmt_number

        return fmt_number(value)
    text = str(value).replace("\n", " ")
    return text if cell_len(text) <= 40 else set_cell_size(text, 39) + "…"


@dataclass(frozen=True)
class ConflictRow:
    """A conflict as the sync screen lists it: the record, its line, the account to open."""

    conflict: ConflictView
    line: ConflictLine
    account_id: str | None  # the record itself, or the account it belongs to; None: neither


def account_of(conn: sqlite3.Connection, c: ConflictView) -> str | None:
    """The account a conflict's record belongs to (the record itself, or its account)."""
    if not c.row_here:
        return None
    if c.tbl == "accounts":
        return c.row_id
    found = table_named(c.tbl)
    if found is None or "account_id" not in found.names:
        return None
    row = conn.execute(f"SELECT account_id FROM {c.tbl} WHERE id = ?", (c.row_id,)).fetchone()
    return row[0] if row else None


def load_conflict_rows(
    db: Database, *, include_acknowledged: bool = False, limit: int = 5000
) -> list[ConflictRow]:
    """The conflicts as the sync screen lists them, in one read."""
    with db.reading() as conn:
        return [
            ConflictRow(c, describe(conn, c), account_of(conn, c))
            for c in list_conflicts(conn, include_acknowledged=include_acknowledged, limit=limit)
        ]
