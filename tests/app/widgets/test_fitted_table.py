"""A small table fits its width: nothing scrolls off sideways, a long value is cut with an
ellipsis, and the columns that give way are named (the Stages, Competitors and Routines tabs
lost their last columns off the right edge)."""

from __future__ import annotations

from rich.text import Text
from textual.app import App, ComposeResult

from katerm.app.widgets.columns import Column
from katerm.app.widgets.fitted_table import FittedTable

COLUMNS = [
    Column("who", "Competitor", 8, priority=0, whole=True),
    Column("offer", "Their offer", 12, priority=2, grow=2),
    Column("strategy", "Their strategy", 12, priority=3, grow=2),
    Column("note", "Note", 10, priority=6),
]
LONG = "Go over our head to the general manager and win the purchasing department on price"


class One(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.hidden: list[list[str]] = []

    def compose(self) -> ComposeResult:
        yield FittedTable(COLUMNS, id="t", on_hidden=self.hidden.append)

    def on_mount(self) -> None:
        row = [Text("华智科技", style="bold"), "Free first-year maintenance", LONG, "x" * 30]
        self.query_one(FittedTable).show([("a", row)])


async def test_a_narrow_table_cuts_and_hides_instead_of_scrolling_sideways():
    app = One()
    async with app.run_test(size=(48, 10)) as pilot:
        await pilot.pause()
        table = app.query_one(FittedTable)
        assert table.max_scroll_x == 0
        cells = [str(getattr(c, "plain", c)) for c in table.get_row("a")]
        assert cells[0] == "华智科技" and cells[-1].endswith("…")
        assert [str(k.value) for k in table.columns] == ["who", "offer", "strategy"]
        assert app.hidden[-1] == ["Note"]
        await pilot.resize_terminal(160, 10)
        await pilot.pause()
        assert table.hidden == [] and LONG in [
            str(getattr(c, "plain", c)) for c in table.get_row("a")
        ]
