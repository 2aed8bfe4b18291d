"""A ticked option and an unticked one read differently without colour (a text capture, a
monochrome terminal): Textual drew both as ``▐X▌``."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual.app import App, ComposeResult

import katerm.app
from katerm.app.widgets.ticks import TickBox, TickList, TickRadio


class _Ticks(App[None]):
    def compose(self) -> ComposeResult:
        yield TickList(("陈总", "a", True), ("Jack Smith", "b"), id="list")
        yield TickBox("Budget known", True, id="on")
        yield TickBox("Decision maker met", False, id="off")
        yield TickRadio("Convert", True, id="chosen")
        yield TickRadio("Drop", False, id="other")


def _text(app: App[None], widget_id: str, line: int = 0) -> str:
    widget = app.query_one(f"#{widget_id}")
    return widget.render_line(line).text if isinstance(widget, TickList) else str(widget.render())


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_selected_and_unselected_read_apart_without_colour(size):
    app = _Ticks()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert "▐✓▌ 陈总" in _text(app, "list", 0)
        assert "▐ ▌ Jack Smith" in _text(app, "list", 1)
        assert "▐✓▌" in _text(app, "on") and "▐ ▌" in _text(app, "off")
        assert "▐●▌" in _text(app, "chosen") and "▐ ▌" in _text(app, "other")
        app.query_one("#list", TickList).select("b")  # selecting shows the tick at once
        app.query_one("#off", TickBox).value = True
        await pilot.pause()
        assert "▐✓▌ Jack Smith" in _text(app, "list", 1)
        assert "▐✓▌" in _text(app, "off")
        assert "X" not in _text(app, "list", 0) + _text(app, "on")


def test_no_screen_builds_textuals_own_toggles():
    """Textual's check boxes, radio buttons and selection lists tell on from off by colour
    only: the app builds katerm.app.widgets.ticks' instead."""
    root = Path(katerm.app.__file__).parent
    own = re.compile(r"\b(Checkbox|RadioButton|SelectionList(\[[^\]]*\])?)\(")
    found = [
        f"{path.relative_to(root)}:{n}"
        for path in root.rglob("*.py")
        if path.name != "ticks.py"
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if own.search(line) and not line.lstrip().startswith(("class ", "#"))
    ]
    assert found == []
