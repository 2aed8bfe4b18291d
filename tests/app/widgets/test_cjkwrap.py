"""Chinese text wraps between characters; Latin text wraps exactly as before."""

from __future__ import annotations

import itertools
import re

import pytest
import rich._wrap
from rich.cells import cell_len

from katerm.app import cjkwrap

RICH_WORD = re.compile(r"\s*\S+\s*")  # Rich's own

WARNING = (
    "⚠ 倾向竞争对手的高影响力人员无人覆盖（Emily Wood）：为每人指定我方负责人，并制定争取计划。"
)


def lines(text: str, width: int, word: re.Pattern[str]) -> list[str]:
    saved = rich._wrap.re_word
    rich._wrap.re_word = word
    try:
        cuts = cjkwrap.RICH_DIVIDE_LINE(text, width)
    finally:
        rich._wrap.re_word = saved
    return split(text, cuts)


def split(text: str, cuts: list[int]) -> list[str]:
    bounds = [0, *cuts, len(text)]
    return [text[a:b] for a, b in itertools.pairwise(bounds)]


def test_a_chinese_sentence_fills_its_lines_and_keeps_punctuation_off_line_starts():
    before = lines(WARNING, 40, RICH_WORD)
    after = lines(WARNING, 40, cjkwrap.WORD)
    assert before[0] == "⚠ "  # the old wrap: a line with the sign alone, the rest folded
    assert "".join(after) == WARNING
    assert all(cell_len(line.rstrip()) <= 40 for line in after)
    assert cell_len(after[0]) >= 36  # full lines, not half-empty ones
    assert not any(line[0] in "，。：；）、" for line in after[1:])
    assert not any(line.rstrip()[-1] in "（“" for line in after)
    amounts = lines("年销售额 169.65万 ≥ 100万，< 300万" * 3, 12, cjkwrap.WORD)
    assert not any(line.startswith(("万", "，")) for line in amounts)  # 169.65万 stays whole


@pytest.mark.parametrize(
    "text",
    [
        "Annual revenue 1,696,500 ≥ 1,000,000, < 3,000,000; Orders 12 ≥ 10",
        "Delete “Acme Co., Ltd.”? You can undo it afterwards with u. Don’t worry (really).",
        "Nobody on our side covers the decision maker (Henry Miller): name an owner for it.",
    ],
)
@pytest.mark.parametrize("width", [10, 23, 40])
def test_latin_text_wraps_as_rich_does(text, width):
    assert split(text, cjkwrap.divide_line(text, width)) == lines(text, width, RICH_WORD)


@pytest.mark.parametrize(
    "text",
    [
        WARNING,
        "⚠ 单线联系：所有关系都只通过 Daniel Evans。请我方第二个人参与，并接触客户更多的人。",
        "⚠ Nobody on our side covers the decision maker (Henry Miller): name an owner.",
        "Owner @Mary-Jane O’Brien, coach Lucy Nelson; Rebecca Peterson buys.",
    ],
)
def test_a_latin_name_is_never_split_between_first_and_last_name_where_it_fits(text):
    names = ("Emily Wood", "Daniel Evans", "Henry Miller", "Mary-Jane O’Brien", "Lucy Nelson")
    for width in range(20, 81):  # each name with its punctuation fits
        wrapped = split(text, cjkwrap.divide_line(text, width))
        assert "".join(wrapped) == text
        for name in (*names, "Rebecca Peterson"):
            if name in text:
                assert any(name in line for line in wrapped), (width, name, wrapped)


def test_a_name_wider_than_the_line_breaks_at_its_space_not_inside_a_word():
    text = "covers (Henry Miller): name, with Lucy Nelson"
    assert split(text, cjkwrap.divide_line(text, 14)) == [
        "covers (Henry ",
        "Miller): name, ",
        "with ",
        "Lucy Nelson",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "⚠ 35 accounts' owners do not have the grade their tier asks for: A 3 · B 12 · C 20",
        "⚠ 35 个客户的负责人能级与客户等级不符：A 3 · B 12 · C 20 · D 7 · 合计 42",
    ],
)
def test_a_separator_dot_never_starts_a_line(text):
    for width in range(12, 81):
        wrapped = split(text, cjkwrap.divide_line(text, width))
        assert "".join(wrapped) == text
        assert not any(line.lstrip().startswith("·") for line in wrapped), (width, wrapped)


@pytest.mark.parametrize("width", range(8, 41))
def test_an_item_of_a_chinese_list_is_never_split_across_lines(width):
    """The welcome screen wrapped ``…导入客户、联系人、商`` / ``机……`` (walk s9 §36): an item
    between 、 is a word, as a Latin word is between spaces."""
    text = "从 CSV、Excel 或 JSON 导入客户、联系人、商机……"
    wrapped = lines(text, width, cjkwrap.WORD)
    assert "".join(wrapped) == text
    for word in ("客户", "联系人", "商机"):
        assert any(word in line for line in wrapped), (width, wrapped)
    assert all(cell_len(line.rstrip()) <= width for line in wrapped)


async def test_the_welcome_screen_keeps_shang_ji_on_one_line(workspace, make_app):
    app = make_app("zh_CN")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        shown = [s.text for s in app.screen._compositor.render_strips()]
        assert any("商机……" in line for line in shown), "\n".join(shown)
