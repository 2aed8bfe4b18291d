"""The key panel (F1) and the footer name keys as katerm's texts do, and fit at 80 columns."""

from __future__ import annotations

import io

import pytest
from rich.console import Console
from textual.binding import Binding

from katerm.app.keynames import panel_key
from tests.app.conftest import settle


def test_footer_and_panel_keys_are_named_as_in_katerm_texts():
    shown = [panel_key(k) for k in ("alt+left", "escape", "shift+tab", "pageup", "ctrl+pageup")]
    assert shown == ["Alt+←", "Esc", "Shift+Tab", "PgUp", "^PgUp"]
    # Ctrl, letters and function keys as Textual shows them: footers keep their width.
    assert [panel_key(k) for k in ("ctrl+q", "f1", "l", "enter")] == ["^q", "f1", "l", "⏎"]
    assert panel_key("super+c") == panel_key("ctrl+c")  # the Mac's twin shown once


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
async def test_the_key_panel_of_the_account_screen_shows_every_line_whole_at_80(
    workspace, sample, make_app, lang
):
    app = make_app(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("down", "enter")
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)
        assert app.get_key_display(Binding("alt+left", "x")) == "Alt+←"
        panel = app.screen.query_one("HelpPanel")
        keys_panel = app.screen.query_one("KeyPanel")
        assert panel.region.right <= 80 and keys_panel.region.right <= panel.region.right
        table = keys_panel.query_one("BindingsTable")
        rendered = table.render_bindings_table()
        keys = [str(cell) for cell in rendered.columns[0]._cells]
        texts = [str(cell) for cell in rendered.columns[1]._cells]
        assert "[ Alt+←" in keys and "Shift+Tab" in keys
        console = Console(width=table.size.width, record=True, file=io.StringIO())
        console.print(rendered)
        shown = "".join(console.export_text().split())
        assert "…" not in shown
        assert [text for text in texts if "".join(text.split()) not in shown] == []


@pytest.mark.parametrize(
    "keys",
    [("slash",), ("5",), ("6", "shift+tab")],
    ids=["search input", "checklist", "pipeline filter"],
)
async def test_the_chinese_key_panel_names_textuals_own_keys_in_chinese(
    workspace, sample, make_app, keys
):
    """An input, a list or a select focused: F1 listed Textual's own keys in English ("Move
    cursor left", "Select all", "Submit", the group "Input"); every line is Chinese now."""
    import re

    app = make_app("zh_CN")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press(*keys)
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)
        rendered = app.screen.query_one("BindingsTable").render_bindings_table()
        texts = [str(cell) for cell in rendered.columns[1]._cells]
        english = [x for x in texts if re.search(r"[A-Za-z]{2,}", x)]
        assert texts and english == [], english
        # The panel's help of the focused widget (how each checklist item is ticked).
        helped = getattr(app.focused, "HELP", None) or ""
        assert not re.search(r"[\u3400-\u9fff]\*{0,2}[:,;]", helped), helped
