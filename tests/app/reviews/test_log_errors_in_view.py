"""At 80×24 the log-activity dialog shows every field of its form and its Save and Cancel
buttons, and scrolls its fields to the rest; a refused save scrolls to the first bad field with
its message under it, not to the field alone."""

from __future__ import annotations

import pytest
from textual.widgets import Input, Static

from katerm.app.reviews.log_activity import LogActivityScreen
from katerm.app.widgets.form import Form
from tests.app.conftest import settle


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
async def test_a_bad_date_shows_its_message_in_view(workspace, sample, make_app, lang):
    from katerm.core.accounts import save_contact

    for name in ("王一", "王二", "王三", "王四", "王五"):  # the contacts list takes its 5 lines
        save_contact(workspace, sample["上海明珠电子科技有限公司"], None, {"name": name})
    app = make_app(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, LogActivityScreen)
        assert screen.query_one("#input-account", Input).value == "上海明珠电子科技有限公司"
        date = screen.query_one("#input-date", Input)
        date.value = "2026-13-45"
        await pilot.press("ctrl+s")
        await settle(pilot)
        message = screen.query_one("#error-date", Static)
        assert "2026-13-45" in str(message.render())
        view = screen.query_one("#log-body").scrollable_content_region
        assert date.has_focus
        assert view.contains_region(message.region), (view, message.region)


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
async def test_every_field_is_on_screen_when_the_dialog_opens_at_80x24(
    workspace, sample, make_app, lang
):
    app = make_app(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, LogActivityScreen)
        hidden = []
        for field in screen.query_one(Form).query(".field"):
            label = field.query_one(".field-label")
            drawn, _ = screen.get_widget_at(label.region.x + 1, label.region.y)
            if drawn is not label:
                hidden.append(str(label.render()))
        assert hidden == []


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
async def test_save_and_cancel_are_on_screen_at_80x24_with_many_contacts(
    workspace, sample, make_app, lang
):
    """Save (Ctrl+S) and Cancel (Esc) say how to leave the dialog: they stay in view below the
    scrolling fields (when the whole dialog scrolled they were off the screen at 80x24)."""
    from katerm.core.accounts import save_contact

    for name in ("王一", "王二", "王三", "王四", "王五"):
        save_contact(workspace, sample["上海明珠电子科技有限公司"], None, {"name": name})
    app = make_app(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, LogActivityScreen)
        for button in ("#save", "#cancel"):
            widget = screen.query_one(button)
            middle = widget.region.center
            drawn, _ = screen.get_widget_at(*middle)
            assert drawn is widget, button
