"""Small helpers for building read queries: a list of values in a WHERE clause, a LIKE pattern."""

from __future__ import annotations

from collections.abc import Iterable


def in_clause(
    column: str, values: Iterable[str] | None, *, prefer_scan: bool = False
) -> tuple[str, list[str]]:
    """``AND column IN (?, ...)`` and its parameters; nothing for None (no restriction).

    ``prefer_scan``: with several values, read the table through rather than through the
    column's index. For owners that is much faster: a lead's team owns a large share of the
    rows, and one index lookup per row costs several times a plain scan (bench_pipeline).
    """
    if values is None:
        return "", []
    chosen = list(values)
    if not chosen:
        return " AND 0", []
    target = f"+{column}" if prefer_scan and len(chosen) > 1 else column
    return f" AND {target} IN ({', '.join('?' * len(chosen))})", chosen


def like_pattern(text: str) -> str:
    """A LIKE pattern (with ESCAPE '\\') for names containing ``text``, its % and _ literal."""
    return "%" + like_escape(text) + "%"


def like_escape(text: str) -> str:
    """``text`` with LIKE's wildcards (and the escape character itself) taken literally."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
