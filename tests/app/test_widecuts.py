"""A Chinese character drawn over another widget's edge stays whole: a refused key's toast at
80 columns lost the character where a box beneath had its border (``这里没有人`` / ``你汇报。``,
the ``向`` gone)."""

from __future__ import annotations

import pytest
from rich.segment import Segment
from textual.strip import Strip
from textual.widgets._toast import Toast

from katerm.app.widecuts import wide_starts
from katerm.i18n import t
from tests.app.conftest import settle

# Longer than two toast lines, so that some of its lines lie over the boxes' borders.
LONG = "客户经理今天拜访了三个重点客户并且更新了卡单记录明天继续跟进方案交流会议安排" * 2


def toast_text(app) -> str:  # type: ignore[no-untyped-def]
    """What the toast shows on screen: its lines (right of its ▌ edge) joined."""
    (toast,) = app.screen.query(Toast)
    region = toast.region
    lines = [strip.text for strip in app.screen._compositor.render_strips()]
    return "".join(line.split("▌", 1)[1].strip() for line in lines[region.y : region.bottom])


@pytest.mark.parametrize("shift", ["", "x"], ids=["even", "odd"])
async def test_a_long_chinese_notification_keeps_every_character_at_80_columns(
    make_app, sample, shift
):
    app = make_app("zh_CN")
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("5")  # boxes with borders under the toast's lines
        await settle(pilot)
        app.notify(shift + LONG, timeout=30)
        await settle(pilot)
        assert toast_text(app) == shift + LONG


async def test_a_refused_keys_explanation_is_whole(make_app, sample, workspace):
    from katerm.core.team import Member

    seller = workspace.me
    workspace.me = Member("no-such-id", "zhang.jiazi", "张嘉子", seller.id)
    app = make_app("zh_CN")
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("5")
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert toast_text(app) == t("reviews.why.edit_template")


def test_wide_starts_are_cells_not_characters():
    strip = Strip([Segment("ab"), Segment("向你x汇")])
    assert wide_starts(strip) == {2, 4, 7}
