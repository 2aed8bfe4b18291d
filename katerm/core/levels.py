"""The one relationship-level scale: how close we are to a person, 0–5 with a word each.

0 unknown · 1 acquainted · 2 working contact · 3 trusted · 4 friend · 5 partner — from the
customer's work circle into their life circle (DOMAIN.md §5). The person's current level is
stored once, on the contact (``contacts.level``); the influence map shows and edits it, the
gap table reads it as its "now" and keeps only the target. Every change of a person's level
that has a gap row is kept in the gap score history (``gap_scores``, dimension ``level``) by
:func:`record_change`, whichever screen made it.

Files and forms may give the number, the word in either language, ``3 trusted`` or the old
contact-level words (none / met / regular / trusted, 未接触 / 见过面 / 常联系 / 深度信任, as
migration 0023 maps them): :func:`parse_level` turns any of them into the number.
"""

from __future__ import annotations

import re
from datetime import datetime
from functools import cache
from typing import TYPE_CHECKING, Any

from katerm.core import store
from katerm.core.errors import FieldError
from katerm.i18n import LANGUAGES, t

if TYPE_CHECKING:
    import sqlite3

LOWEST, HIGHEST = 0, 5
# The words, by step (catalogue ``gaps.level.<word>``).
LEVELS = ("unknown", "acquainted", "working", "trusted", "friend", "partner")
# The old contact level (before migration 0023) on this scale; the migration uses the same.
OLD_CONTACT_LEVELS = {"none": 0, "met": 1, "regular": 2, "trusted": 3}
# What we call "reached": met at least.
REACHED = 1

# Words found in sheets and said in meetings, beyond the six keys and their two labels.
_ALIASES = {
    "none": 0,
    "no": 0,
    "never": 0,
    "未接触": 0,
    "不认识": 0,
    "陌生": 0,
    "met": 1,
    "见过面": 1,
    "见过": 1,
    "regular": 2,
    "working_contact": 2,
    "常联系": 2,
    "工作关系": 2,
    "工作": 2,
    "深度信任": 3,
    "friends": 4,
    "朋友": 4,
    "私人朋友": 4,
    "合作伙伴": 5,
    "战略伙伴": 5,
}
_NUMBERED = re.compile(r"^\s*([0-9]+)\s*(?:[\s:：.\-–—]\s*(.*))?$")


def word_key(level: int) -> str:
    """The catalogue key of a level's word (``gaps.level.trusted``); out of range is clamped."""
    return f"gaps.level.{LEVELS[max(LOWEST, min(HIGHEST, level))]}"


def word(level: int, lang: str | None = None) -> str:
    """A level's word in the interface language (``信任``)."""
    return t(word_key(level), lang=lang)


def label(level: int, lang: str | None = None) -> str:
    """The number with its word, as the map and exports show it: ``3 trusted``, ``3 信任``."""
    return f"{level} {word(level, lang)}"


def _fold(text: str) -> str:
    return re.sub(r"[\s\-]+", "_", text.strip().casefold()).strip("_")


@cache
def _lookup() -> dict[str, int]:
    table: dict[str, int] = {}
    for number, key in enumerate(LEVELS):
        table[_fold(key)] = number
        for lang in LANGUAGES:
            table.setdefault(_fold(t(f"gaps.level.{key}", lang=lang)), number)
    for alias, number in _ALIASES.items():
        table.setdefault(_fold(alias), number)
    return table


def parse_level(value: Any, *, field: str = "level") -> int:
    """The level 0–5 for what a user gave: ``3``, ``"3"``, ``3 trusted``, ``trusted``,
    ``信任``, an old contact-level word (``met`` → 1). Empty is 0 (unknown). Raises
    :class:`FieldError` on ``field`` saying what is accepted."""
    if isinstance(value, bool):
        raise FieldError(field, "fields.err.bad_level", value=value, choices=choices())
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        if LOWEST <= value <= HIGHEST:
            return value
        raise FieldError(field, "fields.err.bad_level", value=value, choices=choices())
    text = "" if value is None else str(value).strip()
    if not text:
        return LOWEST
    numbered = _NUMBERED.match(text)
    if numbered:
        number = int(numbered[1])
        said = numbered[2]
        if LOWEST <= number <= HIGHEST and (
            not said or _lookup().get(_fold(said), number) == number
        ):
            return number
        raise FieldError(field, "fields.err.bad_level", value=text, choices=choices())
    found = _lookup().get(_fold(text))
    if found is None:
        raise FieldError(field, "fields.err.bad_level", value=text, choices=choices())
    return found


def choices(lang: str | None = None) -> str:
    """The scale as an error message lists it: ``0 unknown, 1 acquainted, …``."""
    return t("dialog.names", lang=lang, names=[label(n, lang) for n in range(LOWEST, HIGHEST + 1)])


def record_change(
    conn: Any,
    contact_id: str,
    old: int | None,
    new: int,
    *,
    actor_id: str,
    at: datetime,
) -> None:
    """Keep a change of the person's level in their gap row's score history (if they have a
    live gap row and the level really changed), in the caller's write transaction."""
    if old == new:
        return
    raw: sqlite3.Connection = conn.connection.driver_connection
    found = raw.execute(
        "SELECT id, owner_id FROM gap_rows WHERE contact_id = ? AND deleted = 0", (contact_id,)
    ).fetchone()
    if found is None:
        return
    store.apply(
        conn,
        "gap_scores",
        [
            store.Change(
                None,
                {
                    "owner_id": found[1],
                    "gap_row_id": found[0],
                    "dimension": "level",
                    "target": False,
                    "old": old,
                    "new": new,
                    "changed_by": actor_id,
                    "changed_at": at,
                },
                new=True,
            )
        ],
        actor_id=actor_id,
    )


def update_contact(
    conn: Any, contact_id: str, values: dict[str, Any], *, actor_id: str, at: datetime
) -> None:
    """Write a contact's clean ``values`` (:func:`store.update`) and keep a change of its
    ``level`` in the gap score history (:func:`record_change`): what every contact form uses,
    so the level's history is the same whichever screen changed it."""
    old = None
    if "level" in values:
        raw: sqlite3.Connection = conn.connection.driver_connection
        found = raw.execute("SELECT level FROM contacts WHERE id = ?", (contact_id,)).fetchone()
        old = None if found is None else int(found[0] or 0)
    store.update(conn, "contacts", contact_id, values, actor_id=actor_id)
    if "level" in values and old is not None:
        record_change(conn, contact_id, old, int(values["level"]), actor_id=actor_id, at=at)
