"""Esc leaves: the key panel (F1) closes with Esc, and a multi-line text box (a plan, notes)
gives the focus back to the screen, whose keys then act instead of being typed into it."""

from __future__ import annotations

import pytest
from textual.widgets import TextArea

from katerm.app.widgets.text_box import TextBox
from tests.app.conftest import settle


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
async def test_esc_closes_the_key_panel(sample, make_app, lang):
    app = make_app(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)
        assert app.screen.query("HelpPanel")
        await pilot.press("escape")
        await settle(pilot)
        assert not app.screen.query("HelpPanel")


async def test_esc_leaves_the_plan_box_and_the_screen_keys_act_again(sample, make_app):
    """The walk: typed a plan, Esc, then `1`: "Visit Stoneline1" in the box, no screen 1."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("5")
        await settle(pilot)
        plan = app.screen.query_one("#plan", TextArea)
        assert isinstance(plan, TextBox)
        plan.focus()
        await pilot.press(*"Visit")
        await pilot.press("escape")
        await settle(pilot)
        assert app.focused is not plan
        await pilot.press("1")
        await settle(pilot)
        assert app.current_mode == "accounts"
        assert plan.text == "Visit"


async def test_esc_leaves_a_forms_notes_box_and_a_second_esc_leaves_the_form(sample, make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n")  # a new account: its form has a notes box
        await settle(pilot)
        form = app.screen
        notes = form.query(TextBox).first()
        notes.focus()
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is form and app.focused is not notes
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is not form
