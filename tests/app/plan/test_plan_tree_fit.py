"""The Plan tab's tree cuts a long line with "…", in English and Chinese, at 80 and 120 columns.

A research note longer than the screen ended mid-word at the right edge ("…pressure from
investors to raise marg"), with nothing to say it went on (issue 18).
"""

from __future__ import annotations

import pytest
from rich.cells import cell_len
from textual.widgets import TabbedContent, Tree

from katerm.core.accounts.edit import save_account
from katerm.core.plan.items import save_plan_item
from tests.app.conftest import settle

LONG = {
    "en": "Listed since 2019, pressure from investors to raise margins by five points "
    "before the next annual general meeting, so every purchase is questioned twice",
    "zh_CN": "家族企业，去年第二代接班，现金管理谨慎，所有超过五十万元的采购都要经过新任总经理"
    "和财务总监两人签字，审批周期从两周拉长到六周以上",
}


def painted(app, widget) -> list[str]:  # type: ignore[no-untyped-def]
    """``widget``'s rows as painted, cut to its content region by cells."""
    region = widget.scrollable_content_region
    rows = [strip.text for strip in app.screen._compositor.render_strips()]
    out = []
    for y in range(region.y, region.bottom):
        cells, text = 0, ""
        for ch in rows[y]:
            if region.x <= cells < region.right:
                text += ch
            cells += cell_len(ch)
        out.append(text.rstrip())
    return out


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lang", ["en", "zh_CN"])
async def test_a_long_plan_line_is_cut_with_an_ellipsis(workspace, make_app, lang, size):
    acc = save_account(workspace, None, {"name": "Acme Robotics", "tier": "A"})
    save_plan_item(
        workspace, acc, None, {"kind": "research", "title": LONG[lang], "category": "customer"}
    )
    app = make_app(lang)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        app.screen.query_one(TabbedContent).active = "tab-plan"
        await settle(pilot)
        tree = app.screen.query_one("#plan-tree", Tree)
        rows = painted(app, tree)
        width = tree.scrollable_content_region.width
        long_rows = [row for row in rows if LONG[lang][:8] in row]
        assert len(long_rows) == 1, rows
        row = long_rows[0]
        assert row.endswith("…"), row
        assert cell_len(row) <= width
        # Cut where the room ends (a wide character that does not fit leaves one cell).
        assert cell_len(row) >= width - 1, (row, width)
        assert row[:-1].split("：" if lang == "zh_CN" else ": ", 1)[1] in LONG[lang]
        # Nothing wider than the tree: no sideways scrolling to find the rest.
        assert tree.virtual_size.width <= width
