"""A form dialog of a few fields is as tall as they are: a one-field dialog (add a
competitor) stood 22 rows tall at 80x24, mostly blank (issue 18, walk s9 §36)."""

from __future__ import annotations

import pytest

from katerm.app.widgets.form import FieldSpec
from katerm.app.widgets.form_dialog import FormDialog
from tests.app.conftest import settle


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_a_one_field_dialog_is_snug(workspace, make_app, size):
    app = make_app("zh_CN")
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        spec = FieldSpec("name", "名称")
        dialog = FormDialog("添加竞争对手", [spec], {"name": ""}, lambda v: None)
        await app.push_screen(dialog)
        await settle(pilot)
        box = dialog.query_one("#dialog")
        field = dialog.query_one("#input-name")
        buttons = dialog.query_one("#buttons")
        assert field.region.height and field.region.bottom <= buttons.region.y
        # Title, blank, the field, the buttons, the frame: about ten rows, not 90% of the
        # screen; no more than two blank rows between the field and the buttons.
        assert buttons.region.y - field.region.bottom <= 2, (field.region, buttons.region)
        assert box.region.height <= 12, box.region
