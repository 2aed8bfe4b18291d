"""A table's columns: which fit the terminal, how wide each is, and a value cut to its cell.

Columns have a priority: on a narrow terminal the least important ones are hidden instead of
squeezing everything into illegibility. Widths are measured in terminal cells, so Chinese
text lines up and is never cut mid-character.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from rich.cells import cell_len, set_cell_size
from rich.text import Span, Text


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    min_width: int
    priority: int = 0  # lower is more important; hidden last
    numeric: bool = False
    grow: int = 0  # share of spare width
    # Short values read only whole (a person's name: "Danie…" names no one): the column gets
    # its values' width before the growing columns grow past NAME_ROOM.
    whole: bool = False
    # A growing text that is not a name (a gap's next action): cut short of this many cells,
    # it hides the optional columns as a cut name does (0: it never does). A text column that
    # does not grow (an industry): it gets its values' width up to this many cells once the
    # names have NAME_ROOM, before they grow on (the names took every spare cell, and every
    # industry was cut to its header's width at 120 columns: "Financi…").
    room: int = 0


def fit_cell(text: str, width: int, numeric: bool = False) -> str:
    """``text`` in exactly ``width`` cells: padded (numbers to the right), or cut with an
    ellipsis so a cut name never looks whole ("Goldenbrook Microelectro…")."""
    used = cell_len(text)
    if used <= width:
        return " " * (width - used) + text if numeric else text + " " * (width - used)
    if width < 2:
        return set_cell_size(text, width)
    cut = set_cell_size(text, width - 1).rstrip(" ") + "…"  # a CJK cell spare: "带… ", not "带 …"
    return cut + " " * (width - cell_len(cut))


def fit_text(text: Text, width: int) -> Text:
    """``text`` (its styles kept) as it is if it fits in ``width`` cells, else cut to them with
    an ellipsis, as :func:`fit_cell` cuts a plain string; the ellipsis takes the style of the
    character before it (a highlighted line stays highlighted to its end)."""
    if text.cell_len <= width:
        return text
    cut = fit_cell(text.plain, width).rstrip(" ")
    if not cut.endswith("…"):  # too narrow for an ellipsis
        return text[: len(cut)]
    keep = len(cut) - 1
    kept = text[:keep]
    kept.append("…")
    kept.spans = [Span(s.start, s.end + 1, s.style) if s.end == keep else s for s in kept.spans]
    return kept


def fit_columns(
    columns: Sequence[Column],
    width: int,
    content: Mapping[str, int] | None = None,
    sorted_key: str | None = None,
) -> list[tuple[Column, int]]:
    """Pick the columns that fit in ``width`` cells and size them (see :func:`_fitted`), so
    that a wider window never shortens a name (a growing column of priority 0 or 1).

    Each width's layout is found from the one a cell narrower, walking up from
    ``WALK_FROM`` cells: the names keep at least what of their values they showed there, and
    the least important optional columns give way until they do (an essential column still
    takes its room from the names when it first fits). (Screen 1 cut its names to 24
    cells at 120 columns and gave them 30 at 80: each new optional column took the cells
    the names had grown into back.)
    """
    values = tuple(sorted((content or {}).items()))
    for step in range(WALK_FROM, width, WALK_STEP):  # a wide terminal: no deep recursion
        _walked(tuple(columns), step, values, sorted_key)
    return list(_walked(tuple(columns), width, values, sorted_key))


WALK_FROM = 20  # narrower tables are laid out on their own
WALK_STEP = 100  # widths walked per call at most


@lru_cache(maxsize=4096)
def _walked(
    columns: tuple[Column, ...],
    width: int,
    values: tuple[tuple[str, int], ...],
    sorted_key: str | None,
) -> tuple[tuple[Column, int], ...]:
    content = dict(values)
    fresh = _fitted(columns, width, content, sorted_key)
    if width <= WALK_FROM:
        return tuple(fresh)
    before = _walked(columns, width - 1, values, sorted_key)  # cached: one walk per table
    if any(c.priority < OPTIONAL_PRIORITY for c, _ in fresh if c not in dict(before)):
        return tuple(fresh)  # an essential column appears: it takes its room from the names
    need = _shown(before, content)
    if not _keeps(fresh, need, content):
        fresh = _giving_way(columns, [c for c, _ in fresh], width, content, sorted_key, need)
        if not _keeps(fresh, need, content):  # the columns of a cell narrower, one cell wider
            fresh = _resized(columns, [c for c, _ in before], width, content, sorted_key)
    return tuple(fresh)


def _shown(layout: Sequence[tuple[Column, int]], content: Mapping[str, int]) -> dict[str, int]:
    """What of each name can be read: past its values' width a cell is padding."""
    return {
        c.key: min(w, content.get(c.key, c.min_width))
        for c, w in layout
        if c.grow and c.priority <= NAME_PRIORITY
    }


def _keeps(
    layout: Sequence[tuple[Column, int]], need: dict[str, int], content: Mapping[str, int]
) -> bool:
    now = _shown(layout, content)
    return all(now.get(key, 0) >= cells for key, cells in need.items())


def _resized(
    columns: Sequence[Column],
    keep: Sequence[Column],
    width: int,
    content: Mapping[str, int],
    sorted_key: str | None,
    need: Mapping[str, int] | None = None,
) -> list[tuple[Column, int]]:
    """``keep`` sized in ``width`` cells, the names at least ``need`` cells wide."""
    kept = [c for c in columns if c in keep]
    need = need or {}
    floor = lambda c: max(_floor(c, content, sorted_key), need.get(c.key, 0))  # noqa: E731
    widths = _sized(kept, width, content, floor)
    return [(c, widths[c.key]) for c in kept]


def _giving_way(
    columns: Sequence[Column],
    chosen: list[Column],
    width: int,
    content: Mapping[str, int],
    sorted_key: str | None,
    need: dict[str, int],
) -> list[tuple[Column, int]]:
    """``chosen`` sized with the names ``need`` cells wide first, less its least important
    optional columns, one at a time, until the others show their values whole beside them
    (an optional column waits until it fits whole: "Food &…" beside a whole name is no gain)."""
    fewer = list(chosen)
    optional = [c for c in chosen if c.priority >= OPTIONAL_PRIORITY and c.key not in need]
    for gone in [None, *sorted(optional, key=lambda c: -c.priority)]:
        if gone is not None:
            fewer.remove(gone)
        least = sum(max(_floor(c, content, sorted_key), need.get(c.key, 0)) + 2 for c in fewer)
        if least <= width:
            layout = _resized(columns, fewer, width, content, sorted_key, need)
            if all((c.grow and not c.room) or w >= _whole(c, content) for c, w in layout):
                return layout
    return _resized(columns, fewer, width, content, sorted_key)


def _whole(c: Column, content: Mapping[str, int]) -> int:
    """The cells that show a column's values whole (a roomy text: up to its room)."""
    values = content.get(c.key, 0)
    return min(values, c.room) if c.room else values


def _floor(c: Column, content: Mapping[str, int], sorted_key: str | None) -> int:
    """A column's least width: its header (and the sort arrow), its values up to its minimum."""
    values = content.get(c.key)
    least = c.min_width if values is None else min(values, c.min_width)
    return max(cell_len(c.label) + (c.key == sorted_key), least)


def _fitted(
    columns: Sequence[Column],
    width: int,
    content: Mapping[str, int],
    sorted_key: str | None = None,
) -> list[tuple[Column, int]]:
    """Pick the columns that fit in ``width`` cells (most important first) and size them.

    ``content`` is how wide each column's values are (cells). A column takes at least its
    header and its values up to its ``min_width`` (narrow values: less); columns are hidden,
    least important first, until those fit. The room left goes to the names (the growing
    columns) up to their values' width first, then to the other columns up to theirs, then
    to the names again. Columns of short names (``whole``: an owner) come first of all: the
    growing columns reach ``NAME_ROOM`` cells, then those get their values' width. While a
    name (a growing column of priority 0 or 1) is cut short of ``NAME_ROOM`` cells, the
    optional columns (priority 5 and beyond) are hidden first; the essential ones (the
    pipeline's order state, a gap's due date…) stay while they fit. While a short name is
    cut, the optional columns less important than it are hidden.
    The column sorted on (``sorted_key``) has room for its arrow after the header (Tier▲).
    """

    def floor(c: Column) -> int:
        return _floor(c, content, sorted_key)

    chosen = sorted(columns, key=lambda c: c.priority)
    while chosen:
        needed = sum(floor(c) + 2 for c in chosen)
        if needed <= width or len(chosen) == 1:
            break
        chosen.pop()  # drop the least important
    while True:
        widths = _sized([c for c in columns if c in chosen], width, content, floor)
        # A name cut short of NAME_ROOM hides the optional columns, least important first.
        starved = [
            c
            for c in chosen
            if (
                c.grow
                and c.priority <= NAME_PRIORITY
                and widths[c.key] < min(content.get(c.key, 0), max(c.min_width, NAME_ROOM))
            )
            or (c.grow and c.room and widths[c.key] < min(content.get(c.key, 0), c.room))
        ]
        optional = [c for c in chosen if not c.grow and c.priority >= OPTIONAL_PRIORITY]
        if not starved:
            chosen, widths = _whole_short_name(columns, chosen, widths, width, content, floor)
            break
        if not optional:
            break
        chosen.remove(optional[-1])
    return [(c, widths[c.key]) for c in columns if c in chosen]


def _whole_short_name(
    columns: Sequence[Column],
    chosen: list[Column],
    widths: dict[str, int],
    width: int,
    content: Mapping[str, int],
    floor: Callable[[Column], int],
) -> tuple[list[Column], dict[str, int]]:
    """A short name (``whole``) cut: the optional columns less important than it go, least
    important first, as far as that shows it whole; if it would still be cut, none goes."""
    cut = [c for c in chosen if c.whole and widths[c.key] < content.get(c.key, 0)]
    if not cut:
        return chosen, widths
    name = cut[0]
    fewer = list(chosen)
    for gone in sorted(
        (c for c in chosen if not c.grow and c.priority >= OPTIONAL_PRIORITY),
        key=lambda c: -c.priority,
    ):
        if gone.priority <= name.priority:
            break
        fewer.remove(gone)
        tried = _sized([c for c in columns if c in fewer], width, content, floor)
        if tried[name.key] >= content.get(name.key, 0):
            return fewer, tried
    return chosen, widths


NAME_ROOM = 24  # a name gets this many cells (or all it needs) before an optional column
NAME_PRIORITY = 1  # the names: growing columns this important
OPTIONAL_PRIORITY = 5  # columns this unimportant give way to the names; the others stay


def _sized(
    keep: list[Column], width: int, content: Mapping[str, int], floor: Callable[[Column], int]
) -> dict[str, int]:
    widths = {c.key: floor(c) for c in keep}
    spare = max(0, width - sum(w + 2 for w in widths.values()))
    growers = [c for c in keep if c.grow] or keep[:1]
    others = sorted((c for c in keep if c not in growers), key=lambda c: c.priority)

    def fill(group: list[Column], spare: int, cap: int | None = None) -> int:
        """Widen ``group`` towards its values' width (or ``cap`` cells, if less, and not below
        where a column is), shared by weight; the room left."""

        def goal(c: Column) -> int:
            full = content.get(c.key, 0)
            return full if cap is None else min(full, max(widths[c.key], cap))

        goals = {c.key: goal(c) for c in group}
        needy = [c for c in group if widths[c.key] < goals[c.key]]
        while spare and needy:
            for c in needy:
                add = min(c.grow or 1, goals[c.key] - widths[c.key], spare)
                widths[c.key] += add
                spare -= add
            needy = [c for c in needy if widths[c.key] < goals[c.key]]
        return spare

    whole = [c for c in others if c.whole]
    roomy = [c for c in others if c.room]
    if whole or roomy:  # the names to NAME_ROOM, then the short names whole and the roomy
        # texts to their room, before growing on: a growing text (a gap's next action) waits,
        # or it cut the owner ("Steven Ha…")
        names = [c for c in growers if c.priority <= NAME_PRIORITY] or growers
        spare = fill(names, spare, NAME_ROOM)
        for c in whole:
            spare = fill([c], spare)
        for c in roomy:
            spare = fill([c], spare, c.room)
    spare = fill(growers, spare)
    for c in others:  # one at a time, most important first: whole values, not all cut
        spare = fill([c], spare)
    total_grow = sum(c.grow or 1 for c in growers)
    for c in growers:
        widths[c.key] += spare * (c.grow or 1) // total_grow
    return widths


SAMPLE_ROWS = 400  # rows measured for the columns' widths (spread over a long table)


def sample_rows(count: int) -> range | list[int]:
    """The rows measured for the columns' widths: all of a short table, a spread of a long one."""
    if count <= SAMPLE_ROWS:
        return range(count)
    step = count / SAMPLE_ROWS
    return [int(i * step) for i in range(SAMPLE_ROWS)]
