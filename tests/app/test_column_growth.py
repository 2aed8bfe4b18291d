"""A wider window never shortens a name: every fitted table, 1-cell steps from 60 to 200
(from the width where its essential columns all show: below it, one appearing takes its room
from the names).

Screen 1 at 120 columns cut "Stoneline Beverages Hol…" to 24 cells while 80 columns gave it 30:
at each width a new optional column took the names' spare cells back.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from katerm.app.accounts.screen import account_columns
from katerm.app.gaps.table import gap_columns
from katerm.app.pipeline.screen import pipeline_columns
from katerm.app.pyramid.suggestions import suggestion_columns
from katerm.app.widgets.columns import NAME_PRIORITY, OPTIONAL_PRIORITY, Column, fit_columns
from katerm.i18n import set_language

# Values' widths (cells) as the demo shows them, in English and in Chinese.
TABLES: list[tuple[str, Callable[[], list[Column]], str, dict[str, int]]] = [
    ("accounts", account_columns, "en", {"name": 45, "tier": 1, "lifecycle": 8, "industry": 22}),
    ("accounts", account_columns, "zh_CN", {"name": 24, "tier": 1, "lifecycle": 4, "industry": 8}),
    ("pipeline", pipeline_columns, "en", {"name": 22, "account": 30, "stage": 11, "amount": 9}),
    ("pipeline", pipeline_columns, "zh_CN", {"name": 16, "account": 24, "stage": 4, "amount": 8}),
    ("gaps", lambda: gap_columns(one_account=False), "en", {"person": 16, "account": 42}),
    ("gaps", lambda: gap_columns(one_account=False), "zh_CN", {"person": 6, "account": 24}),
    ("account gaps", lambda: gap_columns(one_account=True), "en", {"person": 16}),
    ("suggestions", suggestion_columns, "en", {"name": 45, "change": 5, "reason": 70}),
    ("suggestions", suggestion_columns, "zh_CN", {"name": 24, "change": 5, "reason": 40}),
]
REST = {
    "en": {"region": 15, "annual_revenue": 10, "owner": 15, "last_activity": 10, "tier": 1}
    | {"order_state": 11, "expected_close": 10, "probability": 4, "role": 14, "influence": 3}
    | {"level": 3, "gap": 1, "dims": 30, "action": 55, "due": 11, "status": 8, "trend": 5},
    "zh_CN": {"region": 6, "annual_revenue": 10, "owner": 6, "last_activity": 10, "tier": 1}
    | {"order_state": 9, "expected_close": 10, "probability": 4, "role": 8, "influence": 3}
    | {"level": 3, "gap": 1, "dims": 16, "action": 30, "due": 10, "status": 6, "trend": 5},
}
CASES = [
    pytest.param(make, lang, REST[lang] | content | scale, id=f"{name}-{lang}-{i}")
    for name, make, lang, content in TABLES
    for i, scale in enumerate([{}, {k: v // 2 for k, v in content.items()}])
]


def layouts(make: Callable[[], list[Column]], lang: str, content: dict[str, int]):  # type: ignore[no-untyped-def]
    set_language(lang)
    try:
        columns = make()
        for width in range(60, 201):
            yield width, {c.key: (c, w) for c, w in fit_columns(columns, width, content)}
    finally:
        set_language("en")


@pytest.mark.parametrize(("make", "lang", "content"), CASES)
def test_a_name_never_narrows_as_the_window_widens(make, lang, content):  # type: ignore[no-untyped-def]
    before: dict[str, int] = {}
    essential = {c.key for c in make() if c.priority < OPTIONAL_PRIORITY}
    for width, shown in layouts(make, lang, content):
        if not essential <= set(shown):
            # narrower than the essential columns: one appearing takes its room from the names
            assert not before, (width, "an essential column gave way at a wider width")
            continue
        for key, (column, cells) in shown.items():
            if column.grow and column.priority <= NAME_PRIORITY:
                seen = min(cells, content[key])  # what of the name can be read
                assert seen >= before.get(key, 0), (width, key, seen, before[key])
                before[key] = seen


@pytest.mark.parametrize(("make", "lang", "content"), CASES)
def test_no_cell_is_left_at_the_right_while_a_shown_column_is_cut(make, lang, content):  # type: ignore[no-untyped-def]
    for width, shown in layouts(make, lang, content):
        used = sum(cells + 2 for _, cells in shown.values())
        cut = [key for key, (_, cells) in shown.items() if cells < content[key]]
        assert used == width or not cut, (width, used, cut)


def test_a_very_wide_terminal_is_laid_out():
    """The walk up from narrow widths stays shallow: 2,000 cells raise no RecursionError."""
    columns = account_columns()
    shown = {c.key: w for c, w in fit_columns(columns, 2000, REST["en"] | TABLES[0][3])}
    assert shown["name"] >= 45 and len(shown) == len(columns)
