"""A confirm dialog fits its question: no lone word or "吗？" left on a line of its own.

The dialog was 64 cells wide whatever it asked, so finishing the evening review with sellers
not yet reviewed asked "…仍要结束夕会" / "吗？" at 120x40 (issue 18). The box now takes the
question's width in terminal cells (Chinese counts double), in lines of about equal length.
"""

from __future__ import annotations

import pytest
from rich.cells import cell_len

from katerm.app.widgets.dialogs import ConfirmScreen
from katerm.i18n import set_language, t
from tests.app.conftest import settle

SIZES = [(80, 24), (120, 40)]


def shown_lines(app, widget) -> list[str]:  # type: ignore[no-untyped-def]
    """The lines of ``widget``'s text as painted on the screen (trailing spaces dropped)."""
    region = widget.content_region
    screen = [strip.text for strip in app.screen._compositor.render_strips()]
    lines = []
    for y in range(region.y, region.bottom):
        row = screen[y]
        # Columns are cells: cut the row by cell position, not by character.
        cells, text = 0, ""
        for ch in row:
            if region.x <= cells < region.right:
                text += ch
            cells += cell_len(ch)
        lines.append(text.rstrip())
    return [line for line in lines if line]


async def ask(make_app, size: tuple[int, int], lang: str, question: str, yes: str):  # type: ignore[no-untyped-def]
    app = make_app(lang)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        app.push_screen(ConfirmScreen(question, yes=yes, danger=False))
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ConfirmScreen)
        box = dialog.query_one("#dialog").outer_size
        return shown_lines(app, dialog.query_one("#question")), box


@pytest.mark.parametrize("size", SIZES)
async def test_the_evening_review_finish_question_in_chinese_has_no_lone_word(
    workspace, make_app, size
):
    set_language("zh_CN")
    try:
        question = t("reviews.ui.finish_unreviewed", count=3, names=["张嘉子", "王成云", "蔡晓海"])
        yes = t("reviews.ui.finish_anyway")
    finally:
        set_language("en")
    lines, _ = await ask(make_app, size, "zh_CN", question, yes)
    assert "".join(lines).replace(" ", "") == question.replace(" ", "")
    assert len(lines) == 2, lines
    widths = [cell_len(line) for line in lines]
    # About equal halves: the last line holds more than a word.
    assert min(widths) * 2 >= max(widths), lines


@pytest.mark.parametrize("size", SIZES)
async def test_a_short_question_is_one_line_and_the_box_no_wider_than_it_needs(
    workspace, make_app, size
):
    question = "Delete the gap row of Emily Wood (Acme)?"
    lines, box = await ask(make_app, size, "en", question, "Delete")
    assert lines == [question]
    assert box.width < 64  # the old fixed width: half the box was empty


@pytest.mark.parametrize("size", SIZES)
async def test_a_long_chinese_question_fills_the_box_in_even_lines(workspace, make_app, size):
    question = (
        "这条差距行动已有 3 条跟进记录，删除后这些记录会一并移入回收站（按 u 可撤销）。"
        "确定要删除吗？"
    )
    lines, box = await ask(make_app, size, "zh_CN", question, "删除")
    assert "".join(lines).replace(" ", "") == question.replace(" ", "")
    widths = [cell_len(line) for line in lines]
    assert widths[-1] * 2 >= max(widths), lines
    assert box.width <= 64
