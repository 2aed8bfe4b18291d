"""The columns of each kind of file, and the many ways spreadsheets title them.

The canonical header of a column is the field's snake_case name (``annual_revenue``); that is
what exports write. Imports also accept the field's label in every interface language (from
the ``fields.*`` catalogues, so a header the template wrote always reads back) and the words
sales teams put at the top of their own sheets (``年销售额``, ``客户经理``, ``Company``).
Matching ignores case, surrounding spaces, ``*`` marks for required columns and the
difference between spaces, dashes and underscores.

A money column may carry its unit in brackets, ``年收入（万元）``: its figures are then
multiplied out (500 -> 5,000,000), because importing them as yuan would be silently wrong.
"""

from __future__ import annotations

import re
from functools import cache

from katerm.core.errors import BadInput
from katerm.core.io.kind import Col, Kind
from katerm.core.io.kinds import KINDS as _KINDS
from katerm.core.io.kinds import REGISTRY as _REGISTRY
from katerm.core.io.kinds import get
from katerm.i18n import LANGUAGES, has_key, t

KINDS = _KINDS


def kind_of(kind: str) -> Kind:
    return get(kind)


# Row counters that spreadsheets keep in their first column; they carry no data.
IGNORED = "\0ignored"
_IGNORED_HEADERS = ("序号", "行号", "#", "no", "no.")

_UNITS = {
    "元": 1,
    "cny": 1,
    "rmb": 1,
    "yuan": 1,
    "¥": 1,
    "￥": 1,
    "人民币": 1,
    "千元": 1e3,
    "千": 1e3,
    "k": 1e3,
    "万元": 1e4,
    "万": 1e4,
    "百万元": 1e6,
    "百万": 1e6,
    "m": 1e6,
    "亿元": 1e8,
    "亿": 1e8,
}
_BRACKETED = re.compile(r"(.+?)\s*[(（\[【]\s*([^()（）\[\]【】]*?)\s*[)）\]】]")


def columns_of(kind: str) -> tuple[Col, ...]:
    return get(kind).columns


def column_names(kind: str) -> tuple[str, ...]:
    return tuple(c.name for c in get(kind).columns)


def label(kind: str, name: str, lang: str | None = None) -> str:
    """The column's title in an interface language (what a template in that language shows);
    the canonical name when the catalogue has none."""
    key = f"{get(kind).label_area}.{name}"
    return t(key, lang=lang) if has_key(key, "en") else name


def normalize_header(text: object) -> str:
    """A header as matching sees it: case, spaces, dashes and ``*`` marks don't count."""
    cleaned = str(text).replace("\ufeff", "").strip().casefold()
    cleaned = cleaned.strip("*:：").strip()
    return re.sub(r"[\s\-_/]+", "_", cleaned).strip("_")


@cache
def alias_table(kind: str) -> dict[str, str]:
    """Every accepted (normalised) header of a kind of file -> its column's canonical name."""
    table: dict[str, str] = {}
    for column in get(kind).columns:
        words = [
            column.name,
            *column.aliases,
            *(label(kind, column.name, lang) for lang in LANGUAGES),
        ]
        for word in words:
            # The first column to claim a word keeps it (``id`` before ``account_id``).
            table.setdefault(normalize_header(word), column.name)
    for word in _IGNORED_HEADERS:
        table.setdefault(normalize_header(word), IGNORED)
    return table


def match_header(kind: str, header: object) -> tuple[str | None, float]:
    """The column a header names and the factor for its figures; None if it names none.

    Returns ``(IGNORED, 1)`` for a row counter such as ``序号``.
    """
    table = alias_table(kind)
    key = normalize_header(header)
    if key in table:
        return table[key], 1
    bracketed = _BRACKETED.fullmatch(str(header).strip().strip("*:："))
    if bracketed:
        name = table.get(normalize_header(bracketed[1]))
        unit = _UNITS.get(bracketed[2].strip().casefold())
        if name and unit and any(c.name == name and c.money for c in get(kind).columns):
            return name, unit
    return None, 1


def accepted_headers(kind: str, name: str) -> str:
    """Headers a column accepts (canonical, English and Chinese label), for messages."""
    return f"{name} / {label(kind, name, lang='en')} / {label(kind, name, lang='zh_CN')}"


def check_kind(kind: str) -> str:
    """The canonical name of a kind the user typed (``orders`` -> ``opportunities``)."""
    found = _REGISTRY.find(kind)
    if found is None:
        raise BadInput("io.err.bad_kind", value=kind, choices=tuple(KINDS))
    return found.name
