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
        cuts = rich._wrap.divide_line(text, width)
    finally:
        rich._wrap.re_word = saved
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
    assert lines(text, width, cjkwrap.WORD) == lines(text, width, RICH_WORD)
