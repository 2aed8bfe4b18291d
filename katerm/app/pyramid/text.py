"""The pyramid's words and small text tables, shared by its panes."""

from __future__ import annotations

from rich.cells import cell_len

from katerm.i18n import t


def tier_label(tier: str | None) -> str:
    return t(f"fields.tier.{tier}") if tier else t("pyramid.untiered")


def text_table(headers: list[str], rows: list[list[str]]) -> str:
    """A small aligned table as text (widths in cells; the first column left, the rest right)."""
    widths = [max(cell_len(row[i]) for row in [headers, *rows]) for i in range(len(headers))]

    def line(cells: list[str]) -> str:
        first = cells[0] + " " * (widths[0] - cell_len(cells[0]))
        rest = (
            "  " + " " * (w - cell_len(c)) + c for c, w in zip(cells[1:], widths[1:], strict=True)
        )
        return first + "".join(rest)

    return "\n".join(line(r) for r in [headers, *rows])
