"""A plain table's columns are as wide as their widest value as soon as it is filled, not at
the table's next idle moment (a picture taken before showed "Account Na" at 80 columns)."""

from __future__ import annotations

from rich.text import Text
from textual.app import App, ComposeResult
from textual.widgets import DataTable

from katerm.app.widgets.filled_table import fill_table


class One(App[None]):
    def compose(self) -> ComposeResult:
        yield DataTable(id="t")


async def test_widths_are_set_when_filled_before_any_idle_moment():
    app = One()
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.query_one(DataTable)
        fill_table(
            table, ["文件中的列", "Field"], [["Account Name", Text("→ 客户名称")], ["Type", "?"]]
        )
        # No pause: the table has not measured anything itself yet.
        assert [c.width for c in table.columns.values()] == [12, 10]
        assert not any(c.auto_width for c in table.columns.values())
        fill_table(table, ["A"], [["Blue River Foods"]], keys=["blue"])  # replaced, with a key
        assert [c.width for c in table.columns.values()] == [16]
        await pilot.pause()
        assert table.get_row("blue") == ["Blue River Foods"]
