"""A text that tells how to reach a widget ("Tab to the table…") goes through one mechanism,
katerm.app.widgets.reach, which says it only while the widget lacks the focus (issue 18: the
Gaps tab said "按 Tab 进入表格后…" with the table already focused)."""

from __future__ import annotations

import re

import pytest

from katerm.i18n import catalogue

# "Tab" as a key to press (not "Shift+Tab", which goes back, nor a word such as "Table").
TAB_KEY = re.compile(r"(?<![+\w])Tab\b")


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_every_text_naming_the_tab_key_is_a_reach_text(lang):
    texts = catalogue(lang)
    naming_tab = [k for k, text in texts.items() if TAB_KEY.search(text)]
    assert naming_tab  # the scan sees the catalogue
    stray = [k for k in naming_tab if not k.endswith("_reach")]
    assert stray == [], "say how to reach a widget through katerm.app.widgets.reach"
    for key in naming_tab:
        base = key.removesuffix("_reach")
        assert base in texts, f"{key} wraps {base}, which is missing"
        assert "{text}" in texts[key] and not TAB_KEY.search(texts[base])


async def test_the_follow_up_notice_says_tab_only_when_the_due_list_lacks_the_focus(
    workspace, make_app
):
    """x with no follow-up picked says to pick one in the Due list; "Tab moves to the Due
    list" only when the focus is not there already."""
    from textual.widgets import OptionList

    from katerm.app.reviews.screen import ReviewsScreen
    from tests.app.conftest import settle

    app = make_app("zh_CN")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("5")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ReviewsScreen)
        due = screen.query_one("#due", OptionList)
        screen.set_focus(None)
        await settle(pilot)
        away = screen.why_not("follow_up_done", ())
        due.focus()
        await settle(pilot)
        there = screen.why_not("follow_up_done", ())
    assert away == "请先在“待办”列表中选中一条跟进事项，再按 x 标记完成。按 Tab 可移到“待办”列表。"
    assert there == "请先在“待办”列表中选中一条跟进事项，再按 x 标记完成。"
